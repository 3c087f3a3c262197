// Base-and-bounds and segmentation (SPEC 4.1, 4.2) and HYBRID's segment checks (4.5): virtual to
// linear address, or a fault. Purely combinational; the caller bypasses it for priv M.
module mmu_seg
  import mmu_gen_pkg::*, mmu_pkg::*;
(
  // Request
  input  logic [XLen-1:0]                   vaddr_i,
  input  acc_e                              acc_i,
  input  priv_e                             priv_i,
  // Configuration
  input  seg_mode_e                         seg_mode_i,
  input  logic [SegctlSelectW-1:0]             seg_sel_i,
  input  logic [SegctlVaBitsW-1:0]          seg_va_bits_i,
  input  logic [XLen-1:0]                   base_i,
  input  logic [XLen-1:0]                   bounds_i,
  input  logic [SegNum-1:0][XLen-1:0]       seg_base_i,
  input  logic [SegNum-1:0][XLen-1:0]       seg_limit_i,
  input  logic [SegNum-1:0][SegFlagsW-1:0]  seg_flags_i,
  input  logic                              hybrid_i,      // HYBRID is active (SPEC 4.5)
  input  logic [ShiftW-1:0]                 page_shift_i,  // RADIX offset bits (HYBRID)
  // Result
  output logic                              fault_o,
  output cause_e                            cause_o,
  output logic [XLen-1:0]                   linear_o,
  output logic [PaW-1:0]                    table_base_o   // HYBRID: the segment's page table
);

  // Segment fields of the address (meaningful in SegSegments, where SEGCTL was WARL-checked)
  logic [SegctlVaBitsW-1:0] off_bits;   // va_bits - select
  logic [XLen-1:0]          off_size;   // 2^off_bits
  logic [XLen-1:0]          offset;     // in-segment offset
  logic [XLen-1:0]          neg_mag;    // magnitude of a grows-down (negative) offset
  logic [SegIdxW-1:0]       seg_idx;
  logic [SegIdxW-1:0]       sel_mask;
  logic [XLen-1:0]          above_va;   // vaddr bits at or above va_bits
  logic [SegFlagsW-1:0]     flags;
  logic [XLen-1:0]          seg_base;
  logic [XLen-1:0]          seg_limit;
  logic                     perm_ok;

  always_comb begin
    off_bits  = seg_va_bits_i - SegctlVaBitsW'(seg_sel_i);
    off_size  = XLen'(1) << off_bits;
    offset    = vaddr_i & (off_size - XLen'(1));
    neg_mag   = off_size - offset;
    sel_mask  = SegIdxW'((4'd1 << seg_sel_i) - 4'd1);
    seg_idx   = SegIdxW'(vaddr_i >> off_bits) & sel_mask;
    above_va  = vaddr_i >> seg_va_bits_i;
    flags     = seg_flags_i[seg_idx];
    seg_base  = seg_base_i[seg_idx];
    seg_limit = seg_limit_i[seg_idx];
    unique case (acc_i)
      AccLoad:  perm_ok = flags[SegFlagsRLsb];
      AccStore: perm_ok = flags[SegFlagsWLsb];
      default:  perm_ok = flags[SegFlagsXLsb];  // fetch (and the illegal 3)
    endcase
    if (priv_i == PrivU && !flags[SegFlagsULsb]) begin
      perm_ok = 1'b0;
    end
  end

  always_comb begin
    fault_o  = 1'b0;
    cause_o  = CauseNone;
    linear_o = vaddr_i;
    unique case (seg_mode_i)
      SegBaseBounds: begin
        if (vaddr_i >= bounds_i) begin
          fault_o = 1'b1;
          cause_o = CauseBounds;
        end else begin
          linear_o = vaddr_i + base_i;
        end
      end
      SegSegments: begin
        if (above_va != '0) begin
          fault_o = 1'b1;
          cause_o = CauseVaRange;
        end else if (!flags[SegFlagsVLsb]) begin
          fault_o = 1'b1;
          cause_o = CauseSegInvalid;
        end else if (!perm_ok) begin
          fault_o = 1'b1;
          cause_o = CauseSegPerm;
        end else if (hybrid_i) begin
          // The in-segment VPN against the number of valid pages; grows-down is ignored, and the
          // TLB is tagged with the full VA (segment bits included).
          if ((offset >> page_shift_i) >= seg_limit) begin
            fault_o = 1'b1;
            cause_o = CausePageBound;
          end
        end else if (flags[SegFlagsDownLsb]) begin
          // Grows down: negative offset = offset - 2^off_bits, valid iff its magnitude <= LIMIT
          if (neg_mag > seg_limit) begin
            fault_o = 1'b1;
            cause_o = CauseSegLimit;
          end else begin
            linear_o = seg_base - neg_mag;
          end
        end else begin
          if (offset >= seg_limit) begin
            fault_o = 1'b1;
            cause_o = CauseSegLimit;
          end else begin
            linear_o = seg_base + offset;
          end
        end
      end
      default: ;  // SegOff: linear = vaddr
    endcase
    if (fault_o) begin
      linear_o = '0;
    end
  end

  assign table_base_o = seg_base[PaW-1:0];

  // Unused: the base's bits above the physical address space (HYBRID's table address is taken
  // modulo 2^56, SPEC 9.10).
  logic unused_seg;
  assign unused_seg = ^seg_base[XLen-1:PaW];

endmodule

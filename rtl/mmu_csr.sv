// Configuration registers (SPEC 2): CSR port, WARL rules, counters (SPEC 8) and flush requests.
module mmu_csr
  import mmu_pkg::*;
#(
  parameter int unsigned AsidWidth = 16
) (
  input  logic                              clk,
  input  logic                              rst_n,
  // Configuration port
  input  logic                              csr_valid_i,
  input  logic                              csr_write_i,
  input  logic [7:0]                        csr_addr_i,
  input  logic [XLen-1:0]                   csr_wdata_i,
  output logic                              csr_ready_o,
  output logic                              csr_rvalid_o,
  output logic [XLen-1:0]                   csr_rdata_o,
  // State of the datapath
  input  logic                              busy_i,
  input  logic [LfsrW-1:0]                  lfsr_i,
  // Counter events of this cycle
  input  logic                              ev_hit_i,
  input  logic                              ev_walk_start_i,
  input  logic                              ev_walk_cycle_i,
  input  logic                              ev_pte_read_i,
  input  logic                              ev_ad_write_i,
  input  logic                              ev_fault_i,
  input  logic                              ev_evict_i,
  // Register values
  output satp_mode_e                        satp_mode_o,
  output logic [AsidMaxW-1:0]               satp_asid_o,
  output logic [PpnW-1:0]                   satp_ppn_o,
  output logic                              sum_o,
  output logic                              mxr_o,
  output logic                              hwad_o,
  output seg_mode_e                         seg_mode_o,
  output logic [SegctlSelectW-1:0]             seg_sel_o,
  output logic [SegctlVaBitsW-1:0]          seg_va_bits_o,
  output geom_t                             geom_o,        // of the paged mode (Bare: '0)
  output logic [XLen-1:0]                   base_o,
  output logic [XLen-1:0]                   bounds_o,
  output logic [SegNum-1:0][XLen-1:0]       seg_base_o,
  output logic [SegNum-1:0][XLen-1:0]       seg_limit_o,
  output logic [SegNum-1:0][SegFlagsW-1:0]  seg_flags_o,
  output policy_e                           policy_o,
  output logic                              lfsr_we_o,
  output logic [LfsrW-1:0]                  lfsr_wdata_o,
  // Flush performed at the end of this cycle
  output logic                              flush_o,
  output logic                              flush_cmd_o,   // an accepted FLUSH write
  output flush_kind_e                       flush_kind_o,
  output logic [AsidMaxW-1:0]               flush_asid_o,
  output logic                              flush_va_ok_o,
  output logic [VpnW-1:0]                   flush_vpn_o
);

  // ---------------------------------------------------------------------------------------------
  // Registers
  // ---------------------------------------------------------------------------------------------
  satp_mode_e                        satp_mode_q, satp_mode_d;
  logic [AsidMaxW-1:0]               satp_asid_q, satp_asid_d;
  logic [PpnW-1:0]                   satp_ppn_q, satp_ppn_d;
  logic                              sum_q, sum_d;
  logic                              mxr_q, mxr_d;
  logic                              hwad_q, hwad_d;
  seg_mode_e                         seg_mode_q, seg_mode_d;
  logic [SegctlSelectW-1:0]             seg_sel_q, seg_sel_d;
  logic [SegctlVaBitsW-1:0]          seg_va_bits_q, seg_va_bits_d;
  logic                              hybrid_q, hybrid_d;
  logic [XLen-1:0]                   base_q, base_d;
  logic [XLen-1:0]                   bounds_q, bounds_d;
  logic [RadixW-1:0]                 radix_q, radix_d;
  logic [ShiftW-1:0]                 radix_idx_w_q, radix_idx_w_d;  // index bits below the top
  logic [ShiftW-1:0]                 radix_top_w_q, radix_top_w_d;  // index bits of the top level
  policy_e                           policy_q, policy_d;
  logic [XLen-1:0]                   flush_va_q, flush_va_d;
  logic [SegNum-1:0][XLen-1:0]       seg_base_q, seg_base_d;
  logic [SegNum-1:0][XLen-1:0]       seg_limit_q, seg_limit_d;
  logic [SegNum-1:0][SegFlagsW-1:0]  seg_flags_q, seg_flags_d;
  logic [CntNum-1:0][XLen-1:0]       cnt_q, cnt_d;
  logic                              rvalid_q, rvalid_d;
  logic [XLen-1:0]                   rdata_q, rdata_d;

  // ---------------------------------------------------------------------------------------------
  // Port handshake (SPEC 7: csr_ready never depends on req_valid)
  // ---------------------------------------------------------------------------------------------
  logic is_flush_addr;   // FLUSH or FLUSH_VA
  logic is_cnt_addr;     // a counter
  logic wr_acc;          // write accepted this cycle
  logic rd_acc;          // read accepted this cycle

  assign is_flush_addr = (csr_addr_i == CsrFlush) || (csr_addr_i == CsrFlushVa);
  assign is_cnt_addr   = (csr_addr_i >= CsrCntFirst) && (csr_addr_i <= CsrCntLast);
  assign csr_ready_o   = rst_n && (!busy_i || (csr_write_i && is_flush_addr) ||
                                   (!csr_write_i && is_cnt_addr));
  assign wr_acc        = csr_valid_i && csr_ready_o && csr_write_i;
  assign rd_acc        = csr_valid_i && csr_ready_o && !csr_write_i;

  // ---------------------------------------------------------------------------------------------
  // WARL decode of the write data
  // ---------------------------------------------------------------------------------------------
  // SATP: MODE 0/1/8/9 kept, MODE 15 once RADIX is legal (non-zero); Sv32 keeps PPN[21:0] and
  // ASID[52:44].
  logic [SatpModeW-1:0] w_satp_mode;
  logic                 w_satp_legal;
  logic [AsidMaxW-1:0]  w_satp_asid;
  logic [PpnW-1:0]      w_satp_ppn;

  always_comb begin
    w_satp_mode  = csr_wdata_i[SatpModeLsb +: SatpModeW];
    w_satp_legal = (w_satp_mode == SatpBare) || (w_satp_mode == SatpSv32) ||
                   (w_satp_mode == SatpSv39) || (w_satp_mode == SatpSv48) ||
                   ((w_satp_mode == SatpRadix) && (radix_q != '0));
    w_satp_asid  = csr_wdata_i[SatpAsidLsb +: AsidMaxW] &
                   asid_mask(satp_mode_e'(w_satp_mode), AsidWidth);
    w_satp_ppn   = csr_wdata_i[SatpPpnLsb +: PpnW];
    if (w_satp_mode == SatpSv32) begin
      w_satp_ppn = PpnW'(w_satp_ppn[Sv32PpnW-1:0]);
    end
  end

  // SEGCTL: mode 3 ignored; mode 2 needs 1 <= select <= 3 and select < va_bits <= 56.
  logic [SegctlModeW-1:0]   w_seg_mode;
  logic [SegctlSelectW-1:0]    w_seg_sel;
  logic [SegctlVaBitsW-1:0] w_seg_va_bits;
  logic                     w_hybrid;
  logic                     w_segctl_legal;
  logic                     w_segctl_change;

  always_comb begin
    w_seg_mode    = csr_wdata_i[SegctlModeLsb +: SegctlModeW];
    w_seg_sel     = csr_wdata_i[SegctlSelectLsb +: SegctlSelectW];
    w_seg_va_bits = csr_wdata_i[SegctlVaBitsLsb +: SegctlVaBitsW];
    w_hybrid      = csr_wdata_i[SegctlHybridLsb];
    unique case (w_seg_mode)
      SegOff, SegBaseBounds: w_segctl_legal = 1'b1;
      SegSegments: begin
        w_segctl_legal = (w_seg_sel >= 3'd1) && (w_seg_sel <= 3'd3) &&
                         (w_seg_va_bits > SegctlVaBitsW'(w_seg_sel)) &&
                         (w_seg_va_bits <= SegctlVaBitsW'(SegMaxVaBits));
      end
      default: w_segctl_legal = 1'b0;
    endcase
    w_segctl_change = (w_seg_mode != seg_mode_q) || (w_seg_sel != seg_sel_q) ||
                      (w_seg_va_bits != seg_va_bits_q) || (w_hybrid != hybrid_q);
  end

  // RADIX (SPEC 4.4): 1 <= offset < va_bits <= 56, 1 <= levels <= va_bits - offset, PFN width >= 1,
  // valid bit, present bit (if used) and PFN field disjoint and below 8 x PTE size.
  logic [RadixFieldW-1:0] r_va_bits, r_offset, r_valid_bit, r_pres_bit, r_pfn_lsb, r_pfn_w;
  logic [1:0]             r_levels, r_pte_sz;
  logic                   r_pres_used;
  logic [RadixFieldW+1:0] r_pte_bits;  // 8, 16, 32 or 64
  logic [RadixFieldW+1:0] r_pfn_end;   // one past the PFN field's top bit
  logic                   w_radix_legal;

  always_comb begin
    r_va_bits   = csr_wdata_i[RadixVaBitsLsb +: RadixFieldW];
    r_offset    = csr_wdata_i[RadixOffsetLsb +: RadixFieldW];
    r_levels    = csr_wdata_i[RadixLevelsLsb +: 2];
    r_pte_sz    = csr_wdata_i[RadixPteLog2Lsb +: 2];
    r_valid_bit = csr_wdata_i[RadixValidBitLsb +: RadixFieldW];
    r_pres_bit  = csr_wdata_i[RadixPresentBitLsb +: RadixFieldW];
    r_pres_used = csr_wdata_i[RadixPresentUsedLsb];
    r_pfn_lsb   = csr_wdata_i[RadixPfnLsbLsb +: RadixFieldW];
    r_pfn_w     = csr_wdata_i[RadixPfnWidthLsb +: RadixFieldW];
    r_pte_bits  = (RadixFieldW + 2)'(8) << r_pte_sz;
    r_pfn_end   = (RadixFieldW + 2)'(r_pfn_lsb) + (RadixFieldW + 2)'(r_pfn_w);
    w_radix_legal =
        (r_offset >= 6'd1) && (r_offset < r_va_bits) &&
        (r_va_bits <= RadixFieldW'(RadixMaxVaBits)) &&
        (r_levels >= 2'd1) && (RadixFieldW'(r_levels) <= r_va_bits - r_offset) &&
        (r_pfn_w >= 6'd1) &&
        ((RadixFieldW + 2)'(r_valid_bit) < r_pte_bits) &&
        (r_pfn_end <= r_pte_bits) &&
        !((r_valid_bit >= r_pfn_lsb) && ((RadixFieldW + 2)'(r_valid_bit) < r_pfn_end)) &&
        (!r_pres_used ||
         (((RadixFieldW + 2)'(r_pres_bit) < r_pte_bits) && (r_pres_bit != r_valid_bit) &&
          !((r_pres_bit >= r_pfn_lsb) && ((RadixFieldW + 2)'(r_pres_bit) < r_pfn_end))));
  end

  // The VPN (va_bits - offset bits) split evenly over the levels, the top level taking the
  // remainder (SPEC 4.4); kept with RADIX so that no division sits on the request path.
  logic [RadixFieldW-1:0] r_vpn_bits, r_idx_w, r_top_w;

  always_comb begin
    r_vpn_bits = r_va_bits - r_offset;
    r_idx_w    = (r_levels == 2'd0) ? '0 : r_vpn_bits / RadixFieldW'(r_levels);
    r_top_w    = r_vpn_bits - (RadixFieldW'(r_levels) - RadixFieldW'(1)) * r_idx_w;
  end

  // ---------------------------------------------------------------------------------------------
  // Register writes and flush generation
  // ---------------------------------------------------------------------------------------------
  always_comb begin
    satp_mode_d   = satp_mode_q;
    satp_asid_d   = satp_asid_q;
    satp_ppn_d    = satp_ppn_q;
    sum_d         = sum_q;
    mxr_d         = mxr_q;
    hwad_d        = hwad_q;
    seg_mode_d    = seg_mode_q;
    seg_sel_d     = seg_sel_q;
    seg_va_bits_d = seg_va_bits_q;
    hybrid_d      = hybrid_q;
    base_d        = base_q;
    bounds_d      = bounds_q;
    radix_d       = radix_q;
    radix_idx_w_d = radix_idx_w_q;
    radix_top_w_d = radix_top_w_q;
    policy_d      = policy_q;
    flush_va_d    = flush_va_q;
    seg_base_d    = seg_base_q;
    seg_limit_d   = seg_limit_q;
    seg_flags_d   = seg_flags_q;
    lfsr_we_o     = 1'b0;
    lfsr_wdata_o  = csr_wdata_i[TlbctlLfsrLsb +: LfsrW];
    flush_o       = 1'b0;
    flush_cmd_o   = 1'b0;
    flush_kind_o  = FlushAll;

    if (lfsr_wdata_o == '0) begin
      lfsr_wdata_o = LfsrW'(1);  // 0 loads 1
    end

    if (wr_acc) begin
      unique case (csr_addr_i)
        CsrSatp: begin
          if (w_satp_legal) begin
            satp_mode_d = satp_mode_e'(w_satp_mode);
            satp_asid_d = w_satp_asid;
            satp_ppn_d  = w_satp_ppn;
            flush_o     = (satp_mode_e'(w_satp_mode) != satp_mode_q);
          end
        end
        CsrStatus: begin
          sum_d  = csr_wdata_i[StatusSumLsb];
          mxr_d  = csr_wdata_i[StatusMxrLsb];
          hwad_d = csr_wdata_i[StatusHwadLsb];
        end
        CsrSegctl: begin
          if (w_segctl_legal) begin
            seg_mode_d    = seg_mode_e'(w_seg_mode);
            seg_sel_d     = w_seg_sel;
            seg_va_bits_d = w_seg_va_bits;
            hybrid_d      = w_hybrid;
            flush_o       = w_segctl_change;
          end
        end
        CsrBase:   base_d = csr_wdata_i;
        CsrBounds: bounds_d = csr_wdata_i;
        CsrRadix: begin
          if (w_radix_legal) begin
            radix_d       = csr_wdata_i[RadixW-1:0];
            radix_idx_w_d = r_idx_w;
            radix_top_w_d = r_top_w;
            flush_o       = (csr_wdata_i[RadixW-1:0] != radix_q);
          end
        end
        CsrTlbctl: begin
          policy_d  = policy_e'(csr_wdata_i[TlbctlPolicyLsb +: TlbctlPolicyW]);
          lfsr_we_o = 1'b1;
        end
        CsrFlush: begin
          flush_o      = 1'b1;
          flush_cmd_o  = 1'b1;
          flush_kind_o = flush_kind_e'(csr_wdata_i[FlushKindLsb +: FlushKindW]);
        end
        CsrFlushVa: flush_va_d = csr_wdata_i;
        default: begin
          // Segment registers 0x10 + 3n + {BASE, LIMIT, FLAGS}; counters and holes ignore writes
          for (int unsigned n = 0; n < SegNum; n++) begin
            if (csr_addr_i == CsrSegFirst + 8'(3 * n)) begin
              seg_base_d[n] = csr_wdata_i;
            end
            if (csr_addr_i == CsrSegFirst + 8'(3 * n + 1)) begin
              seg_limit_d[n] = csr_wdata_i;
            end
            if (csr_addr_i == CsrSegFirst + 8'(3 * n + 2)) begin
              seg_flags_d[n] = csr_wdata_i[SegFlagsW-1:0];
            end
          end
        end
      endcase
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Geometry of the paged mode (register-derived: no write reaches it while a walk uses it)
  // ---------------------------------------------------------------------------------------------
  logic              hybrid_on;   // SPEC 4.5, 9.7
  logic [ShiftW-1:0] seg_off_bits;  // va_bits - select: the in-segment offset

  assign seg_off_bits = seg_va_bits_q - ShiftW'(seg_sel_q);
  assign hybrid_on    = (seg_mode_q == SegSegments) && hybrid_q &&
                        (seg_off_bits > radix_q[RadixOffsetLsb +: RadixFieldW]);

  always_comb begin
    geom_o = '0;
    unique case (satp_mode_q)
      SatpSv32: begin
        geom_o.top_level = Sv32TopLevel;
        geom_o.shift     = ShiftW'(PageOffW);
        geom_o.idx_w     = ShiftW'(Sv32IdxW);
        geom_o.top_w     = ShiftW'(Sv32IdxW);
        geom_o.pte_size  = Sv32PteSize;
        geom_o.va_bits   = ShiftW'(Sv32VaW);
        geom_o.ppn_w     = ShiftW'(Sv32PpnW);
      end
      SatpSv39, SatpSv48: begin
        geom_o.top_level = (satp_mode_q == SatpSv39) ? Sv39TopLevel : Sv48TopLevel;
        geom_o.shift     = ShiftW'(PageOffW);
        geom_o.idx_w     = ShiftW'(Sv64IdxW);
        geom_o.top_w     = ShiftW'(Sv64IdxW);
        geom_o.pte_size  = Sv64PteSize;
        geom_o.va_bits   = ShiftW'((satp_mode_q == SatpSv39) ? Sv39VaW : Sv48VaW);
        geom_o.canonical = 1'b1;
        geom_o.ppn_w     = ShiftW'(PpnW);
      end
      SatpRadix: begin
        geom_o.teaching     = 1'b1;
        geom_o.hybrid       = hybrid_on;
        geom_o.shift        = radix_q[RadixOffsetLsb +: RadixFieldW];
        geom_o.pte_size     = radix_q[RadixPteLog2Lsb +: 2];
        geom_o.ppn_w        = radix_q[RadixPfnWidthLsb +: RadixFieldW];
        geom_o.valid_bit    = radix_q[RadixValidBitLsb +: RadixFieldW];
        geom_o.present_bit  = radix_q[RadixPresentBitLsb +: RadixFieldW];
        geom_o.present_used = radix_q[RadixPresentUsedLsb];
        geom_o.pfn_lsb      = radix_q[RadixPfnLsbLsb +: RadixFieldW];
        if (hybrid_on) begin
          // one level over the in-segment VPN; RADIX va_bits and levels are ignored
          geom_o.top_level = '0;
          geom_o.idx_w     = seg_off_bits - geom_o.shift;
          geom_o.top_w     = seg_off_bits - geom_o.shift;
          geom_o.va_bits   = seg_va_bits_q;
        end else begin
          geom_o.top_level = LevelW'(radix_q[RadixLevelsLsb +: 2] - 2'd1);
          geom_o.idx_w     = radix_idx_w_q;
          geom_o.top_w     = radix_top_w_q;
          geom_o.va_bits   = radix_q[RadixVaBitsLsb +: RadixFieldW];
        end
      end
      default: ;  // Bare
    endcase
  end

  assign flush_asid_o  = csr_wdata_i[FlushAsidLsb +: AsidMaxW];
  assign flush_va_ok_o = (satp_mode_q != SatpBare) &&
                         va_ok(geom_o.canonical, geom_o.va_bits, flush_va_q);
  assign flush_vpn_o   = VpnW'(flush_va_q[TagVaW-1:0] >> geom_o.shift);

  // ---------------------------------------------------------------------------------------------
  // Counters (SPEC 8): events of this cycle count at its closing edge
  // ---------------------------------------------------------------------------------------------
  logic [CntNum-1:0] cnt_inc;

  always_comb begin
    cnt_inc                = '0;
    cnt_inc[CntHits]       = ev_hit_i;
    cnt_inc[CntMisses]     = ev_walk_start_i;
    cnt_inc[CntWalks]      = ev_walk_start_i;
    cnt_inc[CntWalkCycles] = ev_walk_cycle_i;
    cnt_inc[CntPteReads]   = ev_pte_read_i;
    cnt_inc[CntAdWrites]   = ev_ad_write_i;
    cnt_inc[CntFaults]     = ev_fault_i;
    cnt_inc[CntEvictions]  = ev_evict_i;
    cnt_inc[CntFlushes]    = flush_cmd_o;
    for (int unsigned i = 0; i < CntNum; i++) begin
      cnt_d[i] = cnt_q[i] + XLen'(cnt_inc[i]);
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Reads: the value held during the accepting cycle, presented in the next
  // ---------------------------------------------------------------------------------------------
  logic [XLen-1:0] rd_value;

  always_comb begin
    rd_value = '0;
    unique case (csr_addr_i)
      CsrSatp: begin
        rd_value[SatpModeLsb +: SatpModeW] = satp_mode_q;
        rd_value[SatpAsidLsb +: AsidMaxW]  = satp_asid_q;
        rd_value[SatpPpnLsb +: PpnW]       = satp_ppn_q;
      end
      CsrStatus: begin
        rd_value[StatusSumLsb]  = sum_q;
        rd_value[StatusMxrLsb]  = mxr_q;
        rd_value[StatusHwadLsb] = hwad_q;
      end
      CsrSegctl: begin
        rd_value[SegctlModeLsb +: SegctlModeW]     = seg_mode_q;
        rd_value[SegctlSelectLsb +: SegctlSelectW]       = seg_sel_q;
        rd_value[SegctlVaBitsLsb +: SegctlVaBitsW] = seg_va_bits_q;
        rd_value[SegctlHybridLsb]                  = hybrid_q;
      end
      CsrBase:    rd_value = base_q;
      CsrBounds:  rd_value = bounds_q;
      CsrRadix:   rd_value = XLen'(radix_q);
      CsrTlbctl: begin
        rd_value[TlbctlPolicyLsb +: TlbctlPolicyW] = policy_q;
        rd_value[TlbctlLfsrLsb +: LfsrW]           = lfsr_i;
      end
      CsrFlushVa: rd_value = flush_va_q;
      default: begin
        for (int unsigned n = 0; n < SegNum; n++) begin
          if (csr_addr_i == CsrSegFirst + 8'(3 * n)) begin
            rd_value = seg_base_q[n];
          end
          if (csr_addr_i == CsrSegFirst + 8'(3 * n + 1)) begin
            rd_value = seg_limit_q[n];
          end
          if (csr_addr_i == CsrSegFirst + 8'(3 * n + 2)) begin
            rd_value = XLen'(seg_flags_q[n]);
          end
        end
        for (int unsigned i = 0; i < CntNum; i++) begin
          if (csr_addr_i == CsrCntFirst + 8'(i)) begin
            rd_value = cnt_q[i];
          end
        end
      end
    endcase
  end

  assign rvalid_d = rd_acc;
  assign rdata_d  = rd_acc ? rd_value : '0;

  // ---------------------------------------------------------------------------------------------
  // Flops
  // ---------------------------------------------------------------------------------------------
  always_ff @(posedge clk) begin
    if (!rst_n) begin
      satp_mode_q   <= SatpBare;
      satp_asid_q   <= '0;
      satp_ppn_q    <= '0;
      sum_q         <= 1'b0;
      mxr_q         <= 1'b0;
      hwad_q        <= 1'b0;
      seg_mode_q    <= SegOff;
      seg_sel_q     <= '0;
      seg_va_bits_q <= '0;
      hybrid_q      <= 1'b0;
      base_q        <= '0;
      bounds_q      <= '0;
      radix_q       <= '0;
      radix_idx_w_q <= '0;
      radix_top_w_q <= '0;
      policy_q      <= PolicyLru;
      flush_va_q    <= '0;
      seg_base_q    <= '0;
      seg_limit_q   <= '0;
      seg_flags_q   <= '0;
      cnt_q         <= '0;
      rvalid_q      <= 1'b0;
      rdata_q       <= '0;
    end else begin
      satp_mode_q   <= satp_mode_d;
      satp_asid_q   <= satp_asid_d;
      satp_ppn_q    <= satp_ppn_d;
      sum_q         <= sum_d;
      mxr_q         <= mxr_d;
      hwad_q        <= hwad_d;
      seg_mode_q    <= seg_mode_d;
      seg_sel_q     <= seg_sel_d;
      seg_va_bits_q <= seg_va_bits_d;
      hybrid_q      <= hybrid_d;
      base_q        <= base_d;
      bounds_q      <= bounds_d;
      radix_q       <= radix_d;
      radix_idx_w_q <= radix_idx_w_d;
      radix_top_w_q <= radix_top_w_d;
      policy_q      <= policy_d;
      flush_va_q    <= flush_va_d;
      seg_base_q    <= seg_base_d;
      seg_limit_q   <= seg_limit_d;
      seg_flags_q   <= seg_flags_d;
      cnt_q         <= cnt_d;
      rvalid_q      <= rvalid_d;
      rdata_q       <= rdata_d;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Outputs
  // ---------------------------------------------------------------------------------------------
  assign satp_mode_o   = satp_mode_q;
  assign satp_asid_o   = satp_asid_q;
  assign satp_ppn_o    = satp_ppn_q;
  assign sum_o         = sum_q;
  assign mxr_o         = mxr_q;
  assign hwad_o        = hwad_q;
  assign seg_mode_o    = seg_mode_q;
  assign seg_sel_o     = seg_sel_q;
  assign seg_va_bits_o = seg_va_bits_q;
  assign base_o        = base_q;
  assign bounds_o      = bounds_q;
  assign seg_base_o    = seg_base_q;
  assign seg_limit_o   = seg_limit_q;
  assign seg_flags_o   = seg_flags_q;
  assign policy_o      = policy_q;
  assign csr_rvalid_o  = rst_n && rvalid_q;
  assign csr_rdata_o   = (rst_n && rvalid_q) ? rdata_q : '0;

  // ---------------------------------------------------------------------------------------------
  // Assertions
  // ---------------------------------------------------------------------------------------------
  // A register that changes translation is never written while a walk uses it.
  assert property (@(posedge clk) disable iff (!rst_n)
      busy_i |-> !(wr_acc && !is_flush_addr));
  // The stored SATP ASID never holds bits beyond the build's or the mode's ASID width.
  // (Through a named signal: Verilator 5.006 miscompiles the sampled satp_mode_q inside it.)
  logic [AsidMaxW-1:0] satp_asid_mask;
  assign satp_asid_mask = asid_mask(satp_mode_q, AsidWidth);
  assert property (@(posedge clk) disable iff (!rst_n) (satp_asid_q & ~satp_asid_mask) == '0);
  // Segments are only active with a SEGCTL that passed the WARL check.
  assert property (@(posedge clk) disable iff (!rst_n)
      seg_mode_q == SegSegments |-> (seg_sel_q inside {3'd1, 3'd2, 3'd3}) &&
                                    (seg_va_bits_q > SegctlVaBitsW'(seg_sel_q)) &&
                                    (seg_va_bits_q <= SegctlVaBitsW'(SegMaxVaBits)));

endmodule

// Configuration registers (SPEC 2): CSR port, WARL rules, counters (SPEC 8) and flush requests.
module mmu_csr
  import mmu_gen_pkg::*, mmu_pkg::*;
#(
  parameter int unsigned AsidWidth  = 16,
  parameter int unsigned TlbEntries = 16
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
  input  logic                              ev_soft_miss_i,   // a TLB_MISS answer (MISSES)
  // Soft mode (SPEC 4.6): the TLB_MISS answered this cycle, for TLB_BADVA and TLB_HI
  input  logic [XLen-1:0]                   miss_vaddr_i,
  input  logic [TlbHiVpnW-1:0]              miss_vpn_i,       // its looked-up address [38:12]
  // ... the TLB_CMD accepted this cycle, decided on TLB_INDEX, TLB_HI and TLB_LO as held
  output logic                              tlbcmd_o,
  output tlb_cmd_e                          tlbcmd_kind_o,
  output logic                              tlbcmd_write_o,   // TLBWI/TLBWR of a legal leaf, V = 1
  output logic                              tlbcmd_inval_o,   // TLBWI with V = 0
  output logic [IdxMaxW-1:0]                tlb_index_o,
  output tlb_entry_t                        tlb_entry_o,      // TLB_HI and TLB_LO as an entry
  output logic [AsidMaxW-1:0]               tlb_entry_asid_o,
  // ... and what TLBP and TLBR find in the TLB
  input  logic                              probe_hit_i,
  input  logic [IdxMaxW-1:0]                probe_idx_i,
  input  tlb_entry_t                        read_entry_i,
  input  logic [AsidMaxW-1:0]               read_asid_i,
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
  // Written with enables (docs/decisions.md 13): a register changes only at an accepted write of
  // its address, a counter only on its event, the read data only at an accepted read.
  satp_mode_e                        satp_mode_q;
  logic [AsidMaxW-1:0]               satp_asid_q;
  logic [PpnW-1:0]                   satp_ppn_q;
  logic                              sum_q;
  logic                              mxr_q;
  logic                              hwad_q;
  seg_mode_e                         seg_mode_q;
  logic [SegctlSelectW-1:0]          seg_sel_q;
  logic [SegctlVaBitsW-1:0]          seg_va_bits_q;
  logic                              hybrid_q;
  logic [XLen-1:0]                   base_q;
  logic [XLen-1:0]                   bounds_q;
  logic [RadixW-1:0]                 radix_q;
  logic [ShiftW-1:0]                 radix_idx_w_q;  // index bits below the top
  logic [ShiftW-1:0]                 radix_top_w_q;  // index bits of the top level
  policy_e                           policy_q;
  logic [XLen-1:0]                   flush_va_q;
  logic [SegNum-1:0][XLen-1:0]       seg_base_q;
  logic [SegNum-1:0][XLen-1:0]       seg_limit_q;
  logic [SegNum-1:0][SegFlagsW-1:0]  seg_flags_q;
  logic [CntNum-1:0][XLen-1:0]       cnt_q;
  logic                              rvalid_q;
  logic [XLen-1:0]                   rdata_q;
  // Soft mode (SPEC 4.6)
  logic [TlbIndexIndexW-1:0]         tlb_index_q;
  logic                              tlb_p_q;        // the latest TLBP found nothing
  logic [AsidMaxW-1:0]               tlb_hi_asid_q;
  logic [TlbHiVpnW-1:0]              tlb_hi_vpn_q;
  logic [TlbHiLevelW-1:0]            tlb_hi_level_q;
  logic [TlbLoPpnW-1:0]              tlb_lo_ppn_q;
  logic [7:0]                        tlb_lo_flags_q; // V R W X U G A D
  logic [XLen-1:0]                   tlb_badva_q;

  // ASID bits of the current mode at the build's width, and of the build alone (TLB_HI, 9.16)
  logic [AsidMaxW-1:0] satp_asid_mask, build_asid_mask;
  assign satp_asid_mask  = asid_mask(satp_mode_q, AsidWidth);
  assign build_asid_mask = asid_mask(SatpSv39, AsidWidth);

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
  // WARL rules of the write data (SPEC 2, 4.4): functions, evaluated only for an accepted write
  // of their register
  // ---------------------------------------------------------------------------------------------
  // SATP: MODE 0/1/8/9 kept, MODE 15 once RADIX is legal (non-zero); Sv32 keeps PPN[21:0] and
  // ASID[52:44].
  function automatic logic satp_legal(logic [SatpModeW-1:0] mode, logic [RadixW-1:0] radix);
    return (mode == SatpBare) || (mode == SatpSv32) || (mode == SatpSv39) || (mode == SatpSv48) ||
           (mode == SatpSoft) || ((mode == SatpRadix) && (radix != '0));
  endfunction

  function automatic logic [AsidMaxW-1:0] satp_asid_kept(logic [SatpModeW-1:0] mode,
                                                         logic [AsidMaxW-1:0] asid);
    return asid & asid_mask(satp_mode_e'(mode), AsidWidth);
  endfunction

  function automatic logic [PpnW-1:0] satp_ppn_kept(logic [SatpModeW-1:0] mode,
                                                    logic [PpnW-1:0] ppn);
    return (mode == SatpSv32) ? PpnW'(ppn[Sv32PpnW-1:0]) : ppn;
  endfunction

  // SEGCTL: mode 3 ignored; mode 2 needs 1 <= select <= 3 and select < va_bits <= 56.
  function automatic logic segctl_legal(logic [SegctlModeW-1:0] mode, logic [SegctlSelectW-1:0] sel,
                                        logic [SegctlVaBitsW-1:0] va_bits);
    unique case (mode)
      SegOff, SegBaseBounds: return 1'b1;
      SegSegments: return (sel >= 3'd1) && (sel <= 3'd3) && (va_bits > SegctlVaBitsW'(sel)) &&
                          (va_bits <= SegctlVaBitsW'(SegMaxVaBits));
      default: return 1'b0;
    endcase
  endfunction

  // RADIX (SPEC 4.4): 1 <= offset < va_bits <= 56, 1 <= levels <= va_bits - offset, PFN width >= 1,
  // valid bit, present bit (if used) and PFN field disjoint and below 8 x PTE size.
  function automatic logic radix_legal(logic [RadixW-1:0] d);
    logic [RadixFieldW-1:0] va_bits, offset, valid_bit, pres_bit, pfn_lsb, pfn_w;
    logic [1:0]             levels;
    logic                   pres_used;
    logic [RadixFieldW+1:0] pte_bits;  // 8, 16, 32 or 64
    logic [RadixFieldW+1:0] pfn_end;   // one past the PFN field's top bit
    va_bits   = d[RadixVaBitsLsb +: RadixFieldW];
    offset    = d[RadixOffsetLsb +: RadixFieldW];
    levels    = d[RadixLevelsLsb +: 2];
    valid_bit = d[RadixValidBitLsb +: RadixFieldW];
    pres_bit  = d[RadixPresentBitLsb +: RadixFieldW];
    pres_used = d[RadixPresentUsedLsb];
    pfn_lsb   = d[RadixPfnLsbLsb +: RadixFieldW];
    pfn_w     = d[RadixPfnWidthLsb +: RadixFieldW];
    pte_bits  = (RadixFieldW + 2)'(8) << d[RadixPteLog2Lsb +: 2];
    pfn_end   = (RadixFieldW + 2)'(pfn_lsb) + (RadixFieldW + 2)'(pfn_w);
    return (offset >= 6'd1) && (offset < va_bits) && (va_bits <= RadixFieldW'(RadixMaxVaBits)) &&
           (levels >= 2'd1) && (RadixFieldW'(levels) <= va_bits - offset) &&
           (pfn_w >= 6'd1) &&
           ((RadixFieldW + 2)'(valid_bit) < pte_bits) &&
           (pfn_end <= pte_bits) &&
           !((valid_bit >= pfn_lsb) && ((RadixFieldW + 2)'(valid_bit) < pfn_end)) &&
           (!pres_used ||
            (((RadixFieldW + 2)'(pres_bit) < pte_bits) && (pres_bit != valid_bit) &&
             !((pres_bit >= pfn_lsb) && ((RadixFieldW + 2)'(pres_bit) < pfn_end))));
  endfunction

  // The VPN (va_bits - offset bits) split evenly over the levels, the top level taking the
  // remainder (SPEC 4.4); kept with RADIX so that no division sits on the request path.
  function automatic logic [RadixFieldW-1:0] radix_idx_w(logic [RadixFieldW-1:0] va_bits,
                                                         logic [RadixFieldW-1:0] offset,
                                                         logic [1:0] levels);
    return (levels == 2'd0) ? '0 : (va_bits - offset) / RadixFieldW'(levels);
  endfunction

  function automatic logic [RadixFieldW-1:0] radix_top_w(logic [RadixFieldW-1:0] va_bits,
                                                         logic [RadixFieldW-1:0] offset,
                                                         logic [1:0] levels);
    return (va_bits - offset) - (RadixFieldW'(levels) - RadixFieldW'(1)) *
                                radix_idx_w(va_bits, offset, levels);
  endfunction

  // ---------------------------------------------------------------------------------------------
  // What a write does in its own cycle: the flush it causes (trace_flush_valid, the TLB) and the
  // LFSR load of a TLBCTL write
  // ---------------------------------------------------------------------------------------------
  // the fields a write asks for
  logic [SatpModeW-1:0]     w_satp_mode;
  logic [SegctlModeW-1:0]   w_seg_mode;
  logic [SegctlSelectW-1:0] w_seg_sel;
  logic [SegctlVaBitsW-1:0] w_seg_va_bits;
  logic [RadixFieldW-1:0]   w_radix_va_bits, w_radix_offset;
  logic [1:0]               w_radix_levels;
  logic                     segctl_change;  // a SEGCTL write changes the segmentation

  assign w_satp_mode     = csr_wdata_i[SatpModeLsb +: SatpModeW];
  assign w_seg_mode      = csr_wdata_i[SegctlModeLsb +: SegctlModeW];
  assign w_seg_sel       = csr_wdata_i[SegctlSelectLsb +: SegctlSelectW];
  assign w_seg_va_bits   = csr_wdata_i[SegctlVaBitsLsb +: SegctlVaBitsW];
  assign w_radix_va_bits = csr_wdata_i[RadixVaBitsLsb +: RadixFieldW];
  assign w_radix_offset  = csr_wdata_i[RadixOffsetLsb +: RadixFieldW];
  assign w_radix_levels  = csr_wdata_i[RadixLevelsLsb +: 2];

  assign segctl_change = (w_seg_mode != seg_mode_q) || (w_seg_sel != seg_sel_q) ||
                         (w_seg_va_bits != seg_va_bits_q) ||
                         (csr_wdata_i[SegctlHybridLsb] != hybrid_q);

  // TLB_CMD (SPEC 4.6): acts only in Soft mode; TLBWI and TLBWR write only a legal leaf (R or X,
  // and not W without R) with V = 1; TLBWI with V = 0 invalidates entry TLB_INDEX.
  logic lo_v, lo_leaf;

  assign lo_v           = tlb_lo_flags_q[PteV];
  assign lo_leaf        = (tlb_lo_flags_q[PteR] || tlb_lo_flags_q[PteX]) &&
                          !(tlb_lo_flags_q[PteW] && !tlb_lo_flags_q[PteR]);
  assign tlbcmd_o       = wr_acc && (csr_addr_i == CsrTlbCmd) && (satp_mode_q == SatpSoft);
  assign tlbcmd_kind_o  = tlb_cmd_e'(csr_wdata_i[TlbCmdCmdLsb +: TlbCmdCmdW]);
  assign tlbcmd_write_o = tlbcmd_o && lo_v && lo_leaf &&
                          (tlbcmd_kind_o == TlbCmdTlbwi || tlbcmd_kind_o == TlbCmdTlbwr);
  assign tlbcmd_inval_o = tlbcmd_o && !lo_v && (tlbcmd_kind_o == TlbCmdTlbwi);
  assign tlb_index_o    = IdxMaxW'(tlb_index_q);

  always_comb begin
    tlb_entry_o        = '0;
    tlb_entry_o.valid  = 1'b1;
    tlb_entry_o.is_global = tlb_lo_flags_q[PteG];
    tlb_entry_o.vpn    = soft_vpn(tlb_hi_vpn_q);
    tlb_entry_o.level  = LevelW'(tlb_hi_level_q);
    tlb_entry_o.ppn    = TlbPpnW'(tlb_lo_ppn_q);
    tlb_entry_o.r      = tlb_lo_flags_q[PteR];
    tlb_entry_o.w      = tlb_lo_flags_q[PteW];
    tlb_entry_o.x      = tlb_lo_flags_q[PteX];
    tlb_entry_o.u      = tlb_lo_flags_q[PteU];
    tlb_entry_o.a      = tlb_lo_flags_q[PteA];
    tlb_entry_o.d      = tlb_lo_flags_q[PteD];
  end
  assign tlb_entry_asid_o = tlb_hi_asid_q;

  always_comb begin
    lfsr_we_o    = 1'b0;
    lfsr_wdata_o = csr_wdata_i[TlbctlLfsrLsb +: LfsrW];
    flush_o      = 1'b0;
    flush_cmd_o  = 1'b0;
    flush_kind_o = FlushAll;
    if (lfsr_wdata_o == '0) begin
      lfsr_wdata_o = LfsrW'(1);  // 0 loads 1
    end
    if (wr_acc) begin
      unique case (csr_addr_i)
        CsrSatp: begin
          flush_o = satp_legal(w_satp_mode, radix_q) &&
                    (satp_mode_e'(w_satp_mode) != satp_mode_q);
        end
        CsrSegctl: flush_o = segctl_legal(w_seg_mode, w_seg_sel, w_seg_va_bits) && segctl_change;
        CsrRadix: begin
          flush_o = radix_legal(csr_wdata_i[RadixW-1:0]) && (csr_wdata_i[RadixW-1:0] != radix_q);
        end
        CsrTlbctl: lfsr_we_o = 1'b1;
        CsrFlush: begin
          flush_o      = 1'b1;
          flush_cmd_o  = 1'b1;
          flush_kind_o = flush_kind_e'(csr_wdata_i[FlushKindLsb +: FlushKindW]);
        end
        default: ;
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
      SatpSv39, SatpSv48, SatpSoft: begin  // Soft: Sv39's address space, no walker (SPEC 4.6)
        geom_o.soft_mode = (satp_mode_q == SatpSoft);
        geom_o.top_level = (satp_mode_q == SatpSv48) ? Sv48TopLevel : Sv39TopLevel;
        geom_o.shift     = ShiftW'(PageOffW);
        geom_o.idx_w     = ShiftW'(Sv64IdxW);
        geom_o.top_w     = ShiftW'(Sv64IdxW);
        geom_o.pte_size  = Sv64PteSize;
        geom_o.va_bits   = ShiftW'((satp_mode_q == SatpSv48) ? Sv48VaW : Sv39VaW);
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
    cnt_inc[CntMisses]     = ev_walk_start_i || ev_soft_miss_i;
    cnt_inc[CntWalks]      = ev_walk_start_i;
    cnt_inc[CntWalkCycles] = ev_walk_cycle_i;
    cnt_inc[CntPteReads]   = ev_pte_read_i;
    cnt_inc[CntAdWrites]   = ev_ad_write_i;
    cnt_inc[CntFaults]     = ev_fault_i;
    cnt_inc[CntEvictions]  = ev_evict_i;
    cnt_inc[CntFlushes]    = flush_cmd_o;
  end

  // ---------------------------------------------------------------------------------------------
  // Reads: the value held during the accepting cycle, presented in the next
  // ---------------------------------------------------------------------------------------------
  function automatic logic [XLen-1:0] read_value(logic [7:0] addr);
    logic [XLen-1:0] v;
    v = '0;
    unique case (addr)
      CsrSatp: begin
        v[SatpModeLsb +: SatpModeW] = satp_mode_q;
        v[SatpAsidLsb +: AsidMaxW]  = satp_asid_q;
        v[SatpPpnLsb +: PpnW]       = satp_ppn_q;
      end
      CsrStatus: begin
        v[StatusSumLsb]  = sum_q;
        v[StatusMxrLsb]  = mxr_q;
        v[StatusHwadLsb] = hwad_q;
      end
      CsrSegctl: begin
        v[SegctlModeLsb +: SegctlModeW]     = seg_mode_q;
        v[SegctlSelectLsb +: SegctlSelectW] = seg_sel_q;
        v[SegctlVaBitsLsb +: SegctlVaBitsW] = seg_va_bits_q;
        v[SegctlHybridLsb]                  = hybrid_q;
      end
      CsrBase:    v = base_q;
      CsrBounds:  v = bounds_q;
      CsrRadix:   v = XLen'(radix_q);
      CsrTlbctl: begin
        v[TlbctlPolicyLsb +: TlbctlPolicyW] = policy_q;
        v[TlbctlLfsrLsb +: LfsrW]           = lfsr_i;
      end
      CsrFlushVa: v = flush_va_q;
      CsrTlbIndex: begin
        v[TlbIndexIndexLsb +: TlbIndexIndexW] = tlb_index_q;
        v[TlbIndexPLsb]                       = tlb_p_q;
      end
      CsrTlbHi: begin
        v[TlbHiAsidLsb +: AsidMaxW]   = tlb_hi_asid_q;
        v[TlbHiVpnLsb +: TlbHiVpnW]   = tlb_hi_vpn_q;
        v[TlbHiLevelLsb +: TlbHiLevelW] = tlb_hi_level_q;
      end
      CsrTlbLo: begin
        v[7:0]                      = tlb_lo_flags_q;
        v[TlbLoPpnLsb +: TlbLoPpnW] = tlb_lo_ppn_q;
      end
      CsrTlbBadva: v = tlb_badva_q;
      default: begin
        for (int unsigned n = 0; n < SegNum; n++) begin
          if (addr == CsrSegFirst + 8'(3 * n)) begin
            v = seg_base_q[n];
          end
          if (addr == CsrSegFirst + 8'(3 * n + 1)) begin
            v = seg_limit_q[n];
          end
          if (addr == CsrSegFirst + 8'(3 * n + 2)) begin
            v = XLen'(seg_flags_q[n]);
          end
        end
        for (int unsigned i = 0; i < CntNum; i++) begin
          if (addr == CsrCntFirst + 8'(i)) begin
            v = cnt_q[i];
          end
        end
      end
    endcase
    return v;
  endfunction

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
      tlb_index_q    <= '0;
      tlb_p_q        <= 1'b0;
      tlb_hi_asid_q  <= '0;
      tlb_hi_vpn_q   <= '0;
      tlb_hi_level_q <= '0;
      tlb_lo_ppn_q   <= '0;
      tlb_lo_flags_q <= '0;
      tlb_badva_q    <= '0;
    end else begin
      // A TLB_MISS leaves: TLB_BADVA and TLB_HI (a TLB_HI write or TLBR below wins, 9.14)
      if (ev_soft_miss_i) begin
        tlb_badva_q    <= miss_vaddr_i;
        tlb_hi_asid_q  <= satp_asid_q;
        tlb_hi_vpn_q   <= miss_vpn_i;
        tlb_hi_level_q <= '0;
      end
      if (wr_acc) begin
        unique case (csr_addr_i)
          CsrSatp: begin
            if (satp_legal(w_satp_mode, radix_q)) begin
              satp_mode_q <= satp_mode_e'(w_satp_mode);
              satp_asid_q <= satp_asid_kept(w_satp_mode, csr_wdata_i[SatpAsidLsb +: AsidMaxW]);
              satp_ppn_q  <= satp_ppn_kept(w_satp_mode, csr_wdata_i[SatpPpnLsb +: PpnW]);
            end
          end
          CsrStatus: begin
            sum_q  <= csr_wdata_i[StatusSumLsb];
            mxr_q  <= csr_wdata_i[StatusMxrLsb];
            hwad_q <= csr_wdata_i[StatusHwadLsb];
          end
          CsrSegctl: begin
            if (segctl_legal(w_seg_mode, w_seg_sel, w_seg_va_bits)) begin
              seg_mode_q    <= seg_mode_e'(w_seg_mode);
              seg_sel_q     <= w_seg_sel;
              seg_va_bits_q <= w_seg_va_bits;
              hybrid_q      <= csr_wdata_i[SegctlHybridLsb];
            end
          end
          CsrBase:   base_q <= csr_wdata_i;
          CsrBounds: bounds_q <= csr_wdata_i;
          CsrRadix: begin
            if (radix_legal(csr_wdata_i[RadixW-1:0])) begin
              radix_q       <= csr_wdata_i[RadixW-1:0];
              radix_idx_w_q <= radix_idx_w(w_radix_va_bits, w_radix_offset, w_radix_levels);
              radix_top_w_q <= radix_top_w(w_radix_va_bits, w_radix_offset, w_radix_levels);
            end
          end
          CsrTlbctl:  policy_q <= policy_e'(csr_wdata_i[TlbctlPolicyLsb +: TlbctlPolicyW]);
          CsrFlushVa: flush_va_q <= csr_wdata_i;
          CsrTlbIndex: begin  // an index beyond the TLB is ignored; P is read-only (9.13)
            if (32'(csr_wdata_i[TlbIndexIndexLsb +: TlbIndexIndexW]) < TlbEntries) begin
              tlb_index_q <= csr_wdata_i[TlbIndexIndexLsb +: TlbIndexIndexW];
            end
          end
          CsrTlbHi: begin  // LEVEL 3 is ignored whole; the ASID at the build's width
            if (csr_wdata_i[TlbHiLevelLsb +: TlbHiLevelW] != 2'd3) begin
              tlb_hi_asid_q  <= csr_wdata_i[TlbHiAsidLsb +: AsidMaxW] & build_asid_mask;
              tlb_hi_vpn_q   <= csr_wdata_i[TlbHiVpnLsb +: TlbHiVpnW];
              tlb_hi_level_q <= csr_wdata_i[TlbHiLevelLsb +: TlbHiLevelW];
            end
          end
          CsrTlbLo: begin
            tlb_lo_flags_q <= csr_wdata_i[7:0];
            tlb_lo_ppn_q   <= csr_wdata_i[TlbLoPpnLsb +: TlbLoPpnW];
          end
          CsrTlbCmd: begin  // TLBP and TLBR load registers; TLBWI/TLBWR act in the TLB
            if (tlbcmd_o && tlbcmd_kind_o == TlbCmdTlbp) begin
              tlb_p_q <= !probe_hit_i;
              if (probe_hit_i) begin
                tlb_index_q <= TlbIndexIndexW'(probe_idx_i);
              end
            end
            if (tlbcmd_o && tlbcmd_kind_o == TlbCmdTlbr) begin
              tlb_hi_asid_q  <= read_entry_i.valid ? read_asid_i & satp_asid_mask : '0;
              tlb_hi_vpn_q   <= read_entry_i.valid ? TlbHiVpnW'(read_entry_i.vpn) : '0;
              tlb_hi_level_q <= read_entry_i.valid ? TlbHiLevelW'(read_entry_i.level) : '0;
              tlb_lo_ppn_q   <= read_entry_i.valid ? TlbLoPpnW'(read_entry_i.ppn) : '0;
              tlb_lo_flags_q <= !read_entry_i.valid ? '0 :
                  {read_entry_i.d, read_entry_i.a, read_entry_i.is_global, read_entry_i.u,
                   read_entry_i.x, read_entry_i.w, read_entry_i.r, 1'b1};
            end
          end
          default: begin
            // Segment registers 0x10 + 3n + {BASE, LIMIT, FLAGS}; FLUSH (its effect is
            // flush_o), counters and holes keep nothing
            for (int unsigned n = 0; n < SegNum; n++) begin
              if (csr_addr_i == CsrSegFirst + 8'(3 * n)) begin
                seg_base_q[n] <= csr_wdata_i;
              end
              if (csr_addr_i == CsrSegFirst + 8'(3 * n + 1)) begin
                seg_limit_q[n] <= csr_wdata_i;
              end
              if (csr_addr_i == CsrSegFirst + 8'(3 * n + 2)) begin
                seg_flags_q[n] <= csr_wdata_i[SegFlagsW-1:0];
              end
            end
          end
        endcase
      end
      for (int unsigned i = 0; i < CntNum; i++) begin
        if (cnt_inc[i]) begin
          cnt_q[i] <= cnt_q[i] + XLen'(1);
        end
      end
      rvalid_q <= rd_acc;
      rdata_q  <= rd_acc ? read_value(csr_addr_i) : '0;
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
  assert property (@(posedge clk) disable iff (!rst_n) (satp_asid_q & ~satp_asid_mask) == '0);
  // Segments are only active with a SEGCTL that passed the WARL check.
  assert property (@(posedge clk) disable iff (!rst_n)
      seg_mode_q == SegSegments |-> (seg_sel_q inside {3'd1, 3'd2, 3'd3}) &&
                                    (seg_va_bits_q > SegctlVaBitsW'(seg_sel_q)) &&
                                    (seg_va_bits_q <= SegctlVaBitsW'(SegMaxVaBits)));

endmodule

// MMU top level (SPEC 1, 3, 7): request path, response register, blocks and output gating.
module mmu_top
  import mmu_gen_pkg::*, mmu_pkg::*;
#(
  parameter int unsigned TlbEntries = 16,  // 4, 8, 16, 32 or 64
  parameter int unsigned AsidWidth  = 16   // 0..16
) (
  input  logic        clk,
  input  logic        rst_n,
  // Translation request
  input  logic        req_valid,
  input  logic [63:0] req_vaddr,
  input  logic [1:0]  req_acc,
  input  logic [1:0]  req_priv,
  output logic        req_ready,
  // Translation response
  output logic        resp_valid,
  output logic [55:0] resp_paddr,
  output logic        resp_fault,
  output logic [4:0]  resp_exc,
  output logic [4:0]  resp_cause,
  output logic [1:0]  resp_level,
  output logic        resp_hit,
  // Page-table memory port
  output logic        mem_req_valid,
  output logic [55:0] mem_req_addr,
  output logic        mem_req_write,
  output logic [63:0] mem_req_wdata,
  output logic [1:0]  mem_req_size,
  input  logic        mem_req_ready,
  input  logic        mem_resp_valid,
  input  logic [63:0] mem_resp_rdata,
  input  logic        mem_resp_err,
  // Configuration port
  input  logic        csr_valid,
  input  logic        csr_write,
  input  logic [7:0]  csr_addr,
  input  logic [63:0] csr_wdata,
  output logic        csr_ready,
  output logic        csr_rvalid,
  output logic [63:0] csr_rdata,
  // Trace
  output logic [5:0]  trace_hit_index,
  output logic        trace_fill_valid,
  output logic [5:0]  trace_fill_index,
  output logic        trace_flush_valid
);

  // ---------------------------------------------------------------------------------------------
  // Parameter checks
  // ---------------------------------------------------------------------------------------------
  if (!tlb_entries_legal(TlbEntries)) begin : g_bad_tlb_entries
    $error("TlbEntries must be 4, 8, 16, 32 or 64");
  end
  if (AsidWidth > AsidMaxW) begin : g_bad_asid_width
    $error("AsidWidth must be 0..16");
  end

  // ---------------------------------------------------------------------------------------------
  // Signals
  // ---------------------------------------------------------------------------------------------
  acc_e                              acc;
  priv_e                             priv;
  logic                              accept;      // request accepted this cycle (cycle t)

  // Registers
  satp_mode_e                        satp_mode;
  logic [AsidMaxW-1:0]               satp_asid;
  logic [PpnW-1:0]                   satp_ppn;
  logic                              sum, mxr, hwad;
  seg_mode_e                         seg_mode;
  logic [SegctlSelectW-1:0]             seg_sel;
  logic [SegctlVaBitsW-1:0]          seg_va_bits;
  geom_t                             geom;
  logic [XLen-1:0]                   base, bounds;
  logic [SegNum-1:0][XLen-1:0]       seg_base, seg_limit;
  logic [SegNum-1:0][SegFlagsW-1:0]  seg_flags;
  policy_e                           policy;
  logic                              lfsr_we;
  logic [LfsrW-1:0]                  lfsr_wdata, lfsr;
  logic                              flush, flush_cmd, flush_va_ok;
  // Soft mode (SPEC 4.6)
  logic                              tlbcmd, tlbcmd_write, tlbcmd_inval;
  tlb_cmd_e                          tlbcmd_kind;
  logic [IdxMaxW-1:0]                tlb_index;
  tlb_entry_t                        tlb_hi_lo;       // TLB_HI and TLB_LO as an entry
  logic [AsidMaxW-1:0]               tlb_hi_asid;
  logic                              probe_hit;
  logic [IdxMaxW-1:0]                probe_idx;
  tlb_entry_t                        read_entry;
  logic [AsidMaxW-1:0]               read_asid;
  logic                              soft_miss;       // a TLB_MISS answer leaves this cycle
  logic [XLen-1:0]                   miss_va_q;       // ... its VA and looked-up VPN
  logic [TlbHiVpnW-1:0]              miss_vpn_q;
  flush_kind_e                       flush_kind;
  logic [AsidMaxW-1:0]               flush_asid;
  logic [VpnW-1:0]                   flush_vpn;

  // Segmentation and TLB lookup
  logic                              seg_fault;
  cause_e                            seg_cause;
  logic [XLen-1:0]                   linear;
  logic [PaW-1:0]                    seg_table_base;
  logic [PaW-1:0]                    walk_base;   // the top table of a walk starting now
  logic [VpnW-1:0]                   lk_vpn;
  logic                              lk_hit;
  logic [IdxMaxW-1:0]                lk_idx;
  tlb_entry_t                        lk_entry;

  // Walker
  logic                              ptw_req_valid, ptw_req_write;
  logic [PaW-1:0]                    ptw_req_addr;
  logic [XLen-1:0]                   ptw_req_wdata;
  logic [1:0]                        ptw_req_size;
  logic                              busy;
  logic                              walk_first, walk_cycle, outstanding;
  logic                              ptw_done;
  resp_t                             ptw_resp;
  logic                              fill, fill_refill, fill_now;
  logic [IdxMaxW-1:0]                fill_refill_idx, fill_idx;
  tlb_entry_t                        fill_entry;
  logic                              evict;

  // Request path result
  resp_t                             fast_resp;   // answer that needs no memory access
  logic                              walk;        // the request needs a walk
  logic                              refill;      // ... started by a hit needing an A/D change
  resp_t                             resp_q, resp_d;

  assign acc       = acc_e'(req_acc);
  assign priv      = priv_e'(req_priv);
  assign req_ready = rst_n && !busy && !csr_valid;
  assign accept    = req_valid && req_ready;

  // ---------------------------------------------------------------------------------------------
  // Blocks
  // ---------------------------------------------------------------------------------------------
  mmu_csr #(
    .AsidWidth  (AsidWidth),
    .TlbEntries (TlbEntries)
  ) u_csr (
    .clk             (clk),
    .rst_n           (rst_n),
    .csr_valid_i     (csr_valid),
    .csr_write_i     (csr_write),
    .csr_addr_i      (csr_addr),
    .csr_wdata_i     (csr_wdata),
    .csr_ready_o     (csr_ready),
    .csr_rvalid_o    (csr_rvalid),
    .csr_rdata_o     (csr_rdata),
    .busy_i          (busy),
    .lfsr_i          (lfsr),
    .ev_hit_i        (resp_valid && resp_hit),
    .ev_walk_start_i (walk_first),
    .ev_walk_cycle_i (walk_cycle),
    .ev_pte_read_i   (mem_req_valid && mem_req_ready && !mem_req_write),
    .ev_ad_write_i   (mem_req_valid && mem_req_ready && mem_req_write),
    .ev_fault_i      (resp_valid && resp_fault),
    .ev_evict_i      (evict),
    .ev_soft_miss_i  (soft_miss),
    .miss_vaddr_i    (miss_va_q),
    .miss_vpn_i      (miss_vpn_q),
    .tlbcmd_o        (tlbcmd),
    .tlbcmd_kind_o   (tlbcmd_kind),
    .tlbcmd_write_o  (tlbcmd_write),
    .tlbcmd_inval_o  (tlbcmd_inval),
    .tlb_index_o     (tlb_index),
    .tlb_entry_o     (tlb_hi_lo),
    .tlb_entry_asid_o(tlb_hi_asid),
    .probe_hit_i     (probe_hit),
    .probe_idx_i     (probe_idx),
    .read_entry_i    (read_entry),
    .read_asid_i     (read_asid),
    .satp_mode_o     (satp_mode),
    .satp_asid_o     (satp_asid),
    .satp_ppn_o      (satp_ppn),
    .sum_o           (sum),
    .mxr_o           (mxr),
    .hwad_o          (hwad),
    .seg_mode_o      (seg_mode),
    .seg_sel_o       (seg_sel),
    .seg_va_bits_o   (seg_va_bits),
    .geom_o          (geom),
    .base_o          (base),
    .bounds_o        (bounds),
    .seg_base_o      (seg_base),
    .seg_limit_o     (seg_limit),
    .seg_flags_o     (seg_flags),
    .policy_o        (policy),
    .lfsr_we_o       (lfsr_we),
    .lfsr_wdata_o    (lfsr_wdata),
    .flush_o         (flush),
    .flush_cmd_o     (flush_cmd),
    .flush_kind_o    (flush_kind),
    .flush_asid_o    (flush_asid),
    .flush_va_ok_o   (flush_va_ok),
    .flush_vpn_o     (flush_vpn)
  );

  mmu_seg u_seg (
    .vaddr_i       (req_vaddr),
    .acc_i         (acc),
    .priv_i        (priv),
    .seg_mode_i    (seg_mode),
    .seg_sel_i     (seg_sel),
    .seg_va_bits_i (seg_va_bits),
    .base_i        (base),
    .bounds_i      (bounds),
    .seg_base_i    (seg_base),
    .seg_limit_i   (seg_limit),
    .seg_flags_i   (seg_flags),
    .hybrid_i      (geom.hybrid),
    .page_shift_i  (geom.shift),
    .fault_o       (seg_fault),
    .cause_o       (seg_cause),
    .linear_o      (linear),
    .table_base_o  (seg_table_base)
  );

  // The TLB's tag of the linear address (SPEC 6: the linear address; the full VA with HYBRID),
  // and the top table of a walk: SATP.PPN pages of the mode's page size, or HYBRID's segment.
  assign lk_vpn    = VpnW'(linear[TagVaW-1:0] >> geom.shift);
  assign walk_base = geom.hybrid ? seg_table_base : PaW'(XLen'(satp_ppn) << geom.shift);

  mmu_tlb #(
    .TlbEntries (TlbEntries),
    .AsidWidth  (AsidWidth)
  ) u_tlb (
    .clk               (clk),
    .rst_n             (rst_n),
    .mode_i            (satp_mode),
    .idx_w_i           (geom.idx_w),
    .policy_i          (policy),
    .lk_vpn_i          (lk_vpn),
    .lk_asid_i         (satp_asid),
    .lk_hit_o          (lk_hit),
    .lk_idx_o          (lk_idx),
    .lk_entry_o        (lk_entry),
    .touch_i           (resp_valid && resp_hit),
    .touch_idx_i       (resp_q.hit_idx),
    .fill_i            (fill),
    .fill_refill_i     (fill_refill),
    .fill_refill_idx_i (fill_refill_idx),
    .fill_entry_i      (fill_entry),
    .fill_asid_i       (satp_asid),
    .fill_idx_o        (fill_idx),
    .fill_now_o        (fill_now),
    .evict_o           (evict),
    .cmd_wi_i          (tlbcmd_write && tlbcmd_kind == TlbCmdTlbwi),
    .cmd_wr_i          (tlbcmd_write && tlbcmd_kind == TlbCmdTlbwr),
    .cmd_inval_i       (tlbcmd_inval),
    .cmd_index_i       (tlb_index),
    .cmd_entry_i       (tlb_hi_lo),
    .cmd_asid_i        (tlb_hi_asid),
    .probe_hit_o       (probe_hit),
    .probe_idx_o       (probe_idx),
    .read_entry_o      (read_entry),
    .read_asid_o       (read_asid),
    .flush_i           (flush),
    .flush_kind_i      (flush_kind),
    .flush_asid_i      (flush_asid),
    .flush_va_ok_i     (flush_va_ok),
    .flush_vpn_i       (flush_vpn),
    .lfsr_we_i         (lfsr_we),
    .lfsr_wdata_i      (lfsr_wdata),
    .lfsr_o            (lfsr)
  );

  mmu_ptw u_ptw (
    .clk                (clk),
    .rst_n              (rst_n),
    .start_i            (accept && walk),
    .start_va_i         (linear[TagVaW-1:0]),
    .start_base_i       (walk_base),
    .start_acc_i        (acc),
    .start_priv_i       (priv),
    .start_refill_i     (refill),
    .start_refill_idx_i (lk_idx),
    .geom_i             (geom),
    .sum_i              (sum),
    .mxr_i              (mxr),
    .hwad_i             (hwad),
    .flush_i            (flush_cmd),
    .mem_req_valid_o    (ptw_req_valid),
    .mem_req_addr_o     (ptw_req_addr),
    .mem_req_write_o    (ptw_req_write),
    .mem_req_wdata_o    (ptw_req_wdata),
    .mem_req_size_o     (ptw_req_size),
    .mem_req_ready_i    (mem_req_ready),
    .mem_resp_valid_i   (mem_resp_valid),
    .mem_resp_rdata_i   (mem_resp_rdata),
    .mem_resp_err_i     (mem_resp_err),
    .busy_o             (busy),
    .walk_first_o       (walk_first),
    .walk_cycle_o       (walk_cycle),
    .outstanding_o      (outstanding),
    .done_o             (ptw_done),
    .done_resp_o        (ptw_resp),
    .fill_o             (fill),
    .fill_refill_o      (fill_refill),
    .fill_refill_idx_o  (fill_refill_idx),
    .fill_entry_o       (fill_entry)
  );

  // ---------------------------------------------------------------------------------------------
  // Request path (cycle t): M bypass, segmentation, paging's VA check, TLB hit checks
  // ---------------------------------------------------------------------------------------------
  cause_e hit_perm;
  cause_e soft_cause;  // Soft (SPEC 4.6): the leaf checks, a misaligned superpage, A/D as HWAD = 0

  assign hit_perm = leaf_perm(priv, acc, sum, mxr, lk_entry.u, lk_entry.r, lk_entry.w, lk_entry.x);

  always_comb begin
    soft_cause = hit_perm;
    if (soft_cause == CauseNone &&
        (VpnW'(lk_entry.ppn) & vpn_low_mask(geom.idx_w, lk_entry.level)) != '0) begin
      soft_cause = CauseMisalignedSuperpage;
    end else if (soft_cause == CauseNone && ad_needed(acc, lk_entry.a, lk_entry.d)) begin
      soft_cause = lk_entry.a ? CauseDClear : CauseAClear;
    end
  end

  // Decided only for an accepted request (every use is qualified by accept; the guard keeps the
  // simulator from deciding it while the walker is busy).
  always_comb begin
    fast_resp       = '0;
    fast_resp.valid = 1'b1;
    walk            = 1'b0;
    refill          = 1'b0;
    if (!accept) begin
      // nothing to decide
    end else if (priv == PrivM) begin
      fast_resp.paddr = req_vaddr[PaW-1:0];
    end else if (seg_fault) begin
      fast_resp.fault = 1'b1;
      fast_resp.cause = seg_cause;
      fast_resp.exc   = fault_exc(seg_cause, acc, 1'b1);
    end else if (satp_mode == SatpBare) begin
      fast_resp.paddr = linear[PaW-1:0];
    end else if (!va_ok(geom.canonical, geom.va_bits, linear)) begin
      fast_resp.fault = 1'b1;
      fast_resp.cause = CauseVaRange;
      fast_resp.exc   = fault_exc(CauseVaRange, acc, 1'b0);
    end else if (geom.soft_mode && !lk_hit) begin
      // the operating system refills (SPEC 4.6): level 0, nothing walks
      fast_resp.fault = 1'b1;
      fast_resp.cause = CauseTlbMiss;
      fast_resp.exc   = fault_exc(CauseTlbMiss, acc, 1'b0);
    end else if (geom.soft_mode) begin
      fast_resp.fault   = (soft_cause != CauseNone);
      fast_resp.cause   = soft_cause;
      fast_resp.exc     = fault_exc(soft_cause, acc, 1'b0);
      fast_resp.paddr   = (soft_cause != CauseNone) ? '0 : compose_pa(geom.shift, geom.idx_w,
                              lk_entry.level, lk_entry.ppn, linear[TagVaW-1:0]);
      fast_resp.level   = lk_entry.level;
      fast_resp.hit     = 1'b1;
      fast_resp.hit_idx = lk_idx;
    end else if (lk_hit && geom.teaching) begin
      // teaching entries carry no permissions and no A/D (SPEC 4.4)
      fast_resp.paddr   = compose_pa(geom.shift, geom.idx_w, lk_entry.level, lk_entry.ppn, linear[TagVaW-1:0]);
      fast_resp.level   = lk_entry.level;
      fast_resp.hit     = 1'b1;
      fast_resp.hit_idx = lk_idx;
    end else if (lk_hit && hit_perm != CauseNone) begin
      // U/S and R/W/X faults answer from the TLB
      fast_resp.fault   = 1'b1;
      fast_resp.cause   = hit_perm;
      fast_resp.exc     = fault_exc(hit_perm, acc, 1'b0);
      fast_resp.level   = lk_entry.level;
      fast_resp.hit     = 1'b1;
      fast_resp.hit_idx = lk_idx;
    end else if (lk_hit && !ad_needed(acc, lk_entry.a, lk_entry.d)) begin
      fast_resp.paddr   = compose_pa(geom.shift, geom.idx_w, lk_entry.level, lk_entry.ppn, linear[TagVaW-1:0]);
      fast_resp.level   = lk_entry.level;
      fast_resp.hit     = 1'b1;
      fast_resp.hit_idx = lk_idx;
    end else begin
      // A miss, or a hit whose first problem is A/D (a refill of the hit entry)
      walk   = 1'b1;
      refill = lk_hit;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Response register: loaded at the end of t (no memory needed) or of the walk's last response
  // ---------------------------------------------------------------------------------------------
  always_comb begin
    resp_d = '0;
    if (accept && !walk) begin
      resp_d = fast_resp;
    end else if (ptw_done) begin
      resp_d = ptw_resp;
    end
  end

  // Soft mode: a TLB_MISS answer keeps its VA and looked-up VPN for TLB_BADVA and TLB_HI, which
  // take them at the edge ending the answer cycle (SPEC 4.6).
  always_ff @(posedge clk) begin
    if (!rst_n) begin
      resp_q     <= '0;
      miss_va_q  <= '0;
      miss_vpn_q <= '0;
    end else begin
      resp_q <= resp_d;
      if (accept && !walk && fast_resp.cause == CauseTlbMiss) begin
        miss_va_q  <= req_vaddr;
        miss_vpn_q <= linear[TlbHiVpnLsb +: TlbHiVpnW];
      end
    end
  end

  assign soft_miss = resp_valid && resp_fault && (resp_q.cause == CauseTlbMiss);

  // ---------------------------------------------------------------------------------------------
  // Outputs: 0 during reset and whenever their qualifier is 0
  // ---------------------------------------------------------------------------------------------
  logic resp_on;

  assign resp_on           = rst_n && resp_q.valid;
  assign resp_valid        = resp_on;
  assign resp_paddr        = resp_on ? resp_q.paddr : '0;
  assign resp_fault        = resp_on && resp_q.fault;
  assign resp_exc          = resp_on ? resp_q.exc : '0;
  assign resp_cause        = resp_on ? resp_q.cause : '0;
  assign resp_level        = resp_on ? resp_q.level : '0;
  assign resp_hit          = resp_on && resp_q.hit;
  assign trace_hit_index   = resp_hit ? resp_q.hit_idx : '0;
  assign mem_req_valid     = rst_n && ptw_req_valid;
  assign mem_req_addr      = mem_req_valid ? ptw_req_addr : '0;
  assign mem_req_write     = mem_req_valid && ptw_req_write;
  assign mem_req_wdata     = mem_req_valid ? ptw_req_wdata : '0;
  assign mem_req_size      = mem_req_valid ? ptw_req_size : '0;
  assign trace_fill_valid  = rst_n && fill_now;  // a walk's fill, or TLBWI/TLBWR (SPEC 4.6)
  assign trace_fill_index  = trace_fill_valid ? fill_idx : '0;
  assign trace_flush_valid = rst_n && (flush || tlbcmd_inval);

  // Unused: linear bits above the TLB tag (copies of a lower bit, or 0, after paging's VA check);
  // the hit entry's valid/global/VPN fields (the TLB already matched them).
  logic unused_top;
  assign unused_top = ^{linear[XLen-1:TagVaW], lk_entry.valid, lk_entry.is_global, lk_entry.vpn};

  // ---------------------------------------------------------------------------------------------
  // Assertions
  // ---------------------------------------------------------------------------------------------
  // Track accepted-but-unanswered requests (assertion support only).
  logic inflight_q, inflight_d;
  assign inflight_d = accept || (inflight_q && !resp_valid);
  always_ff @(posedge clk) begin
    if (!rst_n) begin
      inflight_q <= 1'b0;
    end else begin
      inflight_q <= inflight_d;
    end
  end

  // SPEC 9.12: no illegal privilege (2) on a valid request.
  assert property (@(posedge clk) disable iff (!rst_n) req_valid |-> req_priv != 2'd2);
  // SPEC 9.12: no illegal access type (3) on a valid request.
  assert property (@(posedge clk) disable iff (!rst_n) req_valid |-> req_acc != 2'd3);
  // SPEC 9.12: request fields do not change while the request stays valid and is not accepted.
  assert property (@(posedge clk) disable iff (!rst_n)
      ($past(rst_n && req_valid && !req_ready) && req_valid) |->
      (req_vaddr == $past(req_vaddr) && req_acc == $past(req_acc) &&
       req_priv == $past(req_priv)));
  // SPEC 9.12: mem_resp_valid only while a memory request is outstanding.
  assert property (@(posedge clk) disable iff (!rst_n) mem_resp_valid |-> outstanding);
  // Every answer belongs to an accepted request.
  assert property (@(posedge clk) disable iff (!rst_n) resp_valid |-> inflight_q);
  // A request is accepted only when the previous one is answered (or answered this cycle).
  assert property (@(posedge clk) disable iff (!rst_n) accept |-> (!inflight_q || resp_valid));
  // A walker answer and a direct answer never compete for the response register.
  assert property (@(posedge clk) disable iff (!rst_n) !(ptw_done && accept));
  // Trace indices are 0 unless qualified.
  assert property (@(posedge clk) disable iff (!rst_n)
      (resp_hit || trace_hit_index == '0) && (trace_fill_valid || trace_fill_index == '0));
  // A walk's fill happens only in the walk's answer cycle.
  assert property (@(posedge clk) disable iff (!rst_n) fill |-> resp_valid && !resp_fault);
  // Soft mode never walks, and TLB_CMD acts in Soft mode only.
  assert property (@(posedge clk) disable iff (!rst_n) geom.soft_mode |-> !mem_req_valid);
  assert property (@(posedge clk) disable iff (!rst_n) tlbcmd |-> geom.soft_mode);

endmodule

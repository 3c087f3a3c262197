// Page-table walker (SPEC 4.3, 4.4, 4.5, 7): the walk FSM of Sv32/Sv39/Sv48 (with the A/D update)
// and of the teaching radix tables and HYBRID, and the page-table memory port.
module mmu_ptw
  import mmu_gen_pkg::*, mmu_pkg::*;
(
  input  logic               clk,
  input  logic               rst_n,
  // Walk request (cycle t of the translation)
  input  logic               start_i,
  input  logic [TagVaW-1:0]  start_va_i,         // linear address [55:0] (HYBRID: the VA)
  input  logic [PaW-1:0]     start_base_i,       // byte address of the top table
  input  acc_e               start_acc_i,
  input  priv_e              start_priv_i,
  input  logic               start_refill_i,     // started by a hit that needs an A/D change
  input  logic [IdxMaxW-1:0] start_refill_idx_i,
  // Configuration (no write reaches these registers while the walker is busy)
  input  geom_t              geom_i,
  input  logic               sum_i,
  input  logic               mxr_i,
  input  logic               hwad_i,
  // A FLUSH accepted this cycle (suppresses the fill)
  input  logic               flush_i,
  // Page-table memory port
  output logic               mem_req_valid_o,
  output logic [PaW-1:0]     mem_req_addr_o,
  output logic               mem_req_write_o,
  output logic [XLen-1:0]    mem_req_wdata_o,
  output logic [1:0]         mem_req_size_o,
  input  logic               mem_req_ready_i,
  input  logic               mem_resp_valid_i,
  input  logic [XLen-1:0]    mem_resp_rdata_i,
  input  logic               mem_resp_err_i,
  // Status
  output logic               busy_o,             // t+1 .. A
  output logic               walk_first_o,       // t+1 (MISSES, WALKS)
  output logic               walk_cycle_o,       // t+1 .. A-1 (WALK_CYCLES)
  output logic               outstanding_o,      // a memory request awaits its response
  // Answer, decided in this cycle and presented by the response register in the next (A)
  output logic               done_o,
  output resp_t              done_resp_o,
  // Fill at the end of the answer cycle A
  output logic               fill_o,
  output logic               fill_refill_o,
  output logic [IdxMaxW-1:0] fill_refill_idx_o,
  output tlb_entry_t         fill_entry_o
);

  // ---------------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------------
  ptw_state_e         state_q, state_d;
  logic [LevelW-1:0]  level_q, level_d;        // level of the PTE being read
  logic [PaW-1:0]     pte_addr_q, pte_addr_d;
  logic [TagVaW-1:0]  va_q, va_d;
  acc_e               acc_q, acc_d;
  priv_e              priv_q, priv_d;
  logic               refill_q, refill_d;
  logic [IdxMaxW-1:0] refill_idx_q, refill_idx_d;
  logic               global_q, global_d;      // OR of G over the walk path
  logic [XLen-1:0]    pte_q, pte_d;            // leaf PTE as (to be) written (Sv)
  logic [TlbPpnW-1:0] ppn_q, ppn_d;            // the leaf's page number
  logic               ok_q, ok_d;              // the walk succeeded (valid in PtwAnswer)
  logic               suppress_q, suppress_d;  // a FLUSH was accepted during the walk
  logic               first_q, first_d;

  // ---------------------------------------------------------------------------------------------
  // Table addressing
  // ---------------------------------------------------------------------------------------------
  // Address of a PTE in the table at `table_base`: base + index x PTE size, modulo 2^56 (SPEC
  // 9.10); the index is the level's VPN field, `width` bits at `lsb`.
  function automatic logic [PaW-1:0] pte_addr(logic [PaW-1:0] table_base, logic [TagVaW-1:0] va,
                                              logic [ShiftW-1:0] width, logic [ShiftW-1:0] lsb,
                                              logic [1:0] pte_size);
    logic [TagVaW-1:0] idx;
    idx = (va >> lsb) & ~({TagVaW{1'b1}} << width);
    return table_base + (PaW'(idx) << pte_size);
  endfunction

  // Where the index of the top level (a walk's first read) and of the level below the current
  // one (the next read) sit in the VA; only the top level's index is top_w wide.
  logic [LevelW-1:0] next_level;
  logic [ShiftW-1:0] top_lsb, next_lsb;

  assign next_level = level_q - LevelW'(1);
  assign top_lsb    = geom_i.shift + ShiftW'(32'(geom_i.idx_w) * 32'(geom_i.top_level));
  assign next_lsb   = geom_i.shift + ShiftW'(32'(geom_i.idx_w) * 32'(next_level));

  // ---------------------------------------------------------------------------------------------
  // PTE examination (cycle r, combinational) in SPEC 4.3 / 4.4 order
  // ---------------------------------------------------------------------------------------------
  logic             sv32;
  logic [XLen-1:0]  pte;           // the PTE arriving now (its low 2^pte_size bytes)
  logic [XLen-1:0]  pte_ppn;       // Sv: the PPN field; teaching: the PFN field
  logic             pte_leaf;      // Sv: a leaf (R or X); teaching: the last level
  logic             pte_rsv;
  logic             pte_misaligned;
  cause_e           pte_perm;
  cause_e           pte_cause;     // fault of the arriving PTE, CauseNone if it is usable
  logic             pte_ad;        // a leaf that passed every check but needs an A/D change
  logic [PaW-1:0]   next_table;    // the table a pointer PTE points at

  assign sv32 = !geom_i.teaching && (geom_i.pte_size == Sv32PteSize);

  // Only a PTE read's response is examined (the guard keeps the simulator from examining the
  // memory bus in every cycle; the values are used only then).
  logic examining;
  assign examining = (state_q == PtwReadWait) && mem_resp_valid_i;

  always_comb begin
    pte            = '0;
    pte_ppn        = '0;
    pte_leaf       = 1'b0;
    pte_rsv        = 1'b0;
    pte_perm       = CauseNone;
    pte_misaligned = 1'b0;
    pte_ad         = 1'b0;
    next_table     = '0;
    pte_cause      = CauseNone;
    if (examining) begin
      pte = mem_resp_rdata_i & ~({XLen{1'b1}} << (32'(8) << geom_i.pte_size));
      if (geom_i.teaching) begin
        pte_ppn  = (pte >> geom_i.pfn_lsb) & ~({XLen{1'b1}} << geom_i.ppn_w);
        pte_leaf = (level_q == '0);
      end else begin
        pte_ppn  = (pte >> PtePpnLsb) & ~({XLen{1'b1}} << geom_i.ppn_w);
        pte_leaf = pte[PteR] || pte[PteX];
      end
      pte_rsv  = (!sv32 && pte[XLen-1:PteRsvLsb] != '0) ||
                 (!pte_leaf && (pte[PteD] || pte[PteA] || pte[PteU]));
      pte_perm = leaf_perm(priv_q, acc_q, sum_i, mxr_i, pte[PteU], pte[PteR], pte[PteW], pte[PteX]);
      pte_misaligned = (VpnW'(pte_ppn) & vpn_low_mask(geom_i.idx_w, level_q)) != '0;
      pte_ad   = ad_needed(acc_q, pte[PteA], pte[PteD]);
      next_table = PaW'(pte_ppn << (geom_i.teaching ? geom_i.shift : ShiftW'(PageOffW)));

      pte_cause = CauseNone;
      if (mem_resp_err_i) begin
        pte_cause = CauseWalkAccessError;
      end else if (geom_i.teaching) begin
        // SPEC 4.4: valid, then present (at every level, 9.11); no permissions, no A/D
        if (!pte[geom_i.valid_bit]) begin
          pte_cause = CausePteInvalid;
        end else if (geom_i.present_used && !pte[geom_i.present_bit]) begin
          pte_cause = CauseNotPresent;
        end
      end else if (!pte[PteV]) begin
        pte_cause = CausePteInvalid;
      end else if (pte[PteW] && !pte[PteR]) begin
        pte_cause = CausePteReservedWr;
      end else if (pte_rsv) begin
        pte_cause = CausePteReservedBits;
      end else if (!pte_leaf && level_q == '0) begin
        pte_cause = CauseNonleafAtLevel0;
      end else if (pte_leaf) begin
        if (pte_perm != CauseNone) begin
          pte_cause = pte_perm;
        end else if (pte_misaligned) begin
          pte_cause = CauseMisalignedSuperpage;
        end else if (pte_ad && !hwad_i) begin
          pte_cause = !pte[PteA] ? CauseAClear : CauseDClear;
        end
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // FSM
  // ---------------------------------------------------------------------------------------------
  function automatic resp_t fault_resp(cause_e cause, acc_e acc, logic [LevelW-1:0] level);
    resp_t r;
    r       = '0;
    r.valid = 1'b1;
    r.fault = 1'b1;
    r.cause = cause;
    r.exc   = fault_exc(cause, acc, 1'b0);
    r.level = level;
    return r;
  endfunction

  function automatic resp_t ok_resp(logic [PaW-1:0] paddr, logic [LevelW-1:0] level);
    resp_t r;
    r       = '0;
    r.valid = 1'b1;
    r.paddr = paddr;
    r.level = level;
    return r;
  endfunction

  always_comb begin
    state_d      = state_q;
    level_d      = level_q;
    pte_addr_d   = pte_addr_q;
    va_d         = va_q;
    acc_d        = acc_q;
    priv_d       = priv_q;
    refill_d     = refill_q;
    refill_idx_d = refill_idx_q;
    global_d     = global_q;
    pte_d        = pte_q;
    ppn_d        = ppn_q;
    ok_d         = ok_q;
    suppress_d   = suppress_q || flush_i;
    first_d      = 1'b0;
    done_o       = 1'b0;
    done_resp_o  = '0;

    unique case (state_q)
      PtwIdle: begin
        suppress_d = 1'b0;
        if (start_i) begin
          state_d      = PtwReadReq;
          level_d      = geom_i.top_level;
          pte_addr_d   = pte_addr(start_base_i, start_va_i, geom_i.top_w, top_lsb, geom_i.pte_size);
          va_d         = start_va_i;
          acc_d        = start_acc_i;
          priv_d       = start_priv_i;
          refill_d     = start_refill_i;
          refill_idx_d = start_refill_idx_i;
          global_d     = 1'b0;
          pte_d        = '0;
          ppn_d        = '0;
          ok_d         = 1'b0;
          first_d      = 1'b1;
        end
      end
      PtwReadReq: begin
        if (mem_req_ready_i) begin
          state_d = PtwReadWait;
        end
      end
      PtwReadWait: begin
        if (mem_resp_valid_i) begin
          global_d = global_q || (pte[PteG] && !geom_i.teaching);  // teaching entries: G = 0
          ppn_d    = TlbPpnW'(pte_ppn);
          if (pte_cause != CauseNone) begin
            state_d     = PtwAnswer;
            ok_d        = 1'b0;
            done_o      = 1'b1;
            done_resp_o = fault_resp(pte_cause, acc_q, level_q);
          end else if (!pte_leaf) begin
            state_d    = PtwReadReq;
            level_d    = next_level;
            pte_addr_d = pte_addr(next_table, va_q, geom_i.idx_w, next_lsb, geom_i.pte_size);
          end else if (pte_ad && !geom_i.teaching) begin
            // HWAD=1: write the PTE back with A set, and D for a store
            state_d       = PtwAdReq;
            pte_d         = pte;
            pte_d[PteA]   = 1'b1;
            pte_d[PteD]   = pte[PteD] || (acc_q == AccStore);
          end else begin
            state_d     = PtwAnswer;
            pte_d       = geom_i.teaching ? '0 : pte;
            ok_d        = 1'b1;
            done_o      = 1'b1;
            done_resp_o = ok_resp(compose_pa(geom_i.shift, geom_i.idx_w, level_q, TlbPpnW'(pte_ppn), va_q), level_q);
          end
        end
      end
      PtwAdReq: begin
        if (mem_req_ready_i) begin
          state_d = PtwAdWait;
        end
      end
      PtwAdWait: begin
        if (mem_resp_valid_i) begin
          state_d = PtwAnswer;
          done_o  = 1'b1;
          if (mem_resp_err_i) begin
            ok_d        = 1'b0;
            done_resp_o = fault_resp(CauseWalkAccessError, acc_q, level_q);
          end else begin
            ok_d        = 1'b1;
            done_resp_o = ok_resp(compose_pa(geom_i.shift, geom_i.idx_w, level_q, ppn_q, va_q), level_q);
          end
        end
      end
      PtwAnswer: begin
        state_d = PtwIdle;
      end
      default: begin
        state_d = PtwIdle;
      end
    endcase
  end

  // ---------------------------------------------------------------------------------------------
  // Outputs
  // ---------------------------------------------------------------------------------------------
  assign busy_o        = (state_q != PtwIdle);
  assign walk_first_o  = first_q;
  assign walk_cycle_o  = busy_o && (state_q != PtwAnswer);
  assign outstanding_o = (state_q == PtwReadWait) || (state_q == PtwAdWait);

  always_comb begin
    mem_req_valid_o = 1'b0;
    mem_req_addr_o  = '0;
    mem_req_write_o = 1'b0;
    mem_req_wdata_o = '0;
    mem_req_size_o  = '0;
    if (state_q == PtwReadReq || state_q == PtwAdReq) begin
      mem_req_valid_o = 1'b1;
      mem_req_addr_o  = pte_addr_q;
      mem_req_size_o  = geom_i.pte_size;
      if (state_q == PtwAdReq) begin
        mem_req_write_o = 1'b1;
        mem_req_wdata_o = pte_q;
      end
    end
  end

  // The TLB entry of the leaf as (to be) written; installed only in PtwAnswer with ok_q.
  always_comb begin
    fill_entry_o        = '0;
    fill_entry_o.valid  = 1'b1;
    fill_entry_o.is_global = global_q;
    fill_entry_o.vpn    = VpnW'(va_q >> geom_i.shift);
    fill_entry_o.level  = level_q;
    fill_entry_o.ppn    = ppn_q;
    fill_entry_o.r      = pte_q[PteR];
    fill_entry_o.w      = pte_q[PteW];
    fill_entry_o.x      = pte_q[PteX];
    fill_entry_o.u      = pte_q[PteU];
    fill_entry_o.a      = pte_q[PteA];
    fill_entry_o.d      = pte_q[PteD];
  end

  assign fill_o            = (state_q == PtwAnswer) && ok_q && !suppress_q && !flush_i;
  assign fill_refill_o     = refill_q;
  assign fill_refill_idx_o = refill_idx_q;

  // Unused: the VA check (done before the lookup), HYBRID (its table comes as start_base_i) and
  // Soft mode (which never starts a walk).
  logic unused_geom;
  assign unused_geom = ^{geom_i.hybrid, geom_i.soft_mode, geom_i.va_bits, geom_i.canonical};

  // ---------------------------------------------------------------------------------------------
  // Flops
  // ---------------------------------------------------------------------------------------------
  always_ff @(posedge clk) begin
    if (!rst_n) begin
      state_q      <= PtwIdle;
      level_q      <= '0;
      pte_addr_q   <= '0;
      va_q         <= '0;
      acc_q        <= AccLoad;
      priv_q       <= PrivU;
      refill_q     <= 1'b0;
      refill_idx_q <= '0;
      global_q     <= 1'b0;
      pte_q        <= '0;
      ppn_q        <= '0;
      ok_q         <= 1'b0;
      suppress_q   <= 1'b0;
      first_q      <= 1'b0;
    end else begin
      state_q      <= state_d;
      level_q      <= level_d;
      pte_addr_q   <= pte_addr_d;
      va_q         <= va_d;
      acc_q        <= acc_d;
      priv_q       <= priv_d;
      refill_q     <= refill_d;
      refill_idx_q <= refill_idx_d;
      global_q     <= global_d;
      pte_q        <= pte_d;
      ppn_q        <= ppn_d;
      ok_q         <= ok_d;
      suppress_q   <= suppress_d;
      first_q      <= first_d;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Assertions
  // ---------------------------------------------------------------------------------------------
  // A walk starts only when the walker is idle.
  assert property (@(posedge clk) disable iff (!rst_n) start_i |-> state_q == PtwIdle);
  // A walk only runs in a paged mode (Bare's geometry is all zero: no PTE size, no shift).
  assert property (@(posedge clk) disable iff (!rst_n)
      busy_o |-> (geom_i.teaching || geom_i.shift == ShiftW'(PageOffW)));
  // Teaching walks read no more levels than RADIX has, and never write.
  assert property (@(posedge clk) disable iff (!rst_n)
      (busy_o && geom_i.teaching) |-> !mem_req_write_o && level_q <= geom_i.top_level);
  // The memory request holds its fields until it is accepted.
  assert property (@(posedge clk) disable iff (!rst_n)
      $past(rst_n && mem_req_valid_o && !mem_req_ready_i) |->
      mem_req_valid_o && mem_req_addr_o == $past(mem_req_addr_o) &&
      mem_req_write_o == $past(mem_req_write_o) && mem_req_wdata_o == $past(mem_req_wdata_o) &&
      mem_req_size_o == $past(mem_req_size_o));
  // Sv32 addresses stay within 34 bits (SPEC 9.9).
  assert property (@(posedge clk) disable iff (!rst_n)
      (mem_req_valid_o && sv32) |-> mem_req_addr_o[PaW-1:Sv32PaW] == '0);
  // A successful walk answers no fault (every fault leaves through fault_resp).
  assert property (@(posedge clk) disable iff (!rst_n)
      (done_o && ok_d) |-> !done_resp_o.fault);

endmodule

// Fully associative TLB (SPEC 6): lookup, fill, flushes and the four replacement policies.
module mmu_tlb
  import mmu_gen_pkg::*, mmu_pkg::*;
#(
  parameter int unsigned TlbEntries = 16,
  parameter int unsigned AsidWidth  = 16
) (
  input  logic                 clk,
  input  logic                 rst_n,
  // Configuration
  input  satp_mode_e           mode_i,
  input  logic [ShiftW-1:0]    idx_w_i,       // VPN bits per level (superpage matching)
  input  policy_e              policy_i,
  // Lookup (combinational), on the state as of the last edge
  input  logic [VpnW-1:0]      lk_vpn_i,
  input  logic [AsidMaxW-1:0]  lk_asid_i,
  output logic                 lk_hit_o,
  output logic [IdxMaxW-1:0]   lk_idx_o,      // lowest matching entry
  output tlb_entry_t           lk_entry_o,
  // Touch by an answer with resp_hit
  input  logic                 touch_i,
  input  logic [IdxMaxW-1:0]   touch_idx_i,
  // Fill at the end of this cycle
  input  logic                 fill_i,
  input  logic                 fill_refill_i,     // rewrite fill_refill_idx_i
  input  logic [IdxMaxW-1:0]   fill_refill_idx_i,
  input  tlb_entry_t           fill_entry_i,
  input  logic [AsidMaxW-1:0]  fill_asid_i,
  output logic [IdxMaxW-1:0]   fill_idx_o,        // the entry written this cycle (with fill_now_o)
  output logic                 fill_now_o,        // a walk's fill, or a TLBWI/TLBWR (trace)
  output logic                 evict_o,           // the fill overwrites a policy victim
  // Soft mode's TLB_CMD (SPEC 4.6) at the end of this cycle
  input  logic                 cmd_wi_i,          // TLBWI of a legal leaf: entry cmd_index_i
  input  logic                 cmd_wr_i,          // TLBWR of a legal leaf: where a fill goes
  input  logic                 cmd_inval_i,       // TLBWI with V = 0: invalidate cmd_index_i
  input  logic [IdxMaxW-1:0]   cmd_index_i,
  input  tlb_entry_t           cmd_entry_i,       // TLB_HI and TLB_LO as an entry
  input  logic [AsidMaxW-1:0]  cmd_asid_i,
  output logic                 probe_hit_o,       // TLBP: cmd_entry_i's VPN under cmd_asid_i
  output logic [IdxMaxW-1:0]   probe_idx_o,
  output tlb_entry_t           read_entry_o,      // TLBR: entry cmd_index_i
  output logic [AsidMaxW-1:0]  read_asid_o,
  // Flush at the end of this cycle
  input  logic                 flush_i,
  input  flush_kind_e          flush_kind_i,
  input  logic [AsidMaxW-1:0]  flush_asid_i,
  input  logic                 flush_va_ok_i,
  input  logic [VpnW-1:0]      flush_vpn_i,
  // LFSR of TLBCTL
  input  logic                 lfsr_we_i,
  input  logic [LfsrW-1:0]     lfsr_wdata_i,
  output logic [LfsrW-1:0]     lfsr_o
);

  localparam int unsigned IdxW  = $clog2(TlbEntries);
  localparam int unsigned AsidW = (AsidWidth > 0) ? AsidWidth : 1;  // storage, masked below

  // ---------------------------------------------------------------------------------------------
  // State: written with enables (docs/decisions.md 13), an entry only by its fill or a flush
  // ---------------------------------------------------------------------------------------------
  tlb_entry_t          entry_q [TlbEntries];
  logic [AsidW-1:0]    asid_q  [TlbEntries];
  logic [TlbEntries-1:0][IdxW-1:0] rank_q;    // true LRU: 0 = touched longest ago
  logic [TlbEntries-1:1] plru_q;              // tree pseudo-LRU node bits b[1..N-1]
  logic [IdxW-1:0]     fifo_q;
  logic [LfsrW-1:0]    lfsr_q;

  // ---------------------------------------------------------------------------------------------
  // Matching
  // ---------------------------------------------------------------------------------------------
  logic [AsidW-1:0] amask;  // ASID bits compared in this mode at this build's width

  assign amask = AsidW'(asid_mask(mode_i, AsidWidth));

  function automatic logic asid_eq(logic [AsidW-1:0] a, logic [AsidW-1:0] b,
                                   logic [AsidW-1:0] mask);
    return ((a ^ b) & mask) == '0;
  endfunction

  function automatic logic vpn_match(logic [VpnW-1:0] e_vpn, logic [LevelW-1:0] e_level,
                                     logic [VpnW-1:0] vpn, logic [ShiftW-1:0] idx_w);
    return ((e_vpn ^ vpn) & ~vpn_low_mask(idx_w, e_level)) == '0;
  endfunction

  logic [TlbEntries-1:0] lk_match;
  logic [TlbEntries-1:0] valid;

  always_comb begin
    for (int unsigned i = 0; i < TlbEntries; i++) begin
      valid[i] = entry_q[i].valid;
    end
  end

  // What a lookup compares besides the VPN depends on registers only (the ASID is SATP's): kept
  // apart from the VPN compare, it is not re-evaluated with every change of the request.
  logic [TlbEntries-1:0] lk_asid_ok;
  logic [VpnW-1:0]       lk_vpn_mask [TlbEntries];  // the VPN bits an entry's level compares

  always_comb begin
    for (int unsigned i = 0; i < TlbEntries; i++) begin
      lk_asid_ok[i]  = entry_q[i].valid &&
                       (entry_q[i].is_global || asid_eq(asid_q[i], lk_asid_i[AsidW-1:0], amask));
      lk_vpn_mask[i] = ~vpn_low_mask(idx_w_i, entry_q[i].level);
    end
  end

  always_comb begin
    for (int unsigned i = 0; i < TlbEntries; i++) begin
      lk_match[i] = lk_asid_ok[i] && ((entry_q[i].vpn ^ lk_vpn_i) & lk_vpn_mask[i]) == '0;
    end
  end

  // Does this cycle's flush invalidate entry i? (Evaluated at the edge, only when flush_i.)
  function automatic logic flush_drops(logic [IdxW-1:0] i);
    logic fasid_eq, fva_eq;
    fasid_eq = !entry_q[i].is_global && asid_eq(asid_q[i], flush_asid_i[AsidW-1:0], amask);
    fva_eq   = flush_va_ok_i && vpn_match(entry_q[i].vpn, entry_q[i].level, flush_vpn_i, idx_w_i);
    unique case (flush_kind_i)
      FlushAsid:   return fasid_eq;
      FlushVa:     return fva_eq;
      FlushVaAsid: return fva_eq && fasid_eq;
      default:     return 1'b1;
    endcase
  endfunction

  // TLBP (SPEC 4.6): a lookup of TLB_HI's VPN under TLB_HI's ASID, its LEVEL ignored; TLBR reads
  // an entry. Both from registers only.
  logic [TlbEntries-1:0] probe_match;

  always_comb begin
    for (int unsigned i = 0; i < TlbEntries; i++) begin
      probe_match[i] = entry_q[i].valid &&
                       (entry_q[i].is_global || asid_eq(asid_q[i], cmd_asid_i[AsidW-1:0], amask)) &&
                       vpn_match(entry_q[i].vpn, entry_q[i].level, cmd_entry_i.vpn, idx_w_i);
    end
    probe_hit_o = 1'b0;
    probe_idx_o = '0;
    for (int i = TlbEntries - 1; i >= 0; i--) begin
      if (probe_match[i]) begin
        probe_hit_o = 1'b1;
        probe_idx_o = IdxMaxW'(i);
      end
    end
  end

  assign read_entry_o = entry_q[cmd_index_i[IdxW-1:0]];
  assign read_asid_o  = AsidMaxW'(asid_q[cmd_index_i[IdxW-1:0]]);

  // Lowest-numbered matching entry wins (several match only after broken flush discipline).
  always_comb begin
    lk_hit_o = 1'b0;
    lk_idx_o = '0;
    for (int i = TlbEntries - 1; i >= 0; i--) begin
      if (lk_match[i]) begin
        lk_hit_o = 1'b1;
        lk_idx_o = IdxMaxW'(i);
      end
    end
  end
  assign lk_entry_o = entry_q[lk_idx_o[IdxW-1:0]];

  // ---------------------------------------------------------------------------------------------
  // Victim selection
  // ---------------------------------------------------------------------------------------------
  logic            any_invalid;
  logic [IdxW-1:0] first_invalid;
  logic [IdxW-1:0] lru_victim;
  logic [IdxW-1:0] plru_victim;
  logic [IdxW-1:0] victim;        // the selected policy's victim
  logic [LfsrW-1:0] lfsr_next;
  logic            new_fill;      // a fill that is not a refill
  logic [IdxW-1:0] fill_idx;

  assign lfsr_next = {lfsr_q[0] ^ lfsr_q[2] ^ lfsr_q[3] ^ lfsr_q[5], lfsr_q[LfsrW-1:1]};

  always_comb begin
    any_invalid   = 1'b0;
    first_invalid = '0;
    lru_victim    = '0;
    for (int i = TlbEntries - 1; i >= 0; i--) begin
      if (!valid[i]) begin
        any_invalid   = 1'b1;
        first_invalid = IdxW'(i);
      end
      if (rank_q[i] == '0) begin
        lru_victim = IdxW'(i);
      end
    end
  end

  // Pseudo-LRU: from node 1, go to child 2k + b[k] until a leaf N + i.
  always_comb begin
    logic [IdxW:0] node;
    node = (IdxW + 1)'(1);
    for (int unsigned l = 0; l < IdxW; l++) begin
      node = {node[IdxW-1:0], plru_q[node]};
    end
    plru_victim = node[IdxW-1:0];
  end

  always_comb begin
    unique case (policy_i)
      PolicyPlru:   victim = plru_victim;
      PolicyFifo:   victim = fifo_q;
      PolicyRandom: victim = lfsr_next[IdxW-1:0];
      default:      victim = lru_victim;
    endcase
  end

  // A walk's fill and TLBWR go where a fill goes; TLBWI to TLB_INDEX (never in one cycle: the
  // walker does not run in Soft mode).
  logic            write_any;    // an entry is written at this edge
  logic [IdxW-1:0] write_idx;
  tlb_entry_t      write_entry;
  logic [AsidW-1:0] write_asid;

  assign new_fill    = (fill_i && !fill_refill_i) || cmd_wr_i;
  assign fill_idx    = (fill_i && fill_refill_i) ? fill_refill_idx_i[IdxW-1:0] :
                       any_invalid ? first_invalid : victim;
  assign write_any   = fill_i || cmd_wr_i || cmd_wi_i;
  assign write_idx   = cmd_wi_i ? cmd_index_i[IdxW-1:0] : fill_idx;
  assign write_entry = fill_i ? fill_entry_i : cmd_entry_i;
  assign write_asid  = (fill_i ? fill_asid_i[AsidW-1:0] : cmd_asid_i[AsidW-1:0]) & amask;
  assign fill_idx_o  = IdxMaxW'(write_idx);
  assign fill_now_o  = write_any;
  assign evict_o     = new_fill && !any_invalid;

  // ---------------------------------------------------------------------------------------------
  // Touches (SPEC 6, 9.14): a hit answer's, then a write's (a fill, TLBWR or TLBWI) at one edge
  // ---------------------------------------------------------------------------------------------
  // True LRU as ranks: a touch moves the entry to rank N-1 and closes the gap it leaves.
  function automatic logic [TlbEntries-1:0][IdxW-1:0] ranks_touched(
      logic [TlbEntries-1:0][IdxW-1:0] rank, logic [IdxW-1:0] idx);
    logic [TlbEntries-1:0][IdxW-1:0] r;
    for (int unsigned i = 0; i < TlbEntries; i++) begin
      r[i] = rank[i];
      if (i == 32'(idx)) begin
        r[i] = IdxW'(TlbEntries - 1);
      end else if (rank[i] > rank[idx]) begin
        r[i] = rank[i] - IdxW'(1);
      end
    end
    return r;
  endfunction

  // Pseudo-LRU after a touch of leaf `leaf`: every node on its path points away from it.
  function automatic logic [TlbEntries-1:1] plru_touched(logic [TlbEntries-1:1] plru,
                                                         logic [IdxW-1:0] leaf);
    logic [IdxW:0] node;
    node = {1'b1, leaf};
    for (int unsigned l = 0; l < IdxW; l++) begin
      plru[node >> 1] = !node[0];
      node = node >> 1;
    end
    return plru;
  endfunction

  logic [IdxW-1:0] hit_idx;

  assign hit_idx = touch_idx_i[IdxW-1:0];

  assign lfsr_o = lfsr_q;

  // ---------------------------------------------------------------------------------------------
  // Flops
  // ---------------------------------------------------------------------------------------------
  // A flush clears the valid bits it matches; a fill, TLBWR or TLBWI writes one entry (never
  // with a flush: see the assertions); TLBWI with V = 0 clears one valid bit.
  always_ff @(posedge clk) begin
    if (!rst_n) begin
      for (int unsigned i = 0; i < TlbEntries; i++) begin
        entry_q[i] <= '0;
        asid_q[i]  <= '0;
        rank_q[i]  <= IdxW'(i);  // ties among untouched entries go to the lowest index
      end
      plru_q <= '0;
      fifo_q <= '0;
      lfsr_q <= LfsrW'(1);
    end else begin
      if (flush_i) begin
        for (int unsigned i = 0; i < TlbEntries; i++) begin
          if (flush_drops(IdxW'(i))) begin
            entry_q[i].valid <= 1'b0;
          end
        end
      end
      if (cmd_inval_i) begin
        entry_q[cmd_index_i[IdxW-1:0]].valid <= 1'b0;
      end
      if (write_any) begin
        entry_q[write_idx]       <= write_entry;
        entry_q[write_idx].valid <= 1'b1;
        asid_q[write_idx]        <= write_asid;
      end
      if (touch_i && write_any) begin
        rank_q <= ranks_touched(ranks_touched(rank_q, hit_idx), write_idx);
        plru_q <= plru_touched(plru_touched(plru_q, hit_idx), write_idx);
      end else if (touch_i) begin
        rank_q <= ranks_touched(rank_q, hit_idx);
        plru_q <= plru_touched(plru_q, hit_idx);
      end else if (write_any) begin
        rank_q <= ranks_touched(rank_q, write_idx);
        plru_q <= plru_touched(plru_q, write_idx);
      end
      if (new_fill) begin
        fifo_q <= fifo_q + IdxW'(1);
      end
      if (lfsr_we_i) begin
        lfsr_q <= lfsr_wdata_i;
      end else if (new_fill && !any_invalid) begin
        lfsr_q <= lfsr_next;
      end
    end
  end

  // Unused: ASID bits above the build's width; index bits above log2(TlbEntries).
  logic unused_tlb;
  assign unused_tlb = ^{lk_asid_i, flush_asid_i, fill_asid_i, touch_idx_i, fill_refill_idx_i,
                        cmd_index_i, cmd_asid_i};

  // ---------------------------------------------------------------------------------------------
  // Assertions
  // ---------------------------------------------------------------------------------------------
  // Helpers: entries at LRU rank 0; valid entries the fill's VA already hits under its ASID.
  logic [TlbEntries-1:0] lru_onehot;
  logic [TlbEntries-1:0] fill_dup;
  always_comb begin
    for (int unsigned i = 0; i < TlbEntries; i++) begin
      lru_onehot[i] = (rank_q[i] == '0);
      fill_dup[i]   = entry_q[i].valid &&
                      (entry_q[i].is_global || asid_eq(asid_q[i], fill_asid_i[AsidW-1:0], amask)) &&
                      vpn_match(entry_q[i].vpn, entry_q[i].level, fill_entry_i.vpn, idx_w_i);
    end
  end

  // A fill never coincides with a flush (a FLUSH during a walk suppresses its fill), nor a walk's
  // fill with a TLB_CMD (no walks in Soft mode); one TLB_CMD at a time.
  assert property (@(posedge clk) disable iff (!rst_n) !(write_any && flush_i));
  assert property (@(posedge clk) disable iff (!rst_n)
      !(fill_i && (cmd_wi_i || cmd_wr_i || cmd_inval_i)));
  assert property (@(posedge clk) disable iff (!rst_n) $onehot0({cmd_wi_i, cmd_wr_i, cmd_inval_i}));
  // A hit answer and a walk's fill never share a cycle (a TLB_CMD's write may: SPEC 9.14).
  assert property (@(posedge clk) disable iff (!rst_n) !(fill_i && touch_i));
  // The LFSR never holds 0.
  assert property (@(posedge clk) disable iff (!rst_n) lfsr_q != '0);
  // The true-LRU ranks keep exactly one least recently used entry.
  assert property (@(posedge clk) disable iff (!rst_n) $onehot(lru_onehot));
  // The walker never creates a duplicate: a new (non-refill) fill's VA hits no valid entry under
  // the fill's ASID (the miss that started the walk saw none, and only a flush could change that).
  assert property (@(posedge clk) disable iff (!rst_n)
      (fill_i && !fill_refill_i) |-> fill_dup == '0);
  // A refill rewrites an entry that is still valid (a flush would have suppressed the fill).
  assert property (@(posedge clk) disable iff (!rst_n)
      (fill_i && fill_refill_i) |-> valid[fill_refill_idx_i[IdxW-1:0]]);
  // Touched and commanded indices exist in this build (TLB_INDEX's WARL rule).
  assert property (@(posedge clk) disable iff (!rst_n)
      touch_i |-> 32'(touch_idx_i) < TlbEntries);
  assert property (@(posedge clk) disable iff (!rst_n)
      (cmd_wi_i || cmd_inval_i) |-> 32'(cmd_index_i) < TlbEntries);


endmodule

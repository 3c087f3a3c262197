// Fully associative TLB (SPEC 6): lookup, fill, flushes and the four replacement policies.
module mmu_tlb
  import mmu_pkg::*;
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
  output logic [IdxMaxW-1:0]   fill_idx_o,        // entry a fill writes (meaningful with fill_i)
  output logic                 evict_o,           // the fill overwrites a policy victim
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
  logic [IdxW-1:0]     rank_q  [TlbEntries];  // true LRU: 0 = touched longest ago
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
                       (entry_q[i].global || asid_eq(asid_q[i], lk_asid_i[AsidW-1:0], amask));
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
    fasid_eq = !entry_q[i].global && asid_eq(asid_q[i], flush_asid_i[AsidW-1:0], amask);
    fva_eq   = flush_va_ok_i && vpn_match(entry_q[i].vpn, entry_q[i].level, flush_vpn_i, idx_w_i);
    unique case (flush_kind_i)
      FlushAsid:   return fasid_eq;
      FlushVa:     return fva_eq;
      FlushVaAsid: return fva_eq && fasid_eq;
      default:     return 1'b1;
    endcase
  endfunction

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

  assign new_fill   = fill_i && !fill_refill_i;
  assign fill_idx   = fill_refill_i ? fill_refill_idx_i[IdxW-1:0] :
                      any_invalid   ? first_invalid : victim;
  assign fill_idx_o = IdxMaxW'(fill_idx);
  assign evict_o    = new_fill && !any_invalid;

  // ---------------------------------------------------------------------------------------------
  // Next state: flush, fill, policy touches, FIFO, LFSR
  // ---------------------------------------------------------------------------------------------
  logic            touch_any;   // a hit answer or a fill touches an entry (every policy's state)
  logic [IdxW-1:0] touch_idx;

  assign touch_any = touch_i || fill_i;
  assign touch_idx = fill_i ? fill_idx : touch_idx_i[IdxW-1:0];

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

  assign lfsr_o = lfsr_q;

  // ---------------------------------------------------------------------------------------------
  // Flops
  // ---------------------------------------------------------------------------------------------
  // A flush clears the valid bits it matches; a fill writes one entry (never with a flush: see
  // the assertions). A touch (a hit answer or a fill) moves the entry to the top of the true-LRU
  // ranks (closing the gap it leaves) and points every pseudo-LRU node on its path away from it.
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
      if (fill_i) begin
        entry_q[fill_idx]       <= fill_entry_i;
        entry_q[fill_idx].valid <= 1'b1;
        asid_q[fill_idx]        <= fill_asid_i[AsidW-1:0] & amask;
      end
      if (touch_any) begin
        for (int unsigned i = 0; i < TlbEntries; i++) begin
          if (i == 32'(touch_idx)) begin
            rank_q[i] <= IdxW'(TlbEntries - 1);
          end else if (rank_q[i] > rank_q[touch_idx]) begin
            rank_q[i] <= rank_q[i] - IdxW'(1);
          end
        end
      end
      if (touch_any) begin
        plru_q <= plru_touched(plru_q, touch_idx);
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
  assign unused_tlb = ^{lk_asid_i, flush_asid_i, fill_asid_i, touch_idx_i, fill_refill_idx_i};

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
                      (entry_q[i].global || asid_eq(asid_q[i], fill_asid_i[AsidW-1:0], amask)) &&
                      vpn_match(entry_q[i].vpn, entry_q[i].level, fill_entry_i.vpn, idx_w_i);
    end
  end

  // A fill never coincides with a flush (a FLUSH during a walk suppresses its fill).
  assert property (@(posedge clk) disable iff (!rst_n) !(fill_i && flush_i));
  // At most one policy touch per edge: a hit answer and a fill never share a cycle.
  assert property (@(posedge clk) disable iff (!rst_n) !(fill_i && touch_i));
  // The LFSR never holds 0.
  assert property (@(posedge clk) disable iff (!rst_n) lfsr_q != '0);
  // The true-LRU ranks keep exactly one least recently used entry.
  assert property (@(posedge clk) disable iff (!rst_n) $onehot(lru_onehot));
  // The walker never creates a duplicate: a new (non-refill) fill's VA hits no valid entry under
  // the fill's ASID (the miss that started the walk saw none, and only a flush could change that).
  assert property (@(posedge clk) disable iff (!rst_n) new_fill |-> fill_dup == '0);
  // A refill rewrites an entry that is still valid (a flush would have suppressed the fill).
  assert property (@(posedge clk) disable iff (!rst_n)
      (fill_i && fill_refill_i) |-> valid[fill_refill_idx_i[IdxW-1:0]]);
  // Touched indices exist in this build.
  assert property (@(posedge clk) disable iff (!rst_n)
      touch_i |-> 32'(touch_idx_i) < TlbEntries);


endmodule

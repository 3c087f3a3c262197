// Test DUT for the transaction-level comparison (tb/byo/): the kit's unmodified mmu_top behind one
// extra pipeline stage on the response path, so every answer (with its trace_hit_index) comes one
// cycle later than SPEC 7 says. Everything else passes straight through, the TLB's fill and
// flush trace included.
// The stage advances every cycle and the response port has no back-pressure (SPEC 1), so it can
// never hold two answers: nothing is lost or reordered, and req_ready needs no extra gating
// (hits still stream one per cycle, one cycle late). It must pass `--compare txn` and fail
// `--compare cycle` (tb/byo/byo-test.sh). A wrapper, not an edit, so it follows any change
// inside rtl/.
`include "mmu_byo_ports_gen.svh"

module mmu_byo_resp_pipe #(
  parameter int unsigned TlbEntries = 16,
  parameter int unsigned AsidWidth  = 16
) (
  // the ports of SPEC 1 (generated from the kit's port list: tb/byo/byo_ports_gen.cpp)
  `MMU_BYO_PORTS
);

  // ---- the kit's MMU, connected to inner_<port> -----------------------------------------------
  `MMU_BYO_SIGNALS(inner_)

  mmu_top #(
    .TlbEntries (TlbEntries),
    .AsidWidth  (AsidWidth)
  ) u_mmu (
  `MMU_BYO_CONNECT(inner_)
  );

  // Every input, and every output but the answer, passes straight through.
  assign {`MMU_BYO_IN_ALL(inner_)} = {`MMU_BYO_IN_ALL()};
  assign {`MMU_BYO_OUT_REQ(), `MMU_BYO_OUT_MEM_REQ(), `MMU_BYO_OUT_CSR(), `MMU_BYO_OUT_TRACE_FILL(),
          `MMU_BYO_OUT_TRACE_FLUSH()} =
         {`MMU_BYO_OUT_REQ(inner_), `MMU_BYO_OUT_MEM_REQ(inner_), `MMU_BYO_OUT_CSR(inner_),
          `MMU_BYO_OUT_TRACE_FILL(inner_), `MMU_BYO_OUT_TRACE_FLUSH(inner_)};

  // ---- the extra stage: the answer (and the entry it hit), one cycle later --------------------
  localparam int unsigned StageW = `MMU_BYO_OUT_RESP_W + `MMU_BYO_OUT_TRACE_HIT_W;
  logic [StageW-1:0] stage_d, stage_q;

  // Reset empties the stage (all outputs 0 in reset, SPEC 1): an answer in it is dropped with
  // the request it belongs to, as the inner MMU drops its own.
  assign stage_d = {`MMU_BYO_OUT_RESP(inner_), `MMU_BYO_OUT_TRACE_HIT(inner_)};

  always_ff @(posedge clk) begin
    if (!rst_n) stage_q <= '0;
    else        stage_q <= stage_d;
  end

  assign {`MMU_BYO_OUT_RESP(), `MMU_BYO_OUT_TRACE_HIT()} = stage_q;

  // ---- assertions -----------------------------------------------------------------------------
  // Outputs stay 0 while their qualifier is 0 (SPEC 1): the stage keeps the inner MMU's rule.
  assert property (@(posedge clk) !resp_valid |-> (resp_paddr == '0 && !resp_fault && !resp_hit));
  // Each answer of the inner MMU appears at the port exactly one cycle later.
  assert property (@(posedge clk) disable iff (!rst_n) inner_resp_valid |=> resp_valid);

endmodule

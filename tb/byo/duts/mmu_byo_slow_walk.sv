// Test DUT for the transaction-level comparison (tb/byo/): the kit's unmodified mmu_top whose
// page-table memory responses pass through one register, so its walker sees every PTE (and the
// acknowledgement of every A/D write) one cycle later: two cycles per level instead of one with
// latency 1 (SPEC 7's n(L+1)+1 becomes n(L+2)+1). The memory port protocol still holds at both
// sides of the register: the walker keeps one access outstanding and issues the next only after
// it has seen the response, so a second response can never arrive while one is held. It must
// pass `--compare txn` and fail `--compare cycle` (tb/byo/byo-test.sh). A wrapper, not an edit,
// so it follows any change inside rtl/.
`include "mmu_byo_ports_gen.svh"

module mmu_byo_slow_walk #(
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

  // Every output, and every input but the memory response, passes straight through.
  assign {`MMU_BYO_OUT_ALL()} = {`MMU_BYO_OUT_ALL(inner_)};
  assign {`MMU_BYO_IN_RST(inner_), `MMU_BYO_IN_REQ(inner_), `MMU_BYO_IN_MEM_REQ(inner_),
          `MMU_BYO_IN_CSR(inner_)} =
         {`MMU_BYO_IN_RST(), `MMU_BYO_IN_REQ(), `MMU_BYO_IN_MEM_REQ(), `MMU_BYO_IN_CSR()};

  // ---- the register on the memory response path -----------------------------------------------
  logic [`MMU_BYO_IN_MEM_RESP_W-1:0] mem_resp_d, mem_resp_q;

  // Reset drops a held response: the inner walker forgets its access in reset too.
  assign mem_resp_d = {`MMU_BYO_IN_MEM_RESP()};

  always_ff @(posedge clk) begin
    if (!rst_n) mem_resp_q <= '0;
    else        mem_resp_q <= mem_resp_d;
  end

  assign {`MMU_BYO_IN_MEM_RESP(inner_)} = mem_resp_q;

  // ---- assertions -----------------------------------------------------------------------------
  // One register is enough: no response arrives while the previous one is still held.
  assert property (@(posedge clk) disable iff (!rst_n) inner_mem_resp_valid |-> !mem_resp_valid);
  // The walker issues no new access before it has seen the held response.
  assert property (@(posedge clk) disable iff (!rst_n) mem_resp_valid |=> !inner_mem_req_valid);

endmodule

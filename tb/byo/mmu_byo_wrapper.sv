// The wrapper template: your MMU behind the kit's ports (docs/class-projects.md, "Bring your own MMU").
// Copy this file next to your RTL, rename the module if you like, replace `mmu_top` below with
// your top module and put your port names on the left of each connection. The outside (the
// `MMU_BYO_PORTS` header) is SPEC 1's port list, generated from the kit's one description of
// it (build/byo/gen/mmu_byo_ports_gen.svh), so it cannot drift from what the harness drives.
// Then list your files and this one in a Verilator -F file (tb/byo/example/example.f) and run
//   make cosim DUT=your.f TOP=mmu_byo_wrapper         (or make grade DUT=... TOP=...)
// Common adaptations, done here and not in your design:
//   - an active-high reset:           .reset (~rst_n)
//   - a narrower physical address:    assign resp_paddr = 56'(my_paddr);
//   - a port you do not have (e.g. no TLB trace): tie the output to 0; the transaction-level
//     comparison (--compare txn) never looks at trace_* (the lockstep does).
// As shipped it wraps the kit's own mmu_top, so `make byo-lint` proves the template compiles.
`include "mmu_byo_ports_gen.svh"

module mmu_byo_wrapper #(
  parameter int unsigned TlbEntries = 16,  // the harness builds with TLB= and ASID= (default 16)
  parameter int unsigned AsidWidth  = 16
) (
  `MMU_BYO_PORTS
);

  mmu_top #(  // <- your top module, with its own parameters (or none)
    .TlbEntries (TlbEntries),
    .AsidWidth  (AsidWidth)
  ) u_mmu (
    // your port          SPEC 1 port
    .clk               (clk),
    .rst_n             (rst_n),
    // translation requests and answers
    .req_valid         (req_valid),
    .req_vaddr         (req_vaddr),
    .req_acc           (req_acc),
    .req_priv          (req_priv),
    .req_ready         (req_ready),
    .resp_valid        (resp_valid),
    .resp_paddr        (resp_paddr),
    .resp_fault        (resp_fault),
    .resp_exc          (resp_exc),
    .resp_cause        (resp_cause),
    .resp_level        (resp_level),
    .resp_hit          (resp_hit),
    // the walker's memory port (one access outstanding, any latency)
    .mem_req_valid     (mem_req_valid),
    .mem_req_ready     (mem_req_ready),
    .mem_req_addr      (mem_req_addr),
    .mem_req_write     (mem_req_write),
    .mem_req_wdata     (mem_req_wdata),
    .mem_req_size      (mem_req_size),
    .mem_resp_valid    (mem_resp_valid),
    .mem_resp_rdata    (mem_resp_rdata),
    .mem_resp_err      (mem_resp_err),
    // the CSR port (docs/registers.md)
    .csr_valid         (csr_valid),
    .csr_write         (csr_write),
    .csr_addr          (csr_addr),
    .csr_wdata         (csr_wdata),
    .csr_ready         (csr_ready),
    .csr_rvalid        (csr_rvalid),
    .csr_rdata         (csr_rdata),
    // the TLB trace (lockstep only; tie to 0 if your design has none)
    .trace_hit_index   (trace_hit_index),
    .trace_fill_valid  (trace_fill_valid),
    .trace_fill_index  (trace_fill_index),
    .trace_flush_valid (trace_flush_valid)
  );

endmodule

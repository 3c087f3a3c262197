// SystemVerilog side of the C model's DPI-C face (csim/dpi/mmu_dpi.h; docs/interop.md "DPI-C"):
// the model as a cycle-accurate scoreboard, a shared page-table memory and a page-table builder.
// Link the testbench with build/dpi/mmu_dpi.o, the checker/report/memory objects and
// build/libmmumodel.a (tb/sv/dpi.mk shows the Verilator command).
package mmu_dpi_pkg;

  // ---- scoreboard ----
  import "DPI-C" function chandle mmu_dpi_create(input int tlb_entries, input int asid_bits);
  import "DPI-C" function void mmu_dpi_destroy(input chandle h);
  import "DPI-C" function void mmu_dpi_set_repro(input chandle h, input string cmd);

  // One checked cycle: this cycle's 13 inputs and the DUT's 20 outputs, sampled before the rising
  // edge that ends it. 0: every output agrees (the model then takes the edge); > 0: that many
  // ports differ (see mmu_dpi_report); -1: a model assertion fired (illegal input protocol).
  import "DPI-C" function int mmu_dpi_check(input chandle h,
    input bit rst_n, input bit req_valid, input longint unsigned req_vaddr,
    input int unsigned req_acc, input int unsigned req_priv,
    input bit mem_req_ready, input bit mem_resp_valid, input longint unsigned mem_resp_rdata,
    input bit mem_resp_err, input bit csr_valid, input bit csr_write, input int unsigned csr_addr,
    input longint unsigned csr_wdata,
    input bit req_ready, input bit resp_valid, input longint unsigned resp_paddr,
    input bit resp_fault, input int unsigned resp_exc, input int unsigned resp_cause,
    input int unsigned resp_level, input bit resp_hit,
    input bit mem_req_valid, input longint unsigned mem_req_addr, input bit mem_req_write,
    input longint unsigned mem_req_wdata, input int unsigned mem_req_size,
    input bit csr_ready, input bit csr_rvalid, input longint unsigned csr_rdata,
    input int unsigned trace_hit_index, input bit trace_fill_valid,
    input int unsigned trace_fill_index, input bit trace_flush_valid);

  // The halves of mmu_dpi_check: the model's outputs for this cycle's inputs, and the edge.
  import "DPI-C" function void mmu_dpi_eval(input chandle h,
    input bit rst_n, input bit req_valid, input longint unsigned req_vaddr,
    input int unsigned req_acc, input int unsigned req_priv,
    input bit mem_req_ready, input bit mem_resp_valid, input longint unsigned mem_resp_rdata,
    input bit mem_resp_err, input bit csr_valid, input bit csr_write, input int unsigned csr_addr,
    input longint unsigned csr_wdata,
    output bit req_ready, output bit resp_valid, output longint unsigned resp_paddr,
    output bit resp_fault, output int unsigned resp_exc, output int unsigned resp_cause,
    output int unsigned resp_level, output bit resp_hit,
    output bit mem_req_valid, output longint unsigned mem_req_addr, output bit mem_req_write,
    output longint unsigned mem_req_wdata, output int unsigned mem_req_size,
    output bit csr_ready, output bit csr_rvalid, output longint unsigned csr_rdata,
    output int unsigned trace_hit_index, output bit trace_fill_valid,
    output int unsigned trace_fill_index, output bit trace_flush_valid);
  import "DPI-C" function void mmu_dpi_clock(input chandle h,
    input bit rst_n, input bit req_valid, input longint unsigned req_vaddr,
    input int unsigned req_acc, input int unsigned req_priv,
    input bit mem_req_ready, input bit mem_resp_valid, input longint unsigned mem_resp_rdata,
    input bit mem_resp_err, input bit csr_valid, input bit csr_write, input int unsigned csr_addr,
    input longint unsigned csr_wdata);

  import "DPI-C" function string mmu_dpi_report(input chandle h);
  import "DPI-C" function string mmu_dpi_mismatch_signals(input chandle h);
  import "DPI-C" function longint unsigned mmu_dpi_count(input chandle h, input int what);
  import "DPI-C" function longint unsigned mmu_dpi_cause_count(input chandle h, input int cause);
  import "DPI-C" function string mmu_dpi_cause_name(input int cause);
  import "DPI-C" function longint unsigned mmu_dpi_csr_read(input chandle h, input int addr);

  // mmu_dpi_count(h, what)
  localparam int CntCycles       = 0;
  localparam int CntTranslations = 1;
  localparam int CntHits         = 2;
  localparam int CntWalks        = 3;
  localparam int CntFaults       = 4;
  localparam int CntAdWrites     = 5;
  localparam int CntRefills      = 6;
  localparam int CntSuppressed   = 7;

  // ---- page-table memory ----
  import "DPI-C" function chandle mmu_dpi_mem_create(input longint unsigned alloc_base);
  import "DPI-C" function void mmu_dpi_mem_destroy(input chandle m);
  import "DPI-C" function void mmu_dpi_mem_write(input chandle m, input longint unsigned addr,
                                                 input int size, input longint unsigned data);
  import "DPI-C" function longint unsigned mmu_dpi_mem_read(input chandle m,
                                                            input longint unsigned addr,
                                                            input int size);
  import "DPI-C" function void mmu_dpi_mem_set_error(input chandle m, input longint unsigned addr,
                                                     input bit on);
  import "DPI-C" function bit mmu_dpi_mem_is_error(input chandle m, input longint unsigned addr,
                                                   input int size);
  import "DPI-C" function longint unsigned mmu_dpi_mem_alloc(input chandle m,
                                                             input longint unsigned bytes,
                                                             input longint unsigned align);
  // Leaf PTE for va at level (0 = 4 KiB) under root_ppn in Sv32 (1) / Sv39 (8) / Sv48 (9);
  // returns the PTE's address, or all ones on a conflict.
  import "DPI-C" function longint unsigned mmu_dpi_map(input chandle m, input int satp_mode,
                                                       input longint unsigned root_ppn,
                                                       input longint unsigned va, input int level,
                                                       input longint unsigned ppn,
                                                       input longint unsigned flags);

endpackage

// SystemVerilog side of the C model's DPI-C face (csim/dpi/mmu_dpi.h; docs/interop.md "DPI-C"):
// the model as a cycle-accurate scoreboard, a shared page-table memory and a page-table builder.
// Link the testbench with build/dpi/mmu_dpi.o, the checker/report/memory objects and
// build/libmmumodel.a (tb/sv/dpi.mk shows the Verilator command).
`include "mmu_dpi_ports_gen.svh"  // the port argument lists, from rtl/mmu_iface.def

package mmu_dpi_pkg;

  // ---- scoreboard ----
  import "DPI-C" function chandle mmu_dpi_create(input int tlb_entries, input int asid_bits);
  import "DPI-C" function void mmu_dpi_destroy(input chandle h);
  import "DPI-C" function void mmu_dpi_set_repro(input chandle h, input string cmd);
  // Every checked translation as a JSON line (mmu-txn/1, docs/txn-schema.md); 0 ok, -1 error.
  import "DPI-C" function int mmu_dpi_txn_log(input chandle h, input string path);

  // One checked cycle: this cycle's inputs and the DUT's outputs, sampled before the rising
  // edge that ends it. 0: every output agrees (the model then takes the edge); > 0: that many
  // ports differ (see mmu_dpi_report); -1: a model assertion fired (illegal input protocol).
  import "DPI-C" function int mmu_dpi_check(input chandle h, `MMU_DPI_IN_ARGS, `MMU_DPI_OUT_IN_ARGS);

  // The halves of mmu_dpi_check: the model's outputs for this cycle's inputs, and the edge.
  import "DPI-C" function void mmu_dpi_eval(input chandle h, `MMU_DPI_IN_ARGS, `MMU_DPI_OUT_ARGS);
  import "DPI-C" function void mmu_dpi_clock(input chandle h, `MMU_DPI_IN_ARGS);

  import "DPI-C" function string mmu_dpi_report(input chandle h);
  import "DPI-C" function string mmu_dpi_mismatch_signals(input chandle h);
  import "DPI-C" function longint unsigned mmu_dpi_count(input chandle h, input int what);
  import "DPI-C" function longint unsigned mmu_dpi_cause_count(input chandle h, input int cause);
  import "DPI-C" function string mmu_dpi_cause_name(input int cause);
  import "DPI-C" function longint unsigned mmu_dpi_csr_read(input chandle h, input int addr);

  // mmu_dpi_count(h, what)
  localparam int StatCycles       = 0;
  localparam int StatTranslations = 1;
  localparam int StatHits         = 2;
  localparam int StatWalks        = 3;
  localparam int StatFaults       = 4;
  localparam int StatAdWrites     = 5;
  localparam int StatRefills      = 6;
  localparam int StatSuppressed   = 7;

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

// Harness-only top for the lockstep build (build/mmucosim*): mmu_top as u_dut, plus input ports
// through which the C++ harness shows the C model beside the RTL in the same FST wave.
//   model_*          the C model's value of every output port of SPEC 1 (same names, same widths)
//   cosim_mismatch   1 in the cycle where the lockstep comparison found a difference
//   cosim_cycle      cycles since reset (mmu_cycle, the numbering of reports and txn logs)
//   cosim_harness_cycle  cycles stepped by the harness, reset included (--wave-from/--wave-to)
//   model_txn_busy / model_txn_id  the model's translation in flight and its id (txn logs)
// The harness drives these ports only while a wave is being recorded; otherwise they stay 0 and
// cost nothing. Nothing inside mmu_top depends on them. The typed signals below give GTKWave
// enum names (fault reason, exception code, CSR address) for ports that are plain vectors.
// Not part of the design: rtl/ stays the DUT (lint covers this file too, see csim/csim.mk).
module mmu_cosim_top
  import mmu_pkg::*;
#(
  parameter int unsigned TlbEntries = 16,
  parameter int unsigned AsidWidth  = 16
) (
  input  logic        clk,
  input  logic        rst_n,
  // mmu_top's ports, passed through
  input  logic        req_valid,
  input  logic [63:0] req_vaddr,
  input  logic [1:0]  req_acc,
  input  logic [1:0]  req_priv,
  output logic        req_ready,
  output logic        resp_valid,
  output logic [55:0] resp_paddr,
  output logic        resp_fault,
  output logic [4:0]  resp_exc,
  output logic [4:0]  resp_cause,
  output logic [1:0]  resp_level,
  output logic        resp_hit,
  output logic        mem_req_valid,
  output logic [55:0] mem_req_addr,
  output logic        mem_req_write,
  output logic [63:0] mem_req_wdata,
  output logic [1:0]  mem_req_size,
  input  logic        mem_req_ready,
  input  logic        mem_resp_valid,
  input  logic [63:0] mem_resp_rdata,
  input  logic        mem_resp_err,
  input  logic        csr_valid,
  input  logic        csr_write,
  input  logic [7:0]  csr_addr,
  input  logic [63:0] csr_wdata,
  output logic        csr_ready,
  output logic        csr_rvalid,
  output logic [63:0] csr_rdata,
  output logic [5:0]  trace_hit_index,
  output logic        trace_fill_valid,
  output logic [5:0]  trace_fill_index,
  output logic        trace_flush_valid,
  // The C model's outputs in this cycle (driven by the harness while tracing)
  input  logic        model_req_ready,
  input  logic        model_resp_valid,
  input  logic [55:0] model_resp_paddr,
  input  logic        model_resp_fault,
  input  logic [4:0]  model_resp_exc,
  input  logic [4:0]  model_resp_cause,
  input  logic [1:0]  model_resp_level,
  input  logic        model_resp_hit,
  input  logic        model_mem_req_valid,
  input  logic [55:0] model_mem_req_addr,
  input  logic        model_mem_req_write,
  input  logic [63:0] model_mem_req_wdata,
  input  logic [1:0]  model_mem_req_size,
  input  logic        model_csr_ready,
  input  logic        model_csr_rvalid,
  input  logic [63:0] model_csr_rdata,
  input  logic [5:0]  model_trace_hit_index,
  input  logic        model_trace_fill_valid,
  input  logic [5:0]  model_trace_fill_index,
  input  logic        model_trace_flush_valid,
  input  logic        model_txn_busy,
  input  logic [63:0] model_txn_id,
  // Harness bookkeeping
  input  logic        cosim_mismatch,
  input  logic [63:0] cosim_cycle,
  input  logic [63:0] cosim_harness_cycle
);

  mmu_top #(
    .TlbEntries (TlbEntries),
    .AsidWidth  (AsidWidth)
  ) u_dut (
    .clk               (clk),
    .rst_n             (rst_n),
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
    .mem_req_valid     (mem_req_valid),
    .mem_req_addr      (mem_req_addr),
    .mem_req_write     (mem_req_write),
    .mem_req_wdata     (mem_req_wdata),
    .mem_req_size      (mem_req_size),
    .mem_req_ready     (mem_req_ready),
    .mem_resp_valid    (mem_resp_valid),
    .mem_resp_rdata    (mem_resp_rdata),
    .mem_resp_err      (mem_resp_err),
    .csr_valid         (csr_valid),
    .csr_write         (csr_write),
    .csr_addr          (csr_addr),
    .csr_wdata         (csr_wdata),
    .csr_ready         (csr_ready),
    .csr_rvalid        (csr_rvalid),
    .csr_rdata         (csr_rdata),
    .trace_hit_index   (trace_hit_index),
    .trace_fill_valid  (trace_fill_valid),
    .trace_fill_index  (trace_fill_index),
    .trace_flush_valid (trace_flush_valid)
  );

  // CSR addresses by name (SPEC 2; the segment registers show as numbers).
  typedef enum logic [7:0] {
    SATP        = CsrSatp,
    STATUS      = CsrStatus,
    SEGCTL      = CsrSegctl,
    BASE        = CsrBase,
    BOUNDS      = CsrBounds,
    RADIX       = CsrRadix,
    TLBCTL      = CsrTlbctl,
    FLUSH       = CsrFlush,
    FLUSH_VA    = CsrFlushVa,
    HITS        = 8'h40,
    MISSES      = 8'h41,
    WALKS       = 8'h42,
    WALK_CYCLES = 8'h43,
    PTE_READS   = 8'h44,
    AD_WRITES   = 8'h45,
    FAULTS      = 8'h46,
    EVICTIONS   = 8'h47,
    FLUSHES     = 8'h48
  } csr_name_e;

  // Enum-typed views for the wave (GTKWave shows FST enum values by name).
  acc_e      req_acc_name;
  priv_e     req_priv_name;
  csr_name_e csr_addr_name;
  cause_e    resp_cause_name, model_resp_cause_name;
  exc_e      resp_exc_name, model_resp_exc_name;

  assign req_acc_name          = acc_e'(req_acc);
  assign req_priv_name         = priv_e'(req_priv);
  assign csr_addr_name         = csr_name_e'(csr_addr);
  assign resp_cause_name       = cause_e'(resp_cause);
  assign model_resp_cause_name = cause_e'(model_resp_cause);
  assign resp_exc_name         = exc_e'(resp_exc);
  assign model_resp_exc_name   = exc_e'(model_resp_exc);

  // The model's ports and the typed views exist only to be traced.
  logic unused_wave_only;
  assign unused_wave_only = ^{model_req_ready, model_resp_valid, model_resp_paddr,
                              model_resp_fault, model_resp_level, model_resp_hit,
                              model_mem_req_valid, model_mem_req_addr, model_mem_req_write,
                              model_mem_req_wdata, model_mem_req_size, model_csr_ready,
                              model_csr_rvalid, model_csr_rdata, model_trace_hit_index,
                              model_trace_fill_valid, model_trace_fill_index,
                              model_trace_flush_valid, model_txn_busy, model_txn_id,
                              cosim_mismatch, cosim_cycle, cosim_harness_cycle, req_acc_name,
                              req_priv_name, csr_addr_name, resp_cause_name,
                              model_resp_cause_name, resp_exc_name, model_resp_exc_name};

endmodule

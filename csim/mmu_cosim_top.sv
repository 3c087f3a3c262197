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
// Bring your own MMU (tb/byo/byo.mk, docs/class-projects.md): +define+MMU_COSIM_DUT=NAME puts
// module NAME (the ports of SPEC 1, parameters TlbEntries and AsidWidth) in place of mmu_top.
// Such a design need not have the kit's mmu_pkg, so the enum-typed views are left out.
`include "mmu_cosim_ports_gen.svh"

module mmu_cosim_top
`ifndef MMU_COSIM_DUT
  import mmu_pkg::*;
`endif
#(
  parameter int unsigned TlbEntries = 16,
  parameter int unsigned AsidWidth  = 16
) (
  // mmu_top's ports passed through, and model_* (the C model's outputs, same names and widths);
  // the lists are generated from rtl/mmu_iface.def (csim/mmu_cosim_ports_gen.svh)
  `MMU_COSIM_PORTS,
  // The model's translation in flight (driven by the harness while tracing)
  input  logic        model_txn_busy,
  input  logic [63:0] model_txn_id,
  // Harness bookkeeping
  input  logic        cosim_mismatch,
  input  logic [63:0] cosim_cycle,
  input  logic [63:0] cosim_harness_cycle
);

`ifdef MMU_COSIM_DUT
  `MMU_COSIM_DUT #(
`else
  mmu_top #(
`endif
    .TlbEntries (TlbEntries),
    .AsidWidth  (AsidWidth)
  ) u_dut (
  `MMU_TOP_CONNECTIONS
  );

`ifdef MMU_COSIM_DUT
  // The model's ports and the harness bookkeeping exist only to be traced.
  logic unused_wave_only;
  assign unused_wave_only = ^{`MMU_COSIM_MODEL_NAMES, model_txn_busy, model_txn_id,
                              cosim_mismatch, cosim_cycle, cosim_harness_cycle};
`else
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
  assign unused_wave_only = ^{`MMU_COSIM_MODEL_NAMES, model_txn_busy, model_txn_id,
                              cosim_mismatch, cosim_cycle, cosim_harness_cycle, req_acc_name,
                              req_priv_name, csr_addr_name, resp_cause_name,
                              model_resp_cause_name, resp_exc_name, model_resp_exc_name};
`endif

endmodule

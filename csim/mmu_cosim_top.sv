// Harness-only top for the lockstep build (build/mmucosim*): mmu_top as u_dut, plus input ports
// through which the C++ harness shows the C model beside the RTL in the same FST wave.
//   model_*          the C model's value of every output port of SPEC 1 (same names, same widths)
//   cosim_mismatch   1 in the cycle where the lockstep comparison found a difference
//   cosim_cycle      cycles since reset (mmu_cycle, the numbering of reports and txn logs)
//   cosim_harness_cycle  cycles stepped by the harness, reset included (--wave-from/--wave-to)
//   cosim_wave_on    1 while a wave is recorded: the wave-only views below are computed only then
//   model_txn_busy / model_txn_id  the model's translation in flight and its id (txn logs)
//   model_txn_* and model_pte_*    more of the model's translation in flight and the PTE format in
//                    force for it (RtlSim::set_model_view, csim/lockstep.cpp): see "The translation
//                    in flight" below
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
  // The model's translation in flight (driven by the harness while tracing): its record
  // (mmu_inflight) or, in its accept cycle, the request being accepted
  input  logic        model_txn_busy,     // a record is in flight (accepted, not yet answered)
  input  logic [63:0] model_txn_id,       // its id (txn logs, report); in the accept cycle the next
  input  logic [63:0] model_txn_vaddr,
  input  logic [1:0]  model_txn_acc,
  input  logic [1:0]  model_txn_priv,
  input  logic        model_txn_paged,    // accept cycle: the request stage looks up the TLB ...
  input  logic        model_txn_seg,      // ... / segmentation is on (priv below M)
  input  logic        model_txn_walk,     // the walker's access is a PTE read (presented or awaited)
  input  logic        model_txn_ad,       // ... is the A/D write
  input  logic [1:0]  model_txn_level,    // ... at this level
  // The PTE format of the model's translation in flight (0 when it has none)
  input  logic [3:0]  model_pte_mode,     // its SATP.MODE (RADIX: the teaching format, HYBRID's too)
  input  logic [1:0]  model_pte_log2,     // PTE size, log2 bytes
  input  logic [5:0]  model_pte_ppn_w,    // PPN (Sv) or PFN (teaching) width
  input  logic [5:0]  model_pte_pfn_lsb,  // teaching fields (RADIX)
  input  logic [5:0]  model_pte_valid_bit,
  input  logic [5:0]  model_pte_present_bit,
  input  logic        model_pte_present_used,
  // Harness bookkeeping
  input  logic        cosim_wave_on,      // a wave is being recorded: the views below are computed
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

  // ---------------------------------------------------------------------------------------------
  // The translation in flight: the "transaction" group of waves/mmu.gtkw, a debug view only. None
  // of this is an MMU port and the lockstep compares none of it (it compares exactly the ports of
  // SPEC 1).
  // Which translation, its VA, access and privilege come from the C model's in-flight record
  // (mmu_inflight, through model_txn_*), because that is exact by construction: it is the record
  // the mismatch report and the txn logs print (same id, same cycle numbering), whereas the RTL
  // keeps no id and no VA (u_ptw.va_q is the linear address, and only while walking; a TLB hit
  // keeps nothing past its accept cycle). The stage is derived for each side by one function,
  // txn_stage_of, from that side's own state: the RTL's (txn_stage) from its registers by
  // hierarchical reference, the model's (model_txn_stage) from its record and outputs. Each is
  // exact for its side; where they differ is where RTL and model diverged. In a cycle that answers
  // one translation and accepts the next, both show the one answering (as the report does); the
  // accepted one is on the request port.
  // ---------------------------------------------------------------------------------------------
  typedef enum logic [3:0] {
    Idle    = 4'd0,  // nothing in flight, nothing accepted
    Bypass  = 4'd1,  // accept cycle: no translation (M, or Bare without segmentation)
    Segment = 4'd2,  // accept cycle: segmentation or base-and-bounds, no paging
    Lookup  = 4'd3,  // accept cycle: TLB lookup (after segmentation, if that is on)
    WalkL0  = 4'd4,  // PTE read of level 0 presented or awaited
    WalkL1  = 4'd5,
    WalkL2  = 4'd6,
    WalkL3  = 4'd7,
    AdWrite = 4'd8,  // A/D write presented or awaited
    Answer  = 4'd9   // the answer is presented (resp_valid)
  } txn_stage_e;

  // busy: accepted in an earlier cycle, not answered yet; answer: resp_valid; walk / ad: the
  // walker's memory access (presented or awaited) is a PTE read of `level` / the A/D write;
  // accept: a request is accepted this cycle; paged / seg: it goes to the TLB / to segmentation.
  function automatic txn_stage_e txn_stage_of(logic busy, logic answer, logic walk, logic ad,
                                              logic [1:0] level, logic accept, logic paged,
                                              logic seg);
    if (busy) begin
      if (answer) return Answer;
      if (ad) return AdWrite;
      if (walk) return txn_stage_e'(4'(WalkL0) + 4'(level));
      return Idle;  // busy and none of them: a lost translation
    end
    if (accept) return paged ? Lookup : (seg ? Segment : Bypass);
    return Idle;
  endfunction

  // A PTE as the process filter build/gtkw/mmu-wave-filter decodes it (waves/mmu_wave_filter.cpp
  // reads this layout): bits 63:0 the bus value, 127:64 what it needs to know: whether a PTE is on
  // the bus (else all 0), its level, the SATP mode in force, and the teaching format's fields.
  function automatic logic [127:0] pte_view(logic on, logic [3:0] mode, logic [1:0] level,
                                            logic [1:0] log2, logic [5:0] ppn_w,
                                            logic [5:0] pfn_lsb, logic [5:0] valid_bit,
                                            logic [5:0] present_bit, logic present_used,
                                            logic [63:0] value);
    logic [63:0] d;
    d        = '0;
    d[63]    = 1'b1;
    d[61:60] = level;
    d[59:56] = mode;
    d[53:52] = log2;
    d[45:40] = ppn_w;
    d[37:32] = pfn_lsb;
    d[29:24] = valid_bit;
    d[21:16] = present_bit;
    d[12]    = present_used;
    return on ? {d, value} : '0;
  endfunction

  // The PTE views (4): the read response as each side's walker takes it, each side's A/D write.
  // A read response is an input: it is shown for its whole cycle (the clock-high half holds what
  // the clock-low half, where the walker takes it, showed). The RTL's format, level and "awaits a
  // PTE" come from its registers, the model's from its record.
  // Like the model_* ports these views matter only while a wave is recorded (cosim_wave_on): they
  // are computed only then, so that the lockstep runs without a wave at full speed.
  logic [3:0]   rtl_pte_mode;
  logic [1:0]   rtl_pte_log2, rtl_level;
  logic [5:0]   rtl_pte_ppn_w, rtl_pte_pfn_lsb, rtl_pte_valid_bit, rtl_pte_present_bit;
  logic         rtl_pte_present_used, rtl_awaits_pte;
  logic         model_awaits_pte;
  logic [127:0] rtl_rdata_now, rtl_rdata_q, model_rdata_now, model_rdata_q;
  logic [127:0] mem_resp_rdata_pte, model_mem_resp_rdata_pte, mem_req_wdata_pte,
                model_mem_req_wdata_pte;

  txn_stage_e   model_txn_stage;

  assign model_awaits_pte = model_txn_walk && !model_mem_req_valid;
  always_comb begin
    model_txn_stage          = Idle;
    rtl_rdata_now            = '0;
    model_rdata_now          = '0;
    mem_resp_rdata_pte       = '0;
    model_mem_resp_rdata_pte = '0;
    mem_req_wdata_pte        = '0;
    model_mem_req_wdata_pte  = '0;
    if (cosim_wave_on) begin
      model_txn_stage = txn_stage_of(model_txn_busy, model_resp_valid, model_txn_walk, model_txn_ad,
                                     model_txn_level, rst_n && req_valid && model_req_ready,
                                     model_txn_paged, model_txn_seg);
      rtl_rdata_now   = pte_view(mem_resp_valid && rtl_awaits_pte, rtl_pte_mode, rtl_level,
                                 rtl_pte_log2, rtl_pte_ppn_w, rtl_pte_pfn_lsb, rtl_pte_valid_bit,
                                 rtl_pte_present_bit, rtl_pte_present_used, mem_resp_rdata);
      model_rdata_now = pte_view(mem_resp_valid && model_awaits_pte, model_pte_mode,
                                 model_txn_level, model_pte_log2, model_pte_ppn_w,
                                 model_pte_pfn_lsb, model_pte_valid_bit, model_pte_present_bit,
                                 model_pte_present_used, mem_resp_rdata);
      mem_resp_rdata_pte       = clk ? rtl_rdata_q : rtl_rdata_now;
      model_mem_resp_rdata_pte = clk ? model_rdata_q : model_rdata_now;
      mem_req_wdata_pte        = pte_view(mem_req_valid && mem_req_write, rtl_pte_mode, rtl_level,
                                          rtl_pte_log2, rtl_pte_ppn_w, rtl_pte_pfn_lsb,
                                          rtl_pte_valid_bit, rtl_pte_present_bit,
                                          rtl_pte_present_used, mem_req_wdata);
      model_mem_req_wdata_pte  = pte_view(model_mem_req_valid && model_mem_req_write,
                                          model_pte_mode, model_txn_level, model_pte_log2,
                                          model_pte_ppn_w, model_pte_pfn_lsb,
                                          model_pte_valid_bit, model_pte_present_bit,
                                          model_pte_present_used, model_mem_req_wdata);
    end
  end
  always_ff @(posedge clk) begin
    if (cosim_wave_on) begin
      rtl_rdata_q   <= rtl_rdata_now;
      model_rdata_q <= model_rdata_now;
    end
  end

`ifdef MMU_COSIM_DUT
  // Another RTL has no registers of ours to look at: its PTEs are decoded in the model's format
  // and level, and it has no txn_stage.
  assign rtl_pte_mode         = model_pte_mode;
  assign rtl_pte_log2         = model_pte_log2;
  assign rtl_level            = model_txn_level;
  assign rtl_pte_ppn_w        = model_pte_ppn_w;
  assign rtl_pte_pfn_lsb      = model_pte_pfn_lsb;
  assign rtl_pte_valid_bit    = model_pte_valid_bit;
  assign rtl_pte_present_bit  = model_pte_present_bit;
  assign rtl_pte_present_used = model_pte_present_used;
  assign rtl_awaits_pte       = model_awaits_pte;

  // The model's ports and the harness bookkeeping exist only to be traced.
  logic unused_wave_only;
  assign unused_wave_only = ^{`MMU_COSIM_MODEL_NAMES, model_txn_busy, model_txn_id,
                              cosim_mismatch, cosim_cycle, cosim_harness_cycle, model_txn_vaddr,
                              model_txn_acc, model_txn_priv, model_txn_stage,
                              mem_resp_rdata_pte, model_mem_resp_rdata_pte, mem_req_wdata_pte,
                              model_mem_req_wdata_pte};
`else
  // Enum-typed views for the wave (GTKWave shows FST enum values by name).
  acc_e      req_acc_name, model_txn_acc_name;
  priv_e     req_priv_name, model_txn_priv_name;
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
  assign model_txn_acc_name    = acc_e'(model_txn_acc);
  assign model_txn_priv_name   = priv_e'(model_txn_priv);

  // The RTL's stage, from its registers: u_dut.inflight_q (accepted, not answered: mmu_top's
  // assertion support), the walker's state and level, the request stage's accept and mode.
  txn_stage_e txn_stage;
  ptw_state_e rtl_ptw_state;
  assign rtl_ptw_state = u_dut.u_ptw.state_q;
  assign rtl_level     = u_dut.u_ptw.level_q;
  always_comb begin
    txn_stage = Idle;
    if (cosim_wave_on) begin
      txn_stage = txn_stage_of(u_dut.inflight_q, resp_valid,
                               rtl_ptw_state inside {PtwReadReq, PtwReadWait},
                               rtl_ptw_state inside {PtwAdReq, PtwAdWait}, rtl_level, u_dut.accept,
                               u_dut.priv != PrivM && u_dut.satp_mode != SatpBare,
                               u_dut.priv != PrivM && u_dut.seg_mode != SegOff);
    end
  end

  // The RTL's PTE format in force (its geometry, rtl/mmu_csr.sv) and "the walker awaits a PTE".
  assign rtl_pte_mode         = u_dut.satp_mode;
  assign rtl_pte_log2         = u_dut.geom.pte_size;
  assign rtl_pte_ppn_w        = u_dut.geom.ppn_w;
  assign rtl_pte_pfn_lsb      = u_dut.geom.pfn_lsb;
  assign rtl_pte_valid_bit    = u_dut.geom.valid_bit;
  assign rtl_pte_present_bit  = u_dut.geom.present_bit;
  assign rtl_pte_present_used = u_dut.geom.present_used;
  assign rtl_awaits_pte       = rtl_ptw_state == PtwReadWait;

  // The model's ports and the typed views exist only to be traced.
  logic unused_wave_only;
  assign unused_wave_only = ^{`MMU_COSIM_MODEL_NAMES, model_txn_busy, model_txn_id,
                              cosim_mismatch, cosim_cycle, cosim_harness_cycle, req_acc_name,
                              req_priv_name, csr_addr_name, resp_cause_name,
                              model_resp_cause_name, resp_exc_name, model_resp_exc_name,
                              model_txn_vaddr, model_txn_acc_name, model_txn_priv_name,
                              model_txn_stage, txn_stage, mem_resp_rdata_pte,
                              model_mem_resp_rdata_pte, mem_req_wdata_pte,
                              model_mem_req_wdata_pte};
`endif

endmodule

// The testbench side of the SystemC lockstep (csim/sc/sc_main.cpp):
// - RandomStimulus: the seeded generator of build/mmucosim (tb/gen/random_gen.h) driving rst_n,
//   req_* and csr_* once per cycle, right after each rising edge;
// - LockstepMonitor: samples every input and both MMUs' outputs in the middle of each cycle (when
//   everything driven after the edge has settled, and no process runs) and hands them to the
//   shared LockstepChecker (csim/checker.h): the same comparison and the same mismatch report as
//   build/mmucosim. It stops the simulation (sc_stop) at the first problem or after N cycles.
// - ScenarioDriver (--scenario): a directed scenario (tb/scenario.h, the parser and executor of
//   build/mmucosim --scenario) in place of both: it drives every input, the page-table memory's
//   included (the scenario's MemModel on the pins, so `mem latency=`/`ready=`/`error` mean what
//   they mean everywhere), and checks every cycle the same way as the monitor.
//
// Clock convention: cycle k spans [k*P, (k+1)*P); its inputs are written right after the edge at
// k*P (cycle 0: at time 0), it is checked at k*P + P/2 and ends with the rising edge at (k+1)*P.
// The clock must start low with its first rising edge at P (sc_clock(..., P, 0.5, P, true)):
// a clock that starts high would give the Verilated model an extra rising edge at time 0.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <systemc>

#include "checker.h"
#include "dut.h"
#include "gen/random_gen.h"
#include "mem_model.h"
#include "sc_ports.h"
#include "scenario.h"

namespace mmusc {

class RandomStimulus : public sc_core::sc_module {
public:
    sc_core::sc_in<bool> clk{"clk"};

    SC_HAS_PROCESS(RandomStimulus);
    // Drives in.{rst_n, req_*, csr_*}; reads in.mem_* and the model's outputs.
    RandomStimulus(sc_core::sc_module_name nm, const gen::GenOptions &opt, MemModel &store,
                   MmuInputSignals &in, const MmuOutputSignals &out);

    gen::RandomGen &generator() { return gen_; }
    // Called with each cycle's number (0 = the first) and its inputs as chosen, before they are
    // driven: to follow the episode's memory settings, or to inject a protocol violation.
    std::function<void(uint64_t, mmu_inputs_t &)> on_next;

private:
    gen::RandomGen gen_;
    MmuInputSignals &in_;
    const MmuOutputSignals &out_;
    uint64_t cycle_ = 0;
    void run();
    void drive(const mmu_inputs_t &in);
};

class LockstepMonitor : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(LockstepMonitor);
    // rtl_assert(where): true once an RTL assertion fired (and where, as file:line).
    LockstepMonitor(sc_core::sc_module_name nm, LockstepChecker &chk, const sc_core::sc_time &period,
                    uint64_t cycles, const MmuInputSignals &in, const MmuOutputSignals &rtl,
                    const MmuOutputSignals &model, std::function<bool(std::string &)> rtl_assert);

    bool done() const { return done_; }  // all cycles checked without a problem
    uint64_t cycles_checked() const { return chk_.cycles(); }
    // Called for every cycle that passed the comparison (inputs and the agreed outputs).
    std::function<void(const mmu_inputs_t &, const mmu_outputs_t &)> on_cycle;

private:
    LockstepChecker &chk_;
    sc_core::sc_time period_;
    uint64_t cycles_;
    const MmuInputSignals &in_;
    const MmuOutputSignals &rtl_, &model_;
    std::function<bool(std::string &)> rtl_assert_;
    bool done_ = false;
    void run();
};

class ScenarioDriver : public sc_core::sc_module, private Dut {
public:
    sc_core::sc_in<bool> clk{"clk"};

    SC_HAS_PROCESS(ScenarioDriver);
    // Plays sc (which must outlive the simulation) on `in`, checks both MMUs' outputs with chk,
    // then stops the simulation (sc_stop).
    ScenarioDriver(sc_core::sc_module_name nm, const Scenario &sc, LockstepChecker &chk,
                   const sc_core::sc_time &period, MmuInputSignals &in, const MmuOutputSignals &rtl,
                   const MmuOutputSignals &model, std::function<bool(std::string &)> rtl_assert);

    bool finished() const { return finished_; }  // the scenario ran to its end
    const ExecReport &result() const { return rep_; }
    // Every failed expectation ("FILE:LINE: ..."), and the notes of unchecked csr reads.
    std::function<void(const std::string &)> on_failure, on_note;

private:
    const Scenario &sc_;
    LockstepChecker &chk_;
    sc_core::sc_time period_;
    MmuInputSignals &in_;
    const MmuOutputSignals &rtl_, &model_;
    std::function<bool(std::string &)> rtl_assert_;
    MemModel mem_;
    ExecReport rep_;
    bool finished_ = false;
    uint64_t k_ = 0;  // cycles stepped
    void run();
    bool edge_checked();
    // Dut: one cycle on the signals (inputs after the edge, check in the middle, then the edge)
    void step(const mmu_inputs_t &in, mmu_outputs_t &out) override;
    bool failed() const override { return chk_.failed(); }
    std::string failure_report() const override { return chk_.report(); }
    mmu_model_t *model() override { return chk_.model(); }
};

}  // namespace mmusc

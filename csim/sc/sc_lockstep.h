// The testbench side of the SystemC lockstep (csim/sc/sc_main.cpp):
// - RandomStimulus: the seeded generator of build/mmucosim (tb/gen/random_gen.h) driving rst_n,
//   req_* and csr_* once per cycle, right after each rising edge;
// - LockstepMonitor: samples every input and both MMUs' outputs in the middle of each cycle (when
//   everything driven after the edge has settled, and no process runs) and hands them to the
//   shared LockstepChecker (csim/checker.h): the same comparison and the same mismatch report as
//   build/mmucosim. It stops the simulation (sc_stop) at the first problem or after N cycles.
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
#include "gen/random_gen.h"
#include "mem_model.h"
#include "sc_ports.h"

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

}  // namespace mmusc

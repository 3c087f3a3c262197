// Stimulus and lockstep monitor of the SystemC harness (see sc_lockstep.h).
#include "sc_lockstep.h"

namespace mmusc {

RandomStimulus::RandomStimulus(sc_core::sc_module_name nm, const gen::GenOptions &opt,
                               MemModel &store, MmuInputSignals &in, const MmuOutputSignals &out)
    : sc_module(nm), gen_(opt, store), in_(in), out_(out)
{
    SC_THREAD(run);
}

void RandomStimulus::drive(const mmu_inputs_t &in)
{
    in_.rst_n.write(in.rst_n);
    in_.req_valid.write(in.req_valid);
    in_.req_vaddr.write(in.req_vaddr);
    in_.req_acc.write(in.req_acc);
    in_.req_priv.write(in.req_priv);
    in_.csr_valid.write(in.csr_valid);
    in_.csr_write.write(in.csr_write);
    in_.csr_addr.write(in.csr_addr);
    in_.csr_wdata.write(in.csr_wdata);
}

void RandomStimulus::run()
{
    mmu_inputs_t in;
    for (;;) {
        gen_.next(in);
        if (on_next)
            on_next(cycle_, in);
        drive(in);
        cycle_++;
        wait(clk.posedge_event());
        // the cycle that this edge ends, as every process sampling at the edge sees it
        gen_.observe(in_.read(), out_.read());
    }
}

LockstepMonitor::LockstepMonitor(sc_core::sc_module_name nm, LockstepChecker &chk,
                                 const sc_core::sc_time &period, uint64_t cycles,
                                 const MmuInputSignals &in, const MmuOutputSignals &rtl,
                                 const MmuOutputSignals &model,
                                 std::function<bool(std::string &)> rtl_assert)
    : sc_module(nm), chk_(chk), period_(period), cycles_(cycles), in_(in), rtl_(rtl),
      model_(model), rtl_assert_(std::move(rtl_assert))
{
    SC_THREAD(run);
}

void LockstepMonitor::run()
{
    wait(period_ / 2);  // the middle of cycle 0
    for (uint64_t k = 0;; k++) {
        std::string where;
        bool fired = rtl_assert_ && rtl_assert_(where);
        // the edge that ended cycle k-1 (and the settling of cycle k): assertions on either side
        if (k > 0 && !chk_.after_edge(fired, where)) {
            sc_core::sc_stop();
            return;
        }
        if (k == cycles_) {
            done_ = true;
            sc_core::sc_stop();
            return;
        }
        mmu_inputs_t in = in_.read();
        mmu_outputs_t model = model_.read();
        if (!chk_.check(in, rtl_.read(), model, k == 0 && fired, where)) {
            sc_core::sc_stop();
            return;
        }
        if (on_cycle)
            on_cycle(in, model);
        wait(period_);
    }
}

ScenarioDriver::ScenarioDriver(sc_core::sc_module_name nm, const Scenario &sc, LockstepChecker &chk,
                               const sc_core::sc_time &period, MmuInputSignals &in,
                               const MmuOutputSignals &rtl, const MmuOutputSignals &model,
                               std::function<bool(std::string &)> rtl_assert)
    : sc_module(nm), sc_(sc), chk_(chk), period_(period), in_(in), rtl_(rtl), model_(model),
      rtl_assert_(std::move(rtl_assert))
{
    SC_THREAD(run);
}

// The assertions of the edge that ended the previous cycle (both sides), as the monitor checks
// them: in the middle of the next cycle.
bool ScenarioDriver::edge_checked()
{
    std::string where;
    bool fired = rtl_assert_ && rtl_assert_(where);
    return k_ == 0 || chk_.after_edge(fired, where);
}

void ScenarioDriver::step(const mmu_inputs_t &in, mmu_outputs_t &out)
{
    // called right after the edge that ended the previous cycle (cycle 0: at time 0)
#define MMUSC_WR(n, w, d) in_.n.write(static_cast<port_t<w>>(in.n));
    MMU_INPUT_PORTS(MMUSC_WR)
#undef MMUSC_WR
    wait(period_ / 2);
    out = model_.read();
    if (!chk_.failed() && edge_checked()) {
        std::string where;
        bool fired = k_ == 0 && rtl_assert_ && rtl_assert_(where);
        chk_.check(in_.read(), rtl_.read(), out, fired, where);
    }
    wait(clk.posedge_event());
    k_++;
}

void ScenarioDriver::run()
{
    ScenarioExecutor ex(*this, mem_);
    ex.on_failure = [this](const std::string &msg) {
        if (!chk_.failed() && on_failure)  // a lockstep failure has its own report
            on_failure(msg);
    };
    if (on_note)
        ex.on_note = on_note;
    rep_ = ex.run(sc_);
    // the last edge's assertions
    wait(period_ / 2);
    if (!chk_.failed())
        edge_checked();
    finished_ = !chk_.failed();
    sc_core::sc_stop();
}

}  // namespace mmusc

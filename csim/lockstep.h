// Lockstep DUT (Ibex cosim layering: Dut interface <- this checker <- RtlSim glue for Verilator).
// step() drives the same inputs into the Verilated mmu_top and the C model, compares EVERY output
// port (trace port included) in every cycle before the clock edge, and stops at the first
// difference or assertion (RTL or model) with a report (csim/report.h). The memory behind the
// walker is NOT in here: the caller's single MemModel drives the mem_* inputs of both sides
// (MemModel::drive before step, MemModel::observe with step's outputs, which are the model's and
// equal to the RTL's). The comparison and the report's bookkeeping are LockstepChecker
// (csim/checker.h), shared with the SystemC lockstep and the DPI-C scoreboard.
#pragma once
#include <array>
#include <functional>
#include <memory>
#include <string>

#include "checker.h"
#include "dut.h"
#include "report.h"
#include "rtl_sim.h"

// The report's "build" line: "TlbEntries=16 AsidWidth=16", plus " with <defect or RTL>".
std::string rtl_build_text(const RtlBuildInfo &b);

class LockstepDut final : public Dut {
public:
    // Builds the model with the RTL build's TlbEntries / AsidWidth. argv goes to Verilator.
    LockstepDut(int argc, char **argv, bool with_wave);
    ~LockstepDut() override;
    LockstepDut(const LockstepDut &) = delete;
    LockstepDut &operator=(const LockstepDut &) = delete;

    void step(const mmu_inputs_t &in, mmu_outputs_t &out) override;
    // True once the run has stopped (after the cycles given to continue_after_failure).
    bool failed() const override { return chk_.failed() && post_left_ == 0; }
    std::string failure_report() const override;
    mmu_model_t *model() override { return model_; }

    // The command line printed in the report (and its variant with a wave window).
    void set_repro(const std::string &cmd, const std::string &wave_cmd_prefix);
    // Called for every completed translation (the model's txn callback is taken by the ring).
    void set_txn_observer(std::function<void(const mmu_txn_t &)> f)
    {
        chk_.set_txn_observer(std::move(f));
    }
    // Functional coverage of every checked cycle (tb/cov/mmu_cov.h); nullptr: off.
    void set_coverage(cov::Collector *c) { chk_.set_coverage(c); }
    RtlSim &rtl() { return *rtl_; }
    uint64_t cycles() const { return chk_.cycles(); }  // harness cycles stepped, reset included
    const MismatchInfo &failure() const { return chk_.failure(); }
    // After the first failure, keep stepping RTL and model (no longer checked) for n more
    // cycles, so that a wave shows what follows the divergence; failed() turns true after them.
    // The report stays the first failure's. Default 0: stop at once.
    void continue_after_failure(unsigned n) { post_left_ = n; }
    // The first failure happened (failed() may still be false while continuing).
    bool has_failure() const { return chk_.failed(); }
    // Clock edges taken (harness cycles), cycles run on after a failure included.
    uint64_t edges() const { return edges_; }
    void finish() { rtl_->finish(); }

private:
    std::unique_ptr<RtlSim> rtl_;
    mmu_model_t *model_ = nullptr;
    LockstepChecker chk_;
    unsigned post_left_ = 0;
    uint64_t edges_ = 0;          // clock edges taken (harness cycles), for the wave
    bool view_mismatch_ = false;  // this cycle's comparison, shown through both clock phases
    uint64_t next_txn_id_ = 0;    // the model's id for the next accepted request

    void show_model(const mmu_inputs_t &in, const mmu_outputs_t &model, bool mismatch);
    void edge(const mmu_inputs_t &in, const mmu_outputs_t &model_out);
};

// The RTL alone, for `make bench` (no model, no checking; model() is nullptr).
class RtlOnlyDut final : public Dut {
public:
    RtlOnlyDut(int argc, char **argv) : rtl_(make_rtl_sim(argc, argv, false)) {}
    ~RtlOnlyDut() override { rtl_->finish(); }
    void step(const mmu_inputs_t &in, mmu_outputs_t &out) override
    {
        rtl_->set_inputs(in);
        rtl_->get_outputs(out);
        rtl_->clock_edge();
    }
    bool failed() const override { return rtl_->assertion_failed(); }
    std::string failure_report() const override
    {
        return "RTL assertion failed at " + rtl_->assertion_location() + "\n";
    }
    mmu_model_t *model() override { return nullptr; }

private:
    std::unique_ptr<RtlSim> rtl_;
};

// The model alone behind the Dut interface (for the bench's model-only figure).
class ModelOnlyDut final : public Dut {
public:
    explicit ModelOnlyDut(const mmu_config_t &cfg);
    ~ModelOnlyDut() override;
    void step(const mmu_inputs_t &in, mmu_outputs_t &out) override { mmu_step(model_, &in, &out); }
    bool failed() const override { return false; }
    std::string failure_report() const override { return ""; }
    mmu_model_t *model() override { return model_; }

private:
    mmu_model_t *model_;
};

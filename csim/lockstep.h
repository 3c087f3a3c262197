// Lockstep DUT (Ibex cosim layering: Dut interface <- this checker <- RtlSim glue for Verilator).
// step() drives the same inputs into the Verilated mmu_top and the C model, compares EVERY output
// port (trace port included) in every cycle before the clock edge, and stops at the first
// difference or assertion (RTL or model) with a report (csim/report.h). The memory behind the
// walker is NOT in here: the caller's single MemModel drives the mem_* inputs of both sides
// (MemModel::drive before step, MemModel::observe with step's outputs, which are the model's and
// equal to the RTL's).
#pragma once
#include <array>
#include <functional>
#include <memory>
#include <string>

#include "dut.h"
#include "report.h"
#include "rtl_sim.h"

class LockstepDut final : public Dut {
public:
    // Builds the model with the RTL build's TlbEntries / AsidWidth. argv goes to Verilator.
    LockstepDut(int argc, char **argv, bool with_wave);
    ~LockstepDut() override;
    LockstepDut(const LockstepDut &) = delete;
    LockstepDut &operator=(const LockstepDut &) = delete;

    void step(const mmu_inputs_t &in, mmu_outputs_t &out) override;
    bool failed() const override { return failed_; }
    std::string failure_report() const override;
    mmu_model_t *model() override { return model_; }

    // The command line printed in the report (and its variant with a wave window).
    void set_repro(const std::string &cmd, const std::string &wave_cmd_prefix);
    // Called for every completed translation (the model's txn callback is taken by the ring).
    void set_txn_observer(std::function<void(const mmu_txn_t &)> f) { observer_ = std::move(f); }
    RtlSim &rtl() { return *rtl_; }
    uint64_t cycles() const { return cycle_; }  // harness cycles stepped, reset included
    const MismatchInfo &failure() const { return info_; }
    void finish() { rtl_->finish(); }

private:
    static constexpr unsigned kRecentTxns = 16;
    static constexpr unsigned kHistory = 8;
    std::unique_ptr<RtlSim> rtl_;
    mmu_model_t *model_ = nullptr;
    uint64_t cycle_ = 0;
    bool failed_ = false;
    MismatchInfo info_;
    std::string repro_, wave_prefix_;
    std::function<void(const mmu_txn_t &)> observer_;
    std::array<mmu_txn_t, kRecentTxns> recent_{};
    unsigned recent_n_ = 0, recent_head_ = 0;
    std::array<CycleRecord, kHistory> hist_{};
    unsigned hist_n_ = 0, hist_head_ = 0;

    static void txn_cb(void *user, const mmu_txn_t *t);
    void stop(StopKind kind, const mmu_inputs_t &in, const mmu_outputs_t &rtl,
              const mmu_outputs_t &model, const std::string &msg);
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

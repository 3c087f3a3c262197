// The per-cycle lockstep check, shared by every harness that runs the RTL next to the C model:
// build/mmucosim (LockstepDut, csim/lockstep.h), the SystemC lockstep (csim/sc/) and the DPI-C
// scoreboard (csim/dpi/). It does not drive anything: the harness evaluates both sides, hands
// this cycle's inputs and both sets of outputs to check() before the clock edge, applies the
// edge to both sides, and calls after_edge(). On the first difference or assertion the checker
// stops and fills the MismatchInfo that format_report() prints (csim/report.h): the in-flight
// translation, the last completed translations and the last cycles come from here.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <string>

#include "mmu_model.h"
#include "report.h"

namespace cov {
class Collector;  // tb/cov/mmu_cov.h
}

class LockstepChecker {
public:
    // Takes the model's translation callback (see set_txn_observer): the model must not be
    // stepped after the checker is gone. build: the report's "build" line, e.g.
    // "TlbEntries=16 AsidWidth=16 with tb/defects/dirty.patch".
    LockstepChecker(mmu_model_t *model, std::string build);
    LockstepChecker(const LockstepChecker &) = delete;
    LockstepChecker &operator=(const LockstepChecker &) = delete;

    // The command line printed in the report, and the prefix of its variant with a wave window
    // (empty: no wave line).
    void set_repro(const std::string &cmd, const std::string &wave_cmd_prefix);
    // Called for every completed translation.
    void set_txn_observer(std::function<void(const mmu_txn_t &)> f) { observer_ = std::move(f); }
    // Functional coverage (tb/cov/mmu_cov.h): sampled in every checked cycle and translation,
    // here so that every harness built on this checker samples it the same way. nullptr: off.
    void set_coverage(cov::Collector *c) { cov_ = c; }

    // Before the edge ending the cycle: `rtl` and `model` are both sides' outputs for `in`.
    // rtl_assert: an RTL assertion fired while settling this cycle (where: its file:line).
    // Returns true if every output port agrees; otherwise stops (failed() is true from then on).
    bool check(const mmu_inputs_t &in, const mmu_outputs_t &rtl, const mmu_outputs_t &model,
               bool rtl_assert = false, const std::string &where = "");
    // After both sides took the edge that ends the cycle passed to check(): stops if an RTL
    // assertion (rtl_fired, where) or a model assertion fired at that edge. Returns true if not,
    // and counts the cycle.
    bool after_edge(bool rtl_fired = false, const std::string &where = "");

    bool failed() const { return failed_; }
    const MismatchInfo &failure() const { return info_; }
    std::string report() const { return failed_ ? format_report(info_) : std::string(); }
    uint64_t cycles() const { return cycle_; }  // cycles checked, reset cycles included
    mmu_model_t *model() const { return model_; }

private:
    static constexpr unsigned kRecentTxns = 16;
    static constexpr unsigned kHistory = 8;
    mmu_model_t *model_;
    std::string build_;
    uint64_t cycle_ = 0;
    bool failed_ = false;
    MismatchInfo info_;
    std::string repro_, wave_prefix_;
    std::function<void(const mmu_txn_t &)> observer_;
    cov::Collector *cov_ = nullptr;
    std::array<mmu_txn_t, kRecentTxns> recent_{};
    unsigned recent_n_ = 0, recent_head_ = 0;
    std::array<CycleRecord, kHistory> hist_{};
    unsigned hist_n_ = 0, hist_head_ = 0;
    // the cycle handed to check(), for after_edge()
    mmu_inputs_t last_in_{};
    mmu_outputs_t last_rtl_{}, last_model_{};
    unsigned asserts_before_ = 0;

    static void txn_cb(void *user, const mmu_txn_t *t);
    void stop(StopKind kind, const mmu_inputs_t &in, const mmu_outputs_t &rtl,
              const mmu_outputs_t &model, const std::string &msg);
};

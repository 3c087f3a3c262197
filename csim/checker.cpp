// Per-cycle lockstep check (see checker.h).
#include "checker.h"

#include "cov/mmu_cov.h"

LockstepChecker::LockstepChecker(mmu_model_t *model, std::string build)
    : model_(model), build_(std::move(build))
{
    mmu_set_txn_callback(model_, &LockstepChecker::txn_cb, this);
}

void LockstepChecker::txn_cb(void *user, const mmu_txn_t *t)
{
    auto *self = static_cast<LockstepChecker *>(user);
    self->recent_[self->recent_head_] = *t;
    self->recent_head_ = (self->recent_head_ + 1) % kRecentTxns;
    if (self->recent_n_ < kRecentTxns)
        self->recent_n_++;
    if (self->cov_ && !self->failed_)
        self->cov_->txn(*t);
    if (self->observer_)
        self->observer_(*t);
}

void LockstepChecker::set_repro(const std::string &cmd, const std::string &wave_cmd_prefix)
{
    repro_ = cmd;
    wave_prefix_ = wave_cmd_prefix;
}

bool LockstepChecker::check(const mmu_inputs_t &in, const mmu_outputs_t &rtl,
                            const mmu_outputs_t &model, bool rtl_assert, const std::string &where)
{
    if (failed_)
        return false;
    if (!outputs_equal(rtl, model)) {
        stop(StopKind::Mismatch, in, rtl, model, "");
        return false;
    }
    if (rtl_assert) {
        stop(StopKind::RtlAssertion, in, rtl, model, where);
        return false;
    }
    CycleRecord &h = hist_[hist_head_];
    h.cycle = mmu_cycle(model_);
    h.harness_cycle = cycle_;
    h.in = in;
    h.out = model;
    hist_head_ = (hist_head_ + 1) % kHistory;
    if (hist_n_ < kHistory)
        hist_n_++;
    last_in_ = in;
    last_rtl_ = rtl;
    last_model_ = model;
    asserts_before_ = mmu_assertion_count(model_);
    if (cov_)
        cov_->before_edge(in, model);
    return true;
}

bool LockstepChecker::after_edge(bool rtl_fired, const std::string &where)
{
    if (failed_)
        return false;
    bool model_fired = mmu_assertion_count(model_) != asserts_before_;
    if (rtl_fired || model_fired) {
        std::string msg;
        if (rtl_fired)
            msg = where;
        if (model_fired)
            msg += std::string(rtl_fired ? "; the C model's assertion fired too: " : "") +
                   mmu_assertion_message(model_);
        else if (rtl_fired)
            msg += "; the C model's assertions did not fire";
        stop(rtl_fired ? StopKind::RtlAssertion : StopKind::ModelAssertion, last_in_, last_rtl_,
             last_model_, msg);
        return false;
    }
    cycle_++;
    if (cov_)
        cov_->after_edge();
    return true;
}

void LockstepChecker::stop(StopKind kind, const mmu_inputs_t &in, const mmu_outputs_t &rtl,
                           const mmu_outputs_t &model, const std::string &msg)
{
    failed_ = true;
    MismatchInfo &m = info_;
    m.kind = kind;
    m.harness_cycle = cycle_;
    // After an edge (assertions found there) the model has counted it; report the cycle whose
    // inputs fired it.
    uint64_t mc = mmu_cycle(model_);
    m.model_cycle = kind == StopKind::Mismatch ? mc : (mc ? mc - 1 : 0);
    m.in = in;
    m.rtl = rtl;
    m.model = model;
    const mmu_txn_t *t = mmu_inflight(model_);
    m.have_inflight = t != nullptr;
    if (t)
        m.inflight = *t;
    m.recent.clear();
    for (unsigned i = 0; i < recent_n_; i++)
        m.recent.push_back(recent_[(recent_head_ + kRecentTxns - recent_n_ + i) % kRecentTxns]);
    m.history.clear();
    // For an edge-time stop the newest history record is this very cycle; leave it out.
    unsigned n = hist_n_;
    unsigned skip = (kind != StopKind::Mismatch && n &&
                     hist_[(hist_head_ + kHistory - 1) % kHistory].harness_cycle == cycle_)
                        ? 1
                        : 0;
    for (unsigned i = 0; i + skip < n; i++)
        m.history.push_back(hist_[(hist_head_ + kHistory - n + i) % kHistory]);
    m.message = msg;
    m.build = build_;
    m.repro = repro_;
    m.wave_repro.clear();
    if (!wave_prefix_.empty()) {
        uint64_t from = cycle_ > 200 ? cycle_ - 200 : 0;
        m.wave_repro = wave_prefix_ + " --waves fail.fst --wave-from " + std::to_string(from) +
                       " --wave-to " + std::to_string(cycle_ + 5);
    }
}

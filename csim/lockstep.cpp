// Lockstep checker (see lockstep.h).
#include "lockstep.h"

#include <cstdio>
#include <cstdlib>

namespace {

mmu_model_t *create_model(const RtlBuildInfo &b)
{
    mmu_config_t cfg{};
    cfg.tlb_entries = b.tlb_entries;
    cfg.asid_bits = b.asid_bits;
    char err[200] = "";
    mmu_model_t *m = mmu_create(&cfg, err, sizeof err);
    if (!m) {
        std::fprintf(stderr, "lockstep: cannot create the C model (TlbEntries=%u AsidWidth=%u): %s\n",
                     b.tlb_entries, b.asid_bits, err);
        std::exit(2);
    }
    return m;
}

std::string build_text(const RtlBuildInfo &b)
{
    std::string s = "TlbEntries=" + std::to_string(b.tlb_entries) +
                    " AsidWidth=" + std::to_string(b.asid_bits);
    if (b.defect[0])
        s += std::string(" +define+") + b.defect;
    return s;
}

}  // namespace

LockstepDut::LockstepDut(int argc, char **argv, bool with_wave)
    : rtl_(make_rtl_sim(argc, argv, with_wave)), model_(create_model(rtl_build_info()))
{
    mmu_set_txn_callback(model_, &LockstepDut::txn_cb, this);
}

LockstepDut::~LockstepDut()
{
    rtl_->finish();
    mmu_destroy(model_);
}

void LockstepDut::txn_cb(void *user, const mmu_txn_t *t)
{
    auto *self = static_cast<LockstepDut *>(user);
    self->recent_[self->recent_head_] = *t;
    self->recent_head_ = (self->recent_head_ + 1) % kRecentTxns;
    if (self->recent_n_ < kRecentTxns)
        self->recent_n_++;
    if (self->observer_)
        self->observer_(*t);
}

void LockstepDut::set_repro(const std::string &cmd, const std::string &wave_cmd_prefix)
{
    repro_ = cmd;
    wave_prefix_ = wave_cmd_prefix;
}

void LockstepDut::step(const mmu_inputs_t &in, mmu_outputs_t &out)
{
    if (failed_) {  // frozen at the failure: report the model's view, change nothing
        mmu_eval(model_, &in, &out);
        return;
    }
    // 1. this cycle's outputs of both, before the edge
    rtl_->set_inputs(in);
    mmu_outputs_t rtl_out;
    rtl_->get_outputs(rtl_out);
    mmu_eval(model_, &in, &out);
    if (!outputs_equal(rtl_out, out)) {
        stop(StopKind::Mismatch, in, rtl_out, out, "");
        return;
    }
    if (rtl_->assertion_failed()) {
        stop(StopKind::RtlAssertion, in, rtl_out, out, rtl_->assertion_location());
        return;
    }
    // 2. the edge ending the cycle
    CycleRecord &h = hist_[hist_head_];
    h.cycle = mmu_cycle(model_);
    h.harness_cycle = cycle_;
    h.in = in;
    h.out = out;
    hist_head_ = (hist_head_ + 1) % kHistory;
    if (hist_n_ < kHistory)
        hist_n_++;
    unsigned asserts = mmu_assertion_count(model_);
    rtl_->clock_edge();
    mmu_step(model_, &in, nullptr);
    bool rtl_fired = rtl_->assertion_failed();
    bool model_fired = mmu_assertion_count(model_) != asserts;
    if (rtl_fired || model_fired) {
        std::string msg;
        if (rtl_fired)
            msg = rtl_->assertion_location();
        if (model_fired)
            msg += std::string(rtl_fired ? "; the C model's assertion fired too: " : "") +
                   mmu_assertion_message(model_);
        else if (rtl_fired)
            msg += "; the C model's assertions did not fire";
        stop(rtl_fired ? StopKind::RtlAssertion : StopKind::ModelAssertion, in, rtl_out, out, msg);
        return;
    }
    cycle_++;
}

void LockstepDut::stop(StopKind kind, const mmu_inputs_t &in, const mmu_outputs_t &rtl,
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
    m.build = build_text(rtl_build_info());
    m.repro = repro_;
    if (!wave_prefix_.empty()) {
        uint64_t from = cycle_ > 200 ? cycle_ - 200 : 0;
        m.wave_repro = wave_prefix_ + " --wave fail.fst --wave-from " + std::to_string(from) +
                       " --wave-to " + std::to_string(cycle_ + 5);
    }
}

std::string LockstepDut::failure_report() const { return failed_ ? format_report(info_) : ""; }

ModelOnlyDut::ModelOnlyDut(const mmu_config_t &cfg)
{
    char err[200] = "";
    model_ = mmu_create(&cfg, err, sizeof err);
    if (!model_) {
        std::fprintf(stderr, "cannot create the C model: %s\n", err);
        std::exit(2);
    }
}

ModelOnlyDut::~ModelOnlyDut() { mmu_destroy(model_); }

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

}  // namespace

std::string rtl_build_text(const RtlBuildInfo &b)
{
    std::string s = "TlbEntries=" + std::to_string(b.tlb_entries) +
                    " AsidWidth=" + std::to_string(b.asid_bits);
    if (b.defect[0])
        s += std::string(" with ") + b.defect;
    return s;
}

LockstepDut::LockstepDut(int argc, char **argv, bool with_wave)
    : rtl_(make_rtl_sim(argc, argv, with_wave)), model_(create_model(rtl_build_info())),
      chk_(model_, rtl_build_text(rtl_build_info()))
{
}

LockstepDut::~LockstepDut()
{
    rtl_->finish();
    mmu_destroy(model_);
}

void LockstepDut::set_repro(const std::string &cmd, const std::string &wave_cmd_prefix)
{
    chk_.set_repro(cmd, wave_cmd_prefix);
}

// The model's side of the current clock phase, beside the RTL in the wave (the cosim top's
// model_* ports). Called only while a wave is recorded.
void LockstepDut::show_model(const mmu_outputs_t &model, bool mismatch)
{
    ModelView v;
    v.out = model;
    v.mismatch = mismatch;
    v.cycle = mmu_cycle(model_);
    v.harness_cycle = edges_;
    const mmu_txn_t *t = mmu_inflight(model_);
    v.txn_busy = t != nullptr;
    v.txn_id = t ? t->id : 0;
    rtl_->set_model_view(v);
}

// The edge ending the cycle on both sides (the model's outputs of the cycle, model_out, are
// already evaluated); while recording, the clock-high phase of the wave gets the model's outputs
// after its edge for the same inputs.
void LockstepDut::edge(const mmu_inputs_t &in, const mmu_outputs_t &model_out)
{
    rtl_->clock_edge();
    mmu_clock(model_, &in, &model_out);
    edges_++;
    if (rtl_->wave_active()) {
        mmu_outputs_t after;
        mmu_eval(model_, &in, &after);
        show_model(after, view_mismatch_);
    }
}

void LockstepDut::step(const mmu_inputs_t &in, mmu_outputs_t &out)
{
    if (chk_.failed() && !post_left_) {  // frozen at the failure: the model's view, no change
        mmu_eval(model_, &in, &out);
        return;
    }
    // 1. this cycle's outputs of both, compared before the edge
    rtl_->set_inputs(in);
    mmu_outputs_t rtl_out;
    rtl_->get_outputs(rtl_out);
    mmu_eval(model_, &in, &out);
    if (chk_.failed()) {  // running on after the failure (continue_after_failure), unchecked
        post_left_--;
        if (rtl_->wave_active()) {
            view_mismatch_ = !outputs_equal(rtl_out, out);
            show_model(out, view_mismatch_);
        }
        edge(in, out);
        return;
    }
    bool ok = chk_.check(in, rtl_out, out, rtl_->assertion_failed(), rtl_->assertion_location());
    if (rtl_->wave_active()) {
        view_mismatch_ = !ok;
        show_model(out, !ok);
    }
    if (!ok) {
        if (post_left_) {  // this cycle's edge counts as the first cycle run on
            post_left_--;
            edge(in, out);
        }
        return;
    }
    // 2. the edge ending the cycle, then the assertions it fired on either side
    edge(in, out);
    if (!chk_.after_edge(rtl_->assertion_failed(), rtl_->assertion_location()) && post_left_)
        post_left_--;
}

std::string LockstepDut::failure_report() const { return chk_.report(); }

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

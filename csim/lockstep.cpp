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

// Where the model's translation in flight is, for the wave's "transaction" view (the cosim top's
// model_txn_* and model_pte_* ports; csim/mmu_cosim_top.sv derives the stage from them): its
// record (mmu_inflight) or, in its accept cycle, the request being accepted (it gets next_id);
// the walker's access from the record's memory accesses and this phase's outputs (a request is
// recorded when the memory accepts it); the PTE format from the record's mode and RADIX.
void model_txn_view(const mmu_model_t *m, const mmu_inputs_t &in, const mmu_outputs_t &out,
                    uint64_t next_id, ModelView &v)
{
    const mmu_txn_t *t = mmu_inflight(m);
    if (!t) {
        if (in.rst_n && in.req_valid && out.req_ready) {
            bool below_m = in.req_priv != MMU_PRIV_M;
            v.txn_id = next_id;
            v.txn_vaddr = in.req_vaddr;
            v.txn_acc = in.req_acc;
            v.txn_priv = in.req_priv;
            v.txn_paged = below_m && MMU_FIELD(mmu_csr_read(m, MMU_CSR_SATP), SATP_MODE) != MMU_SATP_BARE;
            v.txn_seg = below_m && MMU_FIELD(mmu_csr_read(m, MMU_CSR_SEGCTL), SEGCTL_MODE) != MMU_SEG_OFF;
        }
        return;
    }
    v.txn_busy = true;
    v.txn_id = t->id;
    v.txn_vaddr = t->vaddr;
    v.txn_acc = t->acc;
    v.txn_priv = t->priv;

    uint64_t radix = mmu_csr_read(m, MMU_CSR_RADIX);  // no write reaches it during a walk
    mmu_geometry_t g{};
    bool geom = mmu_geometry(t->satp_mode, radix, &g);
    if (geom) {
        v.pte_mode = t->satp_mode;
        v.pte_log2 = uint8_t(g.pte_log2);
        v.pte_ppn_w = uint8_t(g.ppn_bits);
        if (t->satp_mode == MMU_SATP_RADIX) {  // the teaching format (HYBRID's too, docs/spec.md 4.4)
            v.pte_pfn_lsb = uint8_t(MMU_FIELD(radix, RADIX_PFN_LSB));
            v.pte_valid_bit = uint8_t(MMU_FIELD(radix, RADIX_VALID_BIT));
            v.pte_present_bit = uint8_t(MMU_FIELD(radix, RADIX_PRESENT_BIT));
            v.pte_present_used = MMU_FIELD(radix, RADIX_PRESENT_USED) != 0;
        }
    }
    unsigned top = t->hybrid || !geom || g.levels == 0 ? 0 : g.levels - 1;
    const mmu_pte_access_t *last = t->n_access ? &t->access[t->n_access - 1] : nullptr;
    if (out.resp_valid) {  // the answer
        v.txn_level = last ? last->level : 0;
    } else if (out.mem_req_valid) {  // presented, not yet taken by the memory
        if (out.mem_req_write) {
            v.txn_ad = true;
            v.txn_level = last ? last->level : 0;
        } else {
            v.txn_walk = true;
            v.txn_level = uint8_t(last ? last->level - 1 : top);  // below the last pointer
        }
    } else if (last) {  // awaited
        (last->write ? v.txn_ad : v.txn_walk) = true;
        v.txn_level = last->level;
    }
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
void LockstepDut::show_model(const mmu_inputs_t &in, const mmu_outputs_t &model, bool mismatch)
{
    ModelView v;
    v.out = model;
    v.mismatch = mismatch;
    v.cycle = mmu_cycle(model_);
    v.harness_cycle = edges_;
    model_txn_view(model_, in, model, next_txn_id_, v);
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
    // the id the next accepted request gets (the wave shows it in the accept cycle)
    if (!in.rst_n) {
        next_txn_id_ = 0;
    } else if (in.req_valid && model_out.req_ready) {
        if (const mmu_txn_t *t = mmu_inflight(model_))
            next_txn_id_ = t->id + 1;
    }
    if (rtl_->wave_active()) {
        mmu_outputs_t after;
        mmu_eval(model_, &in, &after);
        show_model(in, after, view_mismatch_);
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
            show_model(in, out, view_mismatch_);
        }
        edge(in, out);
        return;
    }
    bool ok = chk_.check(in, rtl_out, out, rtl_->assertion_failed(), rtl_->assertion_location());
    if (rtl_->wave_active()) {
        view_mismatch_ = !ok;
        show_model(in, out, !ok);
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

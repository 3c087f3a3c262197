// The DUT behind the transaction-level comparison (see txn_dut.h).
#include "txn_dut.h"

#include <cstdio>
#include <cstdlib>

namespace {

mmu_model_t *create_model(const mmu_config_t &cfg)
{
    char err[200] = "";
    mmu_model_t *m = mmu_create(&cfg, err, sizeof err);
    if (!m) {
        std::fprintf(stderr, "txn: cannot create the C model: %s\n", err);
        std::exit(2);
    }
    return m;
}

}  // namespace

TxnDut::TxnDut(std::unique_ptr<RtlSim> rtl, const mmu_config_t &cfg, const std::string &build)
    : rtl_(std::move(rtl)), model_(create_model(cfg)), chk_(model_, build)
{
}

TxnDut::~TxnDut()
{
    rtl_->finish();
    mmu_destroy(model_);
}

// The wave's model_* ports have no per-cycle model to show (the model is untimed); the wave
// carries the harness's view: the request the DUT works on, the failing cycle, the cycle count.
void TxnDut::show(bool mismatch)
{
    ModelView v;
    v.mismatch = mismatch;
    v.cycle = chk_.cycle();
    v.harness_cycle = edges_;
    v.txn_busy = chk_.oldest_unanswered(v.txn_id);
    rtl_->set_model_view(v);
}

void TxnDut::edge()
{
    rtl_->clock_edge();
    edges_++;
    if (rtl_->wave_active())
        show(view_mismatch_);
}

void TxnDut::step(const mmu_inputs_t &in, mmu_outputs_t &out)
{
    if (chk_.failed() && !post_left_) {  // stopped: nothing changes any more
        out = mmu_outputs_t{};
        return;
    }
    mmu_inputs_t dut_in;
    chk_.gate(in, dut_in);
    rtl_->set_inputs(dut_in);
    rtl_->get_outputs(out);
    chk_.mask_ready(in, out);
    if (chk_.failed()) {  // running on after the failure, unchecked, for the wave
        post_left_--;
        if (rtl_->wave_active())
            show(true);
        edge();
        return;
    }
    mmu_outputs_t dut_out;
    rtl_->get_outputs(dut_out);
    bool ok = chk_.observe(dut_in, dut_out, in);
    if (ok && rtl_->assertion_failed())  // fired while this cycle settled
        ok = chk_.after_edge(true, rtl_->assertion_location());
    view_mismatch_ = !ok;
    if (rtl_->wave_active())
        show(!ok);
    if (!ok) {
        if (post_left_) {
            post_left_--;
            edge();
        }
        return;
    }
    edge();
    if (!chk_.after_edge(rtl_->assertion_failed(), rtl_->assertion_location()) && post_left_)
        post_left_--;
}

bool TxnDut::finish_run(MemModel &mem)
{
    chk_.attach_memory(&mem);
    mmu_outputs_t out;
    auto cycle = [&](const mmu_inputs_t &in) {
        mmu_inputs_t i = in;
        mem.drive(i);
        step(i, out);
        mem.observe(i, out);
        return i;
    };
    mmu_inputs_t idle{};
    idle.rst_n = true;
    for (uint64_t c = 0; !chk_.failed() && !chk_.idle(); c++) {
        if (c > TxnChecker::kAnswerTimeout + 10)  // the checker's own timeout fires first
            break;
        cycle(idle);
    }
    chk_.set_end_phase(true);
    for (unsigned i = 0; i < MMU_CNT_COUNT && !chk_.failed(); i++) {
        mmu_inputs_t rd = idle;
        rd.csr_valid = true;
        rd.csr_write = false;
        rd.csr_addr = uint8_t(MMU_CSR_HITS + i);
        for (uint64_t c = 0; !chk_.failed(); c++) {
            mmu_inputs_t presented = cycle(rd);
            if (presented.csr_valid && out.csr_ready)
                break;
            if (c > TxnChecker::kAcceptTimeout + 10)
                break;
        }
    }
    for (uint64_t c = 0; !chk_.failed() && !chk_.idle(); c++) {
        if (c > TxnChecker::kReadTimeout + 10)
            break;
        cycle(idle);
    }
    chk_.set_end_phase(false);
    return chk_.check_end() && !chk_.failed();
}

Scenario txn_scenario(const Scenario &sc, unsigned &dropped)
{
    Scenario out = sc;
    dropped = 0;
    auto drop = [&dropped](auto &opt) {
        if (opt) {
            opt.reset();
            dropped++;
        }
    };
    for (Command &c : out.cmds) {
        drop(c.ex.cycles);
        drop(c.ex.accept);
        drop(c.ex.hit_index);
        drop(c.ex.fill);
        drop(c.flush);
        drop(c.fill);  // CsrWrite: the trace in its accepting cycle
        if (c.kind == CmdKind::CsrRead && c.csr == MMU_CSR_WALK_CYCLES)
            drop(c.expect);
    }
    return out;
}

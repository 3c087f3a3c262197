// The transaction-level comparison (see txn_checker.h).
#include "txn_checker.h"

#include <cinttypes>

#include "cosim_stats.h"
#include "mmu_enums.h"

namespace {

std::string hex(uint64_t v) { return strprintf("0x%" PRIx64, v); }

// "hit", "no-walk" (answered without memory: unpaged, or a fault before the walk), "walk3",
// "walk3+ad" (three PTE reads and an A/D write).
std::string kind_of(const mmu_result_t &r, const std::vector<TxnDutAccess> &acc)
{
    if (r.hit)
        return "hit";
    if (acc.empty())
        return "no-walk";
    unsigned reads = 0, writes = 0;
    for (const TxnDutAccess &a : acc)
        (a.write ? writes : reads)++;
    return "walk" + std::to_string(reads) + (writes ? "+ad" : "");
}

// SPEC 7's latency for these accesses: the first presented in t+1, each next one (or the
// answer) in the cycle after the previous response.
uint64_t reference_cycles(const std::vector<TxnDutAccess> &acc)
{
    uint64_t c = 1;
    for (const TxnDutAccess &a : acc)
        c += (a.accepted - a.presented) + (a.responded - a.accepted) + 1;
    return c;
}

}  // namespace

TxnChecker::TxnChecker(mmu_model_t *model, std::string build)
    : model_(model), build_(std::move(build))
{
    mmu_set_txn_callback(model_, &TxnChecker::txn_cb, this);
}

void TxnChecker::set_repro(const std::string &cmd, const std::string &wave_cmd_prefix)
{
    repro_ = cmd;
    wave_prefix_ = wave_cmd_prefix;
}

// The model's record of the translation being compared; its cycles are the untimed face's, so
// the DUT's acceptance and answer cycles replace them (logs and reports show the DUT's timing).
void TxnChecker::txn_cb(void *user, const mmu_txn_t *t)
{
    auto *self = static_cast<TxnChecker *>(user);
    self->txn_ = *t;
    self->txn_.accept_cycle = self->cur_accept_;
    self->txn_.answer_cycle = self->cur_answer_;
    self->have_txn_ = true;
}

bool TxnChecker::mem_read(void *user, uint64_t addr, unsigned size, uint64_t *data)
{
    return static_cast<TxnChecker *>(user)->replay(addr, size, false, 0, data);
}

bool TxnChecker::mem_write(void *user, uint64_t addr, unsigned size, uint64_t data)
{
    uint64_t unused = 0;
    return static_cast<TxnChecker *>(user)->replay(addr, size, true, data, &unused);
}

// The model's next access: served with what the DUT's memory answered to the DUT's next access,
// as long as the two are the same access.
bool TxnChecker::replay(uint64_t addr, unsigned size, bool write, uint64_t wdata, uint64_t *rdata)
{
    TxnModelAccess a;
    a.addr = addr;
    a.size = size;
    a.write = write;
    a.data = write ? wdata : 0;
    if (!replay_left_ && replay_next_ < accesses_.size() && accesses_[replay_next_].answered) {
        const TxnDutAccess &d = accesses_[replay_next_];
        if (d.addr == addr && d.size == size && d.write == write && (!write || d.wdata == wdata)) {
            replay_next_++;
            a.err = d.err;
            if (!write)
                *rdata = a.data = d.rdata;
            model_acc_.push_back(a);
            return !d.err;
        }
    }
    replay_left_ = true;
    if (!write) {
        *rdata = a.data = mem_ ? mem_->read(addr, size) : 0;
        a.err = mem_ ? mem_->error_at(addr, size) : true;
    }
    model_acc_.push_back(a);
    return !a.err;
}

void TxnChecker::reset_state()
{
    ops_.clear();
    accesses_.clear();
    accepted_ = 0;
    unanswered_ = 0;
    reads_waiting_ = 0;
    mem_presenting_ = false;
    req_wait_ = csr_wait_ = 0;
    cycle_ = 0;
    walk_port_cycles_ = 0;  // the DUT's WALK_CYCLES restarts at 0 too
}

void TxnChecker::gate(const mmu_inputs_t &stim, mmu_inputs_t &dut) const
{
    dut = stim;
    if (!stim.rst_n)
        return;
    if (unanswered_ || reads_waiting_)
        dut.csr_valid = false;
    if (stim.csr_valid)
        dut.req_valid = false;
}

void TxnChecker::mask_ready(const mmu_inputs_t &stim, mmu_outputs_t &out) const
{
    if (!stim.rst_n)
        return;
    if (unanswered_ || reads_waiting_)
        out.csr_ready = false;
    if (stim.csr_valid)
        out.req_ready = false;
}

bool TxnChecker::oldest_unanswered(uint64_t &id) const
{
    for (const Op &op : ops_)
        if (op.kind == OpKind::Req && !op.req.answered) {
            id = op.req.id;
            return true;
        }
    return false;
}

void TxnChecker::record_cycle(const mmu_inputs_t &in, const mmu_outputs_t &out)
{
    CycleRecord c{cycle_, harness_, in, out};
    if (hist_.size() < kHistory) {
        hist_.push_back(c);
    } else {
        hist_[hist_head_] = c;
        hist_head_ = (hist_head_ + 1) % kHistory;
    }
}

bool TxnChecker::observe(const mmu_inputs_t &in, const mmu_outputs_t &out, const mmu_inputs_t &stim)
{
    if (failed_)
        return false;
    in_reset_ = !in.rst_n;
    if (!in.rst_n) {  // both sides forget everything in flight (the memory does too)
        reset_state();
        mmu_reset(model_);
        return true;
    }
    record_cycle(in, out);

    // 1. answers of this cycle
    if (out.resp_valid) {
        Op *op = nullptr;
        for (Op &o : ops_)
            if (o.kind == OpKind::Req && !o.req.answered) {
                op = &o;
                break;
            }
        if (!op) {
            fail(TxnFailKind::Protocol,
                 "resp_valid with no request waiting for an answer (every accepted request has "
                 "had its answer)");
            return false;
        }
        op->req.answered = true;
        op->req.answer = cycle_;
        op->req.resp = out;
        unanswered_--;
    }
    if (out.csr_rvalid) {
        Op *op = nullptr;
        for (Op &o : ops_)
            if (o.kind == OpKind::CsrRead && !o.data_in) {
                op = &o;
                break;
            }
        if (!op) {
            fail(TxnFailKind::Protocol, "csr_rvalid with no CSR read waiting for its data");
            return false;
        }
        op->data_in = true;
        op->csr_data = out.csr_rdata;
        reads_waiting_--;
    }

    // 2. acceptances of this cycle (after the answers: nothing is answered in its own cycle)
    if (in.req_valid && out.req_ready) {
        Op op{OpKind::Req, {}, 0, 0, cycle_, false, false, accepted_};
        op.req.id = accepted_++;
        op.req.vaddr = in.req_vaddr;
        op.req.acc = in.req_acc;
        op.req.priv = in.req_priv;
        op.req.accept = cycle_;
        ops_.push_back(op);
        unanswered_++;
    }
    if (in.csr_valid && out.csr_ready) {
        Op op{in.csr_write ? OpKind::CsrWrite : OpKind::CsrRead, {}, in.csr_addr,
              in.csr_write ? in.csr_wdata : 0, cycle_, false, end_phase_, accepted_};
        ops_.push_back(op);
        if (!in.csr_write)
            reads_waiting_++;
    }

    // 3. the page-table port (after this cycle's acceptance: an access presented in the cycle a
    // request is accepted may be that request's)
    if (in.mem_resp_valid) {
        for (TxnDutAccess &a : accesses_)
            if (!a.answered) {
                a.answered = true;
                a.rdata = a.write ? 0 : in.mem_resp_rdata;
                a.err = in.mem_resp_err;
                a.responded = cycle_;
                break;
            }
    }
    if (out.mem_req_valid) {
        if (!mem_presenting_) {
            mem_presenting_ = true;
            mem_present_cycle_ = cycle_;
            mem_present_bound_ = accepted_;
        }
        if (in.mem_req_ready) {
            TxnDutAccess a;
            a.addr = out.mem_req_addr;
            a.size = out.mem_req_size;
            a.write = out.mem_req_write;
            a.wdata = out.mem_req_write ? out.mem_req_wdata : 0;
            a.presented = mem_present_cycle_;
            a.accepted = cycle_;
            a.accepted_requests = mem_present_bound_;
            accesses_.push_back(a);
            mem_presenting_ = false;
        }
    } else {
        mem_presenting_ = false;
    }

    // 4. nothing may wait for ever: a request or CSR access the stimulus presents, held at the
    // gate or by the DUT's ready, must be accepted some time
    bool req_taken = in.req_valid && out.req_ready, csr_taken = in.csr_valid && out.csr_ready;
    csr_held_ += stim.csr_valid && !in.csr_valid;
    req_wait_ = stim.req_valid && !req_taken ? req_wait_ + 1 : 0;
    csr_wait_ = stim.csr_valid && !csr_taken ? csr_wait_ + 1 : 0;
    if (req_wait_ > kAcceptTimeout) {
        fail(TxnFailKind::Timeout, strprintf("a request presented for %" PRIu64
                                             " cycles was never accepted (req_ready stayed 0)",
                                             kAcceptTimeout));
        return false;
    }
    if (csr_wait_ > kAcceptTimeout) {
        fail(TxnFailKind::Timeout, strprintf("a CSR access presented for %" PRIu64
                                             " cycles was never accepted (csr_ready stayed 0)",
                                             kAcceptTimeout));
        return false;
    }
    for (const Op &op : ops_) {
        if (op.kind == OpKind::Req && !op.req.answered && cycle_ - op.accept > kAnswerTimeout) {
            fill_request(op.req);
            fail(TxnFailKind::Timeout,
                 strprintf("request #%" PRIu64 " accepted in cycle %" PRIu64
                           " has no answer after %" PRIu64 " cycles",
                           op.req.id, op.accept, kAnswerTimeout));
            return false;
        }
        if (op.kind == OpKind::CsrRead && !op.data_in && cycle_ - op.accept > kReadTimeout) {
            fail(TxnFailKind::Timeout,
                 strprintf("the CSR read of %s accepted in cycle %" PRIu64
                           " has no csr_rvalid after %" PRIu64 " cycles",
                           mmu_csr_name(op.csr_addr), op.accept, kReadTimeout));
            return false;
        }
    }

    process_ops();
    return !failed_;
}

bool TxnChecker::after_edge(bool rtl_fired, const std::string &where)
{
    if (failed_)
        return false;
    if (rtl_fired) {
        fail(TxnFailKind::RtlAssertion, "RTL assertion failed at " + where +
                                            " (its own message is printed above the report)");
        return false;
    }
    harness_++;
    if (!in_reset_)
        cycle_++;
    return true;
}

// A request can be compared once it is answered and no access that must be its own (issued
// before the next request was accepted) is still on its way.
bool TxnChecker::ready(const Op &op) const
{
    switch (op.kind) {
    case OpKind::CsrWrite:
        return true;
    case OpKind::CsrRead:
        return op.data_in;
    case OpKind::Req:
        break;
    }
    if (!op.req.answered)
        return false;
    if (mem_presenting_ && mem_present_bound_ <= op.req.id + 1)
        return false;
    for (const TxnDutAccess &a : accesses_)
        if (!a.answered && a.accepted_requests <= op.req.id + 1)
            return false;
    return true;
}

void TxnChecker::process_ops()
{
    while (!failed_ && !ops_.empty() && ready(ops_.front())) {
        Op op = ops_.front();
        ops_.pop_front();
        switch (op.kind) {
        case OpKind::Req:
            compare_request(op.req);
            break;
        case OpKind::CsrWrite:
            if (mmu_csr_write(model_, op.csr_addr, op.csr_data))
                last_flush_ = strprintf("%s write 0x%" PRIx64 " accepted in cycle %" PRIu64
                                        " (after %" PRIu64 " requests since reset)",
                                        mmu_csr_name(op.csr_addr), op.csr_data, op.accept,
                                        op.requests_before);
            break;
        case OpKind::CsrRead:
            compare_read(op);
            break;
        }
    }
}

void TxnChecker::compare_request(const TxnRequest &r)
{
    replay_next_ = 0;
    replay_left_ = false;
    model_acc_.clear();
    have_txn_ = false;
    cur_accept_ = r.accept;
    cur_answer_ = r.answer;
    mmu_memory_t mem{&TxnChecker::mem_read, &TxnChecker::mem_write, this};
    mmu_result_t res{};
    if (!mmu_translate(model_, r.vaddr, r.acc, r.priv, &mem, &res)) {
        fill_request(r);
        fail(TxnFailKind::IllegalRequest,
             strprintf("the model refuses request #%" PRIu64 " (access %u, privilege %u: illegal, "
                       "SPEC 1)",
                       r.id, unsigned(r.acc), unsigned(r.priv)));
        return;
    }
    // The DUT's accesses for this request: those the model took, and any later one issued
    // before the next request was accepted.
    size_t mine = replay_next_;
    while (mine < accesses_.size() && accesses_[mine].answered &&
           accesses_[mine].accepted_requests <= r.id + 1)
        mine++;
    std::vector<TxnDutAccess> dut(accesses_.begin(), accesses_.begin() + long(mine));

    std::vector<TxnMismatch::Field> diffs;
    auto field = [&diffs](const std::string &name, uint64_t model, uint64_t d, bool as_hex) {
        if (model != d)
            diffs.push_back({name, as_hex ? hex(model) : std::to_string(model),
                             as_hex ? hex(d) : std::to_string(d)});
    };
    const mmu_outputs_t &o = r.resp;
    field("paddr", res.paddr, o.resp_paddr, true);
    field("fault", res.fault, o.resp_fault, false);
    if (res.exc != o.resp_exc)
        diffs.push_back({"exc", strprintf("%u (%s)", unsigned(res.exc), mmu_exc_name(res.exc)),
                         strprintf("%u (%s)", unsigned(o.resp_exc), mmu_exc_name(o.resp_exc))});
    if (res.cause != o.resp_cause)
        diffs.push_back({"cause",
                         strprintf("%u (%s)", unsigned(res.cause), mmu_cause_name(res.cause)),
                         strprintf("%u (%s)", unsigned(o.resp_cause), mmu_cause_name(o.resp_cause))});
    field("level", res.level, o.resp_level, false);
    field("hit", res.hit, o.resp_hit, false);
    field("page-table accesses", model_acc_.size(), dut.size(), false);
    size_t n = std::min(model_acc_.size(), dut.size());
    for (size_t i = 0; i < n; i++) {
        const TxnModelAccess &m = model_acc_[i];
        const TxnDutAccess &d = dut[i];
        std::string p = "access " + std::to_string(i + 1) + " ";
        if (m.write != d.write)
            diffs.push_back({p + "kind", m.write ? "write" : "read", d.write ? "write" : "read"});
        field(p + "address", m.addr, d.addr, true);
        field(p + "size", m.size, d.size, false);
        if (m.write && d.write)
            field(p + "write data", m.data, d.wdata, true);
    }
    if (!diffs.empty()) {
        fill_request(r);
        info_.fields = diffs;
        info_.model_result = res;
        info_.dut_accesses = dut;
        info_.model_accesses = model_acc_;
        info_.replay_left_dut = replay_left_;
        info_.ref_cycles = reference_cycles(dut);
        bool should_walk = !model_acc_.empty() && dut.empty();  // e.g. a hit after a flush
        if (!last_flush_.empty() && (should_walk || res.hit != o.resp_hit))
            info_.flush_note = last_flush_;
        fail(TxnFailKind::Answer,
             strprintf("request #%" PRIu64 ": %s differs (model %s, DUT %s)", r.id,
                       diffs[0].name.c_str(), diffs[0].model.c_str(), diffs[0].dut.c_str()));
        return;
    }
    accesses_.erase(accesses_.begin(), accesses_.begin() + long(mine));
    compared_++;
    uint64_t lat = r.answer - r.accept;
    if (!dut.empty() && !res.hit)
        walk_port_cycles_ += lat - 1;
    latency_.add(have_txn_ ? txn_class(txn_) : "?", kind_of(res, dut), lat, reference_cycles(dut));
    if (have_txn_) {
        if (recent_.size() < kRecentTxns) {
            recent_.push_back(txn_);
        } else {
            recent_[recent_head_] = txn_;
            recent_head_ = (recent_head_ + 1) % kRecentTxns;
        }
        if (observer_)
            observer_(txn_);
    }
}

void TxnChecker::compare_read(const Op &op)
{
    uint64_t model = mmu_csr_read(model_, op.csr_addr);
    if (op.csr_addr == MMU_CSR_WALK_CYCLES) {  // cycles: the timing is the DUT's own
        walk_cycles_read = true;
        walk_cycles_dut = op.csr_data;
        walk_cycles_model = model;
        walk_cycles_ports = walk_port_cycles_;
        return;
    }
    reads_compared_++;
    if (model == op.csr_data)
        return;
    bool counter = op.csr_addr >= MMU_CSR_HITS && op.csr_addr < MMU_CSR_HITS + MMU_CNT_COUNT;
    std::string name = std::string(counter ? "counter " : "csr ") + mmu_csr_name(op.csr_addr);
    info_.fields = {{name, hex(model), hex(op.csr_data)}};
    fail(TxnFailKind::CsrRead,
         strprintf("%s read %s (accepted in cycle %" PRIu64 ") returned %s, the model holds %s",
                   op.end_phase ? "the end-of-run" : "a", name.c_str(), op.accept,
                   hex(op.csr_data).c_str(), hex(model).c_str()));
}

bool TxnChecker::check_end()
{
    if (failed_)
        return false;
    if (!accesses_.empty()) {
        const TxnDutAccess &a = accesses_.front();
        info_.dut_accesses.assign(accesses_.begin(), accesses_.end());
        fail(TxnFailKind::Protocol,
             strprintf("%zu page-table access(es) that no request explains, the first a %s of "
                       "0x%" PRIx64 " accepted in cycle %" PRIu64,
                       accesses_.size(), a.write ? "write" : "read", a.addr, a.accepted));
        return false;
    }
    return true;
}

void TxnChecker::fill_request(const TxnRequest &r)
{
    info_.have_request = true;
    info_.req = r;
    info_.have_model_txn = have_txn_;
    info_.model_txn = txn_;
}

void TxnChecker::fail(TxnFailKind kind, const std::string &message)
{
    failed_ = true;
    TxnMismatch &m = info_;
    m.kind = kind;
    m.cycle = cycle_;
    m.harness_cycle = harness_;
    m.message = message;
    m.recent.clear();
    for (size_t i = 0; i < recent_.size(); i++)
        m.recent.push_back(recent_[(recent_head_ + i) % recent_.size()]);
    m.history.clear();
    for (size_t i = 0; i < hist_.size(); i++)
        m.history.push_back(hist_[(hist_head_ + i) % hist_.size()]);
    m.build = build_;
    m.repro = repro_;
    m.wave_repro.clear();
    if (!wave_prefix_.empty()) {
        uint64_t from = harness_ > 200 ? harness_ - 200 : 0;
        m.wave_repro = wave_prefix_ + " --waves fail.fst --wave-from " + std::to_string(from) +
                       " --wave-to " + std::to_string(harness_ + 5);
    }
}

// Self-test of the transaction-level comparison (csim/txn_checker.h) without Verilator: the DUT
// is the C model's cycle face behind RtlSim, optionally with its answers delayed (another
// timing: must pass) or with one deliberate defect each (must fail, naming the field). Proves
// that every check of --compare txn can fail and that none fails on timing alone.
// Prints "PASS  name" / "FAIL  name" per case and "txn-checker: N passed, M failed".
#include <cinttypes>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "gen/random_gen.h"
#include "mem_model.h"
#include "rtl_sim.h"
#include "scenario.h"
#include "txn_dut.h"

// This binary's "RTL" is the model itself (cosim_stats.cpp names the build in its summaries).
const RtlBuildInfo &rtl_build_info()
{
    static const RtlBuildInfo info{16, 16, "the C model's cycle face (txn_checker_tests)", "", false};
    return info;
}

namespace {

// What the model-as-DUT does differently from the model.
struct Twist {
    unsigned answer_delay = 0;        // answers (resp_* and trace_hit_index) this many cycles late
    uint64_t bad_paddr_answer = 0;    // flip paddr bit 12 of the Nth answer without a fault (1-based)
    bool ignore_flush = false;        // FLUSH writes do nothing
    bool bad_hits_read = false;       // a read of HITS returns one more
    uint64_t bad_access_addr = 0;     // the Nth page-table read goes 8 bytes further (1-based)
    uint64_t phantom_after = 0;       // from this cycle on, one resp_valid with nothing asked
    uint64_t hang_at_answer = 0;      // from the Nth answer on (1-based): no answer, req_ready 0
};

class ModelRtl final : public RtlSim {
public:
    explicit ModelRtl(const Twist &t) : tw_(t)
    {
        mmu_config_t cfg{16, 16};
        m_ = mmu_create(&cfg, nullptr, 0);
    }
    ~ModelRtl() override { mmu_destroy(m_); }

    void set_inputs(const mmu_inputs_t &in) override
    {
        in_ = in;
        if (tw_.hang_at_answer && answers_ + 1 >= tw_.hang_at_answer)
            in_.req_valid = false;  // hung: takes nothing more
        if (tw_.ignore_flush && in_.csr_valid && in_.csr_write && in_.csr_addr == MMU_CSR_FLUSH)
            in_.csr_addr = 0x07;  // an unused address: the write is dropped
        mmu_eval(m_, &in_, &now_);  // now_ stays what mmu_eval returned (mmu_clock needs it)
        base_ = now_;
        if (tw_.answer_delay) {  // the answer fields come from the delay line
            const mmu_outputs_t &d = line_.front();
            base_.resp_valid = d.resp_valid;
            base_.resp_paddr = d.resp_paddr;
            base_.resp_fault = d.resp_fault;
            base_.resp_exc = d.resp_exc;
            base_.resp_cause = d.resp_cause;
            base_.resp_level = d.resp_level;
            base_.resp_hit = d.resp_hit;
            base_.trace_hit_index = d.trace_hit_index;
        }
        out_ = base_;
        bool answer = in_.rst_n && base_.resp_valid;
        if (answer && !base_.resp_fault && answers_ + 1 == tw_.bad_paddr_answer)
            out_.resp_paddr ^= 0x1000;
        if (tw_.hang_at_answer && answers_ + 1 >= tw_.hang_at_answer) {
            out_.resp_valid = out_.resp_fault = out_.resp_hit = out_.req_ready = false;
            out_.resp_paddr = out_.resp_exc = out_.resp_cause = out_.resp_level = 0;
        }
        if (tw_.bad_hits_read && out_.csr_rvalid && last_read_ == MMU_CSR_HITS)
            out_.csr_rdata += 1;
        if (tw_.phantom_after && !phantom_done_ && cycle_ >= tw_.phantom_after && in_.rst_n &&
            !mmu_inflight(m_) && !base_.resp_valid) {
            out_.resp_valid = true;  // an answer when nothing is outstanding
            phantom_done_ = true;
        }
        if (tw_.bad_access_addr && out_.mem_req_valid && !out_.mem_req_write && in_.mem_req_ready &&
            reads_ + 1 == tw_.bad_access_addr)
            out_.mem_req_addr += 8;
    }
    void get_outputs(mmu_outputs_t &o) const override { o = out_; }
    void clock_edge() override
    {
        if (in_.rst_n && base_.resp_valid && !(tw_.hang_at_answer && answers_ + 1 >= tw_.hang_at_answer))
            answers_++;
        if (out_.mem_req_valid && !out_.mem_req_write && in_.mem_req_ready && in_.rst_n)
            reads_++;
        if (in_.csr_valid && now_.csr_ready && !in_.csr_write)
            last_read_ = in_.csr_addr;
        mmu_clock(m_, &in_, &now_);
        if (tw_.answer_delay) {
            line_.pop_front();
            line_.push_back(now_);
            if (!in_.rst_n)  // reset empties the delay line, as the SV wrapper's stage
                for (mmu_outputs_t &o : line_)
                    o = mmu_outputs_t{};
        }
        cycle_++;
    }
    bool assertion_failed() const override { return false; }
    const std::string &assertion_location() const override { return none_; }
    bool open_wave(const std::string &, uint64_t, uint64_t, std::string &err) override
    {
        err = "no waves";
        return false;
    }
    void finish() override {}

    void start() { line_.assign(tw_.answer_delay ? tw_.answer_delay : 1, mmu_outputs_t{}); }

private:
    Twist tw_;
    mmu_model_t *m_;
    mmu_inputs_t in_{};
    mmu_outputs_t now_{}, base_{}, out_{};  // the model's, after the delay, presented
    std::deque<mmu_outputs_t> line_;
    uint64_t answers_ = 0, reads_ = 0, cycle_ = 0;
    unsigned last_read_ = 0;
    bool phantom_done_ = false;
    std::string none_;
};

std::unique_ptr<TxnDut> make_dut(const Twist &t)
{
    auto rtl = std::make_unique<ModelRtl>(t);
    rtl->start();
    mmu_config_t cfg{16, 16};
    return std::make_unique<TxnDut>(std::move(rtl), cfg, "txn_checker_tests");
}

// Random stimulus as build/mmucosim plays it; returns the DUT (passed or stopped).
std::unique_ptr<TxnDut> run_random(const Twist &t, gen::Mode mode, uint64_t seed, uint64_t cycles)
{
    auto dut = make_dut(t);
    MemModel mem;
    dut->checker().attach_memory(&mem);
    gen::GenOptions go;
    go.seed = seed;
    go.mode = mode;
    gen::RandomGen g(go, mem);
    mmu_inputs_t in;
    mmu_outputs_t out;
    for (uint64_t c = 0; c < cycles && !dut->failed(); c++) {
        g.next(in);
        mem.drive(in);
        dut->step(in, out);
        mem.observe(in, out);
        g.observe(in, out);
    }
    if (!dut->failed())
        dut->finish_run(mem);
    return dut;
}

int passed = 0, failed = 0;

void result(bool ok, const std::string &name, const std::string &why)
{
    if (ok) {
        passed++;
        std::printf("PASS  %s\n", name.c_str());
    } else {
        failed++;
        std::printf("FAIL  %s: %s\n", name.c_str(), why.c_str());
    }
}

void expect_pass(const std::string &name, const TxnDut &d, int64_t extra)
{
    if (d.has_failure()) {
        result(false, name, "failed:\n" + d.failure_report());
        return;
    }
    const TxnChecker &c = d.checker();
    if (c.requests_compared() < 100) {
        result(false, name, "only " + std::to_string(c.requests_compared()) + " requests compared");
        return;
    }
    // every translation took exactly `extra` cycles more than the reference
    std::string want = "extra=" + std::string(extra >= 0 ? "+" : "") + std::to_string(extra);
    std::string lat = c.latency().machine_lines();
    std::string bad;
    size_t pos = 0;
    while ((pos = lat.find("extra=", pos)) != std::string::npos) {
        std::string e = lat.substr(pos, lat.find('\n', pos) - pos);
        std::string w = want + "/" + want.substr(6) + "/" + want.substr(6);
        if (e != w)
            bad = e + " (want " + w + ")";
        pos++;
    }
    result(bad.empty(), name, bad + "\n" + lat);
}

// The run must have stopped with this failure kind and first field (empty: any field).
// field: the first differing field (empty: any); also_field: a field that must be among them.
void expect_fail(const std::string &name, const TxnDut &d, TxnFailKind kind, const std::string &field,
                 const std::string &report_has = "", const std::string &also_field = "")
{
    if (!d.has_failure()) {
        result(false, name, "passed");
        return;
    }
    const TxnMismatch &m = d.checker().failure();
    std::string rep = d.failure_report();
    bool ok = m.kind == kind && (field.empty() || (!m.fields.empty() && m.fields[0].name == field)) &&
              rep.find("reproduce:") != std::string::npos &&
              (report_has.empty() || rep.find(report_has) != std::string::npos);
    bool seen = also_field.empty();
    // also_field may hold one '*' standing for any text (e.g. "access * address").
    const size_t star = also_field.find('*');
    for (const TxnMismatch::Field &f : m.fields) {
        if (star == std::string::npos) {
            seen = seen || f.name == also_field;
            continue;
        }
        const std::string head = also_field.substr(0, star), tail = also_field.substr(star + 1);
        seen = seen || (f.name.size() >= head.size() + tail.size() && f.name.compare(0, head.size(), head) == 0 &&
                        f.name.compare(f.name.size() - tail.size(), tail.size(), tail) == 0);
    }
    ok = ok && seen;
    result(ok, name + " (" + m.message + ")", "unexpected report:\n" + rep);
}

}  // namespace

int main()
{
    Twist none;
    expect_pass("model as DUT, sv39", *run_random(none, gen::Mode::Sv39, 1, 40000), 0);
    expect_pass("model as DUT, mix", *run_random(none, gen::Mode::Mix, 2, 80000), 0);
    Twist late;
    late.answer_delay = 3;
    expect_pass("answers 3 cycles late, mix", *run_random(late, gen::Mode::Mix, 3, 80000), 3);
    expect_pass("answers 3 cycles late, hybrid", *run_random(late, gen::Mode::Hybrid, 4, 40000), 3);

    Twist pa;
    pa.bad_paddr_answer = 200;
    expect_fail("wrong paddr", *run_random(pa, gen::Mode::Sv39, 1, 40000), TxnFailKind::Answer,
                "paddr", "request: #");
    Twist fl;
    fl.ignore_flush = true;
    expect_fail("FLUSH ignored", *run_random(fl, gen::Mode::Sv39, 1, 200000), TxnFailKind::Answer,
                "", "latest TLB flush");
    Twist hits;
    hits.bad_hits_read = true;
    expect_fail("HITS read wrong", *run_random(hits, gen::Mode::Sv48, 1, 40000), TxnFailKind::CsrRead,
                "counter HITS");
    Twist addr;
    addr.bad_access_addr = 50;  // some walk's read, which one depends on the generator's stream
    expect_fail("page-table read elsewhere", *run_random(addr, gen::Mode::Sv39, 1, 40000),
                TxnFailKind::Answer, "", "first access the DUT did not make", "access * address");
    Twist ph;
    ph.phantom_after = 300;
    expect_fail("answer without a request", *run_random(ph, gen::Mode::Bare, 1, 1000),
                TxnFailKind::Protocol, "");
    Twist hang;
    hang.hang_at_answer = 10;
    expect_fail("the DUT hangs after 9 answers", *run_random(hang, gen::Mode::Sv32, 1, 60000),
                TxnFailKind::Timeout, "");

    // A directed scenario through the same path, its timing expectations left to the comparison.
    Scenario sc;
    std::string err;
    if (!parse_scenario_file("tb/scenarios/sv39_page_sizes.scn", sc, err)) {
        result(false, "scenario", err);
    } else {
        unsigned dropped = 0;
        Scenario s = txn_scenario(sc, dropped);
        auto dut = make_dut(late);
        MemModel mem;
        ScenarioExecutor ex(*dut, mem);
        ex.on_failure = [](const std::string &m) { std::printf("  %s\n", m.c_str()); };
        ExecReport rep = ex.run(s);
        bool ok = !rep.failures && !rep.aborted && dut->finish_run(mem) && dropped > 0;
        result(ok, "scenario sv39_page_sizes with answers 3 cycles late (" +
                       std::to_string(dropped) + " timing expectations dropped)",
               dut->has_failure() ? dut->failure_report() : "expectations failed");
        auto strict = make_dut(late);  // the dropped expectations do fail on this timing
        MemModel mem2;
        ScenarioExecutor ex2(*strict, mem2);
        ex2.on_failure = [](const std::string &) {};
        ExecReport rep2 = ex2.run(sc);
        result(rep2.failures > 0, "the same scenario with its timing expectations fails",
               "it passed");
    }
    std::printf("txn-checker: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

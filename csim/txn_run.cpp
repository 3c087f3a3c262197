// `--compare txn` (see txn_run.h).
#include "txn_run.h"

#include <fcntl.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <deque>
#include <filesystem>

#include "cosim_run.h"
#include "lockstep.h"
#include "txn_dut.h"
#include "txn_log.h"
#include "wave_views.h"

using cli::bad_args;

namespace {

struct TxnPass {
    std::string fst;  // "": no wave
    uint64_t from = 0, to = UINT64_MAX;
    unsigned post = 0;    // cycles run on after a failure (for the wave)
    bool primary = true;  // the run asked for: prints, statistics, translation logs
    TxnLog *log = nullptr;
};

struct TxnPassOut {
    bool failed = false;
    TxnMismatch info;
    uint64_t cycles = 0;  // harness cycles
    double secs = 0;
    Stats stats;
    ExecReport rep;
    unsigned dropped = 0;            // scenario expectations left out (txn_scenario)
    std::deque<mmu_txn_t> recent;    // the last kFailTxns translations compared
    uint64_t counters[MMU_CNT_COUNT] = {};
    TxnLatency latency;
    uint64_t compared = 0, reads_compared = 0, csr_held = 0;
    bool walk_cycles_read = false;
    uint64_t walk_cycles_dut = 0, walk_cycles_model = 0, walk_cycles_ports = 0;
    uint64_t time_first = 0, time_last = 0;
};

TxnPassOut run_txn_pass(int argc, char **argv, const Options &o, const Scenario *sc,
                        const TxnPass &p)
{
    TxnPassOut r;
    const RtlBuildInfo &b = rtl_build_info();
    mmu_config_t cfg{b.tlb_entries, b.asid_bits};
    TxnDut dut(make_rtl_sim(argc, argv, !p.fst.empty()), cfg,
               rtl_build_text(b) + ", compared per request (--compare txn)");
    std::string repro = repro_command(o, argv[0]);
    dut.checker().set_repro(repro, repro);
    if (!p.fst.empty()) {
        std::string err;
        if (!dut.rtl().open_wave(p.fst, p.from, p.to, err)) {
            if (p.primary)
                bad_args("--waves: " + err);
            std::printf("mmucosim: warning: no wave: %s\n", err.c_str());
            return r;
        }
    }
    dut.continue_after_failure(p.post);
    uint64_t logged = 0;
    dut.checker().set_txn_observer([&](const mmu_txn_t &t) {
        r.stats.add(t);
        if (p.primary) {
            r.recent.push_back(t);
            if (r.recent.size() > kFailTxns)
                r.recent.pop_front();
        }
        if (p.log)
            p.log->write(t);
        if (p.primary && logged < o.log_txns) {
            logged++;
            std::printf("txn %s\n%s", txn_line(t).c_str(),
                        t.n_access ? txn_walk_lines(t, "      ").c_str() : "");
        }
    });
    MemModel mem;
    dut.checker().attach_memory(&mem);
    auto t0 = std::chrono::steady_clock::now();
    if (!sc) {
        r.cycles = run_random(dut, o, &r.stats, p.primary && o.verbose, mem);
    } else {
        Scenario s = txn_scenario(*sc, r.dropped);
        ScenarioExecutor ex(dut, mem);
        ex.on_failure = [&](const std::string &msg) {
            if (p.primary && !dut.has_failure())  // a comparison failure has its own report
                std::printf("%s\n", msg.c_str());
        };
        if (p.primary && o.verbose)
            ex.on_note = [](const std::string &msg) { std::printf("  note: %s\n", msg.c_str()); };
        ex.on_cycle = [&r](uint64_t, const mmu_inputs_t &, const mmu_outputs_t &out) {
            r.stats.flush_cycles += out.trace_flush_valid;
            r.stats.fills += out.trace_fill_valid;
        };
        r.rep = ex.run(s);
        r.cycles = r.rep.cycles;
    }
    if (!dut.has_failure())
        dut.finish_run(mem);
    mmu_inputs_t idle{};
    idle.rst_n = true;
    mmu_outputs_t out;
    while (dut.has_failure() && !dut.failed()) {  // the cycles run on after a failure
        mmu_inputs_t in = idle;
        mem.drive(in);
        dut.step(in, out);
        mem.observe(in, out);
    }
    r.secs = seconds_since(t0);
    dut.finish();
    const TxnChecker &chk = dut.checker();
    r.time_first = wave_time_cycle_start(p.from);
    r.time_last = p.to == UINT64_MAX ? wave_time_cycle_start(dut.edges())
                                     : std::min(wave_time_cycle_start(dut.edges()),
                                                wave_time_cycle_start(p.to + 1));
    for (unsigned i = 0; i < MMU_CNT_COUNT; i++)
        r.counters[i] = mmu_csr_read(dut.model(), MMU_CSR_HITS + i);
    r.latency = chk.latency();
    r.compared = chk.requests_compared();
    r.reads_compared = chk.csr_reads_compared();
    r.csr_held = chk.csr_held();
    r.walk_cycles_read = chk.walk_cycles_read;
    r.walk_cycles_dut = chk.walk_cycles_dut;
    r.walk_cycles_model = chk.walk_cycles_model;
    r.walk_cycles_ports = chk.walk_cycles_ports;
    r.failed = dut.has_failure();
    if (r.failed) {
        r.info = chk.failure();
        r.cycles = r.info.harness_cycle;
    } else {
        r.cycles = chk.harness_cycles();
    }
    return r;
}

TxnPassOut run_txn_pass_quiet(int argc, char **argv, const Options &o, const Scenario *sc,
                              const TxnPass &p)
{
    std::fflush(stdout);
    int saved = dup(1);
    int null = ::open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0)
        dup2(null, 1);
    TxnPassOut r = run_txn_pass(argc, argv, o, sc, p);
    std::fflush(stdout);
    if (saved >= 0 && null >= 0)
        dup2(saved, 1);
    if (null >= 0)
        ::close(null);
    if (saved >= 0)
        ::close(saved);
    return r;
}

// The debug files of a failure, as fail_files.cpp writes them for the lockstep.
void write_txn_fail_files(int argc, char **argv, const Options &o, const Scenario *sc,
                          const TxnPass &first, const TxnPassOut &r1, TxnMismatch &info)
{
    namespace fs = std::filesystem;
    std::string dir = o.fail_dir.empty() ? (fs::path(argv[0]).parent_path() / "fail").string()
                                         : o.fail_dir;
    std::error_code ec;
    fs::create_directories(dir.empty() ? "." : dir, ec);
    if (ec) {
        std::printf("mmucosim: warning: no debug files: cannot create %s: %s\n", dir.c_str(),
                    ec.message().c_str());
        return;
    }
    std::string name = fs::path(argv[0]).filename().string() + "-txn";
    name += sc ? "-" + fs::path(o.scenario).stem().string()
               : "-seed" + std::to_string(o.seed) + "-" + gen::mode_name(o.mode);
    std::string base = dir + "/" + name;
    uint64_t m = info.harness_cycle;

    // 1. the wave: the run again from its seed or scenario, traced around the failing cycle
    std::string fst;
    uint64_t from, time_first = r1.time_first, time_last = r1.time_last;
    if (!first.fst.empty() && first.from <= m && m <= first.to) {
        fst = first.fst;
        from = first.from;
        info.debug_files.push_back({"wave", fst, "recorded by this run"});
    } else {
        fst = base + ".fst";
        from = m > o.wave_window ? m - o.wave_window : 0;
        TxnPass p;
        p.fst = fst;
        p.from = from;
        p.to = m + kPostCycles;
        p.post = kPostCycles;
        p.primary = false;
        auto t0 = std::chrono::steady_clock::now();
        TxnPassOut r2 = run_txn_pass_quiet(argc, argv, o, sc, p);
        time_first = r2.time_first;
        time_last = r2.time_last;
        if (!r2.failed || r2.info.harness_cycle != m)
            std::printf("mmucosim: warning: the re-run for the wave did not fail in harness cycle "
                        "%" PRIu64 "; the wave may not show the failure\n", m);
        info.debug_files.push_back(
            {"wave", fst,
             strprintf("harness cycles %" PRIu64 "..%" PRIu64 ", re-run with tracing (%.2f s)",
                       from, m + kPostCycles, seconds_since(t0))});
    }

    // 2. the GTKWave save file: marker on the failing cycle, marker A on the request's acceptance
    GtkwView v = gtkw_view(o, fst);
    v.marker = int64_t(wave_time_of_cycle(m));
    uint64_t start = m > 8 ? m - 8 : 0;
    if (info.have_request && info.cycle >= info.req.accept && info.cycle - info.req.accept <= m) {
        uint64_t accept = m - (info.cycle - info.req.accept);
        v.marker_a = int64_t(wave_time_of_cycle(accept));
        start = std::min(start, std::max(accept > 1 ? accept - 1 : 0, m > 60 ? m - 60 : 0));
    }
    start = std::max(start, from);
    v.timestart = wave_time_cycle_start(start);
    v.time_first = time_first;
    v.time_last = time_last;
    v.span = wave_time_cycle_start(m + 4) - wave_time_cycle_start(start);
    v.comments = {strprintf("transaction mismatch found in harness cycle %" PRIu64
                            " (cycle %" PRIu64 " since reset): primary marker; marker A: the "
                            "acceptance of the request",
                            m, info.cycle),
                  "reproduce: " + info.repro};
    std::string err;
    if (write_gtkw(v, err))
        info.debug_files.push_back({"gtkwave", v.savefile, "open: gtkwave " + v.savefile});
    else
        std::printf("mmucosim: warning: %s\n", err.c_str());

    // 3. the translations that matched before the failure
    TxnLog log;
    std::string text = base + ".txn.log", json = base + ".txn.jsonl";
    if (log.open(text, json,
                 "the last " + std::to_string(r1.recent.size()) +
                     " translations that matched before the failure (DUT cycles)",
                 err)) {
        for (const mmu_txn_t &t : r1.recent)
            log.write(t);
        log.close();
        info.debug_files.push_back({"txn log", text, ""});
        info.debug_files.push_back({"txn json", json, "one JSON object per line"});
    } else {
        std::printf("mmucosim: warning: %s\n", err.c_str());
    }

    // 4. this report
    std::string report = base + ".log";
    info.debug_files.push_back({"report", report, "this report"});
    if (FILE *f = std::fopen(report.c_str(), "w")) {
        std::fputs(format_txn_report(info).c_str(), f);
        std::fclose(f);
    }
}

void print_txn_summary(const Options &o, const TxnPassOut &r)
{
    if (!o.quiet) {
        std::printf("  compared: %" PRIu64 " requests (answer and page-table accesses), %" PRIu64
                    " CSR reads (the counters at the end included)\n",
                    r.compared, r.reads_compared);
        if (r.dropped)
            std::printf("  scenario: %u timing expectations left to the comparison "
                        "(cycles, accept, hit_index, fill, flush)\n",
                        r.dropped);
        if (!r.latency.empty())
            std::printf("  latency in cycles, DUT against SPEC 7 for the same memory behaviour "
                        "(extra = DUT - reference):\n%s",
                        r.latency.table("    ").c_str());
        if (r.walk_cycles_read)
            std::printf("  WALK_CYCLES (not compared: it counts the DUT's own cycles): DUT %" PRIu64
                        ", its walks at the ports %" PRIu64 " (latency - 1 each), model %" PRIu64
                        " (every access one cycle)\n",
                        r.walk_cycles_dut, r.walk_cycles_ports, r.walk_cycles_model);
    }
    std::printf("%s", r.latency.machine_lines().c_str());
    std::printf("TXN compared=%" PRIu64 " csr_reads=%" PRIu64 " walk_cycles_dut=%" PRIu64
                " walk_cycles_ports=%" PRIu64 "\n",
                r.compared, r.reads_compared, r.walk_cycles_dut, r.walk_cycles_ports);
}

}  // namespace

int run_txn(int argc, char **argv, const Options &o, const Scenario *sc)
{
    TxnPass p1;
    if (!o.wave.empty()) {
        p1.fst = o.wave;
        p1.from = o.wave_from;
        p1.to = o.wave_to;
        p1.post = kPostCycles;
    }
    TxnLog log;
    if (!o.txn_log.empty() || !o.txn_log_json.empty()) {
        std::string err;
        if (!log.open(o.txn_log, o.txn_log_json, "every translation of the run (DUT cycles)", err))
            bad_args(err);
        p1.log = &log;
    }
    TxnPassOut r1 = run_txn_pass(argc, argv, o, sc, p1);
    log.close();
    if (r1.failed) {
        TxnMismatch info = r1.info;
        if (o.fail_waves)
            write_txn_fail_files(argc, argv, o, sc, p1, r1, info);
        std::fflush(stdout);
        std::printf("%s", format_txn_report(info).c_str());
        std::printf("mmucosim: FAIL (--compare txn) %s after %" PRIu64 " cycles (%" PRIu64
                    " requests compared)\n",
                    sc ? ("scenario " + o.scenario).c_str() : "", r1.cycles, r1.compared);
        return 1;
    }
    if (!p1.fst.empty()) {
        GtkwView v = gtkw_view(o, o.wave);
        v.timestart = wave_time_cycle_start(o.wave_from);
        v.time_first = r1.time_first;
        v.time_last = r1.time_last;
        note_gtkw(v);
    }
    if (sc && r1.rep.failures && !r1.rep.aborted && r1.csr_held) {
        // Every answer matched the model, but the scenario times CSR accesses inside walks (a
        // flush, a counter read), which the gate moved after them: its expectations assume
        // SPEC 7's timing, so they do not apply here.
        std::printf("mmucosim: N/A scenario %s (--compare txn): every request and CSR read matched "
                    "the model, but %u of %u expectations failed after the comparison held CSR "
                    "accesses back for %" PRIu64 " cycles (the scenario times them inside walks: "
                    "a timing test)\n",
                    o.scenario.c_str(), r1.rep.failures, r1.rep.checks, r1.csr_held);
        return 3;
    }
    if (sc && (r1.rep.failures || r1.rep.aborted)) {
        std::printf("mmucosim: FAIL scenario %s (--compare txn): %u of %u expectations failed%s\n",
                    o.scenario.c_str(), r1.rep.failures, r1.rep.checks,
                    r1.rep.aborted ? " (aborted)" : "");
        std::printf("reproduce:\n  %s\n", repro_command(o, argv[0]).c_str());
        return 1;
    }
    std::string what = sc ? "scenario=" + o.scenario + " checks=" + std::to_string(r1.rep.checks)
                          : std::string("mode=") + gen::mode_name(o.mode) +
                                " seed=" + std::to_string(o.seed);
    print_stats(o, r1.stats, r1.cycles, r1.secs, r1.counters, what + " compare=txn");
    print_txn_summary(o, r1);
    return 0;
}

// build/mmucosim: the RTL (Verilated mmu_top) and the C model in lockstep, every output port
// compared every cycle; with --compare txn, per request whatever the RTL's timing (txn_run). Stimulus: the seeded constrained-random generator (tb/gen/random_gen.h)
// or a directed scenario (tb/scenario.h). One MemModel serves the walker port of both.
// Structure follows Verilator's make_tracing_c example: the context is made (and commandArgs
// given) before the model, nothing Verilated lives at file scope, waves only when asked for,
// final() before returning. The pieces: options (cosim_options), one run (cosim_run), statistics
// (cosim_stats), translation logs (txn_log), failure files (fail_files), wave views (wave_views),
// the benchmark (bench). See docs/cosim.md.
//
// Exit status: 0 pass, 1 mismatch / assertion / failed scenario expectation, 2 bad arguments.
#include <cinttypes>
#include <cstdio>

#include "bench/cosim_bench.h"
#include "cosim_run.h"
#include "fail_files.h"
#include "rtl_sim.h"
#include "txn_run.h"
#include "wave_views.h"

using cli::bad_args;

namespace {

int run_lockstep(int argc, char **argv, const Options &o, const Scenario *sc)
{
    PassSpec p1;
    bool full_wave = !o.wave.empty() && !o.wave_window_given;
    if (full_wave) {
        p1.fst = o.wave;
        p1.from = o.wave_from;
        p1.to = o.wave_to;
        p1.post = kPostCycles;
    }
    TxnLog log;
    if (!o.txn_log.empty() || !o.txn_log_json.empty()) {
        std::string err;
        if (!log.open(o.txn_log, o.txn_log_json, "every translation of the run", err))
            bad_args(err);
        p1.log = &log;
    }
    PassOut r1 = run_pass(argc, argv, o, sc, p1);
    if (r1.failed && r1.info.have_inflight)
        log.write(r1.info.inflight, true);
    log.close();

    if (r1.failed) {
        MismatchInfo info = r1.info;
        if (o.fail_waves)
            write_fail_files(argc, argv, o, sc, p1, r1, info);
        std::fflush(stdout);
        std::printf("%s", format_report(info).c_str());
        if (sc)
            std::printf("mmucosim: FAIL scenario %s (lockstep stopped after %" PRIu64 " cycles)\n",
                        o.scenario.c_str(), r1.cycles);
        else
            std::printf("mmucosim: FAIL after %" PRIu64 " cycles (%" PRIu64
                        " translations checked)\n",
                        r1.cycles, r1.stats.translations);
        return 1;
    }

    // Passed: the wave's save file, with the --focus translation marked.
    if (full_wave) {
        GtkwView v = gtkw_view(o, o.wave);
        v.timestart = wave_time_cycle_start(o.wave_from);
        v.time_first = r1.time_first;
        v.time_last = r1.time_last;
        if (r1.focus_found && r1.focus_accept >= o.wave_from && r1.focus_answer <= o.wave_to) {
            focus_view(v, r1.focus_accept, r1.focus_answer, o.wave_from);
            v.comments = {"translation #" + std::to_string(r1.focus.id) +
                          " (primary marker: accepted, marker A: answered): " + txn_line(r1.focus)};
        }
        note_gtkw(v);
    } else if (o.wave_window_given && !o.wave.empty()) {
        if (r1.focus_found) {
            PassSpec p;
            p.fst = o.wave;
            p.from = r1.focus_accept > o.wave_window ? r1.focus_accept - o.wave_window : 0;
            p.to = r1.focus_answer + kPostCycles;
            p.primary = false;
            PassOut r2 = run_pass_quiet(argc, argv, o, sc, p);
            GtkwView v = gtkw_view(o, o.wave);
            v.time_first = r2.time_first;
            v.time_last = r2.time_last;
            focus_view(v, r1.focus_accept, r1.focus_answer, p.from);
            v.comments = {"translation #" + std::to_string(r1.focus.id) +
                          " (primary marker: accepted, marker A: answered): " + txn_line(r1.focus)};
            note_gtkw(v);
        } else {
            std::printf("mmucosim: --wave-window: no mismatch%s, so no wave was recorded\n",
                        o.focus_given ? " and no --focus translation" : "");
        }
    }
    if (o.focus_given && !r1.focus_found)
        std::printf("mmucosim: warning: no translation matched --focus-%s\n",
                    o.focus_walk ? "walk" : "txn");

    if (sc && (r1.rep.failures || r1.rep.aborted)) {
        std::printf("mmucosim: FAIL scenario %s: %u of %u expectations failed%s\n",
                    o.scenario.c_str(), r1.rep.failures, r1.rep.checks,
                    r1.rep.aborted ? " (aborted)" : "");
        std::printf("reproduce:\n  %s\n", repro_command(o, argv[0]).c_str());
        return 1;
    }
    std::string what = sc ? "scenario=" + o.scenario + " checks=" + std::to_string(r1.rep.checks)
                          : std::string("mode=") + gen::mode_name(o.mode) +
                                " seed=" + std::to_string(o.seed);
    print_stats(o, r1.stats, r1.cycles, r1.secs, r1.counters, what);
    return 0;
}

}  // namespace

int main(int argc, char **argv)
{
    cli::set_program("mmucosim");
    Options o = parse_cosim_options(argc, argv);
    const RtlBuildInfo &b = rtl_build_info();

    Scenario sc;
    if (!o.scenario.empty()) {
        std::string err;
        if (!parse_scenario_file(o.scenario, sc, err))
            bad_args("scenario: " + err);
        if (sc.tlb_entries && o.tlb >= 0 && unsigned(o.tlb) != sc.tlb_entries)
            bad_args("--tlb " + std::to_string(o.tlb) + " contradicts the scenario's tlb " +
                     std::to_string(sc.tlb_entries));
        if (sc.asid_bits >= 0 && o.asid_bits >= 0 && o.asid_bits != sc.asid_bits)
            bad_args("--asid-bits " + std::to_string(o.asid_bits) +
                     " contradicts the scenario's asid-bits " + std::to_string(sc.asid_bits));
        if (sc.tlb_entries)
            o.tlb = int(sc.tlb_entries);
        if (sc.asid_bits >= 0)
            o.asid_bits = sc.asid_bits;
    }
    // --tlb/--asid-bits (or the scenario's) must match this build; else run the sibling binary.
    // A scenario runs on any build that has the TLB size and ASID width it names.
    int want_tlb = o.tlb, want_asid = o.asid_bits;
    if (o.scenario.empty()) {
        want_tlb = want_tlb < 0 ? int(b.tlb_entries) : want_tlb;
        want_asid = want_asid < 0 ? int(b.asid_bits) : want_asid;
    }
    pick_binary(argc, argv, want_tlb, want_asid);

    if (o.bench)
        return run_bench(argc, argv, o);
    if (o.compare == Compare::Txn)
        return run_txn(argc, argv, o, o.scenario.empty() ? nullptr : &sc);
    return run_lockstep(argc, argv, o, o.scenario.empty() ? nullptr : &sc);
}

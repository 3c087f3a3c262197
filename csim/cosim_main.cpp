// build/mmucosim: the RTL (Verilated mmu_top) and the C model in lockstep, every output port
// compared every cycle. Stimulus: the seeded constrained-random generator (tb/gen/random_gen.h)
// or a directed scenario (tb/scenario.h). One MemModel serves the walker port of both.
// Structure follows Verilator's make_tracing_c example: the context is made (and commandArgs
// given) before the model, nothing Verilated lives at file scope, waves only when asked for,
// final() before returning. See docs/cosim.md.
//
// Exit status: 0 pass, 1 mismatch / assertion / failed scenario expectation, 2 bad arguments.
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lockstep.h"
#include "mem_model.h"
#include "mmu_enums.h"
#include "mmu_model.h"
#include "rtl_sim.h"
#include "scenario.h"
#include "gen/random_gen.h"

namespace {

struct Options {
    uint64_t seed = 1;
    uint64_t cycles = 100000;
    gen::Mode mode = gen::Mode::Mix;
    int tlb = -1;        // -1: the build's
    int asid_bits = -1;  // -1: the build's
    bool lat_given = false, ready_given = false, err_given = false;
    unsigned lat_min = 1, lat_max = 1;
    double ready = 1.0, err = 0.0;
    std::string lat_text, ready_text, err_text;
    std::string scenario;
    bool quiet = false, verbose = false, bench = false;
    uint64_t log_txns = 0;  // print the first N completed translations
    uint64_t inject_illegal = 0;  // harness self-test: an illegal req_priv in this cycle (0: off)
    std::string wave;
    uint64_t wave_from = 0, wave_to = UINT64_MAX;
    bool wave_from_given = false, wave_to_given = false;
};

[[noreturn]] void bad_args(const std::string &msg)
{
    std::fprintf(stderr, "mmucosim: %s\n(try --help)\n", msg.c_str());
    std::exit(2);
}

void usage(const char *argv0)
{
    std::printf(
        "usage: %s [options] [+verilator+...]\n"
        "RTL mmu_top and the C model in lockstep; every output compared every cycle.\n"
        "  --seed N            stimulus seed (default 1)\n"
        "  --cycles N          cycles to run, reset included (default 100000)\n"
        "  --mode M            %s (default mix: one mode per episode)\n"
        "  --tlb N             TLB entries; must match the build (a sibling binary\n"
        "                      build/mmucosim-tN-aB is used if this one does not match)\n"
        "  --asid-bits B       ASID width; same rule as --tlb\n"
        "  --latency MIN[:MAX] page-table memory latency, cycles >= 1 (default: varied)\n"
        "  --ready P           probability of mem_req_ready per cycle (default: varied)\n"
        "  --err P             probability of an error response per access (default: varied)\n"
        "                      (giving any of the three fixes the memory for the whole run)\n"
        "  --scenario F.scn    run a directed scenario in lockstep instead of random stimulus\n"
        "  --wave F.fst        record an FST wave (use a window: --wave-from/--wave-to)\n"
        "  --wave-from N       first harness cycle to record (default 0)\n"
        "  --wave-to N         last harness cycle to record (default: end)\n"
        "  --bench             measure RTL alone, model alone and lockstep on the same stimulus\n"
        "  --quiet             one result line plus the machine-readable STAT/COV lines\n"
        "  --verbose           print each episode's configuration\n"
        "  --log N             print the first N completed translations (with their walks)\n"
        "  --inject-illegal N  harness self-test: drive req_priv=2 with req_valid in cycle N;\n"
        "                      both sides' assertions must stop the run with a report\n"
        "exit status: 0 pass, 1 mismatch/assertion/failed expectation, 2 bad arguments\n",
        argv0, gen::mode_names().c_str());
}

uint64_t parse_u64(const std::string &opt, const char *s)
{
    char *end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(s, &end, 0);
    if (!*s || *end || errno || s[0] == '-')
        bad_args(opt + " needs a non-negative integer, got '" + s + "'");
    return v;
}

double parse_prob(const std::string &opt, const char *s)
{
    char *end = nullptr;
    double v = std::strtod(s, &end);
    if (!*s || *end || !(v >= 0.0 && v <= 1.0))
        bad_args(opt + " needs a probability in [0, 1], got '" + s + "'");
    return v;
}

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a.rfind("+", 0) == 0)
            continue;  // +verilator+... plusargs: VerilatedContext::commandArgs
        auto value = [&]() -> const char * {
            if (i + 1 >= argc)
                bad_args(a + " needs a value");
            return argv[++i];
        };
        if (a == "--help" || a == "-h") {
            usage(argv[0]);
            std::exit(0);
        } else if (a == "--seed") {
            o.seed = parse_u64(a, value());
        } else if (a == "--cycles") {
            o.cycles = parse_u64(a, value());
        } else if (a == "--mode") {
            const char *v = value();
            if (!gen::mode_from_name(v, o.mode))
                bad_args(std::string("unknown --mode '") + v + "'; one of " + gen::mode_names());
        } else if (a == "--tlb") {
            uint64_t v = parse_u64(a, value());
            if (v != 4 && v != 8 && v != 16 && v != 32 && v != 64)
                bad_args("--tlb must be 4, 8, 16, 32 or 64");
            o.tlb = int(v);
        } else if (a == "--asid-bits") {
            uint64_t v = parse_u64(a, value());
            if (v > 16)
                bad_args("--asid-bits must be 0..16");
            o.asid_bits = int(v);
        } else if (a == "--latency") {
            std::string v = value();
            o.lat_text = v;
            size_t colon = v.find(':');
            std::string lo = v.substr(0, colon);
            std::string hi = colon == std::string::npos ? lo : v.substr(colon + 1);
            o.lat_min = unsigned(parse_u64(a, lo.c_str()));
            o.lat_max = unsigned(parse_u64(a, hi.c_str()));
            if (o.lat_min < 1 || o.lat_max < o.lat_min || o.lat_max > 1000)
                bad_args("--latency MIN[:MAX] needs 1 <= MIN <= MAX <= 1000");
            o.lat_given = true;
        } else if (a == "--ready") {
            o.ready_text = value();
            o.ready = parse_prob(a, o.ready_text.c_str());
            if (o.ready == 0.0)
                bad_args("--ready 0 would never accept a page-table access");
            o.ready_given = true;
        } else if (a == "--err") {
            o.err_text = value();
            o.err = parse_prob(a, o.err_text.c_str());
            o.err_given = true;
        } else if (a == "--scenario") {
            o.scenario = value();
        } else if (a == "--wave") {
            o.wave = value();
        } else if (a == "--wave-from") {
            o.wave_from = parse_u64(a, value());
            o.wave_from_given = true;
        } else if (a == "--wave-to") {
            o.wave_to = parse_u64(a, value());
            o.wave_to_given = true;
        } else if (a == "--quiet") {
            o.quiet = true;
        } else if (a == "--inject-illegal") {
            o.inject_illegal = parse_u64(a, value());
        } else if (a == "--log") {
            o.log_txns = parse_u64(a, value());
        } else if (a == "--verbose") {
            o.verbose = true;
        } else if (a == "--bench") {
            o.bench = true;
        } else {
            bad_args("unknown option '" + a + "'");
        }
    }
    if ((o.wave_from_given || o.wave_to_given) && o.wave.empty())
        bad_args("--wave-from/--wave-to need --wave FILE");
    if (o.wave_to < o.wave_from)
        bad_args("--wave-to is before --wave-from");
    if (o.bench && !o.scenario.empty())
        bad_args("--bench runs random stimulus; it does not take --scenario");
    return o;
}

// The command line that reproduces this run (the options that define it).
std::string repro_command(const Options &o, const char *argv0)
{
    const RtlBuildInfo &b = rtl_build_info();
    std::string s = argv0;
    if (o.inject_illegal)
        s += " --inject-illegal " + std::to_string(o.inject_illegal);
    if (!o.scenario.empty()) {
        s += " --scenario " + o.scenario;
    } else {
        s += " --seed " + std::to_string(o.seed) + " --cycles " + std::to_string(o.cycles) +
             " --mode " + gen::mode_name(o.mode);
    }
    s += " --tlb " + std::to_string(b.tlb_entries) + " --asid-bits " + std::to_string(b.asid_bits);
    if (o.lat_given)
        s += " --latency " + o.lat_text;
    if (o.ready_given)
        s += " --ready " + o.ready_text;
    if (o.err_given)
        s += " --err " + o.err_text;
    return s;
}

// Re-runs the same command with the sibling binary built for (tlb, asid), if there is one.
// tlb or asid < 0: any value will do (a scenario that does not name it); 16 is preferred.
void pick_binary(int argc, char **argv, int tlb, int asid)
{
    const RtlBuildInfo &b = rtl_build_info();
    if ((tlb < 0 || unsigned(tlb) == b.tlb_entries) && (asid < 0 || unsigned(asid) == b.asid_bits))
        return;
    std::string want = (tlb >= 0 ? "TlbEntries=" + std::to_string(tlb) : std::string()) +
                       (tlb >= 0 && asid >= 0 ? " " : "") +
                       (asid >= 0 ? "AsidWidth=" + std::to_string(asid) : std::string());
    std::string have = "TlbEntries=" + std::to_string(b.tlb_entries) +
                       " AsidWidth=" + std::to_string(b.asid_bits);
    if (b.defect[0])
        bad_args("this is the " + std::string(b.defect) + " defect build (" + have +
                 "); it cannot run " + want);
    std::string self = argv[0];
    size_t slash = self.rfind('/');
    std::string dir = slash == std::string::npos ? "" : self.substr(0, slash + 1);
    std::vector<unsigned> tlbs, asids;
    if (tlb >= 0)
        tlbs.push_back(unsigned(tlb));
    else
        tlbs = {16, 4, 8, 32, 64};
    if (asid >= 0)
        asids.push_back(unsigned(asid));
    else
        for (int a = 16; a >= 0; a--)
            asids.push_back(unsigned(a));
    std::string first;
    for (unsigned t : tlbs)
        for (unsigned a : asids) {
            std::string name = t == 16 && a == 16 ? std::string("mmucosim")
                                                  : "mmucosim-t" + std::to_string(t) + "-a" +
                                                        std::to_string(a);
            std::string path = dir + name;
            if (first.empty())
                first = path;
            if (path == self || access(path.c_str(), X_OK) != 0)
                continue;
            std::vector<char *> args(argv, argv + argc);
            args[0] = const_cast<char *>(path.c_str());
            args.push_back(nullptr);
            std::fflush(stdout);
            execv(path.c_str(), args.data());
            bad_args("cannot run " + path + ": " + std::strerror(errno));
        }
    bad_args("this binary is built with " + have + "; no build for " + want + " next to it (" +
             first + "); add the variant to COSIM_VARIANTS in csim/csim.mk and run "
             "`make cosim-bins`");
}

// ------------------------------------------------------------------------------------------
// Statistics: per translation class (the mode the translation ran in) and per fault reason.

const char *txn_class(const mmu_txn_t &t)
{
    if (t.priv == MMU_PRIV_M)
        return "m";
    bool paged = t.satp_mode != MMU_SATP_BARE;
    if (t.seg_mode == MMU_SEG_BASE_BOUNDS)
        return paged ? "bbpg" : "bb";
    if (t.seg_mode == MMU_SEG_SEGMENTS)
        return paged ? "segpg" : "seg";
    switch (t.satp_mode) {
    case MMU_SATP_BARE:
        return "bare";
    case MMU_SATP_SV32:
        return "sv32";
    case MMU_SATP_SV39:
        return "sv39";
    case MMU_SATP_SV48:
        return "sv48";
    default:
        return "radix";
    }
}

struct Stats {
    uint64_t translations = 0, hits = 0, misses = 0, walks = 0, refills = 0, faults = 0;
    uint64_t suppressed = 0, ad_writes = 0;
    uint64_t resets = 0;  // reset cycles after the first non-reset cycle
    uint64_t flush_cycles = 0, fills = 0;
    uint64_t by_cause[MMU_CAUSE_COUNT] = {};
    std::map<std::string, std::map<unsigned, uint64_t>> cov;  // class -> cause -> count
    std::map<std::string, uint64_t> per_class;
    void add(const mmu_txn_t &t)
    {
        translations++;
        hits += t.hit;
        misses += t.paged && !t.hit;
        walks += t.walked;
        refills += t.refill;
        suppressed += t.fill_suppressed;
        for (unsigned i = 0; i < t.n_access && i <= MMU_MAX_LEVELS; i++)
            ad_writes += t.access[i].write;
        if (t.fault) {
            faults++;
            if (t.cause < MMU_CAUSE_COUNT)
                by_cause[t.cause]++;
        }
        const char *c = txn_class(t);
        per_class[c]++;
        cov[c][t.fault ? t.cause : 0]++;
    }
};

void print_stats(const Options &o, const Stats &s, uint64_t cycles, double secs, mmu_model_t *m,
                 const std::string &what)
{
    double cps = secs > 0 ? double(cycles) / secs : 0;
    const RtlBuildInfo &b = rtl_build_info();
    if (!o.quiet) {
        std::printf("mmucosim: PASS %s (TlbEntries=%u AsidWidth=%u)\n", what.c_str(),
                    b.tlb_entries, b.asid_bits);
        std::printf("  translations %" PRIu64 "  hits %" PRIu64 "  misses %" PRIu64
                    "  walks %" PRIu64 " (refills %" PRIu64 ")  faults %" PRIu64 "\n",
                    s.translations, s.hits, s.misses, s.walks, s.refills, s.faults);
        std::printf("  A/D writes %" PRIu64 "  fills suppressed by a flush during the walk %" PRIu64
                    "\n",
                    s.ad_writes, s.suppressed);
        std::printf("  faults by reason:");
        for (unsigned c = 1; c < MMU_CAUSE_COUNT; c++)
            if (s.by_cause[c])
                std::printf(" %s=%" PRIu64, mmu_cause_name(c), s.by_cause[c]);
        std::printf("\n  by mode:");
        for (auto &kv : s.per_class)
            std::printf(" %s=%" PRIu64, kv.first.c_str(), kv.second);
        std::printf("\n");
        if (m) {
            std::printf("  model counters:");
            for (unsigned i = 0; i < MMU_CNT_COUNT; i++)
                std::printf(" %s=%" PRIu64, mmu_counter_name(i),
                            mmu_csr_read(m, MMU_CSR_HITS + i));
            std::printf("\n");
        }
        std::printf("  cycles %" PRIu64 "  flush cycles %" PRIu64 "  fills %" PRIu64
                    "  wall %.2f s  simulated %.0f cycles/s\n",
                    cycles, s.flush_cycles, s.fills, secs, cps);
    } else {
        std::printf("mmucosim: PASS %s: %" PRIu64 " translations, %" PRIu64 " cycles, %.0f cycles/s\n",
                    what.c_str(), s.translations, cycles, cps);
    }
    std::printf("STAT translations=%" PRIu64 " hits=%" PRIu64 " misses=%" PRIu64 " walks=%" PRIu64
                " faults=%" PRIu64 " cycles=%" PRIu64 " secs=%.4f refills=%" PRIu64
                " suppressed=%" PRIu64 " adwrites=%" PRIu64 " evictions=%" PRIu64
                " flushes=%" PRIu64 "\n",
                s.translations, s.hits, s.misses, s.walks, s.faults, cycles, secs, s.refills,
                s.suppressed, s.ad_writes, m ? mmu_csr_read(m, MMU_CSR_EVICTIONS) : 0,
                s.flush_cycles);
    for (auto &cls : s.cov)
        for (auto &kv : cls.second)
            if (kv.first)
                std::printf("COV %s %s %" PRIu64 "\n", cls.first.c_str(), mmu_cause_name(kv.first),
                            kv.second);
}

// Cross-checks our per-translation tally against the model's own counters (a harness self-test).
bool counters_agree(mmu_model_t *m, const Stats &s)
{
    uint64_t hits = mmu_csr_read(m, MMU_CSR_HITS), misses = mmu_csr_read(m, MMU_CSR_MISSES),
             faults = mmu_csr_read(m, MMU_CSR_FAULTS);
    // the translation in flight at the end is counted by the model (MISSES) but not by us
    const mmu_txn_t *t = mmu_inflight(m);
    uint64_t slack = t ? 1 : 0;
    bool ok = hits == s.hits && faults == s.faults && misses >= s.misses &&
              misses <= s.misses + slack;
    if (!ok)
        std::printf("mmucosim: warning: harness tally (hits %" PRIu64 ", misses %" PRIu64
                    ", faults %" PRIu64 ") differs from the model's counters (%" PRIu64 ", %" PRIu64
                    ", %" PRIu64 ")\n",
                    s.hits, s.misses, s.faults, hits, misses, faults);
    return ok;
}

gen::GenOptions gen_options(const Options &o)
{
    const RtlBuildInfo &b = rtl_build_info();
    gen::GenOptions g;
    g.seed = o.seed;
    g.mode = o.mode;
    g.tlb_entries = b.tlb_entries;
    g.asid_bits = b.asid_bits;
    g.mem_fixed = o.lat_given || o.ready_given || o.err_given;
    g.mem.min_latency = o.lat_min;
    g.mem.max_latency = o.lat_max;
    g.mem.ready_prob = o.ready;
    g.mem.err_prob = o.err;
    g.mem.seed = o.seed * 0x9e3779b97f4a7c15ull + 1;
    return g;
}

double seconds_since(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Random stimulus for `cycles` cycles on any Dut; returns cycles run.
uint64_t run_random(Dut &dut, const Options &o, Stats *stats, bool verbose)
{
    MemModel mem;
    gen::RandomGen g(gen_options(o), mem);
    mmu_inputs_t in;
    mmu_outputs_t out;
    uint64_t episodes = 0, c = 0;
    for (; c < o.cycles; c++) {
        g.next(in);
        if (o.inject_illegal && c == o.inject_illegal) {
            in.req_valid = true;
            in.req_priv = 2;  // illegal (SPEC 1): an assertion in both
        }
        mem.drive(in);
        dut.step(in, out);
        if (dut.failed())
            break;
        mem.observe(in, out);
        g.observe(in, out);
        if (stats) {
            if (!in.rst_n && c > 0 && stats->translations + stats->flush_cycles > 0)
                stats->resets++;
            stats->flush_cycles += out.trace_flush_valid;
            stats->fills += out.trace_fill_valid;
        }
        if (verbose && g.episodes() != episodes) {
            episodes = g.episodes();
            std::printf("[cycle %" PRIu64 "] %s\n", c, g.episode_text().c_str());
        }
    }
    return c;
}

int run_lockstep_random(int argc, char **argv, const Options &o)
{
    LockstepDut dut(argc, argv, !o.wave.empty());
    std::string repro = repro_command(o, argv[0]);
    dut.set_repro(repro, repro);
    if (!o.wave.empty()) {
        std::string err;
        if (!dut.rtl().open_wave(o.wave, o.wave_from, o.wave_to, err))
            bad_args("--wave: " + err);
    }
    Stats stats;
    uint64_t logged = 0;
    dut.set_txn_observer([&stats, &logged, &o](const mmu_txn_t &t) {
        stats.add(t);
        if (logged < o.log_txns) {
            logged++;
            std::printf("txn %s\n%s", txn_line(t).c_str(),
                        t.n_access ? txn_walk_lines(t, "      ").c_str() : "");
        }
    });
    auto t0 = std::chrono::steady_clock::now();
    uint64_t cycles = run_random(dut, o, &stats, o.verbose);
    double secs = seconds_since(t0);
    dut.finish();
    if (dut.failed()) {
        std::fflush(stdout);
        std::printf("%s", dut.failure_report().c_str());
        std::printf("mmucosim: FAIL after %" PRIu64 " cycles (%" PRIu64 " translations checked)\n",
                    cycles, stats.translations);
        return 1;
    }
    if (!stats.resets)  // a reset in the run clears the model's counters
        counters_agree(dut.model(), stats);
    std::string what = std::string("mode=") + gen::mode_name(o.mode) +
                       " seed=" + std::to_string(o.seed);
    print_stats(o, stats, cycles, secs, dut.model(), what);
    return 0;
}

int run_lockstep_scenario(int argc, char **argv, const Options &o, const Scenario &sc)
{
    LockstepDut dut(argc, argv, !o.wave.empty());
    std::string repro = repro_command(o, argv[0]);
    dut.set_repro(repro, repro);
    if (!o.wave.empty()) {
        std::string err;
        if (!dut.rtl().open_wave(o.wave, o.wave_from, o.wave_to, err))
            bad_args("--wave: " + err);
    }
    Stats stats;
    dut.set_txn_observer([&stats](const mmu_txn_t &t) { stats.add(t); });
    MemModel mem;
    ScenarioExecutor ex(dut, mem);
    unsigned failures_printed = 0;
    ex.on_failure = [&](const std::string &msg) {
        failures_printed++;
        std::printf("%s\n", msg.c_str());
    };
    if (o.verbose)
        ex.on_note = [](const std::string &msg) { std::printf("  note: %s\n", msg.c_str()); };
    ex.on_cycle = [&stats](uint64_t, const mmu_inputs_t &, const mmu_outputs_t &out) {
        stats.flush_cycles += out.trace_flush_valid;
        stats.fills += out.trace_fill_valid;
    };
    auto t0 = std::chrono::steady_clock::now();
    ExecReport rep = ex.run(sc);
    double secs = seconds_since(t0);
    dut.finish();
    if (dut.failed()) {
        std::printf("%s", dut.failure_report().c_str());
        std::printf("mmucosim: FAIL scenario %s (lockstep stopped after %" PRIu64 " cycles)\n",
                    o.scenario.c_str(), rep.cycles);
        return 1;
    }
    if (rep.failures || rep.aborted) {
        std::printf("mmucosim: FAIL scenario %s: %u of %u expectations failed%s\n",
                    o.scenario.c_str(), rep.failures, rep.checks, rep.aborted ? " (aborted)" : "");
        std::printf("reproduce:\n  %s\n", repro.c_str());
        return 1;
    }
    std::string what = "scenario=" + o.scenario + " checks=" + std::to_string(rep.checks);
    print_stats(o, stats, rep.cycles, secs, dut.model(), what);
    return 0;
}

int run_bench(int argc, char **argv, const Options &o)
{
    const RtlBuildInfo &b = rtl_build_info();
    std::printf("bench: %" PRIu64 " cycles of random stimulus, mode %s, seed %" PRIu64
                ", TlbEntries=%u AsidWidth=%u\n",
                o.cycles, gen::mode_name(o.mode), o.seed, b.tlb_entries, b.asid_bits);
    double rtl_secs, model_secs, ls_secs;
    uint64_t rtl_cycles, model_cycles, ls_cycles, model_txns;
    Stats ls_stats;
    {
        RtlOnlyDut dut(argc, argv);
        auto t0 = std::chrono::steady_clock::now();
        rtl_cycles = run_random(dut, o, nullptr, false);
        rtl_secs = seconds_since(t0);
    }
    {
        mmu_config_t cfg{b.tlb_entries, b.asid_bits};
        ModelOnlyDut dut(cfg);
        auto t0 = std::chrono::steady_clock::now();
        model_cycles = run_random(dut, o, nullptr, false);
        model_secs = seconds_since(t0);
        model_txns = mmu_csr_read(dut.model(), MMU_CSR_HITS) +
                     mmu_csr_read(dut.model(), MMU_CSR_MISSES);
    }
    {
        LockstepDut dut(argc, argv, false);
        dut.set_repro(repro_command(o, argv[0]), "");
        dut.set_txn_observer([&ls_stats](const mmu_txn_t &t) { ls_stats.add(t); });
        auto t0 = std::chrono::steady_clock::now();
        ls_cycles = run_random(dut, o, nullptr, false);
        ls_secs = seconds_since(t0);
        dut.finish();
        if (dut.failed()) {
            std::printf("%s", dut.failure_report().c_str());
            return 1;
        }
    }
    double rtl_cps = rtl_cycles / rtl_secs, model_cps = model_cycles / model_secs,
           ls_cps = ls_cycles / ls_secs;
    (void)model_txns;
    std::printf("  RTL alone (Verilator, random inputs, no model): %10.0f cycles/s  (%.2f s)\n",
                rtl_cps, rtl_secs);
    std::printf("  C model alone (same stimulus):                  %10.0f cycles/s  (%.2f s)\n",
                model_cps, model_secs);
    std::printf("  RTL + model in lockstep (all ports compared):   %10.0f cycles/s  (%.2f s)\n",
                ls_cps, ls_secs);
    std::printf("  lockstep / RTL-alone ratio: %.3f  (lockstep costs %.2fx the RTL alone)\n",
                ls_cps / rtl_cps, rtl_cps / ls_cps);
    std::printf("  translations: %" PRIu64 " in %" PRIu64 " cycles, %.0f translations/s in lockstep\n",
                ls_stats.translations, ls_cycles, ls_stats.translations / ls_secs);
    std::printf("BENCH rtl_cps=%.0f model_cps=%.0f lockstep_cps=%.0f ratio=%.4f txn_per_s=%.0f\n",
                rtl_cps, model_cps, ls_cps, ls_cps / rtl_cps, ls_stats.translations / ls_secs);
    return 0;
}

}  // namespace

int main(int argc, char **argv)
{
    Options o = parse(argc, argv);
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
    if (!o.scenario.empty())
        return run_lockstep_scenario(argc, argv, o, sc);
    return run_lockstep_random(argc, argv, o);
}

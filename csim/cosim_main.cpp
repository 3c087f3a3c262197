// build/mmucosim: the RTL (Verilated mmu_top) and the C model in lockstep, every output port
// compared every cycle. Stimulus: the seeded constrained-random generator (tb/gen/random_gen.h)
// or a directed scenario (tb/scenario.h). One MemModel serves the walker port of both.
// Structure follows Verilator's make_tracing_c example: the context is made (and commandArgs
// given) before the model, nothing Verilated lives at file scope, waves only when asked for,
// final() before returning. See docs/cosim.md.
//
// Exit status: 0 pass, 1 mismatch / assertion / failed scenario expectation, 2 bad arguments.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gtkw.h"
#include "lockstep.h"
#include "mem_model.h"
#include "mmu_enums.h"
#include "mmu_model.h"
#include "rtl_sim.h"
#include "scenario.h"
#include "gen/random_gen.h"
#include "cli.h"

namespace {

using cli::bad_args;
using cli::parse_prob;
using cli::parse_u64;

// --seed, --mode and the memory options: csim/cli.h (shared with mmucosim-sc).
struct Options : cli::StimulusArgs {
    uint64_t cycles = 100000;
    int tlb = -1;        // -1: the build's
    int asid_bits = -1;  // -1: the build's
    std::string scenario;
    bool quiet = false, verbose = false, bench = false;
    uint64_t log_txns = 0;  // print the first N completed translations
    uint64_t inject_illegal = 0;  // harness self-test: an illegal req_priv in this cycle (0: off)
    std::string wave;  // --waves (alias --wave)
    uint64_t wave_from = 0, wave_to = UINT64_MAX;
    bool wave_from_given = false, wave_to_given = false;
    uint64_t wave_window = 200;  // cycles recorded before the mismatch / focus translation
    bool wave_window_given = false;
    std::string txn_log, txn_log_json;  // every translation of the run
    std::string fail_dir;               // "": <directory of the binary>/fail
    bool fail_waves = true;             // on a failure: wave window, save file, txn logs
    bool focus_given = false;           // --focus-txn / --focus-walk
    uint64_t focus_id = 0;
    unsigned focus_walk = 0;            // 0: --focus-txn; else PTE reads of the walk
    std::string gtkw_open = "12345";    // groups shown open in the .gtkw files written
    unsigned gtkw_width = 1600, gtkw_height = 900;
};

// Cycles run on after a mismatch in a recorded wave, and translations kept for a failure's log.
constexpr unsigned kPostCycles = 8;
constexpr size_t kFailTxns = 1000;

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
        "  --waves F.fst       record an FST wave of RTL and model (--wave F.fst is an alias)\n"
        "  --wave-from N       first harness cycle to record (default 0)\n"
        "  --wave-to N         last harness cycle to record (default: end)\n"
        "  --wave-window N     record only the N cycles before the first mismatch (or the\n"
        "                      --focus translation) and a few after: the run is repeated from\n"
        "                      its seed with tracing on from there (default N for failures: 200)\n"
        "  --focus-txn ID      the translation with this id is the view's marker (with --waves)\n"
        "  --focus-walk N      ... or the first one that walked N PTE reads without a fault\n"
        "  --gtkw-open DIGITS  groups open in the written .gtkw (default 12345: request,\n"
        "                      segmentation, TLB, walker, response; 6-8: registers, CSR, counters)\n"
        "  --gtkw-size WxH     GTKWave window size in the written .gtkw (default 1600x900)\n"
        "  --txn-log F         write every translation (walk, PTE flags, A/D, fault) as text\n"
        "  --txn-log-json F    the same as JSON lines\n"
        "  --fail-dir D        where a failure's debug files go (default: <binary dir>/fail)\n"
        "  --no-fail-waves     on a failure, do not write the wave window, .gtkw and txn logs\n"
        "  --bench             measure RTL alone, model alone and lockstep on the same stimulus\n"
        "  --quiet             one result line plus the machine-readable STAT/COV lines\n"
        "  --verbose           print each episode's configuration\n"
        "  --log N             print the first N completed translations (with their walks)\n"
        "  --inject-illegal N  harness self-test: drive req_priv=2 with req_valid in cycle N;\n"
        "                      both sides' assertions must stop the run with a report\n"
        "exit status: 0 pass, 1 mismatch/assertion/failed expectation, 2 bad arguments\n",
        argv0, gen::mode_names().c_str());
}

Options parse(int argc, char **argv)
{
    Options o;
    cli::parse_options(argc, argv, usage, [&o](const std::string &a, const cli::NextValue &value) {
        if (o.take(a, value)) {
        } else if (a == "--cycles") {
            o.cycles = parse_u64(a, value());
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
        } else if (a == "--scenario") {
            o.scenario = value();
        } else if (a == "--waves" || a == "--wave") {
            o.wave = value();
        } else if (a == "--wave-window") {
            o.wave_window = parse_u64(a, value());
            o.wave_window_given = true;
        } else if (a == "--focus-txn") {
            o.focus_id = parse_u64(a, value());
            o.focus_given = true;
        } else if (a == "--focus-walk") {
            uint64_t v = parse_u64(a, value());
            if (v < 1 || v > MMU_MAX_LEVELS)
                bad_args("--focus-walk needs 1.." + std::to_string(MMU_MAX_LEVELS) + " PTE reads");
            o.focus_walk = unsigned(v);
            o.focus_given = true;
        } else if (a == "--gtkw-open") {
            o.gtkw_open = value();
            if (o.gtkw_open.find_first_not_of("12345678") != std::string::npos)
                bad_args("--gtkw-open takes group digits 1..8, e.g. 1345");
        } else if (a == "--gtkw-size") {
            std::string v = value();
            unsigned w = 0, h = 0;
            char extra = 0;
            if (std::sscanf(v.c_str(), "%ux%u%c", &w, &h, &extra) != 2 || w < 400 || h < 300 ||
                w > 8000 || h > 8000)
                bad_args("--gtkw-size needs WIDTHxHEIGHT, e.g. 1600x900");
            o.gtkw_width = w;
            o.gtkw_height = h;
        } else if (a == "--txn-log") {
            o.txn_log = value();
        } else if (a == "--txn-log-json") {
            o.txn_log_json = value();
        } else if (a == "--fail-dir") {
            o.fail_dir = value();
        } else if (a == "--no-fail-waves") {
            o.fail_waves = false;
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
            return false;
        }
        return true;
    });
    if ((o.wave_from_given || o.wave_to_given) && o.wave.empty())
        bad_args("--wave-from/--wave-to need --waves FILE");
    if (o.wave_window_given && (o.wave_from_given || o.wave_to_given))
        bad_args("--wave-window chooses the cycles itself; it does not take --wave-from/--wave-to");
    if (o.wave_window_given && o.wave_window == 0)
        bad_args("--wave-window needs at least 1 cycle");
    if (o.focus_given && o.wave.empty())
        bad_args("--focus-txn/--focus-walk choose the view of --waves FILE; give --waves");
    if (o.bench && (!o.wave.empty() || !o.txn_log.empty() || !o.txn_log_json.empty()))
        bad_args("--bench measures speed; it takes no --waves or --txn-log");
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
    return s + o.mem_repro();
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
    if (t.hybrid)
        return "hybrid";
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
    case MMU_SATP_RADIX:
        return "radix";
    default:
        return "?";
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

// counters: the model's MMU_CNT_COUNT counters at the end of the run, or nullptr.
void print_stats(const Options &o, const Stats &s, uint64_t cycles, double secs,
                 const uint64_t *counters, const std::string &what)
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
        if (counters) {
            std::printf("  model counters:");
            for (unsigned i = 0; i < MMU_CNT_COUNT; i++)
                std::printf(" %s=%" PRIu64, mmu_counter_name(i), counters[i]);
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
                s.suppressed, s.ad_writes, counters ? counters[MMU_CNT_EVICTIONS] : 0,
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
    return o.gen_options(b.tlb_entries, b.asid_bits);
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

// ------------------------------------------------------------------------------------------
// Translation logs (--txn-log, --txn-log-json, and a failure's logs): text and JSON lines.

class TxnLog {
public:
    ~TxnLog() { close(); }
    // Opens the files named (either may be empty); false + err on failure.
    bool open(const std::string &text, const std::string &json, const std::string &what,
              std::string &err)
    {
        if (!text.empty() && !(text_ = std::fopen(text.c_str(), "w"))) {
            err = "cannot write " + text + ": " + std::strerror(errno);
            return false;
        }
        if (!json.empty() && !(json_ = std::fopen(json.c_str(), "w"))) {
            err = "cannot write " + json + ": " + std::strerror(errno);
            return false;
        }
        if (text_)
            std::fprintf(text_,
                         "# mmucosim translation log: %s\n"
                         "# #id cycles ACCEPT..ANSWER (cycles since reset: cosim_cycle in the "
                         "wave), VA, access, privilege, SATP mode, ASID, segmentation;\n"
                         "# HIT[entry] or walk(accesses) with each PTE: level, address, value, "
                         "flags VRWXUGAD, PPN; the answer (PA or fault reason, exception).\n",
                         what.c_str());
        return true;
    }
    bool active() const { return text_ || json_; }
    void write(const mmu_txn_t &t, bool in_flight = false)
    {
        if (text_) {
            std::fprintf(text_, "%s\n%s", txn_line(t, in_flight).c_str(),
                         t.n_access ? txn_walk_lines(t, "      ").c_str() : "");
        }
        if (json_)
            std::fprintf(json_, "%s\n", txn_json(t, in_flight).c_str());
    }
    void close()
    {
        if (text_)
            std::fclose(text_);
        if (json_)
            std::fclose(json_);
        text_ = json_ = nullptr;
    }

private:
    FILE *text_ = nullptr;
    FILE *json_ = nullptr;
};

// ------------------------------------------------------------------------------------------
// One lockstep run (a "pass"). The first pass is the run asked for; a failure (or a --focus
// translation with --wave-window) repeats it from the same seed or scenario with the wave on
// around the cycle of interest: the stimulus and the memory are deterministic.

struct PassSpec {
    std::string fst;  // "": no wave
    uint64_t from = 0, to = UINT64_MAX;
    unsigned post = 0;     // cycles run on after a failure, for the wave
    bool primary = true;   // the run asked for: prints (--log, --verbose, expectations), stats
    TxnLog *log = nullptr; // every translation (--txn-log)
};

struct PassOut {
    bool failed = false;  // lockstep failure: mismatch or assertion
    MismatchInfo info;
    uint64_t cycles = 0;  // harness cycles run (up to the failure)
    double secs = 0;
    Stats stats;
    ExecReport rep;                // scenario runs
    std::deque<mmu_txn_t> recent;  // the last kFailTxns completed translations
    bool focus_found = false;
    mmu_txn_t focus{};
    uint64_t focus_accept = 0, focus_answer = 0;  // harness cycles
    uint64_t counters[MMU_CNT_COUNT] = {};         // the model's, at the end
    uint64_t time_first = 0, time_last = 0;        // the wave's time range
};

bool focus_match(const Options &o, const mmu_txn_t &t)
{
    if (!o.focus_given)
        return false;
    if (!o.focus_walk)
        return t.id == o.focus_id;
    unsigned reads = 0;
    for (unsigned i = 0; i < t.n_access && i <= MMU_MAX_LEVELS; i++)
        reads += !t.access[i].write;
    return t.walked && !t.fault && !t.refill && reads == o.focus_walk;
}

PassOut run_pass(int argc, char **argv, const Options &o, const Scenario *sc, const PassSpec &p)
{
    PassOut r;
    LockstepDut dut(argc, argv, !p.fst.empty());
    std::string repro = repro_command(o, argv[0]);
    dut.set_repro(repro, repro);
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
    // Only the first run's translations go into a failure's log (write_fail_files).
    const bool keep_recent = p.primary && o.fail_waves;
    dut.set_txn_observer([&](const mmu_txn_t &t) {
        if (dut.has_failure())
            return;  // running on after the failure, for the wave only
        r.stats.add(t);
        if (keep_recent) {
            r.recent.push_back(t);
            if (r.recent.size() > kFailTxns)
                r.recent.pop_front();
        }
        if (p.log)
            p.log->write(t);
        if (!r.focus_found && focus_match(o, t)) {
            r.focus_found = true;
            r.focus = t;
            r.focus_answer = dut.cycles();  // the edge ending the answer cycle is being taken
            r.focus_accept = r.focus_answer - (t.answer_cycle - t.accept_cycle);
        }
        if (p.primary && logged < o.log_txns) {
            logged++;
            std::printf("txn %s\n%s", txn_line(t).c_str(),
                        t.n_access ? txn_walk_lines(t, "      ").c_str() : "");
        }
    });
    auto t0 = std::chrono::steady_clock::now();
    uint64_t cycles;
    if (!sc) {
        cycles = run_random(dut, o, &r.stats, p.primary && o.verbose);
    } else {
        MemModel mem;
        ScenarioExecutor ex(dut, mem);
        ex.on_failure = [&](const std::string &msg) {
            if (p.primary && !dut.has_failure())  // a lockstep failure has its own report
                std::printf("%s\n", msg.c_str());
        };
        if (p.primary && o.verbose)
            ex.on_note = [](const std::string &msg) { std::printf("  note: %s\n", msg.c_str()); };
        ex.on_cycle = [&r](uint64_t, const mmu_inputs_t &, const mmu_outputs_t &out) {
            r.stats.flush_cycles += out.trace_flush_valid;
            r.stats.fills += out.trace_fill_valid;
        };
        r.rep = ex.run(*sc);
        // a scenario that ends within the cycles run on after a failure: finish them idle
        mmu_inputs_t idle{};
        idle.rst_n = true;
        mmu_outputs_t out;
        while (dut.has_failure() && !dut.failed()) {
            mem.drive(idle);
            dut.step(idle, out);
            mem.observe(idle, out);
        }
        cycles = r.rep.cycles;
    }
    r.secs = seconds_since(t0);
    dut.finish();
    r.time_first = 2 * p.from;
    r.time_last = p.to == UINT64_MAX ? 2 * dut.edges() : std::min(2 * dut.edges(), 2 * p.to + 2);
    for (unsigned i = 0; i < MMU_CNT_COUNT; i++)
        r.counters[i] = mmu_csr_read(dut.model(), MMU_CSR_HITS + i);
    if (p.primary && !dut.has_failure() && !sc && !r.stats.resets)
        counters_agree(dut.model(), r.stats);  // a reset in the run clears the model's counters
    r.failed = dut.has_failure();
    if (r.failed) {
        r.info = dut.failure();
        cycles = r.info.harness_cycle;
    }
    r.cycles = cycles;
    return r;
}

// A repeated run (for a wave) prints nothing: the RTL's assertion messages after a divergence
// would only confuse the report.
PassOut run_pass_quiet(int argc, char **argv, const Options &o, const Scenario *sc,
                       const PassSpec &p)
{
    std::fflush(stdout);
    int saved = dup(1);
    int null = ::open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0)
        dup2(null, 1);
    PassOut r = run_pass(argc, argv, o, sc, p);
    std::fflush(stdout);
    if (saved >= 0 && null >= 0)
        dup2(saved, 1);
    if (null >= 0)
        ::close(null);
    if (saved >= 0)
        ::close(saved);
    return r;
}

std::string base_name(const std::string &path)
{
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string dir_name(const std::string &path)
{
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// mkdir -p
bool make_dirs(const std::string &dir, std::string &err)
{
    std::string cur;
    size_t pos = 0;
    while (pos != std::string::npos) {
        pos = dir.find('/', pos + 1);
        cur = dir.substr(0, pos);
        if (cur.empty())
            continue;
        if (mkdir(cur.c_str(), 0777) != 0 && errno != EEXIST) {
            err = "cannot create " + cur + ": " + std::strerror(errno);
            return false;
        }
    }
    return true;
}

// "x.fst" -> "x.gtkw"
std::string gtkw_path_for(const std::string &fst)
{
    std::string s = fst;
    if (s.size() > 4 && s.compare(s.size() - 4, 4, ".fst") == 0)
        s.resize(s.size() - 4);
    return s + ".gtkw";
}

GtkwView gtkw_view(const Options &o, const std::string &fst)
{
    GtkwView v;
    v.dumpfile = fst;
    v.savefile = gtkw_path_for(fst);
    v.width = o.gtkw_width;
    v.height = o.gtkw_height;
    v.open_groups = o.gtkw_open;
    return v;
}

// The view of a translation: from the cycle before its acceptance to 2 after its answer, the
// primary marker on the acceptance and marker A on the answer.
void focus_view(GtkwView &v, uint64_t accept, uint64_t answer, uint64_t first_recorded)
{
    uint64_t start = accept >= first_recorded + 1 ? accept - 1 : first_recorded;
    v.timestart = 2 * start;
    v.span = 2 * (answer + 3 - start);
    v.marker = int64_t(wave_time_of_cycle(accept));
    v.marker_a = int64_t(wave_time_of_cycle(answer));
}

void note_gtkw(const GtkwView &v)
{
    std::string err;
    if (write_gtkw(v, err))
        std::printf("mmucosim: wave %s, GTKWave view: gtkwave %s\n", v.dumpfile.c_str(),
                    v.savefile.c_str());
    else
        std::printf("mmucosim: warning: %s\n", err.c_str());
}

// A failure's debug files: the wave window around the failing cycle (recorded by a second run
// from the same seed unless the first run recorded it already), a .gtkw with the marker on it,
// the last translations as text and JSON, and the report. Adds them to info.debug_files.
void write_fail_files(int argc, char **argv, const Options &o, const Scenario *sc,
                      const PassSpec &first, const PassOut &r1, MismatchInfo &info)
{
    std::string dir = o.fail_dir.empty() ? dir_name(argv[0]) + "/fail" : o.fail_dir;
    std::string err;
    if (!make_dirs(dir, err)) {
        std::printf("mmucosim: warning: no debug files: %s\n", err.c_str());
        return;
    }
    std::string name = base_name(argv[0]);
    if (sc) {
        std::string stem = base_name(o.scenario);
        if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".scn") == 0)
            stem.resize(stem.size() - 4);
        name += "-" + stem;
    } else {
        name += "-seed" + std::to_string(o.seed) + "-" + gen::mode_name(o.mode);
    }
    if (o.inject_illegal)
        name += "-inject" + std::to_string(o.inject_illegal);
    std::string base = dir + "/" + name;
    uint64_t m = info.harness_cycle;

    // 1. the wave
    std::string fst;
    uint64_t from, to, time_first = r1.time_first, time_last = r1.time_last;
    if (!first.fst.empty() && first.from <= m && m <= first.to) {
        fst = first.fst;  // the run recorded the failing cycle already
        from = first.from;
        to = std::min<uint64_t>(first.to, m + kPostCycles);
    } else {
        fst = (!o.wave.empty() && o.wave_window_given) ? o.wave : base + ".fst";
        from = m > o.wave_window ? m - o.wave_window : 0;
        to = m + kPostCycles;
        PassSpec p;
        p.fst = fst;
        p.from = from;
        p.to = to;
        p.post = kPostCycles;
        p.primary = false;
        auto t0 = std::chrono::steady_clock::now();
        PassOut r2 = run_pass_quiet(argc, argv, o, sc, p);
        time_first = r2.time_first;
        time_last = r2.time_last;
        if (!r2.failed || r2.info.harness_cycle != m)
            std::printf("mmucosim: warning: the re-run for the wave did not fail in harness cycle "
                        "%" PRIu64 " (%s); the wave may not show the failure\n",
                        m, r2.failed ? ("it failed in " + std::to_string(r2.info.harness_cycle)).c_str()
                                     : "it passed");
        info.debug_files.push_back(
            {"wave", fst,
             strprintf("harness cycles %" PRIu64 "..%" PRIu64 ", re-run from the %s with tracing "
                      "(%.2f s)",
                      from, to, sc ? "scenario" : "seed", seconds_since(t0))});
    }
    if (info.debug_files.empty())
        info.debug_files.push_back(
            {"wave", fst, strprintf("harness cycles %" PRIu64 "..%" PRIu64, from, to)});

    // 2. the GTKWave save file: marker on the failing cycle, marker A on the acceptance of the
    // translation in flight; the view starts before that acceptance (20 cycles at most).
    GtkwView v = gtkw_view(o, fst);
    v.marker = int64_t(wave_time_of_cycle(m));
    // from the translation in flight's acceptance (or 8 cycles) before to 3 cycles after
    uint64_t start = m > 8 ? m - 8 : 0;
    if (info.have_inflight && info.model_cycle >= info.inflight.accept_cycle) {
        uint64_t accept = m - std::min<uint64_t>(m, info.model_cycle - info.inflight.accept_cycle);
        v.marker_a = int64_t(wave_time_of_cycle(accept));
        uint64_t before = accept > 1 ? accept - 1 : 0;
        start = std::min(start, std::max(before, m > 60 ? m - 60 : 0));
    }
    start = std::max(start, from);
    v.timestart = 2 * start;
    v.time_first = time_first;
    v.time_last = time_last;
    v.span = 2 * (m + 4 - start);
    v.comments = {strprintf("lockstep failure in harness cycle %" PRIu64 " (cycle %" PRIu64
                           " since reset): primary marker; marker A: the acceptance of the "
                           "translation in flight",
                           m, info.model_cycle),
                  "reproduce: " + info.repro};
    if (write_gtkw(v, err))
        info.debug_files.push_back(
            {"gtkwave", v.savefile,
             strprintf("marker at time %" PRIu64 "; open: gtkwave %s", wave_time_of_cycle(m),
                      v.savefile.c_str())});
    else
        std::printf("mmucosim: warning: %s\n", err.c_str());

    // 3. the translations before the failure and the one in flight
    TxnLog log;
    std::string text = base + ".txn.log", json = base + ".txn.jsonl";
    if (log.open(text, json,
                 "the last " + std::to_string(r1.recent.size()) +
                     " translations before the failure, then the one in flight",
                 err)) {
        for (const mmu_txn_t &t : r1.recent)
            log.write(t);
        if (info.have_inflight)
            log.write(info.inflight, true);
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
        std::fputs(format_report(info).c_str(), f);
        std::fclose(f);
    }
}

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
        v.timestart = 2 * o.wave_from;
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
    cli::set_program("mmucosim");
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
    return run_lockstep(argc, argv, o, o.scenario.empty() ? nullptr : &sc);
}

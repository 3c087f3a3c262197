// build/mmucosim's command line (see cosim_options.h).
#include "cosim_options.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "mmu_model.h"
#include "rtl_sim.h"

using cli::bad_args;
using cli::parse_u64;

namespace {

void usage(const char *argv0)
{
    std::printf(
        "usage: %s [options] [+verilator+...]\n"
        "The RTL and the C model side by side: every output compared every cycle (lockstep),\n"
        "or, with --compare txn, every request compared whatever its timing.\n"
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
        "  --compare cycle|txn cycle (default): every output port every cycle; txn: per\n"
        "                      request (answer, page-table accesses, CSR reads, counters at\n"
        "                      the end), any latency; prints latency statistics\n"
        "  --waves F.fst       record an FST wave of RTL and model (--wave F.fst is an alias)\n"
        "  --wave-from N       first harness cycle to record (default 0)\n"
        "  --wave-to N         last harness cycle to record (default: end)\n"
        "  --wave-window N     record only the N cycles before the first mismatch (or the\n"
        "                      --focus translation) and a few after: the run is repeated from\n"
        "                      its seed with tracing on from there (default N for failures: 200)\n"
        "  --focus-txn ID      the translation with this id is the view's marker (with --waves)\n"
        "  --focus-walk N      ... or the first one that walked N PTE reads without a fault\n"
        "  --gtkw-open DIGITS  groups open in the written .gtkw (default 012345: transaction,\n"
        "                      request, segmentation, TLB, walker, response; 6-8: registers,\n"
        "                      CSR, counters)\n"
        "  --gtkw-size WxH     GTKWave window size in the written .gtkw (default 1600x900)\n"
        "  --txn-log F         write every translation (walk, PTE flags, A/D, fault) as text\n"
        "  --txn-log-json F    the same as JSON lines\n"
        "  --cov-out F         write the functional coverage bins of the run to F (make coverage)\n"
        "  --fail-dir D        where a failure's debug files go (default: <binary dir>/fail)\n"
        "  --no-fail-waves     on a failure, do not write the wave window, .gtkw and txn logs\n"
        "  --bench             measure RTL alone, model alone and lockstep on the same stimulus\n"
        "  --reps N            repetitions of each --bench figure (default 3)\n"
        "  --quiet             one result line plus the machine-readable STAT/COV lines\n"
        "  --verbose           print each episode's configuration\n"
        "  --log N             print the first N completed translations (with their walks)\n"
        "  --inject-illegal N  harness self-test: drive req_priv=2 with req_valid in cycle N;\n"
        "                      both sides' assertions must stop the run with a report\n"
        "exit status: 0 pass, 1 mismatch/assertion/failed expectation, 2 bad arguments,\n"
        "  3 (--compare txn --scenario) a timing scenario: every answer matched the model, but\n"
        "  its expectations assume CSR accesses inside walks, which txn holds until after them\n",
        argv0, gen::mode_names().c_str());
}

}  // namespace

Options parse_cosim_options(int argc, char **argv)
{
    Options o;
    cli::parse_options(argc, argv, usage, [&o](const std::string &a, const cli::NextValue &value) {
        if (o.take(a, value)) {
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
        } else if (a == "--compare") {
            std::string v = value();
            if (v == "cycle")
                o.compare = Compare::Cycle;
            else if (v == "txn")
                o.compare = Compare::Txn;
            else
                bad_args("--compare takes cycle or txn, got '" + v + "'");
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
            if (o.gtkw_open.find_first_not_of("012345678") != std::string::npos)
                bad_args("--gtkw-open takes group digits 0..8, e.g. 01345");
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
        } else if (a == "--cov-out") {
            o.cov_out = value();
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
        } else if (a == "--log") {
            o.log_txns = parse_u64(a, value());
        } else if (a == "--verbose") {
            o.verbose = true;
        } else if (a == "--bench") {
            o.bench = true;
        } else if (a == "--reps") {
            uint64_t v = parse_u64(a, value());
            if (v < 1 || v > 100)
                bad_args("--reps must be 1..100");
            o.bench_reps = unsigned(v);
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
    if (o.compare == Compare::Txn && (o.bench || o.wave_window_given || o.focus_given))
        bad_args("--compare txn takes no --bench, --wave-window or --focus-*: record a window "
                 "with --waves F --wave-from N --wave-to M");
    return o;
}

std::string repro_command(const Options &o, const char *argv0)
{
    const RtlBuildInfo &b = rtl_build_info();
    std::string s = argv0;
    if (o.compare == Compare::Txn)
        s += " --compare txn";
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

// 16 is preferred when any size will do.
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
        bad_args("this is the build with " + std::string(b.defect) + " (" + have +
                 "); it has no sibling binaries and cannot run " + want);
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

gen::GenOptions gen_options(const Options &o)
{
    const RtlBuildInfo &b = rtl_build_info();
    return o.gen_options(b.tlb_entries, b.asid_bits);
}


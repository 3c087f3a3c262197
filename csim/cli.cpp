#include "cli.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "mmu_model.h"

namespace cli {
namespace {
const char *g_program = "mmucosim";
}

void set_program(const char *name) { g_program = name; }

void print_version()
{
    std::printf("%s (MMU verification kit) %s\n", g_program, mmu_version());
}

void bad_args(const std::string &msg)
{
    std::fprintf(stderr, "%s: %s\n(try --help)\n", g_program, msg.c_str());
    std::exit(2);
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

void check_plusarg(const std::string &arg)
{
    const std::string vl = "+verilator+";
    if (arg.compare(0, vl.size(), vl) != 0)
        bad_args("unknown plusarg '" + arg + "': this harness takes only Verilator's "
                 "+verilator+... runtime options");
    const std::string rest = arg.substr(vl.size());
    if (rest == "debug" || rest == "noassert")
        return;
    if (rest == "help" || rest == "V" || rest == "version")
        bad_args("'" + arg + "' makes the Verilated model stop the program (abort); use "
                 "`verilator --version` and --help instead");
    // The numeric ones, with Verilator 5.006's ranges (verilated.cpp, commandArgVl): decimal
    // digits only, else Verilator aborts.
    struct Num {
        const char *name;
        uint64_t min, max;
    };
    static const Num nums[] = {
        {"debugi+", 0, 2147483647u},          {"error+limit+", 0, 2147483647u},
        {"prof+exec+start+", 0, UINT64_MAX},   {"prof+threads+start+", 0, UINT64_MAX},
        {"prof+exec+window+", 1, UINT64_MAX},  {"prof+threads+window+", 1, UINT64_MAX},
        {"rand+reset+", 0, 2},                 {"seed+", 1, 2147483647u},
    };
    for (const Num &n : nums) {
        const std::string p = n.name;
        if (rest.compare(0, p.size(), p) != 0)
            continue;
        const std::string v = rest.substr(p.size());
        bool digits = !v.empty() && v.size() <= 20 &&
                      v.find_first_not_of("0123456789") == std::string::npos;
        unsigned long long x = 0;
        if (digits) {
            errno = 0;
            x = std::strtoull(v.c_str(), nullptr, 10);
            digits = errno == 0;
        }
        if (!digits || x < n.min || x > n.max)
            bad_args("'" + arg + "': " + vl + p + " needs a decimal integer " +
                     std::to_string(n.min) + ".." + std::to_string(n.max));
        return;
    }
    for (const char *p : {"prof+exec+file+", "prof+threads+file+", "prof+vlt+file+"})
        if (rest.compare(0, std::strlen(p), p) == 0) {
            if (rest.size() == std::strlen(p))
                bad_args("'" + arg + "' needs a file name");
            return;
        }
    bad_args("unknown Verilator plusarg '" + arg + "' (+verilator+seed+N, +verilator+rand+reset+N, "
             "+verilator+noassert, +verilator+debug, +verilator+error+limit+N, ...)");
}

void parse_options(int argc, char **argv, void (*usage)(const char *argv0),
                   const std::function<bool(const std::string &, const NextValue &)> &handle)
{
    for (int i = 1; i < argc; i++) {
        const std::string opt = argv[i];
        if (opt.rfind("+", 0) == 0) {
            // Checked here, before VerilatedContext::commandArgs sees it: Verilator aborts
            // (SIGABRT) on a plusarg it does not know, where every other bad argument exits 2.
            check_plusarg(opt);
            continue;
        }
        if (opt == "--help" || opt == "-h") {
            usage(argv[0]);
            std::exit(0);
        }
        if (opt == "--version") {
            print_version();
            std::exit(0);
        }
        const NextValue next = [&]() -> const char * {
            if (i + 1 >= argc)
                bad_args(opt + " needs a value");
            return argv[++i];
        };
        if (!handle(opt, next))
            bad_args("unknown option '" + opt + "'");
    }
}

bool StimulusArgs::take(const std::string &opt, const NextValue &next)
{
    if (opt == "--seed") {
        seed = parse_u64(opt, next());
    } else if (opt == "--cycles") {
        cycles = parse_u64(opt, next());
    } else if (opt == "--inject-illegal") {
        inject_illegal = parse_u64(opt, next());
    } else if (opt == "--quiet") {
        quiet = true;
    } else if (opt == "--mode") {
        const char *v = next();
        if (!gen::mode_from_name(v, mode))
            bad_args(std::string("unknown --mode '") + v + "'; one of " + gen::mode_names());
    } else if (opt == "--latency") {
        lat_text = next();
        size_t colon = lat_text.find(':');
        std::string lo = lat_text.substr(0, colon);
        std::string hi = colon == std::string::npos ? lo : lat_text.substr(colon + 1);
        lat_min = unsigned(parse_u64(opt, lo.c_str()));
        lat_max = unsigned(parse_u64(opt, hi.c_str()));
        if (lat_min < 1 || lat_max < lat_min || lat_max > 1000)
            bad_args("--latency MIN[:MAX] needs 1 <= MIN <= MAX <= 1000");
        lat_given = true;
    } else if (opt == "--ready") {
        ready_text = next();
        ready = parse_prob(opt, ready_text.c_str());
        if (ready == 0.0)
            bad_args("--ready 0 would never accept a page-table access");
        ready_given = true;
    } else if (opt == "--err") {
        err_text = next();
        err = parse_prob(opt, err_text.c_str());
        err_given = true;
    } else {
        return false;
    }
    return true;
}

std::string StimulusArgs::mem_repro() const
{
    std::string s;
    if (lat_given)
        s += " --latency " + lat_text;
    if (ready_given)
        s += " --ready " + ready_text;
    if (err_given)
        s += " --err " + err_text;
    return s;
}

gen::GenOptions StimulusArgs::gen_options(unsigned tlb_entries, unsigned asid_bits) const
{
    gen::GenOptions g;
    g.seed = seed;
    g.mode = mode;
    g.tlb_entries = tlb_entries;
    g.asid_bits = asid_bits;
    g.mem_fixed = lat_given || ready_given || err_given;
    g.mem.min_latency = lat_min;
    g.mem.max_latency = lat_max;
    g.mem.ready_prob = ready;
    g.mem.err_prob = err;
    g.mem.seed = seed * 0x9e3779b97f4a7c15ull + 1;
    return g;
}

}  // namespace cli

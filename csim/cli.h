// Command-line pieces shared by the lockstep harnesses (build/mmucosim and build/mmucosim-sc):
// the same option means the same thing and fails with the same message (exit status 2).
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "gen/random_gen.h"

namespace cli {

// The program name that prefixes error messages ("mmucosim", "mmucosim-sc").
void set_program(const char *name);
// "PROGRAM (MMU verification kit) VERSION" on stdout, for --version.
void print_version();
// "<program>: msg" and "(try --help)" on stderr, exit 2.
[[noreturn]] void bad_args(const std::string &msg);
uint64_t parse_u64(const std::string &opt, const char *s);
double parse_prob(const std::string &opt, const char *s);

// A plusarg must be one of Verilator's runtime options with a valid value (exit 2 otherwise):
// VerilatedContext::commandArgs aborts the program on anything else.
void check_plusarg(const std::string &arg);

// Reads the value of the option being handled; an error (exit 2) if argv has none left.
using NextValue = std::function<const char *()>;
// Walks argv: checks +verilator+... plusargs (check_plusarg; VerilatedContext reads them), answers --help / -h
// with usage(argv[0]) and exit 0, and hands every other option to handle(option, next).
// handle returns false for an option it does not know (an error, exit 2).
void parse_options(int argc, char **argv, void (*usage)(const char *argv0),
                   const std::function<bool(const std::string &, const NextValue &)> &handle);

// The random stimulus: --seed, --mode, --cycles, the page-table memory (--latency MIN[:MAX],
// --ready P, --err P), the self-test --inject-illegal N, and --quiet (one result line). Giving
// any memory option fixes the memory for the whole run; otherwise the generator varies it per
// episode.
struct StimulusArgs {
    uint64_t seed = 1;
    uint64_t cycles = 100000;     // reset included
    uint64_t inject_illegal = 0;  // drive an illegal req_priv in this cycle (0: off)
    bool quiet = false;
    gen::Mode mode = gen::Mode::Mix;
    bool lat_given = false, ready_given = false, err_given = false;
    unsigned lat_min = 1, lat_max = 1;
    double ready = 1.0, err = 0.0;
    std::string lat_text, ready_text, err_text;  // as typed, for the reproduce command

    // If opt is one of the options above, reads its value with next() and returns true.
    bool take(const std::string &opt, const NextValue &next);
    // The memory options that were given, as typed: " --latency 1:4 --ready 0.5".
    std::string mem_repro() const;
    // Generator options for a build with this TLB size and ASID width.
    gen::GenOptions gen_options(unsigned tlb_entries, unsigned asid_bits) const;
};

}  // namespace cli

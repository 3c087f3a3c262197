// build/mmucosim's command line: the options, their parsing, the command that reproduces a run,
// and the choice of the sibling binary built for another TLB size or ASID width.
#pragma once
#include <cstdint>
#include <string>

#include "cli.h"
#include "gen/random_gen.h"

// --seed, --mode, --cycles, the memory options, --quiet, --inject-illegal: csim/cli.h (shared
// with mmucosim-sc).
// --compare: cycle (every port every cycle, csim/lockstep.h) or txn (per request, any timing,
// csim/txn_checker.h).
enum class Compare { Cycle, Txn };

struct Options : cli::StimulusArgs {
    Compare compare = Compare::Cycle;
    int tlb = -1;        // -1: the build's
    int asid_bits = -1;  // -1: the build's
    std::string scenario;
    bool verbose = false, bench = false;
    unsigned bench_reps = 3;  // --reps: repetitions of each --bench figure
    uint64_t log_txns = 0;  // print the first N completed translations
    std::string wave;  // --waves (alias --wave)
    uint64_t wave_from = 0, wave_to = UINT64_MAX;
    bool wave_from_given = false, wave_to_given = false;
    uint64_t wave_window = 200;  // cycles recorded before the mismatch / focus translation
    bool wave_window_given = false;
    std::string txn_log, txn_log_json;  // every translation of the run
    std::string cov_out;                // --cov-out: functional coverage bins (tb/cov/mmu_cov.h)
    std::string fail_dir;               // "": <directory of the binary>/fail
    bool fail_waves = true;             // on a failure: wave window, save file, txn logs
    bool focus_given = false;           // --focus-txn / --focus-walk
    uint64_t focus_id = 0;
    unsigned focus_walk = 0;            // 0: --focus-txn; else PTE reads of the walk
    std::string gtkw_open = "012345";   // groups shown open in the .gtkw files written
    unsigned gtkw_width = 1600, gtkw_height = 900;
};

// Cycles run on after a mismatch in a recorded wave, and translations kept for a failure's log.
constexpr unsigned kPostCycles = 8;
constexpr size_t kFailTxns = 1000;

// Parses argv (exits 2 with a message on a bad option; --help and --version exit 0).
Options parse_cosim_options(int argc, char **argv);
// The command line that reproduces this run (the options that define it).
std::string repro_command(const Options &o, const char *argv0);
// Re-runs the same command with the sibling binary built for (tlb, asid), if this one is not;
// tlb or asid < 0: any value will do (a scenario that does not name it).
void pick_binary(int argc, char **argv, int tlb, int asid);
// The generator's options for this build.
gen::GenOptions gen_options(const Options &o);

// One lockstep run of build/mmucosim (a "pass"): random stimulus or a scenario on a LockstepDut,
// its statistics, the translations kept for a failure's log, the --focus translation. A failure
// (or a --focus translation with --wave-window) repeats the run from the same seed or scenario
// with the wave on around the cycle of interest: stimulus and memory are deterministic.
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <string>

#include "cosim_options.h"
#include "cosim_stats.h"
#include "dut.h"
#include "mem_model.h"
#include "report.h"
#include "scenario.h"
#include "txn_log.h"

double seconds_since(std::chrono::steady_clock::time_point t0);
// Random stimulus for o.cycles cycles on any Dut; returns the cycles run. mem: the page-table
// memory, which the caller keeps (e.g. to go on serving walks after the stimulus ends).
uint64_t run_random(Dut &dut, const Options &o, Stats *stats, bool verbose, MemModel &mem);
uint64_t run_random(Dut &dut, const Options &o, Stats *stats, bool verbose);

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

// The run p asks for (sc: a scenario, or nullptr for random stimulus).
PassOut run_pass(int argc, char **argv, const Options &o, const Scenario *sc, const PassSpec &p);
// The same with stdout silenced (a repeated run for a wave: the RTL's assertion messages after a
// divergence would only confuse the report).
PassOut run_pass_quiet(int argc, char **argv, const Options &o, const Scenario *sc,
                       const PassSpec &p);

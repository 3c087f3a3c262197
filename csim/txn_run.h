// `--compare txn` in build/mmucosim*: one run of random stimulus or a scenario on a TxnDut
// (csim/txn_dut.h), its result lines and latency table, and on a failure the transaction report
// with the same debug files as a lockstep failure (a wave of the cycles before it, re-run from
// the seed; a GTKWave save file; the translations before it; the report).
#pragma once
#include "cosim_options.h"
#include "scenario.h"
#include "txn_dut.h"  // txn_scenario

// The whole --compare txn invocation; returns the exit status: 0 pass, 1 fail, 3 a scenario
// that times CSR accesses inside walks (every answer matched, its expectations do not apply).
int run_txn(int argc, char **argv, const Options &o, const Scenario *sc);

// `mmucosim --bench` (make bench): simulated cycles per second of the RTL alone, the model alone
// and the two in lockstep, on the same stimulus.
#pragma once
#include "cosim_options.h"

int run_bench(int argc, char **argv, const Options &o);

// How every `make bench` figure is measured and printed: a figure is a rate (cycles/s or
// translations/s) measured REPS times; each repetition reports CPU time (this process, user +
// system) and wall time. One JSON object per figure on a line starting "BENCH " (scripts/bench.sh
// collects them into build/bench.json) with min, median and max of both rates.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace bench {

struct Sample {
    double work = 0;       // cycles or translations done
    double cpu_s = 0;      // CPU seconds of this process
    double wall_s = 0;     // wall seconds
};

// Runs body() reps times (body returns the work it did), timing each run; prints the BENCH line
// for figure `name` (unit: "cycles/s" or "translations/s", note: how it was measured) and a
// readable line. Returns the median CPU rate.
double measure(const std::string &name, const std::string &unit, const std::string &note, unsigned reps,
               const std::function<double()> &body);

// Seconds of CPU time used by this process so far, and monotonic wall seconds.
double cpu_seconds();
double wall_seconds();

}  // namespace bench

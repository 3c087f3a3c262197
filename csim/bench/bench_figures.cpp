// `make bench` figures (see bench_figures.h).
#include "bench_figures.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace bench {

double cpu_seconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

double wall_seconds()
{
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

namespace {

struct Spread {
    double min, median, max;
};

Spread spread(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    double median = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    return {v.front(), median, v.back()};
}

}  // namespace

double measure(const std::string &name, const std::string &unit, const std::string &note, unsigned reps,
               const std::function<double()> &body)
{
    std::vector<double> cpu_rate, wall_rate;
    double work = 0;
    for (unsigned i = 0; i < std::max(reps, 1u); i++) {
        double c0 = cpu_seconds(), w0 = wall_seconds();
        work = body();
        double cpu = cpu_seconds() - c0, wall = wall_seconds() - w0;
        cpu_rate.push_back(cpu > 0 ? work / cpu : 0);
        wall_rate.push_back(wall > 0 ? work / wall : 0);
    }
    Spread c = spread(cpu_rate), w = spread(wall_rate);
    std::printf("  %-22s %12.0f %s per CPU-s (min %.0f, max %.0f); per wall-s median %.0f  [%s]\n",
                name.c_str(), c.median, unit.c_str(), c.min, c.max, w.median, note.c_str());
    std::printf("BENCH {\"name\": \"%s\", \"unit\": \"%s\", \"reps\": %zu, \"work\": %.0f, "
                "\"cpu\": {\"min\": %.0f, \"median\": %.0f, \"max\": %.0f}, "
                "\"wall\": {\"min\": %.0f, \"median\": %.0f, \"max\": %.0f}, \"note\": \"%s\"}\n",
                name.c_str(), unit.c_str(), cpu_rate.size(), work, c.min, c.median, c.max, w.min,
                w.median, w.max, note.c_str());
    std::fflush(stdout);
    return c.median;
}

}  // namespace bench

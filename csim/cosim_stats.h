// Statistics of a lockstep run: per translation class (the mode it ran in) and fault reason; the
// result lines regress.sh reads (STAT, COV), and a cross-check against the model's counters.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "cosim_options.h"
#include "mmu_model.h"

// "sv39", "hybrid", "segpg", ...: the class of a translation for the per-mode tables.
const char *txn_class(const mmu_txn_t &t);

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
                 const uint64_t *counters, const std::string &what);
// Our per-translation tally against the model's own counters (a harness self-test).
bool counters_agree(mmu_model_t *m, const Stats &s);

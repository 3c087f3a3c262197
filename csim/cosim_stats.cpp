// Statistics of a lockstep run (see cosim_stats.h).
#include "cosim_stats.h"

#include <cinttypes>
#include <cstdio>

#include "rtl_sim.h"

const char *txn_class(const mmu_txn_t &t)
{
    if (t.priv == MMU_PRIV_M)
        return "m";
    if (t.hybrid)
        return "hybrid";
    bool paged = t.satp_mode != MMU_SATP_BARE;
    if (t.seg_mode == MMU_SEG_BASE_BOUNDS)
        return paged ? "bbpg" : "bb";
    if (t.seg_mode == MMU_SEG_SEGMENTS)
        return paged ? "segpg" : "seg";
    switch (t.satp_mode) {
    case MMU_SATP_BARE:
        return "bare";
    case MMU_SATP_SV32:
        return "sv32";
    case MMU_SATP_SV39:
        return "sv39";
    case MMU_SATP_SV48:
        return "sv48";
    case MMU_SATP_RADIX:
        return "radix";
    case MMU_SATP_SOFT:
        return "soft";
    default:
        return "?";
    }
}

// counters: the model's MMU_CNT_COUNT counters at the end of the run, or nullptr.
void print_stats(const Options &o, const Stats &s, uint64_t cycles, double secs,
                 const uint64_t *counters, const std::string &what)
{
    double cps = secs > 0 ? double(cycles) / secs : 0;
    const RtlBuildInfo &b = rtl_build_info();
    if (!o.quiet) {
        std::printf("mmucosim: PASS %s (TlbEntries=%u AsidWidth=%u)\n", what.c_str(),
                    b.tlb_entries, b.asid_bits);
        std::printf("  translations %" PRIu64 "  hits %" PRIu64 "  misses %" PRIu64
                    "  walks %" PRIu64 " (refills %" PRIu64 ")  faults %" PRIu64 "\n",
                    s.translations, s.hits, s.misses, s.walks, s.refills, s.faults);
        std::printf("  A/D writes %" PRIu64 "  fills suppressed by a flush during the walk %" PRIu64
                    "\n",
                    s.ad_writes, s.suppressed);
        std::printf("  faults by reason:");
        for (unsigned c = 1; c < MMU_CAUSE_COUNT; c++)
            if (s.by_cause[c])
                std::printf(" %s=%" PRIu64, mmu_cause_name(c), s.by_cause[c]);
        std::printf("\n  by mode:");
        for (auto &kv : s.per_class)
            std::printf(" %s=%" PRIu64, kv.first.c_str(), kv.second);
        std::printf("\n");
        if (counters) {
            std::printf("  model counters:");
            for (unsigned i = 0; i < MMU_CNT_COUNT; i++)
                std::printf(" %s=%" PRIu64, mmu_counter_name(i), counters[i]);
            std::printf("\n");
        }
        std::printf("  cycles %" PRIu64 "  flush cycles %" PRIu64 "  fills %" PRIu64
                    "  wall %.2f s  simulated %.0f cycles/s\n",
                    cycles, s.flush_cycles, s.fills, secs, cps);
    } else {
        std::printf("mmucosim: PASS %s: %" PRIu64 " translations, %" PRIu64 " cycles, %.0f cycles/s\n",
                    what.c_str(), s.translations, cycles, cps);
    }
    std::printf("STAT translations=%" PRIu64 " hits=%" PRIu64 " misses=%" PRIu64 " walks=%" PRIu64
                " faults=%" PRIu64 " cycles=%" PRIu64 " secs=%.4f refills=%" PRIu64
                " suppressed=%" PRIu64 " adwrites=%" PRIu64 " evictions=%" PRIu64
                " flushes=%" PRIu64 "\n",
                s.translations, s.hits, s.misses, s.walks, s.faults, cycles, secs, s.refills,
                s.suppressed, s.ad_writes, counters ? counters[MMU_CNT_EVICTIONS] : 0,
                s.flush_cycles);
    for (auto &cls : s.cov)
        for (auto &kv : cls.second)
            if (kv.first)
                std::printf("COV %s %s %" PRIu64 "\n", cls.first.c_str(), mmu_cause_name(kv.first),
                            kv.second);
}

bool counters_agree(mmu_model_t *m, const Stats &s)
{
    uint64_t hits = mmu_csr_read(m, MMU_CSR_HITS), misses = mmu_csr_read(m, MMU_CSR_MISSES),
             faults = mmu_csr_read(m, MMU_CSR_FAULTS);
    // the translation in flight at the end is counted by the model (MISSES) but not by us
    const mmu_txn_t *t = mmu_inflight(m);
    uint64_t slack = t ? 1 : 0;
    bool ok = hits == s.hits && faults == s.faults && misses >= s.misses &&
              misses <= s.misses + slack;
    if (!ok)
        std::printf("mmucosim: warning: harness tally (hits %" PRIu64 ", misses %" PRIu64
                    ", faults %" PRIu64 ") differs from the model's counters (%" PRIu64 ", %" PRIu64
                    ", %" PRIu64 ")\n",
                    s.hits, s.misses, s.faults, hits, misses, faults);
    return ok;
}


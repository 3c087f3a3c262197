// The model's lookup memo (model/mmu_tlb.h, a fast path the RTL does not have) against the full
// scan it stands in for: random fills (duplicates, superpages, global pages, refills), flushes of
// every kind, register writes that change the ASID mask, in every paged geometry. Every lookup
// must give the scan's answer, the lowest-numbered matching entry (docs/spec.md 6).
#include <gtest/gtest.h>

#include <random>

extern "C" {
#include "mmu_tlb.h"
}

namespace {

struct Counts {
    unsigned lookups = 0, hits = 0, multi = 0, fills = 0, flushes = 0;
};

unsigned matching_entries(const mmu_tlb_t &t, const mmu_geom_t &g, uint64_t va, uint16_t asid,
                          uint16_t mask)
{
    unsigned n = 0;
    for (unsigned i = 0; i < t.entries; i++) {
        const mmu_tlb_entry_t &e = t.e[i];
        bool asid_ok = e.global || ((e.asid ^ asid) & mask) == 0;
        if (e.valid && asid_ok && (((va >> g.page_shift) ^ e.vpn) >> (e.level * g.idx_bits)) == 0)
            n++;
    }
    return n;
}

Counts run(const mmu_geom_t &g, unsigned entries, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    mmu_tlb_t t;
    tlb_reset(&t, entries);
    uint16_t mask = 0xffff;
    Counts c;
    // a few pages (and their superpages) so that entries collide
    auto random_va = [&] { return (uint64_t(rng() % 24) << g.page_shift) | (rng() & 0xfff & ((1u << g.page_shift) - 1)); };
    for (unsigned step = 0; step < 60000; step++) {
        unsigned op = unsigned(rng() % 100);
        if (op < 12) {
            mmu_tlb_entry_t e{};
            e.valid = true;
            e.asid = uint16_t(rng() % 4);
            e.global = rng() % 5 == 0;
            e.level = uint8_t(g.teaching ? 0 : rng() % g.levels);
            e.vpn = random_va() >> g.page_shift;
            e.ppn = rng() & 0xfffff;
            e.r = e.a = true;
            bool refill = rng() % 4 == 0;
            mmu_fill_slot_t slot = tlb_fill_slot(&t, unsigned(rng() % 4), refill, unsigned(rng() % entries));
            tlb_fill(&t, &slot, refill, &e, &g, mask);
            c.fills++;
        } else if (op < 14) {
            mmu_flush_t f{};
            f.valid = f.cmd = true;
            f.kind = uint8_t(rng() % 4);
            f.asid = uint16_t(rng() % 4) & mask;
            f.va_ok = true;
            f.va = random_va();
            tlb_flush(&t, &f, &g, mask);
            c.flushes++;
        } else if (op < 15) {
            static const uint16_t masks[] = {0xffff, 0x3, 0x1, 0x0};
            mask = masks[rng() % 4];
            tlb_new_epoch(&t);  // what a register write does
        } else {
            uint64_t va = random_va();
            uint16_t asid = uint16_t(rng() % 4);
            int scan = tlb_scan(&t, &g, va, asid, mask);
            int fast = tlb_lookup(&t, &g, va, asid, mask);
            if (fast != scan) {
                ADD_FAILURE() << "step " << step << ": va 0x" << std::hex << va << " asid " << asid
                              << " mask 0x" << mask << std::dec << ": memo " << fast << ", scan " << scan;
                return c;
            }
            c.lookups++;
            c.hits += scan >= 0;
            c.multi += matching_entries(t, g, va, asid, mask) > 1;
        }
    }
    return c;
}

void expect_exercised(const Counts &c)
{
    // the comparison means something only if lookups hit, missed and met duplicate entries
    EXPECT_GT(c.hits, c.lookups / 10);
    EXPECT_LT(c.hits, c.lookups);
    EXPECT_GT(c.multi, 100u);
    EXPECT_GT(c.flushes, 100u);
}

TEST(TlbMemo, AgreesWithTheScanInEverySvMode)
{
    for (unsigned mode : {unsigned(MMU_SATP_SV32), unsigned(MMU_SATP_SV39), unsigned(MMU_SATP_SV48)}) {
        mmu_geom_t g;
        ASSERT_TRUE(pkg_geom_sv(&g, mode));
        for (unsigned entries : {4u, 16u, 64u}) {
            SCOPED_TRACE("mode " + std::to_string(mode) + ", " + std::to_string(entries) + " entries");
            expect_exercised(run(g, entries, 1000 * mode + entries));
        }
    }
}

TEST(TlbMemo, AgreesWithTheScanInATeachingGeometry)
{
    // paging-multilevel-translate.py's machine (docs/spec.md 4.4): 15-bit VAs, 32-byte pages, two
    // levels, 1-byte entries with the valid bit 7 and a 7-bit PFN
    uint64_t radix = MMU_PUT(RADIX_VA_BITS, 15) | MMU_PUT(RADIX_OFFSET, 5) | MMU_PUT(RADIX_LEVELS, 2) |
                     MMU_PUT(RADIX_PTE_LOG2, 0) | MMU_PUT(RADIX_PFN_WIDTH, 7) | MMU_PUT(RADIX_VALID_BIT, 7) |
                     MMU_PUT(RADIX_PFN_LSB, 0);
    ASSERT_TRUE(pkg_radix_legal(radix));
    mmu_geom_t g;
    pkg_geom_radix(&g, radix);
    ASSERT_EQ(g.levels, 2u);
    expect_exercised(run(g, 16, 99));
}

}  // namespace

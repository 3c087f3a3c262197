// The TLB (SPEC 4.3, 6, 9.2-9.5, 9.8): lookups, ASIDs and global pages, superpages, the
// lowest-index rule, refills, the exact victim sequences of every replacement policy, flushes,
// permissions on hits and hit == walk (BUGCLASSES 2). Every test runs on both faces.
#include <algorithm>
#include <random>

#include "unit_fixture.h"

using namespace ut;

namespace {

class TlbTest : public FaceTest {};

struct Env {
    Rig r;
    PageTables pt;
    Env(Face f, unsigned mode = SV39, unsigned entries = 16, unsigned asid_bits = 16,
        uint64_t asid = 0)
        : r(f, entries, asid_bits), pt(r.mem, mode)
    {
        r.wr(SATP, pt.satp(asid));
    }
    Ans tr(uint64_t va, unsigned acc = LOAD, unsigned priv = PRIV_S) { return r.tr(va, acc, priv); }
    void status(bool sum, bool mxr, bool hwad) { r.wr(STATUS, status_val(sum, mxr, hwad)); }
    bool flush(unsigned kind, uint64_t asid = 0, uint64_t va = 0)
    {
        r.wr(FLUSH_VA, va);
        return r.wr(FLUSH, flush_val(kind, asid));
    }
    std::vector<bool> valid() const
    {
        std::vector<bool> v;
        for (unsigned i = 0; i < mmu_tlb_entries(r.m); i++)
            v.push_back(r.entry(i).valid);
        return v;
    }
};

// Page k of the policy tests: 4 KiB, all permissions.
uint64_t page_va(unsigned k) { return 0x10000000ull + uint64_t(k) * 0x1000; }
uint64_t page_pa(unsigned k) { return 0x80000000ull + uint64_t(k) * 0x1000; }

void map_pages(Env &e, unsigned n)
{
    for (unsigned k = 0; k < n; k++)
        e.pt.map(page_va(k), page_pa(k), LEAF_ALL);
}

// Accesses page k; expects a fill at `fill` (or a hit at `hit`).
::testing::AssertionResult FillsAt(Env &e, unsigned k, unsigned fill)
{
    Ans a = e.tr(page_va(k) + 8);
    if (!IsOk(a, page_pa(k) + 8, 0))
        return ::testing::AssertionFailure() << "page " << k << ": " << describe(a);
    if (a.hit || !a.fill || a.fill_index != fill)
        return ::testing::AssertionFailure() << "page " << k << ": expected a fill at " << fill
                                             << "; got " << describe(a);
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult HitsAt(Env &e, unsigned k, unsigned idx, unsigned priv = PRIV_S)
{
    Ans a = e.tr(page_va(k) + 8, LOAD, priv);
    if (!a.hit || a.hit_index != idx || a.fill)
        return ::testing::AssertionFailure() << "page " << k << ": expected a hit at " << idx
                                             << "; got " << describe(a);
    return ::testing::AssertionSuccess();
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Faces, TlbTest, ::testing::Values(Face::Untimed, Face::Cycle), face_name);

// SPEC 6 "Hit: valid and (global or ASID equal on the current mode's ASID bits)".
TEST_P(TlbTest, AsidMatch)
{
    Env e(GetParam(), SV39, 16, 16, 1);
    e.pt.map(0x5000, 0x85000000, LEAF_ALL);
    Ans a = e.tr(0x5010);
    EXPECT_TRUE(a.fill);
    EXPECT_EQ(a.fill_index, 0u);
    e.r.wr(SATP, e.pt.satp(2));
    a = e.tr(0x5010);
    EXPECT_FALSE(a.hit);
    EXPECT_EQ(a.fill_index, 1u);
    EXPECT_EQ(e.r.entry(1).asid, 2u);
    e.r.wr(SATP, e.pt.satp(1));
    a = e.tr(0x5020);
    EXPECT_TRUE(a.hit);
    EXPECT_EQ(a.hit_index, 0u);
    e.r.wr(SATP, e.pt.satp(2));
    a = e.tr(0x5020);
    EXPECT_TRUE(a.hit);
    EXPECT_EQ(a.hit_index, 1u);
    e.r.wr(SATP, e.pt.satp(0x102));  // differs only above bit 8
    EXPECT_FALSE(e.tr(0x5020).hit);
}

// The build's ASID width: with 9 bits, ASIDs 0x001 and 0x201 are the same; with 0 all are.
TEST_P(TlbTest, AsidWidthOfTheBuild)
{
    {
        Env e(GetParam(), SV39, 16, 9, 0x001);
        e.pt.map(0x5000, 0x85000000, LEAF_ALL);
        EXPECT_FALSE(e.tr(0x5000).hit);
        e.r.wr(SATP, e.pt.satp(0x201));
        EXPECT_EQ(e.r.rd(SATP) >> 44 & 0xffff, 1u);
        EXPECT_TRUE(e.tr(0x5000).hit);
        e.r.wr(SATP, e.pt.satp(0x002));
        EXPECT_FALSE(e.tr(0x5000).hit);
    }
    {
        Env e(GetParam(), SV39, 16, 0, 0x001);
        e.pt.map(0x5000, 0x85000000, LEAF_ALL);
        EXPECT_FALSE(e.tr(0x5000).hit);
        e.r.wr(SATP, e.pt.satp(0x1234));
        EXPECT_TRUE(e.tr(0x5000).hit);
        EXPECT_EQ(e.r.entry(0).asid, 0u);
    }
}

// SPEC 6: the VPN bits above the entry's level are compared; superpage entries cover their range.
TEST_P(TlbTest, SuperpageHits)
{
    Env e(GetParam(), SV39);
    e.pt.map(0x40200000, 0x80200000, LEAF_ALL, 1);    // 2 MiB
    e.pt.map(0x80000000, 0xc0000000, LEAF_ALL, 2);    // 1 GiB
    e.pt.map(0x40400000, 0x90000000, LEAF_ALL, 0);    // 4 KiB just above the 2 MiB page
    EXPECT_TRUE(IsOk(e.tr(0x40212345), 0x80212345, 1));
    for (uint64_t off : {0x0ull, 0x1000ull, 0xfffffull, 0x1fffffull, 0x123456ull}) {
        Ans a = e.tr(0x40200000 + off, STORE);
        EXPECT_TRUE(IsOk(a, 0x80200000 + off, 1));
        EXPECT_TRUE(a.hit) << std::hex << off;
    }
    EXPECT_FALSE(e.tr(0x40400000).hit);
    EXPECT_FALSE(e.tr(0x401ff000).hit);  // below: not mapped
    EXPECT_TRUE(IsOk(e.tr(0xbfffffff, FETCH), 0xffffffff, 2));
    for (uint64_t off : {0x0ull, 0x12345678ull, 0x3fffffffull}) {
        Ans a = e.tr(0x80000000 + off);
        EXPECT_TRUE(IsOk(a, 0xc0000000 + off, 2));
        EXPECT_TRUE(a.hit);
    }
    EXPECT_EQ(e.r.rd(HITS), 8u);
}

// SPEC 6: "Several entries can hit only after software broke the flush rules ...: the
// lowest-numbered entry wins." Two scenarios, one where the older entry is lower, one where the
// newer one is.
TEST_P(TlbTest, LowestIndexWins)
{
    // (a) ASID 1 has X non-global (entry 0); ASID 2's tables map X global (entry 1).
    {
        Env e(GetParam(), SV39, 4, 16, 1);
        PageTables t2(e.r.mem, SV39, 0x400000);
        e.pt.map(0x7000, 0x81000000, LEAF_ALL);
        t2.map(0x7000, 0x82000000, LEAF_ALL | PTE_G);
        Ans a = e.tr(0x7008);
        EXPECT_TRUE(IsOk(a, 0x81000008, 0));
        EXPECT_EQ(a.fill_index, 0u);
        e.r.wr(SATP, t2.satp(2));
        a = e.tr(0x7008);
        EXPECT_TRUE(IsOk(a, 0x82000008, 0));
        EXPECT_EQ(a.fill_index, 1u);
        e.r.wr(SATP, e.pt.satp(1));
        a = e.tr(0x7008);
        EXPECT_TRUE(a.hit);
        EXPECT_EQ(a.hit_index, 0u);
        EXPECT_TRUE(IsOk(a, 0x81000008, 0));
    }
    // (b) The global entry lands below the ASID-1 entry (an LRU eviction of entry 0).
    {
        Env e(GetParam(), SV39, 4, 16, 1);
        PageTables t2(e.r.mem, SV39, 0x400000);
        map_pages(e, 3);
        e.pt.map(0x7000, 0x81000000, LEAF_ALL);
        t2.map(0x7000, 0x82000000, LEAF_ALL | PTE_G);
        EXPECT_TRUE(FillsAt(e, 0, 0));
        EXPECT_TRUE(FillsAt(e, 1, 1));
        EXPECT_TRUE(FillsAt(e, 2, 2));
        Ans a = e.tr(0x7008);
        EXPECT_EQ(a.fill_index, 3u);
        e.r.wr(SATP, t2.satp(2));
        a = e.tr(0x7008);
        EXPECT_EQ(a.fill_index, 0u);  // LRU victim: page 0
        EXPECT_TRUE(e.r.entry(0).global);
        e.r.wr(SATP, e.pt.satp(1));
        a = e.tr(0x7008);
        EXPECT_TRUE(a.hit);
        EXPECT_EQ(a.hit_index, 0u);
        EXPECT_TRUE(IsOk(a, 0x82000008, 0));
    }
    // (c) A 4 KiB entry and a 2 MiB entry covering it (tables changed without a flush).
    {
        Env e(GetParam(), SV39);
        e.pt.map(0x40201000, 0x81201000, LEAF_ALL);
        Ans a = e.tr(0x40201008);
        EXPECT_EQ(a.fill_index, 0u);
        e.pt.set(0x40200000, 1, make_pte(0x90000, LEAF_ALL));  // now a 2 MiB leaf at level 1
        a = e.tr(0x40300008);
        EXPECT_TRUE(IsOk(a, 0x90100008, 1));
        EXPECT_EQ(a.fill_index, 1u);
        a = e.tr(0x40201010);
        EXPECT_TRUE(a.hit);
        EXPECT_EQ(a.hit_index, 0u);
        EXPECT_TRUE(IsOk(a, 0x81201010, 0));
        a = e.tr(0x40202010);
        EXPECT_EQ(a.hit_index, 1u);
        EXPECT_TRUE(IsOk(a, 0x90002010, 1));
    }
}

// SPEC 6 "Fill: ... the lowest-numbered invalid entry".
TEST_P(TlbTest, FillsTakeLowestInvalidEntry)
{
    Env e(GetParam(), SV39, 8);
    map_pages(e, 8);
    for (unsigned k = 0; k < 6; k++)
        EXPECT_TRUE(FillsAt(e, k, k));
    e.flush(FL_VA, 0, page_va(3));
    e.flush(FL_VA, 0, page_va(1));
    EXPECT_TRUE(FillsAt(e, 6, 1));
    EXPECT_TRUE(FillsAt(e, 7, 3));
    EXPECT_TRUE(FillsAt(e, 1, 6));
    EXPECT_EQ(e.r.rd(EVICTIONS), 0u);
}

// SPEC 4.3 / 9.2 / 9.3 refills: a hit needing an A/D change walks again (resp_hit 0, trace_hit_index
// 0) and rewrites the entry that hit, even with another level; no eviction, FIFO unchanged.
TEST_P(TlbTest, RefillRewritesHitEntry)
{
    Env e(GetParam(), SV39, 4);
    e.status(false, false, true);
    map_pages(e, 1);
    const uint64_t va = 0x40201000;
    const uint64_t addr = e.pt.map(va, 0x81201000, PTE_V | PTE_R | PTE_W);  // A = D = 0
    EXPECT_TRUE(FillsAt(e, 0, 0));
    Ans a = e.tr(va);  // load: writes A
    EXPECT_EQ(a.fill_index, 1u);
    EXPECT_EQ(a.acc.size(), 4u);
    EXPECT_TRUE(e.r.entry(1).a);
    EXPECT_FALSE(e.r.entry(1).d);
    const uint64_t misses = e.r.rd(MISSES), hits = e.r.rd(HITS);
    a = e.tr(va + 4, STORE);  // hit, D clear: walks again, writes D, refills entry 1
    EXPECT_TRUE(IsOk(a, 0x81201004, 0));
    EXPECT_FALSE(a.hit);
    EXPECT_EQ(a.hit_index, 0u);
    ASSERT_TRUE(a.fill);
    EXPECT_EQ(a.fill_index, 1u);
    ASSERT_EQ(a.acc.size(), 4u);
    EXPECT_TRUE(a.acc[3].write);
    EXPECT_EQ(a.acc[3].value, make_pte(0x81201, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D));
    EXPECT_EQ(e.r.mem.read(addr, 3), make_pte(0x81201, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D));
    EXPECT_TRUE(e.r.entry(1).d);
    EXPECT_EQ(e.r.rd(MISSES), misses + 1);
    EXPECT_EQ(e.r.rd(HITS), hits);
    EXPECT_EQ(e.r.rd(EVICTIONS), 0u);
    a = e.tr(va + 8, STORE);
    EXPECT_TRUE(a.hit);
    EXPECT_EQ(a.hit_index, 1u);
    // Entry 1 again needs D after the tables turn it into a clean 2 MiB page: the refill walk finds
    // another level and still rewrites entry 1 (SPEC 9.3).
    e.r.wr(FLUSH, flush_val(FL_ALL));
    map_pages(e, 1);
    EXPECT_TRUE(FillsAt(e, 0, 0));
    e.pt.set(va, 0, make_pte(0x81201, PTE_V | PTE_R | PTE_W | PTE_A));
    a = e.tr(va);
    EXPECT_EQ(a.fill_index, 1u);
    e.pt.set(va, 1, make_pte(0x90000, PTE_V | PTE_R | PTE_W | PTE_A));  // 2 MiB at 0x90000000
    a = e.tr(va + 0x10, STORE);
    EXPECT_TRUE(IsOk(a, 0x90001010, 1));
    EXPECT_FALSE(a.hit);
    EXPECT_EQ(a.fill_index, 1u);
    EXPECT_EQ(a.acc.size(), 3u);  // two reads and the write of D
    EXPECT_EQ(e.r.entry(1).level, 1u);
    EXPECT_TRUE(e.r.entry(1).d);
    // FIFO pointer: fills so far that were not refills: page 0, va (twice), page 0 again = 4 -> p = 0.
    e.r.wr(TLBCTL, tlbctl_val(FIFO, 1));
    map_pages(e, 4);
    EXPECT_TRUE(FillsAt(e, 1, 2));
    EXPECT_TRUE(FillsAt(e, 2, 3));
    EXPECT_TRUE(FillsAt(e, 3, 2));  // p advanced to 2 by the two fills above
}

// SPEC 9.3 "A refill walk that installs nothing (fault, error, suppressed by a FLUSH) leaves the hit
// entry unchanged."
TEST_P(TlbTest, FailedRefillLeavesEntry)
{
    Env e(GetParam(), SV39);
    const uint64_t va = 0x3000;
    const uint64_t addr = e.pt.map(va, 0x83000000, PTE_V | PTE_R | PTE_W | PTE_A);
    // HWAD = 0: D clear on a hit walks again and faults D_CLEAR.
    Ans a = e.tr(va);
    ASSERT_TRUE(a.fill);
    const unsigned i = a.fill_index;
    a = e.tr(va, STORE);
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_D_CLEAR, 15, 0));
    EXPECT_FALSE(a.hit);
    EXPECT_FALSE(a.fill);
    EXPECT_EQ(a.acc.size(), 3u);
    EXPECT_TRUE(e.r.entry(i).valid);
    EXPECT_FALSE(e.r.entry(i).d);
    EXPECT_TRUE(e.tr(va).hit);
    // HWAD = 1, the write of D fails: WALK_ACCESS_ERROR (a store), entry unchanged.
    e.status(false, false, true);
    e.r.mem.set_write_error(addr, true);
    a = e.tr(va, STORE);
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_WALK_ACCESS_ERROR, 7, 0));
    EXPECT_FALSE(a.fill);
    EXPECT_TRUE(e.r.entry(i).valid);
    EXPECT_FALSE(e.r.entry(i).d);
    e.r.mem.set_write_error(addr, false);
    // The PTE became invalid: PTE_INVALID, entry unchanged (it still hits for loads).
    e.pt.set(va, 0, 0);
    a = e.tr(va, STORE);
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_PTE_INVALID, 15, 0));
    EXPECT_TRUE(e.r.entry(i).valid);
    a = e.tr(va);
    EXPECT_TRUE(IsOk(a, 0x83000000, 0));
    EXPECT_TRUE(a.hit);
    // With D set in memory the refill succeeds.
    e.pt.set(va, 0, make_pte(0x83000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D));
    a = e.tr(va, STORE);
    EXPECT_TRUE(IsOk(a, 0x83000000, 0));
    EXPECT_FALSE(a.hit);
    EXPECT_EQ(a.fill_index, i);
    EXPECT_TRUE(e.tr(va, STORE).hit);
}

// SPEC 6 "A touch is an answer with resp_hit = 1 (faulting or not) or a fill"; 9.3: a refill counts
// as a touch for LRU and PLRU, leaves FIFO and the LFSR alone. A refill walk that installs nothing
// answers without resp_hit and fills nothing: no touch.
TEST_P(TlbTest, RefillIsATouchFailedRefillIsNot)
{
    // policy, expected victim after a successful refill of entry 0, after a failed one
    struct Case {
        unsigned policy, after_refill, after_failed;
    } cases[] = {{LRU, 1, 0}, {PLRU, 2, 0}, {FIFO, 0, 0}, {RANDOM, 2, 2}};
    for (const Case &c : cases)
        for (bool ok : {true, false}) {
            SCOPED_TRACE(::testing::Message() << "policy " << c.policy << (ok ? " refill" : " failed refill"));
            Env e(GetParam(), SV39, 4);
            e.r.wr(TLBCTL, tlbctl_val(c.policy, 0x1234));  // RANDOM: 0x091a -> victim 2
            e.status(false, false, ok);                     // HWAD = 0: the refill faults D_CLEAR
            map_pages(e, 5);
            e.pt.map(page_va(0), page_pa(0), PTE_V | PTE_R | PTE_W | PTE_A);  // D clear
            for (unsigned k = 0; k < 4; k++)
                EXPECT_TRUE(FillsAt(e, k, k));
            Ans a = e.tr(page_va(0), STORE);
            EXPECT_FALSE(a.hit);
            EXPECT_EQ(a.fill, ok);
            EXPECT_EQ(a.fault, !ok);
            EXPECT_TRUE(FillsAt(e, 4, ok ? c.after_refill : c.after_failed));
            EXPECT_EQ(e.r.rd(TLBCTL) >> 16, 0x091au);
        }
}

// SPEC 6 true LRU, worked by hand (N = 4). A faulting hit is a touch too.
TEST_P(TlbTest, LruVictimSequence)
{
    Env e(GetParam(), SV39, 4);
    map_pages(e, 8);
    for (unsigned k = 0; k < 4; k++)
        EXPECT_TRUE(FillsAt(e, k, k));                 // touches 0 1 2 3
    EXPECT_TRUE(FillsAt(e, 4, 0));                     // LRU 0
    Ans a = e.tr(page_va(1), LOAD, PRIV_U);            // faulting hit on entry 1: a touch
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_PERM_SUPERVISOR_PAGE, 13, 0));
    EXPECT_TRUE(a.hit);
    EXPECT_EQ(a.hit_index, 1u);
    EXPECT_TRUE(FillsAt(e, 5, 2));                     // order now 3 0 1 -> LRU 2
    EXPECT_TRUE(FillsAt(e, 6, 3));
    EXPECT_TRUE(HitsAt(e, 4, 0));
    EXPECT_TRUE(FillsAt(e, 7, 1));
    EXPECT_EQ(e.r.rd(EVICTIONS), 4u);
}

// SPEC 6 tree pseudo-LRU (N = 4, nodes b1, b2, b3; entry i is leaf 4 + i), worked by hand:
// fills 0..3 leave b = {0, 0, 0}: victim 0 (node1 -> 2 -> leaf 4). Touch 0: b1 = 1, b2 = 1 ->
// victim via node 3 (b3 = 0): entry 2. Touch 2: b1 = 0, b3 = 1 -> node 2, b2 = 1: entry 1. Hit 1:
// b1 = 1, b2 = 0 -> node 3, b3 = 1: entry 3.
TEST_P(TlbTest, PlruVictimSequence)
{
    Env e(GetParam(), SV39, 4);
    e.r.wr(TLBCTL, tlbctl_val(PLRU, 1));
    map_pages(e, 8);
    for (unsigned k = 0; k < 4; k++)
        EXPECT_TRUE(FillsAt(e, k, k));
    EXPECT_TRUE(FillsAt(e, 4, 0));
    EXPECT_TRUE(FillsAt(e, 5, 2));
    EXPECT_TRUE(HitsAt(e, 1, 1, PRIV_U));  // a faulting hit touches too
    EXPECT_TRUE(FillsAt(e, 6, 3));
    // b1 = 0 (touch 3), b3 = 0, b2 = 0 -> entry 0
    EXPECT_TRUE(FillsAt(e, 7, 0));
}

// SPEC 6 FIFO: "every fill except a refill sets p = (p+1) mod N"; fills into invalid entries
// advance p too (SPEC 9.4), flushes do not touch it.
TEST_P(TlbTest, FifoVictimSequence)
{
    Env e(GetParam(), SV39, 4);
    e.r.wr(TLBCTL, tlbctl_val(FIFO, 1));
    map_pages(e, 10);
    for (unsigned k = 0; k < 4; k++)
        EXPECT_TRUE(FillsAt(e, k, k));  // p = 0
    EXPECT_TRUE(FillsAt(e, 4, 0));      // p = 1
    EXPECT_TRUE(HitsAt(e, 1, 1));       // hits do not move p
    EXPECT_TRUE(FillsAt(e, 5, 1));      // p = 2
    e.r.wr(FLUSH, flush_val(FL_ALL));   // p stays 2
    EXPECT_TRUE(FillsAt(e, 6, 0));      // invalid entries; p = 3
    EXPECT_TRUE(FillsAt(e, 7, 1));      // p = 0
    EXPECT_TRUE(FillsAt(e, 8, 2));      // p = 1
    EXPECT_TRUE(FillsAt(e, 9, 3));      // p = 2
    EXPECT_EQ(mmu_policy_victim(e.r.m), 2u);
    EXPECT_TRUE(FillsAt(e, 0, 2));      // p = 3
    EXPECT_TRUE(FillsAt(e, 1, 3));      // p = 0
    EXPECT_TRUE(FillsAt(e, 2, 0));
}

// SPEC 6 random: "before each victim choice lfsr = {lfsr[0]^lfsr[2]^lfsr[3]^lfsr[5], lfsr[15:1]};
// victim = lfsr mod N"; 9.4: it steps only on fills that find no invalid entry. From 0x1234:
// 0x091a (victim 2), 0x848d (1), 0xc246 (2), 0xe123 (3), 0x7091 (1).
TEST_P(TlbTest, RandomVictimSequence)
{
    EXPECT_EQ(lfsr_step(0x1234), 0x091a);
    EXPECT_EQ(lfsr_step(0x091a), 0x848d);
    Env e(GetParam(), SV39, 4);
    e.r.wr(TLBCTL, tlbctl_val(RANDOM, 0x1234));
    map_pages(e, 10);
    for (unsigned k = 0; k < 4; k++)
        EXPECT_TRUE(FillsAt(e, k, k));
    EXPECT_TRUE(HitsAt(e, 2, 2));
    EXPECT_EQ(e.r.rd(TLBCTL), 0x12340003u);  // no step yet
    EXPECT_EQ(mmu_policy_victim(e.r.m), 2u);
    EXPECT_TRUE(FillsAt(e, 4, 2));
    EXPECT_EQ(e.r.rd(TLBCTL), 0x091a0003u);
    EXPECT_TRUE(FillsAt(e, 5, 1));
    EXPECT_TRUE(FillsAt(e, 6, 2));
    EXPECT_TRUE(FillsAt(e, 7, 3));
    // Now entry 0 = page 0, 1 = page 5, 2 = page 6, 3 = page 7.
    e.flush(FL_VA, 0, page_va(4));          // not cached: nothing
    e.flush(FL_VA, 0, page_va(5));          // entry 1
    EXPECT_TRUE(FillsAt(e, 8, 1));          // an invalid entry: no step
    EXPECT_EQ(e.r.rd(TLBCTL), 0xe1230003u);
    EXPECT_TRUE(FillsAt(e, 9, 1));          // 0x7091 -> 1
    EXPECT_EQ(e.r.rd(TLBCTL), 0x70910003u);
    // A TLBCTL write with LFSR 0 loads 1: step(1) = 0x8000 -> victim 0.
    e.r.wr(TLBCTL, tlbctl_val(RANDOM, 0));
    EXPECT_TRUE(FillsAt(e, 2, 0));
    EXPECT_EQ(e.r.rd(TLBCTL), 0x80000003u);
}

// SPEC 9.4: "The LFSR steps once per fill that finds no invalid entry and is not a refill,
// whichever policy is selected"; refills leave it alone.
TEST_P(TlbTest, LfsrStepsUnderEveryPolicy)
{
    for (unsigned policy : {LRU, PLRU, FIFO}) {
        SCOPED_TRACE("policy " + std::to_string(policy));
        Env e(GetParam(), SV39, 4);
        e.r.wr(TLBCTL, tlbctl_val(policy, 0x1234));
        map_pages(e, 6);
        for (unsigned k = 0; k < 4; k++)
            e.tr(page_va(k));
        EXPECT_EQ(e.r.rd(TLBCTL) >> 16, 0x1234u);
        e.tr(page_va(4));
        EXPECT_EQ(e.r.rd(TLBCTL) >> 16, 0x091au);
        e.tr(page_va(5));
        EXPECT_EQ(e.r.rd(TLBCTL) >> 16, 0x848du);
        // A refill does not step it, nor count as an eviction.
        e.status(false, false, true);
        e.pt.map(page_va(6), page_pa(6), PTE_V | PTE_R | PTE_W | PTE_A);
        EXPECT_FALSE(e.tr(page_va(6)).hit);
        EXPECT_EQ(e.r.rd(TLBCTL) >> 16, 0xc246u);
        const uint64_t ev = e.r.rd(EVICTIONS);
        EXPECT_EQ(ev, 3u);
        Ans a = e.tr(page_va(6), STORE);
        EXPECT_FALSE(a.hit);
        EXPECT_TRUE(a.fill);
        EXPECT_EQ(e.r.rd(TLBCTL) >> 16, 0xc246u);
        EXPECT_EQ(e.r.rd(EVICTIONS), ev);
    }
}

// The exact victim of every policy over long random access streams, against RefTlb (SPEC 6, 9.3,
// 9.4), with policy switches, LFSR reloads and flushes on the way; also mmu_policy_victim.
TEST_P(TlbTest, PolicyStreamsMatchReference)
{
    for (unsigned n : {4u, 8u, 16u, 64u})
        for (unsigned start : {LRU, PLRU, FIFO, RANDOM}) {
            SCOPED_TRACE("entries " + std::to_string(n) + " policy " + std::to_string(start));
            Env e(GetParam(), SV39, n);
            const unsigned pages = 2 * n + 3;
            map_pages(e, pages);
            RefTlb ref(n);
            std::mt19937 rng(n * 7 + start);
            ref.policy = start;
            ref.pol.lfsr = uint16_t(0xbeef ^ n);
            e.r.wr(TLBCTL, tlbctl_val(start, ref.pol.lfsr));
            for (unsigned step = 0; step < 6 * n + 60; step++) {
                unsigned what = rng() % 100;
                if (what < 3) {
                    unsigned pol = rng() % 4;
                    uint16_t seed = uint16_t(rng());
                    e.r.wr(TLBCTL, tlbctl_val(pol, seed));
                    ref.policy = pol;
                    ref.pol.lfsr = seed ? seed : 1;
                    continue;
                }
                if (what < 5) {
                    e.r.wr(FLUSH, flush_val(FL_ALL));
                    std::fill(ref.valid.begin(), ref.valid.end(), false);
                    continue;
                }
                bool all_valid = std::find(ref.valid.begin(), ref.valid.end(), false) == ref.valid.end();
                if (all_valid) {
                    unsigned want = ref.policy == RANDOM ? lfsr_step(ref.pol.lfsr) % n
                                                         : ref.pol.victim_no_step(ref.policy);
                    ASSERT_EQ(mmu_policy_victim(e.r.m), want) << "step " << step;
                }
                // Favour recently used pages so that hits and misses mix.
                unsigned k = (rng() % 3 == 0) ? rng() % pages : rng() % (n + 1);
                int h = ref.lookup(k);
                if (h >= 0) {
                    ASSERT_TRUE(HitsAt(e, k, unsigned(h))) << "step " << step;
                    ref.pol.touch(unsigned(h));
                } else {
                    unsigned idx = ref.fill(k);
                    ASSERT_TRUE(FillsAt(e, k, idx)) << "step " << step;
                }
            }
            EXPECT_EQ(e.r.rd(TLBCTL) >> 16, ref.pol.lfsr);
            EXPECT_EQ(e.r.rd(EVICTIONS), ref.evictions);
        }
}

// SPEC 6: "Flushes change no policy state; TLBCTL writes change only the LFSR."
TEST_P(TlbTest, FlushesAndTlbctlWritesKeepPolicyState)
{
    Env e(GetParam(), SV39, 4);
    map_pages(e, 8);
    for (unsigned k = 0; k < 4; k++)
        EXPECT_TRUE(FillsAt(e, k, k));
    EXPECT_TRUE(HitsAt(e, 0, 0));
    e.flush(FL_VA, 0, page_va(1));
    EXPECT_TRUE(FillsAt(e, 4, 1));                 // lowest invalid
    e.r.wr(TLBCTL, tlbctl_val(LRU, 0x4321));       // LRU order kept
    e.r.wr(FLUSH, flush_val(FL_ASID, 7));          // flushes nothing here (ASID 0 entries)
    EXPECT_EQ(e.r.valid_entries(), 4u);
    EXPECT_TRUE(FillsAt(e, 5, 2));                 // touches: 0 1 2 3 0 1 -> LRU is 2
    EXPECT_TRUE(FillsAt(e, 6, 3));
}

namespace {
// The flush fixture: entries 0..5 as below, SATP back on ASID 1.
struct FlushEnv : Env {
    explicit FlushEnv(Face f, unsigned asid_bits = 16) : Env(f, SV39, 16, asid_bits, 1)
    {
        pt.map(0x1000, 0x81000000, LEAF_ALL);                  // e0: ASID 1
        pt.map(0x2000, 0x82000000, LEAF_ALL | PTE_G);          // e1: global
        pt.map(0x200000, 0x84000000, LEAF_ALL, 1);             // e2: ASID 1, 2 MiB
        pt.map(0x400000, 0x86000000, LEAF_ALL | PTE_G, 1);     // e3: global, 2 MiB
        pt.map(0x3000, 0x83000000, LEAF_ALL);                  // e5: ASID 2
        for (uint64_t va : {0x1000, 0x2000, 0x200000, 0x400000})
            tr(va);
        r.wr(SATP, pt.satp(2));
        tr(0x1000);  // e4: ASID 2
        tr(0x3000);  // e5
        r.wr(SATP, pt.satp(1));
    }
    std::vector<bool> expect(std::initializer_list<int> invalid) const
    {
        std::vector<bool> v(16, false);
        for (int i = 0; i < 6; i++)
            v[unsigned(i)] = true;
        for (int i : invalid)
            v[unsigned(i)] = false;
        return v;
    }
};
}  // namespace

TEST_P(TlbTest, FlushAll)
{
    FlushEnv e(GetParam());
    EXPECT_EQ(e.valid(), e.expect({}));
    EXPECT_TRUE(e.flush(FL_ALL, 0x55, 0x1000));
    EXPECT_EQ(e.r.valid_entries(), 0u);
    EXPECT_EQ(e.r.rd(FLUSHES), 1u);
    EXPECT_FALSE(e.tr(0x2000).hit);
}

// Kind 1: "by ASID except global" (BUGCLASSES 10).
TEST_P(TlbTest, FlushByAsidSparesGlobals)
{
    FlushEnv e(GetParam());
    EXPECT_TRUE(e.flush(FL_ASID, 1));
    EXPECT_EQ(e.valid(), e.expect({0, 2}));
    EXPECT_TRUE(e.tr(0x2000).hit);
    EXPECT_TRUE(e.tr(0x400000).hit);
    EXPECT_FALSE(e.tr(0x1000).hit);
    FlushEnv f(GetParam());
    EXPECT_TRUE(f.flush(FL_ASID, 2));
    EXPECT_EQ(f.valid(), f.expect({4, 5}));
    FlushEnv g(GetParam());
    EXPECT_TRUE(g.flush(FL_ASID, 0x201));  // 16-bit ASIDs: not ASID 1
    EXPECT_EQ(g.valid(), g.expect({}));
}

// SPEC 9.8: "FLUSH compares ASIDs on the same bits as a lookup (the build's width; 9 bits in Sv32)".
TEST_P(TlbTest, FlushAsidComparedOnLookupBits)
{
    FlushEnv e(GetParam(), 9);
    EXPECT_TRUE(e.flush(FL_ASID, 0x201));
    EXPECT_EQ(e.valid(), e.expect({0, 2}));
    FlushEnv v(GetParam(), 9);
    EXPECT_TRUE(v.flush(FL_VA_ASID, 0xe01, 0x1000));
    EXPECT_EQ(v.valid(), v.expect({0}));
    // Sv32 with a 16-bit build: 9 bits.
    Env s(GetParam(), SV32, 16, 16, 1);
    s.pt.map(0x1000, 0x81000000, LEAF_ALL);
    s.tr(0x1000);
    EXPECT_TRUE(s.flush(FL_ASID, 0x1002));
    EXPECT_EQ(s.r.valid_entries(), 1u);
    EXPECT_TRUE(s.flush(FL_ASID, 0x1001));
    EXPECT_EQ(s.r.valid_entries(), 0u);
    s.tr(0x1000);
    EXPECT_TRUE(s.flush(FL_VA_ASID, 0x601, 0x1234));
    EXPECT_EQ(s.r.valid_entries(), 0u);
}

// Kind 2: "by VA in every ASID"; "invalidate every entry that would hit FLUSH_VA (superpages
// included)" (BUGCLASSES 11).
TEST_P(TlbTest, FlushByVaEveryAsid)
{
    struct Case {
        uint64_t va;
        std::initializer_list<int> gone;
    } cases[] = {
        {0x1000, {0, 4}}, {0x1fff, {0, 4}}, {0x2345, {1}}, {0x3ff123, {2}}, {0x200000, {2}},
        {0x5fffff, {3}},  {0x3000, {5}},    {0x4000, {}},  {0x600000, {}},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(::testing::Message() << "FLUSH_VA 0x" << std::hex << c.va);
        FlushEnv e(GetParam());
        EXPECT_TRUE(e.flush(FL_VA, 0x1, c.va));
        EXPECT_EQ(e.valid(), e.expect(c.gone));
    }
}

// Kind 3: "by VA and ASID except global".
TEST_P(TlbTest, FlushByVaAndAsid)
{
    struct Case {
        uint64_t va, asid;
        std::initializer_list<int> gone;
    } cases[] = {
        {0x1000, 1, {0}}, {0x1000, 2, {4}}, {0x2000, 1, {}},     {0x2000, 2, {}},
        {0x201000, 1, {2}}, {0x201000, 2, {}}, {0x401000, 1, {}}, {0x3000, 2, {5}},
        {0x3000, 1, {}},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(::testing::Message() << "FLUSH_VA 0x" << std::hex << c.va << " ASID " << c.asid);
        FlushEnv e(GetParam());
        EXPECT_TRUE(e.flush(FL_VA_ASID, c.asid, c.va));
        EXPECT_EQ(e.valid(), e.expect(c.gone));
    }
}

// SPEC 6: "a FLUSH_VA that is not a valid address in the current mode invalidates nothing";
// 9.5: it still counts and sets trace_flush_valid.
TEST_P(TlbTest, FlushVaInvalidInModeInvalidatesNothing)
{
    for (uint64_t va : {0x8000000000001000ull, 0x0000004000001000ull, 0xffffff8000001000ull}) {
        FlushEnv e(GetParam());
        EXPECT_TRUE(e.flush(FL_VA, 0, va));
        EXPECT_TRUE(e.flush(FL_VA_ASID, 1, va));
        EXPECT_EQ(e.valid(), e.expect({}));
        EXPECT_EQ(e.r.rd(FLUSHES), 2u);
    }
    Env s(GetParam(), SV32);
    s.pt.map(0x1000, 0x81000000, LEAF_ALL);
    s.tr(0x1000);
    EXPECT_TRUE(s.flush(FL_VA, 0, 0x100001000ull));
    EXPECT_EQ(s.r.valid_entries(), 1u);
    EXPECT_TRUE(s.flush(FL_VA, 0, 0x1000));
    EXPECT_EQ(s.r.valid_entries(), 0u);
}

// SPEC 6: "FLUSH_VA is in the TLB's tag space (the linear address)".
TEST_P(TlbTest, FlushVaIsLinearWithSegments)
{
    Env e(GetParam());
    e.pt.map(0x40000000, 0x87654000, LEAF_ALL);
    e.r.wr(SEGCTL, segctl_val(2, 1, 14));
    e.r.wr(seg_base(0), 0x40000000);
    e.r.wr(seg_limit(0), 0x2000);
    e.r.wr(seg_flags(0), SF_V | SF_R | SF_W | SF_X | SF_U);
    EXPECT_TRUE(IsOk(e.tr(0x123), 0x87654123, 0));
    EXPECT_TRUE(e.flush(FL_VA, 0, 0x123));  // the segmented VA: not the tag
    EXPECT_EQ(e.r.valid_entries(), 1u);
    EXPECT_TRUE(e.flush(FL_VA, 0, 0x40000fff));
    EXPECT_EQ(e.r.valid_entries(), 0u);
}

// SPEC 6: SATP writes that change MODE, and RADIX / SEGCTL field changes, flush everything; an ASID-
// or PPN-only SATP change and WARL-ignored writes flush nothing.
TEST_P(TlbTest, RegisterWritesThatFlush)
{
    FlushEnv e(GetParam());
    EXPECT_FALSE(e.r.wr(SATP, e.pt.satp(9)));
    EXPECT_FALSE(e.r.wr(SATP, satp_val(SV39, 9, 0x777)));
    EXPECT_FALSE(e.r.wr(SATP, satp_val(7, 9, 0x777)));
    EXPECT_FALSE(e.r.wr(SEGCTL, segctl_val(3, 1, 14)));
    EXPECT_FALSE(e.r.wr(SEGCTL, 0xfff00000ull));                        // reserved bits only
    EXPECT_FALSE(e.r.wr(RADIX, 1));                                     // illegal
    EXPECT_FALSE(e.r.wr(STATUS, status_val(true, true, true)));
    EXPECT_FALSE(e.r.wr(TLBCTL, tlbctl_val(FIFO, 3)));
    EXPECT_FALSE(e.r.wr(BASE, 3));
    EXPECT_FALSE(e.r.wr(FLUSH_VA, 0x1000));
    EXPECT_EQ(e.valid(), e.expect({}));
    EXPECT_TRUE(e.r.wr(SATP, satp_val(SV48, 1, e.pt.root_ppn())));
    EXPECT_EQ(e.r.valid_entries(), 0u);

    FlushEnv s(GetParam());
    EXPECT_TRUE(s.r.wr(SEGCTL, segctl_val(1, 0, 0)));
    EXPECT_EQ(s.r.valid_entries(), 0u);
    FlushEnv h(GetParam());
    EXPECT_TRUE(h.r.wr(SEGCTL, segctl_val(0, 0, 0, true)));  // HYBRID only
    EXPECT_EQ(h.r.valid_entries(), 0u);
    FlushEnv x(GetParam());
    EXPECT_TRUE(x.r.wr(RADIX, 0x0f | (12 << 6) | (1 << 12) | (2 << 14) | (31 << 16) | (8ull << 35)));
    EXPECT_EQ(x.r.valid_entries(), 0u);
    FlushEnv b(GetParam());
    EXPECT_TRUE(b.r.wr(SATP, satp_val(BARE, 1, 0)));
    EXPECT_EQ(b.r.valid_entries(), 0u);
    EXPECT_EQ(b.r.rd(FLUSHES), 0u);  // FLUSHES counts FLUSH writes only
}

// Found by the model fuzz target (tb/fuzz/corpus/model/ub_flush_stale_level): a flush compared
// FLUSH_VA with every entry, invalid ones included, shifting by the entry's level times the
// current mode's index bits. An Sv39 1 GiB entry left invalid by a mode change, then a FLUSH under
// a RADIX format of 44 index bits, shifted by 88: undefined behaviour in C (UBSan stops there; on
// x86 the result was harmless garbage). An invalid entry takes no part in a flush (SPEC 6).
TEST_P(TlbTest, FlushIgnoresEntriesLeftByAnotherMode)
{
    Env e(GetParam());
    e.pt.map(0x40000000, 0x80000000, LEAF_ALL, 2);
    EXPECT_TRUE(IsOk(e.tr(0x40001234), 0x80001234, 2));
    // 56-bit VA, 4 KiB pages, one level: 44 index bits; 8-byte PTE, valid bit 63, PFN 43:0
    const uint64_t radix = 56 | (12 << 6) | (1 << 12) | (3 << 14) | (63ull << 16) | (44ull << 35);
    EXPECT_TRUE(e.r.wr(RADIX, radix));
    EXPECT_TRUE(e.r.wr(SATP, satp_val(TEACH, 0, 0x300)));
    EXPECT_EQ(e.r.valid_entries(), 0u);
    EXPECT_TRUE(e.flush(FL_ALL, 0, 0x40000000));
    EXPECT_TRUE(e.flush(FL_VA, 0, 0x40000000));
    EXPECT_TRUE(e.flush(FL_VA_ASID, 0, 0));
    EXPECT_EQ(e.r.valid_entries(), 0u);
    EXPECT_EQ(e.r.rd(FLUSHES), 3u);
    // the teaching table at 0x300000: entry 0x40000 -> PFN 0x81234
    e.r.mem.write(0x300000 + 0x40000 * 8, 3, (uint64_t(1) << 63) | 0x81234);
    EXPECT_TRUE(IsOk(e.tr(0x40000abc), 0x81234abc, 0));
    EXPECT_TRUE(e.flush(FL_VA, 0, 0x40000000));
    EXPECT_EQ(e.r.valid_entries(), 0u);
}

// SPEC 4.3 "Permissions are checked on every hit (priv, SUM and MXR may change without a flush)";
// 9.2: a faulting hit reports the entry's level, resp_hit = 1.
TEST_P(TlbTest, PermissionsRecheckedOnHit)
{
    Env e(GetParam());
    e.pt.map(0x1000, 0x81000000, LEAF_ALL | PTE_U);
    e.pt.map(0x2000, 0x82000000, PTE_V | PTE_X | PTE_A);
    e.pt.map(0x200000, 0x84000000, LEAF_ALL | PTE_U, 1);
    e.pt.map(0x3000, 0x83000000, PTE_V | PTE_R | PTE_A);
    e.status(true, false, false);
    EXPECT_TRUE(IsOk(e.tr(0x1008), 0x81000008, 0));
    EXPECT_TRUE(IsOk(e.tr(0x200008), 0x84000008, 1));
    e.status(false, false, false);
    Ans a = e.tr(0x1010);
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_PERM_USER_PAGE, 13, 0));
    EXPECT_TRUE(a.hit);
    EXPECT_EQ(a.hit_index, 0u);
    a = e.tr(0x200010, STORE);
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_PERM_USER_PAGE, 15, 1));
    EXPECT_TRUE(a.hit);
    EXPECT_EQ(a.hit_index, 1u);
    e.status(true, false, false);
    EXPECT_TRUE(e.tr(0x1010).hit);
    EXPECT_FALSE(e.tr(0x1010).fault);
    a = e.tr(0x1010, FETCH);  // never from S, even with SUM
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_PERM_USER_PAGE, 12, 0));
    EXPECT_TRUE(a.hit);
    EXPECT_TRUE(IsOk(e.tr(0x1010, FETCH, PRIV_U), 0x81000010, 0));
    // Execute-only page: filled by a fetch, loaded with and without MXR.
    EXPECT_TRUE(IsOk(e.tr(0x2000, FETCH), 0x82000000, 0));
    a = e.tr(0x2004);
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_PERM_READ, 13, 0));
    EXPECT_TRUE(a.hit);
    e.status(false, true, false);
    a = e.tr(0x2004);
    EXPECT_TRUE(IsOk(a, 0x82000004, 0));
    EXPECT_TRUE(a.hit);
    // Supervisor page from U.
    EXPECT_TRUE(IsOk(e.tr(0x3000), 0x83000000, 0));
    a = e.tr(0x3000, LOAD, PRIV_U);
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_PERM_SUPERVISOR_PAGE, 13, 0));
    EXPECT_TRUE(a.hit);
    // R/W/X before A/D on a hit: a store to a clean read-only page faults PERM_WRITE from the TLB,
    // with either HWAD.
    for (bool hwad : {false, true}) {
        e.status(false, false, hwad);
        a = e.tr(0x3000, STORE);
        EXPECT_TRUE(IsFault(a, MMU_CAUSE_PERM_WRITE, 15, 0));
        EXPECT_TRUE(a.hit);
        EXPECT_TRUE(a.acc.empty());
    }
    EXPECT_EQ(e.r.rd(HITS), 11u);
    EXPECT_EQ(e.r.rd(FAULTS), 7u);
    EXPECT_EQ(e.r.rd(MISSES), 4u);
}

// SPEC 7 last rule / BUGCLASSES 2: "A hit returns what a walk of the PTEs that filled the entry would
// return under the current priv, SUM and MXR." Random leaf flags, levels, accesses and STATUS; the
// second access is answered by the TLB (hit or refill) and compared with a fresh walk.
TEST_P(TlbTest, HitAnswersLikeWalk)
{
    Env e(GetParam());
    std::mt19937 rng(12345);
    const uint64_t rwx[] = {PTE_R, PTE_R | PTE_W, PTE_X, PTE_R | PTE_X, PTE_R | PTE_W | PTE_X};
    unsigned hits = 0, refills = 0, faults = 0;
    for (int trial = 0; trial < 2000; trial++) {
        const unsigned level = rng() % 3;
        const uint64_t va = 0x0000001234567000ull + (uint64_t(rng() % 64) << 12);
        const uint64_t flags = PTE_V | rwx[rng() % 5] | (rng() % 2 ? PTE_U : 0) |
                               (rng() % 2 ? PTE_G : 0) | (rng() % 4 ? PTE_A : 0) |
                               (rng() % 4 == 0 ? PTE_D : 0);
        const uint64_t pa = 0x80000000ull + (uint64_t(rng() % 4) << 30);
        const unsigned acc1 = rng() % 3, acc2 = rng() % 2 ? STORE : rng() % 3;
        const unsigned priv1 = rng() % 2, priv2 = rng() % 2;
        const unsigned st1 = rng() % 8, st2 = rng() % 8;
        SCOPED_TRACE(::testing::Message() << "trial " << trial << " flags 0x" << std::hex << flags
                                          << std::dec << " level " << level << " acc " << acc1
                                          << "/" << acc2 << " priv " << priv1 << "/" << priv2
                                          << " status " << st1 << "/" << st2);
        e.r.wr(FLUSH, flush_val(FL_ALL));
        e.pt.set(va, 2, 0);  // fresh tables below the root for every trial
        const uint64_t addr = e.pt.map(va, pa, flags, level);
        e.status(st1 & 1, st1 & 2, st1 & 4);
        Ans first = e.tr(va, acc1, priv1);
        if (!first.fill)
            continue;  // nothing cached: no hit to compare
        e.status(st2 & 1, st2 & 2, st2 & 4);
        const uint64_t pte = e.r.mem.read(addr, 3);
        Ans h = e.tr(va + 0x18, acc2, priv2);
        const uint64_t pte_after_h = e.r.mem.read(addr, 3);
        e.r.mem.write(addr, 3, pte);
        e.r.wr(FLUSH, flush_val(FL_ALL));
        Ans w = e.tr(va + 0x18, acc2, priv2);
        ASSERT_FALSE(w.hit);
        ASSERT_TRUE(SameAnswer(h, w));
        EXPECT_EQ(e.r.mem.read(addr, 3), pte_after_h);
        LeafRef ref = ref_leaf(pte & 0xff, false, acc2, priv2, st2 & 1, st2 & 2, st2 & 4);
        EXPECT_EQ(h.cause, ref.cause);
        if (h.hit) {
            hits++;
            EXPECT_TRUE(h.acc.empty());
            EXPECT_FALSE(ref.ad_write);
            EXPECT_NE(ref.cause, unsigned(MMU_CAUSE_A_CLEAR));
            EXPECT_NE(ref.cause, unsigned(MMU_CAUSE_D_CLEAR));
        } else {
            refills++;  // a hit whose first problem was A/D walks again, with the same traffic
            ASSERT_EQ(h.acc.size(), w.acc.size());
            for (size_t i = 0; i < h.acc.size(); i++) {
                EXPECT_EQ(h.acc[i].addr, w.acc[i].addr);
                EXPECT_EQ(h.acc[i].write, w.acc[i].write);
                if (h.acc[i].write) {
                    EXPECT_EQ(h.acc[i].value, w.acc[i].value);
                }
            }
            EXPECT_EQ(h.fill, w.fill);
        }
        faults += h.fault;
    }
    std::printf("hit == walk: %u hits, %u refills, %u faults\n", hits, refills, faults);
    EXPECT_GT(hits, 400u);
    EXPECT_GT(refills, 40u);
    EXPECT_GT(faults, 200u);
}

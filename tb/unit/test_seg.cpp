// Base-and-bounds and segments (SPEC 3, 4.1, 4.2, 5, 9.7), alone and composed with paging.
// Expected values come from the OSTEP simulators' arithmetic (relocation.py, segmentation.py).
#include "unit_fixture.h"

using namespace ut;

namespace {

class SegTest : public FaceTest {};

constexpr uint64_t SEG_ALL = SF_V | SF_R | SF_W | SF_X | SF_U;

void set_seg(Rig &r, unsigned n, uint64_t base, uint64_t limit, uint64_t flags)
{
    r.wr(seg_base(n), base);
    r.wr(seg_limit(n), limit);
    r.wr(seg_flags(n), flags);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Faces, SegTest, ::testing::Values(Face::Untimed, Face::Cycle), face_name);

// SPEC 4.1: "vaddr >= BOUNDS: fault BOUNDS; else pa = vaddr + BASE"; access-fault codes (SPEC 5).
TEST_P(SegTest, BaseBoundsTranslatesAndFaults)
{
    Rig r(GetParam());
    r.wr(BASE, 0x10000);
    r.wr(BOUNDS, 0x1000);
    r.wr(SEGCTL, segctl_val(1, 0, 0));
    unsigned faults = 0;
    for (unsigned priv : {PRIV_U, PRIV_S})
        for (unsigned acc : {LOAD, STORE, FETCH}) {
            SCOPED_TRACE("priv " + std::to_string(priv) + " acc " + std::to_string(acc));
            Ans a = r.tr(0, acc, priv);
            EXPECT_TRUE(IsOk(a, 0x10000, 0));
            EXPECT_FALSE(a.hit);
            EXPECT_TRUE(a.acc.empty());
            EXPECT_TRUE(IsOk(r.tr(0xfff, acc, priv), 0x10fff, 0));
            EXPECT_TRUE(IsFault(r.tr(0x1000, acc, priv), MMU_CAUSE_BOUNDS, access_exc(acc), 0));
            EXPECT_TRUE(IsFault(r.tr(~uint64_t(0), acc, priv), MMU_CAUSE_BOUNDS, access_exc(acc), 0));
            // The full vaddr is compared: high bits are not ignored.
            EXPECT_TRUE(IsFault(r.tr(uint64_t(1) << 63, acc, priv), MMU_CAUSE_BOUNDS,
                                access_exc(acc), 0));
            faults += 3;
        }
    // M bypasses base-and-bounds (SPEC 3.1).
    EXPECT_TRUE(IsOk(r.tr(0x1000, LOAD, PRIV_M), 0x1000, 0));
    EXPECT_TRUE(IsOk(r.tr(~uint64_t(0), FETCH, PRIV_M), 0x00ffffffffffffffull, 0));
    // Not paged: neither hits nor misses (SPEC 8).
    EXPECT_EQ(r.rd(HITS), 0u);
    EXPECT_EQ(r.rd(MISSES), 0u);
    EXPECT_EQ(r.rd(WALKS), 0u);
    EXPECT_EQ(r.rd(PTE_READS), 0u);
    EXPECT_EQ(r.rd(FAULTS), faults);
}

// OSTEP relocation.py -s 1: base 0x363c (13884), limit 290: VA 782 violates, VA 261 -> 14145.
TEST_P(SegTest, BaseBoundsOstepRelocationExample)
{
    Rig r(GetParam());
    r.wr(SEGCTL, segctl_val(1, 0, 0));
    r.wr(BASE, 13884);
    r.wr(BOUNDS, 290);
    EXPECT_TRUE(IsFault(r.tr(782, LOAD, PRIV_U), MMU_CAUSE_BOUNDS, 5, 0));
    EXPECT_TRUE(IsOk(r.tr(261, LOAD, PRIV_U), 14145, 0));
    EXPECT_TRUE(IsOk(r.tr(289, LOAD, PRIV_U), 13884 + 289, 0));
    EXPECT_TRUE(IsFault(r.tr(290, STORE, PRIV_U), MMU_CAUSE_BOUNDS, 7, 0));
    r.wr(BOUNDS, 0);  // nothing is below 0
    EXPECT_TRUE(IsFault(r.tr(0, FETCH, PRIV_S), MMU_CAUSE_BOUNDS, 1, 0));
}

// SPEC 2: "Address sums are modulo 2^64 and resp_paddr takes bits 55:0".
TEST_P(SegTest, BaseBoundsSumWrapsAndTruncates)
{
    Rig r(GetParam());
    r.wr(SEGCTL, segctl_val(1, 0, 0));
    r.wr(BASE, 0xfffffffffffff000ull);
    r.wr(BOUNDS, 0x2000);
    EXPECT_TRUE(IsOk(r.tr(0x1800, LOAD, PRIV_U), 0x800, 0));
    EXPECT_TRUE(IsOk(r.tr(0x0fff, LOAD, PRIV_U), 0x00ffffffffffffffull, 0));
    r.wr(BASE, 0x0300000000001000ull);
    EXPECT_TRUE(IsOk(r.tr(0x10, LOAD, PRIV_S), 0x1010, 0));
}

// OSTEP segmentation.py -a 128 -p 512 -b 0 -l 20 -B 512 -L 20 -s 0 (address space 128 bytes:
// va_bits 7, select 1; segment 1 grows down from 512).
TEST_P(SegTest, OstepSegmentationExample128)
{
    Rig r(GetParam());
    r.wr(SEGCTL, segctl_val(2, 1, 7));
    set_seg(r, 0, 0, 20, SEG_ALL);
    set_seg(r, 1, 512, 20, SEG_ALL | SF_DOWN);
    EXPECT_TRUE(IsOk(r.tr(108, LOAD, PRIV_U), 492, 0));  // VALID in SEG1: 0x1ec
    EXPECT_TRUE(IsFault(r.tr(97, LOAD, PRIV_U), MMU_CAUSE_SEG_LIMIT, 5, 0));
    EXPECT_TRUE(IsFault(r.tr(53, LOAD, PRIV_U), MMU_CAUSE_SEG_LIMIT, 5, 0));
    EXPECT_TRUE(IsFault(r.tr(33, LOAD, PRIV_U), MMU_CAUSE_SEG_LIMIT, 5, 0));
    EXPECT_TRUE(IsFault(r.tr(65, LOAD, PRIV_U), MMU_CAUSE_SEG_LIMIT, 5, 0));
    EXPECT_TRUE(IsOk(r.tr(19, LOAD, PRIV_U), 19, 0));
    EXPECT_TRUE(IsFault(r.tr(20, LOAD, PRIV_U), MMU_CAUSE_SEG_LIMIT, 5, 0));
    EXPECT_TRUE(IsOk(r.tr(127, LOAD, PRIV_U), 511, 0));
    EXPECT_TRUE(IsFault(r.tr(128, LOAD, PRIV_U), MMU_CAUSE_VA_RANGE, 5, 0));
}

// SPEC 4.2 must "reproduce the OSTEP segmentation simulator's arithmetic exactly": every address of
// a 16 KiB space (va_bits 14, select 1), checked against a transcription of segmentation.py:
//   seg 1 (vaddr >= asize/2): paddr = nbase1 + (vaddr - asize), violation if paddr < nbase1 - len1
//   seg 0: violation if vaddr >= len0, else paddr = vaddr + base0
TEST_P(SegTest, OstepSegmentationExhaustive16K)
{
    Rig r(GetParam());
    const int64_t asize = 16384, base0 = 0x3000, len0 = 0x400, nbase1 = 0x8000, len1 = 0x800;
    r.wr(SEGCTL, segctl_val(2, 1, 14));
    set_seg(r, 0, base0, len0, SEG_ALL);
    set_seg(r, 1, nbase1, len1, SEG_ALL | SF_DOWN);
    for (int64_t va = 0; va < asize; va++) {
        bool valid;
        int64_t pa;
        if (va >= asize / 2) {
            pa = nbase1 + (va - asize);
            valid = pa >= nbase1 - len1;
        } else {
            valid = va < len0;
            pa = va + base0;
        }
        unsigned acc = unsigned(va % 3);
        Ans a = r.tr(uint64_t(va), acc, PRIV_U);
        if (valid)
            ASSERT_TRUE(IsOk(a, uint64_t(pa), 0)) << "va " << va;
        else
            ASSERT_TRUE(IsFault(a, MMU_CAUSE_SEG_LIMIT, access_exc(acc), 0)) << "va " << va;
    }
    // Spot values: the top byte and the lowest legal byte of segment 1.
    EXPECT_TRUE(IsOk(r.tr(0x3fff, LOAD, PRIV_U), 0x7fff, 0));
    EXPECT_TRUE(IsOk(r.tr(0x3800, LOAD, PRIV_U), 0x7800, 0));
    EXPECT_TRUE(IsFault(r.tr(0x37ff, LOAD, PRIV_U), MMU_CAUSE_SEG_LIMIT, 5, 0));
    EXPECT_TRUE(IsFault(r.tr(0x4000, LOAD, PRIV_U), MMU_CAUSE_VA_RANGE, 5, 0));
}

// SPEC 4.2 / 5: checks in order VA_RANGE, SEG_INVALID, SEG_PERM, SEG_LIMIT, all access faults.
TEST_P(SegTest, CheckOrderAndCodes)
{
    Rig r(GetParam());
    r.wr(SEGCTL, segctl_val(2, 2, 12));  // 4 segments of 1 KiB
    set_seg(r, 0, 0x1000, 0, SF_R | SF_W | SF_X | SF_U);      // not valid, limit 0
    set_seg(r, 1, 0x2000, 0x10, SF_V | SF_W | SF_U);          // write-only
    set_seg(r, 2, 0x3000, 0x10, SF_V | SF_R | SF_W | SF_X);   // supervisor only
    set_seg(r, 3, 0x9000, 0x100, SF_V | SF_R | SF_X | SF_U | SF_DOWN);
    for (unsigned acc : {LOAD, STORE, FETCH}) {
        SCOPED_TRACE("acc " + std::to_string(acc));
        unsigned ex = access_exc(acc);
        // VA_RANGE before everything (segment 0 is invalid too).
        EXPECT_TRUE(IsFault(r.tr(0x1000, acc, PRIV_U), MMU_CAUSE_VA_RANGE, ex, 0));
        EXPECT_TRUE(IsFault(r.tr(uint64_t(1) << 63, acc, PRIV_S), MMU_CAUSE_VA_RANGE, ex, 0));
        // SEG_INVALID before permissions and limit.
        EXPECT_TRUE(IsFault(r.tr(0x0, acc, PRIV_U), MMU_CAUSE_SEG_INVALID, ex, 0));
        EXPECT_TRUE(IsFault(r.tr(0x3ff, acc, PRIV_S), MMU_CAUSE_SEG_INVALID, ex, 0));
        // Segment 1, offset 0x20 is beyond the limit: SEG_PERM comes first where W is not enough.
        Ans a = r.tr(0x400 + 0x20, acc, PRIV_U);
        if (acc == STORE)
            EXPECT_TRUE(IsFault(a, MMU_CAUSE_SEG_LIMIT, ex, 0));
        else
            EXPECT_TRUE(IsFault(a, MMU_CAUSE_SEG_PERM, ex, 0));
        a = r.tr(0x400 + 0x8, acc, PRIV_U);
        if (acc == STORE)
            EXPECT_TRUE(IsOk(a, 0x2008, 0));
        else
            EXPECT_TRUE(IsFault(a, MMU_CAUSE_SEG_PERM, ex, 0));
        // Segment 2 has U = 0: U faults SEG_PERM even beyond the limit; S gets the limit check.
        EXPECT_TRUE(IsFault(r.tr(0x800 + 0x20, acc, PRIV_U), MMU_CAUSE_SEG_PERM, ex, 0));
        EXPECT_TRUE(IsFault(r.tr(0x800 + 0x20, acc, PRIV_S), MMU_CAUSE_SEG_LIMIT, ex, 0));
        EXPECT_TRUE(IsOk(r.tr(0x800 + 0xf, acc, PRIV_S), 0x300f, 0));
        // Segment 3 grows down (offset bits 10): negative offset = offset - 0x400.
        a = r.tr(0xc00 + 0x3ff, acc, PRIV_U);
        if (acc == STORE)
            EXPECT_TRUE(IsFault(a, MMU_CAUSE_SEG_PERM, ex, 0));
        else
            EXPECT_TRUE(IsOk(a, 0x8fff, 0));
        if (acc != STORE) {
            EXPECT_TRUE(IsOk(r.tr(0xc00 + 0x300, acc, PRIV_U), 0x8f00, 0));  // magnitude == LIMIT
            EXPECT_TRUE(IsFault(r.tr(0xc00 + 0x2ff, acc, PRIV_U), MMU_CAUSE_SEG_LIMIT, ex, 0));
            EXPECT_TRUE(IsFault(r.tr(0xc00, acc, PRIV_U), MMU_CAUSE_SEG_LIMIT, ex, 0));
        }
    }
    // Faults found before paging count as neither hits nor misses (SPEC 8).
    EXPECT_EQ(r.rd(MISSES), 0u);
    EXPECT_EQ(r.rd(HITS), 0u);
}

// SPEC 9.7: "Segments ignore SUM and MXR; priv S may use any valid segment whose R/W/X allow the
// access."
TEST_P(SegTest, SegmentsIgnoreSumMxrAndUForS)
{
    Rig r(GetParam());
    r.wr(SEGCTL, segctl_val(2, 1, 14));
    set_seg(r, 0, 0x10000, 0x2000, SF_V | SF_X | SF_U);  // execute-only, user
    set_seg(r, 1, 0x20000, 0x2000, SF_V | SF_R | SF_W);  // supervisor data
    r.wr(STATUS, status_val(false, true, false));         // MXR = 1
    EXPECT_TRUE(IsFault(r.tr(0x10, LOAD, PRIV_U), MMU_CAUSE_SEG_PERM, 5, 0));
    EXPECT_TRUE(IsFault(r.tr(0x10, LOAD, PRIV_S), MMU_CAUSE_SEG_PERM, 5, 0));
    EXPECT_TRUE(IsOk(r.tr(0x10, FETCH, PRIV_U), 0x10010, 0));
    r.wr(STATUS, 0);                                      // SUM = 0: S uses a U segment anyway
    EXPECT_TRUE(IsOk(r.tr(0x10, FETCH, PRIV_S), 0x10010, 0));
    EXPECT_TRUE(IsOk(r.tr(0x2010, STORE, PRIV_S), 0x20010, 0));
    EXPECT_TRUE(IsFault(r.tr(0x2010, STORE, PRIV_U), MMU_CAUSE_SEG_PERM, 7, 0));
    EXPECT_TRUE(IsFault(r.tr(0x2010, FETCH, PRIV_S), MMU_CAUSE_SEG_PERM, 1, 0));
    EXPECT_TRUE(IsOk(r.tr(0x2010, LOAD, PRIV_M), 0x2010, 0));  // M bypass
}

// SPEC 2 "For every select the segment size is 2^(va_bits - select)": select 3 uses all eight
// segment registers.
TEST_P(SegTest, EightSegments)
{
    Rig r(GetParam());
    r.wr(SEGCTL, segctl_val(2, 3, 15));  // 8 segments of 4 KiB
    for (unsigned n = 0; n < 8; n++)
        set_seg(r, n, 0x100000 * (n + 1), 0x800 - n, SEG_ALL);
    for (unsigned n = 0; n < 8; n++) {
        SCOPED_TRACE("segment " + std::to_string(n));
        uint64_t va = uint64_t(n) << 12;
        EXPECT_TRUE(IsOk(r.tr(va + 0x7ff - n, LOAD, PRIV_U), 0x100000 * (n + 1) + 0x7ff - n, 0));
        EXPECT_TRUE(IsFault(r.tr(va + 0x800 - n, LOAD, PRIV_U), MMU_CAUSE_SEG_LIMIT, 5, 0));
    }
    EXPECT_TRUE(IsFault(r.tr(0x8000, LOAD, PRIV_U), MMU_CAUSE_VA_RANGE, 5, 0));
    r.wr(seg_flags(7), 0);
    EXPECT_TRUE(IsFault(r.tr(0x7000, LOAD, PRIV_U), MMU_CAUSE_SEG_INVALID, 5, 0));
}

// Limits 0 allow nothing; a grows-down segment's pa = BASE - (2^offset_bits - offset), mod 2^64.
TEST_P(SegTest, LimitZeroAndWrappingSums)
{
    Rig r(GetParam());
    r.wr(SEGCTL, segctl_val(2, 1, 12));  // 2 segments of 2 KiB
    set_seg(r, 0, 0x5000, 0, SEG_ALL);
    set_seg(r, 1, 0x6000, 0, SEG_ALL | SF_DOWN);
    EXPECT_TRUE(IsFault(r.tr(0x0, LOAD, PRIV_U), MMU_CAUSE_SEG_LIMIT, 5, 0));
    EXPECT_TRUE(IsFault(r.tr(0xfff, LOAD, PRIV_U), MMU_CAUSE_SEG_LIMIT, 5, 0));
    set_seg(r, 0, 0xffffffffffffff00ull, 0x800, SEG_ALL);
    set_seg(r, 1, 0x10, 0x800, SEG_ALL | SF_DOWN);
    EXPECT_TRUE(IsOk(r.tr(0x200, LOAD, PRIV_U), 0x100, 0));
    EXPECT_TRUE(IsOk(r.tr(0x800 + 0x7e0, LOAD, PRIV_U), 0x00fffffffffffff0ull, 0));  // 0x10 - 0x20
    EXPECT_TRUE(IsOk(r.tr(0x800, LOAD, PRIV_U), 0x00fffffffffff810ull, 0));          // 0x10 - 0x800
    // va_bits 56: bit 55 is inside the space, bit 56 is not.
    r.wr(SEGCTL, segctl_val(2, 1, 56));
    set_seg(r, 1, 0, uint64_t(1) << 55, SEG_ALL);
    EXPECT_TRUE(IsOk(r.tr((uint64_t(1) << 55) + 0x1234, LOAD, PRIV_U), 0x1234, 0));
    EXPECT_TRUE(IsFault(r.tr(uint64_t(1) << 56, LOAD, PRIV_U), MMU_CAUSE_VA_RANGE, 5, 0));
}

// SPEC 3: segmentation gives the linear address, paging translates it; TLB entries are tagged with
// the linear address; segment faults come before paging and its VA check.
TEST_P(SegTest, SegmentsComposeWithPaging)
{
    Rig r(GetParam());
    PageTables pt(r.mem, SV39);
    pt.map(0x40000000, 0x87654000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    pt.map(0x40001000, 0x88000000, PTE_V | PTE_R | PTE_A);
    r.wr(SATP, pt.satp());
    r.wr(SEGCTL, segctl_val(2, 1, 14));
    set_seg(r, 0, 0x40000000, 0x2000, SEG_ALL);
    set_seg(r, 1, 0x40000000, 0x2000, SEG_ALL);  // a second view of the same linear range

    Ans a = r.tr(0x123, LOAD, PRIV_S);
    EXPECT_TRUE(IsOk(a, 0x87654123, 0));
    EXPECT_FALSE(a.hit);
    ASSERT_EQ(a.acc.size(), 3u);
    EXPECT_EQ(a.acc[2].addr, pt.pte_addr(0x40000000, 0));
    // Through segment 1, the same linear page: a hit.
    a = r.tr(0x2456, STORE, PRIV_S);
    EXPECT_TRUE(IsOk(a, 0x87654456, 0));
    EXPECT_TRUE(a.hit);
    // The segment allows the store; the page does not.
    EXPECT_TRUE(IsFault(r.tr(0x1010, STORE, PRIV_S), MMU_CAUSE_PERM_WRITE, 15, 0));
    // The segment allows U; the page is supervisor-only.
    EXPECT_TRUE(IsFault(r.tr(0x10, LOAD, PRIV_U), MMU_CAUSE_PERM_SUPERVISOR_PAGE, 13, 0));
    uint64_t misses = r.rd(MISSES);
    // A segment fault precedes the lookup: no walk, no miss.
    r.wr(seg_limit(0), 0x100);
    a = r.tr(0x200, LOAD, PRIV_S);
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_SEG_LIMIT, 5, 0));
    EXPECT_TRUE(a.acc.empty());
    EXPECT_EQ(r.rd(MISSES), misses);
    // A new segment base (no flush) gives another linear page: no stale hit.
    r.wr(seg_limit(0), 0x2000);
    r.wr(seg_base(0), 0x40001000);
    a = r.tr(0x123, LOAD, PRIV_S);
    EXPECT_TRUE(IsOk(a, 0x88000123, 0));
    EXPECT_FALSE(a.hit);
    EXPECT_EQ(a.acc.size(), 3u);
    // A linear address that is not canonical in Sv39: VA_RANGE found by paging is a page fault.
    r.wr(seg_base(0), uint64_t(1) << 38);
    a = r.tr(0x123, LOAD, PRIV_S);
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_VA_RANGE, 13, 0));
    EXPECT_TRUE(a.acc.empty());
    EXPECT_TRUE(IsFault(r.tr(0x123, STORE, PRIV_S), MMU_CAUSE_VA_RANGE, 15, 0));
    EXPECT_TRUE(IsFault(r.tr(0x123, FETCH, PRIV_S), MMU_CAUSE_VA_RANGE, 12, 0));
    // M bypasses segments and paging.
    EXPECT_TRUE(IsOk(r.tr(0x123, LOAD, PRIV_M), 0x123, 0));
}

// SPEC 9.7: "Base-and-bounds composes with paging like segments: the linear address is vaddr + BASE."
TEST_P(SegTest, BaseBoundsComposesWithPaging)
{
    Rig r(GetParam());
    PageTables pt(r.mem, SV48);
    pt.map(0x40000000, 0x87654000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    r.wr(SATP, pt.satp());
    r.wr(SEGCTL, segctl_val(1, 0, 0));
    r.wr(BASE, 0x3ffff000);
    r.wr(BOUNDS, 0x2000);
    Ans a = r.tr(0x1abc, LOAD, PRIV_S);
    EXPECT_TRUE(IsOk(a, 0x87654abc, 0));
    EXPECT_EQ(a.acc.size(), 4u);
    EXPECT_TRUE(IsFault(r.tr(0x2000, STORE, PRIV_S), MMU_CAUSE_BOUNDS, 7, 0));
    EXPECT_TRUE(IsFault(r.tr(0x0abc, LOAD, PRIV_S), MMU_CAUSE_PTE_INVALID, 13, 2));  // linear 0x3ffffabc: no level-2 entry
}

// HYBRID is active only with SATP.MODE 15 (SPEC 4.5), which is not supported yet (decisions.md 2):
// with Sv39 the HYBRID bit changes nothing but the flush its write makes.
TEST_P(SegTest, HybridBitWithoutTeachingModeIsPlainSegments)
{
    Rig r(GetParam());
    PageTables pt(r.mem, SV39);
    pt.map(0x40000000, 0x87654000, PTE_V | PTE_R | PTE_A);
    r.wr(SATP, pt.satp());
    EXPECT_TRUE(r.wr(SEGCTL, segctl_val(2, 1, 14, true)));
    set_seg(r, 0, 0x40000000, 0x2000, SEG_ALL);
    EXPECT_TRUE(IsOk(r.tr(0x123, LOAD, PRIV_S), 0x87654123, 0));
    EXPECT_TRUE(IsFault(r.tr(0x1123, LOAD, PRIV_S), MMU_CAUSE_PTE_INVALID, 13, 0));
    EXPECT_TRUE(IsFault(r.tr(0x3000, LOAD, PRIV_S), MMU_CAUSE_SEG_INVALID, 5, 0));
}

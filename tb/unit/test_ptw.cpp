// The page-table walker (SPEC 4.3, 5, 9.9, 9.10): Sv32/Sv39/Sv48 walks with every page size, each
// PTE check and its order, leaf checks, misaligned superpages, A/D handling for HWAD 0 and 1,
// memory errors, global bits and the canonical checks. Every test runs on both faces.
#include "unit_fixture.h"

using namespace ut;

namespace {

class PtwTest : public FaceTest {};

constexpr uint64_t LEAF_RW = PTE_V | PTE_R | PTE_W | PTE_A | PTE_D;

struct Env {
    Rig r;
    PageTables pt;
    Env(Face f, unsigned mode, uint64_t asid = 0) : r(f), pt(r.mem, mode)
    {
        r.wr(SATP, pt.satp(asid));
    }
    Ans tr(uint64_t va, unsigned acc, unsigned priv = PRIV_S) { return r.tr(va, acc, priv); }
    void flush() { r.wr(FLUSH, flush_val(FL_ALL)); }
    void status(bool sum, bool mxr, bool hwad) { r.wr(STATUS, status_val(sum, mxr, hwad)); }
};

::testing::AssertionResult IsRead(const MemAccess &a, uint64_t addr, unsigned size)
{
    if (!a.write && a.addr == addr && a.size == size)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << std::hex << "expected read of 0x" << addr << " size "
                                         << size << "; got write=" << a.write << " addr 0x"
                                         << a.addr << " size " << a.size;
}

::testing::AssertionResult IsWrite(const MemAccess &a, uint64_t addr, unsigned size, uint64_t data)
{
    if (a.write && a.addr == addr && a.size == size && a.value == data)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << std::hex << "expected write of 0x" << data << " to 0x"
                                         << addr << " size " << size << "; got write=" << a.write
                                         << " data 0x" << a.value << " addr 0x" << a.addr
                                         << " size " << a.size;
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Faces, PtwTest, ::testing::Values(Face::Untimed, Face::Cycle), face_name);

// An Sv39 walk of a 4 KiB page, worked by hand: root at PPN 0x100, va 0x1234567abc has
// VPN[2] = 0x48, VPN[1] = 0x1a2, VPN[0] = 0x167.
TEST_P(PtwTest, Sv39BasePageWalk)
{
    Env e(GetParam(), SV39, 5);
    ASSERT_EQ(e.pt.root_ppn(), 0x100u);
    const uint64_t va = 0x1234567abcull;
    const uint64_t leaf = make_pte(0xabcde, LEAF_ALL);
    e.pt.map(va, 0xabcde000, LEAF_ALL);
    Ans a = e.tr(va, LOAD);
    EXPECT_TRUE(IsOk(a, 0xabcdeabc, 0));
    EXPECT_FALSE(a.hit);
    ASSERT_EQ(a.acc.size(), 3u);
    EXPECT_TRUE(IsRead(a.acc[0], 0x100000 + 0x48 * 8, 3));
    EXPECT_EQ(a.acc[0].value, make_pte(0x101, PTE_V));
    EXPECT_TRUE(IsRead(a.acc[1], 0x101000 + 0x1a2 * 8, 3));
    EXPECT_EQ(a.acc[1].value, make_pte(0x102, PTE_V));
    EXPECT_TRUE(IsRead(a.acc[2], 0x102000 + 0x167 * 8, 3));
    EXPECT_EQ(a.acc[2].value, leaf);
    EXPECT_TRUE(a.fill);
    // The TLB entry (SPEC 6 fields).
    mmu_tlb_entry_t t = e.r.entry(a.fill_index);
    EXPECT_TRUE(t.valid);
    EXPECT_EQ(t.asid, 5u);
    EXPECT_FALSE(t.global);
    EXPECT_EQ(t.level, 0u);
    EXPECT_EQ(t.ppn, 0xabcdeu);
    EXPECT_TRUE(t.r && t.w && t.x && t.a && t.d);
    EXPECT_FALSE(t.u);
    // Same page, other offset: a hit without memory traffic.
    a = e.tr(va ^ 0xfff, STORE);
    EXPECT_TRUE(IsOk(a, 0xabcde000 | (0xabc ^ 0xfff), 0));
    EXPECT_TRUE(a.hit);
    EXPECT_TRUE(a.acc.empty());
    EXPECT_EQ(e.r.rd(MISSES), 1u);
    EXPECT_EQ(e.r.rd(WALKS), 1u);
    EXPECT_EQ(e.r.rd(HITS), 1u);
    EXPECT_EQ(e.r.rd(PTE_READS), 3u);
    EXPECT_EQ(e.r.rd(AD_WRITES), 0u);
    EXPECT_EQ(e.r.rd(FAULTS), 0u);
    EXPECT_EQ(e.r.rd(WALK_CYCLES), 6u);  // 3 x (L + 1), L = 1
}

// Superpages: PA = PPN's high part with the VA's low 21 / 30 bits (RISC-V privileged spec).
TEST_P(PtwTest, Sv39Superpages)
{
    Env e(GetParam(), SV39);
    const uint64_t va2m = 0x1234567abcull, va1g = 0x0f234567abcull & 0x3fffffffffull;
    e.pt.map(va2m, 0x812400000ull, LEAF_ALL, 1);
    Ans a = e.tr(va2m, LOAD);
    EXPECT_TRUE(IsOk(a, 0x812567abcull, 1));
    EXPECT_EQ(a.acc.size(), 2u);
    a = e.tr(va2m & ~0x1fffffull, FETCH);  // first byte of the same 2 MiB page: a hit
    EXPECT_TRUE(IsOk(a, 0x812400000ull, 1));
    EXPECT_TRUE(a.hit);
    a = e.tr(va2m | 0x1fffff, STORE);  // last byte
    EXPECT_TRUE(IsOk(a, 0x8125fffffull, 1));
    EXPECT_TRUE(a.hit);

    Env g(GetParam(), SV39);
    g.pt.map(va1g, 0x4000000000ull, LEAF_ALL, 2);
    a = g.tr(va1g, LOAD);
    EXPECT_TRUE(IsOk(a, 0x4000000000ull | (va1g & 0x3fffffff), 2));
    EXPECT_EQ(a.acc.size(), 1u);
    // The highest 1 GiB page of the 56-bit physical space.
    Env h(GetParam(), SV39);
    h.pt.map(0x1234567abcull, 0xffffffc0000000ull, LEAF_ALL, 2);
    EXPECT_TRUE(IsOk(h.tr(0x1234567abcull, LOAD), 0xfffffff4567abcull, 2));
}

TEST_P(PtwTest, Sv39NegativeCanonicalAddress)
{
    Env e(GetParam(), SV39);
    const uint64_t va = 0xffffffc000201000ull;  // VPN[2] = 0x100, VPN[1] = 1, VPN[0] = 1
    e.pt.map(va, 0x5000000, LEAF_ALL);
    Ans a = e.tr(va + 0x10, LOAD);
    EXPECT_TRUE(IsOk(a, 0x5000010, 0));
    ASSERT_EQ(a.acc.size(), 3u);
    EXPECT_EQ(a.acc[0].addr, 0x100000u + 0x100 * 8);
}

// Sv48: 4 levels, pages of 4 KiB, 2 MiB, 1 GiB and 512 GiB (resp_level 3).
TEST_P(PtwTest, Sv48EveryPageSize)
{
    const uint64_t va = 0x5bcdef012345ull;  // VPN[3..0] = 0xb7, 0x137, 0x178, 0x12
    for (unsigned level = 0; level < 4; level++) {
        SCOPED_TRACE("level " + std::to_string(level));
        Env e(GetParam(), SV48);
        const uint64_t ppn = uint64_t(0x1234) << (9 * level);
        e.pt.map_ppn(va, ppn, LEAF_ALL, level);
        const uint64_t off_mask = (uint64_t(1) << (12 + 9 * level)) - 1;
        const uint64_t pa = (ppn << 12) | (va & off_mask);
        EXPECT_EQ(pa, compose_pa(SV48, ppn, level, va));
        Ans a = e.tr(va, LOAD);
        EXPECT_TRUE(IsOk(a, pa, level));
        ASSERT_EQ(a.acc.size(), 4u - level);
        EXPECT_EQ(a.acc[0].addr, 0x100000u + 0xb7 * 8);
        a = e.tr(va ^ (off_mask & 0x5555555555ull), LOAD);
        EXPECT_TRUE(IsOk(a, pa ^ (off_mask & 0x5555555555ull), level));
        EXPECT_TRUE(a.hit);
    }
    Env e(GetParam(), SV48);
    e.pt.map(va, uint64_t(0x1234) << 39, LEAF_ALL, 3);
    EXPECT_TRUE(IsOk(e.tr(va, LOAD), 0x91a0000000000ull | (va & ((uint64_t(1) << 39) - 1)), 3));
}

// Sv32: 4-byte PTEs read with size 2, a 34-bit PA, 4 MiB superpages. The upper half of
// mem_resp_rdata carries junk that must be ignored (SPEC 9.9).
TEST_P(PtwTest, Sv32Walks)
{
    Env e(GetParam(), SV32, 0x1ff);
    e.r.mem.junk = 0xdeadbeef00000000ull;
    const uint64_t va = 0xdeadbeef;  // VPN[1] = 0x37a, VPN[0] = 0x2db
    e.pt.map(va, 0x323456000ull, PTE_V | PTE_R | PTE_X | PTE_A | PTE_U);
    Ans a = e.tr(va, FETCH, PRIV_U);
    EXPECT_TRUE(IsOk(a, 0x323456eefull, 0));
    ASSERT_EQ(a.acc.size(), 2u);
    EXPECT_TRUE(IsRead(a.acc[0], 0x100000 + 0x37a * 4, 2));
    EXPECT_TRUE(IsRead(a.acc[1], 0x101000 + 0x2db * 4, 2));
    EXPECT_EQ(e.r.entry(a.fill_index).asid, 0x1ffu);

    Env s(GetParam(), SV32);
    s.r.mem.junk = 0xffffffff00000000ull;
    s.pt.map(va, 0x3ffc00000ull, LEAF_ALL, 1);
    a = s.tr(va, STORE);
    EXPECT_TRUE(IsOk(a, 0x3ffedbeefull, 1));
    EXPECT_EQ(a.acc.size(), 1u);
    EXPECT_TRUE(IsOk(s.tr(0xde800000, LOAD), 0x3ffc00000ull, 1));
    // VA bits 63:32 set: VA_RANGE found by paging, a page fault.
    EXPECT_TRUE(IsFault(s.tr(0x1deadbeefull, LOAD), MMU_CAUSE_VA_RANGE, 13, 0));
    EXPECT_TRUE(IsFault(s.tr(0xffffffffdeadbeefull, STORE), MMU_CAUSE_VA_RANGE, 15, 0));
}

// Sv32 has no reserved PTE bits: the top PPN bits are address bits.
TEST_P(PtwTest, Sv32TopPpnBitsAreAddressBits)
{
    Env e(GetParam(), SV32);
    e.pt.map(0x1000, 0x3fffff000ull, PTE_V | PTE_R | PTE_A | PTE_G | PTE_RSW0 | PTE_RSW1);
    EXPECT_TRUE(IsOk(e.tr(0x1234, LOAD), 0x3fffff234ull, 0));
}

// SPEC 4.3: "Sv39/48 check the VA is canonical (VA_RANGE)", found by paging: a page fault, level 0
// (decisions.md 1), no memory access, not counted as a miss.
TEST_P(PtwTest, CanonicalChecks)
{
    struct Case {
        unsigned mode;
        uint64_t va;
        bool ok;
    } cases[] = {
        {SV39, 0x0000003fffffffffull, true},  {SV39, 0x0000004000000000ull, false},
        {SV39, 0xffffffc000000000ull, true},  {SV39, 0xffffffbfffffffffull, false},
        {SV39, 0x8000000000000000ull, false}, {SV39, 0x7fffffc000000000ull, false},
        {SV48, 0x00007fffffffffffull, true},  {SV48, 0x0000800000000000ull, false},
        {SV48, 0xffff800000000000ull, true},  {SV48, 0xfffe800000000000ull, false},
        {SV32, 0x00000000ffffffffull, true},  {SV32, 0x0000000100000000ull, false},
        {SV32, 0xffffffff00000000ull, false},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(::testing::Message() << "mode " << c.mode << " va 0x" << std::hex << c.va);
        Env e(GetParam(), c.mode);
        for (unsigned acc : {LOAD, STORE, FETCH}) {
            Ans a = e.tr(c.va, acc);
            if (c.ok) {
                EXPECT_EQ(a.cause, unsigned(MMU_CAUSE_PTE_INVALID));  // nothing is mapped
                EXPECT_FALSE(a.acc.empty());
            } else {
                EXPECT_TRUE(IsFault(a, MMU_CAUSE_VA_RANGE, page_exc(acc), 0));
                EXPECT_TRUE(a.acc.empty());
            }
        }
        EXPECT_EQ(e.r.rd(MISSES), c.ok ? 3u : 0u);
        EXPECT_EQ(e.r.rd(FAULTS), 3u);
    }
}

// SPEC 4.3 "V=0: PTE_INVALID (other bits ignored)", at every level; resp_level = the PTE's level.
TEST_P(PtwTest, PteInvalidAtEveryLevelIgnoresOtherBits)
{
    const uint64_t junk[] = {0, PTE_W, PTE_R | PTE_W | PTE_X | PTE_U | PTE_G | PTE_A | PTE_D,
                             PTE_N | PTE_PBMT0 | (uint64_t(0x7f) << 54) | PTE_A, PTE_D | PTE_U};
    const uint64_t va = 0x1234567abcull;
    for (unsigned level = 0; level < 3; level++)
        for (uint64_t j : junk) {
            SCOPED_TRACE(::testing::Message() << "level " << level << " bits 0x" << std::hex << j);
            Env e(GetParam(), SV39);
            e.pt.map(va, 0x80000000, LEAF_ALL);
            e.pt.set(va, level, (e.pt.get(va, level) & ~PTE_V) | j);
            for (unsigned acc : {LOAD, STORE, FETCH}) {
                Ans a = e.tr(va, acc);
                EXPECT_TRUE(IsFault(a, MMU_CAUSE_PTE_INVALID, page_exc(acc), level));
                EXPECT_EQ(a.acc.size(), 3u - level);
                EXPECT_FALSE(a.fill);
            }
        }
}

// SPEC 4.3 "W=1 and R=0: PTE_RESERVED_WR", before the reserved-bit and level-0 pointer checks.
TEST_P(PtwTest, PteReservedWr)
{
    const uint64_t va = 0x1234567abcull;
    for (unsigned level = 0; level < 3; level++)
        for (uint64_t extra : {uint64_t(0), PTE_X, PTE_X | PTE_A | PTE_D, PTE_N, PTE_U | PTE_A}) {
            SCOPED_TRACE(::testing::Message() << "level " << level << " extra 0x" << std::hex << extra);
            Env e(GetParam(), SV39);
            e.pt.map(va, 0x80000000, PTE_V | PTE_W | extra, level);
            for (unsigned acc : {LOAD, STORE, FETCH})
                EXPECT_TRUE(IsFault(e.tr(va, acc), MMU_CAUSE_PTE_RESERVED_WR, page_exc(acc), level));
        }
    Env s(GetParam(), SV32);
    s.pt.map(0x1000, 0x80000000, PTE_V | PTE_W | PTE_U, 0);
    EXPECT_TRUE(IsFault(s.tr(0x1000, LOAD, PRIV_U), MMU_CAUSE_PTE_RESERVED_WR, 13, 0));
}

// SPEC 4.3 reserved bits in Sv39/48: N (63), PBMT (62:61), bits 60:54, on leaves and pointers.
TEST_P(PtwTest, ReservedHighBitsSv39Sv48)
{
    const uint64_t va = 0x1234567abcull;
    for (unsigned mode : {SV39, SV48})
        for (unsigned bit = 54; bit < 64; bit++)
            for (unsigned level = 0; level < scheme(mode).levels; level++) {
                SCOPED_TRACE(::testing::Message() << "mode " << mode << " bit " << bit << " level " << level);
                Env e(GetParam(), mode);
                e.pt.map(va, 0x80000000, LEAF_ALL);
                e.pt.set(va, level, e.pt.get(va, level) | (uint64_t(1) << bit));
                Ans a = e.tr(va, STORE);
                EXPECT_TRUE(IsFault(a, MMU_CAUSE_PTE_RESERVED_BITS, 15, level));
                EXPECT_EQ(a.acc.size(), scheme(mode).levels - level);
            }
}

// SPEC 4.3: "RSW and G are never reserved".
TEST_P(PtwTest, RswAndGNeverReserved)
{
    const uint64_t va = 0x1234567abcull;
    Env e(GetParam(), SV39);
    const uint64_t ptr = PTE_V | PTE_G | PTE_RSW0 | PTE_RSW1;
    e.pt.map(va, 0x80000000, LEAF_ALL | PTE_G | PTE_RSW0 | PTE_RSW1, 0, ptr);
    EXPECT_TRUE(IsOk(e.tr(va, LOAD), 0x80000abc, 0));
}

// SPEC 4.3 / BUGCLASSES 4: "D, A or U on a non-leaf: PTE_RESERVED_BITS", in every mode; "a pointer
// (R=X=0) at level 0: NONLEAF_AT_LEVEL0" (BUGCLASSES 12), after the reserved bits.
TEST_P(PtwTest, NonLeafChecks)
{
    const uint64_t va = 0x1234567abcull & 0xffffffff;
    for (unsigned mode : {SV32, SV39, SV48}) {
        const unsigned levels = scheme(mode).levels;
        for (unsigned level = 1; level < levels; level++)
            for (uint64_t bad : {PTE_A, PTE_D, PTE_U, PTE_A | PTE_D}) {
                SCOPED_TRACE(::testing::Message() << "mode " << mode << " level " << level << " bits 0x" << std::hex << bad);
                Env e(GetParam(), mode);
                e.pt.map(va, 0x80000000, LEAF_ALL | PTE_U);
                e.pt.set(va, level, e.pt.get(va, level) | bad);
                Ans a = e.tr(va, LOAD, PRIV_U);
                EXPECT_TRUE(IsFault(a, MMU_CAUSE_PTE_RESERVED_BITS, 13, level));
                EXPECT_EQ(a.acc.size(), levels - level);
            }
        SCOPED_TRACE("mode " + std::to_string(mode));
        // A pointer at level 0 pointing at a table full of valid leaves: not followed.
        Env e(GetParam(), mode);
        e.pt.map(va, 0x80000000, LEAF_ALL);
        const uint64_t table = e.pt.alloc_table();
        const unsigned sz = scheme(mode).pte_log2;
        for (unsigned i = 0; i < (4096u >> sz); i++)
            e.r.mem.write((table << 12) + (uint64_t(i) << sz), sz, make_pte(0x90000, LEAF_ALL));
        e.pt.set(va, 0, make_pte(table, PTE_V));
        for (unsigned acc : {LOAD, STORE, FETCH}) {
            Ans a = e.tr(va, acc);
            EXPECT_TRUE(IsFault(a, MMU_CAUSE_NONLEAF_AT_LEVEL0, page_exc(acc), 0));
            EXPECT_EQ(a.acc.size(), levels);
        }
        e.pt.set(va, 0, make_pte(table, PTE_V | PTE_G | PTE_RSW1));
        EXPECT_TRUE(IsFault(e.tr(va, LOAD), MMU_CAUSE_NONLEAF_AT_LEVEL0, 13, 0));
        e.pt.set(va, 0, make_pte(table, PTE_V | PTE_A));
        EXPECT_TRUE(IsFault(e.tr(va, LOAD), MMU_CAUSE_PTE_RESERVED_BITS, 13, 0));
        e.pt.set(va, 0, make_pte(table, PTE_V | PTE_W));
        EXPECT_TRUE(IsFault(e.tr(va, LOAD), MMU_CAUSE_PTE_RESERVED_WR, 13, 0));
        e.pt.set(va, 0, make_pte(table, 0));
        EXPECT_TRUE(IsFault(e.tr(va, LOAD), MMU_CAUSE_PTE_INVALID, 13, 0));
    }
}

// SPEC 4.3 leaf checks U/S, SUM and fetches of user pages from S.
TEST_P(PtwTest, UserSupervisorChecks)
{
    const uint64_t va = 0x40000000;
    Env e(GetParam(), SV39);
    e.pt.map(va, 0x80000000, LEAF_ALL | PTE_U);
    e.pt.map(va + 0x1000, 0x80001000, LEAF_ALL);
    for (bool sum : {false, true}) {
        SCOPED_TRACE(sum ? "SUM=1" : "SUM=0");
        e.status(sum, false, false);
        e.flush();
        // U page from S: needs SUM, never fetchable.
        Ans a = e.tr(va, LOAD);
        if (sum)
            EXPECT_TRUE(IsOk(a, 0x80000000, 0));
        else
            EXPECT_TRUE(IsFault(a, MMU_CAUSE_PERM_USER_PAGE, 13, 0));
        if (sum)
            EXPECT_TRUE(IsOk(e.tr(va, STORE), 0x80000000, 0));
        else
            EXPECT_TRUE(IsFault(e.tr(va, STORE), MMU_CAUSE_PERM_USER_PAGE, 15, 0));
        EXPECT_TRUE(IsFault(e.tr(va, FETCH), MMU_CAUSE_PERM_USER_PAGE, 12, 0));
        // U page from U, non-U page from U, non-U page from S.
        for (unsigned acc : {LOAD, STORE, FETCH}) {
            e.flush();
            EXPECT_TRUE(IsOk(e.tr(va + 4, acc, PRIV_U), 0x80000004, 0));
            e.flush();
            EXPECT_TRUE(IsFault(e.tr(va + 0x1004, acc, PRIV_U), MMU_CAUSE_PERM_SUPERVISOR_PAGE,
                                page_exc(acc), 0));
            e.flush();
            EXPECT_TRUE(IsOk(e.tr(va + 0x1004, acc, PRIV_S), 0x80001004, 0));
        }
    }
    // U/S comes before R/W/X: a user page without R, loaded from S without SUM.
    e.status(false, false, false);
    e.pt.map(va + 0x2000, 0x80002000, PTE_V | PTE_X | PTE_U | PTE_A | PTE_D);
    e.pt.map(va + 0x3000, 0x80003000, PTE_V | PTE_X | PTE_A | PTE_D);
    EXPECT_TRUE(IsFault(e.tr(va + 0x2000, LOAD), MMU_CAUSE_PERM_USER_PAGE, 13, 0));
    EXPECT_TRUE(IsFault(e.tr(va + 0x3000, STORE, PRIV_U), MMU_CAUSE_PERM_SUPERVISOR_PAGE, 15, 0));
    // M is not translated at all.
    EXPECT_TRUE(IsOk(e.tr(va + 0x3000, STORE, PRIV_M), va + 0x3000, 0));
}

// SPEC 4.3 "load needs R, or X with MXR: PERM_READ; store needs W: PERM_WRITE; fetch needs X".
TEST_P(PtwTest, ReadWriteExecuteChecks)
{
    Env e(GetParam(), SV39);
    const uint64_t AD = PTE_V | PTE_A | PTE_D;
    e.pt.map(0x10000, 0x80010000, AD | PTE_R);
    e.pt.map(0x11000, 0x80011000, AD | PTE_X);
    e.pt.map(0x12000, 0x80012000, AD | PTE_R | PTE_W);
    e.pt.map(0x13000, 0x80013000, AD | PTE_R | PTE_X);
    for (bool mxr : {false, true}) {
        SCOPED_TRACE(mxr ? "MXR=1" : "MXR=0");
        e.status(false, mxr, false);
        e.flush();
        EXPECT_TRUE(IsOk(e.tr(0x10008, LOAD), 0x80010008, 0));
        EXPECT_TRUE(IsFault(e.tr(0x10008, STORE), MMU_CAUSE_PERM_WRITE, 15, 0));
        EXPECT_TRUE(IsFault(e.tr(0x10008, FETCH), MMU_CAUSE_PERM_EXEC, 12, 0));
        if (mxr)
            EXPECT_TRUE(IsOk(e.tr(0x11008, LOAD), 0x80011008, 0));
        else
            EXPECT_TRUE(IsFault(e.tr(0x11008, LOAD), MMU_CAUSE_PERM_READ, 13, 0));
        EXPECT_TRUE(IsFault(e.tr(0x11008, STORE), MMU_CAUSE_PERM_WRITE, 15, 0));
        EXPECT_TRUE(IsOk(e.tr(0x11008, FETCH), 0x80011008, 0));
        EXPECT_TRUE(IsOk(e.tr(0x12008, STORE), 0x80012008, 0));
        EXPECT_TRUE(IsFault(e.tr(0x12008, FETCH), MMU_CAUSE_PERM_EXEC, 12, 0));
        EXPECT_TRUE(IsOk(e.tr(0x13008, FETCH), 0x80013008, 0));
        EXPECT_TRUE(IsFault(e.tr(0x13008, STORE), MMU_CAUSE_PERM_WRITE, 15, 0));
    }
}

// Every valid leaf flag combination, access, privilege, SUM, MXR and A/D state against the leaf
// checks of SPEC 4.3 (ref_leaf), on walks (the TLB is flushed before each access).
TEST_P(PtwTest, LeafChecksExhaustive)
{
    Env e(GetParam(), SV39);
    const uint64_t rwx[] = {PTE_R, PTE_R | PTE_W, PTE_X, PTE_R | PTE_X, PTE_R | PTE_W | PTE_X};
    const uint64_t va = 0x3654200000ull;  // 2 MiB aligned
    unsigned n = 0;
    for (uint64_t p : rwx)
        for (uint64_t u : {uint64_t(0), PTE_U})
            for (uint64_t ad : {uint64_t(0), PTE_A, PTE_A | PTE_D, PTE_D})
                for (unsigned st = 0; st < 4; st++)
                    for (unsigned priv : {PRIV_U, PRIV_S})
                        for (unsigned acc : {LOAD, STORE, FETCH}) {
                            const bool sum = st & 1, mxr = st & 2;
                            const uint64_t flags = PTE_V | p | u | ad;
                            e.pt.map(va, 0x80000000, flags, 1);
                            e.status(sum, mxr, false);
                            e.flush();
                            LeafRef ref = ref_leaf(flags, false, acc, priv, sum, mxr, false);
                            Ans a = e.tr(va + 0x1234, acc, priv);
                            SCOPED_TRACE(::testing::Message() << "flags 0x" << std::hex << flags
                                                              << " acc " << acc << " priv " << priv
                                                              << " sum " << sum << " mxr " << mxr);
                            if (ref.cause)
                                ASSERT_TRUE(IsFault(a, ref.cause, page_exc(acc), 1));
                            else
                                ASSERT_TRUE(IsOk(a, 0x80001234, 1));
                            n++;
                        }
    EXPECT_EQ(n, 5u * 2 * 4 * 4 * 2 * 3);
}

// SPEC 4.3 / BUGCLASSES 7: "misaligned superpage: MISALIGNED_SUPERPAGE", after R/W/X and before A/D.
TEST_P(PtwTest, MisalignedSuperpages)
{
    struct Case {
        unsigned mode, level;
        uint64_t ppn;
    } cases[] = {
        {SV39, 1, 0x80001},       {SV39, 1, 0x80100},      {SV39, 2, 0x4000200},
        {SV39, 2, 0x4000001},     {SV39, 2, 0x4020000},    {SV48, 3, 0x8000000 | 0x4000000},
        {SV48, 3, 0x8000000 | 1}, {SV48, 2, 0x40000 | 0x200}, {SV32, 1, 0x400 | 0x200},
        {SV32, 1, 0x400 | 1},
    };
    const uint64_t va = 0x12345678;
    for (const Case &c : cases) {
        SCOPED_TRACE(::testing::Message() << "mode " << c.mode << " level " << c.level << " ppn 0x" << std::hex << c.ppn);
        Env e(GetParam(), c.mode);
        e.pt.map_ppn(va, c.ppn, LEAF_ALL, c.level);
        for (unsigned acc : {LOAD, STORE, FETCH})
            EXPECT_TRUE(IsFault(e.tr(va, acc), MMU_CAUSE_MISALIGNED_SUPERPAGE, page_exc(acc), c.level));
        // R/W/X first; misaligned before A/D with HWAD = 0, and no A/D write with HWAD = 1.
        e.pt.map_ppn(va, c.ppn, PTE_V | PTE_R, c.level);
        EXPECT_TRUE(IsFault(e.tr(va, STORE), MMU_CAUSE_PERM_WRITE, 15, c.level));
        EXPECT_TRUE(IsFault(e.tr(va, LOAD), MMU_CAUSE_MISALIGNED_SUPERPAGE, 13, c.level));
        e.status(false, false, true);
        Ans a = e.tr(va, LOAD);
        EXPECT_TRUE(IsFault(a, MMU_CAUSE_MISALIGNED_SUPERPAGE, 13, c.level));
        for (const MemAccess &m : a.acc)
            EXPECT_FALSE(m.write);
        EXPECT_EQ(e.r.rd(AD_WRITES), 0u);
        // The aligned neighbour is fine.
        const uint64_t aligned = c.ppn & ~((uint64_t(1) << (scheme(c.mode).vpn_bits * c.level)) - 1);
        e.pt.map_ppn(va, aligned, LEAF_ALL, c.level);
        EXPECT_TRUE(IsOk(e.tr(va, LOAD), compose_pa(c.mode, aligned, c.level, va), c.level));
    }
}

// SPEC 4.3 "With HWAD=0, A=0: A_CLEAR, then store with D=0: D_CLEAR", after every other check.
TEST_P(PtwTest, AccessedDirtyFaultsWithoutHwad)
{
    Env e(GetParam(), SV39);
    const uint64_t va = 0x200000;
    const uint64_t RWX = PTE_V | PTE_R | PTE_W | PTE_X;
    e.pt.map(va, 0x80000000, RWX);
    for (unsigned acc : {LOAD, STORE, FETCH})
        EXPECT_TRUE(IsFault(e.tr(va, acc), MMU_CAUSE_A_CLEAR, page_exc(acc), 0));
    e.pt.map(va, 0x80000000, RWX | PTE_D);  // D without A: still A_CLEAR
    EXPECT_TRUE(IsFault(e.tr(va, STORE), MMU_CAUSE_A_CLEAR, 15, 0));
    e.pt.map(va, 0x80000000, RWX | PTE_A);
    EXPECT_TRUE(IsOk(e.tr(va, LOAD), 0x80000000, 0));
    e.flush();
    EXPECT_TRUE(IsOk(e.tr(va, FETCH), 0x80000000, 0));
    e.flush();
    EXPECT_TRUE(IsFault(e.tr(va, STORE), MMU_CAUSE_D_CLEAR, 15, 0));
    // Permission faults come before A/D.
    e.pt.map(va, 0x80000000, PTE_V | PTE_R);
    e.flush();
    EXPECT_TRUE(IsFault(e.tr(va, STORE), MMU_CAUSE_PERM_WRITE, 15, 0));
    EXPECT_TRUE(IsFault(e.tr(va, LOAD, PRIV_U), MMU_CAUSE_PERM_SUPERVISOR_PAGE, 13, 0));
    EXPECT_TRUE(IsFault(e.tr(va, LOAD), MMU_CAUSE_A_CLEAR, 13, 0));
    EXPECT_EQ(e.r.rd(AD_WRITES), 0u);
}

// SPEC 4.3 HWAD=1: "the walker writes the leaf PTE as read with A set (and D for a store), at the
// read's address and size"; "The TLB stores A and D as written."
TEST_P(PtwTest, HardwareAccessedDirtyWrites)
{
    struct Case {
        uint64_t flags;
        unsigned acc;
        bool write;
        uint64_t written;
    } cases[] = {
        {PTE_V | PTE_R | PTE_W, LOAD, true, PTE_V | PTE_R | PTE_W | PTE_A},
        {PTE_V | PTE_R | PTE_W, STORE, true, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D},
        {PTE_V | PTE_R | PTE_W | PTE_A, STORE, true, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D},
        {PTE_V | PTE_R | PTE_W | PTE_D, LOAD, true, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D},
        {PTE_V | PTE_R | PTE_W | PTE_A, LOAD, false, 0},
        {PTE_V | PTE_X, FETCH, true, PTE_V | PTE_X | PTE_A},
        {PTE_V | PTE_R | PTE_W | PTE_A | PTE_D, STORE, false, 0},
    };
    const uint64_t keep = PTE_G | PTE_RSW1;  // carried through the write unchanged
    for (unsigned level : {0u, 1u})
        for (const Case &c : cases) {
            SCOPED_TRACE(::testing::Message() << "level " << level << " flags 0x" << std::hex
                                              << c.flags << " acc " << c.acc);
            Env e(GetParam(), SV39);
            e.status(false, false, true);
            const uint64_t va = 0x1234567abcull;
            const uint64_t pte_addr = e.pt.map(va, 0x80000000, c.flags | keep, level);
            const uint64_t pte = e.r.mem.read(pte_addr, 3);
            Ans a = e.tr(va, c.acc);
            EXPECT_TRUE(IsOk(a, compose_pa(SV39, 0x80000, level, va), level));
            const unsigned reads = 3 - level;
            ASSERT_EQ(a.acc.size(), reads + (c.write ? 1 : 0));
            if (c.write) {
                EXPECT_TRUE(IsWrite(a.acc[reads], pte_addr, 3, (pte & ~0xffull) | c.written | keep));
                EXPECT_EQ(e.r.mem.read(pte_addr, 3), (pte & ~0xffull) | c.written | keep);
            } else {
                EXPECT_EQ(e.r.mem.read(pte_addr, 3), pte);
            }
            ASSERT_TRUE(a.fill);
            mmu_tlb_entry_t t = e.r.entry(a.fill_index);
            const uint64_t now = c.write ? c.written : c.flags;
            EXPECT_EQ(t.a, bool(now & PTE_A));
            EXPECT_EQ(t.d, bool(now & PTE_D));
            EXPECT_EQ(t.level, level);
            EXPECT_TRUE(t.global);
            EXPECT_EQ(e.r.rd(AD_WRITES), c.write ? 1u : 0u);
            EXPECT_EQ(e.r.rd(PTE_READS), reads);
            // (n + 1)(L + 1) with the write, untimed L = 1 (decisions.md 8)
            EXPECT_EQ(e.r.rd(WALK_CYCLES), 2u * (reads + (c.write ? 1 : 0)));
        }
}

// SPEC 9.9: "The A/D write carries the PTE zero-extended" (Sv32: size 2), even when the read data's
// upper half carried junk.
TEST_P(PtwTest, Sv32AccessedDirtyWrite)
{
    Env e(GetParam(), SV32);
    e.r.mem.junk = 0xa5a5a5a500000000ull;
    e.status(false, false, true);
    const uint64_t va = 0x7fc01234;
    const uint64_t addr = e.pt.map(va, 0x3ffff000ull, PTE_V | PTE_R | PTE_W | PTE_U | PTE_RSW0);
    const uint64_t next = e.pt.map(va + 0x1000, 0x3fffe000ull, PTE_V | PTE_R);
    ASSERT_EQ(next, addr + 4);
    Ans a = e.tr(va, STORE, PRIV_U);
    EXPECT_TRUE(IsOk(a, 0x3ffff234ull, 0));
    ASSERT_EQ(a.acc.size(), 3u);
    const uint64_t want = make_pte(0x3ffff, PTE_V | PTE_R | PTE_W | PTE_U | PTE_RSW0 | PTE_A | PTE_D);
    EXPECT_TRUE(IsWrite(a.acc[2], addr, 2, want));
    EXPECT_EQ(want >> 32, 0u);
    EXPECT_EQ(e.r.mem.read(addr, 2), want);
    EXPECT_EQ(e.r.mem.read(addr + 4, 2), make_pte(0x3fffe, PTE_V | PTE_R));  // neighbour untouched
}

// SPEC 4.3 "No write ever happens for a faulting access" (BUGCLASSES 9), HWAD = 1.
TEST_P(PtwTest, NoAccessedDirtyWriteOnFault)
{
    Env e(GetParam(), SV39);
    e.status(false, false, true);
    const uint64_t va = 0x5000;
    struct Case {
        uint64_t flags;
        unsigned acc, priv, cause;
    } cases[] = {
        {PTE_V | PTE_R | PTE_W | PTE_U, LOAD, PRIV_S, MMU_CAUSE_PERM_USER_PAGE},
        {PTE_V | PTE_R | PTE_W | PTE_U, FETCH, PRIV_S, MMU_CAUSE_PERM_USER_PAGE},
        {PTE_V | PTE_R | PTE_W, STORE, PRIV_U, MMU_CAUSE_PERM_SUPERVISOR_PAGE},
        {PTE_V | PTE_R, STORE, PRIV_S, MMU_CAUSE_PERM_WRITE},
        {PTE_V | PTE_X, LOAD, PRIV_S, MMU_CAUSE_PERM_READ},
        {PTE_V | PTE_R | PTE_W, FETCH, PRIV_S, MMU_CAUSE_PERM_EXEC},
        {PTE_V | PTE_W, STORE, PRIV_S, MMU_CAUSE_PTE_RESERVED_WR},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(::testing::Message() << "flags 0x" << std::hex << c.flags << " acc " << c.acc);
        const uint64_t addr = e.pt.map(va, 0x80000000, c.flags);
        Ans a = e.tr(va, c.acc, c.priv);
        EXPECT_TRUE(IsFault(a, c.cause, page_exc(c.acc), 0));
        EXPECT_EQ(a.acc.size(), 3u);
        for (const MemAccess &m : a.acc)
            EXPECT_FALSE(m.write);
        EXPECT_EQ(e.r.mem.read(addr, 3), make_pte(0x80000, c.flags));
        EXPECT_FALSE(a.fill);
    }
    EXPECT_EQ(e.r.rd(AD_WRITES), 0u);
}

// SPEC 4.3 / BUGCLASSES 1, 8: a memory error is WALK_ACCESS_ERROR, an access fault of the original
// access type; the walk stops there; resp_level = the level of the PTE being read.
TEST_P(PtwTest, MemoryErrorOnRead)
{
    const uint64_t va = 0x1234567abcull;
    for (unsigned mode : {SV39, SV48, SV32})
        for (unsigned level = 0; level < scheme(mode).levels; level++)
            for (unsigned acc : {LOAD, STORE, FETCH}) {
                SCOPED_TRACE(::testing::Message() << "mode " << mode << " level " << level << " acc " << acc);
                Env e(GetParam(), mode);
                const uint64_t v = mode == SV32 ? va & 0xffffffff : va;
                e.pt.map(v, 0x80000000, LEAF_ALL);
                e.r.mem.set_error(e.pt.pte_addr(v, level), true);
                Ans a = e.tr(v, acc);
                EXPECT_TRUE(IsFault(a, MMU_CAUSE_WALK_ACCESS_ERROR, access_exc(acc), level));
                ASSERT_EQ(a.acc.size(), scheme(mode).levels - level);
                EXPECT_TRUE(a.acc.back().err);
                EXPECT_FALSE(a.fill);
                EXPECT_EQ(e.r.rd(PTE_READS), a.acc.size());
                EXPECT_EQ(e.r.rd(FAULTS), 1u);
                // Not installed: the next access walks again.
                e.r.mem.set_error(e.pt.pte_addr(v, level), false);
                Ans b = e.tr(v, acc);
                EXPECT_TRUE(IsOk(b, compose_pa(mode, 0x80000, 0, v), 0));
                EXPECT_FALSE(b.hit);
            }
}

// SPEC 4.3: "An error on the write: WALK_ACCESS_ERROR, no fill." A store stays a store; resp_level
// is the leaf's; the PTE in memory is unchanged and the next access walks again.
TEST_P(PtwTest, MemoryErrorOnAccessedDirtyWrite)
{
    for (unsigned level : {0u, 2u})
        for (unsigned acc : {LOAD, STORE, FETCH}) {
            SCOPED_TRACE(::testing::Message() << "level " << level << " acc " << acc);
            Env e(GetParam(), SV39);
            e.status(false, false, true);
            const uint64_t va = 0x1234567abcull;
            const uint64_t flags = PTE_V | PTE_R | PTE_W | PTE_X;
            const uint64_t addr = e.pt.map(va, 0x80000000, flags, level);
            e.r.mem.set_write_error(addr, true);
            Ans a = e.tr(va, acc);
            EXPECT_TRUE(IsFault(a, MMU_CAUSE_WALK_ACCESS_ERROR, access_exc(acc), level));
            const unsigned reads = 3 - level;
            ASSERT_EQ(a.acc.size(), reads + 1);
            EXPECT_TRUE(a.acc[reads].write);
            EXPECT_TRUE(a.acc[reads].err);
            EXPECT_FALSE(a.fill);
            EXPECT_EQ(e.r.mem.read(addr, 3), make_pte(0x80000, flags));
            EXPECT_EQ(e.r.rd(AD_WRITES), 1u);
            EXPECT_EQ(e.r.rd(PTE_READS), reads);
            EXPECT_EQ(e.r.valid_entries(), 0u);
            e.r.mem.set_write_error(addr, false);
            Ans b = e.tr(va, acc);
            EXPECT_TRUE(IsOk(b, compose_pa(SV39, 0x80000, level, va), level));
            EXPECT_FALSE(b.hit);
            EXPECT_EQ(b.acc.size(), reads + 1);
        }
}

// SPEC 4.3 "Global = the OR of G over the walk path"; a global entry hits under any ASID (SPEC 6).
TEST_P(PtwTest, GlobalIsOrOverPath)
{
    const uint64_t va = 0x1234567abcull;
    // g_level: the level whose PTE carries G (3 = none).
    for (unsigned g_level : {3u, 2u, 1u, 0u}) {
        SCOPED_TRACE("G at level " + std::to_string(g_level));
        Env e(GetParam(), SV39, 3);
        e.pt.map(va, 0x80000000, LEAF_ALL);
        if (g_level < 3)
            e.pt.set(va, g_level, e.pt.get(va, g_level) | PTE_G);
        Ans a = e.tr(va, LOAD);
        EXPECT_TRUE(IsOk(a, 0x80000abc, 0));
        ASSERT_TRUE(a.fill);
        EXPECT_EQ(e.r.entry(a.fill_index).global, g_level < 3);
        EXPECT_EQ(e.r.entry(a.fill_index).asid, 3u);
        EXPECT_FALSE(e.r.wr(SATP, e.pt.satp(4)));  // ASID change: no flush
        a = e.tr(va, LOAD);
        EXPECT_TRUE(IsOk(a, 0x80000abc, 0));
        EXPECT_EQ(a.hit, g_level < 3);
    }
}

// SPEC 7 "Faulting translations are never installed"; SPEC 4.3 "The TLB caches only valid leaf
// translations".
TEST_P(PtwTest, FaultsAreNotInstalled)
{
    Env e(GetParam(), SV39);
    const uint64_t va = 0x3000;
    e.pt.map(va, 0x80000000, PTE_V | PTE_R | PTE_A);
    for (int i = 0; i < 3; i++) {
        Ans a = e.tr(va, STORE);
        EXPECT_TRUE(IsFault(a, MMU_CAUSE_PERM_WRITE, 15, 0));
        EXPECT_FALSE(a.hit);
        EXPECT_FALSE(a.fill);
        EXPECT_EQ(a.acc.size(), 3u);
    }
    EXPECT_EQ(e.r.valid_entries(), 0u);
    EXPECT_EQ(e.r.rd(WALKS), 3u);
    EXPECT_EQ(e.r.rd(MISSES), 3u);
    EXPECT_EQ(e.r.rd(FAULTS), 3u);
}

// SPEC 3: M is never translated; Bare: the linear address is the physical address, no fault; SPEC 8:
// neither counts as a hit or a miss.
TEST_P(PtwTest, BareAndMachineMode)
{
    Rig r(GetParam());
    for (unsigned priv : {PRIV_U, PRIV_S, PRIV_M})
        for (unsigned acc : {LOAD, STORE, FETCH})
            for (uint64_t va : {0x0ull, 0x1234ull, 0x00ffffffffffffffull, 0xff00000000001000ull}) {
                Ans a = r.tr(va, acc, priv);
                EXPECT_TRUE(IsOk(a, va & 0x00ffffffffffffffull, 0));
                EXPECT_FALSE(a.hit);
                EXPECT_TRUE(a.acc.empty());
            }
    Env e(GetParam(), SV39);
    EXPECT_TRUE(IsOk(e.tr(0x8000000000000123ull, STORE, PRIV_M), 0x123, 0));  // not canonical: M
    for (unsigned k = HITS; k <= FLUSHES; k++) {
        EXPECT_EQ(r.rd(k), 0u) << mmu_csr_name(k);
        EXPECT_EQ(e.r.rd(k), 0u) << mmu_csr_name(k);
    }
}

// PTE addresses are 56 bits: tables at the top of the physical space (SATP.PPN up to bit 43).
TEST_P(PtwTest, TablesHighInPhysicalMemory)
{
    Rig r(GetParam());
    PageTables pt(r.mem, SV48, 0xfffffffff00000ull);
    pt.map(0x7fffffffe000ull, 0xffffffffffe000ull, LEAF_ALL);
    r.wr(SATP, pt.satp());
    EXPECT_EQ(r.rd(SATP) & ((uint64_t(1) << 44) - 1), 0xfffffffff00ull);
    Ans a = r.tr(0x7fffffffefffull, LOAD, PRIV_S);
    EXPECT_TRUE(IsOk(a, 0xffffffffffefffull, 0));
    ASSERT_EQ(a.acc.size(), 4u);
    EXPECT_EQ(a.acc[0].addr, 0xfffffffff00000ull + 0xff * 8);
    for (const MemAccess &m : a.acc)
        EXPECT_EQ(m.addr >> 56, 0u);
}

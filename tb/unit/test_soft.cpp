// Soft mode (docs/spec.md 4.6, 9.13-9.16): the software-refilled TLB on both faces. The values
// expected here are computed from the spec's layouts (TLB_HI = ASID << 44 | VA[38:12] << 12 |
// LEVEL; TLB_LO = a Sv39 leaf PTE), not taken from the model; the last test drives random Soft
// streams through both faces and requires the same answers and register values.
#include <random>

#include "unit_fixture.h"

using namespace ut;

namespace {

class SoftTest : public FaceTest {};

constexpr unsigned SOFT = MMU_SATP_SOFT;
constexpr unsigned TLB_INDEX = MMU_CSR_TLB_INDEX, TLB_HI = MMU_CSR_TLB_HI, TLB_LO = MMU_CSR_TLB_LO;
constexpr unsigned TLB_CMD = MMU_CSR_TLB_CMD, TLB_BADVA = MMU_CSR_TLB_BADVA;
constexpr unsigned TLBWI = MMU_TLB_CMD_TLBWI, TLBWR = MMU_TLB_CMD_TLBWR, TLBP = MMU_TLB_CMD_TLBP;
constexpr unsigned TLBR = MMU_TLB_CMD_TLBR;
constexpr uint64_t P_BIT = uint64_t(1) << 63;

uint64_t hi(uint64_t asid, uint64_t va, unsigned level = 0)
{
    return (asid << 44) | (((va >> 12) & ((uint64_t(1) << 27) - 1)) << 12) | level;
}
uint64_t lo(uint64_t ppn, uint64_t flags) { return (ppn << 10) | flags; }

struct Soft {
    Rig r;
    explicit Soft(Face f, unsigned entries = 16, uint64_t asid = 3) : r(f, entries, 16)
    {
        r.wr(SATP, satp_val(SOFT, asid, 0));
    }
    void cmd(unsigned c) { r.wr(TLB_CMD, c); }
    void refill(uint64_t asid, uint64_t va, uint64_t ppn, uint64_t flags, unsigned level = 0)
    {
        r.wr(TLB_HI, hi(asid, va, level));
        r.wr(TLB_LO, lo(ppn, flags));
        cmd(TLBWR);
    }
};

TEST_P(SoftTest, MissFaultsAndLoadsBadvaAndHi)
{
    Soft s(GetParam());
    Ans a = s.r.tr(0x12345678, STORE, PRIV_S);
    EXPECT_TRUE(IsFault(a, MMU_CAUSE_TLB_MISS, page_exc(STORE), 0)) << describe(a);
    EXPECT_FALSE(a.hit);
    EXPECT_TRUE(a.acc.empty()) << "Soft mode never touches memory";
    EXPECT_EQ(s.r.rd(TLB_BADVA), 0x12345678u);
    EXPECT_EQ(s.r.rd(TLB_HI), hi(3, 0x12345678));
    EXPECT_EQ(s.r.rd(MISSES), 1u);
    EXPECT_EQ(s.r.rd(FAULTS), 1u);
    EXPECT_EQ(s.r.rd(WALKS), 0u);
    EXPECT_EQ(s.r.rd(PTE_READS), 0u);
}

TEST_P(SoftTest, RefillThenHitsWithTheLeafChecks)
{
    Soft s(GetParam());
    s.refill(3, 0x40001000, 0x80123, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    EXPECT_TRUE(IsOk(s.r.tr(0x40001abc, LOAD, PRIV_S), 0x80123abc, 0));
    Ans f = s.r.tr(0x40001000, FETCH, PRIV_S);
    EXPECT_TRUE(IsFault(f, MMU_CAUSE_PERM_EXEC, page_exc(FETCH), 0));
    EXPECT_TRUE(f.hit);
    // A = 0: A_CLEAR on the hit even with HWAD = 1 (the OS keeps A and D)
    s.r.wr(STATUS, status_val(false, false, true));
    s.refill(3, 0x40002000, 0x80200, PTE_V | PTE_R | PTE_W);
    EXPECT_TRUE(IsFault(s.r.tr(0x40002000, LOAD, PRIV_S), MMU_CAUSE_A_CLEAR, page_exc(LOAD), 0));
    s.refill(3, 0x40003000, 0x80201, PTE_V | PTE_R | PTE_W | PTE_A);
    EXPECT_TRUE(IsFault(s.r.tr(0x40003000, STORE, PRIV_S), MMU_CAUSE_D_CLEAR, page_exc(STORE), 0));
    // a 2 MiB entry and a misaligned one (installed; every hit faults after R/W/X)
    s.refill(3, 0x40200000, 0x80400, PTE_V | PTE_R | PTE_A, 1);
    EXPECT_TRUE(IsOk(s.r.tr(0x402abcde, LOAD, PRIV_S), 0x804abcde, 1));
    s.refill(3, 0x40400000, 0x80401, PTE_V | PTE_R | PTE_A, 1);
    EXPECT_TRUE(IsFault(s.r.tr(0x40400000, LOAD, PRIV_S), MMU_CAUSE_MISALIGNED_SUPERPAGE, page_exc(LOAD), 1));
    EXPECT_TRUE(IsFault(s.r.tr(0x40400000, STORE, PRIV_S), MMU_CAUSE_PERM_WRITE, page_exc(STORE), 1));
    EXPECT_EQ(s.r.rd(WALKS), 0u);
}

TEST_P(SoftTest, ProbeReadAndTheIndexRules)
{
    Soft s(GetParam(), 8);
    s.refill(3, 0xffffffc000005000, 0x80500, PTE_V | PTE_R | PTE_A | PTE_G);  // entry 0
    s.refill(3, 0x5000, 0x80600, PTE_V | PTE_X | PTE_A);                      // entry 1
    EXPECT_TRUE(IsOk(s.r.tr(0xffffffc000005678, LOAD, PRIV_S), 0x80500678, 0));
    // TLBP finds entry 0 under any ASID (global), LEVEL ignored; entry 1 only under ASID 3
    s.r.wr(TLB_HI, hi(9, 0xffffffc000005000, 2));
    s.cmd(TLBP);
    EXPECT_EQ(s.r.rd(TLB_INDEX), 0u);
    s.r.wr(TLB_HI, hi(9, 0x5000));
    s.cmd(TLBP);
    EXPECT_EQ(s.r.rd(TLB_INDEX), P_BIT);  // not found: P set, index kept
    // an index write keeps P; one beyond the TLB (8 entries) is ignored
    s.r.wr(TLB_INDEX, 1);
    EXPECT_EQ(s.r.rd(TLB_INDEX), P_BIT | 1);
    s.r.wr(TLB_INDEX, 8);
    EXPECT_EQ(s.r.rd(TLB_INDEX), P_BIT | 1);
    s.cmd(TLBR);
    EXPECT_EQ(s.r.rd(TLB_HI), hi(3, 0x5000));
    EXPECT_EQ(s.r.rd(TLB_LO), lo(0x80600, PTE_V | PTE_X | PTE_A));
    s.r.wr(TLB_INDEX, 0);
    s.cmd(TLBR);
    EXPECT_EQ(s.r.rd(TLB_HI), hi(3, 0xffffffc000005000));  // VPN bits [38:12] as written
    // TLBWI with V = 0 invalidates (a flush on the cycle face's trace), TLBR then reads 0
    s.r.wr(TLB_LO, PTE_R);
    EXPECT_TRUE(s.r.wr(TLB_CMD, TLBWI));
    s.cmd(TLBR);
    EXPECT_EQ(s.r.rd(TLB_HI), 0u);
    EXPECT_EQ(s.r.rd(TLB_LO), 0u);
    EXPECT_TRUE(IsFault(s.r.tr(0xffffffc000005678, LOAD, PRIV_S), MMU_CAUSE_TLB_MISS, page_exc(LOAD), 0));
    EXPECT_EQ(s.r.rd(FLUSHES), 0u) << "an index invalidation is not a FLUSH command";
}

TEST_P(SoftTest, IllegalLeavesAndOtherModesDoNothing)
{
    Soft s(GetParam(), 4);
    s.refill(3, 0x1000, 0x80001, PTE_V | PTE_W | PTE_A | PTE_D);  // W without R
    s.refill(3, 0x1000, 0x80001, PTE_V | PTE_A | PTE_D);          // a pointer
    EXPECT_EQ(s.r.valid_entries(), 0u);
    // outside Soft mode TLB_CMD does nothing; the TLB_* registers are ordinary registers
    s.r.wr(SATP, satp_val(BARE, 0, 0));
    s.r.wr(TLB_LO, lo(0x80002, PTE_V | PTE_R));
    s.cmd(TLBWR);
    EXPECT_EQ(s.r.valid_entries(), 0u);
    EXPECT_EQ(s.r.rd(TLB_LO), lo(0x80002, PTE_V | PTE_R));
    // a TLB_HI write with LEVEL 3 is ignored whole
    uint64_t before = s.r.rd(TLB_HI);
    s.r.wr(TLB_HI, hi(1, 0x7000, 3));
    EXPECT_EQ(s.r.rd(TLB_HI), before);
}

// TLBWR is a fill (FIFO pointer, EVICTIONS); TLBWI touches LRU only: the FIFO victim after
// TLBWIs is still where TLBWRs left it.
TEST_P(SoftTest, TlbwrIsAFillTlbwiIsNot)
{
    Soft s(GetParam(), 4);
    s.r.wr(TLBCTL, tlbctl_val(FIFO, 1));
    for (unsigned k = 0; k < 4; k++)
        s.refill(3, 0x10000 + k * 0x1000, 0x90000 + k, PTE_V | PTE_R | PTE_A);  // entries 0..3, p = 0
    s.r.wr(TLB_INDEX, 2);
    s.r.wr(TLB_HI, hi(3, 0x20000));
    s.cmd(TLBWI);  // entry 2 rewritten; p stays 0
    EXPECT_EQ(s.r.rd(EVICTIONS), 0u);
    s.refill(3, 0x30000, 0x90030, PTE_V | PTE_R | PTE_A);  // FIFO victim p = 0
    EXPECT_EQ(s.r.rd(EVICTIONS), 1u);
    EXPECT_TRUE(IsFault(s.r.tr(0x10000, LOAD, PRIV_S), MMU_CAUSE_TLB_MISS, page_exc(LOAD), 0));
    Ans a = s.r.tr(0x30000, LOAD, PRIV_S);
    EXPECT_TRUE(a.hit && a.hit_index == 0) << describe(a);
}

// Random Soft streams through both faces: the same answers, register reads and TLB contents.
TEST(SoftFaces, RandomStreamsAgree)
{
    for (uint64_t seed = 1; seed <= 6; seed++) {
        std::mt19937_64 g(seed);
        Soft u(Face::Untimed, 8, 2), c(Face::Cycle, 8, 2);
        unsigned hits = 0, misses = 0, cmds = 0;
        for (unsigned step = 0; step < 6000; step++) {
            uint64_t va = (g() % 4 == 0 ? g() : 0x40000000 + (g() % 24) * 0x1000 + (g() & 0xff8));
            if (g() % 2 == 0) {
                unsigned acc = unsigned(g() % 3), priv = unsigned(g() % 2);
                Ans a = u.r.tr(va, acc, priv), b = c.r.tr(va, acc, priv);
                ASSERT_TRUE(SameAnswer(a, b)) << "seed " << seed << " step " << step;
                ASSERT_EQ(a.hit, b.hit);
                hits += a.hit;
                misses += a.fault && a.cause == MMU_CAUSE_TLB_MISS;
                continue;
            }
            unsigned reg = unsigned(g() % 5);
            uint64_t v = reg == 0 ? hi(g() % 4, va, unsigned(g() % 4))
                       : reg == 1 ? lo(g() & 0xfffff, g() % 2 ? PTE_V | PTE_R | PTE_A | (g() & 0xff) : g() & 0xff) |
                                        (g() % 8 == 0 ? g() : 0)
                       : reg == 2 ? g() % 10
                       : reg == 3 ? g() % 4
                                  : satp_val(g() % 16 == 0 ? SV39 : SOFT, g() % 4, 0);
            static const unsigned regs[] = {TLB_HI, TLB_LO, TLB_INDEX, TLB_CMD, SATP};
            ASSERT_EQ(u.r.wr(regs[reg], v), c.r.wr(regs[reg], v)) << "seed " << seed << " step " << step;
            cmds += reg == 3;
            for (unsigned a : {TLB_INDEX, TLB_HI, TLB_LO, TLB_BADVA, HITS, MISSES, EVICTIONS})
                ASSERT_EQ(u.r.rd(a), c.r.rd(a)) << mmu_csr_name(a) << " seed " << seed << " step " << step;
        }
        for (unsigned i = 0; i < 8; i++) {
            mmu_tlb_entry_t a = u.r.entry(i), b = c.r.entry(i);
            ASSERT_EQ(a.valid, b.valid);
            if (a.valid)
                ASSERT_TRUE(a.vpn == b.vpn && a.ppn == b.ppn && a.level == b.level && a.asid == b.asid);
        }
        EXPECT_GT(hits, 100u);
        EXPECT_GT(misses, 100u);
        EXPECT_GT(cmds, 500u);
    }
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Faces, SoftTest, ::testing::Values(Face::Untimed, Face::Cycle), face_name);

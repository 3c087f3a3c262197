// The OS model with a software-refilled TLB (Soft mode, docs/spec.md 4.6): the refill handler's
// work per miss, A and D kept by the handler, megapages through TLB_HI's LEVEL, copy-on-write and
// CLOCK on top of it, and the same paging outcome as the hardware walker on the same accesses.
#include <random>

#include "os_test_util.h"

using namespace ost;

namespace {

constexpr uint64_t X = 0x10000, Y = 0x20000;

os_config_t soft(unsigned frames, os_replace_e replace = OS_REPLACE_FIFO)
{
    os_config_t c = config(frames, replace);
    c.soft_refill = true;
    return c;
}

TEST(SoftRefill, AMissTrapsAndTheHandlerRefillsWithATlbwr)
{
    Os os(soft(8));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    os_access_result_t r{};
    EXPECT_EQ(os.load(1, X + 8, &r), 0u);
    EXPECT_TRUE(r.zero_fill) << "the handler found no leaf and ran the page-fault handler";
    EXPECT_FALSE(r.tlb_hit);
    os_stats_t s = os.stats();
    EXPECT_EQ(s.refills, 1u);
    // TLB_BADVA read, TLB_LO write, TLB_CMD TLBWR: 3
    EXPECT_EQ(s.refill_csr_ops, 3u);
    // before the fault the empty root entry ends the walk (1 read), after it all 3 levels
    EXPECT_EQ(s.refill_pte_reads, 1u + 3u);
    EXPECT_EQ(s.mmu[MMU_CNT_MISSES], 1u) << "the retry hits the refilled entry";
    EXPECT_EQ(s.mmu[MMU_CNT_WALKS], 0u) << "Soft mode never walks";
    EXPECT_EQ(s.mmu[MMU_CNT_PTE_READS], 0u);
    EXPECT_TRUE(os.pte(1, X) & MMU_PTE_A) << "the handler sets A when it refills";
    EXPECT_FALSE(os.pte(1, X) & MMU_PTE_D);
    EXPECT_EQ(os.load(1, X + 16, &r), 0u);
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_EQ(os.stats().refills, 1u);
    const uint64_t satp = mmu_csr_read(os_mmu(os.get()), MMU_CSR_SATP);
    EXPECT_EQ(MMU_FIELD(satp, SATP_MODE), unsigned(MMU_SATP_SOFT));
}

TEST(SoftRefill, AStoreToACleanEntryTrapsToSetD)
{
    Os os(soft(8));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    os.load(1, X);  // refilled with D = 0
    const uint64_t ops = os.stats().refill_csr_ops;
    os.store(1, X + 8, 7);
    const os_stats_t s = os.stats();
    EXPECT_EQ(s.ad_traps, 1u) << "D_CLEAR on the hit";
    EXPECT_EQ(s.refill_pte_writes, 2u) << "A at the refill, D at the trap";
    // TLB_HI, TLBP, TLB_INDEX read, TLB_LO, TLBWI
    EXPECT_EQ(s.refill_csr_ops - ops, 5u);
    EXPECT_EQ(s.refills, 1u) << "the entry was rewritten in place, not refilled";
    EXPECT_TRUE(os.pte(1, X) & MMU_PTE_D);
    os_access_result_t r{};
    EXPECT_EQ(os.load(1, X + 8, &r), 7u);
    EXPECT_TRUE(r.tlb_hit);
    // a store that misses refills with D already set: no trap
    os.store(1, Y, 1);
    EXPECT_EQ(os.stats().ad_traps, 1u);
    EXPECT_TRUE(os.pte(1, Y) & MMU_PTE_D);
}

TEST(SoftRefill, AMegapageIsOneEntryThroughTlbHiLevel)
{
    os_config_t c = soft(2048);
    c.superpages = true;
    Os os(c);
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    const uint64_t base = 0x40000000;  // 2 MiB aligned
    os.load(1, base);
    unsigned level = 9;
    os.pte(1, base, &level);
    ASSERT_EQ(level, 1u) << "the OS mapped a megapage";
    for (uint64_t off = 0x1000; off < 0x200000; off += 0x3000) {
        os_access_result_t r{};
        os.load(1, base + off, &r);
        EXPECT_TRUE(r.tlb_hit) << "offset 0x" << std::hex << off << " hits the one level-1 entry";
    }
    const os_stats_t s = os.stats();
    EXPECT_EQ(s.refills, 1u);
    EXPECT_EQ(s.refill_csr_ops, 4u) << "TLB_BADVA, TLB_HI (level 1), TLB_LO, TLBWR";
    EXPECT_EQ(s.stale_translations, 0u);
}

TEST(SoftRefill, CopyOnWriteAndClockWork)
{
    Os os(soft(4, OS_REPLACE_CLOCK));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    os.store(1, X, 11);
    ASSERT_EQ(os_fork(os.get(), 1, 2), OS_OK);
    os.store(2, X, 22);
    EXPECT_EQ(os.load(1, X), 11u);
    EXPECT_EQ(os.load(2, X), 22u);
    EXPECT_EQ(os.stats().cow_copies, 1u);
    for (uint64_t p = 0; p < 12; p++)  // pressure on 4 frames: CLOCK clears A, the handler sets it
        os.store(1, 0x100000 + p * 0x1000, p);
    for (uint64_t p = 0; p < 12; p++)
        EXPECT_EQ(os.load(1, 0x100000 + p * 0x1000), p);
    const os_stats_t s = os.stats();
    EXPECT_GT(s.a_bit_clears, 0u);
    EXPECT_GT(s.writebacks, 0u);
    EXPECT_EQ(s.stale_translations, 0u);
}

TEST(SoftRefill, TheSameAccessesGiveTheSamePagingAsTheWalker)
{
    // Random loads and stores over 40 pages in 16 frames, two processes, a fork: the page faults,
    // evictions, writebacks and every physical address are the same with either miss handler.
    for (os_replace_e rep : {OS_REPLACE_FIFO, OS_REPLACE_LRU, OS_REPLACE_CLOCK, OS_REPLACE_SECOND_CHANCE}) {
        os_config_t hc = config(16, rep), sc = soft(16, rep);
        Os hw(hc), sw(sc);
        for (Os *os : {&hw, &sw})
            ASSERT_EQ(os_spawn(os->get(), 1), OS_OK);
        std::mt19937_64 rng(rep + 1);
        for (int i = 0; i < 4000; i++) {
            if (i == 1500)
                for (Os *os : {&hw, &sw})
                    ASSERT_EQ(os_fork(os->get(), 1, 2), OS_OK);
            const int pid = i > 1500 && (rng() & 1) ? 2 : 1;
            const uint64_t va = 0x200000 + (rng() % 40) * 0x1000 + (rng() % 512) * 8;
            const bool store = rng() % 3 == 0;
            os_access_result_t rh{}, rs{};
            if (store) {
                rh = hw.store(pid, va, uint64_t(i));
                rs = sw.store(pid, va, uint64_t(i));
            } else {
                EXPECT_EQ(hw.load(pid, va, &rh), sw.load(pid, va, &rs)) << "access " << i;
            }
            ASSERT_EQ(rh.pa, rs.pa) << os_replace_name(rep) << " access " << i;
            ASSERT_EQ(rh.page_fault, rs.page_fault) << os_replace_name(rep) << " access " << i;
        }
        const os_stats_t h = hw.stats(), s = sw.stats();
        EXPECT_EQ(h.page_faults, s.page_faults) << os_replace_name(rep);
        EXPECT_EQ(h.evictions, s.evictions) << os_replace_name(rep);
        EXPECT_EQ(h.writebacks, s.writebacks) << os_replace_name(rep);
        EXPECT_EQ(h.cow_copies, s.cow_copies) << os_replace_name(rep);
        EXPECT_EQ(s.stale_translations, 0u);
        EXPECT_EQ(s.mmu[MMU_CNT_WALKS], 0u);
        EXPECT_GT(s.refills, 0u);
        EXPECT_EQ(h.refills, 0u);
    }
}

TEST(SoftRefill, TeachingTablesAreRefused)
{
    os_config_t c = soft(8);
    c.teaching = true;
    c.replace = OS_REPLACE_FIFO;
    char err[256] = "";
    EXPECT_EQ(os_create(&c, err, sizeof err), nullptr);
    EXPECT_NE(std::string(err).find("Soft"), std::string::npos) << err;
}

}  // namespace

// The OS model's paging: zero fill on demand, swap out and in with writebacks of dirty pages only,
// copy-on-write after fork, ASIDs and context switches, megapages, the teaching format, and
// faults it does not handle.
#include "os_test_util.h"

using namespace ost;

namespace {

constexpr uint64_t X = 0x10000, Y = 0x20000, Z = 0x30000, W = 0x40000;

TEST(Paging, ZeroFillOnDemand)
{
    Os os(config(8));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    os_access_result_t r{};
    EXPECT_EQ(os.load(1, X + 8, &r), 0u) << "a new page reads as zeros";
    EXPECT_TRUE(r.page_fault);
    EXPECT_TRUE(r.zero_fill);
    EXPECT_FALSE(r.tlb_hit);
    unsigned level = 9;
    uint64_t pte = os.pte(1, X, &level);
    EXPECT_EQ(level, 0u);
    const uint64_t rwxu = MMU_PTE_V | MMU_PTE_R | MMU_PTE_W | MMU_PTE_X | MMU_PTE_U;
    EXPECT_EQ(pte & rwxu, rwxu);
    EXPECT_TRUE(pte & MMU_PTE_A) << "the walker sets A (HWAD=1)";
    EXPECT_FALSE(pte & MMU_PTE_D) << "no store yet";
    os.store(1, X + 8, 42);
    EXPECT_TRUE(os.pte(1, X) & MMU_PTE_D) << "the store's walk sets D";
    EXPECT_EQ(os.load(1, X + 8, &r), 42u);
    EXPECT_FALSE(r.page_fault);
    EXPECT_TRUE(r.tlb_hit);
    const os_stats_t s = os.stats();
    EXPECT_EQ(s.page_faults, 1u);
    EXPECT_EQ(s.zero_fills, 1u);
    EXPECT_EQ(s.frames_used, 1u);
    EXPECT_EQ(s.stale_translations, 0u);
}

TEST(Paging, SwapOutAndInKeepsTheData)
{
    Os os(config(2, OS_REPLACE_FIFO));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    const uint64_t pages[] = {X, Y, Z, W};
    for (unsigned i = 0; i < 4; i++)
        os.store(1, pages[i], 100 + i);
    // 2 frames: X and Y were evicted dirty to make room for Z and W
    os_stats_t s = os.stats();
    EXPECT_EQ(s.evictions, 2u);
    EXPECT_EQ(s.writebacks, 2u);
    EXPECT_EQ(s.frames_used, 2u);
    EXPECT_FALSE(os.pte(1, X) & MMU_PTE_V) << "an evicted page's PTE is invalid";
    for (unsigned i = 0; i < 4; i++) {
        os_access_result_t r{};
        EXPECT_EQ(os.load(1, pages[i], &r), 100 + i) << "page " << i;
        EXPECT_TRUE(r.swap_in) << "page " << i << " comes back from swap";
    }
    s = os.stats();
    EXPECT_EQ(s.swap_ins, 4u);
    EXPECT_EQ(s.page_faults, 8u);
    // FIFO evicted Z and W (dirty) for X and Y, then X and Y (clean now: their swap copies are
    // still good) for Z and W
    EXPECT_EQ(s.writebacks, 4u);
    EXPECT_EQ(s.evictions, 6u);
    EXPECT_EQ(s.stale_translations, 0u);
}

TEST(Paging, OnlyDirtyVictimsAreWrittenBack)
{
    Os os(config(1));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    os.load(1, X);                         // zero fill, clean
    auto r = os.access(1, LOAD, Y);        // evicts X: clean and never written: no write
    EXPECT_TRUE(r.evicted && !r.writeback);
    EXPECT_EQ(os.pte(1, X), 0u) << "never written: zero fill again, no swap slot";
    os.store(1, Y, 5);
    r = os.access(1, LOAD, X);             // evicts Y: dirty
    EXPECT_TRUE(r.evicted && r.writeback);
    r = os.access(1, LOAD, Y);             // swap-in of Y, evicts X clean
    EXPECT_TRUE(r.swap_in && r.evicted && !r.writeback);
    r = os.access(1, LOAD, X);             // evicts Y again: clean, its slot still holds 5
    EXPECT_TRUE(r.evicted && !r.writeback);
    EXPECT_EQ(os.load(1, Y), 5u);
    EXPECT_EQ(os.stats().writebacks, 1u);
}

TEST(Paging, ForkSharesPagesCopyOnWrite)
{
    Os os(config(8));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    os.store(1, X, 111);
    ASSERT_EQ(os_fork(os.get(), 1, 2), OS_OK) << os.error();
    EXPECT_EQ(os.pa(1, X), os.pa(2, X)) << "shared, not copied";
    EXPECT_EQ(os_frame_sharers(os.get(), os.pa(1, X)), 2u);
    EXPECT_FALSE(os.pte(1, X) & MMU_PTE_W) << "write-protected in the parent";
    EXPECT_FALSE(os.pte(2, X) & MMU_PTE_W) << "and in the child";
    EXPECT_EQ(os.load(2, X), 111u);
    const uint64_t shared = os.pa(1, X);
    auto r = os.store(2, X, 222);
    EXPECT_TRUE(r.cow_fault && r.cow_copy);
    EXPECT_NE(os.pa(2, X), shared) << "the child got a copy";
    EXPECT_TRUE(os.pte(2, X) & MMU_PTE_W);
    EXPECT_EQ(os.load(1, X), 111u);
    EXPECT_EQ(os.load(2, X), 222u);
    // the parent is now alone on its frame: a store fault makes it writable, no copy
    r = os.store(1, X, 333);
    EXPECT_TRUE(r.cow_fault);
    EXPECT_FALSE(r.cow_copy);
    EXPECT_EQ(os.pa(1, X), shared);
    EXPECT_EQ(os.load(1, X), 333u);
    EXPECT_EQ(os.load(2, X), 222u);
    const os_stats_t s = os.stats();
    EXPECT_EQ(s.cow_faults, 2u);
    EXPECT_EQ(s.cow_copies, 1u);
    EXPECT_EQ(s.stale_translations, 0u);
    EXPECT_GE(s.flushes[OS_FLUSH_FORK], 1u);
    EXPECT_EQ(s.flushes[OS_FLUSH_COW], 2u);
}

TEST(Paging, ForkSharesSwappedOutPages)
{
    Os os(config(1));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    os.store(1, X, 7);
    os.store(1, Y, 8); // X goes to swap
    ASSERT_EQ(os_fork(os.get(), 1, 2), OS_OK) << os.error();
    EXPECT_EQ(os.load(2, X), 7u);
    EXPECT_EQ(os.load(1, X), 7u);
    os.store(2, X, 9);
    EXPECT_EQ(os.load(1, X), 7u) << "the child's store stays in the child";
    EXPECT_EQ(os.load(2, X), 9u);
    EXPECT_EQ(os.load(1, Y), 8u);
    EXPECT_EQ(os.load(2, Y), 8u);
    EXPECT_EQ(os.stats().stale_translations, 0u);
}

TEST(Paging, ExitFreesFramesAndSlots)
{
    Os os(config(2));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    os.store(1, X, 1);
    os.store(1, Y, 2);
    os.store(1, Z, 3);
    ASSERT_EQ(os_exit(os.get(), 1), OS_OK);
    const os_stats_t s = os.stats();
    EXPECT_EQ(s.frames_used, 0u);
    EXPECT_EQ(s.table_pages, 0u);
    EXPECT_NE(os_access(os.get(), 1, LOAD, X, OS_NO_NEXT_USE, nullptr), OS_OK) << "pid 1 is gone";
}

TEST(Paging, AsidsKeepTheTlbAcrossSwitches)
{
    Os os(config(8));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    ASSERT_EQ(os_spawn(os.get(), 2), OS_OK);
    os.store(1, X, 1);
    os.store(2, X, 2);
    for (int i = 0; i < 4; i++) {
        os_access_result_t r1{}, r2{};
        EXPECT_EQ(os.load(1, X, &r1), 1u);
        EXPECT_EQ(os.load(2, X, &r2), 2u);
        EXPECT_TRUE(r1.tlb_hit && r2.tlb_hit) << "round " << i;
    }
    const os_stats_t s = os.stats();
    EXPECT_EQ(s.context_switches, 10u);
    EXPECT_EQ(s.mmu[MMU_CNT_FLUSHES], 0u) << "with ASIDs a switch only writes SATP";
}

TEST(Paging, WithoutAsidsEverySwitchFlushes)
{
    os_config_t c = config(8);
    c.asid_bits = 0;
    Os os(c);
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    ASSERT_EQ(os_spawn(os.get(), 2), OS_OK);
    os.store(1, X, 1);
    os.store(2, X, 2);
    for (int i = 0; i < 4; i++) {
        os_access_result_t r1{}, r2{};
        EXPECT_EQ(os.load(1, X, &r1), 1u);
        EXPECT_EQ(os.load(2, X, &r2), 2u);
        EXPECT_FALSE(r1.tlb_hit || r2.tlb_hit) << "round " << i;
    }
    const os_stats_t s = os.stats();
    EXPECT_EQ(s.context_switches, 10u);
    EXPECT_EQ(s.flushes[OS_FLUSH_SWITCH], 9u) << "every switch but the first";
    EXPECT_EQ(s.stale_translations, 0u);
}

TEST(Paging, OneAsidPassesBetweenProcesses)
{
    os_config_t c = config(8);
    c.asid_bits = 1; // ASID 0 means none, so one ASID for two processes
    Os os(c);
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    ASSERT_EQ(os_spawn(os.get(), 2), OS_OK);
    for (int i = 0; i < 3; i++) {
        os.store(1, X, 10 + i);
        os.store(2, X, 20 + i);
    }
    EXPECT_EQ(os.load(1, X), 12u);
    EXPECT_EQ(os.load(2, X), 22u);
    const os_stats_t s = os.stats();
    EXPECT_EQ(s.flushes[OS_FLUSH_ASID], s.context_switches - 1) << "each switch takes the ASID back";
    EXPECT_EQ(s.stale_translations, 0u);
}

TEST(Paging, MegapagesMapAWholeRegionWithOneFault)
{
    os_config_t c = config(1024);
    c.superpages = true;
    c.replace = OS_REPLACE_CLOCK;
    Os os(c);
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    const uint64_t region = 0x40000000;
    for (uint64_t p = 0; p < 512; p++)
        os.access(1, LOAD, region + p * PAGE);
    unsigned level = 0;
    os.pte(1, region, &level);
    EXPECT_EQ(level, 1u) << "a level-1 leaf";
    os_stats_t s = os.stats();
    EXPECT_EQ(s.page_faults, 1u);
    EXPECT_EQ(s.megapages, 1u);
    EXPECT_EQ(s.frames_used, 512u);
    EXPECT_LE(s.mmu[MMU_CNT_MISSES], 2u) << "one TLB entry covers the region (the fault's walk and the retry)";
    EXPECT_EQ(os.pa(1, region + 0x12345), os.pa(1, region) + 0x12345);

    Os small(config(1024));
    ASSERT_EQ(os_spawn(small.get(), 1), OS_OK);
    for (uint64_t p = 0; p < 512; p++)
        small.access(1, LOAD, region + p * PAGE);
    s = small.stats();
    EXPECT_EQ(s.page_faults, 512u);
    EXPECT_EQ(s.megapages, 0u);
}

TEST(Paging, AMegapageIsSwappedOutAsPages)
{
    os_config_t c = config(512);
    c.superpages = true;
    c.replace = OS_REPLACE_FIFO;
    Os os(c);
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    const uint64_t a = 0x40000000, b = 0x40200000;
    os.store(1, a + 5 * PAGE, 77); // a megapage, dirty
    auto r = os.access(1, LOAD, b); // no aligned run left: a 4 KiB page, the megapage goes
    EXPECT_TRUE(r.evicted && r.writeback);
    unsigned level = 9;
    os.pte(1, b, &level);
    EXPECT_EQ(level, 0u);
    os_stats_t s = os.stats();
    EXPECT_EQ(s.writebacks, 512u) << "a dirty megapage is 512 pages to write";
    EXPECT_EQ(os.load(1, a + 5 * PAGE, &r), 77u);
    EXPECT_TRUE(r.swap_in);
    os.pte(1, a + 5 * PAGE, &level);
    EXPECT_EQ(level, 0u) << "it comes back as a 4 KiB page";
    EXPECT_EQ(os.stats().stale_translations, 0u);
}

TEST(Paging, TeachingFormatSwapsThroughThePresentBit)
{
    os_config_t c = config(1, OS_REPLACE_LRU);
    c.teaching = true;
    Os os(c);
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    EXPECT_EQ(mmu_csr_read(os_mmu(os.get()), MMU_CSR_SATP) >> MMU_SATP_MODE_LSB, 0u) << "no process ran yet";
    os.store(1, X, 5);
    EXPECT_EQ(MMU_FIELD(mmu_csr_read(os_mmu(os.get()), MMU_CSR_SATP), SATP_MODE), unsigned(MMU_SATP_RADIX));
    os.load(1, Y); // X out: valid, not present
    const uint64_t radix = mmu_csr_read(os_mmu(os.get()), MMU_CSR_RADIX);
    const uint64_t valid = uint64_t(1) << MMU_FIELD(radix, RADIX_VALID_BIT);
    const uint64_t present = uint64_t(1) << MMU_FIELD(radix, RADIX_PRESENT_BIT);
    ASSERT_TRUE(MMU_FIELD(radix, RADIX_PRESENT_USED));
    const uint64_t pte = os.pte(1, X);
    EXPECT_TRUE(pte & valid);
    EXPECT_FALSE(pte & present);
    os_access_result_t r{};
    EXPECT_EQ(os.load(1, X, &r), 5u);
    EXPECT_TRUE(r.swap_in);
    // no D bit: the OS cannot tell clean from dirty, every victim is written back
    const os_stats_t s = os.stats();
    EXPECT_EQ(s.writebacks, s.evictions);
    EXPECT_EQ(s.evictions, 2u);
    EXPECT_EQ(os_fork(os.get(), 1, 2), OS_ERR_UNSUPPORTED);
}

TEST(Paging, ConfigurationsTheModelRefuses)
{
    char err[256];
    os_config_t c = config(4, OS_REPLACE_CLOCK);
    c.teaching = true;
    EXPECT_EQ(os_create(&c, err, sizeof err), nullptr);
    EXPECT_NE(std::string(err).find("A and D bits"), std::string::npos) << err;
    c = config(0);
    EXPECT_EQ(os_create(&c, err, sizeof err), nullptr);
    c = config(4);
    c.tlb_entries = 12;
    EXPECT_EQ(os_create(&c, err, sizeof err), nullptr) << "mmu_create's TLB sizes";
    c = config(4, OS_REPLACE_OPT);
    c.superpages = true;
    EXPECT_EQ(os_create(&c, err, sizeof err), nullptr);
}

TEST(Paging, AFaultTheOsDoesNotHandleIsAnError)
{
    Os os(config(4));
    ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
    const uint64_t not_canonical = uint64_t(1) << 40;
    EXPECT_EQ(os_access(os.get(), 1, LOAD, not_canonical, OS_NO_NEXT_USE, nullptr), OS_ERR_FAULT);
    EXPECT_NE(std::string(os.error()).find("VA_RANGE"), std::string::npos) << os.error();
    EXPECT_EQ(os_spawn(os.get(), 1), OS_ERR_PROCESS);
    EXPECT_EQ(os_fork(os.get(), 5, 6), OS_ERR_PROCESS);
}

}  // namespace

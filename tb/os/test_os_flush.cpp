// Each TLB flush the kernel makes is needed: without it the MMU keeps answering from an entry the
// page tables no longer back, and the model shows it (wrong data, a stale translation counted,
// or a fault that never goes away). Each test runs the same steps with the flush and without.
#include "os_test_util.h"

using namespace ost;

namespace {

constexpr uint64_t X = 0x10000, Y = 0x20000;

os_config_t skipping(unsigned frames, unsigned site_mask)
{
    os_config_t c = config(frames);
    c.skip_flush = site_mask;
    return c;
}

// Store 111 at X, then 222 at Y with one frame: X is swapped out and its frame holds Y.
uint64_t evict_then_reload(Os &os, os_access_result_t *r)
{
    EXPECT_EQ(os_spawn(os.get(), 1), OS_OK);
    os.store(1, X, 111);
    os.store(1, Y, 222);
    return os.load(1, X, r);
}

TEST(MissingFlush, AfterEvictionTheOldTranslationReadsAnotherPage)
{
    {
        Os os(config(1));
        os_access_result_t r{};
        EXPECT_EQ(evict_then_reload(os, &r), 111u);
        EXPECT_TRUE(r.swap_in);
        EXPECT_FALSE(r.stale);
        EXPECT_EQ(os.stats().stale_translations, 0u);
        EXPECT_GE(os.stats().flushes[OS_FLUSH_EVICT], 1u);
    }
    Os os(skipping(1, 1u << OS_FLUSH_EVICT));
    os_access_result_t r{};
    EXPECT_EQ(evict_then_reload(os, &r), 222u) << "X's stale TLB entry points at Y's frame";
    EXPECT_TRUE(r.tlb_hit);
    EXPECT_FALSE(r.page_fault) << "the OS never learns that X was touched";
    EXPECT_TRUE(r.stale);
    EXPECT_EQ(os.stats().stale_translations, 1u);
    EXPECT_EQ(os.stats().skipped_flushes[OS_FLUSH_EVICT], 1u);
}

// Parent stores 1 at X (its TLB entry is writable), forks, stores 2 at X; the child reads X.
uint64_t fork_then_parent_store(Os &os, os_access_result_t *r)
{
    EXPECT_EQ(os_spawn(os.get(), 1), OS_OK);
    os.store(1, X, 1);
    EXPECT_EQ(os_fork(os.get(), 1, 2), OS_OK);
    *r = os.store(1, X, 2);
    return os.load(2, X);
}

TEST(MissingFlush, AfterForkTheParentWritesTheSharedPage)
{
    {
        Os os(config(8));
        os_access_result_t r{};
        EXPECT_EQ(fork_then_parent_store(os, &r), 1u) << "copy-on-write keeps the child's copy";
        EXPECT_TRUE(r.cow_fault && r.cow_copy);
        EXPECT_EQ(os.stats().stale_translations, 0u);
    }
    Os os(skipping(8, 1u << OS_FLUSH_FORK));
    os_access_result_t r{};
    EXPECT_EQ(fork_then_parent_store(os, &r), 2u) << "the parent's writable entry wrote the shared frame";
    EXPECT_FALSE(r.cow_fault);
    EXPECT_TRUE(r.stale) << "a store allowed by the TLB, refused by the PTE";
}

TEST(MissingFlush, AfterCopyOnWriteTheStoreFaultsForever)
{
    for (bool skip : {false, true}) {
        Os os(skipping(8, skip ? 1u << OS_FLUSH_COW : 0));
        ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
        os.store(1, X, 1);
        ASSERT_EQ(os_fork(os.get(), 1, 2), OS_OK);
        EXPECT_EQ(os.load(2, X), 1u); // the child's TLB now holds the read-only entry
        const int rc = os_store64(os.get(), 2, X, 5, nullptr);
        if (!skip) {
            EXPECT_EQ(rc, OS_OK) << os.error();
            EXPECT_EQ(os.load(2, X), 5u);
            EXPECT_EQ(os.load(1, X), 1u);
            continue;
        }
        EXPECT_EQ(rc, OS_ERR_STALE) << "the read-only entry keeps refusing the store";
        EXPECT_NE(std::string(os.error()).find("flush is missing"), std::string::npos) << os.error();
        EXPECT_GE(os.stats().spurious_faults, 1u);
    }
}

TEST(MissingFlush, WithoutAsidsASwitchMustFlush)
{
    for (bool skip : {false, true}) {
        os_config_t c = skipping(8, skip ? 1u << OS_FLUSH_SWITCH : 0);
        c.asid_bits = 0;
        Os os(c);
        ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
        ASSERT_EQ(os_spawn(os.get(), 2), OS_OK);
        os.store(1, X, 111);
        os_access_result_t r{};
        const uint64_t v = os.load(2, X, &r); // a new page of process 2: zeros
        EXPECT_EQ(v, skip ? 111u : 0u) << (skip ? "process 1's entry answered" : "");
        EXPECT_EQ(r.stale, skip);
        EXPECT_EQ(r.page_fault, !skip);
    }
}

TEST(MissingFlush, AnAsidMustBeFlushedBeforeItIsReused)
{
    for (bool skip : {false, true}) {
        Os os(skipping(8, skip ? 1u << OS_FLUSH_ASID : 0));
        ASSERT_EQ(os_spawn(os.get(), 1), OS_OK);
        ASSERT_EQ(os_spawn(os.get(), 2), OS_OK);
        os.store(1, X, 111);          // ASID 1
        os.store(2, Y, 1);            // ASID 2
        ASSERT_EQ(os_exit(os.get(), 1), OS_OK);
        os.store(2, X, 222);          // takes the frame process 1 had at X
        ASSERT_EQ(os_spawn(os.get(), 3), OS_OK);
        os_access_result_t r{};
        const uint64_t v = os.load(3, X, &r); // ASID 1 again
        EXPECT_EQ(v, skip ? 222u : 0u) << (skip ? "process 1's entry, now process 2's page" : "");
        EXPECT_EQ(r.stale, skip);
    }
}

}  // namespace

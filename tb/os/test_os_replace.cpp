// Page replacement against hand-computed tables (os_replace.c has the definitions). Every page
// of a reference string is one load by pid 1 (a store where marked), frames start empty and are
// filled lowest first; the clock hand starts at frame 0.
#include <set>

#include "os_test_util.h"

using namespace ost;

namespace {

// Silberschatz's string (Operating System Concepts, 10.4), 3 frames.
const std::vector<int> SILBERSCHATZ = {7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1};
// Belady's string.
const std::vector<int> BELADY = {1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5};

std::vector<Step> run(unsigned frames, os_replace_e policy, const std::vector<int> &pages,
                      const std::string &stores = "", unsigned skip_flush = 0, uint64_t seed = 1)
{
    os_config_t c = config(frames, policy);
    c.skip_flush = skip_flush;
    c.seed = seed;
    Os os(c);
    EXPECT_EQ(os_spawn(os.get(), 1), OS_OK);
    return run_string(os, pages, stores);
}

TEST(Replacement, FifoOnSilberschatzString)
{
    // queue (oldest first) after each reference:
    //  7 F [7]  0 F [7 0]  1 F [7 0 1]  2 F -7 [0 1 2]  0 H  3 F -0 [1 2 3]  0 F -1 [2 3 0]
    //  4 F -2 [3 0 4]  2 F -3 [0 4 2]  3 F -0 [4 2 3]  0 F -4 [2 3 0]  3 H  2 H  1 F -2 [3 0 1]
    //  2 F -3 [0 1 2]  0 H  1 H  7 F -0 [1 2 7]  0 F -1 [2 7 0]  1 F -2 [7 0 1]   15 faults
    const auto steps = run(3, OS_REPLACE_FIFO, SILBERSCHATZ);
    EXPECT_EQ(outcomes(steps), "FFFFHFFFFFFHHFFHHFFF");
    EXPECT_EQ(victims(steps), (std::vector<int>{-1, -1, -1, 7, -1, 0, 1, 2, 3, 0, 4, -1, -1, 2, 3, -1, -1, 0, 1, 2}));
}

TEST(Replacement, LruOnSilberschatzString)
{
    // resident set, least recently used first:
    //  7 F  0 F  1 F [7 0 1]  2 F -7 [0 1 2]  0 H [1 2 0]  3 F -1 [2 0 3]  0 H [2 3 0]
    //  4 F -2 [3 0 4]  2 F -3 [0 4 2]  3 F -0 [4 2 3]  0 F -4 [2 3 0]  3 H [2 0 3]  2 H [0 3 2]
    //  1 F -0 [3 2 1]  2 H [3 1 2]  0 F -3 [1 2 0]  1 H [2 0 1]  7 F -2 [0 1 7]  0 H  1 H   12 faults
    const auto steps = run(3, OS_REPLACE_LRU, SILBERSCHATZ);
    EXPECT_EQ(outcomes(steps), "FFFFHFHFFFFHHFHFHFHH");
    EXPECT_EQ(victims(steps), (std::vector<int>{-1, -1, -1, 7, -1, 1, -1, 2, 3, 0, 4, -1, -1, 0, -1, 3, -1, 2, -1, -1}));
}

TEST(Replacement, OptOnSilberschatzString)
{
    // victim: the resident page used again furthest ahead (positions 1-based):
    //  2 at 4: next 7@18 0@5 1@14 -> 7    3 at 6: 0@7 1@14 2@9 -> 1    4 at 8: 0@11 2@9 3@10 -> 0
    //  0 at 11: 2@13 3@12 4 never -> 4    1 at 14: 2@15 3 never 0@16 -> 3
    //  7 at 18: 2 never 0@19 1@20 -> 2                                          9 faults
    const auto steps = run(3, OS_REPLACE_OPT, SILBERSCHATZ);
    EXPECT_EQ(outcomes(steps), "FFFFHFHFHHFHHFHHHFHH");
    EXPECT_EQ(victims(steps), (std::vector<int>{-1, -1, -1, 7, -1, 1, -1, 0, -1, -1, 4, -1, -1, 3, -1, -1, -1, 2, -1, -1}));
}

TEST(Replacement, ClockOnSilberschatzString)
{
    // frames F0 F1 F2 with (A); hand h; a new page and a hit set A (the walker, HWAD=1):
    //  7 0 1 F: 7(1) 0(1) 1(1) h0
    //  2 F: clears 7 0 1, evicts 7 at F0: 2(1) 0(0) 1(0) h1     0 H: 0(1)
    //  3 F: clears 0, evicts 1 at F2: 2(1) 0(0) 3(1) h0         0 H: 0(1)
    //  4 F: clears 2 0 3, evicts 2 at F0: 4(1) 0(0) 3(0) h1     2 F: evicts 0 at F1: 4(1) 2(1) 3(0) h2
    //  3 H: 3(1)                                                0 F: clears 3 4 2, evicts 3: 4(0) 2(0) 0(1) h0
    //  3 F: evicts 4 at F0: 3(1) 2(0) 0(1) h1                   2 H: 2(1)
    //  1 F: clears 2 0 3, evicts 2 at F1: 3(0) 1(1) 0(0) h2     2 F: evicts 0 at F2: 3(0) 1(1) 2(1) h0
    //  0 F: evicts 3 at F0: 0(1) 1(1) 2(1) h1                   1 H
    //  7 F: clears 1 2 0, evicts 1 at F1: 0(0) 7(1) 2(0) h2     0 H: 0(1)
    //  1 F: evicts 2 at F2                                                      14 faults
    const auto steps = run(3, OS_REPLACE_CLOCK, SILBERSCHATZ);
    EXPECT_EQ(outcomes(steps), "FFFFHFHFFHFFHFFFHFHF");
    EXPECT_EQ(victims(steps), (std::vector<int>{-1, -1, -1, 7, -1, 1, -1, 2, 0, -1, 3, 4, -1, 2, 0, 3, -1, 1, -1, 2}));
}

TEST(Replacement, ClockWithoutTheFlushAfterClearingAIsFifo)
{
    // Without the flush the TLB keeps each page's entry with A=1, hits never walk, and A is set
    // again only when a page is loaded: the clock gives every page the same single pass, which
    // is FIFO (the FIFO table above).
    const auto steps = run(3, OS_REPLACE_CLOCK, SILBERSCHATZ, "", 1u << OS_FLUSH_CLOCK);
    EXPECT_EQ(outcomes(steps), "FFFFHFFFFFFHHFFHHFFF");
    EXPECT_EQ(victims(steps), (std::vector<int>{-1, -1, -1, 7, -1, 0, 1, 2, 3, 0, 4, -1, -1, 2, 3, -1, -1, 0, 1, 2}));
}

// 1L 2S 3L 4L 2L 5L 1S 3L 6L 2L with 3 frames: second-chance and clock part ways.
const std::vector<int> DIRTY_STRING = {1, 2, 3, 4, 2, 5, 1, 3, 6, 2};
const std::string DIRTY_STORES = "-S----S---";

TEST(Replacement, SecondChancePrefersCleanPages)
{
    // (A,D) per frame, hand h. Pass 1 looks for (0,0) changing nothing, pass 2 for (0,1)
    // clearing A of each page passed; then again.
    //  1L 2S 3L: 1(1,0) 2(1,1) 3(1,0) h0
    //  4L F: pass 1 none; pass 2 none, clears all: 1(0,0) 2(0,1) 3(0,0); pass 1 -> 1 at F0 (clean)
    //        4(1,0) 2(0,1) 3(0,0) h1
    //  2L H: 2(1,1)
    //  5L F: pass 1 from F1: 2 no, 3(0,0) -> 3 at F2: 4(1,0) 2(1,1) 5(1,0) h0
    //  1S F: pass 1 none; pass 2 clears all: 4(0,0) 2(0,1) 5(0,0); pass 1 -> 4 at F0
    //        1(1,1) 2(0,1) 5(0,0) h1
    //  3L F: pass 1 from F1: 2(0,1) no, 5(0,0) -> 5 at F2: 1(1,1) 2(0,1) 3(1,0) h0
    //  6L F: pass 1 none; pass 2 from F0: 1 clears to (0,1), 2(0,1) -> 2 at F1, written back
    //        1(0,1) 6(1,0) 3(1,0) h2
    //  2L F (swap-in): pass 1 from F2 none; pass 2: 3 clears to (0,0), 1(0,1) -> 1 at F0, written back
    const auto steps = run(3, OS_REPLACE_SECOND_CHANCE, DIRTY_STRING, DIRTY_STORES);
    EXPECT_EQ(outcomes(steps), "FFFFHFFFFF");
    EXPECT_EQ(victims(steps), (std::vector<int>{-1, -1, -1, 1, -1, 3, 4, 5, 2, 1}));
    std::string wb;
    for (const Step &s : steps)
        wb += s.writeback ? 'W' : '-';
    EXPECT_EQ(wb, "--------WW");
}

TEST(Replacement, ClockIgnoresTheDirtyBit)
{
    //  1L 2S 3L: 1(1) 2(1) 3(1) h0
    //  4L F: clears all, evicts 1 at F0: 4(1) 2(0) 3(0) h1      2L H: 2(1)
    //  5L F: clears 2, evicts 3 at F2: 4(1) 2(0) 5(1) h0
    //  1S F: clears 4, evicts 2 at F1 (dirty: written back): 4(0) 1(1) 5(1) h2
    //  3L F: clears 5, evicts 4 at F0: 3(1) 1(1) 5(0) h1
    //  6L F: clears 1, evicts 5 at F2: 3(1) 1(0) 6(1) h0
    //  2L F: clears 3, evicts 1 at F1 (dirty: written back)
    const auto steps = run(3, OS_REPLACE_CLOCK, DIRTY_STRING, DIRTY_STORES);
    EXPECT_EQ(outcomes(steps), "FFFFHFFFFF");
    EXPECT_EQ(victims(steps), (std::vector<int>{-1, -1, -1, 1, -1, 3, 2, 4, 5, 1}));
    std::string wb;
    for (const Step &s : steps)
        wb += s.writeback ? 'W' : '-';
    EXPECT_EQ(wb, "------W--W");
}

TEST(Replacement, FifoShowsBeladysAnomaly)
{
    // 3 frames: 1 2 3 F, 4 F -1, 1 F -2, 2 F -3, 5 F -4, 1 H, 2 H, 3 F -1, 4 F -2, 5 H: 9 faults
    // 4 frames: 1 2 3 4 F, 1 H, 2 H, 5 F -1, 1 F -2, 2 F -3, 3 F -4, 4 F -5, 5 F -1: 10 faults
    EXPECT_EQ(outcomes(run(3, OS_REPLACE_FIFO, BELADY)), "FFFFFFFHHFFH");
    EXPECT_EQ(outcomes(run(4, OS_REPLACE_FIFO, BELADY)), "FFFFHHFFFFFF");
    // LRU is a stack algorithm: more frames never fault more (3: 10 faults, 4: 8)
    // 3: 1 2 3 4(-1) 1(-2) 2(-3) 5(-4) 1H 2H 3(-5) 4(-1) 5(-2); 4: 1 2 3 4 1H 2H 5(-3) 1H 2H 3(-4) 4(-5) 5(-1)
    EXPECT_EQ(outcomes(run(3, OS_REPLACE_LRU, BELADY)), "FFFFFFFHHFFF");
    EXPECT_EQ(outcomes(run(4, OS_REPLACE_LRU, BELADY)), "FFFFHHFHHFFF");
}

TEST(Replacement, RandomIsSeededAndPicksResidentPages)
{
    const auto a = run(3, OS_REPLACE_RANDOM, SILBERSCHATZ, "", 0, 7);
    const auto b = run(3, OS_REPLACE_RANDOM, SILBERSCHATZ, "", 0, 7);
    EXPECT_EQ(victims(a), victims(b)) << "same seed, same victims";
    bool some_seed_differs = false;
    for (uint64_t seed = 1; seed <= 8 && !some_seed_differs; seed++)
        some_seed_differs = victims(run(3, OS_REPLACE_RANDOM, SILBERSCHATZ, "", 0, seed)) != victims(a);
    EXPECT_TRUE(some_seed_differs) << "the seed has no effect";
    // every victim was resident, and nothing beats OPT's 9 faults
    std::set<int> resident;
    size_t faults = 0;
    for (size_t i = 0; i < a.size(); i++) {
        if (a[i].victim >= 0) {
            EXPECT_EQ(resident.count(a[i].victim), 1u) << "step " << i;
            resident.erase(a[i].victim);
        }
        EXPECT_EQ(a[i].outcome == 'H', resident.count(SILBERSCHATZ[i]) == 1) << "step " << i;
        resident.insert(SILBERSCHATZ[i]);
        EXPECT_LE(resident.size(), 3u);
        faults += a[i].outcome == 'F';
    }
    EXPECT_GE(faults, 9u);
}

}  // namespace

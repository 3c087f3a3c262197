// Trace reading (lackey and text), bad input named by file and line, the next-use table and the
// replay of a trace through the OS model.
#include "os_test_util.h"

using namespace ost;

namespace {

struct Read {
    int rc;
    os_trace_t t;
    std::string err;
};

Read read_trace(const std::string &name, const std::string &text, uint64_t max_accesses = 0,
                os_trace_format_e format = OS_TRACE_AUTO)
{
    Read r{};
    char err[512] = "";
    const std::string path = temp_file(name, text);
    r.rc = os_trace_read(path.c_str(), format, max_accesses, &r.t, err, sizeof err);
    r.err = err;
    return r;
}

TEST(Trace, LackeyLines)
{
    Read r = read_trace("lackey.trace",
                        "==42== Lackey, an example Valgrind tool\n"
                        "I  0401ab70,3\n"
                        " L 1ffefff628,8\n"
                        " S 04a2c010,4\n"
                        " M 04a2c014,4\n"
                        " L 04a2cffc,8\n" // crosses into the next page: two accesses
                        "==42== \n");
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(r.t.format, OS_TRACE_LACKEY);
    ASSERT_EQ(r.t.n, 6u);
    EXPECT_EQ(r.t.accesses, 6u);
    const os_trace_rec_t *e = r.t.rec;
    EXPECT_EQ(e[0].acc, FETCH);
    EXPECT_EQ(e[0].va, 0x0401ab70u);
    EXPECT_EQ(e[0].line, 2u);
    EXPECT_EQ(e[1].acc, LOAD);
    EXPECT_EQ(e[1].va, 0x1ffefff628u);
    EXPECT_EQ(e[2].acc, STORE);
    EXPECT_EQ(e[3].acc, STORE) << "a modify is one store translation";
    EXPECT_EQ(e[4].va, 0x04a2cffcu);
    EXPECT_EQ(e[5].va, 0x04a2d000u);
    EXPECT_EQ(e[5].line, 6u);
    os_trace_free(&r.t);
}

TEST(Trace, TextLines)
{
    Read r = read_trace("text.trace",
                        "# a comment\n"
                        "\n"
                        "1 load 0x4000   # the first\n"
                        "1 STORE 4008\n"
                        "1 fork 2\n"
                        "2 fetch 0xABC000\n"
                        "2 exit\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(r.t.format, OS_TRACE_TEXT);
    ASSERT_EQ(r.t.n, 5u);
    EXPECT_EQ(r.t.accesses, 3u);
    const os_trace_rec_t *e = r.t.rec;
    EXPECT_TRUE(e[0].op == OS_OP_ACCESS && e[0].acc == LOAD && e[0].va == 0x4000 && e[0].line == 3);
    EXPECT_TRUE(e[1].acc == STORE && e[1].va == 0x4008);
    EXPECT_TRUE(e[2].op == OS_OP_FORK && e[2].pid == 1 && e[2].child == 2);
    EXPECT_TRUE(e[3].acc == FETCH && e[3].va == 0xabc000 && e[3].pid == 2);
    EXPECT_TRUE(e[4].op == OS_OP_EXIT && e[4].pid == 2);
    os_trace_free(&r.t);
}

TEST(Trace, BadInputNamesFileLineAndProblem)
{
    const struct {
        const char *name, *text, *line, *problem;
    } cases[] = {
        {"acc.trace", "1 load 0x1000\n1 jump 0x2000\n", ":2: ", "unknown access 'jump'"},
        {"hex.trace", "1 load 0x1000\n\n1 store 0x12g\n", ":3: ", "not a hex number"},
        {"pid.trace", "x load 0x1000\n", ":1: ", "pid 'x' is not a number"},
        {"noaddr.trace", "1 load\n", ":1: ", "missing the address"},
        {"junk.trace", "1 load 0x1000 8\n", ":1: ", "unexpected '8'"},
        {"wide.trace", "1 load 0x10000000000000000\n", ":1: ", "more than 64 bits"},
        {"fork.trace", "1 fork\n", ":1: ", "child's pid"},
        {"ctrl.trace", "1 load 0x1\x01\n", ":1: ", "control character"},
        {"lk-kind.trace", "I  0401ab70,3\n X 0401ab70,3\n", ":2: ", "not a lackey line"},
        {"lk-size.trace", "I  0401ab70,3\n L 0401ab70,0\n", ":2: ", "size must be"},
        {"lk-comma.trace", " L 0401ab70\n", ":1: ", "expected ',SIZE'"},
        {"lk-hex.trace", " L zz,4\n", ":1: ", "not hex digits"},
        {"empty.trace", "# nothing\n", ": ", "no accesses"},
    };
    for (const auto &c : cases) {
        Read r = read_trace(c.name, c.text);
        EXPECT_NE(r.rc, 0) << c.name;
        EXPECT_NE(r.err.find(std::string(c.name) + c.line), std::string::npos) << c.name << ": " << r.err;
        EXPECT_NE(r.err.find(c.problem), std::string::npos) << c.name << ": " << r.err;
    }
    char err[256];
    os_trace_t t;
    EXPECT_NE(os_trace_read("/nonexistent/trace", OS_TRACE_AUTO, 0, &t, err, sizeof err), 0);
    EXPECT_NE(std::string(err).find("/nonexistent/trace: cannot open"), std::string::npos) << err;
}

TEST(Trace, MaxAccessesStopsReading)
{
    Read r = read_trace("cap.trace", "1 load 0x1000\n1 load 0x2000\n1 load 0x3000\n1 jump 0\n", 2);
    ASSERT_EQ(r.rc, 0) << "the bad line after the cap is never read: " << r.err;
    EXPECT_EQ(r.t.accesses, 2u);
    EXPECT_TRUE(r.t.truncated);
    os_trace_free(&r.t);
}

TEST(Trace, NextUseIsTheSameProcessesNextAccessToThePage)
{
    // ordinal: 0 p1 A, 1 p1 B, fork (no ordinal), 2 p2 A, 3 p1 A+8, 4 p1 B
    Read r = read_trace("next.trace", "1 load 0x1000\n1 load 0x2000\n1 fork 2\n2 load 0x1000\n"
                                      "1 store 0x1008\n1 load 0x2000\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    uint64_t *next = os_trace_next_use(&r.t);
    ASSERT_NE(next, nullptr);
    const uint64_t none = OS_NO_NEXT_USE;
    // records: A(p1) -> 3, B(p1) -> 4, fork -> none, A(p2) -> none (p1's A is another process), A(p1) -> none, B -> none
    EXPECT_EQ(std::vector<uint64_t>(next, next + r.t.n), (std::vector<uint64_t>{3, 4, none, none, none, none}));
    free(next);
    os_trace_free(&r.t);
}

TEST(Trace, ReplayCountsCopyOnWriteFromAForkInTheTrace)
{
    Read r = read_trace("fork.trace", "1 store 0x1000\n1 store 0x2000\n1 fork 2\n2 load 0x1000\n"
                                      "2 store 0x1000\n1 store 0x2000\n2 exit\n1 load 0x1000\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    os_config_t c = config(8);
    os_stats_t s;
    uint64_t procs = 0;
    char err[256] = "";
    ASSERT_EQ(os_replay(&r.t, nullptr, &c, "fork.trace", &s, &procs, err, sizeof err), OS_OK) << err;
    EXPECT_EQ(procs, 2u);
    EXPECT_EQ(s.forks, 1u);
    EXPECT_EQ(s.exits, 1u);
    // 2's store copies 0x1000; 1's store to 0x2000 copies too (still shared with 2 then)
    EXPECT_EQ(s.cow_faults, 2u);
    EXPECT_EQ(s.cow_copies, 2u);
    EXPECT_EQ(s.page_faults, 2u);
    EXPECT_EQ(s.stale_translations, 0u);
    os_trace_free(&r.t);
}

TEST(Trace, ReplayErrorsNameTheLine)
{
    Read r = read_trace("replay-bad.trace", "1 load 0x1000\n1 fork 1\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    os_config_t c = config(8);
    char err[256] = "";
    EXPECT_EQ(os_replay(&r.t, nullptr, &c, "replay-bad.trace", nullptr, nullptr, err, sizeof err), OS_ERR_PROCESS);
    EXPECT_NE(std::string(err).find("replay-bad.trace:2: pid 1 exists already"), std::string::npos) << err;
    os_trace_free(&r.t);
    r = read_trace("replay-va.trace", "1 load 0x1000\n1 load 0x8000000000\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(os_replay(&r.t, nullptr, &c, "replay-va.trace", nullptr, nullptr, err, sizeof err), OS_ERR_FAULT);
    EXPECT_NE(std::string(err).find("replay-va.trace:2: "), std::string::npos) << err;
    os_trace_free(&r.t);
}

}  // namespace

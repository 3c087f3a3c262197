// Shared by the OS model's GoogleTest files (tb/os/test_*.cpp): an owning handle on an OS model,
// configurations, and reference strings run page by page. Expected values in the tests are
// computed by hand in their comments, never taken from the model's output.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

extern "C" {
#include "os_model.h"
#include "os_trace.h"
}

namespace ost {

constexpr unsigned LOAD = MMU_ACC_LOAD, STORE = MMU_ACC_STORE, FETCH = MMU_ACC_FETCH;
constexpr uint64_t PAGE = 4096, MEGA = 2u << 20;

inline os_config_t config(unsigned frames, os_replace_e replace = OS_REPLACE_FIFO)
{
    os_config_t c;
    os_config_default(&c);
    c.frames = frames;
    c.replace = replace;
    return c;
}

class Os {
public:
    explicit Os(const os_config_t &cfg)
    {
        char err[256] = "";
        os_ = os_create(&cfg, err, sizeof err);
        if (!os_)
            ADD_FAILURE() << "os_create: " << err;
    }
    ~Os() { os_destroy(os_); }
    Os(const Os &) = delete;
    Os &operator=(const Os &) = delete;
    os_model_t *get() const { return os_; }
    const char *error() const { return os_error(os_); }

    os_access_result_t access(int pid, unsigned acc, uint64_t va, uint64_t next_use = OS_NO_NEXT_USE)
    {
        os_access_result_t r{};
        EXPECT_EQ(os_access(os_, pid, acc, va, next_use, &r), OS_OK) << os_error(os_);
        return r;
    }
    uint64_t load(int pid, uint64_t va, os_access_result_t *r = nullptr)
    {
        uint64_t v = 0;
        EXPECT_EQ(os_load64(os_, pid, va, &v, r), OS_OK) << os_error(os_);
        return v;
    }
    os_access_result_t store(int pid, uint64_t va, uint64_t value)
    {
        os_access_result_t r{};
        EXPECT_EQ(os_store64(os_, pid, va, value, &r), OS_OK) << os_error(os_);
        return r;
    }
    os_stats_t stats() const
    {
        os_stats_t s;
        os_stats(os_, &s);
        return s;
    }
    uint64_t pte(int pid, uint64_t va, unsigned *level = nullptr) const
    {
        uint64_t p = 0;
        unsigned l = 0;
        EXPECT_TRUE(os_pte(os_, pid, va, &p, &l));
        if (level)
            *level = l;
        return p;
    }
    uint64_t pa(int pid, uint64_t va) const
    {
        uint64_t p = 0;
        EXPECT_TRUE(os_resident(os_, pid, va, &p)) << "0x" << std::hex << va << " not resident";
        return p;
    }

private:
    os_model_t *os_ = nullptr;
};

// What one reference did: 'F' fault or 'H' hit, the victim page (-1: none), written back.
struct Step {
    char outcome;
    int victim;
    bool writeback;
};

// One reference string (page numbers, with a store where `stores` has an 'S'), run by pid 1 on
// pages at VA page << 12; next uses computed here for OPT.
inline std::vector<Step> run_string(Os &os, const std::vector<int> &pages, const std::string &stores = "")
{
    std::vector<Step> steps;
    for (size_t i = 0; i < pages.size(); i++) {
        uint64_t next = OS_NO_NEXT_USE;
        for (size_t j = i + 1; j < pages.size() && next == OS_NO_NEXT_USE; j++)
            if (pages[j] == pages[i])
                next = j;
        const unsigned acc = i < stores.size() && stores[i] == 'S' ? STORE : LOAD;
        const os_access_result_t r = os.access(1, acc, uint64_t(pages[i]) * PAGE, next);
        steps.push_back({r.page_fault ? 'F' : 'H', r.evicted ? int(r.victim_vpn) : -1, r.writeback});
    }
    return steps;
}

inline std::string outcomes(const std::vector<Step> &steps)
{
    std::string s;
    for (const Step &st : steps)
        s += st.outcome;
    return s;
}

inline std::vector<int> victims(const std::vector<Step> &steps)
{
    std::vector<int> v;
    for (const Step &st : steps)
        v.push_back(st.victim);
    return v;
}

inline std::string temp_file(const std::string &name, const std::string &text)
{
    const std::string path = testing::TempDir() + "os_test_" + name;
    std::ofstream(path) << text;
    return path;
}

}  // namespace ost

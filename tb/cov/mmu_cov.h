// The functional coverage model of the MMU, defined once (tb/cov/mmu_cov.cpp) and sampled from
// the reference model: its translation records (mmu_txn_t, the model's txn callback) and, for
// what a translation record does not show (flushes, CSR writes, memory timing, fills), the ports
// of each cycle around the clock edge. Any harness that steps the C model can sample it: the
// lockstep checker (csim/checker.h) calls before_edge/after_edge/txn for every checked cycle.
//
// A coverage file (--cov-out) lists EVERY bin of the model, hit or not, with its count and, for
// a bin that cannot be reached, the reason. scripts/coverage.py merges such files and never
// declares a bin itself: the bins, crosses and illegal-bin reasons live only in mmu_cov.cpp.
//
// File format, one line per bin after a "# mmu-functional-coverage 1" header:
//   <group> TAB <bin> TAB <count> TAB <"-" or the reason the bin is unreachable>
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "mmu_model.h"

namespace cov {

// One cross: the product of its dimensions' values; a bin is one tuple of values.
struct Dim {
    std::string name;
    std::vector<std::string> values;
};
struct Group {
    std::string name, what;
    std::vector<Dim> dims;
    std::vector<uint64_t> count;      // per bin, mixed-radix index of the tuple (first dim slowest)
    std::vector<std::string> reason;  // "" reachable; else why the bin cannot be hit
    std::string bin_name(size_t i) const;
};

class Collector {
public:
    // m: the model whose state (registers, TLB, translation in flight) the hooks read.
    explicit Collector(const mmu_model_t *m);

    // A completed translation (the model's txn callback, inside the clock edge of its answer cycle).
    void txn(const mmu_txn_t &t);
    // The cycle's inputs and the model's outputs for them, before the clock edge ending it.
    void before_edge(const mmu_inputs_t &in, const mmu_outputs_t &out);
    // After the model took that edge.
    void after_edge();

    const std::vector<Group> &groups() const { return groups_; }
    // Illegal bins that were hit (a coverage-model or design error; the file records them).
    uint64_t illegal_hits() const;
    bool write(const std::string &path, std::string &err) const;

private:
    const mmu_model_t *m_;
    std::vector<Group> groups_;
    void hit(unsigned group, std::initializer_list<unsigned> tuple);

    // cycle state between before_edge and after_edge, and across cycles
    bool in_reset_ = true;
    uint64_t cyc_ = 0;
    mmu_inputs_t in_{};
    mmu_outputs_t out_{};
    bool csr_wr_ = false, csr_rd_ = false;
    uint64_t csr_old_ = 0;
    uint64_t satp_old_ = 0;
    // flush in this cycle: the TLB's valid/global bits before the edge
    bool flush_now_ = false;
    unsigned flush_kind_ = 0, flush_timing_ = 0;
    std::vector<bool> pre_valid_, pre_global_;
    // fill in this cycle
    bool fill_now_ = false;
    unsigned fill_policy_ = 0, fill_source_ = 0;
    bool fill_full_ = false, fill_target_valid_ = false;
    // memory access of the walk: accepted, awaiting its response
    bool mem_accept_now_ = false, mem_pending_ = false, mem_stalled_ = false, mem_write_ = false;
    unsigned mem_level_ = 0;
    uint64_t mem_start_ = 0;
    // SATP write seen, waiting for the next request (flushed before it or not)
    bool switch_pending_ = false, switch_flushed_ = false;
    unsigned switch_kind_ = 0;
};

}  // namespace cov

// Latency statistics of the transaction-level comparison (--compare txn): per translation class
// (the mode it ran in: sv39, bare, segpg, ...) and kind (answered from the TLB, answered without
// memory, or a walk of N PTE reads, "+ad" with an A/D write), the minimum, median and maximum of
// the DUT's latency (answer cycle - accept cycle at its ports) beside the latency the kit's
// reference timing (SPEC 7) gives for the same memory behaviour: 1 for an answer without memory,
// and 1 + the sum over the accesses of (cycles the access waited for mem_req_ready + its memory
// latency + 1) for a walk. The kit's own RTL is therefore +0 in every row.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>

class TxnLatency {
public:
    void add(const std::string &cls, const std::string &kind, uint64_t dut, uint64_t ref);
    bool empty() const { return rows_.empty(); }
    // The human table (one row per class and kind), indented by `indent`.
    std::string table(const char *indent) const;
    // One machine line per row, for scripts:
    //   LAT <class> <kind> n=N dut=MIN/MEDIAN/MAX ref=MIN/MEDIAN/MAX extra=MIN/MEDIAN/MAX
    // (extra: DUT minus reference, per translation; may be negative).
    std::string machine_lines() const;

private:
    // A histogram: value -> count (latencies take few distinct values).
    struct Hist {
        std::map<int64_t, uint64_t> n;
        uint64_t total = 0;
        void add(int64_t v)
        {
            n[v]++;
            total++;
        }
        int64_t min() const { return n.begin()->first; }
        int64_t max() const { return n.rbegin()->first; }
        int64_t median() const;  // the lower median
    };
    struct Row {
        Hist dut, ref, extra;
    };
    std::map<std::pair<std::string, std::string>, Row> rows_;  // (class, kind)
};

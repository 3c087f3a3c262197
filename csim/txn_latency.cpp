// Latency statistics of the transaction-level comparison (see txn_latency.h).
#include "txn_latency.h"

#include "report.h"

void TxnLatency::add(const std::string &cls, const std::string &kind, uint64_t dut, uint64_t ref)
{
    Row &r = rows_[{cls, kind}];
    r.dut.add(int64_t(dut));
    r.ref.add(int64_t(ref));
    r.extra.add(int64_t(dut) - int64_t(ref));
}

int64_t TxnLatency::Hist::median() const
{
    uint64_t want = (total + 1) / 2, seen = 0;
    for (const auto &kv : n) {
        seen += kv.second;
        if (seen >= want)
            return kv.first;
    }
    return max();
}

namespace {

std::string triple(int64_t a, int64_t b, int64_t c, bool sign)
{
    return sign ? strprintf("%+lld/%+lld/%+lld", (long long)a, (long long)b, (long long)c)
                : strprintf("%lld/%lld/%lld", (long long)a, (long long)b, (long long)c);
}

}  // namespace

std::string TxnLatency::table(const char *indent) const
{
    std::string s = strprintf("%s%-8s %-10s %9s  %-16s %-16s %s\n", indent, "mode", "kind",
                              "requests", "DUT min/med/max", "ref min/med/max",
                              "extra min/med/max");
    for (const auto &kv : rows_) {
        const Row &r = kv.second;
        s += strprintf("%s%-8s %-10s %9llu  %-16s %-16s %s\n", indent, kv.first.first.c_str(),
                       kv.first.second.c_str(), (unsigned long long)r.dut.total,
                       triple(r.dut.min(), r.dut.median(), r.dut.max(), false).c_str(),
                       triple(r.ref.min(), r.ref.median(), r.ref.max(), false).c_str(),
                       triple(r.extra.min(), r.extra.median(), r.extra.max(), true).c_str());
    }
    return s;
}

std::string TxnLatency::machine_lines() const
{
    std::string s;
    for (const auto &kv : rows_) {
        const Row &r = kv.second;
        s += strprintf("LAT %s %s n=%llu dut=%s ref=%s extra=%s\n", kv.first.first.c_str(),
                       kv.first.second.c_str(), (unsigned long long)r.dut.total,
                       triple(r.dut.min(), r.dut.median(), r.dut.max(), false).c_str(),
                       triple(r.ref.min(), r.ref.median(), r.ref.max(), false).c_str(),
                       triple(r.extra.min(), r.extra.median(), r.extra.max(), true).c_str());
    }
    return s;
}

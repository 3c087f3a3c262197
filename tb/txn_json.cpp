// The transaction record (see txn_json.h; fields: docs/txn.schema.json).
#include "txn_json.h"

#include <cinttypes>
#include <cstdio>

namespace {

std::string hexs(uint64_t v)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "\"0x%" PRIx64 "\"", v);
    return buf;
}

const char *b(bool v) { return v ? "true" : "false"; }

std::string num(uint64_t v) { return std::to_string(v); }

}  // namespace

std::string json_quote(const std::string &s)
{
    std::string o = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            o += '\\';
            o += char(c);
        } else if (c < 0x20) {
            char e[8];
            std::snprintf(e, sizeof e, "\\u%04x", c);
            o += e;
        } else {
            o += char(c);
        }
    }
    return o + "\"";
}

std::string json_record_head(const char *type)
{
    return std::string("{\"schema\":\"") + kTxnSchema + "\",\"type\":" + json_quote(type);
}

std::string pte_flags_text(uint64_t pte)
{
    std::string s;
#define MMU_X_FLAG(n, bit) s += (pte & MMU_PTE_##n) ? #n : "-";
    MMU_PTE_FLAG_LIST(MMU_X_FLAG)
#undef MMU_X_FLAG
    return s;
}

const char *pte_kind(uint64_t pte)
{
    if (!(pte & MMU_PTE_V))
        return "invalid";
    return mmu_pte_is_leaf(pte) ? "leaf" : "pointer";
}

std::string txn_ad_bits_set(const mmu_txn_t &t, unsigned i)
{
    uint64_t before = 0;
    for (unsigned j = 0; j < i; j++)
        if (!t.access[j].write && t.access[j].addr == t.access[i].addr)
            before = t.access[j].value;
    uint64_t set = t.access[i].value & ~before;
    std::string s;
    if (set & MMU_PTE_A)
        s += "A";
    if (set & MMU_PTE_D)
        s += "D";
    return s.empty() ? "none" : s;
}

std::string txn_json(const mmu_txn_t &t, bool in_flight, const std::string &file)
{
    std::string s = json_record_head("txn");
    if (!file.empty())
        s += ",\"file\":" + json_quote(file);
    s += ",\"id\":" + num(t.id) + ",\"in_flight\":" + b(in_flight);
    s += ",\"accept_cycle\":" + num(t.accept_cycle);
    s += ",\"answer_cycle\":" + (in_flight ? std::string("null") : num(t.answer_cycle));
    s += ",\"cycles\":" + (in_flight ? std::string("null") : num(t.answer_cycle - t.accept_cycle));
    s += ",\"va\":" + hexs(t.vaddr);
    s += ",\"access\":" + json_quote(mmu_acc_name(t.acc)) + ",\"priv\":" + json_quote(mmu_priv_name(t.priv));
    s += ",\"satp_mode\":" + json_quote(mmu_satp_mode_name(t.satp_mode)) +
         ",\"seg_mode\":" + json_quote(mmu_seg_mode_name(t.seg_mode));
    s += ",\"asid\":" + num(t.asid) + ",\"linear\":" + hexs(t.linear) + ",\"hybrid\":" + b(t.hybrid);
    s += ",\"paged\":" + std::string(b(t.paged)) + ",\"hit\":" + b(t.hit) + ",\"refill\":" + b(t.refill);
    s += ",\"hit_index\":" + ((t.hit || t.refill) ? num(t.hit_index) : std::string("null"));
    s += ",\"walked\":" + std::string(b(t.walked)) + ",\"walk\":[";
    const bool sv = mmu_pte_mode_ok(t.satp_mode);
    const unsigned ppn_bits = mmu_pte_ppn_bits(t.satp_mode);
    unsigned n = t.n_access <= MMU_MAX_LEVELS + 1 ? t.n_access : MMU_MAX_LEVELS + 1;
    std::string ad = "null";
    for (unsigned i = 0; i < n; i++) {
        const mmu_pte_access_t &a = t.access[i];
        std::string e = "{\"level\":" + num(a.level) + ",\"op\":\"" + (a.write ? "write" : "read") +
                        "\",\"addr\":" + hexs(a.addr) + ",\"value\":" + hexs(a.value) +
                        ",\"err\":" + b(a.err);
        if (sv && !a.err) {
            e += ",\"flags\":\"" + pte_flags_text(a.value) + "\",\"ppn\":" +
                 hexs(mmu_sv_pte_ppn(a.value, ppn_bits));
            e += a.write ? ",\"sets\":\"" + txn_ad_bits_set(t, i) + "\""
                         : std::string(",\"kind\":\"") + pte_kind(a.value) + "\"";
        }
        e += "}";
        if (a.write)
            ad = e;
        s += (i ? "," : "") + e;
    }
    s += "],\"ad_write\":" + ad;
    if (in_flight) {
        s += ",\"fault\":null,\"cause\":null,\"exc\":null,\"exc_name\":null,\"pa\":null,\"level\":null,"
             "\"fill_index\":null,\"fill_suppressed\":null";
    } else {
        s += ",\"fault\":" + std::string(b(t.fault)) + ",\"cause\":" + json_quote(mmu_cause_name(t.cause));
        s += ",\"exc\":" + num(t.exc) + ",\"exc_name\":" + json_quote(mmu_exc_name(t.exc));
        s += ",\"pa\":" + (t.fault ? std::string("null") : hexs(t.paddr));
        s += ",\"level\":" + num(t.level);
        s += ",\"fill_index\":" + (t.filled ? num(t.fill_index) : std::string("null"));
        s += ",\"fill_suppressed\":" + std::string(b(t.fill_suppressed));
    }
    return s + "}";
}

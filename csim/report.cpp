// Mismatch report formatting (see report.h).
#include "report.h"

#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <sstream>

#include "mmu_enums.h"

std::string strprintf(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    va_list again;
    va_copy(again, ap);
    int n = std::vsnprintf(nullptr, 0, f, ap);
    va_end(ap);
    std::string s(n > 0 ? size_t(n) : 0, '\0');
    if (n > 0)
        std::vsnprintf(&s[0], s.size() + 1, f, again);
    va_end(again);
    return s;
}

namespace {

std::string hex(uint64_t v, unsigned width)
{
    char buf[32];
    unsigned digits = (width + 3) / 4;
    if (digits < 1)
        digits = 1;
    std::snprintf(buf, sizeof buf, "0x%0*" PRIx64, int(digits), v);
    return buf;
}


const char *level_name(unsigned level)
{
    static const char *const names[] = {"L0", "L1", "L2", "L3"};
    return level < 4 ? names[level] : "L?";
}

}  // namespace

bool outputs_equal(const mmu_outputs_t &a, const mmu_outputs_t &b)
{
#define MMU_X_EQ(name, w, d) &&a.name == b.name
    return true MMU_OUTPUT_PORTS(MMU_X_EQ);
#undef MMU_X_EQ
}

std::vector<std::string> differing_outputs(const mmu_outputs_t &rtl, const mmu_outputs_t &model)
{
    std::vector<std::string> v;
#define MMU_X_DIFF(name, w, d)                                                                   \
    if (uint64_t(rtl.name) != uint64_t(model.name))                                               \
        v.push_back(#name);
    MMU_OUTPUT_PORTS(MMU_X_DIFF)
#undef MMU_X_DIFF
    return v;
}

std::string port_value_text(uint64_t value, unsigned width, int decode)
{
    std::string s = hex(value, width);
    switch (decode) {
    case MMU_DECODE_CAUSE:
        return s + " (" + mmu_cause_name(unsigned(value)) + ")";
    case MMU_DECODE_EXC:
        return s + " (" + mmu_exc_name(unsigned(value)) + ")";
    case MMU_DECODE_ACC:
        return s + " (" + mmu_acc_name(unsigned(value)) + ")";
    case MMU_DECODE_PRIV:
        return s + " (" + mmu_priv_name(unsigned(value)) + ")";
    case MMU_DECODE_CSR:
        return s + " (" + mmu_csr_name(unsigned(value)) + ")";
    default:
        return s;
    }
}

std::string txn_line(const mmu_txn_t &t, bool in_flight)
{
    std::string s = in_flight ? strprintf("#%" PRIu64 " cycles %" PRIu64 "..(in flight)", t.id,
                                    t.accept_cycle)
                              : strprintf("#%" PRIu64 " cycles %" PRIu64 "..%" PRIu64, t.id,
                                    t.accept_cycle, t.answer_cycle);
    s += strprintf(" va=0x%016" PRIx64 " %s %s satp=%s asid=0x%x seg=%s", t.vaddr, mmu_acc_name(t.acc),
             mmu_priv_name(t.priv), mmu_satp_mode_name(t.satp_mode), unsigned(t.asid),
             mmu_seg_mode_name(t.seg_mode));
    if (t.priv != MMU_PRIV_M && t.linear != t.vaddr)
        s += strprintf(" lin=0x%" PRIx64, t.linear);
    if (t.hit)
        s += strprintf(" HIT[%u]", unsigned(t.hit_index));
    if (t.refill)
        s += strprintf(" REFILL[%u]", unsigned(t.hit_index));
    if (t.walked)
        s += strprintf(" walk(%u)", t.n_access);
    if (in_flight)
        return s + " -> no answer yet";
    if (t.fault)
        s += strprintf(" -> FAULT %s exc=%u(%s) level=%u", mmu_cause_name(t.cause), unsigned(t.exc),
                 mmu_exc_name(t.exc), unsigned(t.level));
    else
        s += strprintf(" -> pa=0x%014" PRIx64 " level=%u", t.paddr, unsigned(t.level));
    if (t.filled)
        s += strprintf(" fill[%u]", unsigned(t.fill_index));
    if (t.fill_suppressed)
        s += " fill-suppressed-by-flush";
    return s;
}

std::string txn_walk_lines(const mmu_txn_t &t, const char *indent)
{
    std::string s;
    unsigned n = t.n_access <= MMU_MAX_LEVELS + 1 ? t.n_access : MMU_MAX_LEVELS + 1;
    for (unsigned i = 0; i < n; i++) {
        const mmu_pte_access_t &a = t.access[i];
        s += strprintf("%s%s %-5s pte_addr=0x%014" PRIx64 " %s 0x%016" PRIx64 "%s", indent,
                 level_name(a.level), a.write ? "write" : "read", a.addr, a.write ? "<-" : "->",
                 a.value, a.err ? " ERROR" : "");
        if (mmu_pte_mode_ok(t.satp_mode) && !a.err) {  // Sv PTEs (teaching formats: raw)
            s += strprintf(" %s ppn=0x%" PRIx64, pte_flags_text(a.value).c_str(),
                     mmu_sv_pte_ppn(a.value, mmu_pte_ppn_bits(t.satp_mode)));
            if (a.write)
                s += " (A/D write, sets " + txn_ad_bits_set(t, i) + ")";
            else
                s += std::string(" ") + pte_kind(a.value);
        }
        s += "\n";
    }
    if (n == 0)
        s += std::string(indent) + "(no page-table access yet)\n";
    return s;
}

std::string inputs_line(const mmu_inputs_t &in)
{
    std::string s;
    if (!in.rst_n)
        return "RESET";
    if (in.req_valid)
        s += strprintf("req va=0x%" PRIx64 " %s %s; ", in.req_vaddr, mmu_acc_name(in.req_acc),
                 mmu_priv_name(in.req_priv));
    if (in.csr_valid) {
        if (in.csr_write)
            s += strprintf("csr W %s=0x%" PRIx64 "; ", mmu_csr_name(in.csr_addr), in.csr_wdata);
        else
            s += strprintf("csr R %s; ", mmu_csr_name(in.csr_addr));
    }
    s += strprintf("mem ready=%d", int(in.mem_req_ready));
    if (in.mem_resp_valid)
        s += strprintf(" resp=0x%" PRIx64 "%s", in.mem_resp_rdata, in.mem_resp_err ? " ERR" : "");
    return s;
}

std::string outputs_line(const mmu_outputs_t &o)
{
    std::string s = strprintf("rdy=%d csr_rdy=%d", int(o.req_ready), int(o.csr_ready));
    if (o.resp_valid) {
        if (o.resp_fault)
            s += strprintf(" RESP fault %s lvl=%u", mmu_cause_name(o.resp_cause), unsigned(o.resp_level));
        else
            s += strprintf(" RESP pa=0x%" PRIx64 " lvl=%u", o.resp_paddr, unsigned(o.resp_level));
        if (o.resp_hit)
            s += strprintf(" hit[%u]", unsigned(o.trace_hit_index));
    }
    if (o.mem_req_valid)
        s += strprintf(" MEM %s 0x%" PRIx64 " sz=%u%s", o.mem_req_write ? "W" : "R", o.mem_req_addr,
                 unsigned(o.mem_req_size),
                 o.mem_req_write ? strprintf(" d=0x%" PRIx64, o.mem_req_wdata).c_str() : "");
    if (o.csr_rvalid)
        s += strprintf(" CSR rdata=0x%" PRIx64, o.csr_rdata);
    if (o.trace_fill_valid)
        s += strprintf(" fill[%u]", unsigned(o.trace_fill_index));
    if (o.trace_flush_valid)
        s += " FLUSH";
    return s;
}

std::string format_report(const MismatchInfo &m)
{
    std::ostringstream r;
    r << "==================== LOCKSTEP FAILURE ====================\n";
    switch (m.kind) {
    case StopKind::Mismatch:
        r << "kind:   output mismatch (RTL vs C model)\n";
        break;
    case StopKind::RtlAssertion:
        r << "kind:   RTL assertion failed at " << m.message
          << " (the assertion's own message is printed above the report)\n";
        break;
    case StopKind::ModelAssertion:
        r << "kind:   C model assertion: " << m.message << " (the RTL's assertions did not fire)\n";
        break;
    }
    r << "build:  " << m.build << "\n";
    r << "cycle:  " << m.model_cycle << " (cycles since reset, as in the translation ids below; "
      << "harness cycle " << m.harness_cycle << ")\n";
    if (m.kind == StopKind::Mismatch) {
        auto diffs = differing_outputs(m.rtl, m.model);
        r << "differing outputs:\n";
#define MMU_X_ROW(name, w, d)                                                                    \
    if (uint64_t(m.rtl.name) != uint64_t(m.model.name))                                          \
        r << strprintf("  %-18s RTL %-28s model %s\n", #name,                                          \
                 port_value_text(uint64_t(m.rtl.name), w, d).c_str(),                             \
                 port_value_text(uint64_t(m.model.name), w, d).c_str());
        MMU_OUTPUT_PORTS(MMU_X_ROW)
#undef MMU_X_ROW
        std::string names;
        for (auto &n : diffs)
            names += (names.empty() ? "" : ",") + n;
        r << "first-divergence: cycle=" << m.model_cycle << " signals=" << names << "\n";
        r << "all outputs this cycle (RTL / model):\n";
#define MMU_X_ALL(name, w, d)                                                                    \
    r << strprintf("  %-18s %-22s %-22s%s\n", #name, hex(uint64_t(m.rtl.name), w).c_str(),               \
             hex(uint64_t(m.model.name), w).c_str(),                                             \
             uint64_t(m.rtl.name) != uint64_t(m.model.name) ? "  <== differs" : "");
        MMU_OUTPUT_PORTS(MMU_X_ALL)
#undef MMU_X_ALL
    }
    r << "inputs this cycle:\n";
#define MMU_X_IN(name, w, d)                                                                     \
    r << strprintf("  %-18s %s\n", #name, port_value_text(uint64_t(m.in.name), w, d).c_str());
    MMU_INPUT_PORTS(MMU_X_IN)
#undef MMU_X_IN
    r << "translation in flight (model):\n";
    if (m.have_inflight) {
        const mmu_txn_t &t = m.inflight;
        r << strprintf("  id %" PRIu64 ", accepted in cycle %" PRIu64 "\n", t.id, t.accept_cycle);
        r << strprintf("  vaddr 0x%016" PRIx64 "  access %s  privilege %s\n", t.vaddr,
                 mmu_acc_name(t.acc), mmu_priv_name(t.priv));
        r << strprintf("  mode: SATP %s, segmentation %s, ASID 0x%x, linear 0x%016" PRIx64 "\n",
                 mmu_satp_mode_name(t.satp_mode), mmu_seg_mode_name(t.seg_mode),
                 unsigned(t.asid), t.linear);
        r << strprintf("  paged=%d hit=%d refill=%d hit_index=%u walked=%d\n", int(t.paged), int(t.hit),
                 int(t.refill), unsigned(t.hit_index), int(t.walked));
        r << "  walk so far:\n" << txn_walk_lines(t, "    ");
    } else {
        r << "  none\n";
    }
    r << "last " << m.recent.size() << " completed translations (oldest first):\n";
    for (const mmu_txn_t &t : m.recent) {
        r << "  " << txn_line(t) << "\n";
        if (t.n_access)
            r << txn_walk_lines(t, "      ");
    }
    r << "last " << m.history.size() << " cycles before this one (cycle: inputs => outputs):\n";
    for (const CycleRecord &c : m.history)
        r << strprintf("  %6" PRIu64 ": %s => %s\n", c.cycle, inputs_line(c.in).c_str(),
                 outputs_line(c.out).c_str());
    r << "reproduce:\n  " << m.repro << "\n";
    if (!m.wave_repro.empty())
        r << "with waves around the failure:\n  " << m.wave_repro << "\n";
    if (!m.debug_files.empty()) {
        r << "debug files (docs/debugging.md):\n";
        for (const MismatchInfo::DebugFile &f : m.debug_files)
            r << strprintf("  %-9s %s%s%s\n", (f.label + ":").c_str(), f.path.c_str(),
                     f.note.empty() ? "" : "  ", f.note.c_str());
    }
    r << "===========================================================\n";
    return r.str();
}

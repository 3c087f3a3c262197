// The transaction-level mismatch report (see txn_checker.h): the lockstep report's layout
// (csim/report.cpp) for a comparison per request instead of per cycle.
#include <cinttypes>
#include <sstream>

#include "mmu_enums.h"
#include "txn_checker.h"

namespace {

const char *kind_text(TxnFailKind k)
{
    switch (k) {
    case TxnFailKind::Answer:
        return "request mismatch (DUT vs C model, compared per request)";
    case TxnFailKind::CsrRead:
        return "CSR read mismatch (DUT vs C model)";
    case TxnFailKind::Protocol:
        return "port protocol (the DUT's ports did something no request explains)";
    case TxnFailKind::Timeout:
        return "timeout (the DUT stopped answering)";
    case TxnFailKind::RtlAssertion:
        return "RTL assertion";
    case TxnFailKind::IllegalRequest:
        return "illegal request";
    }
    return "?";
}

std::string dut_access_line(const TxnDutAccess &a)
{
    std::string s = strprintf("%-5s 0x%014" PRIx64 " size %u", a.write ? "write" : "read", a.addr,
                              1u << a.size);
    if (a.write)
        s += strprintf(" <- 0x%016" PRIx64, a.wdata);
    else if (a.answered)
        s += strprintf(" -> 0x%016" PRIx64, a.rdata);
    if (a.err)
        s += " ERROR";
    if (!a.answered)
        return s + strprintf("  (accepted in cycle %" PRIu64 ", no response yet)", a.accepted);
    return s + strprintf("  (presented %" PRIu64 ", accepted %" PRIu64 ", response %" PRIu64 ")",
                         a.presented, a.accepted, a.responded);
}

std::string model_access_line(const TxnModelAccess &a)
{
    std::string s = strprintf("%-5s 0x%014" PRIx64 " size %u %s 0x%016" PRIx64, a.write ? "write" : "read",
                              a.addr, 1u << a.size, a.write ? "<-" : "->", a.data);
    return a.err ? s + " ERROR" : s;
}

}  // namespace

std::string format_txn_report(const TxnMismatch &m)
{
    std::ostringstream r;
    r << "==================== TRANSACTION MISMATCH ====================\n";
    r << "kind:   " << kind_text(m.kind) << "\n";
    r << "build:  " << m.build << "\n";
    r << "cycle:  " << m.cycle << " (cycles since reset; harness cycle " << m.harness_cycle
      << ")\n";
    r << "what:   " << m.message << "\n";
    if (m.have_request) {
        const TxnRequest &q = m.req;
        r << strprintf("request: #%" PRIu64 " va=0x%016" PRIx64 " %s %s", q.id, q.vaddr,
                       mmu_acc_name(q.acc), mmu_priv_name(q.priv));
        if (m.have_model_txn) {
            const mmu_txn_t &t = m.model_txn;
            r << strprintf(" (SATP %s, ASID 0x%x, segmentation %s, linear 0x%" PRIx64 ")",
                           mmu_satp_mode_name(t.satp_mode), unsigned(t.asid),
                           mmu_seg_mode_name(t.seg_mode), t.linear);
        }
        r << "\n";
        if (q.answered)
            r << strprintf("         accepted in cycle %" PRIu64 ", answered in cycle %" PRIu64
                           " (%" PRIu64 " cycles; the reference timing for the DUT's accesses: "
                           "%" PRIu64 ")\n",
                           q.accept, q.answer, q.answer - q.accept, m.ref_cycles);
        else
            r << strprintf("         accepted in cycle %" PRIu64 ", no answer\n", q.accept);
    }
    if (!m.fields.empty()) {
        r << strprintf("field:  %s  model %s  DUT %s\n", m.fields[0].name.c_str(),
                       m.fields[0].model.c_str(), m.fields[0].dut.c_str());
        r << "differing fields (model / DUT):\n";
        for (const TxnMismatch::Field &f : m.fields)
            r << strprintf("  %-24s model %-24s DUT %s\n", f.name.c_str(), f.model.c_str(),
                           f.dut.c_str());
    }
    // the machine line for scripts, like the lockstep's first-divergence line
    r << "first-divergence: request=";
    if (m.have_request)
        r << m.req.id;
    else
        r << "none";
    std::string fname = m.fields.empty() ? "none" : m.fields[0].name;
    for (char &c : fname)
        if (c == ' ')
            c = '_';
    r << " field=" << fname << " cycle=" << m.cycle << "\n";
    if (m.have_request && m.req.answered && m.kind == TxnFailKind::Answer) {
        const mmu_result_t &a = m.model_result;
        const mmu_outputs_t &o = m.req.resp;
        r << "answer (model / DUT):\n";
        r << strprintf("  paddr  0x%014" PRIx64 " / 0x%014" PRIx64 "\n", a.paddr, o.resp_paddr);
        r << strprintf("  fault  %u / %u\n", unsigned(a.fault), unsigned(o.resp_fault));
        r << strprintf("  exc    %s / %s\n", mmu_exc_name(a.exc), mmu_exc_name(o.resp_exc));
        r << strprintf("  cause  %s / %s\n", mmu_cause_name(a.cause), mmu_cause_name(o.resp_cause));
        r << strprintf("  level  %u / %u\n", unsigned(a.level), unsigned(o.resp_level));
        r << strprintf("  hit    %u / %u\n", unsigned(a.hit), unsigned(o.resp_hit));
        r << "page-table accesses of the model (the data the DUT's memory answered"
          << (m.replay_left_dut ? "; after the first access the DUT did not make: the memory "
                                  "as it is now"
                                : "")
          << "):\n";
        for (size_t i = 0; i < m.model_accesses.size(); i++)
            r << strprintf("  %zu %s\n", i + 1, model_access_line(m.model_accesses[i]).c_str());
        if (m.model_accesses.empty())
            r << "  none\n";
    }
    if (m.kind == TxnFailKind::Answer || !m.dut_accesses.empty()) {
        r << "page-table accesses of the DUT:\n";
        for (size_t i = 0; i < m.dut_accesses.size(); i++)
            r << strprintf("  %zu %s\n", i + 1, dut_access_line(m.dut_accesses[i]).c_str());
        if (m.dut_accesses.empty())
            r << "  none\n";
    }
    if (!m.flush_note.empty())
        r << "latest TLB flush (the model walks after it): " << m.flush_note << "\n";
    if (m.have_model_txn && m.kind == TxnFailKind::Answer) {
        r << "the model's translation:\n  " << txn_line(m.model_txn) << "\n";
        if (m.model_txn.n_access)
            r << txn_walk_lines(m.model_txn, "      ");
    }
    r << "last " << m.recent.size() << " translations that matched (oldest first):\n";
    for (const mmu_txn_t &t : m.recent) {
        r << "  " << txn_line(t) << "\n";
        if (t.n_access)
            r << txn_walk_lines(t, "      ");
    }
    r << "last " << m.history.size() << " cycles, this one last (cycle: DUT inputs => DUT outputs):\n";
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
    r << "===============================================================\n";
    return r.str();
}

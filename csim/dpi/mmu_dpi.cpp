// DPI-C scoreboard and page-table memory (see mmu_dpi.h). The comparison and the report are the
// lockstep harness's own (LockstepChecker, csim/checker.h; format_report, csim/report.h); the
// memory is csim/mem_model.h's sparse store.
#include "mmu_dpi.h"

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checker.h"
#include "mem_model.h"
#include "mmu_enums.h"
#include "mmu_model.h"
#include "report.h"

namespace {

struct Scoreboard {
    mmu_model_t *model = nullptr;
    std::unique_ptr<LockstepChecker> chk;
    int result = 0;  // 0, or what every check returns after the failure
    std::string report, signals;
    uint64_t translations = 0, hits = 0, walks = 0, faults = 0, ad_writes = 0, refills = 0,
             suppressed = 0;
    uint64_t by_cause[MMU_CAUSE_COUNT] = {};
    ~Scoreboard()
    {
        chk.reset();
        mmu_destroy(model);
    }
};

struct Memory {
    MemModel store;
    uint64_t next = 0;
};

Scoreboard *sb(void *h) { return static_cast<Scoreboard *>(h); }
Memory *mem(void *m) { return static_cast<Memory *>(m); }

mmu_inputs_t make_inputs(svBit rst_n, svBit req_valid, mmu_dpi_u64 req_vaddr,
                         unsigned int req_acc, unsigned int req_priv, svBit mem_req_ready,
                         svBit mem_resp_valid, mmu_dpi_u64 mem_resp_rdata, svBit mem_resp_err,
                         svBit csr_valid, svBit csr_write, unsigned int csr_addr,
                         mmu_dpi_u64 csr_wdata)
{
    mmu_inputs_t in{};
    in.rst_n = rst_n & 1;
    in.req_valid = req_valid & 1;
    in.req_vaddr = req_vaddr;
    in.req_acc = uint8_t(req_acc & 3);
    in.req_priv = uint8_t(req_priv & 3);
    in.mem_req_ready = mem_req_ready & 1;
    in.mem_resp_valid = mem_resp_valid & 1;
    in.mem_resp_rdata = mem_resp_rdata;
    in.mem_resp_err = mem_resp_err & 1;
    in.csr_valid = csr_valid & 1;
    in.csr_write = csr_write & 1;
    in.csr_addr = uint8_t(csr_addr & 0xff);
    in.csr_wdata = csr_wdata;
    return in;
}

constexpr uint64_t kAddrMask = (uint64_t(1) << 56) - 1;

}  // namespace

extern "C" {

void *mmu_dpi_create(int tlb_entries, int asid_bits)
{
    if (tlb_entries < 0 || asid_bits < 0) {
        std::fprintf(stderr, "mmu_dpi_create: negative TLB size or ASID width\n");
        return nullptr;
    }
    mmu_config_t cfg{unsigned(tlb_entries), unsigned(asid_bits)};
    char err[200] = "";
    mmu_model_t *m = mmu_create(&cfg, err, sizeof err);
    if (!m) {
        std::fprintf(stderr, "mmu_dpi_create(%d, %d): %s\n", tlb_entries, asid_bits, err);
        return nullptr;
    }
    auto *s = new Scoreboard;
    s->model = m;
    s->chk = std::make_unique<LockstepChecker>(
        m, "TlbEntries=" + std::to_string(tlb_entries) + " AsidWidth=" +
               std::to_string(asid_bits) + " (DPI-C scoreboard: DUT vs C model)");
    s->chk->set_txn_observer([s](const mmu_txn_t &t) {
        s->translations++;
        s->hits += t.hit;
        s->walks += t.walked;
        s->refills += t.refill;
        s->suppressed += t.fill_suppressed;
        for (unsigned i = 0; i < t.n_access && i <= MMU_MAX_LEVELS; i++)
            s->ad_writes += t.access[i].write;
        if (t.fault) {
            s->faults++;
            if (t.cause < MMU_CAUSE_COUNT)
                s->by_cause[t.cause]++;
        }
    });
    return s;
}

void mmu_dpi_destroy(void *h) { delete sb(h); }

void mmu_dpi_set_repro(void *h, const char *cmd)
{
    if (h)
        sb(h)->chk->set_repro(cmd ? cmd : "", "");
}

int mmu_dpi_check(void *h, svBit rst_n, svBit req_valid, mmu_dpi_u64 req_vaddr,
                  unsigned int req_acc, unsigned int req_priv, svBit mem_req_ready,
                  svBit mem_resp_valid, mmu_dpi_u64 mem_resp_rdata, svBit mem_resp_err,
                  svBit csr_valid, svBit csr_write, unsigned int csr_addr, mmu_dpi_u64 csr_wdata,
                  svBit req_ready, svBit resp_valid, mmu_dpi_u64 resp_paddr, svBit resp_fault,
                  unsigned int resp_exc, unsigned int resp_cause, unsigned int resp_level,
                  svBit resp_hit, svBit mem_req_valid, mmu_dpi_u64 mem_req_addr,
                  svBit mem_req_write, mmu_dpi_u64 mem_req_wdata, unsigned int mem_req_size,
                  svBit csr_ready, svBit csr_rvalid, mmu_dpi_u64 csr_rdata,
                  unsigned int trace_hit_index, svBit trace_fill_valid,
                  unsigned int trace_fill_index, svBit trace_flush_valid)
{
    Scoreboard *s = sb(h);
    if (!s)
        return -1;
    if (s->result)
        return s->result;
    mmu_inputs_t in = make_inputs(rst_n, req_valid, req_vaddr, req_acc, req_priv, mem_req_ready,
                                  mem_resp_valid, mem_resp_rdata, mem_resp_err, csr_valid,
                                  csr_write, csr_addr, csr_wdata);
    mmu_outputs_t dut{};
    dut.req_ready = req_ready & 1;
    dut.resp_valid = resp_valid & 1;
    dut.resp_paddr = resp_paddr;
    dut.resp_fault = resp_fault & 1;
    dut.resp_exc = uint8_t(resp_exc);
    dut.resp_cause = uint8_t(resp_cause);
    dut.resp_level = uint8_t(resp_level);
    dut.resp_hit = resp_hit & 1;
    dut.mem_req_valid = mem_req_valid & 1;
    dut.mem_req_addr = mem_req_addr;
    dut.mem_req_write = mem_req_write & 1;
    dut.mem_req_wdata = mem_req_wdata;
    dut.mem_req_size = uint8_t(mem_req_size);
    dut.csr_ready = csr_ready & 1;
    dut.csr_rvalid = csr_rvalid & 1;
    dut.csr_rdata = csr_rdata;
    dut.trace_hit_index = uint8_t(trace_hit_index);
    dut.trace_fill_valid = trace_fill_valid & 1;
    dut.trace_fill_index = uint8_t(trace_fill_index);
    dut.trace_flush_valid = trace_flush_valid & 1;

    mmu_outputs_t model;
    mmu_eval(s->model, &in, &model);
    bool ok = s->chk->check(in, dut, model);
    if (ok) {
        mmu_step(s->model, &in, nullptr);
        ok = s->chk->after_edge();
    }
    if (ok)
        return 0;
    const MismatchInfo &m = s->chk->failure();
    std::vector<std::string> diff = differing_outputs(m.rtl, m.model);
    s->signals.clear();
    for (const std::string &d : diff)
        s->signals += (s->signals.empty() ? "" : ",") + d;
    s->report = format_report(m);
    s->result = diff.empty() ? -1 : int(diff.size());
    return s->result;
}

void mmu_dpi_eval(void *h, svBit rst_n, svBit req_valid, mmu_dpi_u64 req_vaddr,
                  unsigned int req_acc, unsigned int req_priv, svBit mem_req_ready,
                  svBit mem_resp_valid, mmu_dpi_u64 mem_resp_rdata, svBit mem_resp_err,
                  svBit csr_valid, svBit csr_write, unsigned int csr_addr, mmu_dpi_u64 csr_wdata,
                  svBit *req_ready, svBit *resp_valid, mmu_dpi_u64 *resp_paddr, svBit *resp_fault,
                  unsigned int *resp_exc, unsigned int *resp_cause, unsigned int *resp_level,
                  svBit *resp_hit, svBit *mem_req_valid, mmu_dpi_u64 *mem_req_addr,
                  svBit *mem_req_write, mmu_dpi_u64 *mem_req_wdata, unsigned int *mem_req_size,
                  svBit *csr_ready, svBit *csr_rvalid, mmu_dpi_u64 *csr_rdata,
                  unsigned int *trace_hit_index, svBit *trace_fill_valid,
                  unsigned int *trace_fill_index, svBit *trace_flush_valid)
{
    mmu_inputs_t in = make_inputs(rst_n, req_valid, req_vaddr, req_acc, req_priv, mem_req_ready,
                                  mem_resp_valid, mem_resp_rdata, mem_resp_err, csr_valid,
                                  csr_write, csr_addr, csr_wdata);
    mmu_outputs_t o{};
    if (h)
        mmu_eval(sb(h)->model, &in, &o);
    *req_ready = o.req_ready;
    *resp_valid = o.resp_valid;
    *resp_paddr = o.resp_paddr;
    *resp_fault = o.resp_fault;
    *resp_exc = o.resp_exc;
    *resp_cause = o.resp_cause;
    *resp_level = o.resp_level;
    *resp_hit = o.resp_hit;
    *mem_req_valid = o.mem_req_valid;
    *mem_req_addr = o.mem_req_addr;
    *mem_req_write = o.mem_req_write;
    *mem_req_wdata = o.mem_req_wdata;
    *mem_req_size = o.mem_req_size;
    *csr_ready = o.csr_ready;
    *csr_rvalid = o.csr_rvalid;
    *csr_rdata = o.csr_rdata;
    *trace_hit_index = o.trace_hit_index;
    *trace_fill_valid = o.trace_fill_valid;
    *trace_fill_index = o.trace_fill_index;
    *trace_flush_valid = o.trace_flush_valid;
}

void mmu_dpi_clock(void *h, svBit rst_n, svBit req_valid, mmu_dpi_u64 req_vaddr,
                   unsigned int req_acc, unsigned int req_priv, svBit mem_req_ready,
                   svBit mem_resp_valid, mmu_dpi_u64 mem_resp_rdata, svBit mem_resp_err,
                   svBit csr_valid, svBit csr_write, unsigned int csr_addr, mmu_dpi_u64 csr_wdata)
{
    if (!h)
        return;
    mmu_inputs_t in = make_inputs(rst_n, req_valid, req_vaddr, req_acc, req_priv, mem_req_ready,
                                  mem_resp_valid, mem_resp_rdata, mem_resp_err, csr_valid,
                                  csr_write, csr_addr, csr_wdata);
    mmu_step(sb(h)->model, &in, nullptr);
}

const char *mmu_dpi_report(void *h) { return h ? sb(h)->report.c_str() : ""; }
const char *mmu_dpi_mismatch_signals(void *h) { return h ? sb(h)->signals.c_str() : ""; }

mmu_dpi_u64 mmu_dpi_count(void *h, int what)
{
    if (!h)
        return 0;
    Scoreboard *s = sb(h);
    switch (what) {
    case 0:
        return s->chk->cycles();
    case 1:
        return s->translations;
    case 2:
        return s->hits;
    case 3:
        return s->walks;
    case 4:
        return s->faults;
    case 5:
        return s->ad_writes;
    case 6:
        return s->refills;
    case 7:
        return s->suppressed;
    default:
        return 0;
    }
}

mmu_dpi_u64 mmu_dpi_cause_count(void *h, int cause)
{
    return h && cause >= 0 && cause < MMU_CAUSE_COUNT ? sb(h)->by_cause[cause] : 0;
}

const char *mmu_dpi_cause_name(int cause) { return mmu_cause_name(unsigned(cause)); }

mmu_dpi_u64 mmu_dpi_csr_read(void *h, int addr)
{
    return h ? mmu_csr_read(sb(h)->model, unsigned(addr) & 0xff) : 0;
}

// ---- memory ----

void *mmu_dpi_mem_create(mmu_dpi_u64 alloc_base)
{
    auto *m = new Memory;
    m->next = alloc_base & kAddrMask;
    return m;
}

void mmu_dpi_mem_destroy(void *m) { delete mem(m); }

void mmu_dpi_mem_write(void *m, mmu_dpi_u64 addr, int size, mmu_dpi_u64 data)
{
    mem(m)->store.write(addr, unsigned(size) & 3, data);
}

mmu_dpi_u64 mmu_dpi_mem_read(void *m, mmu_dpi_u64 addr, int size)
{
    return mem(m)->store.read(addr, unsigned(size) & 3);
}

void mmu_dpi_mem_set_error(void *m, mmu_dpi_u64 addr, svBit on)
{
    mem(m)->store.set_error(addr, on & 1);
}

svBit mmu_dpi_mem_is_error(void *m, mmu_dpi_u64 addr, int size)
{
    return mem(m)->store.error_at(addr, unsigned(size) & 3) ? 1 : 0;
}

mmu_dpi_u64 mmu_dpi_mem_alloc(void *m, mmu_dpi_u64 bytes, mmu_dpi_u64 align)
{
    Memory *mm = mem(m);
    if (align == 0 || (align & (align - 1)))
        align = 8;
    uint64_t a = (mm->next + align - 1) & ~(align - 1);
    for (uint64_t off = 0; off < bytes; off += 8)
        mm->store.write(a + off, 3, 0);
    mm->next = (a + bytes) & kAddrMask;
    return a;
}

mmu_dpi_u64 mmu_dpi_map(void *m, int satp_mode, mmu_dpi_u64 root_ppn, mmu_dpi_u64 va, int level,
                        mmu_dpi_u64 ppn, mmu_dpi_u64 flags)
{
    unsigned levels, vpn_bits, pte_log2;
    switch (satp_mode) {
    case MMU_SATP_SV32:
        levels = 2, vpn_bits = 10, pte_log2 = 2;
        break;
    case MMU_SATP_SV39:
        levels = 3, vpn_bits = 9, pte_log2 = 3;
        break;
    case MMU_SATP_SV48:
        levels = 4, vpn_bits = 9, pte_log2 = 3;
        break;
    default:
        return ~0ull;
    }
    if (level < 0 || unsigned(level) >= levels)
        return ~0ull;
    const uint64_t ppn_mask = pte_log2 == 2 ? 0x3fffffull : 0xfffffffffffull;
    Memory *mm = mem(m);
    uint64_t table = root_ppn & ppn_mask;
    for (int l = int(levels) - 1;; l--) {
        uint64_t idx = (va >> (12 + vpn_bits * unsigned(l))) & ((1ull << vpn_bits) - 1);
        uint64_t a = ((table << 12) + (idx << pte_log2)) & kAddrMask;
        if (l == level) {
            uint64_t pte = ((ppn & ppn_mask) << 10) | flags;
            if (pte_log2 == 2)
                pte &= 0xffffffffull;
            mm->store.write(a, pte_log2, pte);
            return a;
        }
        uint64_t pte = mm->store.read(a, pte_log2);
        if (pte & 1) {
            if (pte & 0xa)  // R or X: a leaf on the way
                return ~0ull;
            table = (pte >> 10) & ppn_mask;
        } else {
            uint64_t page = mmu_dpi_mem_alloc(m, 4096, 4096);
            table = (page >> 12) & ppn_mask;
            mm->store.write(a, pte_log2, (table << 10) | 1);
        }
    }
}

}  // extern "C"

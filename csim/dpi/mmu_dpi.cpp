// DPI-C scoreboard and page-table memory (see mmu_dpi.h). The comparison and the report are the
// lockstep harness's own (LockstepChecker, csim/checker.h; format_report, csim/report.h); the
// memory is tb/mem_model.h's sparse store.
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
#include "txn_json.h"

namespace {

struct Scoreboard {
    mmu_model_t *model = nullptr;
    std::unique_ptr<LockstepChecker> chk;
    int result = 0;  // 0, or what every check returns after the failure
    std::string report, signals;
    uint64_t translations = 0, hits = 0, walks = 0, faults = 0, ad_writes = 0, refills = 0,
             suppressed = 0;
    uint64_t by_cause[MMU_CAUSE_COUNT] = {};
    FILE *txn_log = nullptr;  // mmu_dpi_txn_log: mmu-txn/1 records (tb/txn_json.h)
    ~Scoreboard()
    {
        if (txn_log)
            std::fclose(txn_log);
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

// A value of `width` bits (the DPI types are wider than most ports).
constexpr uint64_t port_mask(unsigned width)
{
    return width >= 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1;
}

// The DPI arguments into the model's port structures (the lists: mmu_dpi_ports_gen.h).
#define MMU_X_IN(name, width, decode) in.name = decltype(in.name)(uint64_t(name) & port_mask(width));
#define MMU_X_OUT(name, width, decode) out.name = decltype(out.name)(uint64_t(name) & port_mask(width));
#define MMU_X_PUT(name, width, decode) *name = decltype(+*name)(o.name);

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
        if (s->txn_log)
            std::fprintf(s->txn_log, "%s\n", txn_json(t).c_str());
    });
    return s;
}

int mmu_dpi_txn_log(void *h, const char *path)
{
    Scoreboard *s = sb(h);
    if (!s || !path)
        return -1;
    FILE *f = std::fopen(path, "w");
    if (!f) {
        std::fprintf(stderr, "mmu_dpi_txn_log: cannot write %s\n", path);
        return -1;
    }
    if (s->txn_log)
        std::fclose(s->txn_log);
    s->txn_log = f;
    return 0;
}

void mmu_dpi_destroy(void *h) { delete sb(h); }

void mmu_dpi_set_repro(void *h, const char *cmd)
{
    if (h)
        sb(h)->chk->set_repro(cmd ? cmd : "", "");
}

int mmu_dpi_check(void *h, MMU_DPI_IN_PARAMS, MMU_DPI_OUT_PARAMS)
{
    Scoreboard *s = sb(h);
    if (!s)
        return -1;
    if (s->result)
        return s->result;
    mmu_inputs_t in{};
    MMU_INPUT_PORTS(MMU_X_IN)
    mmu_outputs_t out{};
    MMU_OUTPUT_PORTS(MMU_X_OUT)
    const mmu_outputs_t &dut = out;

    mmu_outputs_t model;
    mmu_eval(s->model, &in, &model);
    bool ok = s->chk->check(in, dut, model);
    if (ok) {
        mmu_clock(s->model, &in, &model);  // the cycle is evaluated once
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
    if (s->txn_log) {  // the translation the failure interrupted, last (as a lockstep failure's log)
        if (const mmu_txn_t *t = mmu_inflight(s->model))
            std::fprintf(s->txn_log, "%s\n", txn_json(*t, true).c_str());
        std::fflush(s->txn_log);
    }
    return s->result;
}

void mmu_dpi_eval(void *h, MMU_DPI_IN_PARAMS, MMU_DPI_OUT_PTR_PARAMS)
{
    mmu_inputs_t in{};
    MMU_INPUT_PORTS(MMU_X_IN)
    mmu_outputs_t o{};
    if (h)
        mmu_eval(sb(h)->model, &in, &o);
    MMU_OUTPUT_PORTS(MMU_X_PUT)
}

void mmu_dpi_clock(void *h, MMU_DPI_IN_PARAMS)
{
    if (!h)
        return;
    mmu_inputs_t in{};
    MMU_INPUT_PORTS(MMU_X_IN)
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
    // the mode's geometry and PTE layout: mmu_geometry and mmu_helpers.h (no positions here)
    mmu_geometry_t g;
    if ((satp_mode != MMU_SATP_SV32 && satp_mode != MMU_SATP_SV39 && satp_mode != MMU_SATP_SV48) ||
        !mmu_geometry(unsigned(satp_mode), 0, &g))
        return ~0ull;
    if (level < 0 || unsigned(level) >= g.levels)
        return ~0ull;
    const uint64_t ppn_mask = (1ull << g.ppn_bits) - 1;
    Memory *mm = mem(m);
    uint64_t table = root_ppn & ppn_mask;
    for (int l = int(g.levels) - 1;; l--) {
        uint64_t idx = (va >> (g.page_shift + g.idx_bits * unsigned(l))) & ((1ull << g.idx_bits) - 1);
        uint64_t a = ((table << g.page_shift) + (idx << g.pte_log2)) & kAddrMask;
        if (l == level) {
            uint64_t pte = mmu_sv_pte(ppn & ppn_mask, flags);
            if (g.pte_log2 == 2)
                pte &= 0xffffffffull;
            mm->store.write(a, g.pte_log2, pte);
            return a;
        }
        uint64_t pte = mm->store.read(a, g.pte_log2);
        if (pte & MMU_PTE_V) {
            if (mmu_pte_is_leaf(pte))  // a leaf on the way
                return ~0ull;
            table = mmu_sv_pte_ppn(pte, g.ppn_bits);
        } else {
            uint64_t page = mmu_dpi_mem_alloc(m, 1ull << g.page_shift, 1ull << g.page_shift);
            table = (page >> g.page_shift) & ppn_mask;
            mm->store.write(a, g.pte_log2, mmu_sv_pte(table, MMU_PTE_V));
        }
    }
}

}  // extern "C"

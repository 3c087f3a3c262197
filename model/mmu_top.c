/* The MMU top (rtl/mmu_top.sv): request stage, response register, the per-cycle engine of the
 * cycle-level face, the untimed face, and the public API of mmu_model.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmu_internal.h"

#define CSR_FIRST_COUNTER MMU_CSR_HITS
#define CSR_LAST_COUNTER (MMU_CSR_HITS + MMU_CNT_COUNT - 1)

unsigned mmu_exc_code(unsigned cause, unsigned acc, bool by_segmentation)
{
    static const uint8_t access_fault[3] = {MMU_EXC_LOAD_ACCESS, MMU_EXC_STORE_ACCESS,
                                            MMU_EXC_FETCH_ACCESS};
    static const uint8_t page_fault[3] = {MMU_EXC_LOAD_PAGE, MMU_EXC_STORE_PAGE,
                                          MMU_EXC_FETCH_PAGE};
    if (acc > MMU_ACC_FETCH)
        acc = MMU_ACC_FETCH;
    switch (cause) {
    case MMU_CAUSE_NONE:
        return MMU_EXC_NONE;
    case MMU_CAUSE_BOUNDS:
    case MMU_CAUSE_SEG_INVALID:
    case MMU_CAUSE_SEG_LIMIT:
    case MMU_CAUSE_SEG_PERM:
    case MMU_CAUSE_PAGE_BOUND:
    case MMU_CAUSE_WALK_ACCESS_ERROR:
        return access_fault[acc];
    case MMU_CAUSE_VA_RANGE:
        return by_segmentation ? access_fault[acc] : page_fault[acc];
    default:
        return page_fault[acc];
    }
}

static void front_fault(mmu_front_t *f, unsigned cause, unsigned acc, bool by_segmentation)
{
    f->ans.fault = true;
    f->ans.cause = (uint8_t)cause;
    f->ans.exc = (uint8_t)mmu_exc_code(cause, acc, by_segmentation);
}

static uint64_t entry_pte_flags(const mmu_tlb_entry_t *e)
{
    return PTE_V | (e->r ? PTE_R : 0) | (e->w ? PTE_W : 0) | (e->x ? PTE_X : 0) |
           (e->u ? PTE_U : 0) | (e->a ? PTE_A : 0) | (e->d ? PTE_D : 0);
}

/* The request stage (SPEC 3): what the accept cycle decides, with the TLB as it is now. */
void mmu_front(const mmu_model_t *m, uint64_t vaddr, unsigned acc, unsigned priv, mmu_front_t *f)
{
    memset(f, 0, sizeof *f);
    if (priv == MMU_PRIV_M) {
        f->ans.paddr = vaddr & MMU_PA_MASK;
        return;
    }
    unsigned cause = seg_translate(&m->csr, vaddr, acc, priv, &f->linear);
    if (cause != MMU_CAUSE_NONE) {
        front_fault(f, cause, acc, true);
        return;
    }
    const mmu_scheme_t *s = csr_scheme(&m->csr);
    if (!s) {
        f->ans.paddr = f->linear & MMU_PA_MASK;
        return;
    }
    if (!ptw_va_valid(s, f->linear)) {
        front_fault(f, MMU_CAUSE_VA_RANGE, acc, false);
        return;
    }
    f->paged = true;
    int hit = tlb_lookup(&m->tlb, s, f->linear, csr_asid(m), csr_asid_mask(m));
    if (hit < 0) {
        f->walk = true;
        return;
    }
    const mmu_tlb_entry_t *e = &m->tlb.e[hit];
    uint64_t flags = entry_pte_flags(e);
    cause = ptw_leaf_perm_cause(flags, acc, priv, m->csr.status);
    if (cause == MMU_CAUSE_NONE && ptw_ad_needed(flags, acc)) {
        /* A/D is the first problem: walk again and refill this entry */
        f->walk = true;
        f->refill = true;
        f->hit_index = (uint8_t)hit;
        return;
    }
    f->ans.hit = true;
    f->ans.hit_index = (uint8_t)hit;
    f->ans.level = e->level;
    if (cause != MMU_CAUSE_NONE)
        front_fault(f, cause, acc, false);
    else
        f->ans.paddr = ptw_compose_pa(s, e->ppn, e->level, f->linear);
}

/* ---------------------------------------------------------------- bookkeeping */

static void assertion(mmu_model_t *m, const char *msg)
{
    m->assertions++;
    snprintf(m->assertion_msg, sizeof m->assertion_msg, "cycle %llu: %s",
             (unsigned long long)m->cycle, msg);
}

static void txn_begin(mmu_model_t *m, uint64_t vaddr, unsigned acc, unsigned priv,
                      const mmu_front_t *f)
{
    mmu_txn_t *t = &m->txn;
    memset(t, 0, sizeof *t);
    m->txn_active = true;
    t->id = m->next_txn_id++;
    t->accept_cycle = m->cycle;
    t->vaddr = vaddr;
    t->acc = (uint8_t)acc;
    t->priv = (uint8_t)priv;
    t->satp_mode = (uint8_t)csr_satp_mode(&m->csr);
    t->seg_mode = (uint8_t)(m->csr.segctl & SEGCTL_MODE_MASK);
    t->asid = csr_asid(m);
    t->linear = f->linear;
    t->paged = f->paged;
    t->refill = f->refill;
    t->walked = f->walk;
    t->hit_index = f->hit_index;
}

static void txn_access(mmu_model_t *m, uint64_t addr, int level, bool write, uint64_t wdata)
{
    mmu_txn_t *t = &m->txn;
    if (t->n_access >= MMU_MAX_LEVELS + 1)
        return;
    mmu_pte_access_t *a = &t->access[t->n_access++];
    a->addr = addr;
    a->level = (uint8_t)level;
    a->write = write;
    a->value = wdata;
}

static void txn_access_done(mmu_model_t *m, uint64_t rdata, bool err)
{
    mmu_txn_t *t = &m->txn;
    if (t->n_access == 0)
        return;
    mmu_pte_access_t *a = &t->access[t->n_access - 1];
    if (!a->write)
        a->value = rdata;
    a->err = err;
}

static void txn_end(mmu_model_t *m, const mmu_answer_t *ans)
{
    mmu_txn_t *t = &m->txn;
    t->answer_cycle = m->cycle;
    t->hit = ans->hit;
    if (ans->hit)
        t->hit_index = ans->hit_index;
    t->paddr = ans->paddr;
    t->fault = ans->fault;
    t->exc = ans->exc;
    t->cause = ans->cause;
    t->level = ans->level;
    m->txn_active = false;
    if (m->txn_cb)
        m->txn_cb(m->txn_user, t);
}

/* An answer leaves the MMU: counters and the touch of a hit entry. */
static void count_answer(mmu_model_t *m, const mmu_answer_t *ans)
{
    if (ans->hit) {
        csr_count(&m->csr, MMU_CNT_HITS, 1);
        tlb_touch(&m->tlb, ans->hit_index);
    }
    if (ans->fault)
        csr_count(&m->csr, MMU_CNT_FAULTS, 1);
}

/* The walk's answer cycle: install the translation unless suppressed. */
static void walk_finish(mmu_model_t *m, bool suppressed)
{
    mmu_ptw_t *w = &m->ptw;
    if (w->fill_ok && !suppressed) {
        mmu_fill_slot_t slot = tlb_fill_slot(&m->tlb, m->csr.policy, m->csr.lfsr, w->refill,
                                             w->refill_index);
        tlb_fill(&m->tlb, &slot, w->refill, &w->fill_entry);
        m->csr.lfsr = slot.lfsr_next;
        if (slot.evict)
            csr_count(&m->csr, MMU_CNT_EVICTIONS, 1);
        m->txn.filled = true;
        m->txn.fill_index = (uint8_t)slot.index;
    }
    m->txn.fill_suppressed = w->fill_ok && suppressed;
    count_answer(m, &w->ans);
    txn_end(m, &w->ans);
    w->state = PTW_IDLE;
}

/* ---------------------------------------------------------------- cycle face */

static bool csr_ready_for(bool busy, const mmu_inputs_t *in)
{
    bool flush_write = in->csr_write &&
                       (in->csr_addr == MMU_CSR_FLUSH || in->csr_addr == MMU_CSR_FLUSH_VA);
    bool counter_read = !in->csr_write && in->csr_addr >= CSR_FIRST_COUNTER &&
                        in->csr_addr <= CSR_LAST_COUNTER;
    return !busy || flush_write || counter_read;
}

static void present_answer(mmu_outputs_t *out, const mmu_answer_t *ans)
{
    out->resp_valid = true;
    out->resp_fault = ans->fault;
    out->resp_paddr = ans->fault ? 0 : ans->paddr;
    out->resp_exc = ans->fault ? ans->exc : 0;
    out->resp_cause = ans->fault ? ans->cause : 0;
    out->resp_level = ans->level;
    out->resp_hit = ans->hit;
    out->trace_hit_index = ans->hit ? ans->hit_index : 0;
}

void mmu_eval(const mmu_model_t *m, const mmu_inputs_t *in, mmu_outputs_t *out)
{
    const mmu_ptw_t *w = &m->ptw;
    bool busy = w->state != PTW_IDLE;
    memset(out, 0, sizeof *out);
    if (!in->rst_n)
        return;

    if (m->resp_pending)
        present_answer(out, &m->resp);
    else if (w->state == PTW_ANSWER)
        present_answer(out, &w->ans);

    if (w->state == PTW_READ_REQ || w->state == PTW_AD_REQ) {
        out->mem_req_valid = true;
        out->mem_req_addr = w->pte_addr;
        out->mem_req_size = (uint8_t)ptw_pte_size(w);
        out->mem_req_write = w->state == PTW_AD_REQ;
        out->mem_req_wdata = out->mem_req_write ? w->ad_wdata : 0;
    }

    out->csr_rvalid = m->csr_rvalid;
    out->csr_rdata = m->csr_rvalid ? m->csr_rdata : 0;
    out->req_ready = !busy && !in->csr_valid;
    out->csr_ready = csr_ready_for(busy, in);

    bool csr_accepted = in->csr_valid && out->csr_ready;
    bool flush_now = csr_accepted && in->csr_write &&
                     csr_write_flush_kind(m, in->csr_addr, in->csr_wdata) >= 0;
    out->trace_flush_valid = flush_now;

    if (w->state == PTW_ANSWER && w->fill_ok && !w->flush_seen && !flush_now) {
        mmu_fill_slot_t slot = tlb_fill_slot(&m->tlb, m->csr.policy, m->csr.lfsr, w->refill,
                                             w->refill_index);
        out->trace_fill_valid = true;
        out->trace_fill_index = (uint8_t)slot.index;
    }
}

static void check_protocol(mmu_model_t *m, const mmu_inputs_t *in, const mmu_outputs_t *out)
{
    if (in->req_valid && (in->req_priv == 2 || in->req_acc == 3))
        assertion(m, "illegal req_priv or req_acc with req_valid");
    if (m->req_waiting && in->req_valid &&
        (in->req_vaddr != m->req_vaddr_held || in->req_acc != m->req_acc_held ||
         in->req_priv != m->req_priv_held))
        assertion(m, "request fields changed before the request was accepted");
    m->req_waiting = in->req_valid && !out->req_ready;
    m->req_vaddr_held = in->req_vaddr;
    m->req_acc_held = in->req_acc;
    m->req_priv_held = in->req_priv;
    bool outstanding = m->ptw.state == PTW_READ_WAIT || m->ptw.state == PTW_AD_WAIT;
    if (in->mem_resp_valid && !outstanding)
        assertion(m, "mem_resp_valid with no memory request outstanding");
}

static void clock_walker(mmu_model_t *m, const mmu_inputs_t *in, const mmu_outputs_t *out,
                         bool flush_now)
{
    mmu_ptw_t *w = &m->ptw;
    bool mem_accepted = out->mem_req_valid && in->mem_req_ready;
    if (w->state == PTW_IDLE)
        return;
    if (w->first_cycle) {
        csr_count(&m->csr, MMU_CNT_MISSES, 1);
        csr_count(&m->csr, MMU_CNT_WALKS, 1);
        w->first_cycle = false;
    }
    if (w->state != PTW_ANSWER)
        csr_count(&m->csr, MMU_CNT_WALK_CYCLES, 1);
    if (flush_now && w->state != PTW_ANSWER)
        w->flush_seen = true;

    switch (w->state) {
    case PTW_READ_REQ:
        if (mem_accepted) {
            csr_count(&m->csr, MMU_CNT_PTE_READS, 1);
            txn_access(m, w->pte_addr, w->level, false, 0);
            w->state = PTW_READ_WAIT;
        }
        break;
    case PTW_READ_WAIT:
        if (in->mem_resp_valid) {
            txn_access_done(m, in->mem_resp_rdata, in->mem_resp_err);
            switch (ptw_examine(w, m, in->mem_resp_rdata, in->mem_resp_err)) {
            case PTW_NEXT_READ: w->state = PTW_READ_REQ; break;
            case PTW_NEXT_AD_WRITE: w->state = PTW_AD_REQ; break;
            default: w->state = PTW_ANSWER; break;
            }
        }
        break;
    case PTW_AD_REQ:
        if (mem_accepted) {
            csr_count(&m->csr, MMU_CNT_AD_WRITES, 1);
            txn_access(m, w->pte_addr, w->level, true, w->ad_wdata);
            w->state = PTW_AD_WAIT;
        }
        break;
    case PTW_AD_WAIT:
        if (in->mem_resp_valid) {
            txn_access_done(m, 0, in->mem_resp_err);
            ptw_ad_done(w, in->mem_resp_err);
            w->state = PTW_ANSWER;
        }
        break;
    case PTW_ANSWER:
        walk_finish(m, w->flush_seen || flush_now);
        break;
    default:
        break;
    }
}

static void reset_state(mmu_model_t *m)
{
    csr_reset(&m->csr);
    tlb_reset(&m->tlb, m->cfg.tlb_entries);
    memset(&m->ptw, 0, sizeof m->ptw);
    m->resp_pending = false;
    memset(&m->resp, 0, sizeof m->resp);
    m->csr_rvalid = false;
    m->csr_rdata = 0;
    m->req_waiting = false;
    m->assertions = 0;
    m->assertion_msg[0] = '\0';
    m->cycle = 0;
    m->next_txn_id = 0;
    m->txn_active = false;
}

void mmu_step(mmu_model_t *m, const mmu_inputs_t *in, mmu_outputs_t *out)
{
    mmu_outputs_t local;
    if (!out)
        out = &local;
    mmu_eval(m, in, out);
    if (!in->rst_n) {
        reset_state(m);
        return;
    }
    check_protocol(m, in, out);

    /* Everything below is the clock edge ending this cycle. The request stage and a CSR read
     * see the state held during the cycle, so they are decided before any event is applied. */
    bool req_accepted = in->req_valid && out->req_ready;
    mmu_front_t front;
    if (req_accepted)
        mmu_front(m, in->req_vaddr, in->req_acc, in->req_priv, &front);
    bool csr_accepted = in->csr_valid && out->csr_ready;
    uint64_t rdata = csr_accepted && !in->csr_write ? csr_read(m, in->csr_addr) : 0;

    if (m->resp_pending) {
        count_answer(m, &m->resp);
        txn_end(m, &m->resp);
        m->resp_pending = false;
    }
    clock_walker(m, in, out, out->trace_flush_valid);
    if (csr_accepted && in->csr_write)
        csr_write(m, in->csr_addr, in->csr_wdata);
    m->csr_rvalid = csr_accepted && !in->csr_write;
    m->csr_rdata = rdata;

    if (req_accepted) {
        txn_begin(m, in->req_vaddr, in->req_acc, in->req_priv, &front);
        if (front.walk) {
            ptw_start(&m->ptw, m, front.linear, in->req_acc, in->req_priv, front.refill,
                      front.hit_index);
        } else {
            m->resp_pending = true;
            m->resp = front.ans;
        }
    }
    m->cycle++;
}

/* ---------------------------------------------------------------- untimed face */

bool mmu_translate(mmu_model_t *m, uint64_t vaddr, unsigned acc, unsigned priv,
                   const mmu_memory_t *mem, mmu_result_t *res)
{
    /* memory latency 1, no stall: each access adds (1 + 1) cycles to A - t - 1 */
    const unsigned cycles_per_access = 2;
    if (acc > MMU_ACC_FETCH || priv == 2 || priv > MMU_PRIV_M)
        return false;
    if (m->ptw.state != PTW_IDLE || m->resp_pending)
        return false;
    mmu_front_t front;
    mmu_front(m, vaddr, acc, priv, &front);
    txn_begin(m, vaddr, acc, priv, &front);
    memset(res, 0, sizeof *res);

    const mmu_answer_t *ans = &front.ans;
    if (front.walk) {
        mmu_ptw_t *w = &m->ptw;
        ptw_start(w, m, front.linear, acc, priv, front.refill, front.hit_index);
        w->first_cycle = false;
        csr_count(&m->csr, MMU_CNT_MISSES, 1);
        csr_count(&m->csr, MMU_CNT_WALKS, 1);
        mmu_ptw_next_e next = PTW_NEXT_READ;
        while (next == PTW_NEXT_READ) {
            uint64_t data = 0;
            csr_count(&m->csr, MMU_CNT_PTE_READS, 1);
            csr_count(&m->csr, MMU_CNT_WALK_CYCLES, cycles_per_access);
            txn_access(m, w->pte_addr, w->level, false, 0);
            bool ok = mem->read(mem->user, w->pte_addr, ptw_pte_size(w), &data);
            txn_access_done(m, data, !ok);
            next = ptw_examine(w, m, data, !ok);
        }
        if (next == PTW_NEXT_AD_WRITE) {
            csr_count(&m->csr, MMU_CNT_AD_WRITES, 1);
            csr_count(&m->csr, MMU_CNT_WALK_CYCLES, cycles_per_access);
            txn_access(m, w->pte_addr, w->level, true, w->ad_wdata);
            bool ok = mem->write(mem->user, w->pte_addr, ptw_pte_size(w), w->ad_wdata);
            txn_access_done(m, 0, !ok);
            ptw_ad_done(w, !ok);
        }
        walk_finish(m, false);
        ans = &w->ans;
    } else {
        count_answer(m, ans);
        txn_end(m, ans);
    }

    res->paddr = ans->fault ? 0 : ans->paddr;
    res->fault = ans->fault;
    res->exc = ans->fault ? ans->exc : 0;
    res->cause = ans->fault ? ans->cause : 0;
    res->level = ans->level;
    res->hit = ans->hit;
    res->hit_index = ans->hit ? ans->hit_index : 0;
    res->fill_valid = m->txn.filled;
    res->fill_index = m->txn.filled ? m->txn.fill_index : 0;
    res->n_access = m->txn.n_access;
    memcpy(res->access, m->txn.access, sizeof res->access);
    return true;
}

bool mmu_csr_write(mmu_model_t *m, unsigned addr, uint64_t data)
{
    bool flush = csr_write_flush_kind(m, addr, data) >= 0;
    csr_write(m, addr, data);
    return flush;
}

uint64_t mmu_csr_read(const mmu_model_t *m, unsigned addr) { return csr_read(m, addr); }

/* ---------------------------------------------------------------- lifetime, inspection */

mmu_model_t *mmu_create(const mmu_config_t *cfg, char *err, size_t err_len)
{
    unsigned n = cfg ? cfg->tlb_entries : 0;
    bool entries_ok = n == 4 || n == 8 || n == 16 || n == 32 || n == 64;
    if (!cfg || !entries_ok || cfg->asid_bits > 16) {
        if (err && err_len)
            snprintf(err, err_len,
                     "mmu_create: tlb_entries must be 4, 8, 16, 32 or 64 and asid_bits 0..16 "
                     "(got %u and %u)", n, cfg ? cfg->asid_bits : 0);
        return NULL;
    }
    mmu_model_t *m = calloc(1, sizeof *m);
    if (!m) {
        if (err && err_len)
            snprintf(err, err_len, "mmu_create: out of memory");
        return NULL;
    }
    m->cfg = *cfg;
    reset_state(m);
    return m;
}

void mmu_destroy(mmu_model_t *m) { free(m); }
void mmu_reset(mmu_model_t *m) { reset_state(m); }
uint64_t mmu_cycle(const mmu_model_t *m) { return m->cycle; }
const mmu_txn_t *mmu_inflight(const mmu_model_t *m) { return m->txn_active ? &m->txn : NULL; }

void mmu_set_txn_callback(mmu_model_t *m, mmu_txn_cb cb, void *user)
{
    m->txn_cb = cb;
    m->txn_user = user;
}

unsigned mmu_tlb_entries(const mmu_model_t *m) { return m->cfg.tlb_entries; }
unsigned mmu_asid_bits(const mmu_model_t *m) { return m->cfg.asid_bits; }

void mmu_tlb_entry(const mmu_model_t *m, unsigned index, mmu_tlb_entry_t *entry)
{
    if (index < m->tlb.entries)
        *entry = m->tlb.e[index];
    else
        memset(entry, 0, sizeof *entry);
}

unsigned mmu_policy_victim(const mmu_model_t *m)
{
    return tlb_policy_victim(&m->tlb, m->csr.policy, lfsr_step(m->csr.lfsr));
}

unsigned mmu_assertion_count(const mmu_model_t *m) { return m->assertions; }
const char *mmu_assertion_message(const mmu_model_t *m) { return m->assertion_msg; }

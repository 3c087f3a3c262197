/* The MMU top (rtl/mmu_top.sv): the request stage, the response register, the clock edge that
 * sequences the blocks (registers, segmentation, TLB, walker), the untimed face and the public API
 * of mmu_model.h. The blocks know nothing of this file: they get their inputs as arguments, as the
 * RTL's modules get ports, and report what happened as events that the registers count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmu_csr.h"
#include "mmu_ptw.h"
#include "mmu_seg.h"
#include "mmu_tlb.h"

struct mmu_model {
    mmu_config_t cfg;
    mmu_csr_t csr;
    mmu_tlb_t tlb;
    mmu_ptw_t ptw;
    /* the response register: answers leave the MMU from here (with the request's VA and
     * looked-up address, for Soft mode's TLB_MISS registers) */
    bool resp_valid;
    mmu_answer_t resp;
    uint64_t resp_vaddr, resp_linear;
    /* protocol-assertion state (docs/spec.md 9.12) */
    bool req_waiting;
    uint64_t req_vaddr_held;
    uint8_t req_acc_held, req_priv_held;
    unsigned assertions;
    char assertion_msg[160];
    /* bookkeeping for logs */
    uint64_t cycle;
    uint64_t next_txn_id;
    bool txn_active;
    mmu_txn_t txn;
    mmu_txn_cb txn_cb;
    void *txn_user;
};

/* ---------------------------------------------------------------- request stage (cycle t) */

/* What the request stage decides in its accept cycle, with the TLB as it is now. */
typedef struct {
    bool walk;          /* false: `ans` is presented in the next cycle */
    mmu_answer_t ans;
    mmu_walk_req_t walk_req;
    uint64_t linear;
    bool paged;         /* reached the TLB lookup */
} front_t;

static void front_fault(front_t *f, unsigned cause, unsigned acc, bool by_segmentation)
{
    f->ans.fault = true;
    f->ans.cause = (uint8_t)cause;
    f->ans.exc = (uint8_t)mmu_exc_code(cause, acc, by_segmentation);
}

/* docs/spec.md 3: M bypass, segmentation, paging's VA check, TLB lookup and the hit's checks. */
static void front(mmu_model_t *m, uint64_t vaddr, unsigned acc, unsigned priv, front_t *f)
{
    /* field by field: a memset of the whole struct costs more than the rest of a TLB hit */
    f->walk = false;
    f->ans = (mmu_answer_t){0};
    f->walk_req = (mmu_walk_req_t){0};
    f->linear = vaddr;
    f->paged = false;
    if (priv == MMU_PRIV_M) {
        f->ans.paddr = vaddr & MMU_PA_MASK;
        return;
    }
    const mmu_geom_t *g = csr_geom(&m->csr);
    mmu_seg_result_t sr;
    seg_translate(&m->csr, g && g->hybrid, vaddr, acc, priv, &sr);
    f->linear = sr.linear;
    if (sr.cause != MMU_CAUSE_NONE) {
        front_fault(f, sr.cause, acc, true);
        return;
    }
    if (!g) {
        f->ans.paddr = sr.linear & MMU_PA_MASK;
        return;
    }
    if (!pkg_va_ok(g, sr.linear)) {
        front_fault(f, MMU_CAUSE_VA_RANGE, acc, false);
        return;
    }
    f->paged = true;
    int hit = tlb_lookup(&m->tlb, g, sr.linear, m->csr.asid, m->csr.asid_mask);
    mmu_walk_req_t *w = &f->walk_req;
    if (hit < 0 && g->soft) { /* 4.6: the operating system refills */
        front_fault(f, MMU_CAUSE_TLB_MISS, acc, false);
        return;
    }
    if (hit < 0) {
        f->walk = true;
        *w = (mmu_walk_req_t){.va = sr.linear, .acc = (uint8_t)acc, .priv = (uint8_t)priv,
                              .table_base = g->hybrid ? sr.table_base : csr_table_base(&m->csr)};
        return;
    }
    const mmu_tlb_entry_t *e = &m->tlb.e[hit];
    unsigned cause = MMU_CAUSE_NONE;
    if (g->soft) { /* 4.6: the leaf checks, then A/D as with HWAD = 0; nothing walks */
        cause = pkg_leaf_check(g, m->tlb.flags[hit], e->ppn, e->level, acc, priv, m->csr.status, false);
    } else if (!g->teaching) { /* teaching entries carry no permissions (4.4) */
        uint64_t flags = m->tlb.flags[hit];
        cause = pkg_leaf_perm(flags, acc, priv, m->csr.status);
        if (cause == MMU_CAUSE_NONE && pkg_ad_needed(flags, acc)) {
            /* A/D is the first problem: walk again and refill this entry (9.2) */
            f->walk = true;
            *w = (mmu_walk_req_t){.va = sr.linear, .acc = (uint8_t)acc, .priv = (uint8_t)priv,
                                  .refill = true, .refill_index = (uint8_t)hit,
                                  .table_base = g->hybrid ? sr.table_base : csr_table_base(&m->csr)};
            return;
        }
    }
    f->ans.hit = true;
    f->ans.hit_index = (uint8_t)hit;
    f->ans.level = e->level;
    if (cause != MMU_CAUSE_NONE)
        front_fault(f, cause, acc, false);
    else
        f->ans.paddr = pkg_compose_pa(g, e->ppn, e->level, sr.linear);
}

/* ---------------------------------------------------------------- transaction records */

static void assertion(mmu_model_t *m, const char *msg)
{
    m->assertions++;
    snprintf(m->assertion_msg, sizeof m->assertion_msg, "cycle %llu: %s",
             (unsigned long long)m->cycle, msg);
}

static void txn_begin(mmu_model_t *m, uint64_t vaddr, unsigned acc, unsigned priv, const front_t *f)
{
    mmu_txn_t *t = &m->txn;
    /* every field is set here; of the accesses only those the last record used are non-zero (a
     * memset of the whole record costs more than a TLB hit) */
    memset(t->access, 0, t->n_access * sizeof t->access[0]);
    t->n_access = 0;
    t->answer_cycle = 0;
    t->hit = false;
    t->filled = false;
    t->fill_index = 0;
    t->fill_suppressed = false;
    t->paddr = 0;
    t->fault = false;
    t->exc = t->cause = t->level = 0;
    m->txn_active = true;
    t->id = m->next_txn_id++;
    t->accept_cycle = m->cycle;
    t->vaddr = vaddr;
    t->acc = (uint8_t)acc;
    t->priv = (uint8_t)priv;
    t->satp_mode = (uint8_t)csr_satp_mode(&m->csr);
    t->seg_mode = (uint8_t)csr_seg_mode(&m->csr);
    t->hybrid = m->csr.paged && m->csr.geom.hybrid;
    t->asid = m->csr.asid;
    t->linear = f->linear;
    t->paged = f->paged;
    t->refill = f->walk_req.refill;
    t->walked = f->walk;
    t->hit_index = f->walk_req.refill_index;
}

/* The walker's memory traffic of this edge, into the record. */
static void txn_walk_step(mmu_model_t *m, const mmu_ptw_step_t *st)
{
    mmu_txn_t *t = &m->txn;
    if (st->accepted && t->n_access < MMU_MAX_LEVELS + 1) {
        mmu_pte_access_t *a = &t->access[t->n_access++];
        a->addr = st->addr;
        a->level = st->level;
        a->write = st->write;
        a->value = st->wdata;
        a->err = false;
    }
    if (st->responded && t->n_access > 0) {
        mmu_pte_access_t *a = &t->access[t->n_access - 1];
        if (!a->write)
            a->value = st->rdata;
        a->err = st->err;
    }
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

/* ---------------------------------------------------------------- clock-edge pieces */

/* An answer leaves the response register: HITS, FAULTS and the touch of a hit entry. */
static void answer_leaves(mmu_model_t *m, const mmu_answer_t *ans, uint64_t vaddr, uint64_t linear,
                          mmu_events_t *ev)
{
    ev->hit = ans->hit;
    ev->fault = ans->fault;
    if (ans->hit)
        tlb_touch(&m->tlb, ans->hit_index);
    if (ans->fault && ans->cause == MMU_CAUSE_TLB_MISS) {
        ev->soft_miss = true;
        csr_soft_miss(&m->csr, vaddr, linear);
    }
}

/* The walk's answer cycle: install its entry unless a FLUSH during the walk (or now) forbids it. */
static void walk_fill(mmu_model_t *m, bool flush_now, mmu_events_t *ev)
{
    mmu_ptw_t *w = &m->ptw;
    if (ptw_fills(w, flush_now)) {
        mmu_fill_slot_t slot = tlb_fill_slot(&m->tlb, m->csr.policy, w->refill, w->refill_index);
        tlb_fill(&m->tlb, &slot, w->refill, &w->fill_entry, &m->csr.geom, m->csr.asid_mask);
        ev->evict = slot.evict;
        m->txn.filled = true;
        m->txn.fill_index = (uint8_t)slot.index;
    }
    m->txn.fill_suppressed = w->ok && !m->txn.filled;
}

/* Where a TLBWR goes, decided on the TLB as held during its cycle (9.14). */
static mmu_fill_slot_t tlbwr_slot(const mmu_model_t *m, const mmu_csr_effect_t *eff)
{
    mmu_fill_slot_t none = {0};
    if (!(eff->tlb.write && eff->tlb.cmd == MMU_TLB_CMD_TLBWR))
        return none;
    return tlb_fill_slot(&m->tlb, m->csr.policy, false, 0);
}

/* A Soft-mode TLB_CMD at the edge (4.6), after the touch of a hit answered in its cycle. */
static void apply_tlb_cmd(mmu_model_t *m, const mmu_tlb_cmd_t *t, const mmu_fill_slot_t *slot,
                          mmu_events_t *ev)
{
    const mmu_geom_t *g = &m->csr.geom;
    switch (t->cmd) {
    case MMU_TLB_CMD_TLBWI:
        if (t->write)
            tlb_write_index(&m->tlb, t->index, &t->entry, g, m->csr.asid_mask);
        else if (t->invalidate)
            tlb_invalidate_index(&m->tlb, t->index);
        break;
    case MMU_TLB_CMD_TLBWR:
        if (t->write) {
            tlb_fill(&m->tlb, slot, false, &t->entry, g, m->csr.asid_mask);
            ev->evict = slot->evict;
        }
        break;
    case MMU_TLB_CMD_TLBP:
        csr_tlb_probe_result(&m->csr, tlb_scan(&m->tlb, g, t->probe_va, t->probe_asid, m->csr.asid_mask));
        break;
    default: /* TLBR */
        csr_tlb_read_result(&m->csr, &m->tlb.e[t->index]);
        break;
    }
}

static void apply_csr_effect(mmu_model_t *m, const mmu_csr_effect_t *eff, const mmu_fill_slot_t *slot,
                             mmu_events_t *ev)
{
    tlb_new_epoch(&m->tlb); /* the geometry or the ASID mask may have changed */
    if (eff->flush.valid)
        tlb_flush(&m->tlb, &eff->flush, csr_geom(&m->csr), m->csr.asid_mask);
    if (eff->lfsr_we)
        m->tlb.lfsr = eff->lfsr_wdata;
    if (eff->tlb.valid)
        apply_tlb_cmd(m, &eff->tlb, slot, ev);
    ev->flush_cmd = eff->flush.cmd;
}

/* ---------------------------------------------------------------- cycle face */

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

/* A FLUSH write accepted in this cycle (the only write accepted while the walker is busy). */
static bool flush_cmd_now(const mmu_inputs_t *in, const mmu_outputs_t *out)
{
    return in->csr_valid && out->csr_ready && in->csr_write && in->csr_addr == MMU_CSR_FLUSH;
}

void mmu_eval(const mmu_model_t *m, const mmu_inputs_t *in, mmu_outputs_t *out)
{
    const mmu_ptw_t *w = &m->ptw;
    bool busy = ptw_busy(w);
    memset(out, 0, sizeof *out);
    if (!in->rst_n)
        return;

    if (m->resp_valid)
        present_answer(out, &m->resp);

    mmu_memreq_t rq;
    ptw_memreq(w, &rq);
    out->mem_req_valid = rq.valid;
    out->mem_req_addr = rq.addr;
    out->mem_req_write = rq.write;
    out->mem_req_wdata = rq.wdata;
    out->mem_req_size = rq.size;

    out->csr_rvalid = m->csr.rvalid;
    out->csr_rdata = m->csr.rvalid ? m->csr.rdata : 0;
    out->req_ready = !busy && !in->csr_valid;
    out->csr_ready = csr_ready(busy, in->csr_write, in->csr_addr);

    if (in->csr_valid && out->csr_ready && in->csr_write) {
        mmu_csr_effect_t eff;
        csr_write_effect(&m->csr, in->csr_addr, in->csr_wdata, &eff);
        out->trace_flush_valid = eff.flush.valid || eff.tlb.invalidate;
        if (eff.tlb.write) { /* Soft mode: TLBWI/TLBWR fill in their accepting cycle (4.6) */
            out->trace_fill_valid = true;
            out->trace_fill_index =
                (uint8_t)(eff.tlb.cmd == MMU_TLB_CMD_TLBWI ? eff.tlb.index : tlbwr_slot(m, &eff).index);
        }
    }
    if (ptw_fills(w, flush_cmd_now(in, out))) {
        mmu_fill_slot_t slot = tlb_fill_slot(&m->tlb, m->csr.policy, w->refill, w->refill_index);
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
    if (in->mem_resp_valid && !ptw_outstanding(&m->ptw))
        assertion(m, "mem_resp_valid with no memory request outstanding");
}

static void reset_state(mmu_model_t *m)
{
    csr_reset(&m->csr, m->cfg.asid_bits, m->cfg.tlb_entries);
    tlb_reset(&m->tlb, m->cfg.tlb_entries);
    ptw_reset(&m->ptw);
    m->resp_valid = false;
    memset(&m->resp, 0, sizeof m->resp);
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
    mmu_clock(m, in, out);
}

void mmu_clock(mmu_model_t *m, const mmu_inputs_t *in, const mmu_outputs_t *out)
{
    if (!in->rst_n) {
        reset_state(m);
        return;
    }
    check_protocol(m, in, out);

    /* Everything below is the clock edge ending this cycle. The request stage and a CSR read
     * see the state held during the cycle, so they are decided before any event is applied. */
    bool req_accepted = in->req_valid && out->req_ready;
    front_t f;
    if (req_accepted)
        front(m, in->req_vaddr, in->req_acc, in->req_priv, &f);
    bool csr_accepted = in->csr_valid && out->csr_ready;
    bool csr_read_now = csr_accepted && !in->csr_write;
    uint64_t rdata = csr_read_now ? csr_read(&m->csr, in->csr_addr, m->tlb.lfsr) : 0;
    bool csr_write_now = csr_accepted && in->csr_write;
    mmu_csr_effect_t eff = {0};
    if (csr_write_now) /* what a write does, TLB_CMD's choice of entry included (9.14) */
        csr_write_effect(&m->csr, in->csr_addr, in->csr_wdata, &eff);
    mmu_fill_slot_t cmd_slot = tlbwr_slot(m, &eff);
    bool flush_now = flush_cmd_now(in, out);
    mmu_events_t ev = {0};

    if (m->resp_valid)
        answer_leaves(m, &m->resp, m->resp_vaddr, m->resp_linear, &ev);
    if (m->ptw.state == PTW_ANSWER)
        walk_fill(m, flush_now, &ev);
    mmu_ptw_in_t pin = {.mem_req_ready = in->mem_req_ready, .mem_resp_valid = in->mem_resp_valid,
                        .mem_resp_err = in->mem_resp_err, .mem_resp_rdata = in->mem_resp_rdata,
                        .flush = flush_now, .status = m->csr.status, .asid = m->csr.asid};
    mmu_ptw_step_t st;
    ptw_clock(&m->ptw, &pin, &st);
    ev.walk_start = st.walk_start;
    ev.walk_cycle = st.walk_cycle;
    ev.pte_read = st.accepted && !st.write;
    ev.ad_write = st.accepted && st.write;
    txn_walk_step(m, &st);
    if (m->resp_valid)
        txn_end(m, &m->resp);

    if (csr_write_now) {
        csr_write(&m->csr, in->csr_addr, in->csr_wdata);
        apply_csr_effect(m, &eff, &cmd_slot, &ev);
    }
    m->csr.rvalid = csr_read_now;
    m->csr.rdata = rdata;
    csr_count(&m->csr, &ev);

    /* the response register: the walker's answer (decided now) or a direct answer */
    m->resp_valid = false;
    if (st.done) {
        m->resp_valid = true;
        m->resp = m->ptw.ans;
    }
    if (req_accepted) {
        txn_begin(m, in->req_vaddr, in->req_acc, in->req_priv, &f);
        if (f.walk) {
            ptw_start(&m->ptw, &f.walk_req, &m->csr.geom);
        } else {
            m->resp_valid = true;
            m->resp = f.ans;
            m->resp_vaddr = in->req_vaddr;
            m->resp_linear = f.linear;
        }
    }
    m->cycle++;
}

/* ---------------------------------------------------------------- untimed face */

/* The walker clocked against `mem` with latency 1 and no stall, as the cycle face would see it;
 * the answer cycle's edge included. */
static void walk_untimed(mmu_model_t *m, const mmu_memory_t *mem)
{
    mmu_ptw_t *w = &m->ptw;
    mmu_ptw_in_t pin = {.mem_req_ready = true, .status = m->csr.status, .asid = m->csr.asid};
    mmu_memreq_t rq = {0};
    for (;;) {
        mmu_events_t ev = {0};
        bool answering = w->state == PTW_ANSWER;
        pin.mem_resp_valid = ptw_outstanding(w);
        pin.mem_resp_err = false;
        pin.mem_resp_rdata = 0;
        if (pin.mem_resp_valid) {
            bool ok = rq.write ? mem->write(mem->user, rq.addr, rq.size, rq.wdata)
                               : mem->read(mem->user, rq.addr, rq.size, &pin.mem_resp_rdata);
            pin.mem_resp_err = !ok;
        }
        ptw_memreq(w, &rq);
        if (answering)
            walk_fill(m, false, &ev);
        mmu_ptw_step_t st;
        ptw_clock(w, &pin, &st);
        ev.walk_start = st.walk_start;
        ev.walk_cycle = st.walk_cycle;
        ev.pte_read = st.accepted && !st.write;
        ev.ad_write = st.accepted && st.write;
        txn_walk_step(m, &st);
        if (answering)
            answer_leaves(m, &w->ans, w->va, w->va, &ev);
        csr_count(&m->csr, &ev);
        if (answering) {
            txn_end(m, &w->ans);
            return;
        }
    }
}

/* The untimed face's result: the answer as the port presents it; the fill and the accesses from
 * the record (NULL: none). Accesses beyond n_access are zero. */
static void set_result(mmu_result_t *res, const mmu_answer_t *ans, const mmu_txn_t *t)
{
    res->paddr = ans->fault ? 0 : ans->paddr;
    res->fault = ans->fault;
    res->exc = ans->fault ? ans->exc : 0;
    res->cause = ans->fault ? ans->cause : 0;
    res->level = ans->level;
    res->hit = ans->hit;
    res->hit_index = ans->hit ? ans->hit_index : 0;
    res->fill_valid = t && t->filled;
    res->fill_index = t && t->filled ? t->fill_index : 0;
    res->n_access = t ? t->n_access : 0;
    static const mmu_pte_access_t no_access[MMU_MAX_LEVELS + 1];
    memcpy(res->access, t ? t->access : no_access, sizeof res->access);
}

bool mmu_translate(mmu_model_t *m, uint64_t vaddr, unsigned acc, unsigned priv,
                   const mmu_memory_t *mem, mmu_result_t *res)
{
    if (acc > MMU_ACC_FETCH || priv == 2 || priv > MMU_PRIV_M)
        return false;
    if (ptw_busy(&m->ptw) || m->resp_valid)
        return false;
    front_t f;
    front(m, vaddr, acc, priv, &f);
    if (!f.walk && !m->txn_cb) {
        /* an answer without a walk, and nobody to hand its record to: count, touch, answer */
        m->next_txn_id++;
        mmu_events_t ev = {0};
        answer_leaves(m, &f.ans, vaddr, f.linear, &ev);
        csr_count(&m->csr, &ev);
        set_result(res, &f.ans, NULL);
        return true;
    }
    txn_begin(m, vaddr, acc, priv, &f);
    const mmu_answer_t *ans = &f.ans;
    if (f.walk) {
        ptw_start(&m->ptw, &f.walk_req, &m->csr.geom);
        walk_untimed(m, mem);
        ans = &m->ptw.ans;
    } else {
        mmu_events_t ev = {0};
        answer_leaves(m, ans, vaddr, f.linear, &ev);
        csr_count(&m->csr, &ev);
        txn_end(m, ans);
    }
    set_result(res, ans, &m->txn);
    return true;
}

bool mmu_csr_write(mmu_model_t *m, unsigned addr, uint64_t data)
{
    mmu_csr_effect_t eff;
    mmu_events_t ev = {0};
    csr_write_effect(&m->csr, addr, data, &eff);
    mmu_fill_slot_t cmd_slot = tlbwr_slot(m, &eff);
    csr_write(&m->csr, addr, data);
    apply_csr_effect(m, &eff, &cmd_slot, &ev);
    csr_count(&m->csr, &ev);
    return eff.flush.valid || eff.tlb.invalidate;
}

uint64_t mmu_csr_read(const mmu_model_t *m, unsigned addr)
{
    return csr_read(&m->csr, addr, m->tlb.lfsr);
}

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
    return tlb_policy_victim(&m->tlb, m->csr.policy, pkg_lfsr_step(m->tlb.lfsr));
}

unsigned mmu_assertion_count(const mmu_model_t *m) { return m->assertions; }
const char *mmu_assertion_message(const mmu_model_t *m) { return m->assertion_msg; }

/* Hardware page-table walker (rtl/mmu_ptw.sv): one PTE per step, checked in the order of the
 * RISC-V privileged specification (Sv32/Sv39/Sv48) or of docs/spec.md 4.4 (teaching tables and
 * HYBRID); the FSM, the memory port and the fill it prepares. */
#include "mmu_ptw.h"

#include <string.h>

void ptw_reset(mmu_ptw_t *w) { memset(w, 0, sizeof *w); }

/* Address of the PTE of the walk's level in the table at `table` (modulo 2^56, 9.10). */
static uint64_t pte_addr(const mmu_ptw_t *w, uint64_t table)
{
    return (table + (pkg_vpn_index(w->g, w->va, w->level) << w->g->pte_log2)) & MMU_PA_MASK;
}

void ptw_start(mmu_ptw_t *w, const mmu_walk_req_t *req, const mmu_geom_t *g)
{
    memset(w, 0, sizeof *w);
    w->state = PTW_READ_REQ;
    w->first = true;
    w->g = g;
    w->va = req->va;
    w->acc = req->acc;
    w->priv = req->priv;
    w->level = g->levels - 1u;
    w->refill = req->refill;
    w->refill_index = req->refill_index;
    w->pte_addr = pte_addr(w, req->table_base);
}

void ptw_memreq(const mmu_ptw_t *w, mmu_memreq_t *rq)
{
    rq->valid = w->state == PTW_READ_REQ || w->state == PTW_AD_REQ;
    rq->write = w->state == PTW_AD_REQ;
    rq->addr = rq->valid ? w->pte_addr : 0;
    rq->wdata = rq->write ? w->ad_wdata : 0;
    rq->size = rq->valid ? w->g->pte_log2 : 0;
}

typedef enum { NEXT_READ, NEXT_AD_WRITE, NEXT_ANSWER } ptw_next_e;

static ptw_next_e fault(mmu_ptw_t *w, unsigned cause)
{
    w->ans.fault = true;
    w->ans.cause = (uint8_t)cause;
    w->ans.exc = (uint8_t)mmu_exc_code(cause, w->acc, false);
    w->ans.level = (uint8_t)w->level;
    w->ans.paddr = 0;
    w->ok = false;
    return NEXT_ANSWER;
}

/* The leaf as the TLB will hold it, and the answer it gives. */
static ptw_next_e leaf(mmu_ptw_t *w, uint64_t pte, uint64_t ppn, uint16_t asid)
{
    mmu_tlb_entry_t *e = &w->fill_entry;
    e->valid = true;
    e->asid = asid;
    e->global = w->global;
    e->vpn = w->va >> w->g->page_shift;
    e->level = (uint8_t)w->level;
    e->ppn = ppn;
    e->r = (pte & MMU_PTE_R) != 0;
    e->w = (pte & MMU_PTE_W) != 0;
    e->x = (pte & MMU_PTE_X) != 0;
    e->u = (pte & MMU_PTE_U) != 0;
    e->a = (pte & MMU_PTE_A) != 0;
    e->d = (pte & MMU_PTE_D) != 0;
    w->ans.paddr = pkg_compose_pa(w->g, ppn, w->level, w->va);
    w->ans.level = (uint8_t)w->level;
    w->ok = true;
    return NEXT_ANSWER;
}

/* Teaching entries (4.4): valid, then present (at every level, 9.11); the PFN points at the next
 * table or, at the last level, at the page. No permissions, no A/D, G = 0. */
static ptw_next_e examine_teaching(mmu_ptw_t *w, uint64_t pte, uint16_t asid)
{
    const mmu_geom_t *g = w->g;
    pte &= mmu_mask(8u << g->pte_log2);
    uint64_t pfn = (pte >> g->pfn_lsb) & mmu_mask(g->ppn_bits);
    if (!((pte >> g->valid_bit) & 1))
        return fault(w, MMU_CAUSE_PTE_INVALID);
    else if (g->present_used && !((pte >> g->present_bit) & 1))
        return fault(w, MMU_CAUSE_NOT_PRESENT);
    if (w->level > 0) {
        w->level--;
        w->pte_addr = pte_addr(w, pfn << g->page_shift);
        return NEXT_READ;
    }
    return leaf(w, 0, pfn, asid);
}

/* One PTE of Sv32/Sv39/Sv48, in the order of docs/spec.md 4.3: one precise cause per branch. */
static ptw_next_e examine_sv(mmu_ptw_t *w, uint64_t pte, uint64_t status, uint16_t asid)
{
    const mmu_geom_t *g = w->g;
    if (g->pte_log2 == 2)
        pte &= UINT64_C(0xffffffff);
    uint64_t ppn = (pte >> MMU_PTE_PPN_LSB) & mmu_mask(g->ppn_bits);
    bool is_leaf = (pte & (MMU_PTE_R | MMU_PTE_X)) != 0;

    if (!(pte & MMU_PTE_V))
        return fault(w, MMU_CAUSE_PTE_INVALID);
    else if ((pte & MMU_PTE_W) && !(pte & MMU_PTE_R))
        return fault(w, MMU_CAUSE_PTE_RESERVED_WR);
    else if (g->pte_log2 == 3 && (pte & PTE_RSVD_SV64))
        return fault(w, MMU_CAUSE_PTE_RESERVED_BITS);
    else if (!is_leaf && (pte & (MMU_PTE_D | MMU_PTE_A | MMU_PTE_U)))
        return fault(w, MMU_CAUSE_PTE_RESERVED_BITS);
    else if (!is_leaf && w->level == 0)
        return fault(w, MMU_CAUSE_NONLEAF_AT_LEVEL0);

    w->global |= (pte & MMU_PTE_G) != 0;
    if (!is_leaf) {
        w->level--;
        w->pte_addr = pte_addr(w, (ppn << MMU_PAGE_SHIFT) & MMU_PA_MASK);
        return NEXT_READ;
    }

    bool hwad = (status & MMU_STATUS_HWAD_MASK) != 0;
    unsigned cause = pkg_leaf_check(g, pte, ppn, w->level, w->acc, w->priv, status, hwad);
    if (cause != MMU_CAUSE_NONE)
        return fault(w, cause);

    if (hwad && pkg_ad_needed(pte, w->acc)) {
        /* write the leaf back with A set (and D for a store), at the read's address and size */
        w->ad_wdata = pte | MMU_PTE_A | (w->acc == MMU_ACC_STORE ? MMU_PTE_D : 0);
        leaf(w, w->ad_wdata, ppn, asid);
        return NEXT_AD_WRITE;
    }
    return leaf(w, pte, ppn, asid);
}

static ptw_next_e examine(mmu_ptw_t *w, const mmu_ptw_in_t *in)
{
    if (in->mem_resp_err)
        return fault(w, MMU_CAUSE_WALK_ACCESS_ERROR);
    if (w->g->teaching)
        return examine_teaching(w, in->mem_resp_rdata, in->asid);
    return examine_sv(w, in->mem_resp_rdata, in->status, in->asid);
}

void ptw_clock(mmu_ptw_t *w, const mmu_ptw_in_t *in, mmu_ptw_step_t *st)
{
    memset(st, 0, sizeof *st);
    if (w->state == PTW_IDLE)
        return;
    st->walk_start = w->first;
    st->walk_cycle = w->state != PTW_ANSWER;
    w->first = false;
    if (in->flush && w->state != PTW_ANSWER)
        w->suppress = true;

    switch (w->state) {
    case PTW_READ_REQ:
    case PTW_AD_REQ:
        if (in->mem_req_ready) {
            st->accepted = true;
            st->write = w->state == PTW_AD_REQ;
            st->addr = w->pte_addr;
            st->wdata = st->write ? w->ad_wdata : 0;
            st->level = (uint8_t)w->level;
            w->state = st->write ? PTW_AD_WAIT : PTW_READ_WAIT;
        }
        break;
    case PTW_READ_WAIT:
        if (in->mem_resp_valid) {
            st->responded = true;
            st->rdata = in->mem_resp_rdata;
            st->err = in->mem_resp_err;
            switch (examine(w, in)) {
            case NEXT_READ: w->state = PTW_READ_REQ; break;
            case NEXT_AD_WRITE: w->state = PTW_AD_REQ; break;
            default: w->state = PTW_ANSWER; st->done = true; break;
            }
        }
        break;
    case PTW_AD_WAIT:
        if (in->mem_resp_valid) {
            st->responded = true;
            st->err = in->mem_resp_err;
            if (in->mem_resp_err)
                fault(w, MMU_CAUSE_WALK_ACCESS_ERROR);
            w->state = PTW_ANSWER;
            st->done = true;
        }
        break;
    default: /* PTW_ANSWER: the top installs the fill at this edge */
        w->state = PTW_IDLE;
        break;
    }
}

/* Hardware page-table walker for Sv32/Sv39/Sv48 (rtl/mmu_ptw.sv): one PTE per step, in the
 * order of the RISC-V privileged specification; the cycle face and the untimed face both drive
 * it through ptw_start / ptw_examine / ptw_ad_done. */
#include <string.h>

#include "mmu_internal.h"

static const mmu_scheme_t sv32 = {.levels = 2, .vpn_bits = 10, .pte_log2 = 2, .va_bits = 32,
                                  .ppn_bits = 22, .asid_bits = 9};
static const mmu_scheme_t sv39 = {.levels = 3, .vpn_bits = 9, .pte_log2 = 3, .va_bits = 39,
                                  .ppn_bits = 44, .asid_bits = 16};
static const mmu_scheme_t sv48 = {.levels = 4, .vpn_bits = 9, .pte_log2 = 3, .va_bits = 48,
                                  .ppn_bits = 44, .asid_bits = 16};

const mmu_scheme_t *ptw_scheme(unsigned satp_mode)
{
    switch (satp_mode) {
    case MMU_SATP_SV32: return &sv32;
    case MMU_SATP_SV39: return &sv39;
    case MMU_SATP_SV48: return &sv48;
    default: return NULL;
    }
}

bool ptw_va_valid(const mmu_scheme_t *s, uint64_t va)
{
    if (s == &sv32)
        return (va >> 32) == 0;
    unsigned unused = 64 - s->va_bits;
    return (uint64_t)((int64_t)(va << unused) >> unused) == va; /* canonical */
}

uint64_t ptw_vpn(const mmu_scheme_t *s, uint64_t va, int level)
{
    return (va >> (MMU_PAGE_SHIFT + (unsigned)level * s->vpn_bits)) &
           ((UINT64_C(1) << s->vpn_bits) - 1);
}

unsigned ptw_leaf_perm_cause(uint64_t pte, unsigned acc, unsigned priv, uint64_t status)
{
    if (pte & PTE_U) {
        if (priv == MMU_PRIV_S && (!(status & STATUS_SUM) || acc == MMU_ACC_FETCH))
            return MMU_CAUSE_PERM_USER_PAGE;
    } else if (priv == MMU_PRIV_U) {
        return MMU_CAUSE_PERM_SUPERVISOR_PAGE;
    }
    switch (acc) {
    case MMU_ACC_LOAD:
        if (!(pte & PTE_R) && !((pte & PTE_X) && (status & STATUS_MXR)))
            return MMU_CAUSE_PERM_READ;
        return MMU_CAUSE_NONE;
    case MMU_ACC_STORE:
        return (pte & PTE_W) ? MMU_CAUSE_NONE : MMU_CAUSE_PERM_WRITE;
    default:
        return (pte & PTE_X) ? MMU_CAUSE_NONE : MMU_CAUSE_PERM_EXEC;
    }
}

bool ptw_ad_needed(uint64_t pte, unsigned acc)
{
    return !(pte & PTE_A) || (acc == MMU_ACC_STORE && !(pte & PTE_D));
}

uint64_t ptw_compose_pa(const mmu_scheme_t *s, uint64_t ppn, int level, uint64_t va)
{
    uint64_t low_mask = (UINT64_C(1) << ((unsigned)level * s->vpn_bits)) - 1;
    uint64_t page = (ppn & ~low_mask) | ((va >> MMU_PAGE_SHIFT) & low_mask);
    return ((page << MMU_PAGE_SHIFT) | (va & ((UINT64_C(1) << MMU_PAGE_SHIFT) - 1))) & MMU_PA_MASK;
}

unsigned ptw_pte_size(const mmu_ptw_t *w) { return w->scheme->pte_log2; }

static uint64_t pte_addr(const mmu_ptw_t *w, uint64_t table_ppn)
{
    uint64_t base = table_ppn << MMU_PAGE_SHIFT;
    return (base + (ptw_vpn(w->scheme, w->linear, w->level) << w->scheme->pte_log2)) & MMU_PA_MASK;
}

void ptw_start(mmu_ptw_t *w, const mmu_model_t *m, uint64_t linear, unsigned acc, unsigned priv,
               bool refill, unsigned refill_index)
{
    memset(w, 0, sizeof *w);
    w->state = PTW_READ_REQ;
    w->first_cycle = true;
    w->scheme = csr_scheme(&m->csr);
    w->linear = linear;
    w->acc = (uint8_t)acc;
    w->priv = (uint8_t)priv;
    w->level = (int)w->scheme->levels - 1;
    w->refill = refill;
    w->refill_index = (uint8_t)refill_index;
    uint64_t root_mask = (UINT64_C(1) << w->scheme->ppn_bits) - 1;
    w->pte_addr = pte_addr(w, m->csr.satp & SATP_PPN_MASK & root_mask);
}

static mmu_ptw_next_e ptw_fault(mmu_ptw_t *w, unsigned cause)
{
    w->ans.fault = true;
    w->ans.cause = (uint8_t)cause;
    w->ans.exc = (uint8_t)mmu_exc_code(cause, w->acc, false);
    w->ans.level = (uint8_t)w->level;
    w->fill_ok = false;
    return PTW_NEXT_ANSWER;
}

static void ptw_prepare_fill(mmu_ptw_t *w, const mmu_model_t *m, uint64_t pte, uint64_t ppn)
{
    mmu_tlb_entry_t *e = &w->fill_entry;
    e->valid = true;
    e->asid = csr_asid(m);
    e->global = w->global;
    e->vpn = w->linear >> MMU_PAGE_SHIFT;
    e->level = (uint8_t)w->level;
    e->ppn = ppn;
    e->r = pte & PTE_R;
    e->w = (pte & PTE_W) != 0;
    e->x = (pte & PTE_X) != 0;
    e->u = (pte & PTE_U) != 0;
    e->a = (pte & PTE_A) != 0;
    e->d = (pte & PTE_D) != 0;
    w->ans.paddr = ptw_compose_pa(w->scheme, ppn, w->level, w->linear);
    w->ans.level = (uint8_t)w->level;
    w->fill_ok = true;
}

mmu_ptw_next_e ptw_examine(mmu_ptw_t *w, const mmu_model_t *m, uint64_t pte, bool err)
{
    const mmu_scheme_t *s = w->scheme;
    if (err)
        return ptw_fault(w, MMU_CAUSE_WALK_ACCESS_ERROR);
    if (s->pte_log2 == 2)
        pte &= UINT64_C(0xffffffff);
    uint64_t ppn = (pte >> PTE_PPN_SHIFT) & ((UINT64_C(1) << s->ppn_bits) - 1);
    bool leaf = (pte & (PTE_R | PTE_X)) != 0;

    if (!(pte & PTE_V))
        return ptw_fault(w, MMU_CAUSE_PTE_INVALID);
    else if ((pte & PTE_W) && !(pte & PTE_R))
        return ptw_fault(w, MMU_CAUSE_PTE_RESERVED_WR);
    else if (s->pte_log2 == 3 && (pte & PTE_RSVD_SV64))
        return ptw_fault(w, MMU_CAUSE_PTE_RESERVED_BITS);
    else if (!leaf && (pte & (PTE_D | PTE_A | PTE_U)))
        return ptw_fault(w, MMU_CAUSE_PTE_RESERVED_BITS);
    else if (!leaf && w->level == 0)
        return ptw_fault(w, MMU_CAUSE_NONLEAF_AT_LEVEL0);

    w->global |= (pte & PTE_G) != 0;
    if (!leaf) {
        w->level--;
        w->pte_addr = pte_addr(w, ppn);
        return PTW_NEXT_READ;
    }

    unsigned cause = ptw_leaf_perm_cause(pte, w->acc, w->priv, m->csr.status);
    uint64_t superpage_mask = (UINT64_C(1) << ((unsigned)w->level * s->vpn_bits)) - 1;
    if (cause == MMU_CAUSE_NONE && (ppn & superpage_mask))
        cause = MMU_CAUSE_MISALIGNED_SUPERPAGE;
    bool hwad = (m->csr.status & STATUS_HWAD) != 0;
    if (cause == MMU_CAUSE_NONE && !hwad && ptw_ad_needed(pte, w->acc))
        cause = (pte & PTE_A) ? MMU_CAUSE_D_CLEAR : MMU_CAUSE_A_CLEAR;
    if (cause != MMU_CAUSE_NONE)
        return ptw_fault(w, cause);

    if (hwad && ptw_ad_needed(pte, w->acc)) {
        w->ad_wdata = pte | PTE_A | (w->acc == MMU_ACC_STORE ? PTE_D : 0);
        ptw_prepare_fill(w, m, w->ad_wdata, ppn);
        return PTW_NEXT_AD_WRITE;
    }
    ptw_prepare_fill(w, m, pte, ppn);
    return PTW_NEXT_ANSWER;
}

void ptw_ad_done(mmu_ptw_t *w, bool err)
{
    if (err) {
        ptw_fault(w, MMU_CAUSE_WALK_ACCESS_ERROR);
        w->ans.paddr = 0;
    }
}

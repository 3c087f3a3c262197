/* Shared pure functions (rtl/mmu_pkg.sv): the mode table, RADIX's WARL rule and geometry, the
 * exception code of a fault reason, the leaf permission checks. */
#include "mmu_pkg.h"

#include <string.h>

bool pkg_geom_sv(mmu_geom_t *g, unsigned satp_mode)
{
    /* levels, idx, pte_log2, va_bits, canonical, ppn_bits, asid_bits (RISC-V privileged spec) */
    static const struct {
        uint8_t mode, levels, idx, pte_log2, va_bits;
        bool canonical;
        uint8_t ppn_bits, asid_bits;
    } table[] = {
        {MMU_SATP_SV32, 2, 10, 2, 32, false, SATP_SV32_PPN_BITS, SATP_SV32_ASID_BITS},
        {MMU_SATP_SV39, 3, 9, 3, 39, true, MMU_SATP_PPN_WIDTH, 16},
        {MMU_SATP_SV48, 4, 9, 3, 48, true, MMU_SATP_PPN_WIDTH, 16},
        {MMU_SATP_SOFT, 3, 9, 3, 39, true, MMU_SATP_PPN_WIDTH, 16}, /* 4.6: Sv39's, no walker */
    };
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (table[i].mode != satp_mode)
            continue;
        memset(g, 0, sizeof *g);
        g->satp_mode = table[i].mode;
        g->levels = table[i].levels;
        g->page_shift = MMU_PAGE_SHIFT;
        g->idx_bits = g->top_bits = table[i].idx;
        g->pte_log2 = table[i].pte_log2;
        g->va_bits = table[i].va_bits;
        g->canonical = table[i].canonical;
        g->ppn_bits = table[i].ppn_bits;
        g->asid_bits = table[i].asid_bits;
        g->soft = satp_mode == MMU_SATP_SOFT;
        return true;
    }
    return false;
}

/* A one-bit or wider field inside [0, limit) that overlaps nothing in *used. */
static bool field_fits(unsigned lsb, unsigned width, unsigned limit, uint64_t *used)
{
    if (lsb + width > limit)
        return false;
    uint64_t bits = mmu_mask(width) << lsb;
    if (*used & bits)
        return false;
    *used |= bits;
    return true;
}

bool pkg_radix_legal(uint64_t v)
{
    unsigned va_bits = (unsigned)MMU_FIELD(v, RADIX_VA_BITS), offset = (unsigned)MMU_FIELD(v, RADIX_OFFSET);
    unsigned levels = (unsigned)MMU_FIELD(v, RADIX_LEVELS), pte_bits = 8u << (unsigned)MMU_FIELD(v, RADIX_PTE_LOG2);
    unsigned pfn_width = (unsigned)MMU_FIELD(v, RADIX_PFN_WIDTH);
    uint64_t used = 0;
    if (!(1 <= offset && offset < va_bits && va_bits <= RADIX_MAX_VA_BITS))
        return false;
    if (!(1 <= levels && levels <= va_bits - offset))
        return false;
    if (pfn_width < 1)
        return false;
    if (!field_fits((unsigned)MMU_FIELD(v, RADIX_VALID_BIT), 1, pte_bits, &used))
        return false;
    if ((unsigned)MMU_FIELD(v, RADIX_PRESENT_USED) && !field_fits((unsigned)MMU_FIELD(v, RADIX_PRESENT_BIT), 1, pte_bits, &used))
        return false;
    return field_fits((unsigned)MMU_FIELD(v, RADIX_PFN_LSB), pfn_width, pte_bits, &used);
}

static void geom_teaching(mmu_geom_t *g, uint64_t v)
{
    memset(g, 0, sizeof *g);
    g->satp_mode = MMU_SATP_RADIX;
    g->teaching = true;
    g->page_shift = (uint8_t)(unsigned)MMU_FIELD(v, RADIX_OFFSET);
    g->pte_log2 = (uint8_t)(unsigned)MMU_FIELD(v, RADIX_PTE_LOG2);
    g->ppn_bits = (uint8_t)(unsigned)MMU_FIELD(v, RADIX_PFN_WIDTH);
    g->asid_bits = 16;
    g->valid_bit = (uint8_t)(unsigned)MMU_FIELD(v, RADIX_VALID_BIT);
    g->present_bit = (uint8_t)(unsigned)MMU_FIELD(v, RADIX_PRESENT_BIT);
    g->present_used = (unsigned)MMU_FIELD(v, RADIX_PRESENT_USED) != 0;
    g->pfn_lsb = (uint8_t)(unsigned)MMU_FIELD(v, RADIX_PFN_LSB);
}

void pkg_geom_radix(mmu_geom_t *g, uint64_t v)
{
    geom_teaching(g, v);
    unsigned va_bits = (unsigned)MMU_FIELD(v, RADIX_VA_BITS), levels = (unsigned)MMU_FIELD(v, RADIX_LEVELS);
    unsigned vpn_bits = va_bits - g->page_shift;
    g->levels = (uint8_t)levels;
    g->va_bits = (uint8_t)va_bits;
    /* the VPN split evenly, the top level taking the remainder (4.4) */
    g->idx_bits = (uint8_t)(vpn_bits / levels);
    g->top_bits = (uint8_t)(vpn_bits - (levels - 1) * g->idx_bits);
}

void pkg_geom_hybrid(mmu_geom_t *g, uint64_t v, unsigned seg_va_bits, unsigned seg_off_bits)
{
    geom_teaching(g, v);
    g->hybrid = true;
    g->levels = 1;
    g->va_bits = (uint8_t)seg_va_bits;
    g->idx_bits = g->top_bits = (uint8_t)(seg_off_bits - g->page_shift);
}

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

bool mmu_geometry(unsigned satp_mode, uint64_t radix, mmu_geometry_t *out)
{
    mmu_geom_t g;
    if (satp_mode == MMU_SATP_RADIX) {
        if (!pkg_radix_legal(radix))
            return false;
        pkg_geom_radix(&g, radix);
    } else if (!pkg_geom_sv(&g, satp_mode)) {
        return false;
    }
    out->levels = g.levels;
    out->page_shift = g.page_shift;
    out->idx_bits = g.idx_bits;
    out->top_bits = g.top_bits;
    out->pte_log2 = g.pte_log2;
    out->va_bits = g.va_bits;
    out->canonical = g.canonical;
    out->ppn_bits = g.ppn_bits;
    out->asid_bits = g.asid_bits;
    return true;
}

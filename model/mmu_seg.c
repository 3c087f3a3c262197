/* Base-and-bounds, OSTEP segmentation and HYBRID's segment checks (rtl/mmu_seg.sv). */
#include "mmu_seg.h"

static unsigned seg_needed_flag(unsigned acc)
{
    return acc == MMU_ACC_LOAD ? MMU_SEG_FLAGS_R_MASK : acc == MMU_ACC_STORE ? MMU_SEG_FLAGS_W_MASK : MMU_SEG_FLAGS_X_MASK;
}

/* 4.2, and 4.5 for HYBRID: the segment's BASE is its page table and LIMIT its number of pages. */
static void segments(const mmu_csr_t *c, bool hybrid, uint64_t vaddr, unsigned acc, unsigned priv,
                     mmu_seg_result_t *r)
{
    unsigned select = (unsigned)MMU_FIELD(c->segctl, SEGCTL_SELECT);
    unsigned va_bits = (unsigned)MMU_FIELD(c->segctl, SEGCTL_VA_BITS);
    unsigned offset_bits = va_bits - select;
    if (vaddr >> va_bits) {
        r->cause = MMU_CAUSE_VA_RANGE;
        return;
    }
    unsigned n = (unsigned)(vaddr >> offset_bits);
    uint64_t offset = vaddr & mmu_mask(offset_bits);
    unsigned flags = c->seg_flags[n];
    if (!(flags & MMU_SEG_FLAGS_V_MASK))
        r->cause = MMU_CAUSE_SEG_INVALID;
    else if (!(flags & seg_needed_flag(acc)) || (priv == MMU_PRIV_U && !(flags & MMU_SEG_FLAGS_U_MASK)))
        r->cause = MMU_CAUSE_SEG_PERM;
    else if (hybrid) {
        /* the in-segment VPN against the number of valid pages; grows-down is ignored */
        if ((offset >> c->geom.page_shift) >= c->seg_limit[n])
            r->cause = MMU_CAUSE_PAGE_BOUND;
        r->linear = vaddr; /* the TLB is tagged with the full VPN */
        r->table_base = c->seg_base[n] & MMU_PA_MASK;
    } else if (flags & MMU_SEG_FLAGS_DOWN_MASK) {
        /* the stack: negative offset = offset - segment size, valid while |offset| <= LIMIT */
        uint64_t magnitude = (UINT64_C(1) << offset_bits) - offset;
        if (magnitude > c->seg_limit[n])
            r->cause = MMU_CAUSE_SEG_LIMIT;
        r->linear = c->seg_base[n] - magnitude;
    } else {
        if (offset >= c->seg_limit[n])
            r->cause = MMU_CAUSE_SEG_LIMIT;
        r->linear = c->seg_base[n] + offset;
    }
}

void seg_schemes(const mmu_csr_t *c, bool hybrid, uint64_t vaddr, unsigned acc, unsigned priv,
                 mmu_seg_result_t *r)
{
    r->cause = MMU_CAUSE_NONE;
    r->linear = vaddr;
    r->table_base = 0;
    switch (csr_seg_mode(c)) {
    case MMU_SEG_BASE_BOUNDS:
        if (vaddr >= c->bounds)
            r->cause = MMU_CAUSE_BOUNDS;
        else
            r->linear = vaddr + c->base;
        break;
    case MMU_SEG_SEGMENTS:
        segments(c, hybrid, vaddr, acc, priv, r);
        break;
    default:
        break;
    }
}

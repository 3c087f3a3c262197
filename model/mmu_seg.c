/* Base-and-bounds and OSTEP segmentation (rtl/mmu_seg.sv). */
#include "mmu_internal.h"

static unsigned seg_needed_flag(unsigned acc)
{
    return acc == MMU_ACC_LOAD ? SEGF_R : acc == MMU_ACC_STORE ? SEGF_W : SEGF_X;
}

static unsigned segments_translate(const mmu_csr_t *csr, uint64_t vaddr, unsigned acc,
                                   unsigned priv, uint64_t *linear)
{
    unsigned select = (csr->segctl >> SEGCTL_SELECT_SHIFT) & SEGCTL_SELECT_MASK;
    unsigned va_bits = (csr->segctl >> SEGCTL_VABITS_SHIFT) & SEGCTL_VABITS_MASK;
    unsigned offset_bits = va_bits - select;
    if (vaddr >> va_bits)
        return MMU_CAUSE_VA_RANGE;
    unsigned n = (unsigned)(vaddr >> offset_bits);
    uint64_t offset = vaddr & ((UINT64_C(1) << offset_bits) - 1);
    unsigned flags = csr->seg_flags[n];
    if (!(flags & SEGF_VALID))
        return MMU_CAUSE_SEG_INVALID;
    if (!(flags & seg_needed_flag(acc)) || (priv == MMU_PRIV_U && !(flags & SEGF_U)))
        return MMU_CAUSE_SEG_PERM;
    if (flags & SEGF_DOWN) {
        /* the stack: negative offset = offset - segment size, valid while |offset| <= LIMIT */
        uint64_t magnitude = (UINT64_C(1) << offset_bits) - offset;
        if (magnitude > csr->seg_limit[n])
            return MMU_CAUSE_SEG_LIMIT;
        *linear = csr->seg_base[n] - magnitude;
    } else {
        if (offset >= csr->seg_limit[n])
            return MMU_CAUSE_SEG_LIMIT;
        *linear = csr->seg_base[n] + offset;
    }
    return MMU_CAUSE_NONE;
}

unsigned seg_translate(const mmu_csr_t *csr, uint64_t vaddr, unsigned acc, unsigned priv,
                       uint64_t *linear)
{
    switch (csr->segctl & SEGCTL_MODE_MASK) {
    case MMU_SEG_BASE_BOUNDS:
        if (vaddr >= csr->bounds)
            return MMU_CAUSE_BOUNDS;
        *linear = vaddr + csr->base;
        return MMU_CAUSE_NONE;
    case MMU_SEG_SEGMENTS:
        return segments_translate(csr, vaddr, acc, priv, linear);
    default:
        *linear = vaddr;
        return MMU_CAUSE_NONE;
    }
}

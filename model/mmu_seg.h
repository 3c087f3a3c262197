/* Base-and-bounds, OSTEP segments and HYBRID's segment checks (rtl/mmu_seg.sv). */
#ifndef MMU_SEG_H
#define MMU_SEG_H

#include "mmu_csr.h"

typedef struct {
    unsigned cause;      /* MMU_CAUSE_NONE, or a fault found by segmentation */
    uint64_t linear;     /* the address paging (or Bare) translates */
    uint64_t table_base; /* HYBRID: the segment's linear page table (its BASE) */
} mmu_seg_result_t;

/* The segmentation stage for a request (not priv M). hybrid: HYBRID is active (4.5). */
void seg_schemes(const mmu_csr_t *c, bool hybrid, uint64_t vaddr, unsigned acc, unsigned priv,
                 mmu_seg_result_t *r);
static inline void seg_translate(const mmu_csr_t *c, bool hybrid, uint64_t vaddr, unsigned acc,
                                 unsigned priv, mmu_seg_result_t *r)
{
    if (csr_seg_mode(c) == MMU_SEG_OFF) { /* the common case, without a call */
        *r = (mmu_seg_result_t){.cause = MMU_CAUSE_NONE, .linear = vaddr, .table_base = 0};
        return;
    }
    seg_schemes(c, hybrid, vaddr, acc, priv, r);
}

#endif

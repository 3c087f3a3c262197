/* Fully-associative TLB (rtl/mmu_tlb.sv): entries, lookup, fill, flush, the replacement policies
 * and the LFSR of TLBCTL. Entries hold the VPN at the mode's page size (va >> page_shift). */
#ifndef MMU_TLB_H
#define MMU_TLB_H

#include "mmu_pkg.h"

typedef struct {
    unsigned entries;
    mmu_tlb_entry_t e[MMU_MAX_TLB_ENTRIES];
    uint64_t lru_stamp[MMU_MAX_TLB_ENTRIES]; /* time of the latest touch */
    uint64_t lru_clock;
    uint8_t plru[MMU_MAX_TLB_ENTRIES]; /* nodes 1..entries-1 */
    unsigned fifo;
    uint16_t lfsr;
} mmu_tlb_t;

/* Where a fill goes, and what else it changes. */
typedef struct {
    unsigned index;
    bool evict;        /* overwrites a valid entry chosen by the policy (EVICTIONS) */
    uint16_t lfsr_next; /* the LFSR after the fill (stepped when no entry is invalid) */
} mmu_fill_slot_t;

void tlb_reset(mmu_tlb_t *t, unsigned entries);
/* The lowest-numbered entry that hits va's VPN under asid (on asid_mask's bits); -1 if none. */
int tlb_lookup(const mmu_tlb_t *t, const mmu_geom_t *g, uint64_t va, uint16_t asid,
               uint16_t asid_mask);
/* The slot a fill would take now (a refill: refill_index). Changes nothing. */
mmu_fill_slot_t tlb_fill_slot(const mmu_tlb_t *t, unsigned policy, bool refill, unsigned refill_index);
void tlb_fill(mmu_tlb_t *t, const mmu_fill_slot_t *slot, bool refill, const mmu_tlb_entry_t *entry);
void tlb_touch(mmu_tlb_t *t, unsigned index);
/* A flush at the edge; g: the current mode's geometry (NULL in Bare). */
void tlb_flush(mmu_tlb_t *t, const mmu_flush_t *f, const mmu_geom_t *g, uint16_t asid_mask);
/* The victim of a policy when no entry is invalid (RANDOM: from lfsr_next). */
unsigned tlb_policy_victim(const mmu_tlb_t *t, unsigned policy, uint16_t lfsr_next);

#endif

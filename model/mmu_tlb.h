/* Fully-associative TLB (rtl/mmu_tlb.sv): entries, lookup, fill, flush, the replacement policies
 * and the LFSR of TLBCTL. Entries hold the VPN at the mode's page size (va >> page_shift). */
#ifndef MMU_TLB_H
#define MMU_TLB_H

#include "mmu_pkg.h"

/* The lookup memo, a model-only fast path (the RTL compares every entry at once): the scan's
 * answer for a recent (VPN, ASID), kept for one epoch. A new epoch starts with every flush, reset
 * and register write (geometry, ASID mask); a fill updates the memo in place (the slots that
 * named the overwritten entry are dropped; a slot the new entry matches below its answer now
 * names it). So a memo hit returns what the scan would: the lowest-numbered matching entry. */
#define TLB_MEMO_SLOTS 64
typedef struct {
    uint64_t vpn;
    uint32_t epoch; /* 0: empty */
    uint16_t asid;
    int8_t index;   /* the scan's answer, -1 for none */
} tlb_memo_t;

typedef struct {
    unsigned entries;
    mmu_tlb_entry_t e[MMU_MAX_TLB_ENTRIES];
    uint8_t flags[MMU_MAX_TLB_ENTRIES]; /* pkg_entry_flags of each entry, set by its fill */
    uint64_t lru_stamp[MMU_MAX_TLB_ENTRIES]; /* time of the latest touch */
    uint64_t lru_clock;
    unsigned lru_victim;                     /* the oldest stamp's entry (lowest index of equals) */
    uint64_t plru;                           /* tree node k (1..entries-1) is bit k */
    /* a touch of leaf i sets the nodes on its path to plru_path_bits[i] (under plru_path[i]) */
    uint64_t plru_path[MMU_MAX_TLB_ENTRIES], plru_path_bits[MMU_MAX_TLB_ENTRIES];
    unsigned fifo;
    uint16_t lfsr;
    uint32_t epoch;
    tlb_memo_t memo[TLB_MEMO_SLOTS];
    /* memo_refs[i]: the slots that may name entry i (a superset: each is checked before use) */
    uint64_t memo_refs[MMU_MAX_TLB_ENTRIES];
} mmu_tlb_t;

/* Where a fill goes, and what else it changes. */
typedef struct {
    unsigned index;
    bool evict;        /* overwrites a valid entry chosen by the policy (EVICTIONS) */
    uint16_t lfsr_next; /* the LFSR after the fill (stepped when no entry is invalid) */
} mmu_fill_slot_t;

void tlb_reset(mmu_tlb_t *t, unsigned entries);
/* The lowest-numbered entry that hits va's VPN under asid (on asid_mask's bits); -1 if none.
 * tlb_scan compares every entry; tlb_lookup answers from the memo when it can. */
int tlb_scan(const mmu_tlb_t *t, const mmu_geom_t *g, uint64_t va, uint16_t asid, uint16_t asid_mask);
/* The memo slot of a (VPN, masked ASID) key. */
static inline unsigned tlb_memo_slot(uint64_t vpn, uint16_t key_asid)
{
    return (unsigned)((vpn ^ (vpn >> 6) ^ key_asid) & (TLB_MEMO_SLOTS - 1));
}
static inline int tlb_lookup(mmu_tlb_t *t, const mmu_geom_t *g, uint64_t va, uint16_t asid,
                             uint16_t asid_mask)
{
    uint64_t vpn = va >> g->page_shift;
    uint16_t key_asid = (uint16_t)(asid & asid_mask);
    unsigned n = tlb_memo_slot(vpn, key_asid);
    tlb_memo_t *slot = &t->memo[n];
    if (slot->epoch == t->epoch && slot->vpn == vpn && slot->asid == key_asid)
        return slot->index;
    int index = tlb_scan(t, g, va, asid, asid_mask);
    *slot = (tlb_memo_t){.vpn = vpn, .epoch = t->epoch, .asid = key_asid, .index = (int8_t)index};
    if (index >= 0)
        t->memo_refs[index] |= UINT64_C(1) << n;
    return index;
}
/* A change the memo must not outlive (an entry, the geometry, the ASID mask). */
void tlb_new_epoch(mmu_tlb_t *t);
/* The slot a fill would take now (a refill: refill_index). Changes nothing. */
mmu_fill_slot_t tlb_fill_slot(const mmu_tlb_t *t, unsigned policy, bool refill, unsigned refill_index);
/* Install entry in slot; g and asid_mask: the mode's (to keep the lookup memo exact). */
void tlb_fill(mmu_tlb_t *t, const mmu_fill_slot_t *slot, bool refill, const mmu_tlb_entry_t *entry,
              const mmu_geom_t *g, uint16_t asid_mask);
void tlb_find_lru_victim(mmu_tlb_t *t);
/* A hit or a fill uses the entry: LRU and PLRU state (every policy's state is kept, as in RTL). */
static inline void tlb_touch(mmu_tlb_t *t, unsigned index)
{
    t->lru_stamp[index] = ++t->lru_clock;
    if (index == t->lru_victim) /* another entry is now the oldest; no other touch changes it */
        tlb_find_lru_victim(t);
    /* every node on the path points away from the touched leaf */
    t->plru = (t->plru & ~t->plru_path[index]) | t->plru_path_bits[index];
}
/* Soft mode's TLBWI (4.6): entry index := e, a touch for LRU and pseudo-LRU only (FIFO, LFSR and
 * EVICTIONS unchanged); with V = 0 the entry is invalidated instead, with no touch. */
void tlb_write_index(mmu_tlb_t *t, unsigned index, const mmu_tlb_entry_t *e, const mmu_geom_t *g,
                     uint16_t asid_mask);
void tlb_invalidate_index(mmu_tlb_t *t, unsigned index);
/* A flush at the edge; g: the current mode's geometry (NULL in Bare). */
void tlb_flush(mmu_tlb_t *t, const mmu_flush_t *f, const mmu_geom_t *g, uint16_t asid_mask);
/* The victim of a policy when no entry is invalid (RANDOM: from lfsr_next). */
unsigned tlb_policy_victim(const mmu_tlb_t *t, unsigned policy, uint16_t lfsr_next);

#endif

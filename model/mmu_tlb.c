/* Fully-associative TLB: lookup, fill, flush and the four replacement policies (rtl/mmu_tlb.sv). */
#include "mmu_tlb.h"

#include <string.h>

void tlb_reset(mmu_tlb_t *t, unsigned entries)
{
    memset(t, 0, sizeof *t);
    t->entries = entries;
    t->lfsr = 1;
}

/* The VPN bits above the entry's level are equal. */
static bool entry_matches_va(const mmu_tlb_entry_t *e, const mmu_geom_t *g, uint64_t va)
{
    unsigned low = e->level * g->idx_bits;
    return (((va >> g->page_shift) ^ e->vpn) >> low) == 0;
}

static bool asid_matches(const mmu_tlb_entry_t *e, uint16_t asid, uint16_t asid_mask)
{
    return ((e->asid ^ asid) & asid_mask) == 0;
}

int tlb_lookup(const mmu_tlb_t *t, const mmu_geom_t *g, uint64_t va, uint16_t asid,
               uint16_t asid_mask)
{
    for (unsigned i = 0; i < t->entries; i++) {
        const mmu_tlb_entry_t *e = &t->e[i];
        if (e->valid && (e->global || asid_matches(e, asid, asid_mask)) && entry_matches_va(e, g, va))
            return (int)i; /* lowest-numbered entry wins */
    }
    return -1;
}

static unsigned plru_victim(const mmu_tlb_t *t)
{
    unsigned node = 1;
    while (node < t->entries)
        node = 2 * node + t->plru[node];
    return node - t->entries;
}

static unsigned lru_victim(const mmu_tlb_t *t)
{
    unsigned victim = 0;
    for (unsigned i = 1; i < t->entries; i++)
        if (t->lru_stamp[i] < t->lru_stamp[victim])
            victim = i;
    return victim;
}

unsigned tlb_policy_victim(const mmu_tlb_t *t, unsigned policy, uint16_t lfsr_next)
{
    switch (policy) {
    case MMU_POLICY_LRU: return lru_victim(t);
    case MMU_POLICY_PLRU: return plru_victim(t);
    case MMU_POLICY_FIFO: return t->fifo;
    default: return lfsr_next % t->entries;
    }
}

mmu_fill_slot_t tlb_fill_slot(const mmu_tlb_t *t, unsigned policy, bool refill, unsigned refill_index)
{
    mmu_fill_slot_t slot = {.index = refill_index, .evict = false, .lfsr_next = t->lfsr};
    if (refill)
        return slot;
    for (unsigned i = 0; i < t->entries; i++) {
        if (!t->e[i].valid) {
            slot.index = i;
            return slot;
        }
    }
    slot.lfsr_next = pkg_lfsr_step(t->lfsr);
    slot.evict = true;
    slot.index = tlb_policy_victim(t, policy, slot.lfsr_next);
    return slot;
}

void tlb_touch(mmu_tlb_t *t, unsigned index)
{
    t->lru_stamp[index] = ++t->lru_clock;
    /* every node on the path points away from the touched leaf */
    for (unsigned node = t->entries + index; node > 1; node >>= 1)
        t->plru[node >> 1] = (node & 1u) ? 0 : 1;
}

void tlb_fill(mmu_tlb_t *t, const mmu_fill_slot_t *slot, bool refill, const mmu_tlb_entry_t *entry)
{
    t->e[slot->index] = *entry;
    tlb_touch(t, slot->index);
    t->lfsr = slot->lfsr_next;
    if (!refill)
        t->fifo = (t->fifo + 1) % t->entries;
}

void tlb_flush(mmu_tlb_t *t, const mmu_flush_t *f, const mmu_geom_t *g, uint16_t asid_mask)
{
    for (unsigned i = 0; i < t->entries; i++) {
        mmu_tlb_entry_t *e = &t->e[i];
        bool scoped = !e->global && asid_matches(e, f->asid, asid_mask);
        bool hits_va = f->va_ok && g && entry_matches_va(e, g, f->va);
        bool drop;
        switch (f->kind) {
        case MMU_FLUSH_ASID: drop = scoped; break;
        case MMU_FLUSH_VA: drop = hits_va; break;
        case MMU_FLUSH_VA_ASID: drop = hits_va && scoped; break;
        default: drop = true; break;
        }
        if (drop)
            e->valid = false;
    }
}

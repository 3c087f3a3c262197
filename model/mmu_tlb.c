/* Fully-associative TLB: lookup, fill, flush and the four replacement policies (rtl/mmu_tlb.sv). */
#include <string.h>

#include "mmu_internal.h"

void tlb_reset(mmu_tlb_t *tlb, unsigned entries)
{
    memset(tlb, 0, sizeof *tlb);
    tlb->entries = entries;
}

uint16_t lfsr_step(uint16_t lfsr)
{
    unsigned feedback = (lfsr ^ (lfsr >> 2) ^ (lfsr >> 3) ^ (lfsr >> 5)) & 1u;
    return (uint16_t)((feedback << 15) | (lfsr >> 1));
}

/* VPN bits above the entry's level are equal. */
bool tlb_entry_matches_va(const mmu_tlb_entry_t *e, uint64_t linear, const mmu_scheme_t *s)
{
    unsigned low = e->level * s->vpn_bits;
    return ((linear >> MMU_PAGE_SHIFT) >> low) == (e->vpn >> low);
}

static bool asid_matches(const mmu_tlb_entry_t *e, uint16_t asid, uint16_t asid_mask)
{
    return ((e->asid ^ asid) & asid_mask) == 0;
}

int tlb_lookup(const mmu_tlb_t *tlb, const mmu_scheme_t *s, uint64_t linear, uint16_t asid,
               uint16_t asid_mask)
{
    for (unsigned i = 0; i < tlb->entries; i++) {
        const mmu_tlb_entry_t *e = &tlb->e[i];
        if (e->valid && (e->global || asid_matches(e, asid, asid_mask)) &&
            tlb_entry_matches_va(e, linear, s))
            return (int)i; /* lowest-numbered entry wins */
    }
    return -1;
}

static unsigned plru_victim(const mmu_tlb_t *tlb)
{
    unsigned node = 1;
    while (node < tlb->entries)
        node = 2 * node + tlb->plru[node];
    return node - tlb->entries;
}

static unsigned lru_victim(const mmu_tlb_t *tlb)
{
    unsigned victim = 0;
    for (unsigned i = 1; i < tlb->entries; i++)
        if (tlb->lru_stamp[i] < tlb->lru_stamp[victim])
            victim = i;
    return victim;
}

unsigned tlb_policy_victim(const mmu_tlb_t *tlb, unsigned policy, uint16_t lfsr_next)
{
    switch (policy) {
    case MMU_POLICY_LRU: return lru_victim(tlb);
    case MMU_POLICY_PLRU: return plru_victim(tlb);
    case MMU_POLICY_FIFO: return tlb->fifo;
    default: return lfsr_next % tlb->entries;
    }
}

mmu_fill_slot_t tlb_fill_slot(const mmu_tlb_t *tlb, unsigned policy, uint16_t lfsr, bool refill,
                              unsigned refill_index)
{
    mmu_fill_slot_t slot = {0};
    slot.lfsr_next = lfsr;
    if (refill) {
        slot.index = refill_index;
        return slot;
    }
    for (unsigned i = 0; i < tlb->entries; i++) {
        if (!tlb->e[i].valid) {
            slot.index = i;
            return slot;
        }
    }
    slot.steps_lfsr = true;
    slot.lfsr_next = lfsr_step(lfsr);
    slot.evict = true;
    slot.index = tlb_policy_victim(tlb, policy, slot.lfsr_next);
    return slot;
}

void tlb_touch(mmu_tlb_t *tlb, unsigned index)
{
    tlb->lru_stamp[index] = ++tlb->lru_clock;
    /* every node on the path points away from the touched leaf */
    for (unsigned node = tlb->entries + index; node > 1; node >>= 1)
        tlb->plru[node >> 1] = (node & 1u) ? 0 : 1;
}

void tlb_fill(mmu_tlb_t *tlb, const mmu_fill_slot_t *slot, bool refill,
              const mmu_tlb_entry_t *entry)
{
    tlb->e[slot->index] = *entry;
    tlb_touch(tlb, slot->index);
    if (!refill)
        tlb->fifo = (tlb->fifo + 1) % tlb->entries;
}

void tlb_flush(mmu_tlb_t *tlb, unsigned kind, uint64_t va, bool va_valid, uint16_t asid,
               uint16_t asid_mask, const mmu_scheme_t *s)
{
    for (unsigned i = 0; i < tlb->entries; i++) {
        mmu_tlb_entry_t *e = &tlb->e[i];
        bool scoped = !e->global && asid_matches(e, asid, asid_mask);
        bool hits_va = va_valid && s && tlb_entry_matches_va(e, va, s);
        bool drop;
        switch (kind) {
        case MMU_FLUSH_ALL: drop = true; break;
        case MMU_FLUSH_ASID: drop = scoped; break;
        case MMU_FLUSH_VA: drop = hits_va; break;
        default: drop = hits_va && scoped; break;
        }
        if (drop)
            e->valid = false;
    }
}

/* Fully-associative TLB: lookup, fill, flush and the four replacement policies (rtl/mmu_tlb.sv). */
#include "mmu_tlb.h"

#include <string.h>

void tlb_reset(mmu_tlb_t *t, unsigned entries)
{
    memset(t, 0, sizeof *t);
    t->entries = entries;
    t->lfsr = 1;
    t->epoch = 1;
    t->lru_victim = 0; /* all stamps equal: the lowest index */
    for (unsigned i = 0; i < entries; i++) {
        for (unsigned node = entries + i; node > 1; node >>= 1) {
            t->plru_path[i] |= UINT64_C(1) << (node >> 1);
            if (!(node & 1u)) /* a left child: its parent points right, away from it */
                t->plru_path_bits[i] |= UINT64_C(1) << (node >> 1);
        }
    }
}

void tlb_new_epoch(mmu_tlb_t *t)
{
    if (++t->epoch == 0) { /* wrapped: no slot may carry an epoch from 2^32 changes ago */
        memset(t->memo, 0, sizeof t->memo);
        t->epoch = 1;
    }
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

int tlb_scan(const mmu_tlb_t *t, const mmu_geom_t *g, uint64_t va, uint16_t asid, uint16_t asid_mask)
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
        node = 2 * node + (unsigned)((t->plru >> node) & 1u);
    return node - t->entries;
}

/* The entry touched longest ago (the lowest index among equals), kept in lru_victim: found again
 * only when the victim itself is touched, since a touch makes no other entry older. */
void tlb_find_lru_victim(mmu_tlb_t *t)
{
    unsigned victim = 0;
    for (unsigned i = 1; i < t->entries; i++)
        if (t->lru_stamp[i] < t->lru_stamp[victim])
            victim = i;
    t->lru_victim = victim;
}

unsigned tlb_policy_victim(const mmu_tlb_t *t, unsigned policy, uint16_t lfsr_next)
{
    switch (policy) {
    case MMU_POLICY_LRU: return t->lru_victim;
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

/* A memo slot that the new entry `index` matches below its answer now names it. */
static void memo_adopt(mmu_tlb_t *t, unsigned n, unsigned index, const mmu_tlb_entry_t *e,
                       unsigned low, uint16_t asid_mask)
{
    tlb_memo_t *s = &t->memo[n];
    if (s->epoch != t->epoch || (s->index >= 0 && s->index < (int)index))
        return;
    bool asid_ok = e->global || ((e->asid ^ s->asid) & asid_mask) == 0;
    if (asid_ok && ((s->vpn ^ e->vpn) >> low) == 0) {
        s->index = (int8_t)index;
        t->memo_refs[index] |= UINT64_C(1) << n;
    }
}

/* The memo after entry index becomes e (see mmu_tlb.h): the slots that named the old entry are
 * dropped; the new entry can change the answer only of keys it matches. A non-global 4 KiB entry
 * matches one key, whose slot is known; a superpage or a global entry is tried on every slot. */
static void memo_fill(mmu_tlb_t *t, unsigned index, const mmu_tlb_entry_t *e, const mmu_geom_t *g,
                      uint16_t asid_mask)
{
    for (uint64_t refs = t->memo_refs[index]; refs; refs &= refs - 1) {
        tlb_memo_t *s = &t->memo[__builtin_ctzll(refs)];
        if (s->epoch == t->epoch && s->index == (int)index)
            s->epoch = 0;
    }
    t->memo_refs[index] = 0;
    if (!e->valid)
        return;
    unsigned low = e->level * g->idx_bits;
    if (e->global || low) {
        for (unsigned n = 0; n < TLB_MEMO_SLOTS; n++)
            memo_adopt(t, n, index, e, low, asid_mask);
    } else {
        memo_adopt(t, tlb_memo_slot(e->vpn, (uint16_t)(e->asid & asid_mask)), index, e, 0, asid_mask);
    }
}

void tlb_fill(mmu_tlb_t *t, const mmu_fill_slot_t *slot, bool refill, const mmu_tlb_entry_t *entry,
              const mmu_geom_t *g, uint16_t asid_mask)
{
    t->e[slot->index] = *entry;
    t->flags[slot->index] = (uint8_t)pkg_entry_flags(entry);
    memo_fill(t, slot->index, entry, g, asid_mask);
    tlb_touch(t, slot->index);
    t->lfsr = slot->lfsr_next;
    if (!refill)
        t->fifo = (t->fifo + 1) % t->entries;
}

void tlb_write_index(mmu_tlb_t *t, unsigned index, const mmu_tlb_entry_t *e, const mmu_geom_t *g,
                     uint16_t asid_mask)
{
    t->e[index] = *e;
    t->flags[index] = (uint8_t)pkg_entry_flags(e);
    memo_fill(t, index, e, g, asid_mask);
    tlb_touch(t, index);
}

void tlb_invalidate_index(mmu_tlb_t *t, unsigned index)
{
    t->e[index].valid = false;
    tlb_new_epoch(t);
}

void tlb_flush(mmu_tlb_t *t, const mmu_flush_t *f, const mmu_geom_t *g, uint16_t asid_mask)
{
    for (unsigned i = 0; i < t->entries; i++) {
        mmu_tlb_entry_t *e = &t->e[i];
        /* an invalid entry takes no part; it may hold the level of another mode, too high for
         * this mode's index bits (the shift in entry_matches_va) */
        if (!e->valid)
            continue;
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
    tlb_new_epoch(t);
}

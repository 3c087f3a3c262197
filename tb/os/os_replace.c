/* Page replacement: which resident page (a head frame, 4 KiB or a megapage) goes out when a
 * frame is needed and none is free. Textbook definitions (OSTEP ch. 22, Silberschatz 10.4,
 * Tanenbaum 3.4):
 *   FIFO           the page loaded longest ago.
 *   LRU            the page whose latest access is the oldest.
 *   OPT            the page whose next access is furthest in the future (never: furthest of
 *                  all); ties go to the page loaded first.
 *   RANDOM         a resident page drawn uniformly by a seeded xorshift64 generator.
 *   CLOCK          the frames form a circle; the hand stops at each resident page: A set: clear
 *                  it (and flush the page from the TLB, so that the next access walks and the
 *                  walker sets A again) and move on; A clear: the victim. The new page goes into
 *                  the victim's frame and the hand moves past it.
 *   SECOND_CHANCE  the enhanced clock of Silberschatz 10.4.5.3 on (A, D): from the hand, look
 *                  once round for (0, 0) changing nothing; failing that, once round for (0, 1),
 *                  clearing A of every page passed; repeat (now every A is clear). Clean pages go
 *                  first because they cost no writeback.
 * A page whose A bit is set in any PTE mapping it counts as referenced (shared pages after fork),
 * and dirty likewise. Pinned frames are never chosen. */
#include "os_internal.h"

static bool candidate(const os_model_t *os, uint32_t f)
{
    return os->frame[f].state == FRAME_HEAD && !os->frame[f].pinned;
}

static uint64_t pte_of_mapping(os_model_t *os, const os_mapping_t *m, os_pte_ref_t *ref)
{
    os_pt_locate(os, &os->proc[m->proc], m->vpn << OS_PAGE_SHIFT, m->level, false, ref);
    return os_pte_read(os, *ref);
}

bool os_unit_referenced(os_model_t *os, uint32_t head, bool clear)
{
    bool referenced = false;
    const os_frame_t *h = &os->frame[head];
    for (uint32_t i = 0; i < h->nmap; i++) {
        os_pte_ref_t ref;
        const uint64_t pte = pte_of_mapping(os, &h->map[i], &ref);
        if (!(pte & MMU_PTE_A))
            continue;
        referenced = true;
        if (clear) {
            os_pte_write(os, ref, pte & ~MMU_PTE_A);
            os->stats.a_bit_clears++;
            os_flush_page(os, OS_FLUSH_CLOCK, &os->proc[h->map[i].proc], h->map[i].vpn << OS_PAGE_SHIFT);
        }
    }
    return referenced;
}

bool os_unit_dirty(os_model_t *os, uint32_t head)
{
    const os_frame_t *h = &os->frame[head];
    for (uint32_t i = 0; i < h->nmap; i++) {
        os_pte_ref_t ref;
        if (pte_of_mapping(os, &h->map[i], &ref) & MMU_PTE_D)
            return true;
    }
    return false;
}

static uint64_t next_use_of(const os_frame_t *h)
{
    uint64_t next = OS_NO_NEXT_USE;
    for (uint32_t i = 0; i < h->nmap; i++)
        if (h->map[i].next_use < next)
            next = h->map[i].next_use;
    return next;
}

/* The candidate with the smallest key (FIFO: load order; LRU: latest access), or for OPT the
 * largest next use with ties to the earliest loaded. */
static int64_t scan_victim(const os_model_t *os)
{
    int64_t best = -1;
    for (uint32_t f = 0; f < os->nframes; f++) {
        if (!candidate(os, f))
            continue;
        const os_frame_t *h = &os->frame[f], *b = best < 0 ? NULL : &os->frame[best];
        bool better;
        switch (os->cfg.replace) {
        case OS_REPLACE_LRU:
            better = !b || h->last_use < b->last_use;
            break;
        case OS_REPLACE_OPT: {
            const uint64_t n = next_use_of(h), nb = b ? next_use_of(b) : 0;
            better = !b || n > nb || (n == nb && h->loaded < b->loaded);
            break;
        }
        default: /* FIFO */
            better = !b || h->loaded < b->loaded;
            break;
        }
        if (better)
            best = f;
    }
    return best;
}

static int64_t random_victim(os_model_t *os)
{
    uint64_t n = 0;
    for (uint32_t f = 0; f < os->nframes; f++)
        n += candidate(os, f);
    if (!n)
        return -1;
    os->rng ^= os->rng << 13; /* xorshift64 (Marsaglia) */
    os->rng ^= os->rng >> 7;
    os->rng ^= os->rng << 17;
    uint64_t pick = os->rng % n;
    for (uint32_t f = 0; f < os->nframes; f++)
        if (candidate(os, f) && pick-- == 0)
            return f;
    return -1;
}

/* The next head frame at or after the hand (wrapping), or -1 if there is none. */
static int64_t hand_frame(os_model_t *os)
{
    for (uint32_t step = 0; step < os->nframes; step++) {
        const uint32_t f = (os->clock_hand + step) % os->nframes;
        if (os->frame[f].state == FRAME_HEAD) {
            os->clock_hand = f;
            return f;
        }
    }
    return -1;
}

static void advance_hand(os_model_t *os, uint32_t f) { os->clock_hand = (f + os->frame[f].pages) % os->nframes; }

static int64_t clock_victim(os_model_t *os)
{
    /* two turns at most: the first clears every A bit it meets */
    for (uint64_t step = 0; step <= 2 * (uint64_t)os->nframes; step++) {
        const int64_t f = hand_frame(os);
        if (f < 0)
            return -1;
        const bool referenced = !candidate(os, (uint32_t)f) || os_unit_referenced(os, (uint32_t)f, true);
        advance_hand(os, (uint32_t)f);
        if (!referenced)
            return f;
    }
    return -1;
}

static int64_t second_chance_victim(os_model_t *os)
{
    for (int round = 0; round < 2; round++) {
        for (int want_dirty = 0; want_dirty < 2; want_dirty++) {
            const uint32_t start = os->clock_hand;
            for (uint32_t step = 0; step < os->nframes; step++) {
                const uint32_t f = (start + step) % os->nframes;
                if (!candidate(os, f))
                    continue;
                if (!os_unit_referenced(os, f, false) && os_unit_dirty(os, f) == (bool)want_dirty) {
                    advance_hand(os, f);
                    return f;
                }
                if (want_dirty)
                    os_unit_referenced(os, f, true); /* passed over: its second chance is used */
            }
        }
    }
    return -1;
}

int64_t os_replace_victim(os_model_t *os)
{
    switch (os->cfg.replace) {
    case OS_REPLACE_CLOCK: return clock_victim(os);
    case OS_REPLACE_SECOND_CHANCE: return second_chance_victim(os);
    case OS_REPLACE_RANDOM: return random_victim(os);
    default: return scan_victim(os);
    }
}

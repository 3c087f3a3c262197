/* Physical memory of user pages: a fixed array of 4 KiB frames, allocated lowest first (so a run
 * is reproducible and the clock hand meets frames in a fixed order), each with its reverse
 * mappings (the PTEs naming it: one, or several after fork) and its bytes, kept only once written
 * (a frame never written reads as zeros). Swap slots hold the bytes of pages swapped out. */
#include <stdlib.h>
#include <string.h>

#include "os_internal.h"

int os_frames_init(os_model_t *os)
{
    os->nframes = os->cfg.frames;
    os->frame = calloc(os->nframes, sizeof *os->frame);
    os->frame_data = calloc(os->nframes, sizeof *os->frame_data);
    if (!os->frame || !os->frame_data)
        return os_fail(os, OS_ERR_CONFIG, "out of host memory for %u frames", os->nframes);
    for (uint32_t i = 0; i < os->nframes; i++)
        os->frame[i].slot = OS_NO_SLOT;
    return OS_OK;
}

void os_frames_free(os_model_t *os)
{
    for (uint32_t i = 0; os->frame && i < os->nframes; i++) {
        free(os->frame[i].map);
        free(os->frame_data[i]);
    }
    for (uint64_t s = 0; s < os->nslots; s++)
        free(os->slot[s].data);
    free(os->frame);
    free(os->frame_data);
    free(os->slot);
    free(os->free_slots);
}

uint64_t os_frame_ppn(uint32_t frame) { return OS_USER_BASE_PPN + frame; }

int64_t os_frame_of_pa(const os_model_t *os, uint64_t pa)
{
    const uint64_t ppn = pa >> OS_PAGE_SHIFT;
    if (ppn < OS_USER_BASE_PPN || ppn - OS_USER_BASE_PPN >= os->nframes)
        return -1;
    const uint32_t f = (uint32_t)(ppn - OS_USER_BASE_PPN);
    switch (os->frame[f].state) {
    case FRAME_HEAD: return f;
    case FRAME_TAIL: return os->frame[f].head;
    default: return -1;
    }
}

static bool run_free(const os_model_t *os, uint32_t first, unsigned pages)
{
    for (uint32_t i = first; i < first + pages; i++)
        if (os->frame[i].state != FRAME_FREE)
            return false;
    return true;
}

int64_t os_frame_take(os_model_t *os, unsigned pages)
{
    int64_t first = -1;
    if (pages == 1) {
        for (uint32_t i = os->lowest_free; i < os->nframes && first < 0; i++)
            if (os->frame[i].state == FRAME_FREE)
                first = i;
        os->lowest_free = first < 0 ? os->nframes : (uint32_t)first + 1;
    } else {
        /* frame i has PPN OS_USER_BASE_PPN + i, which is 2 MiB aligned: aligned runs start at
         * multiples of `pages` */
        for (uint32_t i = 0; i + pages <= os->nframes && first < 0; i += pages)
            if (run_free(os, i, pages))
                first = i;
    }
    if (first < 0)
        return -1;
    os_frame_t *h = &os->frame[first];
    h->state = FRAME_HEAD;
    h->pages = (uint16_t)pages;
    h->nmap = 0;
    h->slot = OS_NO_SLOT;
    h->pinned = false;
    h->loaded = os->load_seq++;
    h->last_use = os->now;
    for (uint32_t i = 1; i < pages; i++) {
        os->frame[first + i].state = FRAME_TAIL;
        os->frame[first + i].head = (uint32_t)first;
    }
    os->frames_used += pages;
    return first;
}

void os_frame_release(os_model_t *os, uint32_t head)
{
    os_frame_t *h = &os->frame[head];
    if (h->slot != OS_NO_SLOT)
        os_slot_unref(os, h->slot);
    h->slot = OS_NO_SLOT;
    h->nmap = 0;
    const unsigned pages = h->pages;
    for (uint32_t i = head; i < head + pages; i++) {
        free(os->frame_data[i]);
        os->frame_data[i] = NULL;
        os->frame[i].state = FRAME_FREE;
    }
    os->frames_used -= pages;
    if (head < os->lowest_free)
        os->lowest_free = head;
}

int os_map_add(os_model_t *os, uint32_t head, uint32_t proc, uint64_t vpn, unsigned level)
{
    os_frame_t *h = &os->frame[head];
    if (h->nmap == h->capmap) {
        const uint32_t cap = h->capmap ? 2 * h->capmap : 2;
        os_mapping_t *m = realloc(h->map, cap * sizeof *m);
        if (!m)
            return os_fail(os, OS_ERR_CONFIG, "out of host memory for reverse mappings");
        h->map = m;
        h->capmap = cap;
    }
    h->map[h->nmap++] = (os_mapping_t){proc, (uint8_t)level, vpn, OS_NO_NEXT_USE};
    return OS_OK;
}

os_mapping_t *os_map_find(os_model_t *os, uint32_t head, uint32_t proc, uint64_t vpn)
{
    os_frame_t *h = &os->frame[head];
    for (uint32_t i = 0; i < h->nmap; i++)
        if (h->map[i].proc == proc && h->map[i].vpn == vpn)
            return &h->map[i];
    return NULL;
}

void os_map_remove(os_model_t *os, uint32_t head, uint32_t proc, uint64_t vpn)
{
    os_frame_t *h = &os->frame[head];
    os_mapping_t *m = os_map_find(os, head, proc, vpn);
    if (m)
        *m = h->map[--h->nmap];
}

uint8_t *os_frame_bytes(os_model_t *os, uint32_t frame, bool create)
{
    if (!os->frame_data[frame] && create)
        os->frame_data[frame] = calloc(1, OS_PAGE_SIZE);
    return os->frame_data[frame];
}

void os_frame_copy(os_model_t *os, uint32_t dst, uint32_t src)
{
    free(os->frame_data[dst]);
    os->frame_data[dst] = NULL;
    if (os->frame_data[src]) {
        os->frame_data[dst] = malloc(OS_PAGE_SIZE);
        if (os->frame_data[dst])
            memcpy(os->frame_data[dst], os->frame_data[src], OS_PAGE_SIZE);
    }
}

int64_t os_slot_new(os_model_t *os)
{
    int64_t s;
    if (os->nfree_slots) {
        s = os->free_slots[--os->nfree_slots];
    } else {
        if (os->nslots == os->capslots) {
            const uint64_t cap = os->capslots ? 2 * os->capslots : 64;
            os_slot_t *n = realloc(os->slot, cap * sizeof *n);
            int64_t *f = n ? realloc(os->free_slots, cap * sizeof *f) : NULL;
            if (n)
                os->slot = n;
            if (!n || !f) {
                os_fail(os, OS_ERR_CONFIG, "out of host memory for swap slots");
                return OS_NO_SLOT;
            }
            os->free_slots = f;
            os->capslots = cap;
        }
        s = (int64_t)os->nslots++;
    }
    os->slot[s] = (os_slot_t){0, NULL};
    return s;
}

void os_slot_unref(os_model_t *os, int64_t slot)
{
    os_slot_t *s = &os->slot[slot];
    if (--s->refs)
        return;
    free(s->data);
    s->data = NULL;
    os->free_slots[os->nfree_slots++] = slot;
}

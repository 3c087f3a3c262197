/* Swapping: a frame for a new page (evicting a victim when none is free), a victim's way out
 * (written back only if dirty, every PTE naming it made invalid and flushed from the TLB) and a
 * page's way back in.
 *
 * Dirty means: some PTE mapping the frame has D set (the walker set it on a store). A clean
 * victim costs no write: either a swap slot still holds the same bytes (it came from swap and was
 * not written since) or it was never written (zero fill on demand again). Teaching entries have
 * no D bit, so there the OS cannot tell and writes every victim back. */
#include <stdlib.h>

#include "os_internal.h"

int64_t os_frame_get(os_model_t *os)
{
    int64_t f = os_frame_take(os, 1);
    if (f >= 0)
        return f;
    const int64_t victim = os_replace_victim(os);
    if (victim < 0) {
        os_fail(os, OS_ERR_FAULT, "no frame can be freed: all %u are pinned", os->nframes);
        return -1;
    }
    if (os_evict(os, (uint32_t)victim))
        return -1;
    return os_frame_take(os, 1);
}

static void report_victim(os_model_t *os, const os_frame_t *h, bool writeback)
{
    os->stats.evictions++;
    if (!os->res)
        return;
    os->res->evicted = true;
    os->res->writeback = writeback;
    os->res->victim_pid = h->nmap ? os->proc[h->map[0].proc].pid : -1;
    os->res->victim_vpn = h->nmap ? h->map[0].vpn : 0;
}

/* A dirty megapage goes out as 512 pages of its own: its level-1 leaf becomes a pointer to a
 * table of swapped-out PTEs, so each page comes back alone, as Linux splits a huge page on swap. */
static int evict_megapage(os_model_t *os, uint32_t head, bool dirty)
{
    os_frame_t *h = &os->frame[head];
    const os_mapping_t m = h->map[0]; /* fork refuses megapages: one mapping */
    os_proc_t *p = &os->proc[m.proc];
    const uint64_t va = m.vpn << OS_PAGE_SHIFT;
    os_pte_ref_t leaf;
    if (!os_pt_locate(os, p, va, 1, false, &leaf))
        return os_fail(os, OS_ERR_FAULT, "megapage at 0x%llx has no level-1 entry", (unsigned long long)va);
    if (dirty) {
        const uint32_t t = os_table_alloc(os);
        if (t == UINT32_MAX)
            return OS_ERR_CONFIG;
        for (uint32_t i = 0; i < h->pages; i++) {
            const int64_t s = os_slot_new(os);
            if (s == OS_NO_SLOT)
                return OS_ERR_CONFIG;
            os->slot[s].refs = 1;
            os->slot[s].data = os->frame_data[head + i]; /* the bytes move to swap */
            os->frame_data[head + i] = NULL;
            os_pte_write(os, (os_pte_ref_t){t, i, 0}, os_pte_swapped(os, s));
        }
        os_pte_write(os, leaf, os_pte_pointer(os, t));
        os->stats.writebacks += h->pages;
    } else {
        os_pte_write(os, leaf, 0); /* never written: the region is untouched again */
    }
    os_flush_page(os, OS_FLUSH_EVICT, p, va);
    report_victim(os, h, dirty);
    os_frame_release(os, head);
    return OS_OK;
}

int os_evict(os_model_t *os, uint32_t head)
{
    os_frame_t *h = &os->frame[head];
    const bool dirty = os->cfg.teaching || os_unit_dirty(os, head);
    if (h->pages > 1)
        return evict_megapage(os, head, dirty);
    if (dirty) {
        /* write back: into the slot the frame came from if no one else names it, else a new one */
        if (h->slot == OS_NO_SLOT || os->slot[h->slot].refs > 1) {
            if (h->slot != OS_NO_SLOT)
                os_slot_unref(os, h->slot);
            h->slot = os_slot_new(os);
            if (h->slot == OS_NO_SLOT)
                return OS_ERR_CONFIG;
            os->slot[h->slot].refs = 1;
        }
        os_slot_t *s = &os->slot[h->slot];
        free(s->data);
        s->data = os->frame_data[head]; /* the bytes move to swap (NULL: zeros) */
        os->frame_data[head] = NULL;
        os->stats.writebacks++;
    }
    for (uint32_t i = 0; i < h->nmap; i++) {
        os_proc_t *p = &os->proc[h->map[i].proc];
        const uint64_t va = h->map[i].vpn << OS_PAGE_SHIFT;
        os_pte_ref_t ref;
        if (!os_pt_locate(os, p, va, 0, false, &ref))
            return os_fail(os, OS_ERR_FAULT, "pid %d: resident page 0x%llx has no PTE", p->pid,
                           (unsigned long long)va);
        if (h->slot != OS_NO_SLOT) {
            os->slot[h->slot].refs++;
            os_pte_write(os, ref, os_pte_swapped(os, h->slot));
        } else {
            os_pte_write(os, ref, 0); /* clean and never written: zero fill again */
        }
        os_flush_page(os, OS_FLUSH_EVICT, p, va);
    }
    report_victim(os, h, dirty);
    os_frame_release(os, head); /* drops the frame's own hold on the slot */
    return OS_OK;
}

int os_swap_in(os_model_t *os, os_proc_t *p, uint64_t va, os_pte_ref_t ref)
{
    const int64_t slot = os_pte_slot(os, os_pte_read(os, ref));
    if (slot < 0 || (uint64_t)slot >= os->nslots || os->slot[slot].refs == 0)
        return os_fail(os, OS_ERR_FAULT, "pid %d: PTE of 0x%llx names swap slot %lld, which is not in use",
                       p->pid, (unsigned long long)va, (long long)slot);
    const int64_t f = os_frame_get(os);
    if (f < 0)
        return OS_ERR_FAULT;
    const uint8_t *bytes = os->slot[slot].data;
    if (bytes) {
        uint8_t *dst = os_frame_bytes(os, (uint32_t)f, true);
        if (!dst)
            return os_fail(os, OS_ERR_CONFIG, "out of host memory for page data");
        for (unsigned i = 0; i < OS_PAGE_SIZE; i++)
            dst[i] = bytes[i];
    }
    /* The PTE's reference to the slot becomes the frame's: the slot stays a clean copy until a
     * store sets D. A slot still named by other processes (shared before fork's pages went out)
     * is never overwritten (os_evict), so the copy in this frame is private and writable. */
    os->frame[f].slot = slot;
    const int rc = os_map_add(os, (uint32_t)f, (uint32_t)(p - os->proc), va >> OS_PAGE_SHIFT, 0);
    if (rc)
        return rc;
    os_pte_write(os, ref, os_pte_leaf(os, os_frame_ppn((uint32_t)f), true));
    os->stats.swap_ins++;
    os->stats.page_faults++;
    if (os->res) {
        os->res->swap_in = true;
        os->res->page_fault = true;
    }
    return OS_OK;
}

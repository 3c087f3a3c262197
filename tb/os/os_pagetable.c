/* Page tables: the kernel's pool of page-table pages (the only memory the MMU's walker reads),
 * the two PTE formats the OS writes, and the software walk the OS does over its own tables.
 *
 * Sv39 (docs/spec.md 4.3): pointers are V only; user leaves are V R X U, W unless
 * write-protected for copy-on-write, with A and D clear so that the walker sets them (HWAD = 1);
 * a swapped-out page is V = 0 with the swap slot + 1 in the PPN field (the walker ignores every
 * other bit of an invalid PTE; 0 means never touched).
 * Teaching (docs/spec.md 4.4): the RADIX value chosen in os_model.c gives the valid bit, the
 * present bit and the PFN field; entries carry no permissions and no A/D bits; a swapped-out page
 * is valid and not present (the walker's NOT_PRESENT) with the slot + 1 in the PFN field. */
#include <stdlib.h>
#include <string.h>

#include "os_internal.h"

#define OS_TABLE_ENTRIES (OS_PAGE_SIZE / sizeof(uint64_t))

int os_tables_init(os_model_t *os)
{
    os->captables = 64;
    os->table = calloc(os->captables, sizeof *os->table);
    os->free_tables = calloc(os->captables, sizeof *os->free_tables);
    if (!os->table || !os->free_tables)
        return os_fail(os, OS_ERR_CONFIG, "out of host memory for page tables");
    return OS_OK;
}

void os_tables_free(os_model_t *os)
{
    for (uint32_t k = 0; k < os->ntables; k++)
        free(os->table[k]);
    free(os->table);
    free(os->free_tables);
    os->table = NULL;
    os->free_tables = NULL;
}

uint64_t os_table_ppn(uint32_t table) { return OS_TABLE_BASE_PPN + table; }

/* A zeroed page-table page; UINT32_MAX if the host is out of memory (os_error set). */
uint32_t os_table_alloc(os_model_t *os)
{
    uint32_t k;
    if (os->nfree_tables) {
        k = os->free_tables[--os->nfree_tables];
    } else {
        if (os->ntables == OS_USER_BASE_PPN - OS_TABLE_BASE_PPN) {
            os_fail(os, OS_ERR_CONFIG, "the page-table pool (1 GiB below the user frames) is full");
            return UINT32_MAX;
        }
        if (os->ntables == os->captables) {
            const uint32_t cap = os->captables * 2;
            uint64_t **t = realloc(os->table, cap * sizeof *t);
            uint32_t *f = t ? realloc(os->free_tables, cap * sizeof *f) : NULL;
            if (t)
                os->table = t;
            if (!t || !f) {
                os_fail(os, OS_ERR_CONFIG, "out of host memory for page tables");
                return UINT32_MAX;
            }
            os->free_tables = f;
            os->captables = cap;
        }
        k = os->ntables;
        os->table[k] = calloc(OS_TABLE_ENTRIES, sizeof(uint64_t));
        if (!os->table[k]) {
            os_fail(os, OS_ERR_CONFIG, "out of host memory for page tables");
            return UINT32_MAX;
        }
        os->ntables++;
    }
    os->tables_used++;
    return k;
}

void os_table_release(os_model_t *os, uint32_t table)
{
    memset(os->table[table], 0, OS_PAGE_SIZE);
    os->free_tables[os->nfree_tables++] = table;
    os->tables_used--;
}

uint64_t os_pte_read(const os_model_t *os, os_pte_ref_t ref) { return os->table[ref.table][ref.index]; }
void os_pte_write(os_model_t *os, os_pte_ref_t ref, uint64_t pte) { os->table[ref.table][ref.index] = pte; }

/* ---- the two formats ---- */

static uint64_t teaching_entry(const os_model_t *os, uint64_t pfn, bool present)
{
    return os->pte_valid | (present ? os->pte_present : 0) | ((pfn & os->pfn_mask) << os->pfn_lsb);
}

uint64_t os_pte_pointer(const os_model_t *os, uint32_t table)
{
    if (os->cfg.teaching)
        return teaching_entry(os, os_table_ppn(table), true);
    return mmu_sv_pte(os_table_ppn(table), MMU_PTE_V);
}

uint64_t os_pte_leaf(const os_model_t *os, uint64_t ppn, bool writable)
{
    if (os->cfg.teaching)
        return teaching_entry(os, ppn, true);
    return mmu_sv_pte(ppn, MMU_PTE_V | MMU_PTE_R | MMU_PTE_X | MMU_PTE_U | (writable ? MMU_PTE_W : 0));
}

uint64_t os_pte_swapped(const os_model_t *os, int64_t slot)
{
    if (os->cfg.teaching)
        return teaching_entry(os, (uint64_t)slot + 1, false);
    return mmu_sv_pte((uint64_t)slot + 1, 0);
}

bool os_pte_is_pointer(const os_model_t *os, uint64_t pte, unsigned level)
{
    if (level == 0)
        return false;
    if (os->cfg.teaching)
        return (pte & os->pte_valid) && (pte & os->pte_present);
    return (pte & MMU_PTE_V) && !(pte & (MMU_PTE_R | MMU_PTE_X));
}

bool os_pte_is_leaf(const os_model_t *os, uint64_t pte, unsigned level)
{
    if (os->cfg.teaching)
        return level == 0 && (pte & os->pte_valid) && (pte & os->pte_present);
    return (pte & MMU_PTE_V) && (pte & (MMU_PTE_R | MMU_PTE_X));
}

bool os_pte_is_swapped(const os_model_t *os, uint64_t pte)
{
    if (os->cfg.teaching)
        return (pte & os->pte_valid) && !(pte & os->pte_present);
    return !(pte & MMU_PTE_V) && pte != 0;
}

uint64_t os_pte_ppn(const os_model_t *os, uint64_t pte)
{
    if (os->cfg.teaching)
        return (pte >> os->pfn_lsb) & os->pfn_mask;
    return mmu_sv_pte_ppn(pte, os->geo.ppn_bits);
}

int64_t os_pte_slot(const os_model_t *os, uint64_t pte) { return (int64_t)os_pte_ppn(os, pte) - 1; }

/* ---- the software walk ---- */

static unsigned level_shift(const os_model_t *os, unsigned level)
{
    return os->geo.page_shift + os->geo.idx_bits * level;
}

unsigned os_index(const os_model_t *os, uint64_t va, unsigned level)
{
    const unsigned bits = level == os->geo.levels - 1 ? os->geo.top_bits : os->geo.idx_bits;
    return (unsigned)((va >> level_shift(os, level)) & ((UINT64_C(1) << bits) - 1));
}

static uint32_t table_of(const os_model_t *os, uint64_t pte) { return (uint32_t)(os_pte_ppn(os, pte) - OS_TABLE_BASE_PPN); }

bool os_pt_locate(os_model_t *os, const os_proc_t *p, uint64_t va, unsigned level, bool create,
                  os_pte_ref_t *ref)
{
    uint32_t t = p->root;
    for (unsigned l = os->geo.levels - 1;; l--) {
        *ref = (os_pte_ref_t){t, os_index(os, va, l), l};
        if (l == level)
            return true;
        const uint64_t pte = os_pte_read(os, *ref);
        if (os_pte_is_pointer(os, pte, l)) {
            t = table_of(os, pte);
            continue;
        }
        if (os_pte_is_leaf(os, pte, l))
            return true; /* a megapage covers va */
        if (!create || pte != 0)
            return false;
        const uint32_t nt = os_table_alloc(os);
        if (nt == UINT32_MAX)
            return false;
        os_pte_write(os, *ref, os_pte_pointer(os, nt));
        t = nt;
    }
}

bool os_pt_lookup(const os_model_t *os, const os_proc_t *p, uint64_t va, os_pte_ref_t *ref)
{
    uint32_t t = p->root;
    for (unsigned l = os->geo.levels - 1;; l--) {
        *ref = (os_pte_ref_t){t, os_index(os, va, l), l};
        const uint64_t pte = os_pte_read(os, *ref);
        if (l == 0 || !os_pte_is_pointer(os, pte, l))
            return true;
        t = table_of(os, pte);
    }
}

/* Sv39's upper half is sign-extended (canonical); the teaching format is zero-extended. */
static uint64_t canonical(const os_model_t *os, uint64_t va)
{
    const unsigned bits = os->geo.va_bits;
    if (os->geo.canonical && (va >> (bits - 1)) & 1)
        return va | ~((UINT64_C(1) << bits) - 1);
    return va;
}

static void visit_table(os_model_t *os, os_proc_t *p, uint32_t t, unsigned level, uint64_t prefix,
                        os_pte_visit_fn leaf)
{
    const unsigned bits = level == os->geo.levels - 1 ? os->geo.top_bits : os->geo.idx_bits;
    for (uint32_t i = 0; i < (UINT32_C(1) << bits); i++) {
        const os_pte_ref_t ref = {t, i, level};
        const uint64_t pte = os_pte_read(os, ref);
        const uint64_t va = prefix | ((uint64_t)i << level_shift(os, level));
        if (os_pte_is_pointer(os, pte, level))
            visit_table(os, p, table_of(os, pte), level - 1, va, leaf);
        else if (pte != 0)
            leaf(os, p, canonical(os, va), ref);
    }
}

void os_pt_visit(os_model_t *os, os_proc_t *p, os_pte_visit_fn leaf)
{
    visit_table(os, p, p->root, os->geo.levels - 1, 0, leaf);
}

static void release_table(os_model_t *os, uint32_t t, unsigned level)
{
    const unsigned bits = level == os->geo.levels - 1 ? os->geo.top_bits : os->geo.idx_bits;
    for (uint32_t i = 0; i < (UINT32_C(1) << bits) && level > 0; i++) {
        const uint64_t pte = os_pte_read(os, (os_pte_ref_t){t, i, level});
        if (os_pte_is_pointer(os, pte, level))
            release_table(os, table_of(os, pte), level - 1);
    }
    os_table_release(os, t);
}

void os_pt_release(os_model_t *os, os_proc_t *p) { release_table(os, p->root, os->geo.levels - 1); }

/* ---- the walker's memory: page-table pages only; anything else answers with an error ---- */

static uint64_t *word_at(const os_model_t *os, uint64_t addr, unsigned size, unsigned *shift)
{
    const uint64_t ppn = addr >> OS_PAGE_SHIFT;
    const unsigned off = (unsigned)(addr & 7);
    if (ppn < OS_TABLE_BASE_PPN || ppn - OS_TABLE_BASE_PPN >= os->ntables || off + (1u << size) > 8)
        return NULL;
    *shift = 8 * off;
    return &os->table[ppn - OS_TABLE_BASE_PPN][(addr & (OS_PAGE_SIZE - 1)) >> 3];
}

static uint64_t size_mask(unsigned size) { return size >= 3 ? UINT64_MAX : (UINT64_C(1) << (8u << size)) - 1; }

bool os_mem_read(void *user, uint64_t addr, unsigned size, uint64_t *data)
{
    unsigned shift;
    const uint64_t *w = word_at(user, addr, size, &shift);
    if (!w)
        return false;
    *data = (*w >> shift) & size_mask(size);
    return true;
}

bool os_mem_write(void *user, uint64_t addr, unsigned size, uint64_t data)
{
    unsigned shift;
    uint64_t *w = word_at(user, addr, size, &shift);
    if (!w)
        return false;
    const uint64_t mask = size_mask(size) << shift;
    *w = (*w & ~mask) | ((data << shift) & mask);
    return true;
}

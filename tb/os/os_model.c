/* The kernel side: set-up of the MMU, processes (spawn, fork, exit), context switches with and
 * without ASIDs, the access path (translate, take the page fault, retry) and the fault handler:
 * zero fill on demand, swap-in, copy-on-write. The FLUSH writes are all made here and in
 * os_swap.c / os_replace.c through os_flush_page and os_flush_asid, one per site. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os_internal.h"

/* A fault that comes back after its handler fixed the PTE is a stale TLB entry: give up after a
 * few rounds instead of looping (zero fill, then copy-on-write, need two). */
#define OS_MAX_FAULT_ROUNDS 6 /* soft refill + COW: miss, write fault, miss again, then the access */
#define OS_MAX_FRAMES (UINT32_C(1) << 22) /* 16 GiB of user memory */

/* The teaching format this OS writes (docs/spec.md 4.4): Sv39's shape without permissions: a
 * 39-bit VA, 4 KiB pages, three levels of 9 index bits, 8-byte entries, valid bit 0, present bit 1
 * (a swapped-out page is valid and not present), the PFN in bits 10..53 as in Sv39. */
static uint64_t teaching_radix(void)
{
    return MMU_PUT(RADIX_VA_BITS, 39) | MMU_PUT(RADIX_OFFSET, OS_PAGE_SHIFT) | MMU_PUT(RADIX_LEVELS, 3) |
           MMU_PUT(RADIX_PTE_LOG2, 3) | MMU_PUT(RADIX_VALID_BIT, 0) | MMU_PUT(RADIX_PRESENT_BIT, 1) |
           MMU_PUT(RADIX_PRESENT_USED, 1) | MMU_PUT(RADIX_PFN_LSB, MMU_PTE_PPN_LSB) | MMU_PUT(RADIX_PFN_WIDTH, 44);
}

int os_fail(os_model_t *os, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(os->err, sizeof os->err, fmt, ap);
    va_end(ap);
    return code;
}

const char *os_error(const os_model_t *os) { return os->err; }
const os_config_t *os_config(const os_model_t *os) { return &os->cfg; }
mmu_model_t *os_mmu(os_model_t *os) { return os->mmu; }

void os_config_default(os_config_t *cfg)
{
    *cfg = (os_config_t){.frames = 64, .tlb_entries = 16, .tlb_policy = MMU_POLICY_LRU, .tlb_lfsr_seed = 1,
                         .asid_bits = 16, .replace = OS_REPLACE_CLOCK, .seed = 1};
}

/* ---- names ---- */

#define OS_X_NAME(suffix, name) name,
static const char *const replace_names[] = {OS_REPLACE_LIST(OS_X_NAME)};
#undef OS_X_NAME
#define OS_X_SITE_NAME(suffix, name, why) name,
#define OS_X_SITE_TEXT(suffix, name, why) why,
static const char *const site_names[] = {OS_FLUSH_SITE_LIST(OS_X_SITE_NAME)};
static const char *const site_texts[] = {OS_FLUSH_SITE_LIST(OS_X_SITE_TEXT)};
#undef OS_X_SITE_NAME
#undef OS_X_SITE_TEXT

const char *os_replace_name(unsigned r) { return r < OS_REPLACE_COUNT ? replace_names[r] : "?"; }
const char *os_flush_site_name(unsigned s) { return s < OS_FLUSH_SITE_COUNT ? site_names[s] : "?"; }
const char *os_flush_site_text(unsigned s) { return s < OS_FLUSH_SITE_COUNT ? site_texts[s] : "?"; }

static int name_index(const char *const *names, unsigned n, const char *name)
{
    for (unsigned i = 0; i < n; i++)
        if (!strcmp(names[i], name))
            return (int)i;
    return -1;
}
int os_replace_from_name(const char *name) { return name_index(replace_names, OS_REPLACE_COUNT, name); }
int os_flush_site_from_name(const char *name) { return name_index(site_names, OS_FLUSH_SITE_COUNT, name); }

/* ---- creation ---- */

static const char *config_problem(const os_config_t *c)
{
    if (c->frames < 1 || c->frames > OS_MAX_FRAMES)
        return "frames must be 1..4194304";
    if (c->tlb_policy > MMU_POLICY_RANDOM)
        return "the TLB policy must be one of TLBCTL.POLICY's (lru, plru, fifo, random)";
    if (c->asid_bits > MMU_ASID_BITS_MAX)
        return "asid bits must be 0..16";
    if (c->replace >= OS_REPLACE_COUNT)
        return "unknown replacement policy";
    if (c->teaching && (c->replace == OS_REPLACE_CLOCK || c->replace == OS_REPLACE_SECOND_CHANCE))
        return "clock and second-chance need the A and D bits, which teaching entries do not have "
               "(docs/spec.md 4.4)";
    if (c->teaching && c->superpages)
        return "teaching tables have leaves only at the last level: no superpages (docs/spec.md 4.4)";
    if (c->superpages && c->replace == OS_REPLACE_OPT)
        return "opt is defined on 4 KiB pages here: use it without superpages";
    if (c->soft_refill && c->teaching)
        return "Soft mode's TLB holds Sv39 leaves (docs/spec.md 4.6): no teaching tables with soft refill";
    if (c->skip_flush >> OS_FLUSH_SITE_COUNT)
        return "unknown flush site in skip_flush";
    return NULL;
}

os_model_t *os_create(const os_config_t *cfg, char *err, size_t err_len)
{
    const char *problem = config_problem(cfg);
    if (problem) {
        if (err)
            snprintf(err, err_len, "%s", problem);
        return NULL;
    }
    os_model_t *os = calloc(1, sizeof *os);
    if (!os) {
        if (err)
            snprintf(err, err_len, "out of host memory");
        return NULL;
    }
    os->cfg = *cfg;
    os->current = -1;
    os->rng = cfg->seed ? cfg->seed : 1;
    const mmu_config_t mc = {cfg->tlb_entries, cfg->asid_bits};
    os->mmu = mmu_create(&mc, err, err_len);
    if (!os->mmu) {
        free(os);
        return NULL;
    }
    os->mem = (mmu_memory_t){os_mem_read, os_mem_write, os};
    if (cfg->teaching) {
        os->radix = teaching_radix();
        mmu_csr_write(os->mmu, MMU_CSR_RADIX, os->radix);
        os->satp_mode = MMU_SATP_RADIX;
        os->pte_valid = UINT64_C(1) << MMU_FIELD(os->radix, RADIX_VALID_BIT);
        os->pte_present = UINT64_C(1) << MMU_FIELD(os->radix, RADIX_PRESENT_BIT);
        os->pfn_lsb = (unsigned)MMU_FIELD(os->radix, RADIX_PFN_LSB);
        os->pfn_mask = (UINT64_C(1) << MMU_FIELD(os->radix, RADIX_PFN_WIDTH)) - 1;
    } else {
        os->satp_mode = MMU_SATP_SV39;
    }
    if ((cfg->teaching && mmu_csr_read(os->mmu, MMU_CSR_RADIX) != os->radix) ||
        !mmu_geometry(os->satp_mode, os->radix, &os->geo)) {
        if (err)
            snprintf(err, err_len, "the MMU refused the page-table format");
        os_destroy(os);
        return NULL;
    }
    os->mega_pages = 1u << os->geo.idx_bits;
    mmu_csr_write(os->mmu, MMU_CSR_STATUS, MMU_PUT(STATUS_HWAD, 1)); /* the walker keeps A and D */
    mmu_csr_write(os->mmu, MMU_CSR_TLBCTL, MMU_PUT(TLBCTL_POLICY, cfg->tlb_policy) | MMU_PUT(TLBCTL_LFSR, cfg->tlb_lfsr_seed));
    os->nasids = cfg->asid_bits ? 1u << cfg->asid_bits : 0;
    os->asid_owner = malloc((os->nasids ? os->nasids : 1) * sizeof *os->asid_owner);
    if (!os->asid_owner || os_frames_init(os) || os_tables_init(os)) {
        if (err)
            snprintf(err, err_len, "%s", os->err[0] ? os->err : "out of host memory");
        os_destroy(os);
        return NULL;
    }
    for (unsigned a = 0; a < os->nasids; a++)
        os->asid_owner[a] = -1;
    return os;
}

void os_destroy(os_model_t *os)
{
    if (!os)
        return;
    os_frames_free(os);
    os_tables_free(os);
    free(os->proc);
    free(os->asid_owner);
    mmu_destroy(os->mmu);
    free(os);
}

/* ---- TLB flushes, one place per kind ---- */

static bool skipped(os_model_t *os, os_flush_site_e site)
{
    if (!(os->cfg.skip_flush & (1u << site)))
        return false;
    os->stats.skipped_flushes[site]++;
    return true;
}

static bool is_current(const os_model_t *os, const os_proc_t *p) { return os->current >= 0 && &os->proc[os->current] == p; }

/* With ASIDs the page is flushed in its process's ASID (none assigned: nothing of it is in the
 * TLB); without, only the running process can have entries (every switch flushes). */
void os_flush_page(os_model_t *os, os_flush_site_e site, const os_proc_t *p, uint64_t va)
{
    if (os->nasids ? p->asid == 0 : !is_current(os, p))
        return;
    if (skipped(os, site))
        return;
    mmu_csr_write(os->mmu, MMU_CSR_FLUSH_VA, va);
    mmu_csr_write(os->mmu, MMU_CSR_FLUSH,
                  os->nasids ? MMU_PUT(FLUSH_KIND, MMU_FLUSH_VA_ASID) | MMU_PUT(FLUSH_ASID, p->asid)
                             : MMU_PUT(FLUSH_KIND, MMU_FLUSH_VA));
    os->stats.flushes[site]++;
}

void os_flush_asid(os_model_t *os, os_flush_site_e site, const os_proc_t *p)
{
    if (os->nasids ? p->asid == 0 : !is_current(os, p))
        return;
    if (skipped(os, site))
        return;
    mmu_csr_write(os->mmu, MMU_CSR_FLUSH,
                  os->nasids ? MMU_PUT(FLUSH_KIND, MMU_FLUSH_ASID) | MMU_PUT(FLUSH_ASID, p->asid)
                             : MMU_PUT(FLUSH_KIND, MMU_FLUSH_ALL));
    os->stats.flushes[site]++;
}

/* ---- processes ---- */

static int find_proc(const os_model_t *os, int pid)
{
    if (os->current >= 0 && os->proc[os->current].alive && os->proc[os->current].pid == pid)
        return os->current;
    for (uint32_t i = 0; i < os->nprocs; i++)
        if (os->proc[i].alive && os->proc[i].pid == pid)
            return (int)i;
    return -1;
}

bool os_has_process(const os_model_t *os, int pid) { return find_proc(os, pid) >= 0; }

int os_spawn(os_model_t *os, int pid)
{
    if (find_proc(os, pid) >= 0)
        return os_fail(os, OS_ERR_PROCESS, "pid %d exists already", pid);
    uint32_t i = 0;
    while (i < os->nprocs && os->proc[i].alive)
        i++;
    if (i == os->nprocs) {
        if (os->nprocs == os->capprocs) {
            const uint32_t cap = os->capprocs ? 2 * os->capprocs : 8;
            os_proc_t *n = realloc(os->proc, cap * sizeof *n);
            if (!n)
                return os_fail(os, OS_ERR_CONFIG, "out of host memory for processes");
            os->proc = n;
            os->capprocs = cap;
        }
        os->nprocs++;
    }
    const uint32_t root = os_table_alloc(os);
    if (root == UINT32_MAX)
        return OS_ERR_CONFIG;
    os->proc[i] = (os_proc_t){true, pid, 0, root, 0};
    return OS_OK;
}

/* The ASID that the longest-idle process holds passes to p, after a flush of its entries. */
static void assign_asid(os_model_t *os, os_proc_t *p)
{
    unsigned asid = 0;
    for (unsigned a = 1; a < os->nasids && !asid; a++)
        if (os->asid_owner[a] < 0)
            asid = a;
    if (!asid) {
        os_proc_t *oldest = NULL;
        for (unsigned a = 1; a < os->nasids; a++) {
            os_proc_t *q = &os->proc[os->asid_owner[a]];
            if (!oldest || q->last_run < oldest->last_run)
                oldest = q;
        }
        os_flush_asid(os, OS_FLUSH_ASID, oldest);
        asid = oldest->asid;
        oldest->asid = 0;
    }
    os->asid_owner[asid] = (int32_t)(p - os->proc);
    p->asid = asid;
}

static void switch_to(os_model_t *os, int idx)
{
    if (os->current == idx)
        return;
    os_proc_t *p = &os->proc[idx];
    if (os->nasids && !p->asid)
        assign_asid(os, p);
    /* Soft mode ignores SATP.PPN; it is written anyway, as a kernel keeps one SATP per process */
    const unsigned mode = os->cfg.soft_refill ? MMU_SATP_SOFT : os->satp_mode;
    mmu_csr_write(os->mmu, MMU_CSR_SATP, mmu_satp_value(mode, p->asid, os_table_ppn(p->root)));
    /* without ASIDs every address space's entries look alike: the previous one's must go */
    if (!os->nasids && os->run_seq > 0 && !skipped(os, OS_FLUSH_SWITCH)) {
        mmu_csr_write(os->mmu, MMU_CSR_FLUSH, MMU_PUT(FLUSH_KIND, MMU_FLUSH_ALL));
        os->stats.flushes[OS_FLUSH_SWITCH]++;
    }
    os->current = idx;
    p->last_run = ++os->run_seq;
    os->stats.context_switches++;
}

/* os_fork's visitor: share each page of the parent with the child, write-protected in both. */
static void fork_share(os_model_t *os, os_proc_t *parent, uint64_t va, os_pte_ref_t ref)
{
    os_proc_t *child = &os->proc[os->fork_child];
    uint64_t pte = os_pte_read(os, ref);
    if (os->visit_status)
        return;
    if (ref.level > 0) {
        os->visit_status = os_fail(os, OS_ERR_UNSUPPORTED,
                                   "fork of pid %d: its megapage at 0x%llx cannot be shared "
                                   "copy-on-write here (run without superpages)",
                                   parent->pid, (unsigned long long)va);
        return;
    }
    os_pte_ref_t cref;
    if (!os_pt_locate(os, child, va, 0, true, &cref)) {
        os->visit_status = OS_ERR_CONFIG;
        return;
    }
    if (os_pte_is_swapped(os, pte)) {
        os->slot[os_pte_slot(os, pte)].refs++;
    } else {
        pte &= ~MMU_PTE_W;
        os_pte_write(os, ref, pte);
        const int64_t head = os_frame_of_pa(os, os_pte_ppn(os, pte) << OS_PAGE_SHIFT);
        os->visit_status = os_map_add(os, (uint32_t)head, os->fork_child, va >> OS_PAGE_SHIFT, 0);
    }
    os_pte_write(os, cref, pte);
}

int os_fork(os_model_t *os, int parent, int child)
{
    const int pi = find_proc(os, parent);
    if (pi < 0)
        return os_fail(os, OS_ERR_PROCESS, "fork: no process %d", parent);
    if (os->cfg.teaching)
        return os_fail(os, OS_ERR_UNSUPPORTED, "fork needs write-protected pages for copy-on-write; "
                                               "teaching entries carry no permissions (docs/spec.md 4.4)");
    int rc = os_spawn(os, child);
    if (rc)
        return rc;
    os->fork_child = (uint32_t)find_proc(os, child);
    os->visit_status = OS_OK;
    os_pt_visit(os, &os->proc[pi], fork_share);
    if (os->visit_status)
        return os->visit_status;
    /* the parent's TLB entries may still allow stores to pages that are now shared */
    os_flush_asid(os, OS_FLUSH_FORK, &os->proc[pi]);
    os->stats.forks++;
    return OS_OK;
}

static void exit_unmap(os_model_t *os, os_proc_t *p, uint64_t va, os_pte_ref_t ref)
{
    const uint64_t pte = os_pte_read(os, ref);
    if (os_pte_is_swapped(os, pte)) {
        os_slot_unref(os, os_pte_slot(os, pte));
        return;
    }
    const int64_t head = os_frame_of_pa(os, os_pte_ppn(os, pte) << OS_PAGE_SHIFT);
    if (head < 0)
        return;
    os_map_remove(os, (uint32_t)head, (uint32_t)(p - os->proc), va >> OS_PAGE_SHIFT);
    if (os->frame[head].nmap == 0)
        os_frame_release(os, (uint32_t)head);
}

int os_exit(os_model_t *os, int pid)
{
    const int idx = find_proc(os, pid);
    if (idx < 0)
        return os_fail(os, OS_ERR_PROCESS, "exit: no process %d", pid);
    os_proc_t *p = &os->proc[idx];
    os_pt_visit(os, p, exit_unmap);
    os_pt_release(os, p);
    if (p->asid) {
        /* the next owner of this ASID must not find these entries */
        os_flush_asid(os, OS_FLUSH_ASID, p);
        os->asid_owner[p->asid] = -1;
        p->asid = 0;
    }
    if (os->current == idx)
        os->current = -1; /* without ASIDs the next switch flushes */
    p->alive = false;
    os->stats.exits++;
    return OS_OK;
}

/* ---- the page-fault handler ---- */

static int zero_fill(os_model_t *os, int idx, uint64_t va)
{
    os_proc_t *p = &os->proc[idx];
    const uint64_t vpn = va >> OS_PAGE_SHIFT;
    os_pte_ref_t ref;
    if (os->cfg.superpages) {
        /* a megapage if the whole 2 MiB region is untouched and an aligned run of frames is free */
        if (!os_pt_locate(os, p, va, 1, true, &ref))
            return OS_ERR_CONFIG;
        const int64_t f = os_pte_read(os, ref) == 0 ? os_frame_take(os, os->mega_pages) : -1;
        if (f >= 0) {
            const uint64_t base = vpn & ~(uint64_t)(os->mega_pages - 1);
            os_pte_write(os, ref, os_pte_leaf(os, os_frame_ppn((uint32_t)f), true));
            os->stats.megapages++;
            os->stats.zero_fills++;
            os->stats.page_faults++;
            os->res->zero_fill = os->res->page_fault = true;
            return os_map_add(os, (uint32_t)f, (uint32_t)idx, base, 1);
        }
    }
    if (!os_pt_locate(os, p, va, 0, true, &ref))
        return os->err[0] ? OS_ERR_CONFIG
                          : os_fail(os, OS_ERR_FAULT, "pid %d: no table for 0x%llx", p->pid, (unsigned long long)va);
    const int64_t f = os_frame_get(os);
    if (f < 0)
        return OS_ERR_FAULT;
    os_pte_write(os, ref, os_pte_leaf(os, os_frame_ppn((uint32_t)f), true));
    os->stats.zero_fills++;
    os->stats.page_faults++;
    os->res->zero_fill = os->res->page_fault = true;
    return os_map_add(os, (uint32_t)f, (uint32_t)idx, vpn, 0);
}

/* A store to a write-protected page: shared after fork, so copy it; no longer shared, so make it
 * writable again. Either way the TLB may hold the read-only entry, which would fault again. */
static int copy_on_write(os_model_t *os, int idx, uint64_t va, os_pte_ref_t ref)
{
    os_proc_t *p = &os->proc[idx];
    const uint64_t pte = os_pte_read(os, ref), vpn = va >> OS_PAGE_SHIFT;
    const int64_t head = os_frame_of_pa(os, os_pte_ppn(os, pte) << OS_PAGE_SHIFT);
    if (head < 0 || ref.level != 0)
        return os_fail(os, OS_ERR_FAULT, "pid %d: store fault at 0x%llx on a page this OS did not share",
                       p->pid, (unsigned long long)va);
    os->stats.cow_faults++;
    os->res->cow_fault = true;
    if (os->frame[head].nmap == 1) {
        os_pte_write(os, ref, pte | MMU_PTE_W);
    } else {
        os->frame[head].pinned = true; /* the source must stay while a frame is found */
        const int64_t f = os_frame_get(os);
        os->frame[head].pinned = false;
        if (f < 0)
            return OS_ERR_FAULT;
        os_frame_copy(os, (uint32_t)f, (uint32_t)head);
        os_map_remove(os, (uint32_t)head, (uint32_t)idx, vpn);
        const int rc = os_map_add(os, (uint32_t)f, (uint32_t)idx, vpn, 0);
        if (rc)
            return rc;
        os_pte_write(os, ref, os_pte_leaf(os, os_frame_ppn((uint32_t)f), true));
        os->stats.cow_copies++;
        os->res->cow_copy = true;
    }
    os_flush_page(os, OS_FLUSH_COW, p, va);
    return OS_OK;
}

static const char *acc_text(unsigned acc) { return acc == MMU_ACC_STORE ? "store" : acc == MMU_ACC_FETCH ? "fetch" : "load"; }

static int handle_fault(os_model_t *os, int idx, uint64_t va, unsigned acc, const mmu_result_t *mr)
{
    os_proc_t *p = &os->proc[idx];
    os_pte_ref_t ref;
    os_pt_lookup(os, p, va, &ref);
    const uint64_t pte = os_pte_read(os, ref);
    const bool present = os_pte_is_leaf(os, pte, ref.level);
    if (mr->cause == MMU_CAUSE_PTE_INVALID || mr->cause == MMU_CAUSE_NOT_PRESENT) {
        if (present) {
            os->stats.spurious_faults++;
            return OS_OK;
        }
        if (os_pte_is_swapped(os, pte) && ref.level == 0)
            return os_swap_in(os, p, va, ref);
        if (pte == 0)
            return zero_fill(os, idx, va);
    } else if (mr->cause == MMU_CAUSE_PERM_WRITE && acc == MMU_ACC_STORE && present) {
        if (pte & MMU_PTE_W) { /* the PTE allows it: the MMU answered from a stale entry */
            os->stats.spurious_faults++;
            return OS_OK;
        }
        return copy_on_write(os, idx, va, ref);
    }
    return os_fail(os, OS_ERR_FAULT, "pid %d: %s at 0x%llx: %s (%s), not a fault this OS handles",
                   p->pid, acc_text(acc), (unsigned long long)va, mmu_exc_text(mr->exc), mmu_cause_name(mr->cause));
}

/* ---- the software refill handler (soft_refill, docs/spec.md 4.6) ---- */

static uint64_t handler_csr_read(os_model_t *os, unsigned addr)
{
    os->stats.refill_csr_ops++;
    return mmu_csr_read(os->mmu, addr);
}

static void handler_csr_write(os_model_t *os, unsigned addr, uint64_t value)
{
    os->stats.refill_csr_ops++;
    mmu_csr_write(os->mmu, addr, value);
}

/* The handler's table walk: the entry that decides va, with the PTE reads it costs (one per level
 * from the root down to that entry). */
static uint64_t handler_walk(os_model_t *os, const os_proc_t *p, uint64_t va, os_pte_ref_t *ref)
{
    os_pt_lookup(os, p, va, ref);
    os->stats.refill_pte_reads += os->geo.levels - ref->level;
    return os_pte_read(os, *ref);
}

/* Sets A (and D for a store to a writable page) in the leaf, as the walker does with HWAD = 1:
 * CLOCK and second-chance read them, and a dirty victim must be written back. */
static uint64_t handler_set_ad(os_model_t *os, os_pte_ref_t ref, uint64_t pte, unsigned acc)
{
    uint64_t want = pte | MMU_PTE_A;
    if (acc == MMU_ACC_STORE && (pte & MMU_PTE_W))
        want |= MMU_PTE_D;
    if (want != pte) {
        os_pte_write(os, ref, want);
        os->stats.refill_pte_writes++;
    }
    return want;
}

static uint64_t tlb_hi_of(const os_model_t *os, const os_proc_t *p, uint64_t va, unsigned level)
{
    return MMU_PUT(TLB_HI_ASID, os->nasids ? p->asid : 0) | MMU_PUT(TLB_HI_VPN, va >> OS_PAGE_SHIFT) |
           MMU_PUT(TLB_HI_LEVEL, level);
}

/* A TLB_MISS: find the leaf (a page fault first if the page is not in memory), then write it where
 * a fill goes. The miss has loaded TLB_HI with {ASID, VPN, level 0}; a megapage rewrites it. */
static int soft_refill(os_model_t *os, int idx, uint64_t va, unsigned acc)
{
    os_proc_t *p = &os->proc[idx];
    os_pte_ref_t ref;
    (void)handler_csr_read(os, MMU_CSR_TLB_BADVA);
    uint64_t pte = handler_walk(os, p, va, &ref);
    if (!os_pte_is_leaf(os, pte, ref.level)) {
        const mmu_result_t not_present = {.fault = true, .cause = MMU_CAUSE_PTE_INVALID};
        const int rc = handle_fault(os, idx, va, acc, &not_present);
        if (rc)
            return rc;
        pte = handler_walk(os, p, va, &ref);
        if (!os_pte_is_leaf(os, pte, ref.level))
            return os_fail(os, OS_ERR_FAULT, "pid %d: 0x%llx has no leaf after the page fault handler", p->pid,
                           (unsigned long long)va);
    }
    pte = handler_set_ad(os, ref, pte, acc);
    if (ref.level != 0)
        handler_csr_write(os, MMU_CSR_TLB_HI, tlb_hi_of(os, p, va, ref.level));
    handler_csr_write(os, MMU_CSR_TLB_LO, pte);
    handler_csr_write(os, MMU_CSR_TLB_CMD, MMU_TLB_CMD_TLBWR);
    os->stats.refills++;
    return OS_OK;
}

/* A hit on an entry without A, or a store on one without D: set the bit in the PTE and rewrite
 * the entry where it is (TLBP finds it, TLBWI overwrites it). */
static int soft_ad_trap(os_model_t *os, int idx, uint64_t va, unsigned acc)
{
    os_proc_t *p = &os->proc[idx];
    os_pte_ref_t ref;
    uint64_t pte = handler_walk(os, p, va, &ref);
    if (!os_pte_is_leaf(os, pte, ref.level))
        return os_fail(os, OS_ERR_STALE, "pid %d: 0x%llx hit a TLB entry whose page is gone: a flush is missing",
                       p->pid, (unsigned long long)va);
    pte = handler_set_ad(os, ref, pte, acc);
    handler_csr_write(os, MMU_CSR_TLB_HI, tlb_hi_of(os, p, va, ref.level));
    handler_csr_write(os, MMU_CSR_TLB_CMD, MMU_TLB_CMD_TLBP);
    const uint64_t index = handler_csr_read(os, MMU_CSR_TLB_INDEX);
    handler_csr_write(os, MMU_CSR_TLB_LO, pte);
    handler_csr_write(os, MMU_CSR_TLB_CMD, (index & MMU_TLB_INDEX_P_MASK) ? MMU_TLB_CMD_TLBWR : MMU_TLB_CMD_TLBWI);
    os->stats.ad_traps++;
    return OS_OK;
}

/* ---- the access path ---- */

bool os_pte(const os_model_t *os, int pid, uint64_t va, uint64_t *pte, unsigned *level)
{
    const int idx = find_proc(os, pid);
    os_pte_ref_t ref;
    if (idx < 0 || !os_pt_lookup(os, &os->proc[idx], va, &ref))
        return false;
    *pte = os_pte_read(os, ref);
    *level = ref.level;
    return true;
}

static bool resident_pa(const os_model_t *os, const os_proc_t *p, uint64_t va, uint64_t *pa, uint64_t *pte)
{
    os_pte_ref_t ref;
    os_pt_lookup(os, p, va, &ref);
    *pte = os_pte_read(os, ref);
    if (!os_pte_is_leaf(os, *pte, ref.level))
        return false;
    const uint64_t offset_mask = (UINT64_C(1) << (OS_PAGE_SHIFT + os->geo.idx_bits * ref.level)) - 1;
    *pa = (os_pte_ppn(os, *pte) << OS_PAGE_SHIFT) + (va & offset_mask);
    return true;
}

bool os_resident(const os_model_t *os, int pid, uint64_t va, uint64_t *pa)
{
    const int idx = find_proc(os, pid);
    uint64_t pte;
    return idx >= 0 && resident_pa(os, &os->proc[idx], va, pa, &pte);
}

unsigned os_frame_sharers(const os_model_t *os, uint64_t pa)
{
    const int64_t head = os_frame_of_pa(os, pa);
    return head < 0 ? 0 : os->frame[head].nmap;
}

/* After a translation: the page tables as they are now must give the same PA and allow the
 * access; any difference is a TLB entry the OS forgot to flush. */
static bool stale(const os_model_t *os, int idx, uint64_t va, unsigned acc, uint64_t pa)
{
    uint64_t expect, pte;
    if (!resident_pa(os, &os->proc[idx], va, &expect, &pte))
        return true;
    return expect != pa || (!os->cfg.teaching && acc == MMU_ACC_STORE && !(pte & MMU_PTE_W));
}

static void touch(os_model_t *os, int idx, uint64_t va, uint64_t pa, uint64_t next_use)
{
    const int64_t head = os_frame_of_pa(os, pa);
    if (head < 0)
        return;
    os_frame_t *h = &os->frame[head];
    h->last_use = os->now;
    const uint64_t vpn = (va >> OS_PAGE_SHIFT) & ~(uint64_t)(h->pages - 1);
    os_mapping_t *m = os_map_find(os, (uint32_t)head, (uint32_t)idx, vpn);
    if (m)
        m->next_use = next_use;
}

enum { DATA_NONE, DATA_LOAD, DATA_STORE };

static int serve_access(os_model_t *os, int pid, unsigned acc, uint64_t va, uint64_t next_use,
                        os_access_result_t *res, int data, uint64_t *value)
{
    const int idx = find_proc(os, pid);
    if (idx < 0)
        return os_fail(os, OS_ERR_PROCESS, "no process %d", pid);
    if (acc > MMU_ACC_FETCH)
        return os_fail(os, OS_ERR_FAULT, "access type %u is not load, store or fetch", acc);
    switch_to(os, idx);
    mmu_result_t mr;
    for (int round = 0;; round++) {
        if (!mmu_translate(os->mmu, va, acc, MMU_PRIV_U, &os->mem, &mr))
            return os_fail(os, OS_ERR_FAULT, "the MMU refused access type %u", acc);
        if (round == 0)
            res->tlb_hit = mr.hit;
        if (!mr.fault)
            break;
        if (round == OS_MAX_FAULT_ROUNDS)
            return os_fail(os, OS_ERR_STALE,
                           "pid %d: %s at 0x%llx still faults (%s) after the handler fixed the PTE: "
                           "a stale TLB entry, a flush is missing",
                           pid, acc_text(acc), (unsigned long long)va, mmu_cause_name(mr.cause));
        int rc;
        if (mr.cause == MMU_CAUSE_TLB_MISS)
            rc = soft_refill(os, idx, va, acc);
        else if (mr.cause == MMU_CAUSE_A_CLEAR || mr.cause == MMU_CAUSE_D_CLEAR)
            rc = soft_ad_trap(os, idx, va, acc);
        else
            rc = handle_fault(os, idx, va, acc, &mr);
        if (rc)
            return rc;
    }
    res->pa = mr.paddr;
    res->stale = stale(os, idx, va, acc, mr.paddr);
    os->stats.stale_translations += res->stale;
    touch(os, idx, va, mr.paddr, next_use);
    os->now++;
    os->stats.accesses++;
    if (data == DATA_NONE)
        return OS_OK;
    const uint64_t ppn = mr.paddr >> OS_PAGE_SHIFT;
    if (ppn < OS_USER_BASE_PPN || ppn - OS_USER_BASE_PPN >= os->nframes)
        return os_fail(os, OS_ERR_FAULT, "pid %d: 0x%llx translated to 0x%llx, outside user memory", pid,
                       (unsigned long long)va, (unsigned long long)mr.paddr);
    uint8_t *bytes = os_frame_bytes(os, (uint32_t)(ppn - OS_USER_BASE_PPN), data == DATA_STORE);
    const unsigned off = (unsigned)(mr.paddr & (OS_PAGE_SIZE - 1));
    if (data == DATA_STORE) {
        if (!bytes)
            return os_fail(os, OS_ERR_CONFIG, "out of host memory for page data");
        memcpy(bytes + off, value, sizeof *value);
    } else {
        *value = 0;
        if (bytes)
            memcpy(value, bytes + off, sizeof *value);
    }
    return OS_OK;
}

/* The handlers report evictions and faults into os->res, which lives only during the access. */
static int access_page(os_model_t *os, int pid, unsigned acc, uint64_t va, uint64_t next_use,
                       os_access_result_t *res, int data, uint64_t *value)
{
    os_access_result_t local;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    res->victim_pid = -1;
    os->res = res;
    const int rc = serve_access(os, pid, acc, va, next_use, res, data, value);
    os->res = NULL;
    return rc;
}

int os_access(os_model_t *os, int pid, unsigned acc, uint64_t va, uint64_t next_use, os_access_result_t *res)
{
    return access_page(os, pid, acc, va, next_use, res, DATA_NONE, NULL);
}

int os_load64(os_model_t *os, int pid, uint64_t va, uint64_t *value, os_access_result_t *res)
{
    if (va & 7)
        return os_fail(os, OS_ERR_FAULT, "load64 at 0x%llx is not 8-byte aligned", (unsigned long long)va);
    return access_page(os, pid, MMU_ACC_LOAD, va, OS_NO_NEXT_USE, res, DATA_LOAD, value);
}

int os_store64(os_model_t *os, int pid, uint64_t va, uint64_t value, os_access_result_t *res)
{
    if (va & 7)
        return os_fail(os, OS_ERR_FAULT, "store64 at 0x%llx is not 8-byte aligned", (unsigned long long)va);
    return access_page(os, pid, MMU_ACC_STORE, va, OS_NO_NEXT_USE, res, DATA_STORE, &value);
}

void os_stats(const os_model_t *os, os_stats_t *stats)
{
    *stats = os->stats;
    stats->frames_used = os->frames_used;
    stats->table_pages = os->tables_used;
    for (unsigned i = 0; i < MMU_CNT_COUNT; i++)
        stats->mmu[i] = mmu_csr_read(os->mmu, MMU_CSR_HITS + i);
}

/* An operating-system model that drives the MMU model like a kernel (issue 15, docs/studies.md).
 *
 * One context per simulated machine, no global state. It owns an MMU model (mmu_create), the
 * physical memory behind it and the processes running on it, and it uses only the MMU's untimed
 * face: mmu_translate with memory callbacks into its own physical memory, and register writes
 * (SATP, STATUS, TLBCTL, FLUSH) where a kernel would make them.
 *
 *   - Processes have their own page tables (Sv39, or the teaching multi-level format of
 *     docs/spec.md 4.4 through RADIX), built on demand: a page is mapped by the page-fault handler
 *     on first touch and filled with zeros (zero-fill on demand).
 *   - User pages live in a fixed number of 4 KiB frames. When none is free a victim is chosen by
 *     the replacement policy and swapped out: written back to a swap slot if its D bit is set
 *     (teaching entries have no D bit, so there every victim is written back), and its PTE made
 *     invalid with the slot number in it, so the next touch swaps it back in.
 *   - CLOCK and second-chance read the A and D bits the walker sets (STATUS.HWAD = 1); the OS
 *     clears A in the PTE and flushes that page from the TLB, or the TLB would keep answering
 *     without walking and A would never be set again.
 *   - fork shares every page copy-on-write (both PTEs write-protected); a store fault on a shared
 *     page copies it, on a page no longer shared it makes the PTE writable again.
 *   - Each process gets an ASID (asid_bits > 0): a context switch only writes SATP. Without ASIDs
 *     every switch flushes the whole TLB.
 *   - Page-table pages come from a separate, unlimited kernel pool: "frames" counts user pages
 *     only, as in textbook paging problems.
 *
 * With soft_refill the MMU runs in Soft mode (SATP.MODE 14, docs/spec.md 4.6): there is no walker,
 * a TLB miss answers TLB_MISS, and the OS's refill handler walks the same Sv39 tables in software
 * and writes the leaf into the TLB (TLB_LO, TLB_HI for a megapage, TLBWR). The handler keeps A and
 * D itself: it sets A when it refills (and D for a store to a writable page), and a store that
 * hits a clean entry traps (D_CLEAR) so that it sets D and rewrites the entry (TLBP, TLBWI). Its
 * CSR operations, PTE reads and PTE writes are counted, so a study can compare the cost of the
 * two ways a miss is handled on the same trace.
 *
 * Every FLUSH the kernel needs has a site (os_flush_site_e); skip_flush omits the chosen ones,
 * and the model then exposes the bug: after each successful translation it compares the MMU's
 * answer with what the page tables say now and counts every difference as a stale translation
 * (with data, a load then returns another page's bytes). */
#ifndef OS_MODEL_H
#define OS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Page-replacement policies: X(enum suffix, name). LRU and OPT are the textbook's bounds: the
 * model sees every access, which real hardware does not tell a kernel; FIFO, CLOCK, SECOND_CHANCE
 * and RANDOM use only what a kernel has (load order, the A and D bits, a seeded generator). */
#define OS_REPLACE_LIST(ITEM) \
    ITEM(FIFO, "fifo") \
    ITEM(LRU, "lru") \
    ITEM(CLOCK, "clock") \
    ITEM(SECOND_CHANCE, "second-chance") \
    ITEM(OPT, "opt") \
    ITEM(RANDOM, "random")

#define OS_X_REPLACE(suffix, name) OS_REPLACE_##suffix,
typedef enum { OS_REPLACE_LIST(OS_X_REPLACE) OS_REPLACE_COUNT } os_replace_e;
#undef OS_X_REPLACE

/* The places where a kernel must flush the TLB: X(enum suffix, name, why). */
#define OS_FLUSH_SITE_LIST(ITEM) \
    ITEM(EVICT, "evict", "a page was swapped out: its PTE is invalid and its frame is reused") \
    ITEM(CLOCK, "clock", "the A bit was cleared: the next access must walk to set it again") \
    ITEM(FORK, "fork", "fork write-protected the parent's pages") \
    ITEM(COW, "cow", "a copy-on-write fault changed the PTE (a copy, or write access again)") \
    ITEM(SWITCH, "switch", "a context switch without ASIDs") \
    ITEM(ASID, "asid", "an ASID passes to another process (exit, or ASIDs ran out)")

#define OS_X_SITE(suffix, name, why) OS_FLUSH_##suffix,
typedef enum { OS_FLUSH_SITE_LIST(OS_X_SITE) OS_FLUSH_SITE_COUNT } os_flush_site_e;
#undef OS_X_SITE

typedef struct {
    unsigned frames;        /* user frames of 4 KiB, >= 1 */
    unsigned tlb_entries;   /* mmu_create's: 4, 8, 16, 32 or 64 */
    unsigned tlb_policy;    /* TLBCTL.POLICY: MMU_POLICY_LRU ... MMU_POLICY_RANDOM */
    uint16_t tlb_lfsr_seed; /* TLBCTL.LFSR (0 is taken as 1) */
    unsigned asid_bits;     /* 0: no ASIDs, every context switch flushes; else 1..16 */
    bool teaching;          /* the teaching multi-level format (MODE 15) instead of Sv39 */
    bool superpages;        /* map a 2 MiB megapage where a whole region is free (Sv39 only) */
    os_replace_e replace;
    uint64_t seed;          /* RANDOM's generator */
    unsigned skip_flush;    /* bit (1u << os_flush_site_e) set: omit that flush (a bug) */
    bool soft_refill;       /* Soft mode: misses trap to the OS's refill handler (Sv39 tables) */
} os_config_t;

/* Defaults: 64 frames, a 16-entry LRU TLB, 16-bit ASIDs, Sv39, 4 KiB pages, CLOCK, seed 1. */
void os_config_default(os_config_t *cfg);

typedef struct {
    uint64_t accesses;
    uint64_t page_faults;        /* accesses to a page not in memory: zero_fills + swap_ins */
    uint64_t zero_fills;         /* first touches, filled with zeros */
    uint64_t swap_ins;           /* pages read back from swap */
    uint64_t cow_faults;         /* store faults on write-protected shared pages */
    uint64_t cow_copies;         /* ... that copied the page (the rest were no longer shared) */
    uint64_t spurious_faults;    /* faults whose PTE was already fixed: a stale TLB entry */
    uint64_t evictions;          /* resident pages (4 KiB or 2 MiB) swapped out */
    uint64_t writebacks;         /* 4 KiB pages written to swap (dirty victims) */
    uint64_t a_bit_clears;       /* A bits cleared by CLOCK and second-chance */
    uint64_t megapages;          /* 2 MiB megapages mapped */
    uint64_t context_switches;
    uint64_t forks, exits;
    uint64_t flushes[OS_FLUSH_SITE_COUNT];         /* FLUSH writes made, per site */
    uint64_t skipped_flushes[OS_FLUSH_SITE_COUNT]; /* FLUSH writes omitted (skip_flush) */
    uint64_t stale_translations; /* MMU answers that differ from the page tables */
    /* soft_refill: the refill handler's work */
    uint64_t refills;            /* TLB_MISS traps served (each ends in a TLBWR) */
    uint64_t ad_traps;           /* D_CLEAR / A_CLEAR traps on a hit (D or A set, entry rewritten) */
    uint64_t refill_csr_ops;     /* the handlers' CSR reads and writes (TLB_CMD included) */
    uint64_t refill_pte_reads;   /* PTEs the handlers read walking the tables */
    uint64_t refill_pte_writes;  /* PTEs the handlers wrote to set A or D */
    uint64_t frames_used;        /* user frames in use at the end */
    uint64_t table_pages;        /* page-table pages in use at the end */
    /* the MMU's counter registers (docs/spec.md 8), read with mmu_csr_read */
    uint64_t mmu[MMU_CNT_COUNT];
} os_stats_t;

/* What one access did. */
typedef struct {
    uint64_t pa;          /* the physical address the MMU answered */
    bool tlb_hit;         /* the first translation attempt hit the TLB */
    bool page_fault;      /* the page was not in memory (zero fill or swap-in) */
    bool zero_fill, swap_in, cow_fault, cow_copy;
    bool evicted;         /* a victim was swapped out to make room */
    int victim_pid;       /* ... its process and virtual page number (first mapping) */
    uint64_t victim_vpn;
    bool writeback;       /* ... and it was written to swap */
    bool stale;           /* the MMU's answer differed from the page tables */
} os_access_result_t;

typedef struct os_model os_model_t;

/* OS status: 0 ok, else an error (os_error() says which); the model stays usable for inspection. */
enum {
    OS_OK = 0,
    OS_ERR_CONFIG,      /* a bad configuration, or the host is out of memory */
    OS_ERR_PROCESS,     /* no such process, or the pid exists already */
    OS_ERR_UNSUPPORTED, /* not modelled in this configuration (fork in the teaching format ...) */
    OS_ERR_FAULT,       /* a fault the OS does not handle (an address outside the address space) */
    OS_ERR_STALE        /* a fault that comes back after the handler fixed the PTE: a missing flush */
};

/* A model with no processes; NULL on a bad configuration, with a message in err. */
os_model_t *os_create(const os_config_t *cfg, char *err, size_t err_len);
void os_destroy(os_model_t *os);
const char *os_error(const os_model_t *os);
const os_config_t *os_config(const os_model_t *os);

bool os_has_process(const os_model_t *os, int pid);
/* A new process with an empty address space (pid unused so far). */
int os_spawn(os_model_t *os, int pid);
/* child := a copy-on-write copy of parent's address space. */
int os_fork(os_model_t *os, int parent, int child);
/* Frees the process's pages, swap slots, page tables and ASID. */
int os_exit(os_model_t *os, int pid);

/* One access by process pid (switched to if it is not running): translate, handle page faults,
 * retry. next_use is the ordinal of the next access to the same page by this process (os_access,
 * os_load64 and os_store64 calls count 0, 1, 2 ...), OS_NO_NEXT_USE if none or unknown: only OPT
 * uses it. res may be NULL. */
#define OS_NO_NEXT_USE UINT64_MAX
int os_access(os_model_t *os, int pid, unsigned acc, uint64_t va, uint64_t next_use,
              os_access_result_t *res);
/* An 8-byte load or store (va 8-byte aligned) that moves data through the frame the MMU named. */
int os_load64(os_model_t *os, int pid, uint64_t va, uint64_t *value, os_access_result_t *res);
int os_store64(os_model_t *os, int pid, uint64_t va, uint64_t value, os_access_result_t *res);

void os_stats(const os_model_t *os, os_stats_t *stats);
mmu_model_t *os_mmu(os_model_t *os);

/* Inspection for tests: the leaf PTE that maps va in pid's tables (level 0, or 1 for a megapage),
 * read from the page-table memory; false if no table reaches it. */
bool os_pte(const os_model_t *os, int pid, uint64_t va, uint64_t *pte, unsigned *level);
/* The physical address the page tables give va, false if not resident. */
bool os_resident(const os_model_t *os, int pid, uint64_t va, uint64_t *pa);
/* Processes mapping the frame that holds pa (1 unless shared by fork). */
unsigned os_frame_sharers(const os_model_t *os, uint64_t pa);

/* Names for options and reports; -1 for an unknown name. */
const char *os_replace_name(unsigned replace);
int os_replace_from_name(const char *name);
const char *os_flush_site_name(unsigned site);
const char *os_flush_site_text(unsigned site);
int os_flush_site_from_name(const char *name);

#ifdef __cplusplus
}
#endif
#endif

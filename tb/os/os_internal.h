/* The OS model's state, shared by its files (not part of the public API in os_model.h):
 *   os_model.c      processes, context switches, the access path and the page-fault handler
 *   os_pagetable.c  page-table pages, the PTE formats (Sv39 and teaching), the software walk,
 *                   the memory the MMU's walker reads
 *   os_frames.c     user frames, reverse mappings, frame data, swap slots
 *   os_swap.c       eviction (writeback, invalid PTEs, flushes) and frame allocation
 *   os_replace.c    the replacement policies' victim choice */
#ifndef OS_INTERNAL_H
#define OS_INTERNAL_H

#include "os_model.h"

#define OS_PAGE_SHIFT 12
#define OS_PAGE_SIZE (1u << OS_PAGE_SHIFT)
/* Physical memory: page-table page k is PPN OS_TABLE_BASE_PPN + k, user frame i is PPN
 * OS_USER_BASE_PPN + i. The user base is 2 MiB aligned so that aligned runs of frames can back
 * megapages; the table pool below it has room for 2^18 pages. */
#define OS_TABLE_BASE_PPN UINT64_C(0x40000)
#define OS_USER_BASE_PPN UINT64_C(0x80000)
#define OS_NO_SLOT (-1)

/* One PTE mapping a frame: which process, which page, at which level. */
typedef struct {
    uint32_t proc;     /* index into os->proc */
    uint8_t level;     /* 0: 4 KiB, 1: 2 MiB megapage */
    uint64_t vpn;      /* va >> 12 (of the megapage's first page) */
    uint64_t next_use; /* OPT: the ordinal of this process's next access to the page */
} os_mapping_t;

enum { FRAME_FREE, FRAME_HEAD, FRAME_TAIL };

/* A user frame. A resident page (4 KiB, or 512 frames for a megapage) is described by its first
 * frame, the head; the other frames of a megapage are tails pointing at it. */
typedef struct {
    uint8_t state;
    bool pinned;       /* the source of a copy being made: not a victim */
    uint16_t pages;    /* head: frames in the unit (1 or 512) */
    uint32_t head;     /* tail: its head */
    uint32_t nmap, capmap;
    os_mapping_t *map; /* head: the PTEs that map it (several after fork) */
    int64_t slot;      /* head: a swap slot equal to the contents while no mapping has D set */
    uint64_t loaded;   /* FIFO: the load sequence number */
    uint64_t last_use; /* LRU: the ordinal of the latest access */
} os_frame_t;

typedef struct {
    uint32_t refs; /* invalid PTEs naming the slot, plus a resident frame keeping it as a copy */
    uint8_t *data; /* 4 KiB, NULL: all zeros */
} os_slot_t;

typedef struct {
    bool alive;
    int pid;
    unsigned asid;     /* 0: none assigned (or no ASIDs) */
    uint32_t root;     /* page-table page of the top level */
    uint64_t last_run; /* when it last ran, to pick the ASID to take back */
} os_proc_t;

/* Where a PTE lives: table page, index, level of the table. */
typedef struct {
    uint32_t table;
    uint32_t index;
    unsigned level;
} os_pte_ref_t;

struct os_model {
    os_config_t cfg;
    mmu_model_t *mmu;
    mmu_memory_t mem;
    mmu_geometry_t geo;
    unsigned satp_mode;
    uint64_t radix; /* teaching: the RADIX register value */
    /* the PTE format, from mmu_regs.h (Sv39) or from the RADIX value (teaching) */
    uint64_t pte_valid, pte_present;
    unsigned pfn_lsb;
    uint64_t pfn_mask;
    unsigned mega_pages; /* 4 KiB pages in a level-1 leaf: 2^idx_bits */

    os_frame_t *frame;
    uint8_t **frame_data; /* 4 KiB each, NULL: all zeros */
    uint32_t nframes, lowest_free, frames_used;

    uint64_t **table; /* page-table pages, 8-byte entries */
    uint32_t ntables, captables;
    uint32_t *free_tables;
    uint32_t nfree_tables, tables_used;

    os_slot_t *slot;
    uint64_t nslots, capslots;
    int64_t *free_slots;
    uint64_t nfree_slots;

    os_proc_t *proc;
    uint32_t nprocs, capprocs;
    int current; /* index into proc of the process SATP points at, -1 none */
    int32_t *asid_owner; /* per ASID: the process index, -1 free */
    unsigned nasids;

    uint64_t now;      /* access ordinal */
    uint64_t load_seq; /* FIFO */
    uint64_t run_seq;
    uint32_t clock_hand;
    uint64_t rng;
    os_access_result_t *res; /* the access being served, for eviction reports */
    uint32_t fork_child;     /* os_fork's visitor: the child being filled */
    int visit_status;        /* a visitor's error */
    os_stats_t stats;
    char err[320];
};

/* os_model.c */
int os_fail(os_model_t *os, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void os_flush_page(os_model_t *os, os_flush_site_e site, const os_proc_t *p, uint64_t va);
void os_flush_asid(os_model_t *os, os_flush_site_e site, const os_proc_t *p);

/* os_pagetable.c */
int os_tables_init(os_model_t *os);
void os_tables_free(os_model_t *os);
uint32_t os_table_alloc(os_model_t *os);
void os_table_release(os_model_t *os, uint32_t table);
uint64_t os_pte_read(const os_model_t *os, os_pte_ref_t ref);
void os_pte_write(os_model_t *os, os_pte_ref_t ref, uint64_t pte);
uint64_t os_table_ppn(uint32_t table);
uint64_t os_pte_pointer(const os_model_t *os, uint32_t table);
uint64_t os_pte_leaf(const os_model_t *os, uint64_t ppn, bool writable);
uint64_t os_pte_swapped(const os_model_t *os, int64_t slot);
bool os_pte_is_pointer(const os_model_t *os, uint64_t pte, unsigned level);
bool os_pte_is_leaf(const os_model_t *os, uint64_t pte, unsigned level);
bool os_pte_is_swapped(const os_model_t *os, uint64_t pte);
uint64_t os_pte_ppn(const os_model_t *os, uint64_t pte);
int64_t os_pte_slot(const os_model_t *os, uint64_t pte);
unsigned os_index(const os_model_t *os, uint64_t va, unsigned level);
/* The entry for va at `level` (tables above it made if create), or the leaf found above it. */
bool os_pt_locate(os_model_t *os, const os_proc_t *p, uint64_t va, unsigned level, bool create,
                  os_pte_ref_t *ref);
/* The entry that decides va: a leaf, or the first entry that is not a pointer. */
bool os_pt_lookup(const os_model_t *os, const os_proc_t *p, uint64_t va, os_pte_ref_t *ref);
/* Calls leaf(os, p, va, ref) for every entry that is a leaf or a swapped page, then frees every
 * table page of p. */
typedef void (*os_pte_visit_fn)(os_model_t *os, os_proc_t *p, uint64_t va, os_pte_ref_t ref);
void os_pt_visit(os_model_t *os, os_proc_t *p, os_pte_visit_fn leaf);
void os_pt_release(os_model_t *os, os_proc_t *p);
/* The walker's memory (mmu_memory_t callbacks). */
bool os_mem_read(void *user, uint64_t addr, unsigned size, uint64_t *data);
bool os_mem_write(void *user, uint64_t addr, unsigned size, uint64_t data);

/* os_frames.c */
int os_frames_init(os_model_t *os);
void os_frames_free(os_model_t *os);
int64_t os_frame_take(os_model_t *os, unsigned pages); /* a free unit, -1 if none */
void os_frame_release(os_model_t *os, uint32_t head);
int64_t os_frame_of_pa(const os_model_t *os, uint64_t pa); /* the head, -1 outside user frames */
uint64_t os_frame_ppn(uint32_t frame);
int os_map_add(os_model_t *os, uint32_t head, uint32_t proc, uint64_t vpn, unsigned level);
void os_map_remove(os_model_t *os, uint32_t head, uint32_t proc, uint64_t vpn);
os_mapping_t *os_map_find(os_model_t *os, uint32_t head, uint32_t proc, uint64_t vpn);
uint8_t *os_frame_bytes(os_model_t *os, uint32_t frame, bool create); /* NULL: zeros */
void os_frame_copy(os_model_t *os, uint32_t dst, uint32_t src);
int64_t os_slot_new(os_model_t *os);
void os_slot_unref(os_model_t *os, int64_t slot);

/* os_swap.c */
/* A free 4 KiB frame, evicting a victim if none is free; -1 (os_error set) on error. */
int64_t os_frame_get(os_model_t *os);
int os_evict(os_model_t *os, uint32_t head);
int os_swap_in(os_model_t *os, os_proc_t *p, uint64_t va, os_pte_ref_t ref);

/* os_replace.c */
int64_t os_replace_victim(os_model_t *os);
bool os_unit_referenced(os_model_t *os, uint32_t head, bool clear); /* any mapping's A */
bool os_unit_dirty(os_model_t *os, uint32_t head);                  /* any mapping's D */

#endif

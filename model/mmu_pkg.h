/* Twin of rtl/mmu_pkg.sv: register fields, the geometry of every paged scheme, the response and
 * TLB-entry types, and the pure functions that more than one block uses (the request path and the
 * walker must answer alike: docs/spec.md 7, "a hit returns what a walk would return"). Every
 * block file includes this header and its own; only mmu_top.c includes the blocks' headers. */
#ifndef MMU_PKG_H
#define MMU_PKG_H

#include "mmu_model.h"
#include "mmu_regs.h"

#define MMU_PA_BITS 56
#define MMU_PA_MASK ((UINT64_C(1) << MMU_PA_BITS) - 1)
#define MMU_PAGE_SHIFT 12

static inline uint64_t mmu_mask(unsigned bits)
{
    return bits >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << bits) - 1;
}

/* Register fields and PTE bits come from mmu_regs.h (generated from rtl/mmu_regs.rdl and
 * rtl/mmu_iface.def). What follows are facts of the modes, not of the registers. */
#define SATP_SV32_PPN_BITS 22  /* Sv32 keeps PPN[21:0] ... */
#define SATP_SV32_ASID_BITS 9  /* ... and ASID[52:44] */
#define SEGCTL_MAX_VA_BITS 56
#define RADIX_MAX_VA_BITS 56
#define PTE_RSVD_SV64 (MMU_PTE_SV64_N_MASK | MMU_PTE_SV64_PBMT_MASK | MMU_PTE_SV64_RSVD_MASK)

/* The geometry of the paged scheme in force, as the walker and the TLB use it (Spike's table of
 * schemes, extended to the teaching formats of 4.4 and HYBRID of 4.5). The VPN of a VA is
 * va >> page_shift; level k's index is idx_bits wide at bit page_shift + k * idx_bits, the top
 * level's is top_bits wide. */
typedef struct {
    uint8_t satp_mode;   /* mmu_satp_mode_e */
    bool teaching;       /* teaching PTE format (RADIX and HYBRID) */
    bool hybrid;         /* HYBRID (4.5): one level, the segment's BASE is the table */
    bool soft;           /* Soft (4.6): Sv39's address space, no walker */
    uint8_t levels;      /* 1..4; the top table is level levels-1 */
    uint8_t page_shift;  /* 12, or RADIX offset bits */
    uint8_t idx_bits;    /* index bits of every level below the top */
    uint8_t top_bits;    /* index bits of the top level */
    uint8_t pte_log2;    /* log2 of the PTE size in bytes */
    uint8_t va_bits;     /* the VA check: Sv32 32 (zero-extended), Sv39/48 canonical, teaching */
    bool canonical;      /* true: bits above va_bits copy bit va_bits-1; false: they are 0 */
    uint8_t ppn_bits;    /* Sv PTE PPN width; teaching: PFN width */
    uint8_t asid_bits;   /* ASID bits the mode defines */
    /* teaching PTE fields */
    uint8_t valid_bit, present_bit, pfn_lsb;
    bool present_used;
} mmu_geom_t;

/* One answer on the response port (the response register's contents). */
typedef struct {
    uint64_t paddr;
    bool fault;
    uint8_t exc, cause, level;
    bool hit;
    uint8_t hit_index;
} mmu_answer_t;

/* A flush at the edge ending this cycle: a FLUSH command or a write that flushes everything. */
typedef struct {
    bool valid;
    bool cmd;        /* an accepted FLUSH write (FLUSHES, suppresses a walk's fill) */
    uint8_t kind;    /* mmu_flush_kind_e */
    uint16_t asid;   /* on the lookup's ASID bits */
    bool va_ok;      /* FLUSH_VA is a valid address in the current mode */
    uint64_t va;     /* FLUSH_VA (in the TLB's tag space) */
} mmu_flush_t;

/* The counter events of one cycle (rtl/mmu_csr.sv ev_*_i), raised by the blocks, counted by
 * the registers at the edge ending the cycle. */
typedef struct {
    bool hit, walk_start, walk_cycle, pte_read, ad_write, fault, evict, flush_cmd;
    bool soft_miss; /* a TLB_MISS answer left (Soft mode): MISSES without WALKS */
} mmu_events_t;

/* Geometry of Sv32/Sv39/Sv48 and of Soft, which has Sv39's (false for another mode). */
bool pkg_geom_sv(mmu_geom_t *g, unsigned satp_mode);
/* RADIX WARL (4.4): is this value kept by a write? */
bool pkg_radix_legal(uint64_t radix);
/* Geometry of the teaching radix tables for a legal RADIX value. */
void pkg_geom_radix(mmu_geom_t *g, uint64_t radix);
/* HYBRID (4.5) geometry: one level over the in-segment VPN (seg_off_bits = va_bits - select). */
void pkg_geom_hybrid(mmu_geom_t *g, uint64_t radix, unsigned seg_va_bits, unsigned seg_off_bits);

/* Paging's VA check (4.3, 4.4). HYBRID's range check is segmentation's. */
static inline bool pkg_va_ok(const mmu_geom_t *g, uint64_t va)
{
    if (g->canonical) {
        unsigned unused = 64u - g->va_bits;
        return (uint64_t)((int64_t)(va << unused) >> unused) == va;
    }
    return (va >> g->va_bits) == 0;
}

/* Index into the table of `level` for va. */
static inline uint64_t pkg_vpn_index(const mmu_geom_t *g, uint64_t va, unsigned level)
{
    unsigned bits = level + 1u == g->levels ? g->top_bits : g->idx_bits;
    return (va >> (g->page_shift + level * g->idx_bits)) & mmu_mask(bits);
}

/* Physical address of a leaf of `level` with page number ppn: the page above the leaf's
 * reach, va within it; modulo 2^56 (9.10). */
static inline uint64_t pkg_compose_pa(const mmu_geom_t *g, uint64_t ppn, unsigned level, uint64_t va)
{
    /* a leaf's reach is below 2^56 in every mode: the shift needs no 64-bit guard */
    uint64_t in_page = (UINT64_C(1) << (g->page_shift + level * g->idx_bits)) - 1;
    return (((ppn << g->page_shift) & ~in_page) | (va & in_page)) & MMU_PA_MASK;
}

/* Leaf U/S then R/W/X checks (4.3); MMU_CAUSE_NONE when allowed. pte: V R W X U bits. acc 3 is
 * checked like a fetch (docs/decisions.md 10). Table-driven on acc: the access kind of random
 * traffic is what a branch predictor cannot learn. */
static inline unsigned pkg_leaf_perm(uint64_t pte, unsigned acc, unsigned priv, uint64_t status)
{
    static const uint8_t needed[4] = {MMU_PTE_R, MMU_PTE_W, MMU_PTE_X, MMU_PTE_X};
    static const uint8_t refused[4] = {MMU_CAUSE_PERM_READ, MMU_CAUSE_PERM_WRITE, MMU_CAUSE_PERM_EXEC,
                                       MMU_CAUSE_PERM_EXEC};
    if (pte & MMU_PTE_U) {
        if (priv == MMU_PRIV_S && (!(status & MMU_STATUS_SUM_MASK) || acc == MMU_ACC_FETCH))
            return MMU_CAUSE_PERM_USER_PAGE;
    } else if (priv == MMU_PRIV_U) {
        return MMU_CAUSE_PERM_SUPERVISOR_PAGE;
    }
    /* MXR: executable pages are readable too */
    uint64_t mxr_read = (status & MMU_STATUS_MXR_MASK) && (pte & MMU_PTE_X) ? MMU_PTE_R : 0;
    return ((pte | mxr_read) & needed[acc & 3u]) ? (unsigned)MMU_CAUSE_NONE : refused[acc & 3u];
}
/* A is clear, or a store finds D clear (4.3). */
static inline bool pkg_ad_needed(uint64_t pte, unsigned acc)
{
    uint64_t wanted = MMU_PTE_A | (acc == MMU_ACC_STORE ? MMU_PTE_D : 0);
    return (pte & wanted) != wanted;
}
/* A leaf's checks after its format, in 4.3's order: U/S and R/W/X, a misaligned superpage, then
 * A/D when the walker may not set them (hwad false: Svade, and Soft mode always). */
static inline unsigned pkg_leaf_check(const mmu_geom_t *g, uint64_t flags, uint64_t ppn, unsigned level,
                                      unsigned acc, unsigned priv, uint64_t status, bool hwad)
{
    unsigned cause = pkg_leaf_perm(flags, acc, priv, status);
    if (cause == MMU_CAUSE_NONE && (ppn & mmu_mask(level * g->idx_bits)))
        cause = MMU_CAUSE_MISALIGNED_SUPERPAGE;
    if (cause == MMU_CAUSE_NONE && !hwad && pkg_ad_needed(flags, acc))
        cause = (flags & MMU_PTE_A) ? MMU_CAUSE_D_CLEAR : MMU_CAUSE_A_CLEAR;
    return cause;
}
/* PTE flag bits of a TLB entry (for the leaf checks of a hit). */
static inline uint64_t pkg_entry_flags(const mmu_tlb_entry_t *e)
{
    return MMU_PTE_V | (e->r ? MMU_PTE_R : 0) | (e->w ? MMU_PTE_W : 0) | (e->x ? MMU_PTE_X : 0) |
           (e->u ? MMU_PTE_U : 0) | (e->a ? MMU_PTE_A : 0) | (e->d ? MMU_PTE_D : 0);
}
/* The LFSR of TLBCTL (docs/spec.md 6). */
static inline uint16_t pkg_lfsr_step(uint16_t lfsr)
{
    unsigned feedback = (lfsr ^ (lfsr >> 2) ^ (lfsr >> 3) ^ (lfsr >> 5)) & 1u;
    return (uint16_t)((feedback << 15) | (lfsr >> 1));
}

#endif

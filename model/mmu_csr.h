/* Registers (rtl/mmu_csr.sv): the CSR port's read register, WARL rules, the flushes that
 * register writes cause, the counters, and the geometry of the paged mode the registers select. */
#ifndef MMU_CSR_H
#define MMU_CSR_H

#include "mmu_pkg.h"

typedef struct {
    uint64_t satp, status, segctl, base, bounds, radix, flush_va;
    uint8_t policy;
    uint64_t seg_base[MMU_NUM_SEGMENTS], seg_limit[MMU_NUM_SEGMENTS];
    uint8_t seg_flags[MMU_NUM_SEGMENTS];
    uint64_t counters[MMU_CNT_COUNT];
    bool rvalid; /* a read accepted last cycle: csr_rvalid */
    uint64_t rdata;
    /* derived from SATP, RADIX and SEGCTL at every write of them */
    bool paged;        /* SATP.MODE != Bare */
    mmu_geom_t geom;   /* the paged mode's geometry (HYBRID's when it is active) */
    uint16_t asid;     /* SATP.ASID on the mode's ASID bits and the build's width */
    uint16_t asid_mask;
    unsigned asid_bits_build;
    unsigned tlb_entries;
    /* Soft mode's registers (4.6) */
    uint64_t tlb_index; /* INDEX[5:0] and P[63] */
    uint64_t tlb_hi, tlb_lo, tlb_badva;
} mmu_csr_t;

/* What an accepted write does beyond the register itself (decided on the state before it). */
/* A TLB_CMD accepted in Soft mode (4.6), decided on the registers held during its cycle. */
typedef struct {
    bool valid;
    uint8_t cmd;                /* mmu_tlb_cmd_e */
    bool write;                 /* TLBWI or TLBWR of a legal leaf with V = 1: writes entry */
    bool invalidate;            /* TLBWI with V = 0: entry `index` is invalidated */
    unsigned index;             /* TLB_INDEX[5:0] (TLBWI, TLBR) */
    mmu_tlb_entry_t entry;      /* TLB_HI and TLB_LO as an entry */
    uint64_t probe_va;          /* TLBP: TLB_HI's VPN as an address */
    uint16_t probe_asid;
} mmu_tlb_cmd_t;

typedef struct {
    mmu_flush_t flush;
    bool lfsr_we;     /* a TLBCTL write loads the LFSR (in the TLB block) */
    uint16_t lfsr_wdata;
    mmu_tlb_cmd_t tlb;
} mmu_csr_effect_t;

#define CSR_FIRST_COUNTER MMU_CSR_HITS
#define CSR_LAST_COUNTER (MMU_CSR_HITS + MMU_CNT_COUNT - 1)

void csr_reset(mmu_csr_t *c, unsigned asid_bits_build, unsigned tlb_entries);
/* csr_ready (docs/spec.md 7) for this cycle's port inputs. */
static inline bool csr_ready(bool busy, bool write, unsigned addr)
{
    bool flush_write = write && (addr == MMU_CSR_FLUSH || addr == MMU_CSR_FLUSH_VA);
    bool counter_read = !write && addr >= CSR_FIRST_COUNTER && addr <= CSR_LAST_COUNTER;
    return !busy || flush_write || counter_read;
}
/* The register's value as held now; lfsr: the TLB's LFSR (TLBCTL). */
uint64_t csr_read(const mmu_csr_t *c, unsigned addr, uint16_t lfsr);
/* The effect a write would have, without changing anything (trace_flush_valid in this cycle). */
void csr_write_effect(const mmu_csr_t *c, unsigned addr, uint64_t data, mmu_csr_effect_t *eff);
/* Apply a write to the registers at the clock edge; its effect beyond them (csr_write_effect,
 * decided before any event of the edge) is the caller's to apply: flush, LFSR, TLB_CMD. */
void csr_write(mmu_csr_t *c, unsigned addr, uint64_t data);
/* Soft mode: a TLB_MISS answer leaves (the edge ending its answer cycle): TLB_BADVA := the VA,
 * TLB_HI := {SATP.ASID, the looked-up address's VPN, level 0}. */
void csr_soft_miss(mmu_csr_t *c, uint64_t vaddr, uint64_t linear);
/* The results of TLBR (entry; NULL or invalid: TLB_HI = TLB_LO = 0) and TLBP (index, -1: none). */
void csr_tlb_read_result(mmu_csr_t *c, const mmu_tlb_entry_t *e);
void csr_tlb_probe_result(mmu_csr_t *c, int index);
/* Count one cycle's events at the edge ending it. */
static inline void csr_count(mmu_csr_t *c, const mmu_events_t *ev)
{
    c->counters[MMU_CNT_HITS] += ev->hit;
    c->counters[MMU_CNT_MISSES] += ev->walk_start | ev->soft_miss;
    c->counters[MMU_CNT_WALKS] += ev->walk_start;
    c->counters[MMU_CNT_WALK_CYCLES] += ev->walk_cycle;
    c->counters[MMU_CNT_PTE_READS] += ev->pte_read;
    c->counters[MMU_CNT_AD_WRITES] += ev->ad_write;
    c->counters[MMU_CNT_FAULTS] += ev->fault;
    c->counters[MMU_CNT_EVICTIONS] += ev->evict;
    c->counters[MMU_CNT_FLUSHES] += ev->flush_cmd;
}
/* The paged mode's geometry, or NULL in Bare. */
static inline const mmu_geom_t *csr_geom(const mmu_csr_t *c) { return c->paged ? &c->geom : NULL; }
static inline unsigned csr_satp_mode(const mmu_csr_t *c) { return (unsigned)MMU_FIELD(c->satp, SATP_MODE); }
static inline unsigned csr_seg_mode(const mmu_csr_t *c) { return (unsigned)MMU_FIELD(c->segctl, SEGCTL_MODE); }
/* Byte address of the top page table (not for HYBRID, whose table is the segment's). SATP keeps
 * only the PPN bits of its mode (22 in Sv32). */
static inline uint64_t csr_table_base(const mmu_csr_t *c)
{
    return ((c->satp & mmu_mask(MMU_SATP_PPN_WIDTH)) << c->geom.page_shift) & MMU_PA_MASK;
}

#endif

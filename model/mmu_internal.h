/* Internal state of the model, shared by the block files (mmu_csr.c, mmu_seg.c, mmu_tlb.c,
 * mmu_ptw.c, mmu_top.c). Each block file mirrors the RTL module of the same name. */
#ifndef MMU_INTERNAL_H
#define MMU_INTERNAL_H

#include "mmu_model.h"

#define MMU_NUM_SEGMENTS 8
#define MMU_PA_MASK ((UINT64_C(1) << 56) - 1)
#define MMU_PAGE_SHIFT 12

/* SATP fields */
#define SATP_MODE_SHIFT 60
#define SATP_ASID_SHIFT 44
#define SATP_PPN_MASK ((UINT64_C(1) << 44) - 1)
#define SATP_SV32_PPN_MASK ((UINT64_C(1) << 22) - 1)
/* STATUS bits */
#define STATUS_HWAD (UINT64_C(1) << 0)
#define STATUS_SUM (UINT64_C(1) << 18)
#define STATUS_MXR (UINT64_C(1) << 19)
/* SEGCTL fields */
#define SEGCTL_MODE_MASK UINT64_C(0x3)
#define SEGCTL_SELECT_SHIFT 4
#define SEGCTL_SELECT_MASK UINT64_C(0x7)
#define SEGCTL_VABITS_SHIFT 8
#define SEGCTL_VABITS_MASK UINT64_C(0x3f)
#define SEGCTL_HYBRID (UINT64_C(1) << 16)
/* SEGn_FLAGS bits */
#define SEGF_VALID (1u << 0)
#define SEGF_R (1u << 1)
#define SEGF_W (1u << 2)
#define SEGF_X (1u << 3)
#define SEGF_U (1u << 4)
#define SEGF_DOWN (1u << 5)
#define SEGF_MASK 0x3fu
/* PTE bits (Sv32/39/48) */
#define PTE_V (UINT64_C(1) << 0)
#define PTE_R (UINT64_C(1) << 1)
#define PTE_W (UINT64_C(1) << 2)
#define PTE_X (UINT64_C(1) << 3)
#define PTE_U (UINT64_C(1) << 4)
#define PTE_G (UINT64_C(1) << 5)
#define PTE_A (UINT64_C(1) << 6)
#define PTE_D (UINT64_C(1) << 7)
#define PTE_PPN_SHIFT 10
#define PTE_RSVD_SV64 (UINT64_C(0xffc0000000000000)) /* N, PBMT, bits 60:54 */

/* A paged scheme, described by a table as in the RISC-V specification. */
typedef struct {
    unsigned levels;
    unsigned vpn_bits;  /* index bits per level */
    unsigned pte_log2;  /* log2 of the PTE size in bytes */
    unsigned va_bits;
    unsigned ppn_bits;  /* PTE PPN width */
    unsigned asid_bits; /* ASID bits the mode defines */
} mmu_scheme_t;

/* Registers and counters (mmu_csr.c). */
typedef struct {
    uint64_t satp, status, segctl, base, bounds, radix, flush_va;
    uint8_t policy;
    uint16_t lfsr;
    uint64_t seg_base[MMU_NUM_SEGMENTS], seg_limit[MMU_NUM_SEGMENTS];
    uint8_t seg_flags[MMU_NUM_SEGMENTS];
    uint64_t counters[MMU_CNT_COUNT];
} mmu_csr_t;

/* The TLB and its replacement state (mmu_tlb.c). */
typedef struct {
    unsigned entries;
    mmu_tlb_entry_t e[MMU_MAX_TLB_ENTRIES];
    uint64_t lru_stamp[MMU_MAX_TLB_ENTRIES]; /* time of the latest touch */
    uint64_t lru_clock;
    uint8_t plru[MMU_MAX_TLB_ENTRIES]; /* nodes 1..entries-1 */
    unsigned fifo;
} mmu_tlb_t;

/* One answer on the response port. */
typedef struct {
    uint64_t paddr;
    bool fault;
    uint8_t exc, cause, level;
    bool hit;
    uint8_t hit_index;
} mmu_answer_t;

/* What the request stage decides in its accept cycle. */
typedef struct {
    bool walk;        /* false: `ans` is presented in the next cycle */
    mmu_answer_t ans;
    uint64_t linear;
    bool paged;       /* reached the TLB lookup */
    bool refill;
    uint8_t hit_index;
} mmu_front_t;

typedef enum {
    PTW_IDLE,
    PTW_READ_REQ,
    PTW_READ_WAIT,
    PTW_AD_REQ,
    PTW_AD_WAIT,
    PTW_ANSWER
} mmu_ptw_state_e;

/* The walker (mmu_ptw.c): one walk at a time. */
typedef struct {
    mmu_ptw_state_e state;
    bool first_cycle; /* cycle t+1 of the walk */
    const mmu_scheme_t *scheme;
    uint64_t linear;
    uint8_t acc, priv;
    int level;
    uint64_t pte_addr;
    bool global;
    uint64_t ad_wdata;
    bool refill;
    uint8_t refill_index;
    bool flush_seen;
    mmu_answer_t ans;
    bool fill_ok;
    mmu_tlb_entry_t fill_entry;
} mmu_ptw_t;

/* What examining one PTE leads to. */
typedef enum { PTW_NEXT_READ, PTW_NEXT_AD_WRITE, PTW_NEXT_ANSWER } mmu_ptw_next_e;

struct mmu_model {
    mmu_config_t cfg;
    mmu_csr_t csr;
    mmu_tlb_t tlb;
    mmu_ptw_t ptw;
    /* response register for answers that need no memory */
    bool resp_pending;
    mmu_answer_t resp;
    /* CSR read data register */
    bool csr_rvalid;
    uint64_t csr_rdata;
    /* protocol-assertion state */
    bool req_waiting;
    uint64_t req_vaddr_held;
    uint8_t req_acc_held, req_priv_held;
    unsigned assertions;
    char assertion_msg[160];
    /* bookkeeping for logs */
    uint64_t cycle;
    uint64_t next_txn_id;
    bool txn_active;
    mmu_txn_t txn;
    mmu_txn_cb txn_cb;
    void *txn_user;
};

/* mmu_csr.c */
void csr_reset(mmu_csr_t *csr);
uint64_t csr_read(const mmu_model_t *m, unsigned addr);
/* The flush a write would perform: -1 none, else a mmu_flush_kind_e (ALL for SATP/SEGCTL/RADIX). */
int csr_write_flush_kind(const mmu_model_t *m, unsigned addr, uint64_t data);
void csr_write(mmu_model_t *m, unsigned addr, uint64_t data);
unsigned csr_satp_mode(const mmu_csr_t *csr);
uint16_t csr_asid(const mmu_model_t *m); /* on the current mode's ASID bits and the build's width */
uint16_t csr_asid_mask(const mmu_model_t *m);
const mmu_scheme_t *csr_scheme(const mmu_csr_t *csr); /* NULL when paging is off */
void csr_count(mmu_csr_t *csr, mmu_counter_e counter, uint64_t amount);

/* mmu_seg.c: segmentation or base-and-bounds; returns the cause (NONE on success). */
unsigned seg_translate(const mmu_csr_t *csr, uint64_t vaddr, unsigned acc, unsigned priv,
                       uint64_t *linear);

/* mmu_tlb.c */
void tlb_reset(mmu_tlb_t *tlb, unsigned entries);
int tlb_lookup(const mmu_tlb_t *tlb, const mmu_scheme_t *s, uint64_t linear, uint16_t asid,
               uint16_t asid_mask);
bool tlb_entry_matches_va(const mmu_tlb_entry_t *e, uint64_t linear, const mmu_scheme_t *s);
/* Where a fill goes, and whether it steps the LFSR / evicts. Changes nothing. */
typedef struct {
    unsigned index;
    bool evict;      /* overwrites a valid entry chosen by the policy */
    bool steps_lfsr; /* no invalid entry and not a refill */
    uint16_t lfsr_next;
} mmu_fill_slot_t;
mmu_fill_slot_t tlb_fill_slot(const mmu_tlb_t *tlb, unsigned policy, uint16_t lfsr, bool refill,
                              unsigned refill_index);
void tlb_fill(mmu_tlb_t *tlb, const mmu_fill_slot_t *slot, bool refill,
              const mmu_tlb_entry_t *entry);
void tlb_touch(mmu_tlb_t *tlb, unsigned index);
void tlb_flush(mmu_tlb_t *tlb, unsigned kind, uint64_t va, bool va_valid, uint16_t asid,
               uint16_t asid_mask, const mmu_scheme_t *s);
unsigned tlb_policy_victim(const mmu_tlb_t *tlb, unsigned policy, uint16_t lfsr_next);
uint16_t lfsr_step(uint16_t lfsr);

/* mmu_ptw.c */
const mmu_scheme_t *ptw_scheme(unsigned satp_mode);
bool ptw_va_valid(const mmu_scheme_t *s, uint64_t va);
uint64_t ptw_vpn(const mmu_scheme_t *s, uint64_t va, int level);
/* Leaf checks shared by walks and TLB hits; A/D not included. */
unsigned ptw_leaf_perm_cause(uint64_t pte_flags, unsigned acc, unsigned priv, uint64_t status);
/* Whether A/D needs attention for this access (A clear, or a store with D clear). */
bool ptw_ad_needed(uint64_t pte_flags, unsigned acc);
uint64_t ptw_compose_pa(const mmu_scheme_t *s, uint64_t ppn, int level, uint64_t va);
void ptw_start(mmu_ptw_t *w, const mmu_model_t *m, uint64_t linear, unsigned acc, unsigned priv,
               bool refill, unsigned refill_index);
/* Examine the response to the outstanding read; updates the walk (level, address, answer). */
mmu_ptw_next_e ptw_examine(mmu_ptw_t *w, const mmu_model_t *m, uint64_t pte, bool err);
/* The A/D write was acknowledged. */
void ptw_ad_done(mmu_ptw_t *w, bool err);
unsigned ptw_pte_size(const mmu_ptw_t *w);

/* mmu_top.c */
void mmu_front(const mmu_model_t *m, uint64_t vaddr, unsigned acc, unsigned priv,
               mmu_front_t *f);

#endif

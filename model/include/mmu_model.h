/* Bit- and cycle-accurate reference model of the MMU in docs/spec.md.
 *
 * One opaque context per MMU, no global state: several MMUs can run side by side.
 * Two faces on one implementation:
 *   - cycle level: mmu_step() takes the input ports of one clock cycle, returns the output ports of
 *     that cycle and applies the clock edge that ends it (mirrors rtl/mmu_top.sv port for port);
 *   - untimed: mmu_translate() answers one request against a memory callback, with the same PA,
 *     fault reason, exception code, TLB effects and A/D writes as the cycle model.
 * Do not mix the faces while the cycle model has a translation in flight. */
#ifndef MMU_MODEL_H
#define MMU_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmu_enums.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MMU_MAX_LEVELS 4
#define MMU_MAX_TLB_ENTRIES 64

typedef struct mmu_model mmu_model_t;

typedef struct {
    unsigned tlb_entries; /* 4, 8, 16, 32 or 64 */
    unsigned asid_bits;   /* 0..16 */
} mmu_config_t;

/* Input ports of one cycle (SPEC section 1), plus the synchronous active-low reset. */
typedef struct {
    bool rst_n;
    bool req_valid;
    uint64_t req_vaddr;
    uint8_t req_acc;  /* mmu_acc_e */
    uint8_t req_priv; /* mmu_priv_e */
    bool mem_req_ready;
    bool mem_resp_valid;
    uint64_t mem_resp_rdata;
    bool mem_resp_err;
    bool csr_valid;
    bool csr_write;
    uint8_t csr_addr;
    uint64_t csr_wdata;
} mmu_inputs_t;

/* Output ports of one cycle. Every field is 0 when its qualifier is 0 and during reset. */
typedef struct {
    bool req_ready;
    bool resp_valid;
    uint64_t resp_paddr; /* 56 bits */
    bool resp_fault;
    uint8_t resp_exc;   /* mmu_exc_e */
    uint8_t resp_cause; /* mmu_cause_e */
    uint8_t resp_level;
    bool resp_hit;
    bool mem_req_valid;
    uint64_t mem_req_addr; /* 56 bits */
    bool mem_req_write;
    uint64_t mem_req_wdata;
    uint8_t mem_req_size;
    bool csr_ready;
    bool csr_rvalid;
    uint64_t csr_rdata;
    uint8_t trace_hit_index;
    bool trace_fill_valid;
    uint8_t trace_fill_index;
    bool trace_flush_valid;
} mmu_outputs_t;

/* One PTE access made by a walk (reads and the A/D write). */
typedef struct {
    uint64_t addr;
    uint64_t value; /* read: the PTE as returned; write: the data written */
    uint8_t level;
    bool write;
    bool err;
} mmu_pte_access_t;

/* Everything known about one translation, for logs and mismatch reports. */
typedef struct {
    uint64_t id;            /* 0, 1, 2, ... per accepted request since reset */
    uint64_t accept_cycle;  /* cycle numbers count clock edges since the end of reset */
    uint64_t answer_cycle;  /* valid once answered */
    uint64_t vaddr;
    uint8_t acc, priv;
    uint8_t satp_mode, seg_mode;
    uint16_t asid;
    uint64_t linear; /* address after segmentation / base-and-bounds */
    bool paged;      /* went through TLB lookup */
    bool hit;        /* answered from the TLB */
    bool refill;     /* hit that walked again (A/D) */
    uint8_t hit_index;
    bool walked;
    unsigned n_access;
    mmu_pte_access_t access[MMU_MAX_LEVELS + 1];
    bool filled;
    uint8_t fill_index;
    bool fill_suppressed; /* a FLUSH during the walk */
    /* the answer */
    uint64_t paddr;
    bool fault;
    uint8_t exc, cause, level;
    bool hybrid; /* HYBRID was active (docs/spec.md 4.5): linear is the VA */
} mmu_txn_t;

/* A TLB entry, as the model holds it (for tests and reports). */
typedef struct {
    bool valid;
    uint16_t asid;
    bool global;
    uint64_t vpn; /* linear address >> the mode's page shift (12; RADIX's offset bits) */
    uint8_t level;
    uint64_t ppn; /* the PTE's PPN; teaching modes: the PFN */
    bool r, w, x, u, a, d; /* teaching entries carry no permissions: all 0 */
} mmu_tlb_entry_t;

/* Create a model in reset state; NULL on a bad config, with a message in err (if given). */
mmu_model_t *mmu_create(const mmu_config_t *cfg, char *err, size_t err_len);
void mmu_destroy(mmu_model_t *m);
/* Return to the reset state at once (same as one cycle with rst_n = 0). */
void mmu_reset(mmu_model_t *m);

/* ---- cycle-level face ---- */
/* Outputs of the current cycle for these inputs; changes nothing. */
void mmu_eval(const mmu_model_t *m, const mmu_inputs_t *in, mmu_outputs_t *out);
/* mmu_eval, then the clock edge ending the cycle. out may be NULL. */
void mmu_step(mmu_model_t *m, const mmu_inputs_t *in, mmu_outputs_t *out);
/* Clock edges since the last reset. */
uint64_t mmu_cycle(const mmu_model_t *m);
/* The translation accepted and not yet answered (walking, or answer pending); NULL if none. */
const mmu_txn_t *mmu_inflight(const mmu_model_t *m);
/* Called at the clock edge that ends each translation's answer cycle (both faces). */
typedef void (*mmu_txn_cb)(void *user, const mmu_txn_t *txn);
void mmu_set_txn_callback(mmu_model_t *m, mmu_txn_cb cb, void *user);

/* ---- untimed face ---- */
typedef struct {
    /* Return true on success; false is a memory error (mem_resp_err). size is log2 bytes. */
    bool (*read)(void *user, uint64_t addr, unsigned size, uint64_t *data);
    bool (*write)(void *user, uint64_t addr, unsigned size, uint64_t data);
    void *user;
} mmu_memory_t;

typedef struct {
    uint64_t paddr;
    bool fault;
    uint8_t exc, cause, level;
    bool hit;
    uint8_t hit_index;
    bool fill_valid;
    uint8_t fill_index;
    unsigned n_access;
    mmu_pte_access_t access[MMU_MAX_LEVELS + 1];
} mmu_result_t;

/* Translate one request as the cycle model would (TLB, policy state and counters included;
 * WALK_CYCLES counts as if every memory access took one cycle of latency with no stall).
 * Returns false, changing nothing, for an illegal acc/priv. */
bool mmu_translate(mmu_model_t *m, uint64_t vaddr, unsigned acc, unsigned priv,
                   const mmu_memory_t *mem, mmu_result_t *res);
/* Register access without the port protocol, same WARL rules and flush effects.
 * mmu_csr_write returns true if the write flushed the TLB (any kind). */
bool mmu_csr_write(mmu_model_t *m, unsigned addr, uint64_t data);
uint64_t mmu_csr_read(const mmu_model_t *m, unsigned addr);

/* ---- inspection ---- */
unsigned mmu_tlb_entries(const mmu_model_t *m);
unsigned mmu_asid_bits(const mmu_model_t *m);
void mmu_tlb_entry(const mmu_model_t *m, unsigned index, mmu_tlb_entry_t *entry);
/* The entry the next non-refill fill would evict if no entry were invalid (for RANDOM: after the
 * LFSR step that fill would make; nothing is changed here). */
unsigned mmu_policy_victim(const mmu_model_t *m);
/* Protocol assertions (SPEC 9.12) that fired since reset, and the latest message. */
unsigned mmu_assertion_count(const mmu_model_t *m);
const char *mmu_assertion_message(const mmu_model_t *m);

/* The kit's version ("0.2.0"), printed by every --version. */
const char *mmu_version(void);

/* Exception code for a fault reason found by a given access type (SPEC section 5).
 * by_segmentation: VA_RANGE found by segmentation is an access fault, by paging a page fault. */
unsigned mmu_exc_code(unsigned cause, unsigned acc, bool by_segmentation);

#ifdef __cplusplus
}
#endif
#endif

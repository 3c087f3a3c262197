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
#include "mmu_helpers.h"
#include "mmu_regs.h"

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

/* The ports of one cycle (docs/spec.md 1), one member per port in port order (the lists are
 * MMU_INPUT_PORTS / MMU_OUTPUT_PORTS of mmu_enums.h, generated from rtl/mmu_iface.def).
 * Inputs include the synchronous active-low reset rst_n; every output is 0 when its qualifier is
 * 0 and during reset. */
#define MMU_PORT_MEMBER(ctype, name) ctype name;
typedef struct {
    MMU_INPUT_PORTS_TYPED(MMU_PORT_MEMBER)
} mmu_inputs_t;

typedef struct {
    MMU_OUTPUT_PORTS_TYPED(MMU_PORT_MEMBER)
} mmu_outputs_t;
#undef MMU_PORT_MEMBER

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
/* The clock edge alone, for a harness that looked at the outputs first: out must be what
 * mmu_eval(m, in, out) returned in this state (so the cycle is evaluated once). */
void mmu_clock(mmu_model_t *m, const mmu_inputs_t *in, const mmu_outputs_t *out);
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

/* ---- helpers: the paged modes' geometry, register values and PTEs ---- */
typedef struct {
    unsigned levels;     /* the top table is level levels-1 */
    unsigned page_shift; /* 12, or RADIX's offset bits */
    unsigned idx_bits;   /* index bits of each level below the top */
    unsigned top_bits;   /* index bits of the top level */
    unsigned pte_log2;   /* log2 of the PTE size in bytes */
    unsigned va_bits;    /* the VA check: canonical (Sv39/48) or zero-extended */
    bool canonical;
    unsigned ppn_bits;   /* Sv: the PTE's PPN width (22 or 44); teaching: the PFN width */
    unsigned asid_bits;  /* ASID bits the mode defines */
} mmu_geometry_t;
/* The geometry of Sv32/Sv39/Sv48 (radix is not used) or of the teaching tables of MODE 15 with
 * this RADIX value (docs/spec.md 4.3, 4.4); false for Bare, another mode or an illegal RADIX. */
bool mmu_geometry(unsigned satp_mode, uint64_t radix, mmu_geometry_t *g);
/* SATP and PTE values from their fields and back: mmu_helpers.h. */

/* The kit's version ("0.2.0"), printed by every --version. */
const char *mmu_version(void);

/* Exception code for a fault reason found by a given access type (SPEC section 5).
 * by_segmentation: VA_RANGE found by segmentation is an access fault, by paging a page fault. */
unsigned mmu_exc_code(unsigned cause, unsigned acc, bool by_segmentation);

#ifdef __cplusplus
}
#endif
#endif

/* The page-table walker (rtl/mmu_ptw.sv): its state machine, the page-table memory port and the
 * PTE checks of docs/spec.md 4.3 (Sv32/Sv39/Sv48) and 4.4/4.5 (teaching tables, HYBRID). One walk
 * at a time; the cycle face clocks it once per cycle, the untimed face clocks it against a memory
 * of latency 1. */
#ifndef MMU_PTW_H
#define MMU_PTW_H

#include "mmu_pkg.h"

typedef enum {
    PTW_IDLE,
    PTW_READ_REQ,  /* PTE read presented, held until mem_req_ready */
    PTW_READ_WAIT, /* waiting for the PTE */
    PTW_AD_REQ,    /* A/D write presented, held until mem_req_ready */
    PTW_AD_WAIT,   /* waiting for the write's acknowledgement */
    PTW_ANSWER     /* answer presented by the response register; fill at the end of the cycle */
} mmu_ptw_state_e;

/* A walk, as the request stage starts it in cycle t. */
typedef struct {
    uint64_t va;          /* the address looked up in the TLB (linear; HYBRID: the VA) */
    uint8_t acc, priv;
    bool refill;          /* started by a hit whose first problem is A/D */
    uint8_t refill_index;
    uint64_t table_base;  /* byte address of the top table */
} mmu_walk_req_t;

/* The walker's inputs in one cycle. */
typedef struct {
    bool mem_req_ready, mem_resp_valid, mem_resp_err;
    uint64_t mem_resp_rdata;
    bool flush;       /* a FLUSH accepted this cycle (suppresses the fill) */
    uint64_t status;  /* SUM, MXR, HWAD */
    uint16_t asid;    /* the fill's ASID */
} mmu_ptw_in_t;

/* What one clock edge did. */
typedef struct {
    bool walk_start;  /* cycle t+1: MISSES, WALKS */
    bool walk_cycle;  /* t+1 .. A-1: WALK_CYCLES */
    bool accepted;    /* a memory request was accepted: addr, level, write, wdata */
    bool write;
    uint64_t addr, wdata;
    uint8_t level;
    bool responded;   /* a memory response was taken: rdata, err */
    uint64_t rdata;
    bool err;
    bool done;        /* the answer was decided: the response register presents it next */
} mmu_ptw_step_t;

typedef struct {
    mmu_ptw_state_e state;
    bool first;       /* this is cycle t+1 */
    const mmu_geom_t *g;
    uint64_t va;
    uint8_t acc, priv;
    unsigned level;   /* of the PTE being read */
    uint64_t pte_addr;
    bool global;      /* OR of G over the path */
    uint64_t ad_wdata;
    bool refill;
    uint8_t refill_index;
    bool suppress;    /* a FLUSH was accepted during the walk */
    bool ok;          /* the walk installs fill_entry (valid in PTW_ANSWER) */
    mmu_answer_t ans;
    mmu_tlb_entry_t fill_entry;
} mmu_ptw_t;

/* The memory request presented this cycle. */
typedef struct {
    bool valid, write;
    uint64_t addr, wdata;
    uint8_t size;
} mmu_memreq_t;

void ptw_reset(mmu_ptw_t *w);
static inline bool ptw_busy(const mmu_ptw_t *w) { return w->state != PTW_IDLE; }
/* A memory request awaits its response (mem_resp_valid is legal). */
static inline bool ptw_outstanding(const mmu_ptw_t *w)
{
    return w->state == PTW_READ_WAIT || w->state == PTW_AD_WAIT;
}
/* The walk installs its entry at the end of this cycle (flush_now: a FLUSH accepted now). */
static inline bool ptw_fills(const mmu_ptw_t *w, bool flush_now)
{
    return w->state == PTW_ANSWER && w->ok && !w->suppress && !flush_now;
}
void ptw_memreq(const mmu_ptw_t *w, mmu_memreq_t *rq);
/* Start a walk at the edge ending cycle t (the walker is idle). g must stay valid while busy. */
void ptw_start(mmu_ptw_t *w, const mmu_walk_req_t *req, const mmu_geom_t *g);
/* The clock edge ending this cycle. */
void ptw_clock(mmu_ptw_t *w, const mmu_ptw_in_t *in, mmu_ptw_step_t *st);

#endif

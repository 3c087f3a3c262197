/* Register and PTE values without hand-written shifts: SATP compose/decode, and Sv PTE
 * compose/decode for the two layouts (Sv32's 32-bit PTE; Sv39/Sv48's 64-bit one, which TLB_LO of
 * Soft mode uses too). Every position is a generated macro of mmu_regs.h (rtl/mmu_regs.rdl,
 * rtl/mmu_iface.def); nothing here retypes one. Included by mmu_model.h; C11 and C++. */
#ifndef MMU_HELPERS_H
#define MMU_HELPERS_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu_enums.h"
#include "mmu_regs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- SATP ---- */
typedef struct {
    unsigned mode; /* mmu_satp_mode_e (BARE, SV32, SV39, SV48, SOFT, RADIX) or another 0..15 */
    unsigned asid;
    uint64_t ppn;  /* root table page number */
} mmu_satp_fields_t;

/* A SATP value; each field is cut to its width (no WARL applied: the register's write rules
 * are the model's, docs/spec.md 2). */
static inline uint64_t mmu_satp_value(unsigned mode, unsigned asid, uint64_t ppn)
{
    return MMU_PUT(SATP_MODE, mode) | MMU_PUT(SATP_ASID, asid) | MMU_PUT(SATP_PPN, ppn);
}

static inline mmu_satp_fields_t mmu_satp_decode(uint64_t satp)
{
    mmu_satp_fields_t f;
    f.mode = (unsigned)MMU_FIELD(satp, SATP_MODE);
    f.asid = (unsigned)MMU_FIELD(satp, SATP_ASID);
    f.ppn = MMU_FIELD(satp, SATP_PPN);
    return f;
}

/* ---- Sv PTEs ---- */
typedef struct {
    uint64_t ppn;  /* 22 bits (Sv32) or 44 bits (Sv39/Sv48) */
    uint8_t flags; /* V R W X U G A D: MMU_PTE_V | MMU_PTE_R | ... */
    uint8_t rsw;   /* bits 9:8, for software */
    /* the 64-bit layout only (0 in Sv32) */
    uint8_t rsvd;  /* bits 60:54, must be 0 */
    uint8_t pbmt;  /* bits 62:61 */
    bool n;        /* bit 63 */
} mmu_pte_fields_t;

/* True for the modes whose page tables hold Sv PTEs: Sv32 (32-bit layout), Sv39, Sv48 and Soft's
 * TLB_LO (64-bit layout). The teaching formats (RADIX) have the layout RADIX defines. */
static inline bool mmu_pte_mode_ok(unsigned satp_mode)
{
    return satp_mode == MMU_SATP_SV32 || satp_mode == MMU_SATP_SV39 || satp_mode == MMU_SATP_SV48 ||
           satp_mode == MMU_SATP_SOFT;
}

/* Width of the PPN of a PTE in this mode's layout (0 if the mode has no Sv PTE). */
static inline unsigned mmu_pte_ppn_bits(unsigned satp_mode)
{
    return !mmu_pte_mode_ok(satp_mode) ? 0
           : satp_mode == MMU_SATP_SV32 ? MMU_PTE_SV32_PPN_WIDTH
                                        : MMU_PTE_SV64_PPN_WIDTH;
}

/* The PTE with these fields in this mode's layout; each field is cut to its width, and Sv32
 * drops the fields it lacks (the value then fits in 32 bits). 0 for a mode without Sv PTEs. */
static inline uint64_t mmu_pte_compose(unsigned satp_mode, const mmu_pte_fields_t *f)
{
    uint64_t flags = f->flags & MMU_PTE_FLAGS_MASK;
    if (satp_mode == MMU_SATP_SV32)
        return MMU_PUT(PTE_SV32_PPN, f->ppn) | MMU_PUT(PTE_SV32_RSW, f->rsw) | flags;
    if (!mmu_pte_mode_ok(satp_mode))
        return 0;
    return MMU_PUT(PTE_SV64_N, f->n) | MMU_PUT(PTE_SV64_PBMT, f->pbmt) |
           MMU_PUT(PTE_SV64_RSVD, f->rsvd) | MMU_PUT(PTE_SV64_PPN, f->ppn) |
           MMU_PUT(PTE_SV64_RSW, f->rsw) | flags;
}

/* The fields of a PTE read in this mode; false (and all fields 0) for a mode without Sv PTEs.
 * Sv32 looks at bits 31:0 only. */
static inline bool mmu_pte_decode(unsigned satp_mode, uint64_t pte, mmu_pte_fields_t *f)
{
    f->ppn = 0;
    f->flags = f->rsw = f->rsvd = f->pbmt = 0;
    f->n = false;
    if (!mmu_pte_mode_ok(satp_mode))
        return false;
    f->flags = (uint8_t)(pte & MMU_PTE_FLAGS_MASK);
    if (satp_mode == MMU_SATP_SV32) {
        f->ppn = MMU_FIELD(pte, PTE_SV32_PPN);
        f->rsw = (uint8_t)MMU_FIELD(pte, PTE_SV32_RSW);
        return true;
    }
    f->ppn = MMU_FIELD(pte, PTE_SV64_PPN);
    f->rsw = (uint8_t)MMU_FIELD(pte, PTE_SV64_RSW);
    f->rsvd = (uint8_t)MMU_FIELD(pte, PTE_SV64_RSVD);
    f->pbmt = (uint8_t)MMU_FIELD(pte, PTE_SV64_PBMT);
    f->n = MMU_FIELD(pte, PTE_SV64_N) != 0;
    return true;
}

/* Short forms: an Sv PTE from its PPN and flag bits (the PPN not cut: a PPN too wide for the
 * layout spills into the bits above it, as a test of reserved bits may want), and the PPN of
 * one given the layout's PPN width (mmu_pte_ppn_bits, or mmu_geometry_t.ppn_bits). */
static inline uint64_t mmu_sv_pte(uint64_t ppn, uint64_t flags) { return (ppn << MMU_PTE_PPN_LSB) | flags; }
static inline uint64_t mmu_sv_pte_ppn(uint64_t pte, unsigned ppn_bits)
{
    return (pte >> MMU_PTE_PPN_LSB) & ((UINT64_C(1) << ppn_bits) - 1);
}

/* A valid PTE with R or X set is a leaf; a valid one without is a pointer to the next table. */
static inline bool mmu_pte_is_leaf(uint64_t pte)
{
    return (pte & MMU_PTE_V) && (pte & (MMU_PTE_R | MMU_PTE_X));
}

#ifdef __cplusplus
}
#endif
#endif

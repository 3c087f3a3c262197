/* One X-macro list per enumeration, so names in logs, reports, waves and docs cannot drift apart.
 * The numeric values are the docs/spec.md encodings; the RTL package (rtl/mmu_pkg.sv) uses the same. */
#ifndef MMU_ENUMS_H
#define MMU_ENUMS_H

#ifdef __cplusplus
extern "C" {
#endif

/* Fault reasons (resp_cause), SPEC section 5. */
#define MMU_CAUSE_LIST(X)        \
    X(NONE, 0)                   \
    X(BOUNDS, 1)                 \
    X(SEG_INVALID, 2)            \
    X(SEG_LIMIT, 3)              \
    X(SEG_PERM, 4)               \
    X(VA_RANGE, 5)               \
    X(PTE_INVALID, 6)            \
    X(PTE_RESERVED_WR, 7)        \
    X(PTE_RESERVED_BITS, 8)      \
    X(NONLEAF_AT_LEVEL0, 9)      \
    X(PERM_READ, 10)             \
    X(PERM_WRITE, 11)            \
    X(PERM_EXEC, 12)             \
    X(PERM_USER_PAGE, 13)        \
    X(PERM_SUPERVISOR_PAGE, 14)  \
    X(MISALIGNED_SUPERPAGE, 15)  \
    X(A_CLEAR, 16)               \
    X(D_CLEAR, 17)               \
    X(WALK_ACCESS_ERROR, 18)     \
    X(NOT_PRESENT, 19)           \
    X(PAGE_BOUND, 20)

#define MMU_ACC_LIST(X) X(LOAD, 0) X(STORE, 1) X(FETCH, 2)
#define MMU_PRIV_LIST(X) X(U, 0) X(S, 1) X(M, 3)
#define MMU_SATP_MODE_LIST(X) X(BARE, 0) X(SV32, 1) X(SV39, 8) X(SV48, 9) X(RADIX, 15)
#define MMU_SEG_MODE_LIST(X) X(OFF, 0) X(BASE_BOUNDS, 1) X(SEGMENTS, 2)
#define MMU_POLICY_LIST(X) X(LRU, 0) X(PLRU, 1) X(FIFO, 2) X(RANDOM, 3)
#define MMU_FLUSH_KIND_LIST(X) X(ALL, 0) X(ASID, 1) X(VA, 2) X(VA_ASID, 3)

/* RISC-V exception codes carried by resp_exc. */
#define MMU_EXC_LIST(X)                                                                  \
    X(NONE, 0) X(FETCH_ACCESS, 1) X(LOAD_ACCESS, 5) X(STORE_ACCESS, 7) X(FETCH_PAGE, 12) \
    X(LOAD_PAGE, 13) X(STORE_PAGE, 15)

/* Register map, SPEC section 2. Segment registers are 0x10 + 3n + {0,1,2}. */
#define MMU_CSR_LIST(X)                                                                     \
    X(SATP, 0x00) X(STATUS, 0x01) X(SEGCTL, 0x02) X(BASE, 0x03) X(BOUNDS, 0x04) X(RADIX, 0x05) \
    X(TLBCTL, 0x06) X(FLUSH, 0x08) X(FLUSH_VA, 0x09) X(SEG0_BASE, 0x10)                      \
    X(HITS, 0x40) X(MISSES, 0x41) X(WALKS, 0x42) X(WALK_CYCLES, 0x43) X(PTE_READS, 0x44)     \
    X(AD_WRITES, 0x45) X(FAULTS, 0x46) X(EVICTIONS, 0x47) X(FLUSHES, 0x48)

/* Counters in register order (index = address - MMU_CSR_HITS). */
#define MMU_COUNTER_LIST(X)                                                                 \
    X(HITS, 0) X(MISSES, 1) X(WALKS, 2) X(WALK_CYCLES, 3) X(PTE_READS, 4) X(AD_WRITES, 5)  \
    X(FAULTS, 6) X(EVICTIONS, 7) X(FLUSHES, 8)

#define MMU_ENUM_ITEM(prefix, name, value) prefix##name = value,
#define MMU_X_CAUSE(n, v) MMU_ENUM_ITEM(MMU_CAUSE_, n, v)
#define MMU_X_ACC(n, v) MMU_ENUM_ITEM(MMU_ACC_, n, v)
#define MMU_X_PRIV(n, v) MMU_ENUM_ITEM(MMU_PRIV_, n, v)
#define MMU_X_SATP(n, v) MMU_ENUM_ITEM(MMU_SATP_, n, v)
#define MMU_X_SEGM(n, v) MMU_ENUM_ITEM(MMU_SEG_, n, v)
#define MMU_X_POL(n, v) MMU_ENUM_ITEM(MMU_POLICY_, n, v)
#define MMU_X_FLUSH(n, v) MMU_ENUM_ITEM(MMU_FLUSH_, n, v)
#define MMU_X_EXC(n, v) MMU_ENUM_ITEM(MMU_EXC_, n, v)
#define MMU_X_CSR(n, v) MMU_ENUM_ITEM(MMU_CSR_, n, v)
#define MMU_X_CNT(n, v) MMU_ENUM_ITEM(MMU_CNT_, n, v)

typedef enum { MMU_CAUSE_LIST(MMU_X_CAUSE) MMU_CAUSE_COUNT = 21 } mmu_cause_e;
typedef enum { MMU_ACC_LIST(MMU_X_ACC) } mmu_acc_e;
typedef enum { MMU_PRIV_LIST(MMU_X_PRIV) } mmu_priv_e;
typedef enum { MMU_SATP_MODE_LIST(MMU_X_SATP) } mmu_satp_mode_e;
typedef enum { MMU_SEG_MODE_LIST(MMU_X_SEGM) } mmu_seg_mode_e;
typedef enum { MMU_POLICY_LIST(MMU_X_POL) } mmu_policy_e;
typedef enum { MMU_FLUSH_KIND_LIST(MMU_X_FLUSH) } mmu_flush_kind_e;
typedef enum { MMU_EXC_LIST(MMU_X_EXC) } mmu_exc_e;
typedef enum { MMU_CSR_LIST(MMU_X_CSR) } mmu_csr_addr_e;
typedef enum { MMU_COUNTER_LIST(MMU_X_CNT) MMU_CNT_COUNT = 9 } mmu_counter_e;

/* Name lookups: return the SPEC name ("PTE_INVALID", "STORE", "SV39", ...) or "?" for a value
 * outside the enumeration. mmu_csr_name also names SEGn_BASE/LIMIT/FLAGS. */
const char *mmu_cause_name(unsigned cause);
const char *mmu_acc_name(unsigned acc);
const char *mmu_priv_name(unsigned priv);
const char *mmu_satp_mode_name(unsigned mode);
const char *mmu_seg_mode_name(unsigned mode);
const char *mmu_policy_name(unsigned policy);
const char *mmu_flush_kind_name(unsigned kind);
const char *mmu_csr_name(unsigned addr);
const char *mmu_counter_name(unsigned index);

/* Reverse lookups for text formats: return the value, or -1 if the name is unknown.
 * Matching is case-insensitive. */
int mmu_cause_from_name(const char *name);
int mmu_acc_from_name(const char *name);
int mmu_priv_from_name(const char *name);
int mmu_satp_mode_from_name(const char *name);
int mmu_policy_from_name(const char *name);
int mmu_flush_kind_from_name(const char *name);
int mmu_csr_from_name(const char *name); /* accepts SEGn_BASE/LIMIT/FLAGS too */

#ifdef __cplusplus
}
#endif
#endif

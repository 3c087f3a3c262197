/* Names of the enumerations, generated from the X-macro lists in mmu_enums.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "mmu_enums.h"

#define NAME_CASE(n, v) \
    case v:             \
        return #n;

const char *mmu_cause_name(unsigned v) { switch (v) { MMU_CAUSE_LIST(NAME_CASE) default: return "?"; } }
const char *mmu_acc_name(unsigned v) { switch (v) { MMU_ACC_LIST(NAME_CASE) default: return "?"; } }
const char *mmu_priv_name(unsigned v) { switch (v) { MMU_PRIV_LIST(NAME_CASE) default: return "?"; } }
const char *mmu_satp_mode_name(unsigned v) { switch (v) { MMU_SATP_MODE_LIST(NAME_CASE) default: return "?"; } }
const char *mmu_seg_mode_name(unsigned v) { switch (v) { MMU_SEG_MODE_LIST(NAME_CASE) default: return "?"; } }
const char *mmu_policy_name(unsigned v) { switch (v) { MMU_POLICY_LIST(NAME_CASE) default: return "?"; } }
const char *mmu_flush_kind_name(unsigned v) { switch (v) { MMU_FLUSH_KIND_LIST(NAME_CASE) default: return "?"; } }
const char *mmu_counter_name(unsigned v) { switch (v) { MMU_COUNTER_LIST(NAME_CASE) default: return "?"; } }

const char *mmu_csr_name(unsigned addr)
{
    static const char *const seg_names[24] = {
        "SEG0_BASE", "SEG0_LIMIT", "SEG0_FLAGS", "SEG1_BASE", "SEG1_LIMIT", "SEG1_FLAGS",
        "SEG2_BASE", "SEG2_LIMIT", "SEG2_FLAGS", "SEG3_BASE", "SEG3_LIMIT", "SEG3_FLAGS",
        "SEG4_BASE", "SEG4_LIMIT", "SEG4_FLAGS", "SEG5_BASE", "SEG5_LIMIT", "SEG5_FLAGS",
        "SEG6_BASE", "SEG6_LIMIT", "SEG6_FLAGS", "SEG7_BASE", "SEG7_LIMIT", "SEG7_FLAGS"};
    if (addr >= 0x10 && addr < 0x10 + 24)
        return seg_names[addr - 0x10];
    switch (addr) {
        MMU_CSR_LIST(NAME_CASE)
    default:
        return "?";
    }
}

static int name_equal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
            return 0;
    return *a == *b;
}

#define FROM_NAME(n, v)       \
    if (name_equal(name, #n)) \
        return v;

int mmu_cause_from_name(const char *name) { MMU_CAUSE_LIST(FROM_NAME) return -1; }
int mmu_acc_from_name(const char *name) { MMU_ACC_LIST(FROM_NAME) return -1; }
int mmu_priv_from_name(const char *name) { MMU_PRIV_LIST(FROM_NAME) return -1; }
int mmu_satp_mode_from_name(const char *name) { MMU_SATP_MODE_LIST(FROM_NAME) return -1; }
int mmu_policy_from_name(const char *name) { MMU_POLICY_LIST(FROM_NAME) return -1; }
int mmu_flush_kind_from_name(const char *name) { MMU_FLUSH_KIND_LIST(FROM_NAME) return -1; }

int mmu_csr_from_name(const char *name)
{
    for (unsigned a = 0x10; a < 0x10 + 24; a++)
        if (name_equal(name, mmu_csr_name(a)))
            return (int)a;
    MMU_CSR_LIST(FROM_NAME)
    return -1;
}

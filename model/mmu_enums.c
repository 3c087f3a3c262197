/* Names of the enumerations, from the generated X-macro lists of mmu_enums.h. */
#include "mmu_enums.h"

#include <ctype.h>

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
const char *mmu_tlb_cmd_name(unsigned v) { switch (v) { MMU_TLB_CMD_LIST(NAME_CASE) default: return "?"; } }
const char *mmu_exc_name(unsigned v) { switch (v) { MMU_EXC_LIST(NAME_CASE) default: return "?"; } }
const char *mmu_csr_name(unsigned v) { switch (v) { MMU_CSR_LIST(NAME_CASE) default: return "?"; } }
const char *mmu_counter_name(unsigned v) { switch (v) { MMU_COUNTER_LIST(NAME_CASE) default: return "?"; } }

#define ABBR_CASE(n, abbr, text) \
    case MMU_CAUSE_##n:          \
        return abbr;
#define TEXT_CASE(n, abbr, text) \
    case MMU_CAUSE_##n:          \
        return text;
#define EXC_TEXT_CASE(n, text) \
    case MMU_EXC_##n:          \
        return text;
const char *mmu_cause_abbr(unsigned v) { switch (v) { MMU_CAUSE_INFO(ABBR_CASE) default: return "?"; } }
const char *mmu_cause_text(unsigned v) { switch (v) { MMU_CAUSE_INFO(TEXT_CASE) default: return "?"; } }
const char *mmu_exc_text(unsigned v) { switch (v) { MMU_EXC_INFO(EXC_TEXT_CASE) default: return "?"; } }

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
int mmu_seg_mode_from_name(const char *name) { MMU_SEG_MODE_LIST(FROM_NAME) return -1; }
int mmu_policy_from_name(const char *name) { MMU_POLICY_LIST(FROM_NAME) return -1; }
int mmu_flush_kind_from_name(const char *name) { MMU_FLUSH_KIND_LIST(FROM_NAME) return -1; }
int mmu_tlb_cmd_from_name(const char *name) { MMU_TLB_CMD_LIST(FROM_NAME) return -1; }
int mmu_exc_from_name(const char *name) { MMU_EXC_LIST(FROM_NAME) return -1; }
int mmu_csr_from_name(const char *name) { MMU_CSR_LIST(FROM_NAME) return -1; }

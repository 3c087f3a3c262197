/* Registers, WARL rules, counters and the flushes that register writes cause (rtl/mmu_csr.sv). */
#include <string.h>

#include "mmu_internal.h"

#define SATP_MODE_OF(v) ((unsigned)((v) >> SATP_MODE_SHIFT))
#define SEGCTL_KEPT (SEGCTL_MODE_MASK | (SEGCTL_SELECT_MASK << SEGCTL_SELECT_SHIFT) | \
                     (SEGCTL_VABITS_MASK << SEGCTL_VABITS_SHIFT) | SEGCTL_HYBRID)
#define STATUS_KEPT (STATUS_HWAD | STATUS_SUM | STATUS_MXR)
#define RADIX_KEPT ((UINT64_C(1) << 41) - 1)
#define TLBCTL_POLICY_MASK 0x3u
#define TLBCTL_LFSR_SHIFT 16
#define FLUSH_KIND_MASK 0x3u

void csr_reset(mmu_csr_t *csr)
{
    memset(csr, 0, sizeof *csr);
    csr->policy = MMU_POLICY_LRU;
    csr->lfsr = 1;
}

unsigned csr_satp_mode(const mmu_csr_t *csr) { return SATP_MODE_OF(csr->satp); }

const mmu_scheme_t *csr_scheme(const mmu_csr_t *csr) { return ptw_scheme(csr_satp_mode(csr)); }

uint16_t csr_asid_mask(const mmu_model_t *m)
{
    uint32_t build = (UINT32_C(1) << m->cfg.asid_bits) - 1;
    const mmu_scheme_t *s = csr_scheme(&m->csr);
    uint32_t mode = s ? (UINT32_C(1) << s->asid_bits) - 1 : 0xffff;
    return (uint16_t)(build & mode);
}

uint16_t csr_asid(const mmu_model_t *m)
{
    return (uint16_t)((m->csr.satp >> SATP_ASID_SHIFT) & csr_asid_mask(m));
}

void csr_count(mmu_csr_t *csr, mmu_counter_e counter, uint64_t amount)
{
    csr->counters[counter] += amount;
}

/* SATP WARL: an unsupported MODE (or MODE 15, see docs/decisions.md #2) ignores the write whole. */
static bool satp_legal(uint64_t data, const mmu_config_t *cfg, uint64_t *kept)
{
    unsigned mode = SATP_MODE_OF(data);
    uint64_t build_asid = (UINT64_C(1) << cfg->asid_bits) - 1;
    uint64_t asid, ppn;
    switch (mode) {
    case MMU_SATP_BARE:
    case MMU_SATP_SV39:
    case MMU_SATP_SV48:
        asid = (data >> SATP_ASID_SHIFT) & 0xffff;
        ppn = data & SATP_PPN_MASK;
        break;
    case MMU_SATP_SV32:
        asid = (data >> SATP_ASID_SHIFT) & 0x1ff;
        ppn = data & SATP_SV32_PPN_MASK;
        break;
    default:
        return false;
    }
    *kept = ((uint64_t)mode << SATP_MODE_SHIFT) | ((asid & build_asid) << SATP_ASID_SHIFT) | ppn;
    return true;
}

static bool segctl_legal(uint64_t data)
{
    unsigned mode = data & SEGCTL_MODE_MASK;
    unsigned select = (data >> SEGCTL_SELECT_SHIFT) & SEGCTL_SELECT_MASK;
    unsigned va_bits = (data >> SEGCTL_VABITS_SHIFT) & SEGCTL_VABITS_MASK;
    if (mode == 3)
        return false;
    if (mode == MMU_SEG_SEGMENTS && (select < 1 || select > 3 || va_bits <= select || va_bits > 56))
        return false;
    return true;
}

/* Fields that lie inside [0, limit) bits and do not overlap. */
static bool radix_field_ok(unsigned lsb, unsigned width, unsigned limit, uint64_t *used)
{
    if (lsb + width > limit)
        return false;
    uint64_t bits = (width >= 64 ? ~UINT64_C(0) : ((UINT64_C(1) << width) - 1)) << lsb;
    if (*used & bits)
        return false;
    *used |= bits;
    return true;
}

/* RADIX WARL, SPEC 4.4. */
static bool radix_legal(uint64_t data)
{
    unsigned va_bits = data & 0x3f;
    unsigned offset = (data >> 6) & 0x3f;
    unsigned levels = (data >> 12) & 0x3;
    unsigned pte_bits = 8u << ((data >> 14) & 0x3);
    unsigned valid_bit = (data >> 16) & 0x3f;
    unsigned present_bit = (data >> 22) & 0x3f;
    bool present_used = (data >> 28) & 1;
    unsigned pfn_lsb = (data >> 29) & 0x3f;
    unsigned pfn_width = (data >> 35) & 0x3f;
    uint64_t used = 0;
    if (!(1 <= offset && offset < va_bits && va_bits <= 56))
        return false;
    if (!(1 <= levels && levels <= va_bits - offset))
        return false;
    if (pfn_width < 1)
        return false;
    if (!radix_field_ok(valid_bit, 1, pte_bits, &used))
        return false;
    if (present_used && !radix_field_ok(present_bit, 1, pte_bits, &used))
        return false;
    return radix_field_ok(pfn_lsb, pfn_width, pte_bits, &used);
}

int csr_write_flush_kind(const mmu_model_t *m, unsigned addr, uint64_t data)
{
    const mmu_csr_t *csr = &m->csr;
    uint64_t kept;
    switch (addr) {
    case MMU_CSR_FLUSH:
        return (int)(data & FLUSH_KIND_MASK);
    case MMU_CSR_SATP:
        if (satp_legal(data, &m->cfg, &kept) && SATP_MODE_OF(kept) != csr_satp_mode(csr))
            return MMU_FLUSH_ALL;
        return -1;
    case MMU_CSR_SEGCTL:
        if (segctl_legal(data) && (data & SEGCTL_KEPT) != csr->segctl)
            return MMU_FLUSH_ALL;
        return -1;
    case MMU_CSR_RADIX:
        if (radix_legal(data) && (data & RADIX_KEPT) != csr->radix)
            return MMU_FLUSH_ALL;
        return -1;
    default:
        return -1;
    }
}

static void do_flush(mmu_model_t *m, unsigned kind, uint16_t flush_asid)
{
    const mmu_scheme_t *s = csr_scheme(&m->csr);
    bool va_valid = s && ptw_va_valid(s, m->csr.flush_va);
    uint16_t mask = csr_asid_mask(m);
    tlb_flush(&m->tlb, kind, m->csr.flush_va, va_valid, flush_asid & mask, mask, s);
}

void csr_write(mmu_model_t *m, unsigned addr, uint64_t data)
{
    mmu_csr_t *csr = &m->csr;
    int flush = csr_write_flush_kind(m, addr, data);
    uint64_t kept;
    if (addr >= MMU_CSR_SEG0_BASE && addr < MMU_CSR_SEG0_BASE + 3 * MMU_NUM_SEGMENTS) {
        unsigned n = (addr - MMU_CSR_SEG0_BASE) / 3;
        switch ((addr - MMU_CSR_SEG0_BASE) % 3) {
        case 0: csr->seg_base[n] = data; break;
        case 1: csr->seg_limit[n] = data; break;
        default: csr->seg_flags[n] = (uint8_t)(data & SEGF_MASK); break;
        }
        return;
    }
    switch (addr) {
    case MMU_CSR_SATP:
        if (satp_legal(data, &m->cfg, &kept))
            csr->satp = kept;
        break;
    case MMU_CSR_STATUS: csr->status = data & STATUS_KEPT; break;
    case MMU_CSR_SEGCTL:
        if (segctl_legal(data))
            csr->segctl = data & SEGCTL_KEPT;
        break;
    case MMU_CSR_BASE: csr->base = data; break;
    case MMU_CSR_BOUNDS: csr->bounds = data; break;
    case MMU_CSR_RADIX:
        if (radix_legal(data))
            csr->radix = data & RADIX_KEPT;
        break;
    case MMU_CSR_TLBCTL: {
        uint16_t lfsr = (uint16_t)(data >> TLBCTL_LFSR_SHIFT);
        csr->policy = data & TLBCTL_POLICY_MASK;
        csr->lfsr = lfsr ? lfsr : 1;
        break;
    }
    case MMU_CSR_FLUSH:
        /* flushes with the mode, ASID mask and FLUSH_VA as they are now */
        do_flush(m, (unsigned)flush, (uint16_t)(data >> SATP_ASID_SHIFT));
        csr_count(csr, MMU_CNT_FLUSHES, 1);
        return;
    case MMU_CSR_FLUSH_VA: csr->flush_va = data; break;
    default: break; /* counters and unused addresses ignore writes */
    }
    if (flush >= 0) /* SATP MODE, SEGCTL or RADIX changed: flush all */
        tlb_flush(&m->tlb, MMU_FLUSH_ALL, 0, false, 0, 0, NULL);
}

uint64_t csr_read(const mmu_model_t *m, unsigned addr)
{
    const mmu_csr_t *csr = &m->csr;
    if (addr >= MMU_CSR_SEG0_BASE && addr < MMU_CSR_SEG0_BASE + 3 * MMU_NUM_SEGMENTS) {
        unsigned n = (addr - MMU_CSR_SEG0_BASE) / 3;
        switch ((addr - MMU_CSR_SEG0_BASE) % 3) {
        case 0: return csr->seg_base[n];
        case 1: return csr->seg_limit[n];
        default: return csr->seg_flags[n];
        }
    }
    if (addr >= MMU_CSR_HITS && addr < MMU_CSR_HITS + MMU_CNT_COUNT)
        return csr->counters[addr - MMU_CSR_HITS];
    switch (addr) {
    case MMU_CSR_SATP: return csr->satp;
    case MMU_CSR_STATUS: return csr->status;
    case MMU_CSR_SEGCTL: return csr->segctl;
    case MMU_CSR_BASE: return csr->base;
    case MMU_CSR_BOUNDS: return csr->bounds;
    case MMU_CSR_RADIX: return csr->radix;
    case MMU_CSR_TLBCTL: return csr->policy | ((uint64_t)csr->lfsr << TLBCTL_LFSR_SHIFT);
    case MMU_CSR_FLUSH_VA: return csr->flush_va;
    default: return 0; /* FLUSH is write-only; unused addresses read 0 */
    }
}

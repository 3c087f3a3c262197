/* Registers, WARL rules, counters and the flushes that register writes cause (rtl/mmu_csr.sv). */
#include "mmu_csr.h"

#include <string.h>


#define SATP_MODE_OF(v) ((unsigned)MMU_FIELD(v, SATP_MODE))
#define CSR_FIRST_SEG MMU_CSR_SEG0_BASE
#define CSR_LAST_SEG (MMU_CSR_SEG0_BASE + 3 * MMU_NUM_SEGMENTS - 1)

/* SATP.MODE, SEGCTL and RADIX decide the paged mode's geometry, the ASID and its mask. */
static void derive(mmu_csr_t *c)
{
    unsigned mode = csr_satp_mode(c);
    c->paged = mode != MMU_SATP_BARE;
    if (mode == MMU_SATP_RADIX) {
        unsigned select = (unsigned)MMU_FIELD(c->segctl, SEGCTL_SELECT);
        unsigned va_bits = (unsigned)MMU_FIELD(c->segctl, SEGCTL_VA_BITS);
        unsigned offset = (unsigned)MMU_FIELD(c->radix, RADIX_OFFSET);
        /* HYBRID (4.5, 9.7): segments, the HYBRID bit, and a VPN left between segment and page */
        bool hybrid = csr_seg_mode(c) == MMU_SEG_SEGMENTS && (c->segctl & MMU_SEGCTL_HYBRID_MASK) &&
                      va_bits - select > offset;
        if (hybrid)
            pkg_geom_hybrid(&c->geom, c->radix, va_bits, va_bits - select);
        else
            pkg_geom_radix(&c->geom, c->radix);
    } else if (!pkg_geom_sv(&c->geom, mode)) {
        memset(&c->geom, 0, sizeof c->geom); /* Bare */
    }
    uint32_t build = (UINT32_C(1) << c->asid_bits_build) - 1;
    uint32_t in_mode = c->paged ? (UINT32_C(1) << c->geom.asid_bits) - 1 : 0xffff;
    c->asid_mask = (uint16_t)(build & in_mode);
    c->asid = (uint16_t)((c->satp >> MMU_SATP_ASID_LSB) & c->asid_mask);
}

void csr_reset(mmu_csr_t *c, unsigned asid_bits_build)
{
    memset(c, 0, sizeof *c);
    c->policy = MMU_POLICY_LRU;
    c->asid_bits_build = asid_bits_build;
    derive(c);
}

/* SATP WARL: an unsupported MODE, or MODE 15 while RADIX is 0, ignores the write whole. */
static bool satp_legal(const mmu_csr_t *c, uint64_t data, uint64_t *kept)
{
    unsigned mode = SATP_MODE_OF(data);
    uint64_t asid_bits = 16, ppn_bits = MMU_SATP_PPN_WIDTH;
    switch (mode) {
    case MMU_SATP_BARE:
    case MMU_SATP_SV39:
    case MMU_SATP_SV48:
        break;
    case MMU_SATP_RADIX:
        if (c->radix == 0) /* no legal RADIX write makes it 0 again */
            return false;
        break;
    case MMU_SATP_SV32:
        asid_bits = SATP_SV32_ASID_BITS;
        ppn_bits = SATP_SV32_PPN_BITS;
        break;
    default:
        return false;
    }
    uint64_t asid = (data >> MMU_SATP_ASID_LSB) & mmu_mask((unsigned)asid_bits) &
                    mmu_mask(c->asid_bits_build);
    *kept = ((uint64_t)mode << MMU_SATP_MODE_LSB) | (asid << MMU_SATP_ASID_LSB) |
            (data & mmu_mask((unsigned)ppn_bits));
    return true;
}

static bool segctl_legal(uint64_t data)
{
    unsigned mode = (unsigned)(data & MMU_SEGCTL_MODE_MASK);
    unsigned select = (unsigned)MMU_FIELD(data, SEGCTL_SELECT);
    unsigned va_bits = (unsigned)MMU_FIELD(data, SEGCTL_VA_BITS);
    if (mode == 3)
        return false;
    if (mode == MMU_SEG_SEGMENTS &&
        (select < 1 || select > 3 || va_bits <= select || va_bits > SEGCTL_MAX_VA_BITS))
        return false;
    return true;
}

void csr_write_effect(const mmu_csr_t *c, unsigned addr, uint64_t data, mmu_csr_effect_t *eff)
{
    uint64_t kept;
    memset(eff, 0, sizeof *eff);
    switch (addr) {
    case MMU_CSR_FLUSH: {
        const mmu_geom_t *g = csr_geom(c);
        eff->flush.valid = true;
        eff->flush.cmd = true;
        eff->flush.kind = (uint8_t)(data & MMU_FLUSH_KIND_MASK);
        eff->flush.asid = (uint16_t)((data >> MMU_FLUSH_ASID_LSB) & c->asid_mask);
        eff->flush.va = c->flush_va;
        eff->flush.va_ok = g && pkg_va_ok(g, c->flush_va);
        return;
    }
    case MMU_CSR_SATP:
        eff->flush.valid = satp_legal(c, data, &kept) && SATP_MODE_OF(kept) != csr_satp_mode(c);
        break;
    case MMU_CSR_SEGCTL:
        eff->flush.valid = segctl_legal(data) && (data & MMU_SEGCTL_KEPT) != c->segctl;
        break;
    case MMU_CSR_RADIX:
        eff->flush.valid = pkg_radix_legal(data) && (data & MMU_RADIX_KEPT) != c->radix;
        break;
    case MMU_CSR_TLBCTL: {
        uint16_t lfsr = (uint16_t)(data >> MMU_TLBCTL_LFSR_LSB);
        eff->lfsr_we = true;
        eff->lfsr_wdata = lfsr ? lfsr : 1; /* 0 loads 1 */
        break;
    }
    default:
        break;
    }
    eff->flush.kind = MMU_FLUSH_ALL;
}

void csr_write(mmu_csr_t *c, unsigned addr, uint64_t data, mmu_csr_effect_t *eff)
{
    uint64_t kept;
    csr_write_effect(c, addr, data, eff);
    if (addr >= CSR_FIRST_SEG && addr <= CSR_LAST_SEG) {
        unsigned n = (addr - CSR_FIRST_SEG) / 3;
        switch ((addr - CSR_FIRST_SEG) % 3) {
        case 0: c->seg_base[n] = data; break;
        case 1: c->seg_limit[n] = data; break;
        default: c->seg_flags[n] = (uint8_t)(data & MMU_SEG_FLAGS_KEPT); break;
        }
        return;
    }
    switch (addr) {
    case MMU_CSR_SATP:
        if (satp_legal(c, data, &kept))
            c->satp = kept;
        break;
    case MMU_CSR_STATUS: c->status = data & MMU_STATUS_KEPT; break;
    case MMU_CSR_SEGCTL:
        if (segctl_legal(data))
            c->segctl = data & MMU_SEGCTL_KEPT;
        break;
    case MMU_CSR_BASE: c->base = data; break;
    case MMU_CSR_BOUNDS: c->bounds = data; break;
    case MMU_CSR_RADIX:
        if (pkg_radix_legal(data))
            c->radix = data & MMU_RADIX_KEPT;
        break;
    case MMU_CSR_TLBCTL: c->policy = (uint8_t)(data & MMU_TLBCTL_POLICY_MASK); break;
    case MMU_CSR_FLUSH_VA: c->flush_va = data; break;
    default: return; /* FLUSH (performed by the TLB), counters and unused addresses */
    }
    derive(c);
}

uint64_t csr_read(const mmu_csr_t *c, unsigned addr, uint16_t lfsr)
{
    if (addr >= CSR_FIRST_SEG && addr <= CSR_LAST_SEG) {
        unsigned n = (addr - CSR_FIRST_SEG) / 3;
        switch ((addr - CSR_FIRST_SEG) % 3) {
        case 0: return c->seg_base[n];
        case 1: return c->seg_limit[n];
        default: return c->seg_flags[n];
        }
    }
    if (addr >= CSR_FIRST_COUNTER && addr <= CSR_LAST_COUNTER)
        return c->counters[addr - CSR_FIRST_COUNTER];
    switch (addr) {
    case MMU_CSR_SATP: return c->satp;
    case MMU_CSR_STATUS: return c->status;
    case MMU_CSR_SEGCTL: return c->segctl;
    case MMU_CSR_BASE: return c->base;
    case MMU_CSR_BOUNDS: return c->bounds;
    case MMU_CSR_RADIX: return c->radix;
    case MMU_CSR_TLBCTL: return c->policy | ((uint64_t)lfsr << MMU_TLBCTL_LFSR_LSB);
    case MMU_CSR_FLUSH_VA: return c->flush_va;
    default: return 0; /* FLUSH is write-only; unused addresses read 0 */
    }
}

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

void csr_reset(mmu_csr_t *c, unsigned asid_bits_build, unsigned tlb_entries)
{
    memset(c, 0, sizeof *c);
    c->policy = MMU_POLICY_LRU;
    c->asid_bits_build = asid_bits_build;
    c->tlb_entries = tlb_entries;
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
    case MMU_SATP_SOFT: /* 9.13: ASID (the build's width) and PPN[43:0] as written */
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

/* TLB_HI and TLB_LO as the entry TLBWI/TLBWR write (4.6, 9.15): the VPN is TLB_HI[38:12]
 * sign-extended like a canonical Sv39 address, so that it compares with (VA >> 12). */
static mmu_tlb_entry_t soft_entry(const mmu_csr_t *c)
{
    uint64_t hi = c->tlb_hi, lo = c->tlb_lo;
    unsigned vpn_bits = MMU_TLB_HI_VPN_WIDTH;
    uint64_t vpn = MMU_FIELD(hi, TLB_HI_VPN);
    mmu_tlb_entry_t e = {0};
    e.valid = true;
    e.asid = (uint16_t)(MMU_FIELD(hi, TLB_HI_ASID) & c->asid_mask);
    e.global = (lo & MMU_PTE_G) != 0;
    e.vpn = (uint64_t)((int64_t)(vpn << (64 - vpn_bits)) >> (64 - vpn_bits)) & mmu_mask(64 - MMU_PAGE_SHIFT);
    e.level = (uint8_t)MMU_FIELD(hi, TLB_HI_LEVEL);
    e.ppn = MMU_FIELD(lo, TLB_LO_PPN);
    e.r = (lo & MMU_PTE_R) != 0;
    e.w = (lo & MMU_PTE_W) != 0;
    e.x = (lo & MMU_PTE_X) != 0;
    e.u = (lo & MMU_PTE_U) != 0;
    e.a = (lo & MMU_PTE_A) != 0;
    e.d = (lo & MMU_PTE_D) != 0;
    return e;
}

/* What a TLB_CMD write does in Soft mode (4.6): decided on TLB_INDEX, TLB_HI and TLB_LO as held. */
static void tlb_cmd_effect(const mmu_csr_t *c, uint64_t data, mmu_tlb_cmd_t *t)
{
    uint64_t lo = c->tlb_lo;
    bool v = (lo & MMU_PTE_V) != 0;
    /* the TLB holds only legal leaves: R or X, and not W without R (WARL) */
    bool leaf = (lo & (MMU_PTE_R | MMU_PTE_X)) && !((lo & MMU_PTE_W) && !(lo & MMU_PTE_R));
    t->valid = true;
    t->cmd = (uint8_t)MMU_FIELD(data, TLB_CMD_CMD);
    t->index = (unsigned)MMU_FIELD(c->tlb_index, TLB_INDEX_INDEX);
    t->entry = soft_entry(c);
    t->probe_va = t->entry.vpn << MMU_PAGE_SHIFT;
    t->probe_asid = t->entry.asid;
    switch (t->cmd) {
    case MMU_TLB_CMD_TLBWI:
        t->write = v && leaf;
        t->invalidate = !v;
        break;
    case MMU_TLB_CMD_TLBWR: t->write = v && leaf; break;
    default: break;
    }
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
    case MMU_CSR_TLB_CMD:
        if (csr_satp_mode(c) == MMU_SATP_SOFT) /* elsewhere a TLB_CMD write does nothing */
            tlb_cmd_effect(c, data, &eff->tlb);
        break;
    default:
        break;
    }
    eff->flush.kind = MMU_FLUSH_ALL;
}

void csr_write(mmu_csr_t *c, unsigned addr, uint64_t data)
{
    uint64_t kept;
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
    case MMU_CSR_TLB_INDEX: /* 9.13: an index beyond the TLB is ignored; P is read-only */
        if (MMU_FIELD(data, TLB_INDEX_INDEX) < c->tlb_entries)
            c->tlb_index = (c->tlb_index & MMU_TLB_INDEX_P_MASK) | (data & MMU_TLB_INDEX_INDEX_MASK);
        return;
    case MMU_CSR_TLB_HI: /* LEVEL 3 is ignored whole; ASID at the build's width in every mode */
        if (MMU_FIELD(data, TLB_HI_LEVEL) != 3)
            c->tlb_hi = (data & (MMU_TLB_HI_LEVEL_MASK | MMU_TLB_HI_VPN_MASK)) |
                        (data & MMU_TLB_HI_ASID_MASK & (mmu_mask(c->asid_bits_build) << MMU_TLB_HI_ASID_LSB));
        return;
    case MMU_CSR_TLB_LO: c->tlb_lo = data & MMU_TLB_LO_KEPT; return;
    default: return; /* FLUSH, TLB_CMD (performed by the TLB), TLB_BADVA, counters, holes */
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
    case MMU_CSR_TLB_INDEX: return c->tlb_index;
    case MMU_CSR_TLB_HI: return c->tlb_hi;
    case MMU_CSR_TLB_LO: return c->tlb_lo;
    case MMU_CSR_TLB_BADVA: return c->tlb_badva;
    case MMU_CSR_TLBCTL: return c->policy | ((uint64_t)lfsr << MMU_TLBCTL_LFSR_LSB);
    case MMU_CSR_FLUSH_VA: return c->flush_va;
    default: return 0; /* FLUSH is write-only; unused addresses read 0 */
    }
}

void csr_soft_miss(mmu_csr_t *c, uint64_t vaddr, uint64_t linear)
{
    c->tlb_badva = vaddr;
    c->tlb_hi = ((uint64_t)c->asid << MMU_TLB_HI_ASID_LSB) |
                MMU_PUT(TLB_HI_VPN, linear >> MMU_TLB_HI_VPN_LSB);
}

void csr_tlb_read_result(mmu_csr_t *c, const mmu_tlb_entry_t *e)
{
    if (!e || !e->valid) {
        c->tlb_hi = c->tlb_lo = 0;
        return;
    }
    c->tlb_hi = MMU_PUT(TLB_HI_ASID, e->asid & c->asid_mask) | MMU_PUT(TLB_HI_VPN, e->vpn) |
                MMU_PUT(TLB_HI_LEVEL, e->level);
    c->tlb_lo = pkg_entry_flags(e) | (e->global ? MMU_PTE_G : 0) | MMU_PUT(TLB_LO_PPN, e->ppn);
}

void csr_tlb_probe_result(mmu_csr_t *c, int index)
{
    if (index < 0)
        c->tlb_index |= MMU_TLB_INDEX_P_MASK;
    else
        c->tlb_index = MMU_PUT(TLB_INDEX_INDEX, (unsigned)index);
}

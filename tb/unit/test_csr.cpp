// Registers (SPEC 2, 6, 9.8, 9.10; decisions.md 2-4): reset values, WARL of every register, the
// flushes register writes make, read-only and write-only registers, unused addresses.
// Every test runs on both faces: the configuration port (cycle) and mmu_csr_write/read (untimed).
#include "unit_fixture.h"

using namespace ut;

namespace {

class CsrTest : public FaceTest {};

constexpr uint64_t ALL1 = ~uint64_t(0);
constexpr uint64_t PPN44 = (uint64_t(1) << 44) - 1;
constexpr uint64_t PPN22 = (uint64_t(1) << 22) - 1;

uint64_t radix_val(unsigned va_bits, unsigned offset, unsigned levels, unsigned pte_log2,
                   unsigned valid_bit, unsigned present_bit, bool present_used, unsigned pfn_lsb,
                   unsigned pfn_width)
{
    return MMU_PUT(RADIX_VA_BITS, va_bits) | MMU_PUT(RADIX_OFFSET, offset) |
           MMU_PUT(RADIX_LEVELS, levels) | MMU_PUT(RADIX_PTE_LOG2, pte_log2) |
           MMU_PUT(RADIX_VALID_BIT, valid_bit) | MMU_PUT(RADIX_PRESENT_BIT, present_bit) |
           MMU_PUT(RADIX_PRESENT_USED, present_used) | MMU_PUT(RADIX_PFN_LSB, pfn_lsb) |
           MMU_PUT(RADIX_PFN_WIDTH, pfn_width);
}

// An address the register map (rtl/mmu_regs.rdl, generated into MMU_CSR_LIST) does not name.
bool is_unused(unsigned a)
{
    return std::string(mmu_csr_name(a)) == "?";
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Faces, CsrTest, ::testing::Values(Face::Untimed, Face::Cycle), face_name);

// SPEC 2 "Reset: everything 0 (Bare, no segmentation, TLB invalid, policy LRU, LFSR = 1)".
TEST_P(CsrTest, ResetValues)
{
    Rig r(GetParam());
    for (unsigned a = 0; a < 256; a++)
        EXPECT_EQ(r.rd(a), a == TLBCTL ? uint64_t(1) << 16 : 0) << "address 0x" << std::hex << a;
    EXPECT_EQ(r.valid_entries(), 0u);
}

// SATP in Sv39 and Sv48 keeps MODE, ASID[59:44] and PPN[43:0] (decisions.md 3).
TEST_P(CsrTest, SatpSv39Sv48KeepAllFields)
{
    Rig r(GetParam());
    r.wr(SATP, satp_val(SV39, 0xabcd, 0x123456789ab));
    EXPECT_EQ(r.rd(SATP), satp_val(SV39, 0xabcd, 0x123456789ab));
    r.wr(SATP, (uint64_t(SV48) << 60) | (ALL1 >> 4));
    EXPECT_EQ(r.rd(SATP), (uint64_t(SV48) << 60) | (uint64_t(0xffff) << 44) | PPN44);
    r.wr(SATP, (uint64_t(SV39) << 60) | (ALL1 >> 4));
    EXPECT_EQ(r.rd(SATP), 0x8fffffffffffffffull);
}

// SPEC 2: "With Sv32, SATP keeps PPN[21:0] and ASID[52:44] (masked by the MODE being written)."
TEST_P(CsrTest, SatpSv32Masking)
{
    Rig r(GetParam());
    r.wr(SATP, satp_val(SV39, 0xffff, PPN44));
    r.wr(SATP, (uint64_t(SV32) << 60) | (ALL1 >> 4));
    EXPECT_EQ(r.rd(SATP), (uint64_t(1) << 60) | (uint64_t(0x1ff) << 44) | PPN22);
    r.wr(SATP, satp_val(SV32, 0x1234, 0x2abcdef));
    EXPECT_EQ(r.rd(SATP), satp_val(SV32, 0x1234 & 0x1ff, 0x2abcdef & PPN22));
}

// SPEC 9.10 / decisions.md 3: MODE 0 keeps ASID and PPN as written.
TEST_P(CsrTest, SatpBareKeepsAsidAndPpn)
{
    Rig r(GetParam());
    r.wr(SATP, satp_val(BARE, 0x5a5a, 0xfedcba98765));
    EXPECT_EQ(r.rd(SATP), satp_val(BARE, 0x5a5a, 0xfedcba98765));
    r.wr(SATP, ALL1 >> 4);
    EXPECT_EQ(r.rd(SATP), ALL1 >> 4);
}

// SPEC 2: "ASID bits beyond the build's ASID width read 0", for widths 0, 9 and 16 (and 5).
TEST_P(CsrTest, SatpAsidWidthMasking)
{
    struct Case {
        unsigned width;
        uint64_t sv39_asid, sv32_asid;
    } cases[] = {{0, 0, 0}, {5, 0x1f, 0x1f}, {9, 0x1ff, 0x1ff}, {16, 0xffff, 0x1ff}};
    for (const Case &c : cases) {
        SCOPED_TRACE("asid_bits " + std::to_string(c.width));
        Rig r(GetParam(), 16, c.width);
        r.wr(SATP, (uint64_t(SV39) << 60) | (ALL1 >> 4));
        EXPECT_EQ(r.rd(SATP), (uint64_t(SV39) << 60) | (c.sv39_asid << 44) | PPN44);
        r.wr(SATP, ALL1 >> 4);  // Bare
        EXPECT_EQ(r.rd(SATP), (c.sv39_asid << 44) | PPN44);
        r.wr(SATP, (uint64_t(SV32) << 60) | (ALL1 >> 4));
        EXPECT_EQ(r.rd(SATP), (uint64_t(SV32) << 60) | (c.sv32_asid << 44) | PPN22);
        EXPECT_EQ(mmu_asid_bits(r.m), c.width);
    }
}

// SPEC 2: "a write with an unsupported MODE ... is ignored whole"; decisions.md 2: MODE 15 is
// unsupported for now, even with a legal non-zero RADIX.
TEST_P(CsrTest, SatpUnsupportedModesIgnoredWhole)
{
    Rig r(GetParam());
    uint64_t before = satp_val(SV39, 0x77, 0x4242);
    r.wr(SATP, before);
    // MODE 15 is ignored while RADIX is 0 (its reset value; no legal write makes it 0 again)
    for (unsigned mode : {2u, 3u, 4u, 5u, 6u, 7u, 10u, 11u, 12u, 13u, 15u}) {
        EXPECT_FALSE(r.wr(SATP, satp_val(mode, 0x11, 0x999))) << "mode " << mode;
        EXPECT_EQ(r.rd(SATP), before) << "mode " << mode;
    }
    // MODE 15 with RADIX legal: kept whole (ASID 16 bits, PPN 44 bits) and a mode change flushes.
    r.wr(RADIX, radix_val(14, 12, 1, 2, 31, 0, false, 0, 8));
    EXPECT_NE(r.rd(RADIX), 0u);
    EXPECT_TRUE(r.wr(SATP, satp_val(TEACH, 0xfedc, 0xfff'ffff'ffffull)));
    EXPECT_EQ(r.rd(SATP), satp_val(TEACH, 0xfedc, 0xfff'ffff'ffffull));
}

// SPEC 6: "a SATP write that changes MODE ... invalidate[s] entries"; an ASID- or PPN-only change
// does not flush; an ignored write flushes nothing.
TEST_P(CsrTest, SatpWriteFlushesOnlyOnModeChange)
{
    Rig r(GetParam());
    EXPECT_FALSE(r.wr(SATP, satp_val(BARE, 3, 4)));  // Bare -> Bare
    EXPECT_TRUE(r.wr(SATP, satp_val(SV39, 3, 4)));   // Bare -> Sv39
    EXPECT_FALSE(r.wr(SATP, satp_val(SV39, 5, 4)));  // ASID only
    EXPECT_FALSE(r.wr(SATP, satp_val(SV39, 5, 6)));  // PPN only
    EXPECT_FALSE(r.wr(SATP, satp_val(SV39, 5, 6)));  // same value
    EXPECT_TRUE(r.wr(SATP, satp_val(SV48, 5, 6)));
    EXPECT_TRUE(r.wr(SATP, satp_val(SV32, 5, 6)));
    EXPECT_FALSE(r.wr(SATP, satp_val(SV32, 7, 8)));
    EXPECT_FALSE(r.wr(SATP, satp_val(12, 7, 8)));  // ignored
    EXPECT_TRUE(r.wr(SATP, satp_val(BARE, 7, 8)));
}

// decisions.md 4: STATUS keeps bits 0, 18, 19 only.
TEST_P(CsrTest, StatusKeepsHwadSumMxr)
{
    Rig r(GetParam());
    EXPECT_FALSE(r.wr(STATUS, ALL1));
    EXPECT_EQ(r.rd(STATUS), (uint64_t(1) << 19) | (uint64_t(1) << 18) | 1);
    r.wr(STATUS, uint64_t(1) << 18);
    EXPECT_EQ(r.rd(STATUS), uint64_t(1) << 18);
    r.wr(STATUS, ~((uint64_t(1) << 19) | (uint64_t(1) << 18) | 1));
    EXPECT_EQ(r.rd(STATUS), 0u);
}

// SPEC 2 SEGCTL: fields [1:0] [6:4] [13:8] 16; reserved bits read 0.
TEST_P(CsrTest, SegctlLegalWritesKeepFields)
{
    Rig r(GetParam());
    const uint64_t field_mask = 0x3 | 0x70 | 0x3f00 | 0x10000;
    for (uint64_t v : {segctl_val(2, 1, 14), segctl_val(2, 3, 56), segctl_val(2, 1, 2),
                       segctl_val(2, 2, 3, true), segctl_val(2, 3, 4)}) {
        r.wr(SEGCTL, v | ~field_mask);
        EXPECT_EQ(r.rd(SEGCTL), v);
    }
    // Modes 0 and 1 keep select and va_bits as written, unchecked (decisions.md 4).
    for (uint64_t v : {segctl_val(0, 0, 0), segctl_val(1, 7, 63), segctl_val(0, 5, 60, true),
                       segctl_val(1, 0, 1, true), segctl_val(0, 0, 0, true)}) {
        r.wr(SEGCTL, v);
        EXPECT_EQ(r.rd(SEGCTL), v);
    }
}

// SPEC 2: "A write of mode 3 is ignored; a write of mode 2 is ignored if select is outside 1..3,
// va_bits <= select or va_bits > 56."
TEST_P(CsrTest, SegctlIllegalWritesIgnoredWhole)
{
    Rig r(GetParam());
    const uint64_t before = segctl_val(1, 2, 20, true);
    r.wr(SEGCTL, before);
    const uint64_t bad[] = {
        segctl_val(3, 1, 14),          // mode 3
        segctl_val(3, 0, 0),           // mode 3
        segctl_val(2, 0, 14),          // select 0
        segctl_val(2, 4, 14),          // select 4
        segctl_val(2, 7, 14),          // select 7
        segctl_val(2, 1, 1),           // va_bits == select
        segctl_val(2, 3, 3),           // va_bits == select
        segctl_val(2, 2, 1),           // va_bits < select
        segctl_val(2, 1, 0),           // va_bits 0
        segctl_val(2, 1, 57),          // va_bits > 56
        segctl_val(2, 3, 63, true),    // va_bits > 56
    };
    for (uint64_t v : bad) {
        EXPECT_FALSE(r.wr(SEGCTL, v)) << std::hex << v;
        EXPECT_EQ(r.rd(SEGCTL), before) << std::hex << v;
    }
}

// SPEC 6: a write that changes SEGCTL's mode, select, va_bits or HYBRID fields flushes.
TEST_P(CsrTest, SegctlWriteFlushesOnFieldChange)
{
    Rig r(GetParam());
    EXPECT_FALSE(r.wr(SEGCTL, 0));
    EXPECT_TRUE(r.wr(SEGCTL, segctl_val(2, 1, 14)));                     // mode
    EXPECT_FALSE(r.wr(SEGCTL, segctl_val(2, 1, 14)));                    // same
    EXPECT_FALSE(r.wr(SEGCTL, segctl_val(2, 1, 14) | 0xfffe0000ull));    // reserved bits only
    EXPECT_TRUE(r.wr(SEGCTL, segctl_val(2, 2, 14)));                     // select
    EXPECT_TRUE(r.wr(SEGCTL, segctl_val(2, 2, 15)));                     // va_bits
    EXPECT_TRUE(r.wr(SEGCTL, segctl_val(2, 2, 15, true)));               // HYBRID
    EXPECT_FALSE(r.wr(SEGCTL, segctl_val(3, 2, 15, true)));              // ignored (mode 3)
    EXPECT_FALSE(r.wr(SEGCTL, segctl_val(2, 0, 15, true)));              // ignored (select 0)
    EXPECT_TRUE(r.wr(SEGCTL, segctl_val(1, 2, 15, true)));               // mode
    EXPECT_TRUE(r.wr(SEGCTL, segctl_val(1, 6, 15, true)));               // select in mode 1
    EXPECT_TRUE(r.wr(SEGCTL, segctl_val(0, 6, 15, false)));
}

// BASE, BOUNDS, SEGn_BASE, SEGn_LIMIT, FLUSH_VA: all 64 bits (decisions.md 4); SEGn_FLAGS [5:0].
TEST_P(CsrTest, FullWidthRegistersAndSegmentFlags)
{
    Rig r(GetParam());
    const uint64_t pat[] = {0xfedcba9876543210ull, 0x0123456789abcdefull, ALL1};
    std::vector<unsigned> regs = {BASE, BOUNDS, FLUSH_VA};
    for (unsigned n = 0; n < 8; n++) {
        regs.push_back(seg_base(n));
        regs.push_back(seg_limit(n));
    }
    for (uint64_t p : pat)
        for (unsigned a : regs) {
            EXPECT_FALSE(r.wr(a, p ^ a));
            EXPECT_EQ(r.rd(a), p ^ a) << "address 0x" << std::hex << a;
        }
    for (unsigned n = 0; n < 8; n++) {
        r.wr(seg_flags(n), ALL1);
        EXPECT_EQ(r.rd(seg_flags(n)), 0x3fu) << n;
        r.wr(seg_flags(n), 0x15 | 0x40 | 0x80);
        EXPECT_EQ(r.rd(seg_flags(n)), 0x15u) << n;
    }
    // SEG writes do not touch the neighbouring registers.
    EXPECT_EQ(r.rd(seg_base(3)), ALL1 ^ seg_base(3));
}

// SPEC 4.4 RADIX WARL: "kept only if 1 <= offset < va_bits <= 56, 1 <= levels <= va_bits - offset,
// PFN width >= 1, and the valid bit, the present bit (if used) and the PFN field are disjoint and
// lie below 8 x PTE size"; decisions.md 4: a legal write keeps bits [40:0].
TEST_P(CsrTest, RadixLegalWritesReadBack)
{
    Rig r(GetParam());
    const uint64_t legal[] = {
        radix_val(14, 12, 1, 2, 31, 0, false, 0, 8),    // OSTEP linear: 16 KiB, 4 KiB pages
        radix_val(15, 5, 2, 0, 7, 0, false, 0, 7),      // OSTEP multi-level
        radix_val(56, 12, 3, 3, 63, 62, true, 0, 62),   // widest
        radix_val(2, 1, 1, 0, 0, 0, false, 1, 1),       // smallest; present == valid but unused
        radix_val(15, 12, 3, 1, 15, 14, true, 0, 14),   // levels == va_bits - offset
        radix_val(20, 4, 2, 0, 0, 1, true, 2, 6),       // PFN up to bit 7 of a 1-byte PTE
        radix_val(20, 4, 2, 1, 15, 3, false, 0, 15),    // present unused may overlap the PFN
    };
    for (uint64_t v : legal) {
        r.wr(RADIX, v | (ALL1 << 41));
        EXPECT_EQ(r.rd(RADIX), v) << std::hex << v;
    }
}

TEST_P(CsrTest, RadixIllegalWritesIgnored)
{
    Rig r(GetParam());
    const uint64_t before = radix_val(14, 12, 1, 2, 31, 0, false, 0, 8);
    r.wr(RADIX, before);
    const uint64_t illegal[] = {
        radix_val(14, 0, 1, 2, 31, 0, false, 0, 8),     // offset 0
        radix_val(12, 12, 1, 2, 31, 0, false, 0, 8),    // offset == va_bits
        radix_val(12, 13, 1, 2, 31, 0, false, 0, 8),    // offset > va_bits
        radix_val(57, 12, 1, 3, 63, 0, false, 0, 40),   // va_bits > 56
        radix_val(63, 12, 1, 3, 63, 0, false, 0, 40),   // va_bits > 56
        radix_val(0, 0, 1, 3, 63, 0, false, 0, 40),     // va_bits 0
        radix_val(14, 12, 0, 2, 31, 0, false, 0, 8),    // levels 0
        radix_val(14, 12, 3, 2, 31, 0, false, 0, 8),    // levels > va_bits - offset
        radix_val(15, 5, 2, 0, 7, 0, false, 0, 0),      // PFN width 0
        radix_val(15, 5, 2, 0, 8, 0, false, 0, 7),      // valid bit beyond a 1-byte PTE
        radix_val(15, 5, 2, 0, 3, 0, false, 0, 7),      // valid bit inside the PFN
        radix_val(15, 5, 2, 0, 7, 7, true, 0, 6),       // present == valid
        radix_val(15, 5, 2, 0, 7, 2, true, 0, 6),       // present inside the PFN
        radix_val(15, 5, 2, 0, 6, 8, true, 0, 6),       // present beyond a 1-byte PTE
        radix_val(15, 5, 2, 0, 0, 0, false, 1, 8),      // PFN beyond a 1-byte PTE
        radix_val(15, 5, 2, 2, 0, 0, false, 31, 2),     // PFN beyond a 4-byte PTE
        radix_val(40, 12, 1, 3, 0, 0, false, 63, 63),   // PFN far beyond
        radix_val(40, 12, 1, 1, 16, 0, false, 0, 8),    // valid bit beyond a 2-byte PTE
    };
    for (uint64_t v : illegal) {
        EXPECT_FALSE(r.wr(RADIX, v)) << std::hex << v;
        EXPECT_EQ(r.rd(RADIX), before) << std::hex << v;
    }
}

// SPEC 6: "a write that changes RADIX ... invalidate[s] entries"; "A write ignored under WARL flushes
// nothing".
TEST_P(CsrTest, RadixWriteFlushesOnChange)
{
    Rig r(GetParam());
    const uint64_t a = radix_val(14, 12, 1, 2, 31, 0, false, 0, 8);
    const uint64_t b = radix_val(15, 5, 2, 0, 7, 0, false, 0, 7);
    EXPECT_TRUE(r.wr(RADIX, a));
    EXPECT_FALSE(r.wr(RADIX, a));
    EXPECT_FALSE(r.wr(RADIX, a | (uint64_t(1) << 50)));  // same kept value
    EXPECT_TRUE(r.wr(RADIX, b));
    EXPECT_FALSE(r.wr(RADIX, radix_val(14, 0, 1, 2, 31, 0, false, 0, 8)));  // illegal
    EXPECT_EQ(r.rd(RADIX), b);
}

// SPEC 2 TLBCTL: [1:0] policy, [31:16] LFSR; "a write sets it, 0 is taken as 1".
TEST_P(CsrTest, TlbctlPolicyAndLfsr)
{
    Rig r(GetParam());
    EXPECT_FALSE(r.wr(TLBCTL, tlbctl_val(RANDOM, 0xace1)));
    EXPECT_EQ(r.rd(TLBCTL), 0xace10003u);
    r.wr(TLBCTL, ALL1);
    EXPECT_EQ(r.rd(TLBCTL), 0xffff0003u);
    r.wr(TLBCTL, tlbctl_val(PLRU, 0));
    EXPECT_EQ(r.rd(TLBCTL), (uint64_t(1) << 16) | PLRU);
    r.wr(TLBCTL, 0xffff0000fffcull);  // policy 0, LFSR 0, junk elsewhere
    EXPECT_EQ(r.rd(TLBCTL), uint64_t(1) << 16);
    r.wr(TLBCTL, tlbctl_val(FIFO, 0x8000));
    EXPECT_EQ(r.rd(TLBCTL), 0x80000002u);
}

// SPEC 1/2: write-only registers read 0; FLUSH writes flush (trace_flush_valid).
TEST_P(CsrTest, FlushIsWriteOnlyAndFlushes)
{
    Rig r(GetParam());
    for (unsigned kind = 0; kind < 4; kind++) {
        EXPECT_TRUE(r.wr(FLUSH, flush_val(kind, 0x1234) | 0xff0)) << kind;
        EXPECT_EQ(r.rd(FLUSH), 0u);
    }
    EXPECT_EQ(r.rd(FLUSHES), 4u);
}

// SPEC 2 counters are read-only; SPEC 8 "Writes to counters are ignored".
TEST_P(CsrTest, CountersAreReadOnly)
{
    Rig r(GetParam());
    r.wr(FLUSH, flush_val(FL_ALL));
    r.wr(FLUSH, flush_val(FL_ALL));
    for (unsigned a = HITS; a <= FLUSHES; a++) {
        EXPECT_FALSE(r.wr(a, 0x55));
        EXPECT_EQ(r.rd(a), a == FLUSHES ? 2u : 0u) << std::hex << a;
    }
}

// SPEC 1: "unused addresses ... read 0", even after being written.
TEST_P(CsrTest, UnusedAddressesReadZero)
{
    Rig r(GetParam());
    for (unsigned a = 0; a < 256; a++)
        if (is_unused(a)) {
            EXPECT_FALSE(r.wr(a, ALL1)) << std::hex << a;
        }
    for (unsigned a = 0; a < 256; a++)
        if (is_unused(a)) {
            EXPECT_EQ(r.rd(a), 0u) << std::hex << a;
        }
    // and nothing else changed
    EXPECT_EQ(r.rd(SATP), 0u);
    EXPECT_EQ(r.rd(SEGCTL), 0u);
    EXPECT_EQ(r.rd(TLBCTL), uint64_t(1) << 16);
}

// HYBRID reads back and its change flushes (decisions.md 2), though it has no other effect yet.
TEST_P(CsrTest, HybridBitReadsBack)
{
    Rig r(GetParam());
    EXPECT_TRUE(r.wr(SEGCTL, segctl_val(2, 1, 14, true)));
    EXPECT_EQ(r.rd(SEGCTL), segctl_val(2, 1, 14, true));
    EXPECT_TRUE(r.wr(SEGCTL, segctl_val(2, 1, 14, false)));
    EXPECT_EQ(r.rd(SEGCTL), segctl_val(2, 1, 14, false));
}

// mmu_reset returns every register to its reset value (SPEC 2 "Reset: everything 0").
TEST_P(CsrTest, ResetClearsRegisters)
{
    Rig r(GetParam());
    r.wr(SATP, satp_val(SV39, 1, 2));
    r.wr(STATUS, ALL1);
    r.wr(SEGCTL, segctl_val(2, 1, 14));
    r.wr(BASE, 5);
    r.wr(TLBCTL, tlbctl_val(RANDOM, 0x1234));
    r.wr(seg_limit(7), 9);
    r.wr(FLUSH, 0);
    mmu_reset(r.m);
    r.cycle = 0;
    for (unsigned a = 0; a < 256; a++)
        EXPECT_EQ(r.rd(a), a == TLBCTL ? uint64_t(1) << 16 : 0) << "address 0x" << std::hex << a;
}

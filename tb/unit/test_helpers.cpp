// The value helpers of model/include/mmu_helpers.h: SATP compose/decode and Sv PTE
// compose/decode for the 32-bit (Sv32) and 64-bit (Sv39/Sv48, TLB_LO) layouts. Expected values
// are written out from docs/spec.md 2 and the RISC-V privileged specification (the PTE figures),
// not computed from the generated macros; the last tests walk helper-built PTEs in the model.
#include <random>

#include "unit_fixture.h"

using namespace ut;

namespace {

mmu_pte_fields_t fields(uint64_t ppn, uint8_t flags, uint8_t rsw = 0, uint8_t rsvd = 0,
                        uint8_t pbmt = 0, bool n = false)
{
    mmu_pte_fields_t f;
    f.ppn = ppn;
    f.flags = flags;
    f.rsw = rsw;
    f.rsvd = rsvd;
    f.pbmt = pbmt;
    f.n = n;
    return f;
}

constexpr uint8_t VRWAD = 0x01 | 0x02 | 0x04 | 0x40 | 0x80;  // V R W A D: bits 0 1 2 6 7

TEST(Helpers, SatpCompose)
{
    // MODE 63:60, ASID 59:44, PPN 43:0
    EXPECT_EQ(mmu_satp_value(SV39, 5, 0x80000), 0x8000500000080000ull);
    EXPECT_EQ(mmu_satp_value(SV48, 0xffff, 0xfffffffffffull), 0x9fffffffffffffffull);
    EXPECT_EQ(mmu_satp_value(SV32, 0x1ff, 0x3fffff), 0x101ff000003fffffull);
    EXPECT_EQ(mmu_satp_value(BARE, 0, 0), 0u);
    // each field is cut to its width: nothing spills into a neighbour
    EXPECT_EQ(mmu_satp_value(SV39, 0x1ffff, 0), 0x8ffff00000000000ull);
    EXPECT_EQ(mmu_satp_value(SV39, 0, 1ull << 44), 0x8000000000000000ull);
    EXPECT_EQ(mmu_satp_value(16 + SV39, 0, 0), 0x8000000000000000ull);
}

TEST(Helpers, SatpDecode)
{
    mmu_satp_fields_t f = mmu_satp_decode(0x8000500000080000ull);
    EXPECT_EQ(f.mode, SV39);
    EXPECT_EQ(f.asid, 5u);
    EXPECT_EQ(f.ppn, 0x80000u);
    f = mmu_satp_decode(~0ull);
    EXPECT_EQ(f.mode, 15u);
    EXPECT_EQ(f.asid, 0xffffu);
    EXPECT_EQ(f.ppn, 0xfffffffffffull);
    std::mt19937_64 rng(1);
    for (int i = 0; i < 1000; i++) {
        uint64_t v = rng();
        mmu_satp_fields_t d = mmu_satp_decode(v);
        ASSERT_EQ(mmu_satp_value(d.mode, d.asid, d.ppn), v) << std::hex << v;
    }
}

TEST(Helpers, PteComposeSv64)
{
    // docs/scenarios.md's example leaf (ppn=0x90000 V R W A D) as the walk log shows it
    mmu_pte_fields_t f = fields(0x90000, VRWAD);
    EXPECT_EQ(mmu_pte_compose(SV39, &f), 0x240000c7ull);
    EXPECT_EQ(mmu_pte_compose(SV48, &f), 0x240000c7ull);
    EXPECT_EQ(mmu_pte_compose(MMU_SATP_SOFT, &f), 0x240000c7ull);  // TLB_LO: the Sv39 layout
    // N 63, PBMT 62:61, reserved 60:54, PPN 53:10, RSW 9:8
    f = fields(0x80201, VRWAD, 3, 0x7f, 2, true);
    EXPECT_EQ(mmu_pte_compose(SV39, &f), 0xdfc00000200807c7ull);
    f = fields(0xfffffffffffull, 0);
    EXPECT_EQ(mmu_pte_compose(SV39, &f), 0x003ffffffffffc00ull);
    // fields cut to their widths
    f = fields(1ull << 44, 0, 4, 0x80, 4, false);
    EXPECT_EQ(mmu_pte_compose(SV39, &f), 0u);
}

TEST(Helpers, PteComposeSv32)
{
    // PPN 31:10 (22 bits), RSW 9:8; the 64-bit layout's N/PBMT/reserved fields do not exist
    mmu_pte_fields_t f = fields(0x3fffff, VRWAD, 1);
    EXPECT_EQ(mmu_pte_compose(SV32, &f), 0xfffffdc7ull);
    f = fields(0x80201, VRWAD, 3, 0x7f, 2, true);
    EXPECT_EQ(mmu_pte_compose(SV32, &f), 0x200807c7ull);
    f = fields(0x400000, 0);
    EXPECT_EQ(mmu_pte_compose(SV32, &f), 0u);
}

TEST(Helpers, PteDecode)
{
    mmu_pte_fields_t f;
    ASSERT_TRUE(mmu_pte_decode(SV39, 0xdfc00000200807c7ull, &f));
    EXPECT_EQ(f.ppn, 0x80201u);
    EXPECT_EQ(f.flags, VRWAD);
    EXPECT_EQ(f.rsw, 3);
    EXPECT_EQ(f.rsvd, 0x7f);
    EXPECT_EQ(f.pbmt, 2);
    EXPECT_TRUE(f.n);
    // Sv32 reads bits 31:0 only; the same word has PPN 0x80201 there
    ASSERT_TRUE(mmu_pte_decode(SV32, 0xdfc00000200807c7ull, &f));
    EXPECT_EQ(f.ppn, 0x80201u);
    EXPECT_EQ(f.rsw, 3);
    EXPECT_EQ(f.rsvd, 0);
    EXPECT_EQ(f.pbmt, 0);
    EXPECT_FALSE(f.n);
    ASSERT_TRUE(mmu_pte_decode(SV32, 0xfffffc01ull, &f));
    EXPECT_EQ(f.ppn, 0x3fffffu);
    EXPECT_EQ(f.flags, 0x01);
    // every bit of each layout belongs to a field: decode then compose gives the word back
    std::mt19937_64 rng(2);
    for (int i = 0; i < 1000; i++) {
        uint64_t v = rng();
        ASSERT_TRUE(mmu_pte_decode(SV48, v, &f));
        ASSERT_EQ(mmu_pte_compose(SV48, &f), v) << std::hex << v;
        ASSERT_TRUE(mmu_pte_decode(SV32, v, &f));
        ASSERT_EQ(mmu_pte_compose(SV32, &f), v & 0xffffffffull) << std::hex << v;
    }
}

TEST(Helpers, ModesWithoutSvPtes)
{
    for (unsigned mode : {BARE, TEACH, 2u, 13u}) {
        mmu_pte_fields_t f = fields(1, 1, 1, 1, 1, true);
        EXPECT_FALSE(mmu_pte_mode_ok(mode));
        EXPECT_FALSE(mmu_pte_decode(mode, ~0ull, &f));
        EXPECT_EQ(f.ppn, 0u);
        EXPECT_EQ(f.flags, 0);
        EXPECT_FALSE(f.n);
        f = fields(1, 1);
        EXPECT_EQ(mmu_pte_compose(mode, &f), 0u);
        EXPECT_EQ(mmu_pte_ppn_bits(mode), 0u);
    }
    EXPECT_EQ(mmu_pte_ppn_bits(SV32), 22u);
    EXPECT_EQ(mmu_pte_ppn_bits(SV39), 44u);
    EXPECT_EQ(mmu_pte_ppn_bits(SV48), 44u);
}

TEST(Helpers, ShortForms)
{
    EXPECT_EQ(mmu_sv_pte(0x90000, VRWAD), 0x240000c7ull);
    EXPECT_EQ(mmu_sv_pte_ppn(0xdfc00000200807c7ull, 44), 0x80201u);
    EXPECT_EQ(mmu_sv_pte_ppn(0xdfc00000200807c7ull, 22), 0x80201u);
    EXPECT_TRUE(mmu_pte_is_leaf(0x240000c7ull));
    EXPECT_TRUE(mmu_pte_is_leaf(0x24000009ull));   // V X
    EXPECT_FALSE(mmu_pte_is_leaf(0x24000001ull));  // V only: a pointer
    EXPECT_FALSE(mmu_pte_is_leaf(0x240000c6ull));  // V clear
}

// Page tables built with the helpers only: the model walks them to the expected PA.
class HelpersWalk : public FaceTest {};

TEST_P(HelpersWalk, Sv39AndSv32TablesFromHelpers)
{
    struct Case {
        unsigned mode;
        uint64_t va, leaf_ppn, pa;
        unsigned levels, pte_size, vpn_bits;
    };
    for (const Case &c : {Case{SV39, 0x40201abcull, 0x90000, 0x90000abcull, 3, 8, 9},
                          Case{SV32, 0x00401abcull, 0x3ff00, 0x3ff00abcull, 2, 4, 10}}) {
        SCOPED_TRACE(::testing::Message() << "mode " << c.mode);
        Rig r(GetParam());
        const uint64_t root = 0x80000;
        uint64_t table = root;
        for (int level = int(c.levels) - 1; level >= 0; level--) {
            uint64_t idx = (c.va >> (12 + c.vpn_bits * unsigned(level))) & ((1u << c.vpn_bits) - 1);
            uint64_t addr = (table << 12) + idx * c.pte_size;
            mmu_pte_fields_t f = level ? fields(table + 1, 0x01) : fields(c.leaf_ppn, VRWAD);
            r.mem.write(addr, c.pte_size == 8 ? 3 : 2, mmu_pte_compose(c.mode, &f));
            table++;
        }
        r.wr(SATP, mmu_satp_value(c.mode, 1, root));
        EXPECT_TRUE(IsOk(r.tr(c.va, LOAD, PRIV_S), c.pa, 0));
        // and the register holds what the helper composed (legal values: WARL keeps them)
        mmu_satp_fields_t s = mmu_satp_decode(r.rd(SATP));
        EXPECT_EQ(s.mode, c.mode);
        EXPECT_EQ(s.asid, 1u);
        EXPECT_EQ(s.ppn, root);
    }
}

INSTANTIATE_TEST_SUITE_P(Faces, HelpersWalk, ::testing::Values(Face::Untimed, Face::Cycle),
                         face_name);

}  // namespace

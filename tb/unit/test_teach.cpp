// Teaching radix tables and HYBRID (docs/spec.md 4.4, 4.5, 9.7, 9.8, 9.11), through both faces.
// The reference walker and the WARL rule below are written from the spec text, not from the
// model: random formats and random tables must give the same answer on both.
#include <cstdio>
#include <map>
#include <string>

#include "unit_fixture.h"

using namespace ut;

namespace {

constexpr uint64_t kPaMask = (uint64_t(1) << 56) - 1;
uint64_t mask(unsigned bits) { return bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1; }

struct Fmt {
    unsigned va_bits = 14, offset = 12, levels = 1, pte_log2 = 2, valid = 31, present = 0;
    bool present_used = false;
    unsigned pfn_lsb = 0, pfn_width = 31;
    uint64_t value() const
    {
        return MMU_PUT(RADIX_VA_BITS, va_bits) | MMU_PUT(RADIX_OFFSET, offset) |
               MMU_PUT(RADIX_LEVELS, levels) | MMU_PUT(RADIX_PTE_LOG2, pte_log2) |
               MMU_PUT(RADIX_VALID_BIT, valid) | MMU_PUT(RADIX_PRESENT_BIT, present) |
               MMU_PUT(RADIX_PRESENT_USED, present_used) | MMU_PUT(RADIX_PFN_LSB, pfn_lsb) |
               MMU_PUT(RADIX_PFN_WIDTH, pfn_width);
    }
    static Fmt of(uint64_t v)
    {
        Fmt f;
        f.va_bits = unsigned(MMU_FIELD(v, RADIX_VA_BITS));
        f.offset = unsigned(MMU_FIELD(v, RADIX_OFFSET));
        f.levels = unsigned(MMU_FIELD(v, RADIX_LEVELS));
        f.pte_log2 = unsigned(MMU_FIELD(v, RADIX_PTE_LOG2));
        f.valid = unsigned(MMU_FIELD(v, RADIX_VALID_BIT));
        f.present = unsigned(MMU_FIELD(v, RADIX_PRESENT_BIT));
        f.present_used = MMU_FIELD(v, RADIX_PRESENT_USED) != 0;
        f.pfn_lsb = unsigned(MMU_FIELD(v, RADIX_PFN_LSB));
        f.pfn_width = unsigned(MMU_FIELD(v, RADIX_PFN_WIDTH));
        return f;
    }
    // SPEC 4.4's WARL sentence, clause by clause.
    bool legal() const
    {
        unsigned bits = 8u << pte_log2;
        if (!(1 <= offset && offset < va_bits && va_bits <= 56))
            return false;
        if (!(1 <= levels && levels <= va_bits - offset))
            return false;
        if (pfn_width < 1 || pfn_lsb + pfn_width > bits || valid >= bits)
            return false;
        if (valid >= pfn_lsb && valid < pfn_lsb + pfn_width)
            return false;
        if (present_used && (present >= bits || present == valid ||
                             (present >= pfn_lsb && present < pfn_lsb + pfn_width)))
            return false;
        return true;
    }
    // "the VPN (va_bits - offset) split evenly, the top level taking any remainder"
    unsigned bits_of(unsigned level) const
    {
        unsigned vpn = va_bits - offset, each = vpn / levels;
        return level == levels - 1 ? vpn - each * (levels - 1) : each;
    }
    unsigned lsb_of(unsigned level) const { return offset + level * ((va_bits - offset) / levels); }
    uint64_t pte(uint64_t pfn, bool v, bool p) const
    {
        uint64_t e = (pfn & mask(pfn_width)) << pfn_lsb;
        if (v)
            e |= uint64_t(1) << valid;
        if (present_used && p)
            e |= uint64_t(1) << present;
        return e;
    }
};

// The reference answer of a teaching walk: pa or a fault reason with its level.
struct RefAns {
    bool fault = false;
    unsigned cause = 0, level = 0, reads = 0;
    uint64_t pa = 0;
};

RefAns ref_walk(const Fmt &f, const TestMem &mem, uint64_t table_base, uint64_t va)
{
    RefAns a;
    if (va >> f.va_bits) {
        a.fault = true;
        a.cause = MMU_CAUSE_VA_RANGE;
        return a;
    }
    uint64_t base = table_base;
    for (int level = int(f.levels) - 1; level >= 0; level--) {
        uint64_t idx = (va >> f.lsb_of(unsigned(level))) & mask(f.bits_of(unsigned(level)));
        uint64_t addr = (base + (idx << f.pte_log2)) & kPaMask;
        a.reads++;
        if (mem.error_at(addr, f.pte_log2)) {
            a.fault = true, a.cause = MMU_CAUSE_WALK_ACCESS_ERROR, a.level = unsigned(level);
            return a;
        }
        uint64_t e = mem.read(addr, f.pte_log2) & mask(8u << f.pte_log2);
        uint64_t pfn = (e >> f.pfn_lsb) & mask(f.pfn_width);
        if (!((e >> f.valid) & 1)) {
            a.fault = true, a.cause = MMU_CAUSE_PTE_INVALID, a.level = unsigned(level);
            return a;
        }
        if (f.present_used && !((e >> f.present) & 1)) {
            a.fault = true, a.cause = MMU_CAUSE_NOT_PRESENT, a.level = unsigned(level);
            return a;
        }
        base = (pfn << f.offset) & kPaMask;  // the next table, or the page
    }
    a.pa = (base | (va & mask(f.offset))) & kPaMask;
    return a;
}

// A small deterministic generator (independent of the model and of the lockstep generator).
struct Lcg {
    uint64_t s;
    explicit Lcg(uint64_t seed) : s(seed * 0x9e3779b97f4a7c15ull + 1) {}
    uint64_t next()
    {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return s ^ (s >> 29);
    }
    uint64_t below(uint64_t n) { return n ? next() % n : 0; }
};

Fmt random_legal(Lcg &g)
{
    for (;;) {
        Fmt f;
        f.offset = unsigned(1 + g.below(14));
        f.levels = unsigned(1 + g.below(3));
        f.va_bits = f.offset + f.levels + unsigned(g.below(f.levels * 5 + 1));
        f.pte_log2 = unsigned(g.below(4));
        unsigned bits = 8u << f.pte_log2;
        f.pfn_width = unsigned(1 + g.below(bits - 1));
        f.pfn_lsb = unsigned(g.below(bits - f.pfn_width + 1));
        f.valid = unsigned(g.below(bits));
        f.present_used = g.below(2);
        f.present = unsigned(g.below(bits));
        if (f.va_bits <= 56 && f.legal())
            return f;
    }
}

class TeachTest : public FaceTest {};

}  // namespace

// Every clause of the WARL rule, on a large random sample and on the edges: kept iff legal.
TEST_P(TeachTest, RadixWarlMatchesTheRule)
{
    Rig r(GetParam());
    Lcg g(7);
    uint64_t cur = 0;
    unsigned kept = 0, ignored = 0;
    for (unsigned i = 0; i < 20000; i++) {
        uint64_t v = g.next() & mask(41);
        if (i % 3 == 0)  // steer towards the boundary: small fields
            v = Fmt{unsigned(g.below(58)), unsigned(g.below(20)), unsigned(g.below(4)),
                    unsigned(g.below(4)), unsigned(g.below(64)), unsigned(g.below(64)),
                    bool(g.below(2)), unsigned(g.below(64)), unsigned(g.below(64))}
                    .value();
        bool legal = Fmt::of(v).legal();
        bool flushed = r.wr(RADIX, v | (g.below(2) ? uint64_t(1) << 63 : 0));
        if (legal) {
            EXPECT_EQ(flushed, v != cur) << std::hex << v;
            cur = v;
            kept++;
        } else {
            EXPECT_FALSE(flushed) << std::hex << v;
            ignored++;
        }
        ASSERT_EQ(r.rd(RADIX), cur) << std::hex << "after writing 0x" << v;
    }
    EXPECT_GT(kept, 400u);
    EXPECT_GT(ignored, 1000u);
}

// Random legal formats and random tables (valid, invalid, absent and erroring entries): every
// answer and its number of reads are the reference walker's, and a second access hits.
TEST_P(TeachTest, RandomFormatsWalkLikeTheReference)
{
    unsigned walks = 0, faults_seen[32] = {};
    for (uint64_t seed = 1; seed <= 60; seed++) {
        Lcg g(seed);
        Fmt f = random_legal(g);
        Rig r(GetParam());
        ASSERT_TRUE(r.wr(RADIX, f.value()));
        uint64_t root_ppn = 0x40 + g.below(0x400);
        ASSERT_TRUE(r.wr(SATP, satp_val(TEACH, 3, root_ppn)));
        uint64_t root = (root_ppn << f.offset) & kPaMask;
        // fill entries on random paths, with tables at random PFNs
        uint64_t pfn_space = mask(std::min(f.pfn_width, 20u));
        for (unsigned k = 0; k < 40; k++) {
            uint64_t va = g.next() & mask(f.va_bits);
            uint64_t base = root;
            for (int level = int(f.levels) - 1; level >= 0; level--) {
                uint64_t idx = (va >> f.lsb_of(unsigned(level))) & mask(f.bits_of(unsigned(level)));
                uint64_t addr = (base + (idx << f.pte_log2)) & kPaMask;
                unsigned roll = unsigned(g.below(100));
                uint64_t pfn = 1 + g.below(pfn_space);
                uint64_t junk = g.next() & ~(f.pte(mask(64), true, true));
                r.mem.write(addr, f.pte_log2, (f.pte(pfn, roll >= 6, roll < 6 || roll >= 12) | junk) &
                                                  mask(8u << f.pte_log2));
                if (roll == 99)
                    r.mem.set_error(addr, true);
                base = (pfn << f.offset) & kPaMask;
            }
        }
        for (unsigned k = 0; k < 60; k++) {
            uint64_t va = g.next() & mask(f.va_bits + (k % 10 == 0 ? 1 : 0));
            RefAns want = ref_walk(f, r.mem, root, va);
            Ans got = r.tr(va, unsigned(g.below(3)), unsigned(g.below(2)));
            std::string where = "seed " + std::to_string(seed) + " RADIX 0x" + [&] {
                char b[24];
                std::snprintf(b, sizeof b, "%llx", (unsigned long long)f.value());
                return std::string(b);
            }() + " va 0x" + [&] {
                char b[24];
                std::snprintf(b, sizeof b, "%llx", (unsigned long long)va);
                return std::string(b);
            }();
            ASSERT_EQ(got.fault, want.fault) << where << ": " << describe(got);
            if (want.fault) {
                ASSERT_EQ(got.cause, want.cause) << where;
                ASSERT_EQ(got.level, want.level) << where;
                faults_seen[want.cause]++;
            } else {
                ASSERT_EQ(got.paddr, want.pa) << where;
                ASSERT_EQ(got.level, 0u) << where;
                Ans again = r.tr(va ^ (g.below(2) ? mask(f.offset) : 0), MMU_ACC_STORE, MMU_PRIV_U);
                EXPECT_TRUE(again.hit) << where;
                EXPECT_EQ(again.acc.size(), 0u) << where;
            }
            if (!got.hit && want.cause != MMU_CAUSE_VA_RANGE) {
                EXPECT_EQ(got.acc.size(), want.reads) << where;
                walks++;
            }
        }
    }
    EXPECT_GT(walks, 1000u);
    EXPECT_GT(faults_seen[MMU_CAUSE_PTE_INVALID], 20u);
    EXPECT_GT(faults_seen[MMU_CAUSE_NOT_PRESENT], 20u);
    EXPECT_GT(faults_seen[MMU_CAUSE_WALK_ACCESS_ERROR], 5u);
    EXPECT_GT(faults_seen[MMU_CAUSE_VA_RANGE], 5u);
}

// Teaching TLB entries: the full VPN at the format's page size, PFN, level 0, G = 0 and no
// permissions; the read size is the PTE size.
TEST_P(TeachTest, EntriesAndReadSize)
{
    Rig r(GetParam());
    Fmt f;  // 16 KiB / 4 KiB / 4-byte entries, PFN 19:0; bits 30:20 are ignored
    f.pfn_width = 20;
    r.wr(RADIX, f.value());
    r.wr(SATP, satp_val(TEACH, 9, 2));
    r.mem.write(0x2008, 2, f.pte(7, true, true) | (uint64_t(0x7ff) << 20));
    Ans a = r.tr(0x2abc, LOAD, PRIV_U);
    ASSERT_FALSE(a.fault) << describe(a);
    EXPECT_EQ(a.paddr, 0x7abcu);
    ASSERT_EQ(a.acc.size(), 1u);
    EXPECT_EQ(a.acc[0].addr, 0x2008u);
    EXPECT_EQ(a.acc[0].size, 2u);
    mmu_tlb_entry_t e = r.entry(a.fill_index);
    EXPECT_TRUE(e.valid);
    EXPECT_EQ(e.vpn, 2u);
    EXPECT_EQ(e.ppn, 7u);
    EXPECT_EQ(e.level, 0u);
    EXPECT_EQ(e.asid, 9u);
    EXPECT_FALSE(e.global || e.r || e.w || e.x || e.u || e.a || e.d);
}

// HYBRID (4.5): PAGE_BOUND on both sides of the limit, the table at the segment's BASE, the TLB
// tagged with the full VPN, FLUSH_VA matched on it; HYBRID needs va_bits - select > offset (9.7).
TEST_P(TeachTest, HybridSegmentsAreTables)
{
    Rig r(GetParam());
    Fmt f;
    f.va_bits = 16;  // legal for the WARL check; ignored by HYBRID
    f.pfn_width = 20;
    r.wr(RADIX, f.value());
    r.wr(SATP, satp_val(TEACH, 1, 0));
    r.wr(SEGCTL, segctl_val(2, 2, 16, true));
    r.wr(seg_base(1), 0x30000);
    r.wr(seg_limit(1), 2);
    r.wr(seg_flags(1), SF_V | SF_R | SF_W);
    r.mem.write(0x30000, 2, f.pte(0x11, true, true));
    r.mem.write(0x30004, 2, f.pte(0x12, true, true));
    Ans a = r.tr(0x4123, LOAD, PRIV_S);
    EXPECT_TRUE(IsOk(a, 0x11123, 0)) << describe(a);
    ASSERT_EQ(a.acc.size(), 1u);
    EXPECT_EQ(a.acc[0].addr, 0x30000u);
    EXPECT_TRUE(IsOk(r.tr(0x5fff, STORE, PRIV_S), 0x12fff, 0));
    Ans b = r.tr(0x6000, LOAD, PRIV_S);  // VPN 2 = LIMIT
    EXPECT_TRUE(IsFault(b, MMU_CAUSE_PAGE_BOUND, access_exc(LOAD), 0)) << describe(b);
    EXPECT_EQ(b.acc.size(), 0u);
    EXPECT_EQ(r.entry(a.fill_index).vpn, 0x4u);  // VA 0x4123 >> 12: segment bits included
    EXPECT_TRUE(r.wr(FLUSH_VA, 0x4fff) == false);
    r.wr(FLUSH, flush_val(FL_VA));
    EXPECT_FALSE(r.tr(0x4000, LOAD, PRIV_S).hit);
    EXPECT_TRUE(r.tr(0x5000, LOAD, PRIV_S).hit);
    // va_bits - select = 14 is not > offset 14: HYBRID is off, the segment is an OSTEP segment
    // (LIMIT 2 bytes) in front of RADIX paging
    Fmt g = f;
    g.offset = 14;
    g.va_bits = 16;
    r.wr(RADIX, g.value());
    // offset 1 < LIMIT 2: linear 0x30000 + 1 = 0x30001 is outside RADIX's 16 bits: VA_RANGE
    Ans c = r.tr(0x4001, LOAD, PRIV_S);
    EXPECT_TRUE(IsFault(c, MMU_CAUSE_VA_RANGE, page_exc(LOAD), 0)) << describe(c);
    Ans d = r.tr(0x4002, LOAD, PRIV_S);
    EXPECT_TRUE(IsFault(d, MMU_CAUSE_SEG_LIMIT, access_exc(LOAD), 0)) << describe(d);
}

INSTANTIATE_TEST_SUITE_P(Faces, TeachTest, ::testing::Values(Face::Untimed, Face::Cycle), face_name);

// The untimed face against the cycle face (mmu_model.h: "the same PA, fault reason, exception code,
// TLB effects and A/D writes as the cycle model") on shared random page tables and random request
// and register streams; several models side by side; mmu_create's config checks; mmu_translate's
// refusal of illegal requests; mmu_exc_code (SPEC 5).
#include <random>
#include <stdexcept>

#include "unit_fixture.h"

using namespace ut;

namespace {

// Random page tables in one mode: mapped VAs in a few clusters, with mostly sane and sometimes
// broken PTEs (invalid, W-only, reserved bits, misaligned superpages), and a few memory errors.
struct World {
    unsigned mode = SV39;
    uint64_t root_ppn = 0;
    std::vector<uint64_t> vas;     // addresses worth translating
    std::vector<uint64_t> leaves;  // leaf PTE addresses (where A/D writes go)
};

World build_world(TestMem &mem, unsigned mode, uint32_t seed)
{
    World w;
    w.mode = mode;
    PageTables pt(mem, mode);
    w.root_ppn = pt.root_ppn();
    std::mt19937 rng(seed);
    const Scheme &s = pt.sch();
    const uint64_t va_mask = (uint64_t(1) << (s.va_bits - 1)) - 1;  // the non-negative half
    uint64_t clusters[4];
    for (uint64_t &c : clusters)
        c = (uint64_t(rng()) << 30 | rng()) & va_mask & ~((uint64_t(1) << 22) - 1);
    for (int i = 0; i < 48; i++) {
        uint64_t va = clusters[rng() % 4] + (uint64_t(rng() % 1024) << 12);
        if (mode != SV32 && rng() % 4 == 0)
            va |= ~va_mask;  // negative half, canonical
        unsigned level = 0;
        const unsigned r = rng() % 10;
        if (r >= 7)
            level = 1;
        if (r == 9 && s.levels > 2)
            level = 2;
        const uint64_t rwx[] = {PTE_R, PTE_R | PTE_W, PTE_X, PTE_R | PTE_X, PTE_R | PTE_W | PTE_X, PTE_W};
        uint64_t flags = (rng() % 20 ? PTE_V : 0) | rwx[rng() % 20 == 0 ? 5 : rng() % 5] |
                         (rng() % 2 ? PTE_U : 0) | (rng() % 5 == 0 ? PTE_G : 0) |
                         (rng() % 10 < 7 ? PTE_A : 0) | (rng() % 2 ? PTE_D : 0) |
                         (rng() % 4 == 0 ? PTE_RSW1 : 0);
        if (mode != SV32 && rng() % 30 == 0)
            flags |= uint64_t(1) << (54 + rng() % 10);
        const unsigned align = 12 + s.vpn_bits * level;
        uint64_t pa = (0x80000000ull + (uint64_t(rng() % 256) << 24)) & ~((uint64_t(1) << align) - 1);
        if (mode == SV32)
            pa &= (uint64_t(1) << 34) - 1;
        if (level > 0 && rng() % 15 == 0)
            pa |= uint64_t(1) << 12;  // misaligned
        try {
            w.leaves.push_back(pt.map(va, pa, flags, level, rng() % 8 == 0 ? PTE_V | PTE_G : PTE_V));
        } catch (const std::logic_error &) {
            continue;  // a superpage is in the way
        }
        w.vas.push_back(va);
        w.vas.push_back(va + (rng() % 4096));
        if (level > 0)
            w.vas.push_back(va + (uint64_t(rng()) & ((uint64_t(1) << align) - 1)));
    }
    // Some memory errors on the way to mapped pages, and one on an A/D write.
    for (int i = 0; i < 3; i++) {
        const uint64_t va = w.vas[rng() % w.vas.size()];
        try {
            mem.set_error(pt.pte_addr(va, rng() % s.levels), true);
        } catch (const std::logic_error &) {
        }
    }
    mem.set_write_error(w.leaves[rng() % w.leaves.size()], true);
    // Unmapped and out-of-range addresses.
    for (int i = 0; i < 6; i++)
        w.vas.push_back(clusters[rng() % 4] + (uint64_t(rng() % 4096) << 12) + 0x400000);
    w.vas.push_back(mode == SV32 ? 0x100000000ull : uint64_t(1) << (s.va_bits - 1));
    w.vas.push_back(0x8000000000000000ull | 0x1000);
    return w;
}

::testing::AssertionResult SameEffects(const Ans &u, const Ans &c)
{
    ::testing::AssertionResult r = SameAnswer(u, c);
    if (!r)
        return r;
    if (u.hit != c.hit || (u.hit && u.hit_index != c.hit_index))
        return ::testing::AssertionFailure() << "hit differs:\n  " << describe(u) << "\n  " << describe(c);
    if (u.fill != c.fill || (u.fill && u.fill_index != c.fill_index))
        return ::testing::AssertionFailure() << "fill differs:\n  " << describe(u) << "\n  " << describe(c);
    if (u.acc.size() != c.acc.size())
        return ::testing::AssertionFailure() << "number of memory accesses differs:\n  " << describe(u)
                                             << "\n  " << describe(c);
    for (size_t i = 0; i < u.acc.size(); i++) {
        const MemAccess &a = u.acc[i], &b = c.acc[i];
        const uint64_t mask = a.size >= 3 ? ~uint64_t(0) : (uint64_t(1) << (8u << a.size)) - 1;
        if (a.addr != b.addr || a.size != b.size || a.write != b.write || a.err != b.err ||
            ((a.value ^ b.value) & mask))
            return ::testing::AssertionFailure()
                   << std::hex << "access " << i << " differs: addr 0x" << a.addr << "/0x" << b.addr
                   << " write " << a.write << "/" << b.write << " value 0x" << a.value << "/0x"
                   << b.value << " err " << a.err << "/" << b.err << " size " << a.size << "/" << b.size;
    }
    return ::testing::AssertionSuccess();
}

// One random operation, applied identically to every rig in `rigs`; returns the answers.
struct Op {
    int kind;  // 0 translate, 1 register write
    uint64_t va;
    unsigned acc, priv;
    unsigned addr;
    uint64_t data;
};

Op random_op(std::mt19937 &rng, const World &w, uint64_t &recent)
{
    Op op{};
    const unsigned r = rng() % 100;
    if (r < 84) {
        op.kind = 0;
        op.va = rng() % 2 ? recent : w.vas[rng() % w.vas.size()];  // some locality: more hits
        recent = op.va;
        if (rng() % 3 == 0)
            op.va ^= rng() % 4096;
        op.acc = rng() % 3;
        op.priv = rng() % 16 == 0 ? PRIV_M : rng() % 2;
        return op;
    }
    op.kind = 1;
    if (r < 89) {
        op.addr = STATUS;
        op.data = status_val(rng() % 2, rng() % 2, rng() % 2);
    } else if (r < 92) {
        op.addr = SATP;
        const unsigned m = rng() % 8 == 0 ? BARE : w.mode;
        op.data = satp_val(m, rng() % 4, w.root_ppn);
    } else if (r < 95) {
        op.addr = rng() % 2 ? FLUSH_VA : FLUSH;
        op.data = op.addr == FLUSH ? flush_val(rng() % 4, rng() % 4)
                                   : w.vas[rng() % w.vas.size()] + (rng() % 2 ? 0 : rng() % 0x200000);
    } else if (r < 97) {
        op.addr = TLBCTL;
        op.data = tlbctl_val(rng() % 4, uint16_t(rng()));
    } else {
        // base-and-bounds that keeps most addresses (linear = vaddr + 0), or off again
        op.addr = rng() % 3 == 0 ? SEGCTL : BOUNDS;
        op.data = op.addr == SEGCTL ? segctl_val(rng() % 2, 0, 0) : (rng() % 2 ? ~uint64_t(0) : uint64_t(1) << 36);
    }
    return op;
}

struct Cfg {
    unsigned mode, entries, asid_bits;
    uint32_t seed;
};

void compare_faces(const Cfg &cfg, const MemConfig &mc, bool compare_walk_cycles, unsigned ops)
{
    Rig u(Face::Untimed, cfg.entries, cfg.asid_bits);
    Rig c(Face::Cycle, cfg.entries, cfg.asid_bits, mc);
    World w = build_world(u.mem, cfg.mode, cfg.seed);
    u.mem.copy_to(c.mem);
    for (Rig *r : {&u, &c})
        r->wr(SATP, satp_val(cfg.mode, 1, w.root_ppn));
    std::mt19937 rng(cfg.seed * 31 + 7);
    uint64_t recent = w.vas[0];
    unsigned walks = 0, hits = 0, faults = 0;
    for (unsigned i = 0; i < ops; i++) {
        const Op op = random_op(rng, w, recent);
        if (op.kind == 1) {
            const bool fu = u.wr(op.addr, op.data);
            const bool fc = c.wr(op.addr, op.data);
            ASSERT_EQ(fu, fc) << "op " << i << " register 0x" << std::hex << op.addr;
            continue;
        }
        Ans a = u.tr(op.va, op.acc, op.priv);
        Ans b = c.tr(op.va, op.acc, op.priv);
        ASSERT_TRUE(SameEffects(a, b)) << "op " << i << std::hex << " va 0x" << op.va << " acc "
                                       << op.acc << " priv " << op.priv;
        walks += !a.acc.empty();
        hits += a.hit;
        faults += a.fault;
    }
    std::printf("%s: %u translations walked, %u hits, %u faults of %u operations\n",
                mmu_satp_mode_name(cfg.mode), walks, hits, faults, ops);
    EXPECT_GT(walks, ops / 20);
    EXPECT_GT(hits, ops / 20);
    EXPECT_GT(faults, ops / 20);
    for (unsigned k = HITS; k <= FLUSHES; k++) {
        if (k != WALK_CYCLES || compare_walk_cycles) {
            EXPECT_EQ(u.rd(k), c.rd(k)) << mmu_csr_name(k);
        }
    }
    for (unsigned i = 0; i < cfg.entries; i++) {
        const mmu_tlb_entry_t x = u.entry(i), y = c.entry(i);
        EXPECT_EQ(x.valid, y.valid) << "entry " << i;
        if (!x.valid || !y.valid)
            continue;
        EXPECT_EQ(x.asid, y.asid) << i;
        EXPECT_EQ(x.global, y.global) << i;
        EXPECT_EQ(x.vpn, y.vpn) << i;
        EXPECT_EQ(x.level, y.level) << i;
        EXPECT_EQ(x.ppn, y.ppn) << i;
        EXPECT_EQ(x.r, y.r) << i;
        EXPECT_EQ(x.w, y.w) << i;
        EXPECT_EQ(x.x, y.x) << i;
        EXPECT_EQ(x.u, y.u) << i;
        EXPECT_EQ(x.a, y.a) << i;
        EXPECT_EQ(x.d, y.d) << i;
    }
    for (uint64_t leaf : w.leaves)
        EXPECT_EQ(u.mem.read(leaf, 3), c.mem.read(leaf, 3)) << std::hex << leaf;
    EXPECT_EQ(u.rd(TLBCTL), c.rd(TLBCTL));
}

}  // namespace

class UntimedVsCycle : public ::testing::TestWithParam<Cfg> {};

INSTANTIATE_TEST_SUITE_P(
    Configs, UntimedVsCycle,
    ::testing::Values(Cfg{SV39, 16, 16, 1}, Cfg{SV39, 4, 0, 2}, Cfg{SV48, 8, 9, 3},
                      Cfg{SV32, 16, 16, 4}, Cfg{SV39, 64, 16, 5}, Cfg{SV48, 32, 5, 6},
                      Cfg{SV32, 4, 9, 7}, Cfg{SV39, 8, 16, 8}),
    [](const ::testing::TestParamInfo<Cfg> &i) {
        return std::string(mmu_satp_mode_name(i.param.mode)) + "_" + std::to_string(i.param.entries) +
               "e_" + std::to_string(i.param.asid_bits) + "a_s" + std::to_string(i.param.seed);
    });

// Latency 1, no stall: everything equal, WALK_CYCLES included (decisions.md 8).
TEST_P(UntimedVsCycle, SameEffectsLatency1) { compare_faces(GetParam(), MemConfig(), true, 1000); }

// Random latency and back-pressure change only the timing.
TEST_P(UntimedVsCycle, SameEffectsRandomTiming)
{
    MemConfig mc;
    mc.min_latency = 1;
    mc.max_latency = 4;
    mc.ready_prob = 0.5;
    mc.seed = GetParam().seed + 100;
    compare_faces(GetParam(), mc, false, 600);
}

// Several models side by side keep separate state: a model run alone and the same model run
// interleaved with two others (one cycle-level, one with another config and other traffic) answer
// alike.
TEST(Untimed, ModelsSideBySideDoNotInterfere)
{
    const Cfg cfg{SV39, 8, 16, 11};
    std::vector<Ans> alone;
    std::vector<Op> ops;
    {
        Rig u(Face::Untimed, cfg.entries, cfg.asid_bits);
        World w = build_world(u.mem, cfg.mode, cfg.seed);
        u.wr(SATP, satp_val(cfg.mode, 1, w.root_ppn));
        std::mt19937 rng(99);
        uint64_t recent = w.vas[0];
        for (int i = 0; i < 300; i++) {
            ops.push_back(random_op(rng, w, recent));
            const Op &op = ops.back();
            if (op.kind)
                u.wr(op.addr, op.data);
            else
                alone.push_back(u.tr(op.va, op.acc, op.priv));
        }
    }
    Rig u(Face::Untimed, cfg.entries, cfg.asid_bits);
    Rig c(Face::Cycle, 16, 16);
    Rig z(Face::Untimed, 4, 0);
    World w = build_world(u.mem, cfg.mode, cfg.seed);
    World wz = build_world(z.mem, SV48, 5);
    World wc = build_world(c.mem, SV32, 6);
    u.wr(SATP, satp_val(cfg.mode, 1, w.root_ppn));
    z.wr(SATP, satp_val(SV48, 3, wz.root_ppn));
    c.wr(SATP, satp_val(SV32, 2, wc.root_ppn));
    std::mt19937 rz(1), rc(2);
    uint64_t recent_z = wz.vas[0], recent_c = wc.vas[0];
    size_t k = 0;
    for (const Op &op : ops) {
        const Op oz = random_op(rz, wz, recent_z), oc = random_op(rc, wc, recent_c);
        if (oz.kind) {
            z.wr(oz.addr, oz.data);
        } else {
            z.tr(oz.va, oz.acc, oz.priv);
        }
        if (op.kind) {
            u.wr(op.addr, op.data);
        } else {
            Ans a = u.tr(op.va, op.acc, op.priv);
            ASSERT_TRUE(SameEffects(alone[k], a)) << "translation " << k;
            k++;
        }
        if (oc.kind) {
            c.wr(oc.addr, oc.data);
        } else {
            c.tr(oc.va, oc.acc, oc.priv);
        }
    }
    EXPECT_EQ(k, alone.size());
}

// mmu_model.h: "NULL on a bad config, with a message in err"; SPEC 6: N in {4, 8, 16, 32, 64},
// ASID width 0..16.
TEST(Untimed, CreateChecksConfig)
{
    for (unsigned n : {0u, 1u, 2u, 3u, 5u, 12u, 24u, 48u, 65u, 128u, 256u}) {
        mmu_config_t cfg{n, 16};
        char err[128] = "";
        EXPECT_EQ(mmu_create(&cfg, err, sizeof err), nullptr) << n;
        EXPECT_NE(err[0], '\0') << n;
        EXPECT_EQ(mmu_create(&cfg, nullptr, 0), nullptr) << n;
    }
    for (unsigned a : {17u, 32u, 1000u}) {
        mmu_config_t cfg{16, a};
        char err[128] = "";
        EXPECT_EQ(mmu_create(&cfg, err, sizeof err), nullptr) << a;
        EXPECT_NE(err[0], '\0') << a;
    }
    for (unsigned n : {4u, 8u, 16u, 32u, 64u})
        for (unsigned a : {0u, 1u, 9u, 16u}) {
            mmu_config_t cfg{n, a};
            mmu_model_t *m = mmu_create(&cfg, nullptr, 0);
            ASSERT_NE(m, nullptr) << n << " " << a;
            EXPECT_EQ(mmu_tlb_entries(m), n);
            EXPECT_EQ(mmu_asid_bits(m), a);
            EXPECT_EQ(mmu_cycle(m), 0u);
            EXPECT_EQ(mmu_assertion_count(m), 0u);
            for (unsigned i = 0; i < n; i++) {
                mmu_tlb_entry_t e;
                mmu_tlb_entry(m, i, &e);
                EXPECT_FALSE(e.valid);
            }
            mmu_destroy(m);
        }
}

// mmu_translate: "Returns false, changing nothing, for an illegal acc/priv."
TEST(Untimed, TranslateRefusesIllegalRequests)
{
    Rig r(Face::Untimed);
    PageTables pt(r.mem, SV39);
    pt.map(0x1000, 0x81000000, LEAF_ALL);
    r.wr(SATP, pt.satp());
    r.wr(TLBCTL, tlbctl_val(RANDOM, 0x1234));
    mmu_memory_t io = r.mem.iface();
    mmu_result_t res{};
    const std::vector<std::pair<unsigned, unsigned>> bad = {{3, PRIV_S}, {LOAD, 2}, {3, 2}, {7, PRIV_U}, {LOAD, 4}};
    for (const auto &ap : bad) {
        r.mem.log.clear();
        EXPECT_FALSE(mmu_translate(r.m, 0x1000, ap.first, ap.second, &io, &res));
        EXPECT_TRUE(r.mem.log.empty());
    }
    for (unsigned k = HITS; k <= FLUSHES; k++)
        EXPECT_EQ(r.rd(k), 0u) << mmu_csr_name(k);
    EXPECT_EQ(r.valid_entries(), 0u);
    EXPECT_EQ(r.rd(TLBCTL), 0x12340003u);
    EXPECT_TRUE(IsOk(r.tr(0x1000, LOAD, PRIV_S), 0x81000000, 0));
}

// The faces share one state when used one after the other (never with a translation in flight).
TEST(Untimed, FacesShareState)
{
    Rig r(Face::Cycle);
    PageTables pt(r.mem, SV39);
    pt.map(0x1000, 0x81000000, LEAF_ALL);
    r.wr(SATP, pt.satp());
    Ans a = r.tr(0x1000, LOAD, PRIV_S);  // cycle face: a walk and a fill
    ASSERT_TRUE(a.fill);
    mmu_memory_t io = r.mem.iface();
    mmu_result_t res{};
    ASSERT_TRUE(mmu_translate(r.m, 0x1008, STORE, PRIV_S, &io, &res));
    EXPECT_TRUE(res.hit);
    EXPECT_EQ(res.hit_index, a.fill_index);
    EXPECT_EQ(res.paddr, 0x81000008u);
    EXPECT_EQ(mmu_csr_read(r.m, HITS), 1u);
    EXPECT_EQ(r.rd(HITS), 1u);
    EXPECT_TRUE(mmu_csr_write(r.m, FLUSH, 0));
    EXPECT_FALSE(r.tr(0x1000, LOAD, PRIV_S).hit);
}

// SPEC 5: access faults for BOUNDS, SEG_*, VA_RANGE found by segmentation, PAGE_BOUND and
// WALK_ACCESS_ERROR; page faults for every other reason, including VA_RANGE found by paging and
// NOT_PRESENT.
TEST(Untimed, ExceptionCodes)
{
    for (unsigned acc : {LOAD, STORE, FETCH})
        for (unsigned cause = 0; cause < MMU_CAUSE_COUNT; cause++)
            for (bool seg : {false, true}) {
                unsigned want;
                if (cause == MMU_CAUSE_NONE)
                    want = 0;
                else if (cause == MMU_CAUSE_BOUNDS || cause == MMU_CAUSE_SEG_INVALID ||
                         cause == MMU_CAUSE_SEG_LIMIT || cause == MMU_CAUSE_SEG_PERM ||
                         cause == MMU_CAUSE_PAGE_BOUND || cause == MMU_CAUSE_WALK_ACCESS_ERROR ||
                         (cause == MMU_CAUSE_VA_RANGE && seg))
                    want = access_exc(acc);
                else
                    want = page_exc(acc);
                EXPECT_EQ(mmu_exc_code(cause, acc, seg), want)
                    << mmu_cause_name(cause) << " acc " << acc << " seg " << seg;
            }
}

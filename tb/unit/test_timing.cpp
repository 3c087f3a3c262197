// The cycle-level face (SPEC 1, 7, 8, 9.1, 9.5, 9.6, 9.12) through mmu_step with csim/MemModel
// behind the memory port: answer cycles of hits and walks for several latencies, with and without
// back-pressure, req_ready / csr_ready, CSR read timing, flushes racing walks, the trace port,
// counters and when they count, memory errors, reset and the protocol assertions.
// Every cycle of every test also goes through Rig::step's check that unqualified outputs are 0.
#include <functional>
#include <random>

#include "unit_fixture.h"

using namespace ut;

namespace {

MemConfig latency(unsigned min, unsigned max = 0, double ready = 1.0, uint64_t seed = 1)
{
    MemConfig mc;
    mc.min_latency = min;
    mc.max_latency = max ? max : min;
    mc.ready_prob = ready;
    mc.seed = seed;
    return mc;
}

struct Env {
    Rig r;
    PageTables pt;
    explicit Env(const MemConfig &mc = MemConfig(), unsigned mode = SV39, unsigned entries = 16)
        : r(Face::Cycle, entries, 16, mc), pt(r.mem, mode)
    {
        r.wr(SATP, pt.satp());
    }
};

mmu_inputs_t req_in(uint64_t va, unsigned acc = LOAD, unsigned priv = PRIV_S)
{
    mmu_inputs_t in = Rig::idle_in();
    in.req_valid = true;
    in.req_vaddr = va;
    in.req_acc = uint8_t(acc);
    in.req_priv = uint8_t(priv);
    return in;
}

mmu_inputs_t csr_in(bool write, unsigned addr, uint64_t data = 0)
{
    mmu_inputs_t in = Rig::idle_in();
    in.csr_valid = true;
    in.csr_write = write;
    in.csr_addr = uint8_t(addr);
    in.csr_wdata = data;
    return in;
}

struct Cyc {
    uint64_t c;
    mmu_inputs_t in;
    mmu_outputs_t out;
};

// One translation driven cycle by cycle. `extra` may add CSR traffic to the inputs of cycle c
// (the request is presented until accepted, then req_valid is 0).
struct Walk {
    uint64_t t = 0, A = 0;
    mmu_outputs_t ans{};
    std::vector<Cyc> cyc;  // cycles t+1 .. A
    std::vector<MemAccess> acc;
    std::vector<uint64_t> presented;  // cycles in which a new memory request first appears
    const Cyc &at(uint64_t c) const { return cyc.at(size_t(c - t - 1)); }
};

Walk run(Rig &r, uint64_t va, unsigned acc = LOAD, unsigned priv = PRIV_S,
         const std::function<void(uint64_t, mmu_inputs_t &)> &extra = nullptr)
{
    Walk w;
    size_t log0 = r.port_log.size();
    for (int i = 0;; i++) {
        uint64_t c = r.cycle;
        mmu_outputs_t out = r.step(req_in(va, acc, priv));
        if (out.req_ready) {
            w.t = c;
            EXPECT_FALSE(out.mem_req_valid) << "memory request in the accept cycle";
            break;
        }
        if (i > 1000) {
            ADD_FAILURE() << "not accepted";
            return w;
        }
    }
    bool prev_pending_req = false;
    for (int i = 0;; i++) {
        uint64_t c = r.cycle;
        mmu_inputs_t in = Rig::idle_in();
        if (extra)
            extra(c, in);
        mmu_outputs_t out = r.step(in);
        w.cyc.push_back({c, r.last_in, out});
        if (out.mem_req_valid && !prev_pending_req)
            w.presented.push_back(c);
        prev_pending_req = out.mem_req_valid && !r.last_in.mem_req_ready;
        if (out.resp_valid) {
            w.A = c;
            w.ans = out;
            break;
        }
        if (i > 5000) {
            ADD_FAILURE() << "no answer";
            return w;
        }
    }
    w.acc.assign(r.port_log.begin() + long(log0), r.port_log.end());
    return w;
}

// Checks the exact schedule of a walk without stalls: n reads (+ an A/D write), latency L.
void expect_schedule(const Walk &w, unsigned n, unsigned L, bool ad)
{
    const unsigned accesses = n + (ad ? 1 : 0);
    EXPECT_EQ(w.A, w.t + accesses * (L + 1) + 1) << "answer cycle";
    ASSERT_EQ(w.acc.size(), accesses);
    for (unsigned k = 0; k < accesses; k++) {
        const uint64_t p = w.t + 1 + k * (L + 1);
        EXPECT_EQ(w.acc[k].accept_cycle, p) << "access " << k;
        EXPECT_EQ(w.acc[k].resp_cycle, p + L) << "access " << k;
        EXPECT_EQ(w.acc[k].write, ad && k == n) << "access " << k;
    }
    for (const Cyc &c : w.cyc) {
        bool want_req = false;
        for (unsigned k = 0; k < accesses; k++)
            want_req |= c.c == w.t + 1 + k * (L + 1);
        EXPECT_EQ(c.out.mem_req_valid, want_req) << "cycle t+" << c.c - w.t;
        EXPECT_FALSE(c.out.req_ready) << "req_ready while busy, cycle t+" << c.c - w.t;
        EXPECT_EQ(c.out.resp_valid, c.c == w.A) << "cycle t+" << c.c - w.t;
        if (c.c != w.A) {
            EXPECT_FALSE(c.out.trace_fill_valid) << "cycle t+" << c.c - w.t;
        }
    }
}

}  // namespace

// SPEC 7: "What needs no memory access ... answers in cycle t+1, and req_ready can be high in that
// cycle: hits stream one per cycle."
TEST(Timing, HitsStreamOnePerCycle)
{
    Env e;
    for (unsigned k = 0; k < 4; k++)
        e.pt.map(0x10000 + k * 0x1000, 0x80000000 + k * 0x1000, LEAF_ALL);
    for (unsigned k = 0; k < 4; k++)
        ASSERT_EQ(e.r.tr(0x10000 + k * 0x1000, LOAD, PRIV_S).fill_index, k);
    const uint64_t hits0 = e.r.rd(HITS);
    e.r.idle(2);
    std::vector<mmu_outputs_t> outs;
    for (unsigned k = 0; k < 8; k++)
        outs.push_back(e.r.step(req_in(0x10000 + (k % 4) * 0x1000 + k)));
    outs.push_back(e.r.step(Rig::idle_in()));
    outs.push_back(e.r.step(Rig::idle_in()));
    for (unsigned k = 0; k < 8; k++)
        EXPECT_TRUE(outs[k].req_ready) << k;
    EXPECT_FALSE(outs[0].resp_valid);
    for (unsigned k = 0; k < 8; k++) {
        const mmu_outputs_t &o = outs[k + 1];
        EXPECT_TRUE(o.resp_valid) << k;
        EXPECT_TRUE(o.resp_hit) << k;
        EXPECT_EQ(o.trace_hit_index, k % 4) << k;
        EXPECT_EQ(o.resp_paddr, 0x80000000u + (k % 4) * 0x1000 + k) << k;
        EXPECT_FALSE(o.mem_req_valid);
    }
    EXPECT_FALSE(outs[9].resp_valid);
    EXPECT_EQ(e.r.rd(HITS), hits0 + 8);
}

// Answers that need no walk all come in t+1 with req_ready high: M, Bare, segment results and
// faults, VA_RANGE found by paging, hit faults.
TEST(Timing, NonWalkAnswersStream)
{
    Env e;
    e.pt.map(0x5000, 0x85000000, PTE_V | PTE_R | PTE_A);
    e.r.tr(0x5000, LOAD, PRIV_S);  // fills
    struct Req {
        uint64_t va;
        unsigned acc, priv;
        bool fault;
    } reqs[] = {
        {0x123, LOAD, PRIV_M, false},          {0x5008, LOAD, PRIV_S, false},
        {0x5008, STORE, PRIV_S, true},         {0x8000000000000000ull, FETCH, PRIV_S, true},
        {0x5010, FETCH, PRIV_U, true},         {0xfff, STORE, PRIV_M, false},
    };
    std::vector<mmu_outputs_t> outs;
    for (const Req &q : reqs)
        outs.push_back(e.r.step(req_in(q.va, q.acc, q.priv)));
    outs.push_back(e.r.step(Rig::idle_in()));
    for (size_t k = 0; k < 6; k++) {
        EXPECT_TRUE(outs[k].req_ready) << k;
        EXPECT_TRUE(outs[k + 1].resp_valid) << k;
        EXPECT_EQ(outs[k + 1].resp_fault, reqs[k].fault) << k;
        EXPECT_FALSE(outs[k + 1].mem_req_valid) << k;
    }
    EXPECT_EQ(outs[1].resp_paddr, 0x123u);
    EXPECT_EQ(outs[3].resp_cause, unsigned(MMU_CAUSE_PERM_WRITE));
    EXPECT_TRUE(outs[3].resp_hit);
    EXPECT_EQ(outs[4].resp_cause, unsigned(MMU_CAUSE_VA_RANGE));
    EXPECT_EQ(outs[5].resp_cause, unsigned(MMU_CAUSE_PERM_SUPERVISOR_PAGE));
    // Bare and segments: the same.
    e.r.wr(SATP, 0);
    e.r.wr(SEGCTL, segctl_val(2, 1, 14));
    e.r.wr(seg_flags(0), SF_V | SF_R);
    e.r.wr(seg_limit(0), 0x100);
    outs.clear();
    for (uint64_t va : {0x10ull, 0x200ull, 0x3000ull, 0x4000ull})
        outs.push_back(e.r.step(req_in(va, LOAD, PRIV_S)));
    outs.push_back(e.r.step(Rig::idle_in()));
    for (size_t k = 0; k < 4; k++) {
        EXPECT_TRUE(outs[k].req_ready);
        EXPECT_TRUE(outs[k + 1].resp_valid);
    }
    EXPECT_FALSE(outs[1].resp_fault);
    EXPECT_EQ(outs[2].resp_cause, unsigned(MMU_CAUSE_SEG_LIMIT));
    EXPECT_EQ(outs[3].resp_cause, unsigned(MMU_CAUSE_SEG_INVALID));
    EXPECT_EQ(outs[4].resp_cause, unsigned(MMU_CAUSE_VA_RANGE));
}

// SPEC 7: "With latency L and no stalls an n-level walk answers at A = t + n(L+1) + 1, or
// t + (n+1)(L+1) + 1 with an A/D write"; busy (req_ready 0) from t+1 through A; filled at A;
// WALK_CYCLES adds A - t - 1 (9.6).
TEST(Timing, WalkAnswerCycles)
{
    struct Shape {
        unsigned mode, level, n;
    } shapes[] = {{SV39, 0, 3}, {SV39, 1, 2}, {SV39, 2, 1}, {SV48, 0, 4}, {SV48, 3, 1}, {SV32, 0, 2}, {SV32, 1, 1}};
    for (unsigned L : {1u, 2u, 5u})
        for (const Shape &s : shapes)
            for (bool ad : {false, true}) {
                SCOPED_TRACE(::testing::Message() << "L " << L << " mode " << s.mode << " level "
                                                  << s.level << (ad ? " with A/D write" : ""));
                Env e(latency(L), s.mode);
                const uint64_t va = 0x12345678;
                const uint64_t pa = s.level == 3 ? 0 : 0x80000000;  // aligned for the level
                const uint64_t leaf = e.pt.map(va, pa, ad ? PTE_V | PTE_R | PTE_W : LEAF_ALL, s.level);
                e.r.wr(STATUS, status_val(false, false, true));
                const uint64_t wc0 = e.r.rd(WALK_CYCLES);
                Walk w = run(e.r, va, STORE);
                expect_schedule(w, s.n, L, ad);
                EXPECT_FALSE(w.ans.resp_fault);
                EXPECT_EQ(w.ans.resp_level, s.level);
                EXPECT_TRUE(w.ans.trace_fill_valid);
                EXPECT_EQ(w.ans.trace_fill_index, 0u);
                EXPECT_FALSE(w.ans.resp_hit);
                const unsigned size = s.mode == SV32 ? 2 : 3;
                for (const MemAccess &a : w.acc)
                    EXPECT_EQ(a.size, size);
                if (ad) {
                    EXPECT_EQ(w.acc.back().addr, leaf);
                }
                // Ready again in A+1, with the TLB filled: the same page hits.
                mmu_outputs_t o = e.r.step(req_in(va + 4, LOAD));
                EXPECT_TRUE(o.req_ready);
                o = e.r.step(Rig::idle_in());
                EXPECT_TRUE(o.resp_valid && o.resp_hit);
                EXPECT_EQ(e.r.rd(WALK_CYCLES) - wc0, w.A - w.t - 1);
            }
}

// A request held from t+1 is accepted in A+1 and its lookup sees the fill made at the edge ending A
// (SPEC 7 "Its TLB lookup sees the TLB as updated at the edge ending cycle t-1").
TEST(Timing, RequestHeldDuringWalkSeesFill)
{
    Env e(latency(2));
    e.pt.map(0x7000, 0x87000000, LEAF_ALL);
    mmu_outputs_t o = e.r.step(req_in(0x7000));
    ASSERT_TRUE(o.req_ready);
    const uint64_t t = e.r.cycle - 1;
    uint64_t accepted = 0, answered = 0, second = 0;
    for (int i = 0; i < 30 && !second; i++) {
        uint64_t c = e.r.cycle;
        o = e.r.step(req_in(0x7abc, FETCH));
        if (o.resp_valid && !answered)
            answered = c;
        else if (o.resp_valid)
            second = c;
        if (o.req_ready && !accepted)
            accepted = c;
    }
    EXPECT_EQ(answered, t + 3 * 3 + 1);
    EXPECT_EQ(accepted, answered + 1);
    EXPECT_EQ(second, accepted + 1);
    EXPECT_TRUE(o.resp_hit);
    EXPECT_EQ(o.resp_paddr, 0x87000abcu);
}

// Scripted stalls on mem_req_ready: a request holds its values until accepted; the next read, the
// A/D write or the answer is presented in the cycle after the response (SPEC 1, 7).
TEST(Timing, WalkWithScriptedStalls)
{
    for (unsigned L : {1u, 2u, 5u})
        for (bool ad : {false, true}) {
            SCOPED_TRACE(::testing::Message() << "L " << L << (ad ? " A/D" : ""));
            Env e(latency(L));
            e.r.mem_gate = [](uint64_t c) { return ((c * 2654435761u) >> 7) % 3 == 0; };
            e.r.wr(STATUS, status_val(false, false, true));
            const uint64_t va = 0x40201000;
            e.pt.map(va, 0x80000000, ad ? PTE_V | PTE_R | PTE_W : LEAF_ALL);
            const uint64_t wc0 = e.r.rd(WALK_CYCLES);
            Walk w = run(e.r, va, STORE);
            ASSERT_EQ(w.acc.size(), ad ? 4u : 3u);
            ASSERT_EQ(w.presented.size(), w.acc.size());
            uint64_t expect_present = w.t + 1;
            unsigned stalls = 0;
            for (size_t k = 0; k < w.acc.size(); k++) {
                EXPECT_EQ(w.presented[k], expect_present) << k;
                // Held, unchanged, from presentation to acceptance.
                for (uint64_t c = w.presented[k]; c <= w.acc[k].accept_cycle; c++) {
                    const Cyc &x = w.at(c);
                    EXPECT_TRUE(x.out.mem_req_valid);
                    EXPECT_EQ(x.out.mem_req_addr, w.acc[k].addr);
                    EXPECT_EQ(x.out.mem_req_write, w.acc[k].write);
                    EXPECT_EQ(x.out.mem_req_size, 3u);
                    EXPECT_EQ(x.out.mem_req_wdata, w.acc[k].write ? w.acc[k].value : 0);
                    EXPECT_EQ(x.in.mem_req_ready, c == w.acc[k].accept_cycle);
                }
                stalls += unsigned(w.acc[k].accept_cycle - w.presented[k]);
                EXPECT_EQ(w.acc[k].resp_cycle, w.acc[k].accept_cycle + L);
                for (uint64_t c = w.acc[k].accept_cycle + 1; c <= w.acc[k].resp_cycle; c++)
                    EXPECT_FALSE(w.at(c).out.mem_req_valid);
                expect_present = w.acc[k].resp_cycle + 1;
            }
            EXPECT_GT(stalls, 0u);
            EXPECT_EQ(w.A, expect_present);
            EXPECT_EQ(e.r.rd(WALK_CYCLES) - wc0, w.A - w.t - 1);
        }
}

// Random back-pressure and latencies from MemModel: the same structural rules on many walks, and
// the counters PTE_READS, AD_WRITES, WALKS and WALK_CYCLES add up.
TEST(Timing, WalksUnderRandomBackPressure)
{
    Env e(latency(1, 4, 0.4, 77));
    e.r.wr(STATUS, status_val(false, false, true));
    std::mt19937 rng(5);
    uint64_t cycles = 0, reads = 0, writes = 0;
    const unsigned walks = 60;
    for (unsigned i = 0; i < walks; i++) {
        const uint64_t va = 0x1000000000ull + uint64_t(i) * 0x40000000ull + (rng() % 512) * 0x1000;
        const unsigned level = rng() % 3;
        const bool clean = rng() % 2;
        e.pt.map(va, 0x80000000, clean ? PTE_V | PTE_R | PTE_W : LEAF_ALL, level);
        Walk w = run(e.r, va, rng() % 2 ? STORE : LOAD);
        ASSERT_EQ(w.presented.size(), w.acc.size());
        uint64_t expect_present = w.t + 1;
        for (size_t k = 0; k < w.acc.size(); k++) {
            EXPECT_EQ(w.presented[k], expect_present) << "walk " << i << " access " << k;
            EXPECT_GE(w.acc[k].resp_cycle, w.acc[k].accept_cycle + 1);
            expect_present = w.acc[k].resp_cycle + 1;
            (w.acc[k].write ? writes : reads)++;
        }
        EXPECT_EQ(w.A, expect_present) << "walk " << i;
        EXPECT_EQ(w.acc.size() - (clean ? 1 : 0), 3u - level) << "walk " << i;
        cycles += w.A - w.t - 1;
    }
    EXPECT_EQ(e.r.rd(WALKS), walks);
    EXPECT_EQ(e.r.rd(WALK_CYCLES), cycles);
    EXPECT_EQ(e.r.rd(PTE_READS), reads);
    EXPECT_EQ(e.r.rd(AD_WRITES), writes);
    EXPECT_EQ(e.r.mem.mm.reads_accepted, reads);
    EXPECT_EQ(e.r.mem.mm.writes_accepted, writes);
}

// SPEC 7: "req_ready = !busy && !csr_valid. csr_ready = !busy || (csr_write && csr_addr in {FLUSH,
// FLUSH_VA}) || (!csr_write && csr_addr in 0x40..0x48); it never depends on req_valid."
TEST(Timing, ReadyRules)
{
    Env e(latency(3));
    e.pt.map(0x9000, 0x89000000, LEAF_ALL);
    auto probe = [&](mmu_inputs_t in) {
        e.r.mem.mm.drive(in);
        mmu_outputs_t o{};
        mmu_eval(e.r.m, &in, &o);
        return o;
    };
    // Idle: every CSR access is ready; a CSR access blocks the request.
    for (bool req : {false, true})
        for (unsigned addr : {0u, 1u, 8u, 9u, 0x40u, 0x48u, 0x49u, 0xffu})
            for (bool write : {false, true}) {
                mmu_inputs_t in = csr_in(write, addr, 0);
                in.req_valid = req;
                in.req_vaddr = 0x9000;
                mmu_outputs_t o = probe(in);
                EXPECT_TRUE(o.csr_ready) << addr;
                EXPECT_FALSE(o.req_ready) << addr;
            }
    EXPECT_TRUE(probe(req_in(0x9000)).req_ready);
    EXPECT_TRUE(probe(Rig::idle_in()).req_ready);
    // Busy.
    ASSERT_TRUE(e.r.step(req_in(0x9000)).req_ready);
    for (int i = 0; i < 3; i++) {
        for (bool req : {false, true})
            for (unsigned addr = 0; addr < 256; addr++)
                for (bool write : {false, true}) {
                    mmu_inputs_t in = csr_in(write, addr, 0);
                    in.req_valid = req;
                    in.req_vaddr = 0x9000;
                    const bool want = write ? (addr == FLUSH || addr == FLUSH_VA)
                                            : (addr >= HITS && addr <= FLUSHES);
                    mmu_outputs_t o = probe(in);
                    ASSERT_EQ(o.csr_ready, want) << "addr " << addr << " write " << write;
                    ASSERT_FALSE(o.req_ready);
                }
        EXPECT_FALSE(probe(req_in(0x9000)).req_ready);
        e.r.step(Rig::idle_in());
    }
    // Finish the walk; in A req_ready is still 0, in A+1 it is 1.
    mmu_outputs_t o;
    do {
        o = e.r.step(Rig::idle_in());
        if (!o.resp_valid) {
            EXPECT_FALSE(o.req_ready);
        }
    } while (!o.resp_valid);
    EXPECT_FALSE(o.req_ready);
    EXPECT_TRUE(probe(req_in(0x9000)).req_ready);
    // A CSR access and a request in the same idle cycle: the CSR goes first, the request next.
    o = e.r.step([] {
        mmu_inputs_t in = csr_in(true, STATUS, status_val(true, false, false));
        in.req_valid = true;
        in.req_vaddr = 0x9000;
        in.req_priv = PRIV_S;
        return in;
    }());
    EXPECT_TRUE(o.csr_ready);
    EXPECT_FALSE(o.req_ready);
    EXPECT_TRUE(e.r.step(req_in(0x9000)).req_ready);
    EXPECT_TRUE(e.r.step(Rig::idle_in()).resp_valid);
}

// SPEC 1: "A read accepted in cycle a returns in a+1 the value held during a; csr_rvalid follows
// reads only"; SPEC 7: "A CSR write takes effect for requests accepted from the next cycle".
TEST(Timing, CsrReadLatencyAndWriteEffect)
{
    Env e;
    e.r.idle();
    mmu_outputs_t o = e.r.step(csr_in(false, SATP));
    EXPECT_TRUE(o.csr_ready);
    EXPECT_FALSE(o.csr_rvalid);
    o = e.r.step(csr_in(false, TLBCTL));  // back to back
    EXPECT_TRUE(o.csr_rvalid);
    EXPECT_EQ(o.csr_rdata, e.pt.satp());
    o = e.r.step(csr_in(true, SATP, satp_val(SV39, 3, e.pt.root_ppn())));
    EXPECT_TRUE(o.csr_rvalid);
    EXPECT_EQ(o.csr_rdata, uint64_t(1) << 16);
    o = e.r.step(csr_in(false, SATP));  // the write of the previous cycle is visible
    EXPECT_FALSE(o.csr_rvalid);         // a write gives no read data
    o = e.r.step(Rig::idle_in());
    EXPECT_TRUE(o.csr_rvalid);
    EXPECT_EQ(o.csr_rdata, satp_val(SV39, 3, e.pt.root_ppn()));
    EXPECT_FALSE(e.r.step(Rig::idle_in()).csr_rvalid);
    // A STATUS write in cycle c, a request held from c: accepted in c+1 under the new STATUS.
    e.pt.map(0x6000, 0x86000000, LEAF_ALL | PTE_U);
    Ans a = e.r.tr(0x6000, LOAD, PRIV_S);
    EXPECT_EQ(a.cause, unsigned(MMU_CAUSE_PERM_USER_PAGE));
    mmu_inputs_t in = csr_in(true, STATUS, status_val(true, false, false));
    in.req_valid = true;
    in.req_vaddr = 0x6008;
    in.req_priv = PRIV_S;
    o = e.r.step(in);
    EXPECT_FALSE(o.req_ready);
    o = e.r.step(req_in(0x6008));
    EXPECT_TRUE(o.req_ready);
    for (int i = 0; i < 20 && !(o = e.r.step(Rig::idle_in())).resp_valid; i++) {
    }
    EXPECT_TRUE(o.resp_valid);
    EXPECT_FALSE(o.resp_fault);
    EXPECT_EQ(o.resp_paddr, 0x86000008u);
}

// SPEC 9.1: "a CSR read accepted in c returns the value before c's events. MISSES and WALKS count
// in t+1"; WALK_CYCLES +1 in each cycle t+1..A-1; HITS/FAULTS at the answer; PTE_READS at the
// memory's acceptance; EVICTIONS at the fill; FLUSHES at the FLUSH write.
TEST(Timing, CountersCountInTheirCycle)
{
    Env e(latency(2), SV39, 4);
    for (unsigned k = 0; k < 5; k++)
        e.pt.map(0x10000 + k * 0x1000, 0x80000000 + k * 0x1000, LEAF_ALL);
    for (unsigned k = 0; k < 4; k++)
        e.r.tr(0x10000 + k * 0x1000, LOAD, PRIV_S);
    e.r.idle();
    const uint64_t misses = 4, walks = 4, reads = 12, evictions = 0;
    ASSERT_EQ(e.r.rd(MISSES), misses);
    ASSERT_EQ(e.r.rd(PTE_READS), reads);
    // A walk that evicts (the TLB is full), with a counter read in every cycle t+1 .. A+1.
    ASSERT_TRUE(e.r.step(req_in(0x14000)).req_ready);
    const uint64_t t = e.r.cycle - 1;
    const uint64_t A = t + 3 * 3 + 1;
    const unsigned regs[] = {MISSES, WALKS, PTE_READS, EVICTIONS};
    std::vector<std::pair<unsigned, uint64_t>> reads_issued;  // (register, accept cycle)
    std::vector<uint64_t> data;
    std::vector<uint64_t> mem_accepts;
    bool pending = false;
    unsigned pending_reg = 0;
    uint64_t pending_cycle = 0;
    for (uint64_t c = t + 1; c <= A + 2; c++) {
        unsigned reg = regs[(c - t) % 4];
        mmu_inputs_t in = c <= A + 1 ? csr_in(false, reg) : Rig::idle_in();
        mmu_outputs_t o = e.r.step(in);
        if (pending) {
            EXPECT_TRUE(o.csr_rvalid);
            reads_issued.push_back({pending_reg, pending_cycle});
            data.push_back(o.csr_rdata);
            pending = false;
        }
        if (c <= A + 1) {
            EXPECT_TRUE(o.csr_ready) << "counter read in cycle t+" << c - t;
            pending = true;
            pending_reg = reg;
            pending_cycle = c;
        }
        if (o.mem_req_valid && e.r.last_in.mem_req_ready)
            mem_accepts.push_back(c);
        if (c == A) {
            EXPECT_TRUE(o.resp_valid);
            EXPECT_TRUE(o.trace_fill_valid);
        }
    }
    ASSERT_EQ(mem_accepts.size(), 3u);
    for (size_t i = 0; i < reads_issued.size(); i++) {
        const unsigned reg = reads_issued[i].first;
        const uint64_t c = reads_issued[i].second;
        uint64_t want = 0;
        switch (reg) {
        case MISSES:
            want = misses + (c >= t + 2);
            break;
        case WALKS:
            want = walks + (c >= t + 2);
            break;
        case PTE_READS: {
            uint64_t n = 0;
            for (uint64_t m : mem_accepts)
                n += m < c;
            want = reads + n;
            break;
        }
        case EVICTIONS:
            want = evictions + (c > A);
            break;
        }
        EXPECT_EQ(data[i], want) << mmu_csr_name(reg) << " read in cycle t+" << c - t;
    }
    EXPECT_EQ(e.r.rd(EVICTIONS), 1u);
}

// WALK_CYCLES in detail: a read accepted in cycle c of a walk returns c - t - 1 more than before.
TEST(Timing, WalkCyclesDuringWalk)
{
    Env e(latency(3));
    e.pt.map(0xa000, 0x8a000000, PTE_V | PTE_R | PTE_W);
    e.r.wr(STATUS, status_val(false, false, true));
    const uint64_t base = e.r.rd(WALK_CYCLES);
    ASSERT_TRUE(e.r.step(req_in(0xa000, STORE)).req_ready);
    const uint64_t t = e.r.cycle - 1;
    const uint64_t A = t + 4 * 4 + 1;
    uint64_t prev_c = 0;
    for (uint64_t c = t + 1; c <= A + 2; c++) {
        mmu_outputs_t o = e.r.step(c <= A + 1 ? csr_in(false, WALK_CYCLES) : Rig::idle_in());
        if (c > t + 1) {
            ASSERT_TRUE(o.csr_rvalid);
            const uint64_t expect = prev_c <= A ? prev_c - t - 1 : A - t - 1;
            EXPECT_EQ(o.csr_rdata - base, expect) << "read in t+" << prev_c - t;
        }
        EXPECT_EQ(o.resp_valid, c == A);
        prev_c = c;
    }
}

// HITS and FAULTS count at the answer: a read in t+1 (the answer cycle of a hit) sees the old value.
TEST(Timing, HitsAndFaultsCountAtAnswer)
{
    Env e;
    e.pt.map(0xb000, 0x8b000000, PTE_V | PTE_R | PTE_A);
    e.r.tr(0xb000, LOAD, PRIV_S);
    e.r.idle();
    const uint64_t hits = e.r.rd(HITS), faults = e.r.rd(FAULTS);
    ASSERT_TRUE(e.r.step(req_in(0xb000, STORE)).req_ready);  // a faulting hit
    mmu_outputs_t o = e.r.step(csr_in(false, HITS));
    EXPECT_TRUE(o.resp_valid && o.resp_hit && o.resp_fault);
    o = e.r.step(csr_in(false, FAULTS));
    EXPECT_EQ(o.csr_rdata, hits);
    o = e.r.step(csr_in(false, HITS));
    EXPECT_EQ(o.csr_rdata, faults + 1);
    o = e.r.step(Rig::idle_in());
    EXPECT_EQ(o.csr_rdata, hits + 1);
    // FLUSHES: a FLUSH write in c is seen by a read in c+1.
    const uint64_t flushes = e.r.rd(FLUSHES);
    o = e.r.step(csr_in(true, FLUSH, 0));
    EXPECT_TRUE(o.trace_flush_valid);
    o = e.r.step(csr_in(false, FLUSHES));
    EXPECT_FALSE(o.trace_flush_valid);
    o = e.r.step(Rig::idle_in());
    EXPECT_EQ(o.csr_rdata, flushes + 1);
}

// SPEC 7: "A FLUSH of any kind accepted during a walk (t+1..A) lets the walk finish and answer, but
// suppresses its fill"; 9.5: in A, trace_fill_valid is 0; an invalid FLUSH_VA still suppresses
// (BUGCLASSES 5, 6).
TEST(Timing, FlushDuringWalkSuppressesFill)
{
    const unsigned L = 2;
    const uint64_t n = 3, span = n * (L + 1) + 1;  // A - t
    for (uint64_t off = 1; off <= span; off++)
        for (unsigned kind : {FL_ALL, FL_VA, FL_ASID}) {
            SCOPED_TRACE(::testing::Message() << "FLUSH kind " << kind << " in cycle t+" << off);
            Env e(latency(L));
            e.pt.map(0xc000, 0x8c000000, LEAF_ALL);
            e.pt.map(0xd000, 0x8d000000, LEAF_ALL);
            e.r.tr(0xd000, LOAD, PRIV_S);  // another entry, to see the flush's own effect
            e.r.wr(FLUSH_VA, 0x8000000000000000ull);  // invalid in Sv39: invalidates nothing
            const uint64_t flushes = e.r.rd(FLUSHES);
            uint64_t t0 = 0;
            bool flushed_seen = false;
            Walk w = run(e.r, 0xc000, LOAD, PRIV_S, [&](uint64_t c, mmu_inputs_t &in) {
                if (t0 == 0)
                    t0 = c - 1;
                if (c == t0 + off) {
                    in.csr_valid = true;
                    in.csr_write = true;
                    in.csr_addr = FLUSH;
                    in.csr_wdata = flush_val(kind, 0x77);
                }
            });
            for (const Cyc &c : w.cyc) {
                EXPECT_EQ(c.out.trace_flush_valid, c.c == w.t + off);
                if (c.c == w.t + off) {
                    EXPECT_TRUE(c.out.csr_ready);
                }
                flushed_seen |= c.out.trace_flush_valid;
            }
            EXPECT_TRUE(flushed_seen);
            EXPECT_EQ(w.A, w.t + span);
            EXPECT_FALSE(w.ans.resp_fault);
            EXPECT_EQ(w.ans.resp_paddr, 0x8c000000u);
            EXPECT_FALSE(w.ans.trace_fill_valid);
            EXPECT_EQ(w.ans.trace_fill_index, 0u);
            EXPECT_EQ(e.r.valid_entries(), kind == FL_ALL ? 0u : 1u);
            EXPECT_EQ(e.r.rd(FLUSHES), flushes + 1);
            Ans again = e.r.tr(0xc000, LOAD, PRIV_S);
            EXPECT_FALSE(again.hit);
            EXPECT_TRUE(again.fill);
        }
}

// A FLUSH_VA write during a walk is not a flush: the fill happens. A FLUSH in A+1 comes after it.
TEST(Timing, FlushVaWriteDuringWalkDoesNotSuppress)
{
    Env e(latency(1));
    e.pt.map(0xc000, 0x8c000000, LEAF_ALL);
    Walk w = run(e.r, 0xc000, LOAD, PRIV_S, [](uint64_t, mmu_inputs_t &in) {
        in.csr_valid = true;
        in.csr_write = true;
        in.csr_addr = FLUSH_VA;
        in.csr_wdata = 0xc000;
    });
    for (const Cyc &c : w.cyc)
        EXPECT_FALSE(c.out.trace_flush_valid);
    EXPECT_TRUE(w.ans.trace_fill_valid);
    mmu_outputs_t o = e.r.step(csr_in(true, FLUSH, flush_val(FL_VA)));
    EXPECT_TRUE(o.trace_flush_valid);
    EXPECT_EQ(e.r.valid_entries(), 0u);
}

// SPEC 9.3: a refill walk suppressed by a FLUSH leaves the hit entry unchanged.
TEST(Timing, FlushDuringRefillLeavesHitEntry)
{
    Env e(latency(1));
    e.r.wr(STATUS, status_val(false, false, true));
    e.pt.map(0xe000, 0x8e000000, PTE_V | PTE_R | PTE_W | PTE_A);  // D clear
    e.pt.map(0xf000, 0x8f000000, LEAF_ALL);
    Ans a = e.r.tr(0xe000, LOAD, PRIV_S);
    ASSERT_TRUE(a.fill);
    const unsigned i = a.fill_index;
    e.r.wr(FLUSH_VA, 0xf000);  // a valid VA that is not the refilled entry's
    Walk w = run(e.r, 0xe008, STORE, PRIV_S, [](uint64_t, mmu_inputs_t &in) {
        in.csr_valid = true;
        in.csr_write = true;
        in.csr_addr = FLUSH;
        in.csr_wdata = flush_val(FL_VA);
    });
    EXPECT_FALSE(w.ans.resp_hit);
    EXPECT_FALSE(w.ans.trace_fill_valid);
    EXPECT_FALSE(w.ans.resp_fault);
    EXPECT_EQ(w.acc.size(), 4u);  // 3 reads and the D write
    EXPECT_TRUE(e.r.entry(i).valid);
    EXPECT_FALSE(e.r.entry(i).d);
}

// SPEC 1 trace port: trace_fill_index is the entry written at the end of the cycle; trace_flush_valid
// marks the cycle a flush was performed, including SATP/SEGCTL/RADIX writes, even with an empty TLB.
TEST(Timing, TracePort)
{
    Env e;
    e.r.idle();
    mmu_outputs_t o = e.r.step(csr_in(true, SATP, satp_val(SV48, 0, e.pt.root_ppn())));
    EXPECT_TRUE(o.trace_flush_valid);
    o = e.r.step(csr_in(true, SATP, satp_val(SV48, 5, e.pt.root_ppn())));
    EXPECT_FALSE(o.trace_flush_valid);
    o = e.r.step(csr_in(true, SEGCTL, segctl_val(1, 0, 0)));
    EXPECT_TRUE(o.trace_flush_valid);
    o = e.r.step(csr_in(true, SEGCTL, segctl_val(3, 0, 0)));
    EXPECT_FALSE(o.trace_flush_valid);
    o = e.r.step(csr_in(true, RADIX, 0x0f | (12 << 6) | (1 << 12) | (2 << 14) | (31 << 16) | (8ull << 35)));
    EXPECT_TRUE(o.trace_flush_valid);
    o = e.r.step(csr_in(true, RADIX, 0));  // illegal
    EXPECT_FALSE(o.trace_flush_valid);
    o = e.r.step(csr_in(true, FLUSH, flush_val(FL_VA_ASID, 3)));  // Sv48 FLUSH_VA 0: valid
    EXPECT_TRUE(o.trace_flush_valid);
    e.r.step(csr_in(true, SEGCTL, 0));
    e.r.step(csr_in(true, SATP, e.pt.satp()));
    e.pt.map(0x1000, 0x81000000, LEAF_ALL);
    e.pt.map(0x2000, 0x82000000, LEAF_ALL);
    Walk w = run(e.r, 0x1000);
    EXPECT_TRUE(w.ans.trace_fill_valid);
    EXPECT_EQ(w.ans.trace_fill_index, 0u);
    w = run(e.r, 0x2000);
    EXPECT_EQ(w.ans.trace_fill_index, 1u);
    EXPECT_TRUE(e.r.step(req_in(0x2004)).req_ready);
    o = e.r.step(Rig::idle_in());
    EXPECT_TRUE(o.resp_hit);
    EXPECT_EQ(o.trace_hit_index, 1u);
    EXPECT_FALSE(o.trace_fill_valid);
}

// SPEC 4.3 / BUGCLASSES 8: a memory error mid-walk answers in the cycle after the error response
// with an access fault; no further request.
TEST(Timing, MemoryErrorMidWalk)
{
    for (unsigned L : {1u, 4u})
        for (unsigned acc : {LOAD, STORE, FETCH}) {
            SCOPED_TRACE(::testing::Message() << "L " << L << " acc " << acc);
            Env e(latency(L));
            const uint64_t va = 0x3456789000ull;
            e.pt.map(va, 0x80000000, LEAF_ALL);
            e.r.mem.set_error(e.pt.pte_addr(va, 1), true);
            Walk w = run(e.r, va, acc);
            ASSERT_EQ(w.acc.size(), 2u);
            EXPECT_TRUE(w.acc[1].err);
            EXPECT_EQ(w.A, w.acc[1].resp_cycle + 1);
            EXPECT_EQ(w.A, w.t + 2 * (L + 1) + 1);
            EXPECT_TRUE(w.ans.resp_fault);
            EXPECT_EQ(w.ans.resp_cause, unsigned(MMU_CAUSE_WALK_ACCESS_ERROR));
            EXPECT_EQ(w.ans.resp_exc, access_exc(acc));
            EXPECT_EQ(w.ans.resp_level, 1u);
            EXPECT_FALSE(w.ans.trace_fill_valid);
            EXPECT_EQ(e.r.rd(PTE_READS), 2u);
            EXPECT_EQ(e.r.rd(FAULTS), 1u);
        }
}

// Random error injection by MemModel: every answer after an error response is an access fault.
TEST(Timing, RandomErrorInjection)
{
    MemConfig mc = latency(1, 3, 0.7, 9);
    mc.err_prob = 0.15;
    Env e(mc);
    std::mt19937 rng(3);
    unsigned errs = 0;
    for (unsigned i = 0; i < 80; i++) {
        const uint64_t va = (uint64_t(rng() % 64) << 30) + (uint64_t(rng() % 64) << 12);
        e.pt.map(va, 0x80000000 + (uint64_t(i) << 12), LEAF_ALL);
        e.r.wr(FLUSH, 0);
        const unsigned acc = rng() % 3;
        Walk w = run(e.r, va, acc);
        ASSERT_FALSE(w.acc.empty());
        bool err = false;
        for (size_t k = 0; k < w.acc.size(); k++) {
            EXPECT_FALSE(err) << "request after an error";
            err |= w.acc[k].err;
        }
        if (err) {
            errs++;
            EXPECT_EQ(w.ans.resp_cause, unsigned(MMU_CAUSE_WALK_ACCESS_ERROR));
            EXPECT_EQ(w.ans.resp_exc, access_exc(acc));
            EXPECT_EQ(w.ans.resp_level, 3 - w.acc.size());
            EXPECT_EQ(w.A, w.acc.back().resp_cycle + 1);
        } else {
            EXPECT_FALSE(w.ans.resp_fault);
            EXPECT_EQ(w.acc.size(), 3u);
        }
    }
    EXPECT_GT(errs, 5u);
}

// SPEC 1: every output is 0 during reset; reset mid-walk abandons the walk and resets the state.
TEST(Timing, ResetMidWalk)
{
    Env e(latency(3));
    e.pt.map(0x1000, 0x81000000, LEAF_ALL);
    e.r.tr(0x1000, LOAD, PRIV_S);
    e.pt.map(0x2000, 0x82000000, LEAF_ALL);
    e.r.wr(TLBCTL, tlbctl_val(RANDOM, 0x5555));
    ASSERT_TRUE(e.r.step(req_in(0x2000)).req_ready);
    e.r.idle(2);
    EXPECT_NE(mmu_inflight(e.r.m), nullptr);
    // Reset with every input active: outputs are all 0 (checked in Rig::step).
    for (int i = 0; i < 3; i++) {
        mmu_inputs_t in = req_in(0x2000);
        in.rst_n = false;
        in.csr_valid = true;
        in.csr_write = true;
        in.csr_addr = SATP;
        in.csr_wdata = ~0ull;
        in.mem_resp_valid = true;
        in.mem_resp_rdata = ~0ull;
        e.r.step(in);
    }
    EXPECT_EQ(mmu_cycle(e.r.m), 0u);
    EXPECT_EQ(mmu_inflight(e.r.m), nullptr);
    EXPECT_EQ(e.r.valid_entries(), 0u);
    for (int i = 0; i < 8; i++) {
        mmu_outputs_t o = e.r.step(Rig::idle_in());
        EXPECT_FALSE(o.resp_valid);
        EXPECT_FALSE(o.mem_req_valid);
        EXPECT_TRUE(o.req_ready);
        EXPECT_EQ(mmu_cycle(e.r.m), uint64_t(i + 1));
    }
    for (unsigned a = 0; a < 256; a++)
        EXPECT_EQ(e.r.rd(a), a == TLBCTL ? uint64_t(1) << 16 : 0) << std::hex << a;
}

// mmu_inflight and the transaction callback (mmu_model.h): called once per translation at the edge
// ending its answer cycle, with its accept and answer cycles.
TEST(Timing, TransactionRecords)
{
    Env e(latency(2));
    std::vector<mmu_txn_t> txns;
    mmu_set_txn_callback(
        e.r.m, [](void *u, const mmu_txn_t *t) { static_cast<std::vector<mmu_txn_t> *>(u)->push_back(*t); },
        &txns);
    e.pt.map(0x1000, 0x81000000, LEAF_ALL);
    const size_t before = txns.size();
    Walk w = run(e.r, 0x1234, STORE, PRIV_S);
    ASSERT_EQ(txns.size(), before + 1);
    const mmu_txn_t &t = txns.back();
    EXPECT_EQ(t.accept_cycle, w.t);
    EXPECT_EQ(t.answer_cycle, w.A);
    EXPECT_EQ(t.vaddr, 0x1234u);
    EXPECT_EQ(t.acc, STORE);
    EXPECT_EQ(t.paddr, 0x81000234u);
    EXPECT_TRUE(t.walked);
    EXPECT_TRUE(t.filled);
    EXPECT_EQ(t.n_access, 3u);
    EXPECT_EQ(mmu_inflight(e.r.m), nullptr);
    EXPECT_TRUE(e.r.step(req_in(0x1000)).req_ready);
    EXPECT_NE(mmu_inflight(e.r.m), nullptr);
    e.r.step(Rig::idle_in());
    ASSERT_EQ(txns.size(), before + 2);
    EXPECT_TRUE(txns.back().hit);
    EXPECT_EQ(txns.back().id, txns[txns.size() - 2].id + 1);
    mmu_set_txn_callback(e.r.m, nullptr, nullptr);
}

// SPEC 9.12 assertions: illegal req_priv / req_acc whenever req_valid is 1.
TEST(Timing, AssertIllegalRequest)
{
    {
        Env e;
        e.r.step(req_in(0x1000, LOAD, 2));
        EXPECT_GE(mmu_assertion_count(e.r.m), 1u);
        e.r.expected_assertions = mmu_assertion_count(e.r.m);
    }
    {
        Env e;
        e.r.step(req_in(0x1000, 3, PRIV_S));
        EXPECT_GE(mmu_assertion_count(e.r.m), 1u);
        e.r.expected_assertions = mmu_assertion_count(e.r.m);
    }
    {
        Env e;  // not valid: no assertion
        mmu_inputs_t in = req_in(0x1000, 3, 2);
        in.req_valid = false;
        e.r.step(in);
        EXPECT_EQ(mmu_assertion_count(e.r.m), 0u);
    }
}

// SPEC 9.12 / decisions.md 7: mem_resp_valid with nothing outstanding fires and is ignored.
TEST(Timing, AssertSpuriousMemResponse)
{
    Env e;
    mmu_inputs_t in = Rig::idle_in();
    in.mem_resp_valid = true;
    in.mem_resp_rdata = 0x1234;
    mmu_outputs_t o{};
    mmu_step(e.r.m, &in, &o);
    EXPECT_GE(mmu_assertion_count(e.r.m), 1u);
    e.r.expected_assertions = mmu_assertion_count(e.r.m);
    EXPECT_FALSE(o.resp_valid);
    mmu_step(e.r.m, &in, &o);  // nothing happens later either
    EXPECT_FALSE(o.resp_valid);
    EXPECT_FALSE(o.mem_req_valid);
    e.r.expected_assertions = mmu_assertion_count(e.r.m);
}

// SPEC 9.12: request fields changing while valid and not yet accepted; holding them is fine.
TEST(Timing, AssertRequestChangesBeforeAcceptance)
{
    for (int field = 0; field < 4; field++) {
        SCOPED_TRACE("field " + std::to_string(field));
        Env e(latency(3));
        e.pt.map(0x1000, 0x81000000, LEAF_ALL);
        ASSERT_TRUE(e.r.step(req_in(0x1000)).req_ready);
        mmu_inputs_t held = req_in(0x2000, LOAD, PRIV_S);
        EXPECT_FALSE(e.r.step(held).req_ready);
        EXPECT_FALSE(e.r.step(held).req_ready);
        EXPECT_EQ(mmu_assertion_count(e.r.m), 0u);
        if (field == 3) {  // held to acceptance: no assertion
            while (!e.r.step(held).req_ready) {
            }
            e.r.idle(20);
            EXPECT_EQ(mmu_assertion_count(e.r.m), 0u);
            continue;
        }
        mmu_inputs_t changed = held;
        if (field == 0)
            changed.req_vaddr = 0x3000;
        else if (field == 1)
            changed.req_acc = STORE;
        else
            changed.req_priv = PRIV_U;
        e.r.step(changed);
        EXPECT_GE(mmu_assertion_count(e.r.m), 1u);
        e.r.expected_assertions = mmu_assertion_count(e.r.m);
    }
}

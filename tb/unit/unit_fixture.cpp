// Shared fixture of the model's unit tests (see unit_fixture.h).
#include "unit_fixture.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace ut {

namespace {
constexpr uint64_t kPaMask = (uint64_t(1) << 56) - 1;

std::string hex(uint64_t v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
    return buf;
}
}  // namespace

// ---------------------------------------------------------------- schemes

const Scheme &scheme(unsigned mode)
{
    static const Scheme sv32{SV32, 2, 10, 2, 32, (uint64_t(1) << 22) - 1};
    static const Scheme sv39{SV39, 3, 9, 3, 39, (uint64_t(1) << 44) - 1};
    static const Scheme sv48{SV48, 4, 9, 3, 48, (uint64_t(1) << 44) - 1};
    switch (mode) {
    case SV32:
        return sv32;
    case SV39:
        return sv39;
    case SV48:
        return sv48;
    default:
        throw std::logic_error("scheme(): not a paged mode");
    }
}

uint64_t compose_pa(unsigned mode, uint64_t ppn, unsigned level, uint64_t va)
{
    const Scheme &s = scheme(mode);
    unsigned low = s.vpn_bits * level;
    unsigned off = 12 + low;
    uint64_t pa = ((ppn >> low) << off) | (va & ((uint64_t(1) << off) - 1));
    return pa & kPaMask;
}

// ---------------------------------------------------------------- memory

void TestMem::write(uint64_t addr, unsigned size, uint64_t data)
{
    mm.write(addr, size, data);
    writes_.push_back({addr, size, data});
}

void TestMem::set_error(uint64_t addr, bool on)
{
    mm.set_error(addr, on);
    uint64_t w = (addr & kPaMask) >> 3;
    errs_.erase(std::remove(errs_.begin(), errs_.end(), w), errs_.end());
    if (on)
        errs_.push_back(w);
}

bool TestMem::error_at(uint64_t addr, unsigned size) const
{
    for (unsigned i = 0; i < (1u << size); i++) {
        uint64_t w = ((addr + i) & kPaMask) >> 3;
        if (std::find(errs_.begin(), errs_.end(), w) != errs_.end())
            return true;
    }
    return false;
}

void TestMem::set_write_error(uint64_t addr, bool on)
{
    uint64_t w = (addr & kPaMask) >> 3;
    werrs_.erase(std::remove(werrs_.begin(), werrs_.end(), w), werrs_.end());
    if (on)
        werrs_.push_back(w);
}

bool TestMem::write_error_at(uint64_t addr, unsigned size) const
{
    for (unsigned i = 0; i < (1u << size); i++) {
        uint64_t w = ((addr + i) & kPaMask) >> 3;
        if (std::find(werrs_.begin(), werrs_.end(), w) != werrs_.end())
            return true;
    }
    return false;
}

bool TestMem::cb_read(void *user, uint64_t addr, unsigned size, uint64_t *data)
{
    TestMem *t = static_cast<TestMem *>(user);
    MemAccess a;
    a.addr = addr;
    a.size = size;
    a.write = false;
    a.err = t->error_at(addr, size);
    a.value = a.err ? 0 : t->read(addr, size);
    t->log.push_back(a);
    uint64_t v = a.value;
    if (size < 3)
        v |= t->junk & ~((uint64_t(1) << (8u << size)) - 1);
    *data = v;
    return !a.err;
}

bool TestMem::cb_write(void *user, uint64_t addr, unsigned size, uint64_t data)
{
    TestMem *t = static_cast<TestMem *>(user);
    MemAccess a;
    a.addr = addr;
    a.size = size;
    a.write = true;
    a.value = data;
    a.err = t->error_at(addr, size) || t->write_error_at(addr, size);
    t->log.push_back(a);
    if (!a.err)
        t->write(addr, size, data);
    return !a.err;
}

mmu_memory_t TestMem::iface()
{
    mmu_memory_t io;
    io.read = &TestMem::cb_read;
    io.write = &TestMem::cb_write;
    io.user = this;
    return io;
}

void TestMem::copy_to(TestMem &other) const
{
    for (const W &w : writes_)
        other.write(w.addr, w.size, w.data);
    for (uint64_t e : errs_)
        other.set_error(e << 3, true);
    for (uint64_t e : werrs_)
        other.set_write_error(e << 3, true);
    other.junk = junk;
}

// ---------------------------------------------------------------- page tables

PageTables::PageTables(TestMem &mem, unsigned mode, uint64_t pool_base)
    : mem_(mem), s_(&scheme(mode)), next_(pool_base >> 12)
{
    root_ppn_ = alloc_table();
}

uint64_t PageTables::alloc_table()
{
    uint64_t ppn = next_++;
    for (unsigned i = 0; i < 512; i++)
        if (mem_.read((ppn << 12) + 8 * i, 3) != 0)
            mem_.write((ppn << 12) + 8 * i, 3, 0);
    return ppn;
}

unsigned PageTables::vpn(uint64_t va, unsigned level) const
{
    return unsigned((va >> (12 + s_->vpn_bits * level)) & ((uint64_t(1) << s_->vpn_bits) - 1));
}

uint64_t PageTables::map(uint64_t va, uint64_t pa, uint64_t flags, unsigned level,
                         uint64_t ptr_flags)
{
    return map_ppn(va, pa >> 12, flags, level, ptr_flags);
}

uint64_t PageTables::map_ppn(uint64_t va, uint64_t ppn, uint64_t flags, unsigned level,
                             uint64_t ptr_flags)
{
    uint64_t table = root_ppn_ << 12;
    for (int l = int(s_->levels) - 1; l > int(level); l--) {
        uint64_t addr = table + (uint64_t(vpn(va, unsigned(l))) << s_->pte_log2);
        uint64_t pte = mem_.read(addr, s_->pte_log2);
        if (!(pte & PTE_V)) {
            pte = make_pte(alloc_table(), ptr_flags | PTE_V);
            mem_.write(addr, s_->pte_log2, pte);
        } else if (pte & (PTE_R | PTE_X)) {
            throw std::logic_error("PageTables::map: a leaf is in the way");
        }
        table = pte_ppn(pte) << 12;
    }
    uint64_t addr = table + (uint64_t(vpn(va, level)) << s_->pte_log2);
    mem_.write(addr, s_->pte_log2, make_pte(ppn, flags));
    return addr;
}

uint64_t PageTables::pte_addr(uint64_t va, unsigned level) const
{
    uint64_t table = root_ppn_ << 12;
    for (int l = int(s_->levels) - 1; l > int(level); l--) {
        uint64_t addr = table + (uint64_t(vpn(va, unsigned(l))) << s_->pte_log2);
        uint64_t pte = mem_.read(addr, s_->pte_log2);
        if (!(pte & PTE_V) || (pte & (PTE_R | PTE_X)))
            throw std::logic_error("PageTables::pte_addr: no pointer on the path");
        table = pte_ppn(pte) << 12;
    }
    return table + (uint64_t(vpn(va, level)) << s_->pte_log2);
}

uint64_t PageTables::get(uint64_t va, unsigned level) const
{
    return mem_.read(pte_addr(va, level), s_->pte_log2);
}

void PageTables::set(uint64_t va, unsigned level, uint64_t pte)
{
    mem_.write(pte_addr(va, level), s_->pte_log2, pte);
}

// ---------------------------------------------------------------- answers

std::string describe(const Ans &a)
{
    std::string s = "paddr=" + hex(a.paddr) + " fault=" + std::to_string(a.fault) +
                    " exc=" + std::to_string(a.exc) + " cause=" + mmu_cause_name(a.cause) +
                    " level=" + std::to_string(a.level) + " hit=" + std::to_string(a.hit);
    if (a.hit)
        s += " hit_index=" + std::to_string(a.hit_index);
    if (a.fill)
        s += " fill_index=" + std::to_string(a.fill_index);
    s += " accesses=" + std::to_string(a.acc.size());
    return s;
}

::testing::AssertionResult IsOk(const Ans &a, uint64_t pa, unsigned level)
{
    if (!a.fault && a.exc == 0 && a.cause == 0 && a.paddr == pa && a.level == level)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "expected paddr=" << hex(pa) << " level=" << level
                                         << " no fault; got " << describe(a);
}

::testing::AssertionResult IsFault(const Ans &a, unsigned cause, unsigned exc, unsigned level)
{
    if (a.fault && a.exc == exc && a.cause == cause && a.paddr == 0 && a.level == level)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "expected fault " << mmu_cause_name(cause) << " exc=" << exc << " level=" << level
           << " paddr=0; got " << describe(a);
}

::testing::AssertionResult SameAnswer(const Ans &x, const Ans &y)
{
    if (x.paddr == y.paddr && x.fault == y.fault && x.exc == y.exc && x.cause == y.cause &&
        x.level == y.level)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "answers differ:\n  " << describe(x) << "\n  "
                                         << describe(y);
}

std::string face_name(const ::testing::TestParamInfo<Face> &info)
{
    return info.param == Face::Untimed ? "Untimed" : "Cycle";
}

// ---------------------------------------------------------------- rig

Rig::Rig(Face f, unsigned entries, unsigned asid_bits, const MemConfig &mc) : face(f)
{
    mmu_config_t cfg;
    cfg.tlb_entries = entries;
    cfg.asid_bits = asid_bits;
    char err[160] = "";
    m = mmu_create(&cfg, err, sizeof err);
    if (!m) {
        std::fprintf(stderr, "mmu_create(%u, %u) failed: %s\n", entries, asid_bits, err);
        std::abort();
    }
    mem.mm.configure(mc);
}

Rig::~Rig()
{
    EXPECT_EQ(mmu_assertion_count(m), expected_assertions)
        << "protocol assertions: " << mmu_assertion_message(m);
    mmu_destroy(m);
}

mmu_inputs_t Rig::idle_in()
{
    mmu_inputs_t in{};
    in.rst_n = true;
    return in;
}

static void check_qualifiers(uint64_t cycle, const mmu_inputs_t &in, const mmu_outputs_t &o)
{
    auto bad = [&](const char *what) { ADD_FAILURE() << "cycle " << cycle << ": " << what; };
    if (!in.rst_n) {
        if (o.req_ready || o.resp_valid || o.resp_paddr || o.resp_fault || o.resp_exc ||
            o.resp_cause || o.resp_level || o.resp_hit || o.mem_req_valid || o.mem_req_addr ||
            o.mem_req_write || o.mem_req_wdata || o.mem_req_size || o.csr_ready || o.csr_rvalid ||
            o.csr_rdata || o.trace_hit_index || o.trace_fill_valid || o.trace_fill_index ||
            o.trace_flush_valid)
            bad("an output is not 0 during reset");
        return;
    }
    if (!o.resp_valid && (o.resp_paddr || o.resp_fault || o.resp_exc || o.resp_cause ||
                          o.resp_level || o.resp_hit))
        bad("resp_* not 0 without resp_valid");
    if (o.resp_valid && !o.resp_fault && (o.resp_exc || o.resp_cause))
        bad("resp_exc/resp_cause not 0 without a fault");
    if (o.resp_valid && o.resp_fault && o.resp_paddr)
        bad("resp_paddr not 0 on a fault");
    if (!o.resp_hit && o.trace_hit_index)
        bad("trace_hit_index not 0 without resp_hit");
    if (!o.trace_fill_valid && o.trace_fill_index)
        bad("trace_fill_index not 0 without trace_fill_valid");
    if (!o.mem_req_valid && (o.mem_req_addr || o.mem_req_write || o.mem_req_wdata ||
                             o.mem_req_size))
        bad("mem_req_* not 0 without mem_req_valid");
    if (o.mem_req_valid && !o.mem_req_write && o.mem_req_wdata)
        bad("mem_req_wdata not 0 on a read");
    if (!o.csr_rvalid && o.csr_rdata)
        bad("csr_rdata not 0 without csr_rvalid");
    if (o.resp_paddr >> 56 || o.mem_req_addr >> 56)
        bad("a physical address wider than 56 bits");
}

mmu_outputs_t Rig::step(mmu_inputs_t in)
{
    mem.mm.drive(in);
    if (mem_gate && !mem_gate(cycle))
        in.mem_req_ready = false;
    uint64_t rdata = in.mem_resp_rdata;
    if (in.mem_resp_valid && pending_ && !pending_acc_.write && pending_acc_.size < 3)
        in.mem_resp_rdata |= mem.junk & ~((uint64_t(1) << (8u << pending_acc_.size)) - 1);
    mmu_outputs_t out{};
    last_in = in;
    mmu_step(m, &in, &out);
    check_qualifiers(cycle, in, out);
    if (!in.rst_n) {
        pending_ = false;
    } else {
        if (in.mem_resp_valid && pending_) {
            if (!pending_acc_.write)
                pending_acc_.value = rdata;
            pending_acc_.err = in.mem_resp_err;
            pending_acc_.resp_cycle = cycle;
            port_log.push_back(pending_acc_);
            pending_ = false;
        }
        if (out.mem_req_valid && in.mem_req_ready) {
            pending_ = true;
            pending_acc_ = MemAccess();
            pending_acc_.addr = out.mem_req_addr;
            pending_acc_.size = out.mem_req_size;
            pending_acc_.write = out.mem_req_write;
            pending_acc_.value = out.mem_req_wdata;
            pending_acc_.accept_cycle = cycle;
        }
    }
    // A write-only error: MemModel decides errors when it accepts, so arm it for that cycle only.
    bool arm = in.rst_n && out.mem_req_valid && in.mem_req_ready && out.mem_req_write &&
               mem.write_error_at(out.mem_req_addr, out.mem_req_size) &&
               !mem.error_at(out.mem_req_addr, out.mem_req_size);
    if (arm)
        mem.mm.set_error(out.mem_req_addr, true);
    mem.mm.observe(in, out);
    if (arm)
        mem.mm.set_error(out.mem_req_addr, false);
    cycle = in.rst_n ? cycle + 1 : 0;
    return out;
}

void Rig::idle(unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        step(idle_in());
}

bool Rig::wr(unsigned addr, uint64_t data)
{
    if (face == Face::Untimed)
        return mmu_csr_write(m, addr, data);
    mmu_inputs_t in = idle_in();
    in.csr_valid = true;
    in.csr_write = true;
    in.csr_addr = uint8_t(addr);
    in.csr_wdata = data;
    for (int i = 0; i < 100000; i++) {
        mmu_outputs_t out = step(in);
        if (out.csr_ready)
            return out.trace_flush_valid;
    }
    ADD_FAILURE() << "CSR write never accepted";
    return false;
}

uint64_t Rig::rd(unsigned addr)
{
    if (face == Face::Untimed)
        return mmu_csr_read(m, addr);
    mmu_inputs_t in = idle_in();
    in.csr_valid = true;
    in.csr_write = false;
    in.csr_addr = uint8_t(addr);
    for (int i = 0;; i++) {
        mmu_outputs_t out = step(in);
        if (out.csr_ready)
            break;
        if (i > 100000) {
            ADD_FAILURE() << "CSR read never accepted";
            return 0;
        }
    }
    mmu_outputs_t out = step(idle_in());
    EXPECT_TRUE(out.csr_rvalid) << "csr_rvalid not high in the cycle after the read";
    return out.csr_rdata;
}

Ans Rig::tr(uint64_t va, unsigned acc, unsigned priv)
{
    Ans r;
    if (face == Face::Untimed) {
        mem.log.clear();
        mmu_result_t res{};
        mmu_memory_t io = mem.iface();
        EXPECT_TRUE(mmu_translate(m, va, acc, priv, &io, &res));
        r.paddr = res.paddr;
        r.fault = res.fault;
        r.exc = res.exc;
        r.cause = res.cause;
        r.level = res.level;
        r.hit = res.hit;
        r.hit_index = res.hit_index;
        r.fill = res.fill_valid;
        r.fill_index = res.fill_index;
        r.acc = mem.log;
        EXPECT_EQ(res.n_access, mem.log.size()) << "mmu_result_t.n_access vs memory callbacks";
        for (unsigned i = 0; i < res.n_access && i < mem.log.size(); i++) {
            EXPECT_EQ(res.access[i].addr, mem.log[i].addr) << "access " << i;
            EXPECT_EQ(res.access[i].write, mem.log[i].write) << "access " << i;
            EXPECT_EQ(res.access[i].err, mem.log[i].err) << "access " << i;
            if (mem.log[i].write) {
                EXPECT_EQ(res.access[i].value, mem.log[i].value) << "access " << i;
            }
        }
        return r;
    }
    size_t log0 = port_log.size();
    mmu_inputs_t in = idle_in();
    in.req_valid = true;
    in.req_vaddr = va;
    in.req_acc = uint8_t(acc);
    in.req_priv = uint8_t(priv);
    for (int i = 0;; i++) {
        uint64_t c = cycle;
        mmu_outputs_t out = step(in);
        if (out.req_ready) {
            r.t = c;
            break;
        }
        if (i > 100000) {
            ADD_FAILURE() << "request never accepted";
            return r;
        }
    }
    for (int i = 0;; i++) {
        uint64_t c = cycle;
        mmu_outputs_t out = step(idle_in());
        if (out.resp_valid) {
            r.a = c;
            r.paddr = out.resp_paddr;
            r.fault = out.resp_fault;
            r.exc = out.resp_exc;
            r.cause = out.resp_cause;
            r.level = out.resp_level;
            r.hit = out.resp_hit;
            r.hit_index = out.trace_hit_index;
            r.fill = out.trace_fill_valid;
            r.fill_index = out.trace_fill_index;
            break;
        }
        if (out.trace_fill_valid)
            ADD_FAILURE() << "trace_fill_valid before the answer cycle";
        if (i > 100000) {
            ADD_FAILURE() << "no answer";
            return r;
        }
    }
    r.acc.assign(port_log.begin() + long(log0), port_log.end());
    return r;
}

mmu_tlb_entry_t Rig::entry(unsigned i) const
{
    mmu_tlb_entry_t e{};
    mmu_tlb_entry(m, i, &e);
    return e;
}

unsigned Rig::valid_entries() const
{
    unsigned n = 0;
    for (unsigned i = 0; i < mmu_tlb_entries(m); i++)
        n += entry(i).valid;
    return n;
}

// ---------------------------------------------------------------- references

uint16_t lfsr_step(uint16_t l)
{
    unsigned fb = (l ^ (l >> 2) ^ (l >> 3) ^ (l >> 5)) & 1u;
    return uint16_t((l >> 1) | (fb << 15));
}

RefPolicy::RefPolicy(unsigned n_) : n(n_), stamp(n_, 0), b(n_, 0) {}

void RefPolicy::touch(unsigned i)
{
    stamp[i] = ++clock;
    for (unsigned node = n + i; node > 1; node /= 2) {
        unsigned parent = node / 2;
        // point away from i: to the upper child if i is below the lower one, else to the lower
        b[parent] = (node == 2 * parent) ? 1 : 0;
    }
}

unsigned RefPolicy::victim_no_step(unsigned policy) const
{
    switch (policy) {
    case LRU: {
        unsigned v = 0;
        for (unsigned i = 1; i < n; i++)
            if (stamp[i] < stamp[v])
                v = i;
        return v;
    }
    case PLRU: {
        unsigned k = 1;
        while (k < n)
            k = 2 * k + b[k];
        return k - n;
    }
    case FIFO:
        return fifo;
    default:
        return lfsr % n;
    }
}

int RefTlb::lookup(uint64_t v) const
{
    for (unsigned i = 0; i < valid.size(); i++)
        if (valid[i] && vpn[i] == v)
            return int(i);
    return -1;
}

unsigned RefTlb::fill(uint64_t v)
{
    int idx = -1;
    for (unsigned i = 0; i < valid.size(); i++)
        if (!valid[i]) {
            idx = int(i);
            break;
        }
    if (idx < 0) {
        pol.lfsr = lfsr_step(pol.lfsr);
        idx = int(pol.victim_no_step(policy));
        evictions++;
    }
    valid[unsigned(idx)] = true;
    vpn[unsigned(idx)] = v;
    pol.touch(unsigned(idx));
    pol.fifo = (pol.fifo + 1) % pol.n;
    return unsigned(idx);
}

LeafRef ref_leaf(uint64_t flags, bool misaligned, unsigned acc, unsigned priv, bool sum, bool mxr,
                 bool hwad)
{
    LeafRef r;
    bool u = flags & PTE_U, rd = flags & PTE_R, wr = flags & PTE_W, ex = flags & PTE_X;
    bool a = flags & PTE_A, d = flags & PTE_D;
    if (priv == PRIV_S && u && (!sum || acc == FETCH))
        r.cause = MMU_CAUSE_PERM_USER_PAGE;
    else if (priv == PRIV_U && !u)
        r.cause = MMU_CAUSE_PERM_SUPERVISOR_PAGE;
    else if (acc == LOAD && !(rd || (ex && mxr)))
        r.cause = MMU_CAUSE_PERM_READ;
    else if (acc == STORE && !wr)
        r.cause = MMU_CAUSE_PERM_WRITE;
    else if (acc == FETCH && !ex)
        r.cause = MMU_CAUSE_PERM_EXEC;
    else if (misaligned)
        r.cause = MMU_CAUSE_MISALIGNED_SUPERPAGE;
    else if (!hwad && !a)
        r.cause = MMU_CAUSE_A_CLEAR;
    else if (!hwad && acc == STORE && !d)
        r.cause = MMU_CAUSE_D_CLEAR;
    else if (hwad && (!a || (acc == STORE && !d))) {
        r.ad_write = true;
        r.written = flags | PTE_A | (acc == STORE ? PTE_D : 0);
    }
    return r;
}

}  // namespace ut

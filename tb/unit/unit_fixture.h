// Shared fixture of the model's unit tests: docs/spec.md constants, a page-table builder over MemModel
// storage, a rig that runs a translation through either face of the model (untimed
// mmu_translate, or cycle by cycle through mmu_step with csim/MemModel behind the memory port),
// and small independent reference computations (LFSR, replacement policies, leaf checks) written
// from docs/spec.md, not from the model.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "mem_model.h"
#include "mmu_model.h"

namespace ut {

// ---- names for the spec's encodings (values from the generated mmu_enums.h / mmu_regs.h: the
// register map and the encodings are described once, in rtl/mmu_regs.rdl and rtl/mmu_iface.def;
// what these tests compute from them below is written from docs/spec.md, not from the model) ----
constexpr uint64_t PTE_V = MMU_PTE_V, PTE_R = MMU_PTE_R, PTE_W = MMU_PTE_W, PTE_X = MMU_PTE_X;
constexpr uint64_t PTE_U = MMU_PTE_U, PTE_G = MMU_PTE_G, PTE_A = MMU_PTE_A, PTE_D = MMU_PTE_D;
constexpr uint64_t PTE_RSW0 = 1u << 8, PTE_RSW1 = 1u << 9;
constexpr uint64_t PTE_N = uint64_t(1) << 63;  // Svnapot bit: reserved here (Sv39/48)
constexpr uint64_t PTE_PBMT0 = uint64_t(1) << 61, PTE_PBMT1 = uint64_t(1) << 62;
constexpr uint64_t LEAF_ALL = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;  // RWX, A and D set

constexpr unsigned LOAD = MMU_ACC_LOAD, STORE = MMU_ACC_STORE, FETCH = MMU_ACC_FETCH;
constexpr unsigned PRIV_U = MMU_PRIV_U, PRIV_S = MMU_PRIV_S, PRIV_M = MMU_PRIV_M;

constexpr unsigned SATP = MMU_CSR_SATP, STATUS = MMU_CSR_STATUS, SEGCTL = MMU_CSR_SEGCTL;
constexpr unsigned BASE = MMU_CSR_BASE, BOUNDS = MMU_CSR_BOUNDS, RADIX = MMU_CSR_RADIX;
constexpr unsigned TLBCTL = MMU_CSR_TLBCTL, FLUSH = MMU_CSR_FLUSH, FLUSH_VA = MMU_CSR_FLUSH_VA;
constexpr unsigned seg_base(unsigned n) { return MMU_CSR_SEG0_BASE + 3 * n; }
constexpr unsigned seg_limit(unsigned n) { return MMU_CSR_SEG0_LIMIT + 3 * n; }
constexpr unsigned seg_flags(unsigned n) { return MMU_CSR_SEG0_FLAGS + 3 * n; }
constexpr unsigned HITS = MMU_CSR_HITS, MISSES = MMU_CSR_MISSES, WALKS = MMU_CSR_WALKS;
constexpr unsigned WALK_CYCLES = MMU_CSR_WALK_CYCLES, PTE_READS = MMU_CSR_PTE_READS;
constexpr unsigned AD_WRITES = MMU_CSR_AD_WRITES, FAULTS = MMU_CSR_FAULTS;
constexpr unsigned EVICTIONS = MMU_CSR_EVICTIONS, FLUSHES = MMU_CSR_FLUSHES;

constexpr unsigned BARE = MMU_SATP_BARE, SV32 = MMU_SATP_SV32, SV39 = MMU_SATP_SV39;
constexpr unsigned SV48 = MMU_SATP_SV48, TEACH = MMU_SATP_RADIX;
constexpr uint64_t SF_V = MMU_SEG_FLAGS_V_MASK, SF_R = MMU_SEG_FLAGS_R_MASK, SF_W = MMU_SEG_FLAGS_W_MASK;
constexpr uint64_t SF_X = MMU_SEG_FLAGS_X_MASK, SF_U = MMU_SEG_FLAGS_U_MASK;
constexpr uint64_t SF_DOWN = MMU_SEG_FLAGS_DOWN_MASK;
constexpr unsigned LRU = MMU_POLICY_LRU, PLRU = MMU_POLICY_PLRU, FIFO = MMU_POLICY_FIFO;
constexpr unsigned RANDOM = MMU_POLICY_RANDOM;
constexpr unsigned FL_ALL = MMU_FLUSH_ALL, FL_ASID = MMU_FLUSH_ASID, FL_VA = MMU_FLUSH_VA;
constexpr unsigned FL_VA_ASID = MMU_FLUSH_VA_ASID;

inline uint64_t satp_val(unsigned mode, uint64_t asid, uint64_t ppn)
{
    return MMU_PUT(SATP_MODE, mode) | MMU_PUT(SATP_ASID, asid) | MMU_PUT(SATP_PPN, ppn);
}
inline uint64_t segctl_val(unsigned mode, unsigned select, unsigned va_bits, bool hybrid = false)
{
    return MMU_PUT(SEGCTL_MODE, mode) | MMU_PUT(SEGCTL_SELECT, select) |
           MMU_PUT(SEGCTL_VA_BITS, va_bits) | MMU_PUT(SEGCTL_HYBRID, hybrid);
}
inline uint64_t status_val(bool sum, bool mxr, bool hwad)
{
    return MMU_PUT(STATUS_SUM, sum) | MMU_PUT(STATUS_MXR, mxr) | MMU_PUT(STATUS_HWAD, hwad);
}
inline uint64_t flush_val(unsigned kind, uint64_t asid = 0)
{
    return MMU_PUT(FLUSH_KIND, kind) | MMU_PUT(FLUSH_ASID, asid);
}
inline uint64_t tlbctl_val(unsigned policy, uint16_t lfsr)
{
    return MMU_PUT(TLBCTL_POLICY, policy) | MMU_PUT(TLBCTL_LFSR, lfsr);
}

// RISC-V exception codes by access type (SPEC 1, 5)
inline unsigned page_exc(unsigned acc) { return acc == LOAD ? 13 : acc == STORE ? 15 : 12; }
inline unsigned access_exc(unsigned acc) { return acc == LOAD ? 5 : acc == STORE ? 7 : 1; }

// ---- paged schemes (RISC-V privileged specification) ----
struct Scheme {
    unsigned mode, levels, vpn_bits, pte_log2, va_bits;
    uint64_t ppn_mask;
};
const Scheme &scheme(unsigned mode);
// Physical address of a leaf at `level` with PTE PPN `ppn` for `va` (superpages take the low VA bits).
uint64_t compose_pa(unsigned mode, uint64_t ppn, unsigned level, uint64_t va);
inline uint64_t make_pte(uint64_t ppn, uint64_t flags) { return (ppn << 10) | flags; }

// ---- memory: MemModel storage, an error list and a log, usable by both faces ----
struct MemAccess {
    uint64_t addr = 0;
    unsigned size = 0;
    bool write = false;
    uint64_t value = 0;  // read: data returned (before junk); write: data written
    bool err = false;
    uint64_t accept_cycle = 0, resp_cycle = 0;  // cycle face only
};

class TestMem {
public:
    MemModel mm;
    // Bits OR-ed above the access size into every read response (the model must ignore them).
    uint64_t junk = 0;
    std::vector<MemAccess> log;  // untimed-face callbacks (the rig fills it on the cycle face)

    void write(uint64_t addr, unsigned size, uint64_t data);
    uint64_t read(uint64_t addr, unsigned size) const { return mm.read(addr, size); }
    void set_error(uint64_t addr, bool on);
    bool error_at(uint64_t addr, unsigned size) const;
    // Errors on writes only (reads of the word succeed): for an error on the A/D write.
    void set_write_error(uint64_t addr, bool on);
    bool write_error_at(uint64_t addr, unsigned size) const;
    mmu_memory_t iface();
    // Replays every backdoor write and error into `other` (identical page tables for a second model).
    void copy_to(TestMem &other) const;

private:
    struct W {
        uint64_t addr;
        unsigned size;
        uint64_t data;
    };
    std::vector<W> writes_;
    std::vector<uint64_t> errs_;   // word addresses (addr >> 3)
    std::vector<uint64_t> werrs_;  // word addresses failing on writes only
    static bool cb_read(void *user, uint64_t addr, unsigned size, uint64_t *data);
    static bool cb_write(void *user, uint64_t addr, unsigned size, uint64_t data);
};

// ---- page-table builder (bump allocator of 4 KiB table pages) ----
class PageTables {
public:
    PageTables(TestMem &mem, unsigned mode, uint64_t pool_base = 0x100000);
    unsigned mode() const { return s_->mode; }
    const Scheme &sch() const { return *s_; }
    uint64_t root_ppn() const { return root_ppn_; }
    uint64_t satp(uint64_t asid = 0) const { return satp_val(s_->mode, asid, root_ppn_); }
    uint64_t alloc_table();  // ppn of a fresh zero page
    unsigned vpn(uint64_t va, unsigned level) const;
    // Maps va at `level` to the physical address pa (PTE PPN = pa >> 12) with leaf `flags` (any
    // bits, e.g. reserved ones). Missing tables on the path are created with pointer PTEs of
    // `ptr_flags`. Returns the leaf PTE's address.
    uint64_t map(uint64_t va, uint64_t pa, uint64_t flags, unsigned level = 0,
                 uint64_t ptr_flags = PTE_V);
    // Same with the PTE PPN given directly (e.g. a misaligned superpage).
    uint64_t map_ppn(uint64_t va, uint64_t ppn, uint64_t flags, unsigned level = 0,
                     uint64_t ptr_flags = PTE_V);
    // Address of the PTE at `level` on va's path (the pointers above must exist).
    uint64_t pte_addr(uint64_t va, unsigned level) const;
    uint64_t get(uint64_t va, unsigned level) const;
    void set(uint64_t va, unsigned level, uint64_t pte);
    uint64_t pte_ppn(uint64_t pte) const { return (pte >> 10) & s_->ppn_mask; }

private:
    TestMem &mem_;
    const Scheme *s_;
    uint64_t next_;
    uint64_t root_ppn_;
};

// ---- one translation's answer, as seen on either face ----
struct Ans {
    uint64_t paddr = 0;
    bool fault = false;
    unsigned exc = 0, cause = 0, level = 0;
    bool hit = false;
    unsigned hit_index = 0;
    bool fill = false;
    unsigned fill_index = 0;
    std::vector<MemAccess> acc;  // memory traffic of the walk
    uint64_t t = 0, a = 0;       // accept and answer cycles (cycle face)
};
std::string describe(const Ans &a);

::testing::AssertionResult IsOk(const Ans &a, uint64_t pa, unsigned level);
::testing::AssertionResult IsFault(const Ans &a, unsigned cause, unsigned exc, unsigned level);
::testing::AssertionResult SameAnswer(const Ans &x, const Ans &y);  // PA, fault, exc, cause, level

enum class Face { Untimed, Cycle };
std::string face_name(const ::testing::TestParamInfo<Face> &info);

// Runs translations and register accesses through one face of one model.
class Rig {
public:
    explicit Rig(Face face, unsigned entries = 16, unsigned asid_bits = 16,
                 const MemConfig &mc = MemConfig());
    ~Rig();
    Rig(const Rig &) = delete;
    Rig &operator=(const Rig &) = delete;

    Face face;
    mmu_model_t *m = nullptr;
    TestMem mem;
    uint64_t cycle = 0;  // cycles stepped since creation/reset (cycle face)
    unsigned expected_assertions = 0;
    // Optional stall script: mem_req_ready is forced to 0 in cycles where it returns false.
    std::function<bool(uint64_t cycle)> mem_gate;

    // Register write; returns whether it flushed (trace_flush_valid in the accept cycle on the
    // cycle face, mmu_csr_write's result on the untimed face).
    bool wr(unsigned addr, uint64_t data);
    uint64_t rd(unsigned addr);
    Ans tr(uint64_t va, unsigned acc, unsigned priv);
    mmu_tlb_entry_t entry(unsigned i) const;
    unsigned valid_entries() const;

    // ---- cycle face, one cycle at a time ----
    static mmu_inputs_t idle_in();
    // Drives the memory's inputs, steps the model, checks output qualifiers, logs memory traffic.
    mmu_outputs_t step(mmu_inputs_t in);
    void idle(unsigned n = 1);
    // Completed accesses seen on the memory port (cycle face), and the one in flight.
    std::vector<MemAccess> port_log;
    mmu_inputs_t last_in{};  // the inputs of the latest step, as the model saw them
    bool pending_ = false;
    MemAccess pending_acc_;
};

// ---- independent reference computations from docs/spec.md ----
uint16_t lfsr_step(uint16_t lfsr);  // SPEC 6

// Replacement-policy state of SPEC 6 / 9.3 / 9.4, kept for every policy at once.
struct RefPolicy {
    explicit RefPolicy(unsigned n);
    unsigned n;
    std::vector<uint64_t> stamp;
    uint64_t clock = 0;
    std::vector<uint8_t> b;  // PLRU nodes 1..n-1
    unsigned fifo = 0;
    uint16_t lfsr = 1;
    void touch(unsigned i);
    unsigned victim_no_step(unsigned policy) const;  // RANDOM: uses lfsr as is
};

// A TLB of 4 KiB entries of one ASID, with the fill rule of SPEC 6.
struct RefTlb {
    explicit RefTlb(unsigned n) : pol(n), valid(n, false), vpn(n, 0) {}
    RefPolicy pol;
    std::vector<bool> valid;
    std::vector<uint64_t> vpn;
    unsigned policy = LRU;
    uint64_t evictions = 0;
    int lookup(uint64_t v) const;
    unsigned fill(uint64_t v);  // a non-refill fill; returns the index written
};

struct LeafRef {
    unsigned cause = 0;
    bool ad_write = false;
    uint64_t written = 0;  // flags after the A/D write
};
// Leaf checks of SPEC 4.3 for a valid, non-reserved leaf with these flags.
LeafRef ref_leaf(uint64_t flags, bool misaligned, unsigned acc, unsigned priv, bool sum, bool mxr,
                 bool hwad);

class FaceTest : public ::testing::TestWithParam<Face> {};

}  // namespace ut

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

// ---- PTE bits (RISC-V privileged specification) ----
constexpr uint64_t PTE_V = 1u << 0, PTE_R = 1u << 1, PTE_W = 1u << 2, PTE_X = 1u << 3;
constexpr uint64_t PTE_U = 1u << 4, PTE_G = 1u << 5, PTE_A = 1u << 6, PTE_D = 1u << 7;
constexpr uint64_t PTE_RSW0 = 1u << 8, PTE_RSW1 = 1u << 9;
constexpr uint64_t PTE_N = uint64_t(1) << 63;  // Svnapot bit: reserved here (Sv39/48)
constexpr uint64_t PTE_PBMT0 = uint64_t(1) << 61, PTE_PBMT1 = uint64_t(1) << 62;
constexpr uint64_t LEAF_ALL = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;  // RWX, A and D set

// ---- request encodings (SPEC 1) ----
constexpr unsigned LOAD = 0, STORE = 1, FETCH = 2;
constexpr unsigned PRIV_U = 0, PRIV_S = 1, PRIV_M = 3;

// ---- register map (SPEC 2) ----
constexpr unsigned SATP = 0x00, STATUS = 0x01, SEGCTL = 0x02, BASE = 0x03, BOUNDS = 0x04;
constexpr unsigned RADIX = 0x05, TLBCTL = 0x06, FLUSH = 0x08, FLUSH_VA = 0x09;
constexpr unsigned seg_base(unsigned n) { return 0x10 + 3 * n; }
constexpr unsigned seg_limit(unsigned n) { return 0x11 + 3 * n; }
constexpr unsigned seg_flags(unsigned n) { return 0x12 + 3 * n; }
constexpr unsigned HITS = 0x40, MISSES = 0x41, WALKS = 0x42, WALK_CYCLES = 0x43;
constexpr unsigned PTE_READS = 0x44, AD_WRITES = 0x45, FAULTS = 0x46, EVICTIONS = 0x47;
constexpr unsigned FLUSHES = 0x48;

// SATP.MODE values
constexpr unsigned BARE = 0, SV32 = 1, SV39 = 8, SV48 = 9, TEACH = 15;
// SEGn_FLAGS bits
constexpr uint64_t SF_V = 1, SF_R = 2, SF_W = 4, SF_X = 8, SF_U = 16, SF_DOWN = 32;
// TLBCTL policies
constexpr unsigned LRU = 0, PLRU = 1, FIFO = 2, RANDOM = 3;
// FLUSH kinds
constexpr unsigned FL_ALL = 0, FL_ASID = 1, FL_VA = 2, FL_VA_ASID = 3;

inline uint64_t satp_val(unsigned mode, uint64_t asid, uint64_t ppn)
{
    return (uint64_t(mode) << 60) | ((asid & 0xffff) << 44) | (ppn & ((uint64_t(1) << 44) - 1));
}
inline uint64_t segctl_val(unsigned mode, unsigned select, unsigned va_bits, bool hybrid = false)
{
    return uint64_t(mode & 3) | (uint64_t(select & 7) << 4) | (uint64_t(va_bits & 63) << 8) |
           (hybrid ? uint64_t(1) << 16 : 0);
}
inline uint64_t status_val(bool sum, bool mxr, bool hwad)
{
    return (sum ? uint64_t(1) << 18 : 0) | (mxr ? uint64_t(1) << 19 : 0) | (hwad ? 1 : 0);
}
inline uint64_t flush_val(unsigned kind, uint64_t asid = 0) { return (kind & 3) | ((asid & 0xffff) << 44); }
inline uint64_t tlbctl_val(unsigned policy, uint16_t lfsr) { return (policy & 3) | (uint64_t(lfsr) << 16); }

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

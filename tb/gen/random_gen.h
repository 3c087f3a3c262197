// Seeded constrained-random stimulus for the MMU ports (used by build/mmucosim).
//
// The run is a sequence of episodes. Each episode picks a translation mode (or the one asked
// for), builds page tables / segment tables in the MemModel through backdoor writes (several
// ASIDs with their own roots, 4 KiB pages and superpages, global pages, U and S pages, and the
// illegal PTEs of SPEC 4.3: invalid, W without R, reserved bits, non-leaf A/D/U, non-leaf at
// level 0, misaligned superpages, A/D clear, PTE words that answer with a memory error),
// configures the registers through the CSR port, and then plays a request stream with locality,
// random addresses and idle gaps, interleaved with register changes (SUM, MXR, HWAD, ASID and
// mode switches, replacement policy, LFSR), flushes of all four kinds (some timed inside walks),
// CSR reads and WARL probes. The memory's latency, back-pressure and error rate change per
// episode unless fixed on the command line.
//
// Per cycle: next() fills this cycle's request / CSR / reset inputs (the caller's MemModel fills
// mem_*), observe() sees the cycle's outputs. The port protocol is respected: request fields are
// held until req_ready, CSR fields until csr_ready; req_priv/req_acc are always legal.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "mem_model.h"
#include "mmu_model.h"

namespace gen {

// Modes a run can ask for; "mix" draws one per episode.
enum class Mode { Bare, M, BaseBounds, Seg, SegPaged, Sv32, Sv39, Sv48, Radix, Hybrid, Soft, Mix };
const char *mode_name(Mode m);                    // "bare", "m", "bb", "seg", "segpg", ...
bool mode_from_name(const std::string &s, Mode &m);  // false if unknown
std::string mode_names();                         // "bare|m|bb|..." for usage text

struct GenOptions {
    uint64_t seed = 1;
    Mode mode = Mode::Mix;
    unsigned tlb_entries = 16;
    unsigned asid_bits = 16;
    bool mem_fixed = false;  // true: keep `mem` all run; false: vary the memory per episode
    MemConfig mem;
    unsigned reset_cycles = 3;
};

// Splittable, reproducible PRNG (xoshiro256**), independent of the C++ library's distributions.
class Rng {
public:
    explicit Rng(uint64_t seed = 1) { reseed(seed); }
    void reseed(uint64_t seed);
    uint64_t next();
    uint64_t below(uint64_t n) { return n ? next() % n : 0; }             // [0, n)
    uint64_t range(uint64_t lo, uint64_t hi) { return lo + below(hi - lo + 1); }  // [lo, hi]
    bool percent(unsigned p) { return below(100) < p; }
    bool permille(unsigned p) { return below(1000) < p; }
    bool chance(unsigned num, unsigned den) { return below(den) < num; }
    template <class T>
    const T &pick(const std::vector<T> &v) { return v[below(v.size())]; }

private:
    uint64_t s_[4];
};

class RandomGen {
public:
    RandomGen(const GenOptions &opt, MemModel &mem);
    void next(mmu_inputs_t &in);
    void observe(const mmu_inputs_t &in, const mmu_outputs_t &out);

    uint64_t episodes() const { return episodes_; }
    uint64_t requests_accepted() const { return req_accepted_; }
    uint64_t csr_ops() const { return csr_accepted_; }
    uint64_t resets() const { return resets_; }  // reset cycles, the initial ones included
    uint64_t soft_refills() const { return soft_refills_; }  // Soft-mode miss handlers run
    // One line describing the current episode (mode, memory, policy), for --verbose logs.
    const std::string &episode_text() const { return episode_text_; }

private:
    struct CsrOp {
        bool write;
        uint8_t addr;
        uint64_t data;
        uint64_t not_before;  // cycle
    };
    struct Req {
        uint64_t vaddr;
        uint8_t acc, priv;
    };
    // A translation-worthy address range of the current episode.
    struct Target {
        uint64_t va;     // base
        uint64_t size;   // bytes (page size, or segment span)
        uint64_t flags;  // V R W X U in PTE bit positions (segments: FLAGS, same positions)
    };
    // Paged address space.
    struct Space {
        uint16_t asid;
        uint64_t root_ppn;
        std::vector<Target> pages;
    };
    struct Leaf {
        uint64_t pte_addr;
        unsigned pte_log2;
    };
    struct Scheme {
        unsigned satp_mode, levels, vpn_bits, pte_log2, va_bits, ppn_bits, asid_bits;
    };
    // The teaching format of an episode (RADIX fields, docs/spec.md 4.4) and its table allocator.
    struct Teach {
        unsigned va_bits, offset, levels, pte_log2, valid_bit, present_bit, pfn_lsb, pfn_width;
        bool present_used;
        unsigned idx_bits, top_bits;  // as the MMU splits the VPN
        uint64_t next_pfn, end_pfn;   // table pages still free
        const char *name;             // "linear (OSTEP)", "multi-level (OSTEP)", "random"
    };

    // Soft mode (docs/spec.md 4.6): the operating system's refill handler
    struct SoftLeaf {
        bool found;       // a valid leaf maps the VA
        unsigned level;
        uint64_t pte;
    };

    GenOptions opt_;
    MemModel &mem_;
    Rng rng_;
    // Resets at any point (a CSR read's return cycle, a walk step, an answer cycle, an A/D
    // write, right after a flush, any cycle): drawn from their own stream so that the draws do
    // not shift the rest of the stimulus.
    Rng reset_rng_;
    uint64_t cycle_ = 0;
    unsigned reset_left_;

    // episode
    Mode ep_mode_ = Mode::Bare;
    uint64_t ep_end_ = 0;
    uint64_t episodes_ = 0;
    std::string episode_text_;
    const Scheme *scheme_ = nullptr;  // paging scheme of the episode (nullptr: none)
    Scheme teach_scheme_{};           // scheme_ points here in the teaching modes
    Teach teach_{};
    bool hybrid_ = false;             // HYBRID episode (segments are the page tables)
    bool soft_ = false;               // Soft episode: the OS refills the TLB (the tables are its own)
    bool retry_pending_ = false;      // the access that missed, retried after the handler
    Req retry_{};
    bool answer_due_ = false;         // a request was accepted last cycle: answer_req_
    Req answer_req_{};
    uint64_t soft_refills_ = 0;
    uint64_t satp_ = 0, status_ = 0, segctl_ = 0;
    std::vector<Space> spaces_;
    unsigned cur_space_ = 0;
    std::vector<Target> seg_targets_;  // segment / base-and-bounds address ranges
    std::vector<Leaf> leaves_;         // leaf PTEs written this episode (for A/D aging)
    std::vector<uint64_t> err_words_;  // error words set this episode
    uint64_t table_next_ppn_ = 0, table_end_ppn_ = 0;
    uint64_t sv32_pool_ppn_ = 0x10000;
    unsigned priv_m_permille_ = 50;
    unsigned req_permille_ = 700;
    unsigned event_permille_ = 15;

    // request channel
    bool req_pending_ = false;
    Req req_{};
    uint64_t idle_left_ = 0;
    std::vector<Target> ws_;  // working set: most requests go here (hits)
    uint64_t recent_[8] = {};
    unsigned recent_n_ = 0, recent_head_ = 0;

    // CSR channel
    bool csr_pending_ = false;
    CsrOp csr_{};
    std::deque<CsrOp> csr_q_;
    bool mem_req_prev_ = false;

    uint64_t req_accepted_ = 0, csr_accepted_ = 0, resets_ = 0;

    void start_episode();
    void choose_memory();
    void setup_paging(Mode m);
    void setup_segments(bool paged);
    void setup_base_bounds(bool paged);
    bool teaching() const { return scheme_ == &teach_scheme_; }
    void choose_teach_format(bool hybrid, unsigned max_offset);
    uint64_t radix_value() const;
    uint64_t teach_pte(uint64_t pfn, bool valid, bool present);
    uint64_t teach_index(uint64_t va, unsigned level) const;
    uint64_t alloc_teach_table(unsigned level);
    bool map_teach_page(Space &s, uint64_t va);
    void build_teach_space(Space &s);
    void setup_teaching();
    void setup_hybrid();
    void build_space(Space &s, bool first);
    bool map_page(Space &s, uint64_t va, unsigned level, uint64_t leaf_flags, int bad_level,
                  uint64_t bad_bits, bool isolated);
    void map_range(Space &s, uint64_t lo, uint64_t hi);
    uint64_t alloc_table();
    uint64_t random_leaf_flags(bool good);
    uint64_t make_pte(uint64_t ppn, uint64_t flags) const;
    uint64_t pte_ppn(uint64_t pte) const;
    uint64_t random_canonical();
    uint64_t sext(uint64_t va) const;
    uint64_t vpn(uint64_t va, unsigned level) const;

    Req pick_request();
    uint64_t pick_vaddr(const Target *&t);
    void refresh_working_set();
    uint64_t junk_va();
    void queue(bool write, unsigned addr, uint64_t data, uint64_t delay = 0);
    void queue_event();
    void queue_flush(uint64_t delay);
    uint64_t pick_flush_va();
    uint64_t satp_for(const Space &s) const;
    void age_leaves();
    SoftLeaf soft_lookup(const Space &s, uint64_t va) const;
    void soft_handle(const Req &r, unsigned cause);
    uint64_t soft_hi(const Space &s, uint64_t va, unsigned level) const;
    void soft_noise();
};

}  // namespace gen

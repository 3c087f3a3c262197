// libFuzzer target (b): the model's two faces against each other (docs/verification.md,
// "Fuzzing"). The input is decoded into one sequence of register writes and reads, translation
// requests, memory changes and resets, played on two models of the same configuration:
//   U, through the untimed face: mmu_translate (memory callbacks), mmu_csr_write, mmu_csr_read,
//      mmu_reset;
//   C, through the cycle face: the ports, cycle by cycle (mmu_eval then mmu_clock, or mmu_step),
//      with a page-table memory of latency 1..4 and optional back-pressure behind the port.
// Both see the same memory contents. Checked (any difference aborts, which libFuzzer reports):
//   - every answer: paddr, fault, cause, exc, level, hit, hit index, fill and fill index;
//   - the memory traffic (address, size, read/write, data, error) in order;
//   - a register write's flush (mmu_csr_write's result against trace_flush_valid);
//   - every register read (csr_rdata against mmu_csr_read);
//   - whenever C is idle: every TLB entry, every register and counter (mmu_csr_read), the policy
//     victim, mmu_inflight; with txn callbacks on, every mmu_txn_t record but its cycle numbers;
//   - on C's ports: the qualifier rules of SPEC 1 (every output 0 without its qualifier and in
//     reset), a memory request held stable until accepted, answers only for accepted requests, in
//     order, within a bound; no protocol assertion (the driver is legal); mmu_eval is pure and
//     mmu_step returns what mmu_eval did.
// What legitimately differs is not compared:
//   - WALK_CYCLES, unless the memory has latency 1 and no back-pressure: SPEC 8 and 9.6 count
//     A - t - 1 per walk, stalls included, while the untimed face counts every access as latency 1
//     with no stall (docs/decisions.md 8, mmu_model.h);
//   - the cycle numbers of a record (accept_cycle, answer_cycle): the untimed face has no time;
//   - orders that exist only on the cycle face are never created, because the untimed face
//     cannot express them: a FLUSH accepted during a walk or in its answer cycle suppresses the
//     fill (SPEC 7, 9.5); a CSR read accepted in an answer cycle returns the counters before that
//     answer's events (SPEC 9.1); a TLB_CMD accepted in a TLB_MISS's answer cycle sees the old
//     TLB_HI (9.14), and a TLBWR accepted in a hit's answer cycle chooses its entry from the
//     policy state before the hit's touch (9.14). So C presents a register read, and a write
//     after a walk, only when no translation is outstanding. What is allowed overlaps where the
//     spec makes the cycle face equal to the sequence: back-to-back requests ("nowait": SPEC 7, a
//     request accepted in the previous one's answer cycle sees the TLB as if it came later), and
//     a register write accepted in the answer cycle of a request answered without memory (a hit
//     or a direct answer), TLBWR and a TLB_CMD after a TLB_MISS excepted: its effects follow the
//     answer's at the same edge (SPEC 9.14: the hit's touch first).
//
// Input format (every read past the end gives 0, so any byte string is an input; the corpus in
// tb/fuzz/corpus/model/ is written by tb/fuzz/mkcorpus.py):
//   b0   bits 2:0 TLB size (4, 8, 16, 32, 64; value mod 5), bits 7:3 ASID width (mod 17)
//   b1   bits 1:0 memory latency - 1; bit 2 mmu_step (else mmu_eval + mmu_clock); bit 3 both,
//        alternating; bit 4 txn callbacks on both models; bit 5 junk above the PTE size in read
//        data; bit 6 back-pressure and varying latency: a 16-bit ready mask and a 16-bit latency
//        pattern follow the pool (mem_req_ready only in cycles c with bit c%16 of the mask set; the
//        k-th accepted access answers after 1 + pattern bits [2j+1:2j], j = k % 8, cycles, if the
//        pattern is not 0); bit 7 garbage: inputs whose qualifier is 0 (req_* without req_valid,
//        csr_* without csr_valid, mem_resp_* without mem_resp_valid) carry pseudo-random values,
//        which the model must ignore
//   b2   pool size K = 1 + b2 % 16, then K 64-bit little-endian words: the memory's contents
//        where nothing was written (the word at address a is pool[hash(a >> 3) % K])
//   [2 bytes ready mask, 2 bytes latency pattern, if b1 bit 6]
//   then operations until the input ends, each an opcode byte (value mod 16) and its operands:
//   0-5      request: f (acc = (f & 3) % 3, priv = U S M S [(f >> 2) & 3], bit 4 nowait), VA
//   6, 7     register write, composed: selector s, then fields (see csr_write_composed)
//   8        register write, raw: address byte, 64-bit data
//   9        register read: byte a (a & 0x80: counter 0x40 + (a & 0x7f) % 9; else address a & 0x7f)
//   10       memory poke: s (size = s & 3), address (see addr), 64-bit value
//   11       memory error toggle: f (bit 0: on writes only), then the word's address
//   12       reset: 1 + byte % 3 cycles
//   13       idle: 1 + byte % 16 cycles
//   14       an illegal request on the untimed face only (must be refused, changing nothing)
//   15       a shortcut of several of the above: m, then by m % 2
//            0: map a VA in the Sv32/Sv39/Sv48 tables SATP points at (pointer PTEs followed or
//               made in fresh pages): VA, leaf level (byte % levels), leaf flags byte, PPN
//               (16 bits; aligned to the level unless m bit 1)
//            1: a Soft refill: TLB_HI := {ASID (m >> 2) & 3, a recent VA (m >> 4) & 3, LEVEL
//               byte % 3}, TLB_LO := flags byte | 16-bit PPN, TLB_CMD := TLBWR (m bit 6: TLBWI)
//   VA: selector v, then by v % 4: raw 64 bits; page (16 bits) << 12 | offset (16 bits, 12 used);
//       a recent VA (index (v >> 2) & 3) XOR a byte << ((v >> 4) & 3) * 12; the top 26 bits set
//       (a negative canonical Sv39/Sv48 address) | page << 12 | offset.
#include <cinttypes>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "mmu_model.h"

namespace {

constexpr uint64_t kPaMask = (uint64_t(1) << 56) - 1;
constexpr unsigned kMaxWait = 20000;  // cycles to wait for an acceptance or an answer

// FUZZ_MODEL_TRACE=1 prints every operation's result (to look at what a seed does).
const bool kTrace = std::getenv("FUZZ_MODEL_TRACE") != nullptr;
// FUZZ_MODEL_INJECT=1 clears R in every PTE the untimed face reads: a seed that loads through a
// leaf must then stop with a difference (tb/fuzz/fuzz-test.sh: the checker is not vacuous).
const bool kInject = std::getenv("FUZZ_MODEL_INJECT") != nullptr;
// FUZZ_MODEL_OVERLAP_TLBWR=1 lets a TLBWR be accepted in a hit's answer cycle, which SPEC 9.14
// makes differ from the sequence: the soft_full_tlbwr seed must then stop (fuzz-test.sh).
const bool kOverlapTlbwr = std::getenv("FUZZ_MODEL_OVERLAP_TLBWR") != nullptr;

[[noreturn]] void mismatch(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mismatch(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    std::fprintf(stderr, "fuzz_model: ");
    std::vfprintf(stderr, fmt, ap);
    std::fprintf(stderr, "\n");
    va_end(ap);
    std::abort();
}

struct Reader {
    const uint8_t *p;
    size_t n;
    bool empty() const { return n == 0; }
    uint8_t u8()
    {
        if (!n)
            return 0;
        n--;
        return *p++;
    }
    uint64_t bytes(unsigned k)
    {
        uint64_t v = 0;
        for (unsigned i = 0; i < k; i++)
            v |= uint64_t(u8()) << (8 * i);
        return v;
    }
    uint16_t u16() { return uint16_t(bytes(2)); }
    uint64_t u64() { return bytes(8); }
};

// ---------------------------------------------------------------- memory (one per face)

struct Access {
    uint64_t addr;
    unsigned size;
    bool write;
    uint64_t data;  // read: as returned; write: as written
    bool err;
    bool operator==(const Access &o) const
    {
        return addr == o.addr && size == o.size && write == o.write && data == o.data && err == o.err;
    }
};

struct Memory {
    const std::vector<uint64_t> *pool = nullptr;
    bool junk = false;
    bool inject = false;  // FUZZ_MODEL_INJECT, on the untimed face's memory
    std::unordered_map<uint64_t, uint8_t> bytes;  // written bytes, by address mod 2^56
    std::unordered_set<uint64_t> err_words;       // address >> 3: every access errs
    std::unordered_set<uint64_t> werr_words;      // address >> 3: writes err (the A/D write)
    std::vector<Access> log;

    uint8_t byte(uint64_t a) const
    {
        a &= kPaMask;
        auto it = bytes.find(a);
        if (it != bytes.end())
            return it->second;
        const uint64_t h = ((a >> 3) * UINT64_C(0x9e3779b97f4a7c15)) >> 32;
        return uint8_t((*pool)[h % pool->size()] >> (8 * (a & 7)));
    }
    bool error_at(uint64_t a, unsigned size, bool write) const
    {
        for (unsigned i = 0; i < (1u << size); i++) {
            const uint64_t w = ((a + i) & kPaMask) >> 3;
            if (err_words.count(w) || (write && werr_words.count(w)))
                return true;
        }
        return false;
    }
    uint64_t peek(uint64_t a, unsigned size) const
    {
        uint64_t v = 0;
        for (unsigned i = 0; i < (1u << size); i++)
            v |= uint64_t(byte(a + i)) << (8 * i);
        return v;
    }
    void poke(uint64_t a, unsigned size, uint64_t v)
    {
        for (unsigned i = 0; i < (1u << size); i++)
            bytes[(a + i) & kPaMask] = uint8_t(v >> (8 * i));
    }
    // One access as the walker makes it; the same on both faces.
    bool access(uint64_t a, unsigned size, bool write, uint64_t wdata, uint64_t *rdata)
    {
        if (a > kPaMask || size > 3)
            mismatch("memory access at 0x%" PRIx64 " size %u: beyond 56 bits or 8 bytes", a, size);
        const bool err = error_at(a, size, write);
        uint64_t v = 0;
        if (write) {
            if (!err)
                poke(a, size, wdata);
            v = wdata;
        } else if (!err) {
            v = peek(a, size);
            if (junk && size < 3)
                v |= ~uint64_t(0) << (8u << size);  // the model must use the low bytes only
            if (inject)
                v &= ~uint64_t(MMU_PTE_R);
        }
        if (rdata)
            *rdata = v;
        log.push_back(Access{a, size, write, v, err});
        return !err;
    }
    static bool cb_read(void *user, uint64_t addr, unsigned size, uint64_t *data)
    {
        return static_cast<Memory *>(user)->access(addr, size, false, 0, data);
    }
    static bool cb_write(void *user, uint64_t addr, unsigned size, uint64_t data)
    {
        return static_cast<Memory *>(user)->access(addr, size, true, data, nullptr);
    }
};

// ---------------------------------------------------------------- answers and records

struct Answer {
    uint64_t paddr = 0;
    bool fault = false;
    unsigned exc = 0, cause = 0, level = 0;
    bool hit = false;
    unsigned hit_index = 0;
    bool fill = false;
    unsigned fill_index = 0;
};

std::string describe(const Answer &a)
{
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "pa=0x%" PRIx64 " fault=%d exc=%u cause=%u level=%u hit=%d hit_index=%u fill=%d "
                  "fill_index=%u",
                  a.paddr, a.fault, a.exc, a.cause, a.level, a.hit, a.hit_index, a.fill, a.fill_index);
    return buf;
}

bool same(const Answer &x, const Answer &y)
{
    return x.paddr == y.paddr && x.fault == y.fault && x.exc == y.exc && x.cause == y.cause &&
           x.level == y.level && x.hit == y.hit && x.hit_index == y.hit_index && x.fill == y.fill &&
           x.fill_index == y.fill_index;
}

struct Pending {
    unsigned op;     // operation number, for messages
    uint64_t vaddr;
    Answer want;     // the untimed face's answer
};

void txn_cb(void *user, const mmu_txn_t *t) { static_cast<std::vector<mmu_txn_t> *>(user)->push_back(*t); }

// Every field of a record except its cycle numbers.
bool same_txn(const mmu_txn_t &a, const mmu_txn_t &b)
{
    if (a.id != b.id || a.vaddr != b.vaddr || a.acc != b.acc || a.priv != b.priv ||
        a.satp_mode != b.satp_mode || a.seg_mode != b.seg_mode || a.asid != b.asid ||
        a.linear != b.linear || a.paged != b.paged || a.hit != b.hit || a.refill != b.refill ||
        a.hit_index != b.hit_index || a.walked != b.walked || a.n_access != b.n_access ||
        a.filled != b.filled || a.fill_index != b.fill_index || a.fill_suppressed != b.fill_suppressed ||
        a.paddr != b.paddr || a.fault != b.fault || a.exc != b.exc || a.cause != b.cause ||
        a.level != b.level || a.hybrid != b.hybrid)
        return false;
    for (unsigned i = 0; i < a.n_access && i < MMU_MAX_LEVELS + 1; i++) {
        const mmu_pte_access_t &x = a.access[i], &y = b.access[i];
        if (x.addr != y.addr || x.value != y.value || x.level != y.level || x.write != y.write ||
            x.err != y.err)
            return false;
    }
    return true;
}

// ---------------------------------------------------------------- ports

#define OUT_EQ(ctype, name) &&a.name == b.name
bool same_outputs(const mmu_outputs_t &a, const mmu_outputs_t &b)
{
    return true MMU_OUTPUT_PORTS_TYPED(OUT_EQ);
}
#undef OUT_EQ

#define OUT_ZERO(ctype, name) &&!o.name
bool all_zero(const mmu_outputs_t &o) { return true MMU_OUTPUT_PORTS_TYPED(OUT_ZERO); }
#undef OUT_ZERO

// SPEC 1: every output is 0 while its qualifier is 0.
void check_qualifiers(uint64_t cycle, const mmu_inputs_t &in, const mmu_outputs_t &o)
{
    const char *bad = nullptr;
    if (!in.rst_n) {
        if (!all_zero(o))
            bad = "an output is not 0 during reset";
    } else if (!o.resp_valid && (o.resp_paddr || o.resp_fault || o.resp_exc || o.resp_cause ||
                                 o.resp_level || o.resp_hit)) {
        bad = "resp_* not 0 without resp_valid";
    } else if (o.resp_valid && !o.resp_fault && (o.resp_exc || o.resp_cause)) {
        bad = "resp_exc/resp_cause not 0 without a fault";
    } else if (o.resp_valid && o.resp_fault && o.resp_paddr) {
        bad = "resp_paddr not 0 on a fault";
    } else if (!o.resp_hit && o.trace_hit_index) {
        bad = "trace_hit_index not 0 without resp_hit";
    } else if (!o.trace_fill_valid && o.trace_fill_index) {
        bad = "trace_fill_index not 0 without trace_fill_valid";
    } else if (!o.mem_req_valid &&
               (o.mem_req_addr || o.mem_req_write || o.mem_req_wdata || o.mem_req_size)) {
        bad = "mem_req_* not 0 without mem_req_valid";
    } else if (o.mem_req_valid && !o.mem_req_write && o.mem_req_wdata) {
        bad = "mem_req_wdata not 0 on a read";
    } else if (!o.csr_rvalid && o.csr_rdata) {
        bad = "csr_rdata not 0 without csr_rvalid";
    } else if (o.resp_paddr > kPaMask || o.mem_req_addr > kPaMask) {
        bad = "a physical address wider than 56 bits";
    }
    if (bad)
        mismatch("cycle face, cycle %" PRIu64 ": %s", cycle, bad);
}

// ---------------------------------------------------------------- the two models

class Fuzz {
public:
    Fuzz(Reader &r);
    ~Fuzz()
    {
        mmu_destroy(u_);
        mmu_destroy(c_);
    }
    Fuzz(const Fuzz &) = delete;
    Fuzz &operator=(const Fuzz &) = delete;
    void run(Reader &r);

private:
    mmu_config_t cfg_{};
    mmu_model_t *u_ = nullptr, *c_ = nullptr;
    std::vector<uint64_t> pool_;
    Memory mu_, mc_;
    unsigned latency_ = 1;
    uint16_t ready_mask_ = 0xffff;
    uint16_t latency_pattern_ = 0;  // 0: every access takes latency_
    unsigned accesses_ = 0;         // accepted on the cycle face
    bool garbage_ = false;
    uint64_t lcg_ = 1;
    unsigned step_mode_ = 0;  // 0 eval+clock, 1 mmu_step, 2 alternating
    bool exact_timing_ = true;  // latency 1 and no back-pressure: WALK_CYCLES is compared
    std::vector<mmu_txn_t> txn_u_, txn_c_;
    uint64_t recent_[4] = {0, 0, 0, 0};
    unsigned recent_next_ = 0;
    unsigned op_ = 0;
    // The latest request was nowait and answered without memory: a register write may be
    // accepted in its answer cycle (see the top of this file). tlb_miss: it answers TLB_MISS.
    bool direct_pending_ = false, direct_tlb_miss_ = false;
    bool overlap_ = false, overlap_tlb_miss_ = false;  // for the operation being run

    // the cycle face's world
    uint64_t cycle_ = 0;  // cycles stepped since creation
    bool mem_pending_ = false;
    unsigned countdown_ = 0;
    uint64_t resp_data_ = 0;
    bool resp_err_ = false;
    bool mreq_held_ = false;
    mmu_outputs_t held_{};
    std::deque<Pending> outstanding_;

    mmu_outputs_t step(mmu_inputs_t in);
    static mmu_inputs_t idle_in()
    {
        mmu_inputs_t in{};
        in.rst_n = true;
        return in;
    }
    void drain();
    void compare_state(const char *after);
    uint64_t read_va(Reader &r);
    uint64_t read_addr(Reader &r);
    void translate(unsigned acc, unsigned priv, uint64_t va, bool nowait);
    void csr_write(unsigned addr, uint64_t data);
    void csr_read(unsigned addr);
    void csr_write_composed(Reader &r);
    void reset(unsigned n);
    void map_sv(Reader &r, uint8_t m);
    uint64_t next_table_ = 0x400;  // PPN of the next fresh page for map_sv
};

Fuzz::Fuzz(Reader &r)
{
    static const unsigned sizes[] = {4, 8, 16, 32, 64};
    const uint8_t b0 = r.u8(), b1 = r.u8(), b2 = r.u8();
    cfg_.tlb_entries = sizes[(b0 & 7) % 5];
    cfg_.asid_bits = (b0 >> 3) % 17u;
    latency_ = 1 + (b1 & 3);
    step_mode_ = b1 & 8 ? 2 : (b1 >> 2) & 1;
    const bool txns = b1 & 16;
    mu_.junk = mc_.junk = (b1 & 32) != 0;
    pool_.resize(1 + b2 % 16u);
    for (uint64_t &w : pool_)
        w = r.u64();
    if (b1 & 64) {
        ready_mask_ = r.u16();
        if (!ready_mask_)
            ready_mask_ = 1;
        latency_pattern_ = r.u16();
    }
    garbage_ = b1 & 128;
    exact_timing_ = latency_ == 1 && ready_mask_ == 0xffff && latency_pattern_ == 0;
    mu_.pool = mc_.pool = &pool_;
    mu_.inject = kInject;
    char err[200] = "";
    u_ = mmu_create(&cfg_, err, sizeof err);
    c_ = mmu_create(&cfg_, err, sizeof err);
    if (!u_ || !c_)
        mismatch("mmu_create(%u, %u): %s", cfg_.tlb_entries, cfg_.asid_bits, err);
    if (txns) {
        mmu_set_txn_callback(u_, txn_cb, &txn_u_);
        mmu_set_txn_callback(c_, txn_cb, &txn_c_);
    }
    // the cycle face starts like every harness: two reset cycles
    mmu_inputs_t rst{};
    step(rst);
    step(rst);
}

// One cycle of C: the memory drives its inputs, the model evaluates and clocks, the memory and
// the answer queue see the outputs.
mmu_outputs_t Fuzz::step(mmu_inputs_t in)
{
    if (in.rst_n) {
        in.mem_req_ready = !mem_pending_ && ((ready_mask_ >> (cycle_ & 15)) & 1);
        in.mem_resp_valid = mem_pending_ && countdown_ == 0;
        in.mem_resp_rdata = in.mem_resp_valid ? resp_data_ : 0;
        in.mem_resp_err = in.mem_resp_valid && resp_err_;
        if (garbage_) {  // what a bus may carry while the qualifier is 0
            auto rnd = [this] { return lcg_ = lcg_ * UINT64_C(6364136223846793005) + 1442695040888963407u; };
            if (!in.req_valid) {
                in.req_vaddr = rnd();
                in.req_acc = uint8_t(rnd() >> 62);
                in.req_priv = uint8_t(rnd() >> 62);
            }
            if (!in.csr_valid) {
                in.csr_write = rnd() >> 63;
                in.csr_addr = uint8_t(rnd() >> 56);
                in.csr_wdata = rnd();
            }
            if (!in.mem_resp_valid) {
                in.mem_resp_rdata = rnd();
                in.mem_resp_err = rnd() >> 63;
            }
        }
    }
    mmu_outputs_t o{}, again{};
    mmu_eval(c_, &in, &o);
    mmu_eval(c_, &in, &again);
    if (!same_outputs(o, again))
        mismatch("cycle %" PRIu64 ": mmu_eval gave two different outputs for one state and input",
                 cycle_);
    const bool use_step = step_mode_ == 1 || (step_mode_ == 2 && (cycle_ & 1));
    if (use_step) {
        mmu_step(c_, &in, &again);
        if (!same_outputs(o, again))
            mismatch("cycle %" PRIu64 ": mmu_step's outputs differ from mmu_eval's", cycle_);
    } else {
        mmu_clock(c_, &in, &o);
    }
    check_qualifiers(cycle_, in, o);
    if (mmu_assertion_count(c_))
        mismatch("cycle %" PRIu64 ": protocol assertion on the cycle face: %s", cycle_,
                 mmu_assertion_message(c_));
    if (!in.rst_n) {
        mem_pending_ = false;
        mreq_held_ = false;
        outstanding_.clear();
        cycle_++;
        return o;
    }
    // SPEC 1: a memory request holds its values until accepted
    if (mreq_held_ && (!o.mem_req_valid || o.mem_req_addr != held_.mem_req_addr ||
                       o.mem_req_write != held_.mem_req_write ||
                       o.mem_req_wdata != held_.mem_req_wdata || o.mem_req_size != held_.mem_req_size))
        mismatch("cycle %" PRIu64 ": a memory request changed or vanished before it was accepted",
                 cycle_);
    mreq_held_ = o.mem_req_valid && !in.mem_req_ready;
    held_ = o;
    if (in.mem_resp_valid)
        mem_pending_ = false;
    else if (mem_pending_)
        countdown_--;
    if (o.mem_req_valid && in.mem_req_ready) {
        resp_err_ = !mc_.access(o.mem_req_addr, o.mem_req_size, o.mem_req_write, o.mem_req_wdata,
                                &resp_data_);
        mem_pending_ = true;
        countdown_ = latency_pattern_ ? (latency_pattern_ >> (2 * (accesses_ % 8))) & 3 : latency_ - 1;
        accesses_++;
    }
    if (o.resp_valid) {
        if (outstanding_.empty())
            mismatch("cycle %" PRIu64 ": resp_valid with no request outstanding", cycle_);
        const Pending p = outstanding_.front();
        outstanding_.pop_front();
        Answer got;
        got.paddr = o.resp_paddr;
        got.fault = o.resp_fault;
        got.exc = o.resp_exc;
        got.cause = o.resp_cause;
        got.level = o.resp_level;
        got.hit = o.resp_hit;
        got.hit_index = o.trace_hit_index;
        got.fill = o.trace_fill_valid;
        got.fill_index = o.trace_fill_index;
        if (in.csr_valid && in.csr_write && o.csr_ready) {
            // a register write in a direct answer's cycle: a Soft TLBWI's fill shows here too
            got.fill = p.want.fill;
            got.fill_index = p.want.fill_index;
        }
        if (kTrace)
            std::fprintf(stderr, "op %u cycle %" PRIu64 " va 0x%" PRIx64 ": %s\n", p.op, cycle_,
                         p.vaddr, describe(got).c_str());
        if (!same(p.want, got))
            mismatch("op %u, va 0x%" PRIx64 ": the faces answer differently\n  untimed: %s\n  cycle:   %s",
                     p.op, p.vaddr, describe(p.want).c_str(), describe(got).c_str());
    } else if (o.trace_fill_valid && !(in.csr_valid && in.csr_write)) {
        mismatch("cycle %" PRIu64 ": trace_fill_valid without an answer or a register write", cycle_);
    }
    cycle_++;
    return o;
}

void Fuzz::drain()
{
    for (unsigned i = 0; !outstanding_.empty(); i++) {
        if (i > kMaxWait)
            mismatch("op %u: no answer within %u cycles", outstanding_.front().op, kMaxWait);
        step(idle_in());
    }
}

// Both models at rest: the same TLB, registers, counters, policy and records.
void Fuzz::compare_state(const char *after)
{
    if (mmu_inflight(u_) || mmu_inflight(c_))
        mismatch("op %u (%s): a translation in flight at rest (untimed %d, cycle %d)", op_, after,
                 mmu_inflight(u_) != nullptr, mmu_inflight(c_) != nullptr);
    if (!(mu_.log == mc_.log)) {
        size_t i = 0;
        while (i < mu_.log.size() && i < mc_.log.size() && mu_.log[i] == mc_.log[i])
            i++;
        auto show = [](const std::vector<Access> &l, size_t k) {
            char buf[120];
            if (k >= l.size())
                return std::string("(none)");
            const Access &a = l[k];
            std::snprintf(buf, sizeof buf, "%s 0x%" PRIx64 " size %u data 0x%" PRIx64 "%s",
                          a.write ? "wr" : "rd", a.addr, a.size, a.data, a.err ? " ERR" : "");
            return std::string(buf);
        };
        mismatch("op %u (%s): memory traffic differs at access %zu of %zu/%zu\n  untimed: %s\n  cycle:   %s",
                 op_, after, i, mu_.log.size(), mc_.log.size(), show(mu_.log, i).c_str(),
                 show(mc_.log, i).c_str());
    }
    mu_.log.clear();
    mc_.log.clear();
    if (txn_u_.size() != txn_c_.size())
        mismatch("op %u (%s): %zu records on the untimed face, %zu on the cycle face", op_, after,
                 txn_u_.size(), txn_c_.size());
    for (size_t i = 0; i < txn_u_.size(); i++)
        if (!same_txn(txn_u_[i], txn_c_[i]))
            mismatch("op %u (%s): transaction record %" PRIu64 " (va 0x%" PRIx64 ") differs between the faces",
                     op_, after, txn_u_[i].id, txn_u_[i].vaddr);
    txn_u_.clear();
    txn_c_.clear();
    for (unsigned a = 0; a < 0x50; a++) {
        if (a == MMU_CSR_WALK_CYCLES && !exact_timing_)
            continue;  // SPEC 9.6 / docs/decisions.md 8: timing-only
        const uint64_t x = mmu_csr_read(u_, a), y = mmu_csr_read(c_, a);
        if (x != y)
            mismatch("op %u (%s): register 0x%02x (%s) reads 0x%" PRIx64 " untimed, 0x%" PRIx64 " cycle",
                     op_, after, a, mmu_csr_name(a), x, y);
    }
    for (unsigned i = 0; i < cfg_.tlb_entries; i++) {
        mmu_tlb_entry_t x, y;
        mmu_tlb_entry(u_, i, &x);
        mmu_tlb_entry(c_, i, &y);
        bool eq = x.valid == y.valid;
        if (eq && x.valid)
            eq = x.asid == y.asid && x.global == y.global && x.vpn == y.vpn && x.level == y.level &&
                 x.ppn == y.ppn && x.r == y.r && x.w == y.w && x.x == y.x && x.u == y.u &&
                 x.a == y.a && x.d == y.d;
        if (!eq)
            mismatch("op %u (%s): TLB entry %u differs: untimed valid=%d vpn=0x%" PRIx64 " ppn=0x%" PRIx64
                     " level=%u asid=%u, cycle valid=%d vpn=0x%" PRIx64 " ppn=0x%" PRIx64 " level=%u asid=%u",
                     op_, after, i, x.valid, x.vpn, x.ppn, x.level, x.asid, y.valid, y.vpn, y.ppn,
                     y.level, y.asid);
    }
    if (mmu_policy_victim(u_) != mmu_policy_victim(c_))
        mismatch("op %u (%s): policy victim %u untimed, %u cycle", op_, after, mmu_policy_victim(u_),
                 mmu_policy_victim(c_));
    if (mmu_assertion_count(u_))
        mismatch("op %u (%s): an assertion on the untimed face: %s", op_, after,
                 mmu_assertion_message(u_));
}

uint64_t Fuzz::read_va(Reader &r)
{
    const uint8_t v = r.u8();
    switch (v & 3) {
    case 0:
        return r.u64();
    case 1: {
        const uint64_t page = r.u16();
        return page << 12 | (r.u16() & 0xfff);
    }
    case 2:
        return recent_[(v >> 2) & 3] ^ (uint64_t(r.u8()) << (((v >> 4) & 3) * 12));
    default: {
        const uint64_t page = r.u16();
        return ~uint64_t(0) << 38 | page << 12 | (r.u16() & 0xfff);
    }
    }
}

// A physical address: mostly in the first 16 MiB (where small PPNs point), else any 56 bits.
uint64_t Fuzz::read_addr(Reader &r)
{
    const uint8_t s = r.u8();
    if (s & 0x80)
        return r.bytes(7);
    return uint64_t(r.u16() & 0xfff) << 12 | (r.u16() & 0xfff);
}

void Fuzz::translate(unsigned acc, unsigned priv, uint64_t va, bool nowait)
{
    recent_[recent_next_++ & 3] = va;
    mmu_memory_t io{&Memory::cb_read, &Memory::cb_write, &mu_};
    mmu_result_t res{};
    if (!mmu_translate(u_, va, acc, priv, &io, &res))
        mismatch("op %u: mmu_translate refused a legal request (acc %u priv %u)", op_, acc, priv);
    Pending p;
    p.op = op_;
    p.vaddr = va;
    p.want.paddr = res.paddr;
    p.want.fault = res.fault;
    p.want.exc = res.exc;
    p.want.cause = res.cause;
    p.want.level = res.level;
    p.want.hit = res.hit;
    p.want.hit_index = res.hit_index;
    p.want.fill = res.fill_valid;
    p.want.fill_index = res.fill_index;

    mmu_inputs_t in = idle_in();
    in.req_valid = true;
    in.req_vaddr = va;
    in.req_acc = uint8_t(acc);
    in.req_priv = uint8_t(priv);
    for (unsigned i = 0;; i++) {
        if (i > kMaxWait)
            mismatch("op %u: request not accepted within %u cycles", op_, kMaxWait);
        if (step(in).req_ready)
            break;
    }
    outstanding_.push_back(p);
    direct_pending_ = nowait && res.n_access == 0;
    direct_tlb_miss_ = res.fault && res.cause == MMU_CAUSE_TLB_MISS;
    if (!nowait) {
        drain();
        compare_state("request");
    }
}

void Fuzz::csr_write(unsigned addr, uint64_t data)
{
    const bool tlbcmd = addr == MMU_CSR_TLB_CMD;
    const bool overlap = overlap_ && !(tlbcmd && (overlap_tlb_miss_ ||
                                                  ((data & MMU_TLB_CMD_CMD_MASK) == MMU_TLB_CMD_TLBWR && !kOverlapTlbwr)));
    overlap_ = false;
    if (!overlap)
        drain();
    const bool fu = mmu_csr_write(u_, addr, data);
    mmu_inputs_t in = idle_in();
    in.csr_valid = true;
    in.csr_write = true;
    in.csr_addr = uint8_t(addr);
    in.csr_wdata = data;
    if (kTrace)
        std::fprintf(stderr, "op %u write 0x%02x (%s) = 0x%" PRIx64 "%s\n", op_, addr,
                     mmu_csr_name(addr), data, fu ? " flush" : "");
    for (unsigned i = 0;; i++) {
        if (i > kMaxWait)
            mismatch("op %u: register write not accepted", op_);
        mmu_outputs_t o = step(in);
        if (o.csr_ready) {
            if (o.trace_flush_valid != fu)
                mismatch("op %u: write of 0x%" PRIx64 " to 0x%02x (%s): mmu_csr_write says flush=%d, "
                         "trace_flush_valid=%d",
                         op_, data, addr, mmu_csr_name(addr), fu, o.trace_flush_valid);
            break;
        }
    }
    compare_state("register write");
}

void Fuzz::csr_read(unsigned addr)
{
    drain();
    const uint64_t vu = mmu_csr_read(u_, addr);
    const uint64_t before = mmu_csr_read(c_, addr);
    mmu_inputs_t in = idle_in();
    in.csr_valid = true;
    in.csr_addr = uint8_t(addr);
    for (unsigned i = 0;; i++) {
        if (i > kMaxWait)
            mismatch("op %u: register read not accepted", op_);
        if (step(in).csr_ready)
            break;
    }
    const mmu_outputs_t o = step(idle_in());
    if (!o.csr_rvalid)
        mismatch("op %u: csr_rvalid not 1 in the cycle after a read of 0x%02x", op_, addr);
    if (o.csr_rdata != before)
        mismatch("op %u: csr_rdata 0x%" PRIx64 " of 0x%02x (%s), but mmu_csr_read gave 0x%" PRIx64,
                 op_, o.csr_rdata, addr, mmu_csr_name(addr), before);
    if (kTrace)
        std::fprintf(stderr, "op %u read 0x%02x (%s) = 0x%" PRIx64 "\n", op_, addr,
                     mmu_csr_name(addr), o.csr_rdata);
    if (o.csr_rdata != vu && !(addr == MMU_CSR_WALK_CYCLES && !exact_timing_))
        mismatch("op %u: read of 0x%02x (%s): untimed 0x%" PRIx64 ", cycle 0x%" PRIx64, op_, addr,
                 mmu_csr_name(addr), vu, o.csr_rdata);
    compare_state("register read");
}

// A register value made of plausible fields (WARL decides what is kept).
void Fuzz::csr_write_composed(Reader &r)
{
    const uint8_t s = r.u8();
    switch (s % 14) {
    case 0: {  // SATP
        static const unsigned modes[] = {MMU_SATP_BARE, MMU_SATP_SV32, MMU_SATP_SV39, MMU_SATP_SV39,
                                         MMU_SATP_SV48, MMU_SATP_SOFT, MMU_SATP_RADIX, 0};
        const uint8_t m = r.u8();
        const unsigned mode = (m & 7) == 7 ? m >> 4 : modes[m & 7];
        const uint64_t asid = m & 8 ? r.u16() : r.u8() & 3;
        const uint64_t ppn = s & 0x80 ? r.bytes(6) : r.u16() & 0xfff;
        csr_write(MMU_CSR_SATP, mmu_satp_value(mode, asid, ppn));
        break;
    }
    case 1: {
        const uint8_t f = r.u8();
        csr_write(MMU_CSR_STATUS, MMU_PUT(STATUS_HWAD, f & 1) | MMU_PUT(STATUS_SUM, (f >> 1) & 1) |
                                      MMU_PUT(STATUS_MXR, (f >> 2) & 1) | (f & 0x80 ? r.u64() : 0));
        break;
    }
    case 2: {
        const uint8_t a = r.u8(), b = r.u8();
        csr_write(MMU_CSR_SEGCTL, MMU_PUT(SEGCTL_MODE, a & 3) | MMU_PUT(SEGCTL_SELECT, (a >> 2) & 7) |
                                      MMU_PUT(SEGCTL_HYBRID, (a >> 5) & 1) | MMU_PUT(SEGCTL_VA_BITS, b));
        break;
    }
    case 3: {
        const uint64_t v = s & 0x80 ? r.u64() : uint64_t(r.u16()) << 12;
        csr_write(s & 0x40 ? MMU_CSR_BOUNDS : MMU_CSR_BASE, v);
        break;
    }
    case 4: {  // RADIX, from small fields
        const uint8_t a = r.u8(), b = r.u8(), c = r.u8(), d = r.u8(), e = r.u8();
        const unsigned va_bits = 2 + a % 55, offset = 1 + b % (va_bits - 1);
        const unsigned pte_log2 = c & 3, bits = 8u << pte_log2;
        csr_write(MMU_CSR_RADIX,
                  MMU_PUT(RADIX_VA_BITS, va_bits) | MMU_PUT(RADIX_OFFSET, offset) |
                      MMU_PUT(RADIX_LEVELS, (c >> 2) & 3) | MMU_PUT(RADIX_PTE_LOG2, pte_log2) |
                      MMU_PUT(RADIX_VALID_BIT, d % bits) | MMU_PUT(RADIX_PRESENT_BIT, e % bits) |
                      MMU_PUT(RADIX_PRESENT_USED, (c >> 4) & 1) |
                      MMU_PUT(RADIX_PFN_LSB, (d >> 3) % bits) | MMU_PUT(RADIX_PFN_WIDTH, 1 + (e >> 2) % 40));
        break;
    }
    case 5: {
        const uint8_t p = r.u8();
        csr_write(MMU_CSR_TLBCTL, MMU_PUT(TLBCTL_POLICY, p & 3) | MMU_PUT(TLBCTL_LFSR, r.u16()));
        break;
    }
    case 6: {
        const uint8_t k = r.u8();
        csr_write(MMU_CSR_FLUSH, MMU_PUT(FLUSH_KIND, k & 3) | MMU_PUT(FLUSH_ASID, k >> 2));
        break;
    }
    case 7:
        csr_write(MMU_CSR_FLUSH_VA, read_va(r));
        break;
    case 8:
        csr_write(MMU_CSR_TLB_INDEX, r.u8());
        break;
    case 9: {  // TLB_HI from a recent VA
        const uint8_t h = r.u8();
        const uint64_t va = recent_[h & 3];
        csr_write(MMU_CSR_TLB_HI, MMU_PUT(TLB_HI_ASID, (h >> 2) & 3) | MMU_PUT(TLB_HI_VPN, va >> 12) |
                                      MMU_PUT(TLB_HI_LEVEL, h >> 4));
        break;
    }
    case 10: {  // TLB_LO: flags and a small PPN
        const uint8_t f = r.u8();
        csr_write(MMU_CSR_TLB_LO, MMU_PUT(TLB_LO_PPN, r.u16()) | f);
        break;
    }
    case 11:
        csr_write(MMU_CSR_TLB_CMD, r.u8());
        break;
    case 12: {
        const uint8_t n = r.u8();
        const unsigned seg = n & 7, which = (n >> 3) % 3;
        const uint64_t v = which == 2 ? r.u8() : s & 0x80 ? r.u64() : uint64_t(r.u16()) << (n >> 6) * 4;
        csr_write(MMU_CSR_SEG0_BASE + 3 * seg + which, v);
        break;
    }
    default:
        csr_write(r.u8(), r.u64());
        break;
    }
}

// Pokes a path to a leaf for a VA into the Sv tables of the untimed face's SATP (both memories).
void Fuzz::map_sv(Reader &r, uint8_t m)
{
    const uint64_t va = read_va(r);
    const uint8_t lvl = r.u8(), flags = r.u8();
    const uint64_t ppn = r.u16();
    drain();
    const uint64_t satp = mmu_csr_read(u_, MMU_CSR_SATP);
    const unsigned mode = unsigned(MMU_FIELD(satp, SATP_MODE));
    mmu_geometry_t g;
    if (mode == MMU_SATP_RADIX || !mmu_geometry(mode, 0, &g))
        return;
    const unsigned leaf = lvl % g.levels;
    uint64_t table = (MMU_FIELD(satp, SATP_PPN) << 12) & kPaMask;
    for (unsigned l = g.levels - 1;; l--) {
        const unsigned bits = l == g.levels - 1 ? g.top_bits : g.idx_bits;
        const uint64_t idx = (va >> (g.page_shift + g.idx_bits * l)) & ((uint64_t(1) << bits) - 1);
        const uint64_t addr = (table + (idx << g.pte_log2)) & kPaMask;
        if (l == leaf) {
            uint64_t p = ppn;
            if (!(m & 2))
                p &= ~((uint64_t(1) << (g.idx_bits * l)) - 1);
            const uint64_t pte = mmu_sv_pte(p, flags);
            mu_.poke(addr, g.pte_log2, pte);
            mc_.poke(addr, g.pte_log2, pte);
            return;
        }
        const uint64_t cur = mu_.peek(addr, g.pte_log2);
        if ((cur & MMU_PTE_V) && !(cur & (MMU_PTE_R | MMU_PTE_W | MMU_PTE_X)) && !(cur >> 54)) {
            table = (mmu_sv_pte_ppn(cur, g.ppn_bits) << 12) & kPaMask;
            continue;
        }
        const uint64_t next = next_table_++;
        const uint64_t pte = mmu_sv_pte(next, MMU_PTE_V | (flags & MMU_PTE_G));
        mu_.poke(addr, g.pte_log2, pte);
        mc_.poke(addr, g.pte_log2, pte);
        table = next << 12;
    }
}

void Fuzz::reset(unsigned n)
{
    drain();
    mmu_reset(u_);
    mmu_inputs_t rst{};
    for (unsigned i = 0; i < n; i++)
        step(rst);
    compare_state("reset");
}

void Fuzz::run(Reader &r)
{
    static const unsigned privs[] = {MMU_PRIV_U, MMU_PRIV_S, MMU_PRIV_M, MMU_PRIV_S};
    compare_state("start");
    while (!r.empty()) {
        op_++;
        overlap_ = direct_pending_;
        overlap_tlb_miss_ = direct_tlb_miss_;
        direct_pending_ = false;
        const unsigned code = r.u8() % 16u;
        switch (code) {
        case 6:
        case 7:
            csr_write_composed(r);
            break;
        case 8: {
            const uint8_t a = r.u8();
            csr_write(a, r.u64());
            break;
        }
        case 9: {
            const uint8_t a = r.u8();
            csr_read(a & 0x80 ? MMU_CSR_HITS + (a & 0x7fu) % 9u : a & 0x7fu);
            break;
        }
        case 10: {
            drain();
            const uint8_t s = r.u8();
            const uint64_t a = read_addr(r), v = r.u64();
            mu_.poke(a, s & 3, v);
            mc_.poke(a, s & 3, v);
            break;
        }
        case 11: {
            drain();
            const bool writes_only = r.u8() & 1;
            const uint64_t w = (read_addr(r) & kPaMask) >> 3;
            for (Memory *m : {&mu_, &mc_}) {
                std::unordered_set<uint64_t> &set = writes_only ? m->werr_words : m->err_words;
                if (!set.erase(w))
                    set.insert(w);
            }
            break;
        }
        case 12:
            reset(1 + r.u8() % 3u);
            break;
        case 13: {
            drain();
            const unsigned n = 1 + r.u8() % 16u;
            for (unsigned i = 0; i < n; i++)
                step(idle_in());
            compare_state("idle");
            break;
        }
        case 14: {  // mmu_model.h: "Returns false, changing nothing, for an illegal acc/priv."
            drain();
            const uint8_t f = r.u8();
            const unsigned acc = f & 1 ? 3 + ((f >> 1) & 3) : (f >> 1) % 3;
            const unsigned priv = f & 1 ? (f >> 3) & 3 : (f >> 3) & 1 ? 4 + ((f >> 4) & 7) : 2;
            mmu_memory_t io{&Memory::cb_read, &Memory::cb_write, &mu_};
            mmu_result_t res{};
            if (mmu_translate(u_, read_va(r), acc, priv, &io, &res))
                mismatch("op %u: mmu_translate accepted acc %u priv %u", op_, acc, priv);
            compare_state("illegal request");
            break;
        }
        case 15: {
            const uint8_t m = r.u8();
            if (m % 2 == 0) {
                map_sv(r, m);
            } else {
                const uint8_t lvl = r.u8(), flags = r.u8();
                const uint64_t va = recent_[(m >> 4) & 3];
                csr_write(MMU_CSR_TLB_HI, MMU_PUT(TLB_HI_ASID, (m >> 2) & 3) |
                                              MMU_PUT(TLB_HI_VPN, va >> 12) | MMU_PUT(TLB_HI_LEVEL, lvl % 3));
                csr_write(MMU_CSR_TLB_LO, MMU_PUT(TLB_LO_PPN, r.u16()) | flags);
                csr_write(MMU_CSR_TLB_CMD, m & 64 ? MMU_TLB_CMD_TLBWI : MMU_TLB_CMD_TLBWR);
            }
            break;
        }
        default: {
            const uint8_t f = r.u8();
            const uint64_t va = read_va(r);
            translate((f & 3) % 3u, privs[(f >> 2) & 3], va, (f & 16) != 0);
            break;
        }
        }
    }
    drain();
    compare_state("end");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Reader r{data, size};
    Fuzz f(r);
    f.run(r);
    return 0;
}

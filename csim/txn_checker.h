// The transaction-level comparison (--compare txn): an MMU with other timing than SPEC 7 against
// the C model on its untimed face (mmu_translate, mmu_csr_write, mmu_csr_read). It watches the
// DUT's ports cycle by cycle, never assumes a latency, and compares per accepted request, in
// order: the answer (paddr, fault, exc, cause, level, hit) and the page-table accesses the request
// caused (address, size, read or write, write data); every CSR read (the counters at the end of
// a run included; WALK_CYCLES counts cycles, so it is reported, not compared). A flush shows in
// the next translations: the model walks after it, so the DUT must make the same reads.
//
// The model walks on the data the DUT got: its memory callback hands back, access by access, the
// value and error the DUT's memory answered (the memory may inject random errors and the
// stimulus may rewrite PTEs behind the TLB's back, so only what the DUT saw is the truth). An
// access the DUT did not make (another address, size, or a read where it wrote) ends the replay;
// the model's walk then continues on the memory as it is now, for the report only.
//
// Operations are replayed in the order the DUT accepted them. So that this order means the same
// for any timing, the checker gates the stimulus (gate() and mask_ready()): a CSR access waits
// until every accepted request has been answered and any CSR read has returned, and a request is
// held back while a CSR access is presented (the CSR wins, as in SPEC 7). A FLUSH can therefore
// never land inside a walk: where a walk of another design "is" when a flush arrives is not
// visible at its ports. The stimulus sees the gate as req_ready / csr_ready low and waits.
//
// Page-table accesses belong to requests in order; an access issued before request k+1 was
// accepted belongs to request k or an earlier one. A request is compared once its answer has
// arrived and every access that must be its own has been answered.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "mem_model.h"
#include "mmu_model.h"
#include "report.h"
#include "txn_latency.h"

// What went wrong, for the report's "kind:" line.
enum class TxnFailKind {
    Answer,          // a request's answer or page-table accesses differ
    CsrRead,         // a CSR read returned another value (counters included)
    Protocol,        // resp_valid / csr_rvalid with nothing to answer, or accesses nobody made
    Timeout,         // a request or a CSR read never answered
    RtlAssertion,    // a Verilator assertion fired
    IllegalRequest,  // the model refused the request (illegal acc/priv)
};

// A page-table access at the DUT's memory port.
struct TxnDutAccess {
    uint64_t addr = 0, wdata = 0, rdata = 0;
    unsigned size = 0;  // log2 bytes
    bool write = false, err = false;
    bool answered = false;  // the response has come
    uint64_t presented = 0, accepted = 0, responded = 0;  // cycles since reset
    uint64_t accepted_requests = 0;  // requests the DUT had accepted when it issued this access
};

// A page-table access the model made (its memory callback).
struct TxnModelAccess {
    uint64_t addr = 0, data = 0;  // read: the data handed back; write: the data written
    unsigned size = 0;
    bool write = false, err = false;
};

// One accepted translation request as the DUT's ports showed it.
struct TxnRequest {
    uint64_t id = 0;  // accepted requests since reset (the model's mmu_txn_t.id)
    uint64_t vaddr = 0;
    uint8_t acc = 0, priv = 0;
    uint64_t accept = 0, answer = 0;  // cycles since reset
    bool answered = false;
    mmu_outputs_t resp{};  // the outputs of the answer cycle
};

struct TxnMismatch {
    TxnFailKind kind = TxnFailKind::Answer;
    uint64_t cycle = 0;          // cycles since reset when it was found
    uint64_t harness_cycle = 0;  // cycles stepped, reset included (the wave's numbering)
    std::string message;         // one sentence: what differs
    // The first field that differs and both values, then every other difference (a field per
    // line: name, model value, DUT value).
    struct Field {
        std::string name, model, dut;
    };
    std::vector<Field> fields;
    bool have_request = false;
    TxnRequest req;
    bool have_model_txn = false;
    mmu_txn_t model_txn{};  // the model's record of the request (mode, ASID, linear, walk)
    mmu_result_t model_result{};
    std::vector<TxnDutAccess> dut_accesses;  // the DUT's accesses for the request
    std::vector<TxnModelAccess> model_accesses;
    uint64_t ref_cycles = 0;  // the reference timing of the request (txn_latency.h)
    bool replay_left_dut = false;  // the model's walk left the DUT's accesses
    std::string flush_note;        // the latest flushing CSR write, for "should have walked"
    std::vector<mmu_txn_t> recent;     // the model's last translations, oldest first
    std::vector<CycleRecord> history;  // the DUT's last cycles (inputs as presented to it)
    std::string build, repro, wave_repro;
    std::vector<MismatchInfo::DebugFile> debug_files;
};

std::string format_txn_report(const TxnMismatch &m);

class TxnChecker {
public:
    // Takes the model's translation callback (set_txn_observer sees every record). build: the
    // report's "build" line.
    TxnChecker(mmu_model_t *model, std::string build);
    TxnChecker(const TxnChecker &) = delete;
    TxnChecker &operator=(const TxnChecker &) = delete;

    void set_repro(const std::string &cmd, const std::string &wave_cmd_prefix);
    void set_txn_observer(std::function<void(const mmu_txn_t &)> f) { observer_ = std::move(f); }
    // The memory a walk that left the DUT's accesses continues on (report only); may be null.
    void attach_memory(const MemModel *mem) { mem_ = mem; }

    // The stimulus's inputs of this cycle -> the DUT's (see the gate above), and the DUT's
    // outputs -> what the stimulus sees (req_ready / csr_ready low while gated).
    void gate(const mmu_inputs_t &stim, mmu_inputs_t &dut) const;
    void mask_ready(const mmu_inputs_t &stim, mmu_outputs_t &out) const;

    // Before the edge ending the cycle: the inputs the DUT got, its outputs, and the stimulus's
    // own inputs (before the gate: what it waits to have accepted). Compares what became
    // comparable; returns false once a mismatch has stopped the run.
    bool observe(const mmu_inputs_t &in, const mmu_outputs_t &out, const mmu_inputs_t &stim);
    // After the edge: an RTL assertion that fired at it stops the run.
    bool after_edge(bool rtl_fired, const std::string &where);

    bool failed() const { return failed_; }
    const TxnMismatch &failure() const { return info_; }
    // Nothing accepted is waiting for an answer or for its comparison.
    bool idle() const { return ops_.empty() && unanswered_ == 0 && reads_waiting_ == 0; }
    // CSR reads from now on are the end-of-run counter reads (named so in a report).
    void set_end_phase(bool on) { end_phase_ = on; }

    uint64_t cycle() const { return cycle_; }            // cycles since reset
    uint64_t harness_cycles() const { return harness_; } // cycles checked, reset included
    uint64_t requests_compared() const { return compared_; }
    uint64_t csr_reads_compared() const { return reads_compared_; }
    // Cycles in which the gate held back a CSR access the stimulus presented (a flush or a
    // counter read timed inside a walk, which this comparison serializes).
    uint64_t csr_held() const { return csr_held_; }
    // The request the DUT is working on (oldest unanswered), for the wave; false if none.
    bool oldest_unanswered(uint64_t &id) const;
    const TxnLatency &latency() const { return latency_; }
    // The latest WALK_CYCLES read: the DUT's value and the model's (which counts as if every
    // memory access took one cycle); the DUT's walks' cycles at its ports, from the start of
    // the walk to the answer, over the same requests (SPEC 9.6: latency - 1 per walk).
    bool walk_cycles_read = false;
    uint64_t walk_cycles_dut = 0, walk_cycles_model = 0, walk_cycles_ports = 0;

    // At the end of a run (everything answered): page-table accesses that no request explains
    // stop it. Returns false if the run has failed.
    bool check_end();

    // Timeouts (cycles): a request without an answer, a CSR read without csr_rvalid, a request
    // or CSR access presented and never accepted.
    // (A walk takes well under 200 cycles even on the generator's most hostile memory.)
    static constexpr uint64_t kAnswerTimeout = 10000;
    static constexpr uint64_t kReadTimeout = 1000;
    static constexpr uint64_t kAcceptTimeout = 10000;

private:
    enum class OpKind { Req, CsrWrite, CsrRead };
    struct Op {
        OpKind kind;
        TxnRequest req;  // Req
        uint8_t csr_addr = 0;
        uint64_t csr_data = 0;  // CsrWrite: the data; CsrRead: the DUT's answer
        uint64_t accept = 0;
        bool data_in = false;  // CsrRead: csr_rvalid has come
        bool end_phase = false;
        uint64_t requests_before = 0;  // requests accepted before this operation
    };
    static constexpr unsigned kRecentTxns = 16;
    static constexpr unsigned kHistory = 8;

    mmu_model_t *model_;
    std::string build_, repro_, wave_prefix_;
    std::function<void(const mmu_txn_t &)> observer_;
    const MemModel *mem_ = nullptr;
    bool failed_ = false;
    TxnMismatch info_;

    uint64_t cycle_ = 0, harness_ = 0;
    std::deque<Op> ops_;                // accepted, not compared yet, in acceptance order
    std::deque<TxnDutAccess> accesses_; // the DUT's page-table accesses not given to a request
    uint64_t accepted_ = 0;             // requests accepted since reset
    unsigned unanswered_ = 0;           // accepted requests without an answer yet
    unsigned reads_waiting_ = 0;        // accepted CSR reads without csr_rvalid yet
    bool mem_presenting_ = false;     // the DUT presents a page-table access not accepted yet ...
    uint64_t mem_present_cycle_ = 0;  // ... since this cycle
    uint64_t mem_present_bound_ = 0;  // ... with this many requests accepted
    bool in_reset_ = false;           // the cycle being checked is a reset cycle
    uint64_t req_wait_ = 0, csr_wait_ = 0;  // cycles a request / CSR access has waited, gate included
    bool end_phase_ = false;
    uint64_t compared_ = 0, reads_compared_ = 0, csr_held_ = 0;
    uint64_t walk_port_cycles_ = 0;  // sum over walks of (DUT latency - 1)
    TxnLatency latency_;
    std::string last_flush_;  // the latest flushing CSR write, described

    // the model's translation being compared: its record and the replay of the DUT's accesses
    bool have_txn_ = false;
    mmu_txn_t txn_{};
    uint64_t cur_accept_ = 0, cur_answer_ = 0;  // the DUT's cycles of that request
    std::vector<TxnModelAccess> model_acc_;
    size_t replay_next_ = 0;
    bool replay_left_ = false;

    std::vector<mmu_txn_t> recent_;
    unsigned recent_head_ = 0;
    std::vector<CycleRecord> hist_;
    unsigned hist_head_ = 0;

    static void txn_cb(void *user, const mmu_txn_t *t);
    static bool mem_read(void *user, uint64_t addr, unsigned size, uint64_t *data);
    static bool mem_write(void *user, uint64_t addr, unsigned size, uint64_t data);
    bool replay(uint64_t addr, unsigned size, bool write, uint64_t wdata, uint64_t *rdata);

    void reset_state();
    void record_cycle(const mmu_inputs_t &in, const mmu_outputs_t &out);
    void process_ops();
    bool ready(const Op &op) const;
    void compare_request(const TxnRequest &r);
    void compare_read(const Op &op);
    void fail(TxnFailKind kind, const std::string &message);
    void fill_request(const TxnRequest &r);
};

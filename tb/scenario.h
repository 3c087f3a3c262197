// Directed scenarios: a line-oriented text format (docs/scenarios.md) parsed into commands, and
// an executor that plays them cycle by cycle on any Dut (the model alone in mmusim, RTL and
// model in lockstep in the cosim harnesses) with a MemModel serving the page-table port.
// Expectations are checked on the port outputs only, so they mean the same thing for every Dut.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dut.h"
#include "mem_model.h"
#include "mmu_model.h"

// What a translation's answer must look like; every field is optional.
struct ReqExpect {
    std::optional<uint64_t> pa;        // no fault and this resp_paddr
    bool ok = false;                   // no fault
    std::optional<unsigned> cause;     // resp_fault and this resp_cause
    std::optional<unsigned> exc;       // resp_exc
    std::optional<unsigned> level;     // resp_level
    std::optional<bool> hit;           // resp_hit
    std::optional<unsigned> hit_index; // resp_hit and this trace_hit_index
    std::optional<int> fill;           // trace_fill_index in the answer cycle; -1: no fill
    std::optional<uint64_t> cycles;    // answer cycle - accept cycle
    std::optional<uint64_t> accept;    // cycle number of the acceptance
    std::optional<unsigned> reads;     // memory reads accepted between acceptance and answer
    std::optional<unsigned> writes;    // memory writes accepted between acceptance and answer
    bool empty() const;
};

enum class CmdKind {
    CsrWrite,  // present csr write until csr_ready
    CsrRead,   // present csr read until csr_ready, then (unless nowait) take csr_rdata next cycle
    Poke,      // backdoor memory write (no cycle)
    Peek,      // backdoor memory check (no cycle)
    MemSet,    // change the memory's timing (no cycle)
    MemError,  // mark / unmark an error word (no cycle)
    Req,       // present a translation request until accepted, then (unless nowait) wait
    Idle,      // N cycles presenting nothing
    Wait,      // present nothing until every accepted request has been answered
    Reset,     // N cycles of rst_n = 0
};

struct Command {
    CmdKind kind = CmdKind::Idle;
    int line = 0;
    std::string text;  // the source line, trimmed, for messages
    // CsrWrite / CsrRead
    unsigned csr = 0;
    uint64_t value = 0;                // CsrWrite data; Poke/Peek value
    std::optional<uint64_t> expect;    // CsrRead expected value
    std::string label;                 // CsrRead: the name to print
    std::optional<bool> flush;         // CsrWrite: expected trace_flush_valid when accepted
    std::optional<int> fill;           // CsrWrite: expected trace_fill_index when accepted, -1: none
    // Poke / Peek / MemError
    uint64_t addr = 0;
    unsigned size = 3;                 // log2 bytes
    bool on = true;                    // MemError: set or clear
    // MemSet: fields given on the line
    std::optional<unsigned> lat_min, lat_max;
    std::optional<double> ready_prob, err_prob;
    std::optional<uint64_t> seed;
    std::optional<unsigned> ready_period;  // mem_req_ready only in cycles c with c % K == 0
    // Req
    uint64_t vaddr = 0;
    unsigned acc = 0, priv = 0;
    bool nowait = false;  // Req: do not wait for the answer; CsrRead: nor for csr_rdata
    ReqExpect ex;
    // Idle / Reset
    uint64_t count = 1;
};

struct Scenario {
    std::string file;
    unsigned tlb_entries = 0;  // 0: not given by the scenario
    int asid_bits = -1;        // -1: not given by the scenario
    std::vector<Command> cmds;
};

// Input limits (docs/scenarios.md): a scenario is at most 1 MiB (its commands then take tens
// of MB at most) and a line at most 4096 bytes, so an endless input (/dev/zero, a runaway
// generator) fails fast instead of growing without bound.
constexpr size_t kScenarioMaxFile = size_t(1) << 20;
constexpr size_t kScenarioMaxLine = 4096;

// Parse a scenario. On malformed input returns false with error = "FILE:LINE: problem", or
// "FILE:LINE:COL: problem" when one token is to blame (and "... at FILE:LINE:COL" names the
// earlier token it conflicts with).
bool parse_scenario_text(const std::string &file, const std::string &text, Scenario &out,
                         std::string &error);
// Reads and parses; a path that is not a readable regular file, a file over kScenarioMaxFile and
// a read error are errors "FILE: problem".
bool parse_scenario_file(const std::string &path, Scenario &out, std::string &error);

// Reads a whole input file: false with error = "PATH: problem" unless it is a regular file that
// opens, reads to the end without error and has at most max_bytes bytes (directories, devices
// and FIFOs are refused before anything is read).
bool read_input_file(const std::string &path, size_t max_bytes, std::string &text,
                     std::string &error);

struct ExecReport {
    unsigned checks = 0;    // expectations evaluated
    unsigned failures = 0;  // expectations that failed (plus a timeout or a Dut failure)
    bool aborted = false;   // stopped early (timeout, Dut failure)
    uint64_t cycles = 0;    // cycles run, reset cycles included
};

class ScenarioExecutor {
public:
    ScenarioExecutor(Dut &dut, MemModel &mem);
    // Every failed expectation: "FILE:LINE: what, expected X, got Y". Default: print to stdout.
    std::function<void(const std::string &msg)> on_failure;
    // Results of csr reads without an expectation and other remarks. Default: none.
    std::function<void(const std::string &msg)> on_note;
    // Called after every cycle with that cycle's number (cycles since reset), inputs and outputs.
    std::function<void(uint64_t cycle, const mmu_inputs_t &in, const mmu_outputs_t &out)> on_cycle;
    unsigned reset_cycles = 2;     // rst_n = 0 cycles before the first command
    uint64_t max_wait = 100000;    // cycles to wait for an acceptance or an answer
    // Plays the scenario from reset and returns the tally.
    ExecReport run(const Scenario &sc);
    uint64_t cycle() const { return cycle_; }  // cycles since the end of the latest reset

private:
    struct Pending {
        const Command *cmd;
        uint64_t accept;
        unsigned reads = 0, writes = 0;
    };
    struct Drive {
        bool reset = false;
        const Command *req = nullptr;
        const Command *csr = nullptr;
    };
    struct CycleResult {
        bool req_accepted = false, csr_accepted = false, csr_rvalid = false, flush_valid = false;
        bool fill_valid = false;
        unsigned fill_index = 0;
        uint64_t csr_rdata = 0;
    };
    Dut &dut_;
    MemModel &mem_;
    const Scenario *sc_ = nullptr;
    ExecReport rep_;
    uint64_t cycle_ = 0;
    unsigned ready_period_ = 1;
    int cur_line_ = 0;  // line of the command being run, for the reset-output check
    std::vector<Pending> queue_;  // accepted, not answered, oldest first
    CycleResult step(const Drive &d);
    bool run_command(const Command &c);
    bool drain();
    void check_answer(const Pending &p, const mmu_outputs_t &out);
    void fail(const Command &c, const std::string &what);
    void fail_at(int line, const std::string &what);
};

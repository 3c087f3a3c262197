// The lockstep mismatch report: what the harness knows at the first divergence (or assertion),
// formatted for a human: the cycle, every differing output with both values (0x..., enum names),
// the translation in flight with its walk so far, the latest completed translations, the last
// cycles' inputs and outputs, and the command line that reproduces the run.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "mmu_model.h"
#include "txn_json.h"

// The port lists are MMU_INPUT_PORTS / MMU_OUTPUT_PORTS (mmu_enums.h): X(name, width, decode),
// decode one of MMU_DECODE_PLAIN, _CAUSE, _EXC, _ACC, _PRIV, _CSR.

// True if every output port carries the same value.
bool outputs_equal(const mmu_outputs_t &a, const mmu_outputs_t &b);
// Names of the ports whose values differ, in port order.
std::vector<std::string> differing_outputs(const mmu_outputs_t &rtl, const mmu_outputs_t &model);
// "0x0d (LOAD_PAGE)" style value text for a port value with the given decode.
// printf into a std::string (no length limit).
std::string strprintf(const char *f, ...) __attribute__((format(printf, 1, 2)));
std::string port_value_text(uint64_t value, unsigned width, int decode);

// One translation on one line / a walk as indented lines (for logs and the report). In the Sv
// modes each PTE line carries its decoded flags and PPN; an A/D write names the bits it sets.
// in_flight: accepted and not answered yet (no answer part).
std::string txn_line(const mmu_txn_t &t, bool in_flight = false);
std::string txn_walk_lines(const mmu_txn_t &t, const char *indent);
// The same translation as one line of JSON (--txn-log-json, the failure's .txn.jsonl), and the
// PTE decoding both use (pte_flags_text, pte_kind): tb/txn_json.h, the mmu-txn record of
// docs/txn-schema.md.

// One cycle's inputs / outputs on one line (the report's "last cycles" section): the request,
// CSR access and memory response presented; ready, answer, memory request, CSR data and trace.
std::string inputs_line(const mmu_inputs_t &in);
std::string outputs_line(const mmu_outputs_t &o);

struct CycleRecord {
    uint64_t cycle;          // cycles since reset (mmu_cycle)
    uint64_t harness_cycle;  // cycles stepped by the harness, reset included
    mmu_inputs_t in;
    mmu_outputs_t out;  // the model's (equal to the RTL's for every cycle before the mismatch)
};

enum class StopKind { Mismatch, RtlAssertion, ModelAssertion };

struct MismatchInfo {
    StopKind kind = StopKind::Mismatch;
    uint64_t harness_cycle = 0;  // cycles stepped before this one, reset cycles included
    uint64_t model_cycle = 0;    // mmu_cycle(): cycles since the end of reset (txn numbering)
    mmu_inputs_t in{};
    mmu_outputs_t rtl{}, model{};
    bool have_inflight = false;
    mmu_txn_t inflight{};
    std::vector<mmu_txn_t> recent;     // completed translations, oldest first
    std::vector<CycleRecord> history;  // cycles before this one, oldest first
    std::string message;               // assertion message / location
    std::string build;                 // "TlbEntries=16 AsidWidth=16 ..."
    std::string repro;                 // command line that reproduces the run
    std::string wave_repro;            // the same with a wave window around the failure
    // Files written for this failure (wave, GTKWave save file, translation logs, ...), printed
    // at the end of the report as "debug files:" (label, path and a note).
    struct DebugFile {
        std::string label, path, note;
    };
    std::vector<DebugFile> debug_files;
};

std::string format_report(const MismatchInfo &m);

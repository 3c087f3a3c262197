// The RTL behind an abstract port-level interface: the only layer that knows about Verilator.
// csim/rtl_sim.cpp is compiled once per RTL build variant (inside its Verilator -Mdir, against
// that variant's Vmmu_top); everything above it (lockstep, report, generator, main) is compiled
// once and linked into every variant's binary.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "mmu_model.h"

// The wave's time axis (FST time unit, shown by GTKWave as ps): harness cycle c spans 2c..2c+2;
// it is applied (clock low, inputs, outputs compared) at 2c+1 and ends with the rising edge at
// 2c+2.
constexpr uint64_t wave_time_of_cycle(uint64_t harness_cycle) { return 2 * harness_cycle + 1; }
// The wave time at which harness cycle c starts (the left edge of a view of it).
constexpr uint64_t wave_time_cycle_start(uint64_t harness_cycle) { return 2 * harness_cycle; }

// What the harness shows beside the RTL in a wave: the ports model_*, cosim_* and model_txn_* of
// the cosim top (csim/mmu_cosim_top.sv). Ignored unless a wave is being recorded.
struct ModelView {
    mmu_outputs_t out{};         // the C model's outputs
    bool mismatch = false;       // the lockstep comparison failed in this cycle
    uint64_t cycle = 0;          // mmu_cycle: cycles since reset
    uint64_t harness_cycle = 0;  // cycles stepped by the harness, reset included
    bool txn_busy = false;       // the model has a translation in flight ...
    uint64_t txn_id = 0;         // ... with this id (in its accept cycle: the id it will get)
    // The translation in flight for the cosim top's "transaction" view (model_txn_*, model_pte_*;
    // csim/lockstep.cpp, model_txn_view): the model's record, or the request being accepted.
    uint64_t txn_vaddr = 0;
    uint8_t txn_acc = 0, txn_priv = 0;
    bool txn_paged = false, txn_seg = false;  // accept cycle: to the TLB / to segmentation
    bool txn_walk = false, txn_ad = false;    // the walker's access: a PTE read / the A/D write
    uint8_t txn_level = 0;                    // ... at this level
    // the PTE format of that translation: its SATP.MODE (0: none), and RADIX's teaching fields
    uint8_t pte_mode = 0, pte_log2 = 0, pte_ppn_w = 0, pte_pfn_lsb = 0, pte_valid_bit = 0,
            pte_present_bit = 0;
    bool pte_present_used = false;
};

// What this binary's RTL was built with (the Verilator -G parameters and defect defines).
struct RtlBuildInfo {
    unsigned tlb_entries;  // TlbEntries
    unsigned asid_bits;    // AsidWidth
    const char *defect;    // "" or what replaces rtl/ as it is: a defect patch, e.g.
                           // "tb/defects/dirty.patch", or another RTL (tb/byo/byo.mk)
    const char *variant;   // binary suffix: "" (default build), "-t4-a9", "-bug-dirty", ...
    bool bench;            // built for speed: no tracing, no assertions (build/mmucosim-bench)
};
const RtlBuildInfo &rtl_build_info();

class RtlSim {
public:
    virtual ~RtlSim() = default;
    // Start of a cycle: clock low, apply this cycle's inputs, settle the combinational logic.
    virtual void set_inputs(const mmu_inputs_t &in) = 0;
    // The outputs of the current cycle (valid after set_inputs).
    virtual void get_outputs(mmu_outputs_t &out) const = 0;
    // The rising clock edge that ends the cycle.
    virtual void clock_edge() = 0;
    // A Verilator assertion ($error/$stop/$fatal) fired; where, as "file:line" (the assertion's
    // own text was printed on stdout when it fired).
    virtual bool assertion_failed() const = 0;
    virtual const std::string &assertion_location() const = 0;
    // Record an FST wave of harness cycles [from, to] (inclusive) into path; false + err on failure.
    virtual bool open_wave(const std::string &path, uint64_t from, uint64_t to, std::string &err) = 0;
    // True while a wave is open and the current cycle is inside its window (the harness then
    // computes the ModelView; otherwise it skips that work).
    virtual bool wave_active() const { return false; }
    // Shows the model's view of the current clock phase beside the RTL (the cosim top's model_*
    // ports); call after set_inputs (clock low) or clock_edge (clock high), before the next one.
    virtual void set_model_view(const ModelView & /*v*/) {}
    // Runs final blocks and closes the wave. Idempotent.
    virtual void finish() = 0;
};

// The Verilated top is csim/mmu_cosim_top.sv (mmu_top as u_dut plus the model_* ports); the
// signal paths in the wave start at TOP.mmu_cosim_top.
// argv is handed to VerilatedContext::commandArgs (so +verilator+... plusargs work) before the
// model is built, as in Verilator's make_tracing_c example. Tracing costs speed even when nothing
// is dumped, so it is switched on only if with_wave (open_wave needs it).
std::unique_ptr<RtlSim> make_rtl_sim(int argc, char **argv, bool with_wave);

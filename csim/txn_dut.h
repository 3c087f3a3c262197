// The DUT behind the transaction-level comparison (--compare txn): any RTL with the ports of
// SPEC 1 (RtlSim) and the C model on its untimed face, checked per request by TxnChecker
// (csim/txn_checker.h). The stimulus drives it like any Dut; step() returns the DUT's own
// outputs, with req_ready / csr_ready low while the checker's gate holds an access back, so a
// generator or scenario that waits for ready adapts to any timing. The memory behind the walker
// is the caller's MemModel, as for LockstepDut.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "dut.h"
#include "mem_model.h"
#include "rtl_sim.h"
#include "scenario.h"
#include "txn_checker.h"

class TxnDut final : public Dut {
public:
    // cfg: the TLB size and ASID width the RTL was built with (the model is made the same).
    TxnDut(std::unique_ptr<RtlSim> rtl, const mmu_config_t &cfg, const std::string &build);
    ~TxnDut() override;
    TxnDut(const TxnDut &) = delete;
    TxnDut &operator=(const TxnDut &) = delete;

    void step(const mmu_inputs_t &in, mmu_outputs_t &out) override;
    // True once the run has stopped (after the cycles given to continue_after_failure).
    bool failed() const override { return chk_.failed() && post_left_ == 0; }
    std::string failure_report() const override { return format_txn_report(chk_.failure()); }
    mmu_model_t *model() override { return model_; }

    // The end of a run: present nothing until every request is answered and compared, then read
    // the nine counters through the CSR port (each compared with the model's, WALK_CYCLES
    // reported), then check that no page-table access is left unexplained. mem serves the walks.
    // Returns false if the run failed (here or before).
    bool finish_run(MemModel &mem);

    TxnChecker &checker() { return chk_; }
    const TxnChecker &checker() const { return chk_; }
    RtlSim &rtl() { return *rtl_; }
    bool has_failure() const { return chk_.failed(); }
    // After the first failure keep stepping (unchecked) for n cycles, for the wave.
    void continue_after_failure(unsigned n) { post_left_ = n; }
    uint64_t edges() const { return edges_; }  // clock edges taken, cycles run on included
    void finish() { rtl_->finish(); }

private:
    std::unique_ptr<RtlSim> rtl_;
    mmu_model_t *model_;
    TxnChecker chk_;
    unsigned post_left_ = 0;
    uint64_t edges_ = 0;
    bool view_mismatch_ = false;

    void show(bool mismatch);
    void edge();
};

// The scenario as the transaction-level comparison runs it: the expectations that pin SPEC 7's
// timing or the TLB's organisation are dropped (cycles=, accept=, hit_index=, fill= / nofill,
// expect flush / noflush, a CSR write's fill=, and expect= on a WALK_CYCLES read), the others stay (pa, ok, fault,
// exc, level, hit / miss, reads, writes, every other CSR read); the comparison with the model
// checks every answer anyway. dropped: how many expectations were left out.
Scenario txn_scenario(const Scenario &sc, unsigned &dropped);

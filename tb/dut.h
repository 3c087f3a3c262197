// What a stimulus source drives once per cycle: the model alone (mmusim), or RTL and model in
// lockstep (mmucosim, SystemC). step() applies one clock cycle and returns that cycle's outputs;
// a lockstep implementation returns the model's outputs after checking the RTL's against them.
#pragma once
#include <string>

#include "mmu_model.h"

class Dut {
public:
    virtual ~Dut() = default;
    virtual void step(const mmu_inputs_t &in, mmu_outputs_t &out) = 0;
    // True once a mismatch (lockstep) or a protocol assertion stopped the run.
    virtual bool failed() const = 0;
    virtual std::string failure_report() const = 0;
    // The reference model behind this DUT (for logs, in-flight info and counters).
    virtual mmu_model_t *model() = 0;
};

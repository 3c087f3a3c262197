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

// The model alone as a Dut (build/mmusim, the scenario fuzzer): mmu_step per cycle; it owns the
// model, and a protocol assertion stops the run.
class ModelDut final : public Dut {
public:
    explicit ModelDut(mmu_model_t *m) : m_(m) {}
    ~ModelDut() override { mmu_destroy(m_); }
    ModelDut(const ModelDut &) = delete;
    ModelDut &operator=(const ModelDut &) = delete;
    void step(const mmu_inputs_t &in, mmu_outputs_t &out) override { mmu_step(m_, &in, &out); }
    bool failed() const override { return mmu_assertion_count(m_) != 0; }
    std::string failure_report() const override
    {
        return std::string("model assertion: ") + mmu_assertion_message(m_);
    }
    mmu_model_t *model() override { return m_; }

private:
    mmu_model_t *m_;
};

// The C reference model (model/include/mmu_model.h) as a SystemC module with exactly the ports of
// the Verilated mmu_top (same names, same types), so it can stand in for the RTL in a virtual
// platform or run next to it in lockstep (csim/sc/sc_main.cpp).
//
// Behaviour per clock cycle, as in the RTL: the outputs follow the inputs combinationally
// (mmu_eval, re-run on every input change) and the rising edge of clk applies the cycle
// (mmu_step with the inputs held before the edge). Reset is the synchronous rst_n input.
#pragma once
#include <systemc>

#include "mmu_model.h"
#include "sc_ports.h"

namespace mmusc {

class MmuModelSc : public sc_core::sc_module {
public:
    sc_core::sc_in<bool> clk{"clk"};
#define MMUSC_IN(n, w, d) sc_core::sc_in<port_t<w>> n{#n};
#define MMUSC_OUT(n, w, d) sc_core::sc_out<port_t<w>> n{#n};
    MMU_INPUT_PORTS(MMUSC_IN)
    MMU_OUTPUT_PORTS(MMUSC_OUT)
#undef MMUSC_IN
#undef MMUSC_OUT

    SC_HAS_PROCESS(MmuModelSc);
    // Exits with status 2 on a configuration mmu_create refuses (tlb_entries, asid_bits).
    MmuModelSc(sc_core::sc_module_name nm, const mmu_config_t &cfg);
    ~MmuModelSc() override;
    MmuModelSc(const MmuModelSc &) = delete;
    MmuModelSc &operator=(const MmuModelSc &) = delete;

    mmu_model_t *model() { return model_; }
    // The inputs as the model sees them now, and its outputs for them.
    mmu_inputs_t inputs() const;

private:
    mmu_model_t *model_;
    void update();  // clk rising: mmu_step; every input change: mmu_eval
    void drive(const mmu_outputs_t &o);
};

}  // namespace mmusc

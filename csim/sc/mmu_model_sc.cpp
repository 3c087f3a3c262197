// The C model as an SC_MODULE (see mmu_model_sc.h).
#include "mmu_model_sc.h"

#include <cstdio>
#include <cstdlib>

namespace mmusc {

MmuModelSc::MmuModelSc(sc_core::sc_module_name nm, const mmu_config_t &cfg) : sc_module(nm)
{
    char err[200] = "";
    model_ = mmu_create(&cfg, err, sizeof err);
    if (!model_) {
        std::fprintf(stderr, "%s: cannot create the C model (TlbEntries=%u AsidWidth=%u): %s\n",
                     name(), cfg.tlb_entries, cfg.asid_bits, err);
        std::exit(2);
    }
    // One process (sc_signal allows one writer): the clock edge and every input change.
    SC_METHOD(update);
    sensitive << clk.pos();
#define MMUSC_SENS(n, w, d) sensitive << n;
    MMU_INPUT_PORTS(MMUSC_SENS)
#undef MMUSC_SENS
}

MmuModelSc::~MmuModelSc() { mmu_destroy(model_); }

mmu_inputs_t MmuModelSc::inputs() const
{
    mmu_inputs_t in{};
#define MMUSC_RD(n, w, d) in.n = static_cast<decltype(in.n)>(n.read());
    MMU_INPUT_PORTS(MMUSC_RD)
#undef MMUSC_RD
    return in;
}

void MmuModelSc::drive(const mmu_outputs_t &o)
{
#define MMUSC_WR(n, w, d) n.write(static_cast<port_t<w>>(o.n));
    MMU_OUTPUT_PORTS(MMUSC_WR)
#undef MMUSC_WR
}

void MmuModelSc::update()
{
    // At a rising edge the inputs read here are still the ones held during the cycle that the
    // edge ends: whatever the testbench writes in reaction to the edge shows one delta cycle
    // later and runs this again (outputs only).
    mmu_inputs_t in = inputs();
    mmu_outputs_t out;
    if (clk.posedge())
        mmu_step(model_, &in, nullptr);
    mmu_eval(model_, &in, &out);
    drive(out);
}

}  // namespace mmusc

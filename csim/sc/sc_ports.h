// SystemC view of the mmu_top ports, generated from the one port list in csim/report.h
// (MMU_INPUT_PORTS / MMU_OUTPUT_PORTS), so the C model's SC_MODULE, the Verilated Vmmu_top, the
// signal bundles and the lockstep monitor cannot disagree on a name or a type.
//
// Types follow Verilator's --sc mapping: 1 bit -> bool, 2..32 bits -> uint32_t, 33..64 bits ->
// uint64_t. Any module with ports named like mmu_top's (clk plus every port of SPEC section 1)
// binds to the bundles with bind_mmu().
#pragma once
#include <systemc>
#include <type_traits>

#include "mmu_model.h"
#include "report.h"

namespace mmusc {

template <unsigned W>
using port_t = std::conditional_t<W == 1, bool, std::conditional_t<(W <= 32), uint32_t, uint64_t>>;

// The 13 input signals of SPEC section 1 (rst_n included, clk apart). One writer per signal:
// the stimulus drives rst_n, req_* and csr_*, the memory (adapter) drives mem_*.
struct MmuInputSignals : sc_core::sc_module {
#define MMUSC_SIG(n, w, d) sc_core::sc_signal<port_t<w>> n{#n};
    MMU_INPUT_PORTS(MMUSC_SIG)
    explicit MmuInputSignals(sc_core::sc_module_name nm) : sc_core::sc_module(nm) {}
    mmu_inputs_t read() const
    {
        mmu_inputs_t in{};
#define MMUSC_RD(n, w, d) in.n = static_cast<decltype(in.n)>(n.read());
        MMU_INPUT_PORTS(MMUSC_RD)
#undef MMUSC_RD
        return in;
    }
};

// The 20 output signals of one MMU (the RTL's or the model's).
struct MmuOutputSignals : sc_core::sc_module {
    MMU_OUTPUT_PORTS(MMUSC_SIG)
#undef MMUSC_SIG
    explicit MmuOutputSignals(sc_core::sc_module_name nm) : sc_core::sc_module(nm) {}
    mmu_outputs_t read() const
    {
        mmu_outputs_t out{};
#define MMUSC_RD(n, w, d) out.n = static_cast<decltype(out.n)>(n.read());
        MMU_OUTPUT_PORTS(MMUSC_RD)
#undef MMUSC_RD
        return out;
    }
};

// Binds a module with mmu_top's port names (Vmmu_top, MmuModelSc) to a clock and the bundles.
template <class M, class Clk>
void bind_mmu(M &m, Clk &clk, MmuInputSignals &in, MmuOutputSignals &out)
{
    m.clk(clk);
#define MMUSC_BIND_IN(n, w, d) m.n(in.n);
#define MMUSC_BIND_OUT(n, w, d) m.n(out.n);
    MMU_INPUT_PORTS(MMUSC_BIND_IN)
    MMU_OUTPUT_PORTS(MMUSC_BIND_OUT)
#undef MMUSC_BIND_IN
#undef MMUSC_BIND_OUT
}

}  // namespace mmusc

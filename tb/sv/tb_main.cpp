// main() of the Verilator testbenches of tb/sv/ (built --exe --timing instead of --binary, so that
// they answer --help and --version like every binary of the kit); otherwise the loop Verilator's
// --main writes: evaluate, advance to the next time slot, stop at $finish or when no event is left.
#include <verilated.h>

#include <cstdio>
#include <cstring>
#include <memory>

#include "Vtb_mmu_dpi.h"
#include "mmu_model.h"

int main(int argc, char **argv)
{
    const char *name = std::strrchr(argv[0], '/') ? std::strrchr(argv[0], '/') + 1 : argv[0];
    for (int i = 1; i < argc; i++) {
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("%s (MMU verification kit) %s\n", name, mmu_version());
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::printf("usage: %s [+seed=N] [+cycles=N] [+verilator+...]\n"
                        "SystemVerilog testbench of mmu_top with the C model as its DPI-C\n"
                        "scoreboard: every output compared every cycle (docs/interop.md).\n"
                        "  +seed=N     stimulus seed (default 1)\n"
                        "  +cycles=N   cycles to run (default 200000)\n"
                        "exit status: 0 pass, 1 mismatch or assertion\n",
                        name);
            return 0;
        }
    }
    const auto ctx = std::make_unique<VerilatedContext>();
    ctx->commandArgs(argc, argv);
    const auto top = std::make_unique<Vtb_mmu_dpi>(ctx.get());
    while (!ctx->gotFinish()) {
        top->eval();
        if (!top->eventsPending())
            break;
        ctx->time(top->nextTimeSlot());
    }
    top->final();
    return 0;
}

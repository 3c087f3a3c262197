// build/mmubench-rtl (make bench): the ceiling of the Verilated RTL, mmu_top alone under the
// minimal driver (minimal_driver.h), built without tracing or assertions. What a harness costs
// on top of this is what `mmucosim --bench` measures beside it.
// Usage: mmubench-rtl [--cycles N] [--reps N] [--seed N]
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <verilated.h>

#include "Vmmu_top.h"
#include "bench_figures.h"
#include "minimal_driver.h"

namespace {

uint64_t arg_u64(int argc, char **argv, const char *name, uint64_t dflt)
{
    for (int i = 1; i + 1 < argc; i++)
        if (!std::strcmp(argv[i], name)) {
            char *end = nullptr;
            uint64_t v = std::strtoull(argv[i + 1], &end, 0);
            if (!end || *end || v == 0) {
                std::fprintf(stderr, "mmubench-rtl: %s needs a positive number\n", name);
                std::exit(2);
            }
            return v;
        }
    return dflt;
}

}  // namespace

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
            std::printf("usage: mmubench-rtl [--cycles N] [--reps N] [--seed N]\n"
                        "  the Verilated mmu_top (TlbEntries=16, no tracing, no assertions) under the\n"
                        "  minimal driver; one BENCH JSON line (scripts/bench.sh)\n");
            return 0;
        } else if (!std::strcmp(argv[i], "--version")) {
            std::printf("mmubench-rtl (MMU verification kit) %s\n", mmu_version());
            return 0;
        }
    uint64_t cycles = arg_u64(argc, argv, "--cycles", 5000000);
    unsigned reps = unsigned(arg_u64(argc, argv, "--reps", 5));
    uint64_t seed = arg_u64(argc, argv, "--seed", 1);
    uint64_t checksum = 0;
    bench::measure("rtl_ceiling", "cycles/s", "Verilated mmu_top, minimal driver, no trace/asserts", reps, [&] {
        auto ctx = std::make_unique<VerilatedContext>();
        auto top = std::make_unique<Vmmu_top>(ctx.get(), "TOP");
        Vmmu_top &t = *top;
        mmu_outputs_t out{};
        auto step = [&](const mmu_inputs_t &in) -> const mmu_outputs_t & {
            t.clk = 0;
#define MMU_X_SET(name, width, decode) t.name = in.name;
            MMU_INPUT_PORTS(MMU_X_SET)
#undef MMU_X_SET
            t.eval();
#define MMU_X_GET(name, width, decode) out.name = t.name;
            MMU_OUTPUT_PORTS(MMU_X_GET)
#undef MMU_X_GET
            t.clk = 1;
            t.eval();
            return out;
        };
        bench::MinimalStimulus stim(seed);
        for (uint64_t c = 0; c < cycles; c++)
            stim.cycle(step);
        checksum = stim.checksum();
        top->final();
        return double(cycles);
    });
    std::printf("CHECKSUM minimal cycles=%" PRIu64 " seed=%" PRIu64 " %016" PRIx64 "\n", cycles, seed, checksum);
    return 0;
}

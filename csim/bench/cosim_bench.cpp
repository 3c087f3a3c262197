// `mmucosim --bench` (see cosim_bench.h): the RTL in the harness (generator, memory model, no model),
// the model in the harness, and the lockstep, each repeated with CPU and wall time
// (csim/bench/bench_figures.h); `make bench` runs it on build/mmucosim-bench.
#include "cosim_bench.h"

#include <cinttypes>
#include <cstdio>

#include "bench/bench_figures.h"
#include "cosim_run.h"
#include "lockstep.h"

int run_bench(int argc, char **argv, const Options &o)
{
    const RtlBuildInfo &b = rtl_build_info();
    std::printf("bench: %" PRIu64 " cycles of random stimulus, mode %s, seed %" PRIu64
                ", TlbEntries=%u AsidWidth=%u, %s\n",
                o.cycles, gen::mode_name(o.mode), o.seed, b.tlb_entries, b.asid_bits,
                b.bench ? "bench build: no tracing, no assertions compiled in"
                        : "NOT a bench build (tracing and assertions compiled in: make bench uses build/mmucosim-bench)");
    bench::measure("rtl_harness", "cycles/s", "RTL alone in the harness: generator, memory model", o.bench_reps, [&] {
        RtlOnlyDut dut(argc, argv);
        return double(run_random(dut, o, nullptr, false));
    });
    bench::measure("model_harness", "cycles/s", "C model alone in the harness, same stimulus", o.bench_reps, [&] {
        mmu_config_t cfg{b.tlb_entries, b.asid_bits};
        ModelOnlyDut dut(cfg);
        return double(run_random(dut, o, nullptr, false));
    });
    bool failed = false;
    bench::measure("lockstep", "cycles/s", "RTL and model, every output compared every cycle", o.bench_reps, [&] {
        LockstepDut dut(argc, argv, false);
        dut.set_repro(repro_command(o, argv[0]), "");
        uint64_t cycles = run_random(dut, o, nullptr, false);
        dut.finish();
        if (dut.failed()) {
            std::printf("%s", dut.failure_report().c_str());
            failed = true;
        }
        return double(cycles);
    });
    return failed ? 1 : 0;
}

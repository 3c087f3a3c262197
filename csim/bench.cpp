// `mmucosim --bench` (see bench.h).
#include "bench.h"

#include <chrono>
#include <cinttypes>
#include <cstdio>

#include "cosim_run.h"
#include "lockstep.h"

int run_bench(int argc, char **argv, const Options &o)
{
    const RtlBuildInfo &b = rtl_build_info();
    std::printf("bench: %" PRIu64 " cycles of random stimulus, mode %s, seed %" PRIu64
                ", TlbEntries=%u AsidWidth=%u\n",
                o.cycles, gen::mode_name(o.mode), o.seed, b.tlb_entries, b.asid_bits);
    double rtl_secs, model_secs, ls_secs;
    uint64_t rtl_cycles, model_cycles, ls_cycles;
    Stats ls_stats;
    {
        RtlOnlyDut dut(argc, argv);
        auto t0 = std::chrono::steady_clock::now();
        rtl_cycles = run_random(dut, o, nullptr, false);
        rtl_secs = seconds_since(t0);
    }
    {
        mmu_config_t cfg{b.tlb_entries, b.asid_bits};
        ModelOnlyDut dut(cfg);
        auto t0 = std::chrono::steady_clock::now();
        model_cycles = run_random(dut, o, nullptr, false);
        model_secs = seconds_since(t0);
    }
    {
        LockstepDut dut(argc, argv, false);
        dut.set_repro(repro_command(o, argv[0]), "");
        dut.set_txn_observer([&ls_stats](const mmu_txn_t &t) { ls_stats.add(t); });
        auto t0 = std::chrono::steady_clock::now();
        ls_cycles = run_random(dut, o, nullptr, false);
        ls_secs = seconds_since(t0);
        dut.finish();
        if (dut.failed()) {
            std::printf("%s", dut.failure_report().c_str());
            return 1;
        }
    }
    double rtl_cps = rtl_cycles / rtl_secs, model_cps = model_cycles / model_secs,
           ls_cps = ls_cycles / ls_secs;
    std::printf("  RTL alone (Verilator, random inputs, no model): %10.0f cycles/s  (%.2f s)\n",
                rtl_cps, rtl_secs);
    std::printf("  C model alone (same stimulus):                  %10.0f cycles/s  (%.2f s)\n",
                model_cps, model_secs);
    std::printf("  RTL + model in lockstep (all ports compared):   %10.0f cycles/s  (%.2f s)\n",
                ls_cps, ls_secs);
    std::printf("  lockstep / RTL-alone ratio: %.3f  (lockstep costs %.2fx the RTL alone)\n",
                ls_cps / rtl_cps, rtl_cps / ls_cps);
    std::printf("  translations: %" PRIu64 " in %" PRIu64 " cycles, %.0f translations/s in lockstep\n",
                ls_stats.translations, ls_cycles, ls_stats.translations / ls_secs);
    std::printf("BENCH rtl_cps=%.0f model_cps=%.0f lockstep_cps=%.0f ratio=%.4f txn_per_s=%.0f\n",
                rtl_cps, model_cps, ls_cps, ls_cps / rtl_cps, ls_stats.translations / ls_secs);
    return 0;
}


// build/mmubench-model (make bench): the C model's two faces at full speed.
//   model_step   the cycle face (mmu_step) under the minimal driver (minimal_driver.h)
//   model_hits   the untimed face (mmu_translate) on TLB hits: 16 pages in a 16-entry TLB,
//                random loads, stores and fetches among them
// Usage: mmubench-model [--cycles N] [--translations N] [--reps N] [--seed N] [--checksum-cycles N]
// --checksum-cycles N: also the answers' checksum after N cycles of the minimal driver, to compare
// with build/mmubench-rtl --cycles N (same seed: they must agree).
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_figures.h"
#include "minimal_driver.h"
#include "mmu_model.h"

namespace {

uint64_t arg_u64(int argc, char **argv, const char *name, uint64_t dflt)
{
    for (int i = 1; i + 1 < argc; i++)
        if (!std::strcmp(argv[i], name)) {
            char *end = nullptr;
            uint64_t v = std::strtoull(argv[i + 1], &end, 0);
            if (!end || *end || v == 0) {
                std::fprintf(stderr, "mmubench-model: %s needs a positive number\n", name);
                std::exit(2);
            }
            return v;
        }
    return dflt;
}

mmu_model_t *make_model()
{
    mmu_config_t cfg{16, 16};
    char err[160];
    mmu_model_t *m = mmu_create(&cfg, err, sizeof err);
    if (!m) {
        std::fprintf(stderr, "mmubench-model: %s\n", err);
        std::exit(1);
    }
    return m;
}

// A flat memory of Sv39 tables for the untimed face: VA 0x4000_0000 + i*4K -> PA 0x9000_0000 + i*4K.
struct Tables {
    static constexpr uint64_t kRoot = 0x10000;
    std::vector<uint64_t> words = std::vector<uint64_t>(3 * 512, 0);
    Tables()
    {
        const uint64_t leaf = MMU_PTE_V | MMU_PTE_R | MMU_PTE_W | MMU_PTE_X | MMU_PTE_A | MMU_PTE_D;
        words[1] = mmu_sv_pte(kRoot + 1, MMU_PTE_V);
        words[512] = mmu_sv_pte(kRoot + 2, MMU_PTE_V);
        for (uint64_t i = 0; i < 512; i++)
            words[1024 + i] = mmu_sv_pte(0x90000 + i, leaf);
    }
    static bool read(void *user, uint64_t addr, unsigned, uint64_t *data)
    {
        auto *t = static_cast<Tables *>(user);
        uint64_t w = (addr - (kRoot << 12)) / 8;
        *data = w < t->words.size() ? t->words[w] : 0;
        return true;
    }
    static bool write(void *, uint64_t, unsigned, uint64_t) { return true; }
};

}  // namespace

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
            std::printf("usage: mmubench-model [--cycles N] [--translations N] [--reps N] [--seed N]\n"
                        "  the C model's cycle face under the minimal driver and its untimed face on\n"
                        "  TLB hits; one BENCH JSON line per figure (scripts/bench.sh)\n");
            return 0;
        } else if (!std::strcmp(argv[i], "--version")) {
            std::printf("mmubench-model (MMU verification kit) %s\n", mmu_version());
            return 0;
        }
    uint64_t cycles = arg_u64(argc, argv, "--cycles", 20000000);
    uint64_t txns = arg_u64(argc, argv, "--translations", 50000000);
    unsigned reps = unsigned(arg_u64(argc, argv, "--reps", 5));
    uint64_t seed = arg_u64(argc, argv, "--seed", 1);
    uint64_t checksum_cycles = arg_u64(argc, argv, "--checksum-cycles", cycles);

    auto run_step = [&](uint64_t n) {
        mmu_model_t *m = make_model();
        bench::MinimalStimulus stim(seed);
        mmu_outputs_t out;
        auto step = [&](const mmu_inputs_t &in) -> const mmu_outputs_t & {
            mmu_step(m, &in, &out);
            return out;
        };
        for (uint64_t c = 0; c < n; c++)
            stim.cycle(step);
        mmu_destroy(m);
        return stim.checksum();
    };
    bench::measure("model_step", "cycles/s", "mmu_step, minimal driver, TlbEntries=16", reps, [&] {
        run_step(cycles);
        return double(cycles);
    });
    std::printf("CHECKSUM minimal cycles=%" PRIu64 " seed=%" PRIu64 " %016" PRIx64 "\n", checksum_cycles,
                seed, run_step(checksum_cycles));

    Tables tables;
    mmu_memory_t mem{Tables::read, Tables::write, &tables};
    std::vector<uint64_t> vas(4096);
    std::vector<uint8_t> accs(vas.size());
    uint64_t r = seed * 0x9e3779b97f4a7c15ull + 7;
    for (size_t i = 0; i < vas.size(); i++) {
        r ^= r << 13, r ^= r >> 7, r ^= r << 17;
        vas[i] = 0x40000000 + (r % 16) * 4096 + ((r >> 16) & 0xff8);
        accs[i] = uint8_t((r >> 32) % 3);
    }
    uint64_t hits = 0;
    bench::measure("model_hits", "translations/s", "mmu_translate, 16 pages in a 16-entry TLB", reps, [&] {
        mmu_model_t *m = make_model();
        mmu_csr_write(m, MMU_CSR_SATP, mmu_satp_value(MMU_SATP_SV39, 1, Tables::kRoot));
        mmu_result_t res;
        for (uint64_t p = 0; p < 16; p++)  // warm the TLB: one walk per page
            mmu_translate(m, 0x40000000 + p * 4096, MMU_ACC_LOAD, MMU_PRIV_S, &mem, &res);
        hits = 0;
        for (uint64_t i = 0; i < txns; i++) {
            size_t k = i & (vas.size() - 1);
            mmu_translate(m, vas[k], accs[k], MMU_PRIV_S, &mem, &res);
            hits += res.hit;
        }
        mmu_destroy(m);
        return double(txns);
    });
    if (hits != txns) {
        std::printf("mmubench-model: only %" PRIu64 " of %" PRIu64 " translations hit the TLB\n", hits, txns);
        return 1;
    }
    return 0;
}

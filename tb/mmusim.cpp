// mmusim: runs directed scenarios (docs/scenarios.md) against the reference model alone and
// prints one line per translation. Exit 0: every expectation held; 1: one failed; 2: bad input.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "dut.h"
#include "mem_model.h"
#include "mmu_model.h"
#include "gen/random_gen.h"
#include "quiz.h"
#include "scenario.h"
#include "txn_json.h"

namespace {

std::string hex(uint64_t v)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
    return buf;
}

struct Printer {
    bool json = false;
    std::string file;
};

void print_txn(void *user, const mmu_txn_t *t)
{
    const Printer *p = static_cast<const Printer *>(user);
    std::string s;
    if (p->json) {
        s = txn_json(*t, false, p->file);  // the mmu-txn record (tb/txn_json.h)
    } else {
        s = std::to_string(t->accept_cycle) + " " + std::to_string(t->answer_cycle) +
            " va=" + hex(t->vaddr) + " " + mmu_acc_name(t->acc) + " " + mmu_priv_name(t->priv);
        if (t->fault)
            s += std::string(" fault=") + mmu_cause_name(t->cause) + " exc=" + std::to_string(t->exc);
        else
            s += " pa=" + hex(t->paddr);
        if (!t->paged)
            s += " unpaged";
        else if (t->hit)
            s += " hit(" + std::to_string(t->hit_index) + ")";
        else if (t->refill)
            s += " miss refill(" + std::to_string(t->hit_index) + ")";
        else
            s += " miss";
        s += " level=" + std::to_string(t->level);
        if (t->filled)
            s += " fill=" + std::to_string(t->fill_index);
        if (t->fill_suppressed)
            s += " fill-suppressed";
        for (unsigned i = 0; i < t->n_access && i <= MMU_MAX_LEVELS; i++) {
            const mmu_pte_access_t &a = t->access[i];
            s += std::string(a.write ? " wr " : " rd ") + hex(a.addr) + "=" +
                 (a.err ? std::string("ERR") : hex(a.value));
        }
    }
    std::printf("%s\n", s.c_str());
}

unsigned parse_opt(const char *arg, const char *name, unsigned max)
{
    char *e = nullptr;
    unsigned long v = std::strtoul(arg ? arg : "", &e, 0);
    if (!arg || !*arg || *e || v > max) {
        std::fprintf(stderr, "mmusim: bad value '%s' for %s\n", arg ? arg : "", name);
        std::exit(2);
    }
    return unsigned(v);
}

void usage(FILE *to = stderr)
{
    std::fprintf(to,
                 "usage: mmusim [--json] [--tlb N] [--asid-bits B] FILE.scn...\n"
                 "       mmusim quiz --mode MODE [--seed N] [-c] [--json] [--scenario F] (quiz --help)\n"
                 "       mmusim --list causes    the fault reasons and their short names\n"
                 "       mmusim --list modes     the random generator's modes (mmucosim --mode)\n"
                 "  runs each scenario against the reference model; exit 0 all expectations "
                 "held,\n  1 an expectation failed, 2 malformed input (format: docs/scenarios.md)\n");
}

}  // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "quiz") == 0)
        return quiz_main(argc - 1, argv + 1);
    bool json = false;
    unsigned tlb = 16, asid_bits = 16;
    std::vector<std::string> files;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--json") {
            json = true;
        } else if (a == "--tlb") {
            const char *v = i + 1 < argc ? argv[++i] : nullptr;
            tlb = parse_opt(v, "--tlb", 64);
            if (tlb != 4 && tlb != 8 && tlb != 16 && tlb != 32 && tlb != 64) {
                std::fprintf(stderr, "mmusim: bad value '%s' for --tlb (4, 8, 16, 32 or 64)\n", v);
                return 2;
            }
        } else if (a == "--asid-bits") {
            asid_bits = parse_opt(i + 1 < argc ? argv[++i] : nullptr, "--asid-bits", 16);
        } else if (a == "-h" || a == "--help") {
            usage(stdout);
            return 0;
        } else if (a == "--list" && i + 1 < argc && std::strcmp(argv[i + 1], "causes") == 0) {
            // the fault reasons with their short names, for scripts (regress.sh's table)
            for (unsigned c = 1; c < MMU_CAUSE_COUNT; c++)
                std::printf("%s %s\n", mmu_cause_name(c), mmu_cause_abbr(c));
            return 0;
        } else if (a == "--list" && i + 1 < argc && std::strcmp(argv[i + 1], "modes") == 0) {
            // the random generator's modes, one a line (regress.sh runs each; mix last)
            for (unsigned m = 0; m <= unsigned(gen::Mode::Mix); m++)
                std::printf("%s\n", gen::mode_name(gen::Mode(m)));
            return 0;
        } else if (a == "--version") {
            std::printf("mmusim (MMU verification kit) %s\n", mmu_version());
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr, "mmusim: unknown option '%s'\n", a.c_str());
            usage();
            return 2;
        } else {
            files.push_back(a);
        }
    }
    if (files.empty()) {
        usage();
        return 2;
    }
    // Parse everything first: a malformed file stops the run before anything is simulated.
    std::vector<Scenario> scs(files.size());
    for (size_t i = 0; i < files.size(); i++) {
        std::string err;
        if (!parse_scenario_file(files[i], scs[i], err)) {
            std::fprintf(stderr, "%s\n", err.c_str());
            return 2;
        }
    }
    unsigned total_fail = 0;
    for (const Scenario &sc : scs) {
        mmu_config_t cfg;
        cfg.tlb_entries = sc.tlb_entries ? sc.tlb_entries : tlb;
        cfg.asid_bits = sc.asid_bits >= 0 ? unsigned(sc.asid_bits) : asid_bits;
        char err[256] = "";
        mmu_model_t *m = mmu_create(&cfg, err, sizeof err);
        if (!m) {
            std::fprintf(stderr, "%s:0: bad configuration: %s\n", sc.file.c_str(), err);
            return 2;
        }
        ModelDut dut(m);
        Printer pr{json, sc.file};
        mmu_set_txn_callback(m, print_txn, &pr);
        MemModel mem;
        ScenarioExecutor ex(dut, mem);
        if (json) {
            ex.on_failure = [](const std::string &msg) {
                std::printf("%s,\"message\":%s}\n", json_record_head("fail").c_str(),
                            json_quote(msg).c_str());
            };
            ex.on_note = [](const std::string &msg) {
                std::printf("%s,\"message\":%s}\n", json_record_head("note").c_str(),
                            json_quote(msg).c_str());
            };
        } else {
            std::printf("== %s (tlb %u, asid_bits %u)\n", sc.file.c_str(), cfg.tlb_entries,
                        cfg.asid_bits);
            ex.on_failure = [](const std::string &msg) { std::printf("FAIL %s\n", msg.c_str()); };
            ex.on_note = [](const std::string &msg) { std::printf("%s\n", msg.c_str()); };
        }
        ExecReport r = ex.run(sc);
        total_fail += r.failures;
        if (json)
            std::printf("%s,\"file\":%s,\"checks\":%u,\"failed\":%u,\"cycles\":%llu}\n",
                        json_record_head("summary").c_str(), json_quote(sc.file).c_str(), r.checks,
                        r.failures,
                        (unsigned long long)r.cycles);
        else
            std::printf("%s: %u checks, %u failed, %llu cycles%s\n", sc.file.c_str(), r.checks,
                        r.failures, (unsigned long long)r.cycles, r.aborted ? " (aborted)" : "");
    }
    std::fflush(stdout);
    return total_fail ? 1 : 0;
}

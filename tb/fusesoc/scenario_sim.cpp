// The testbench of rtl/mmu.core's `sim` target (FuseSoC, Verilator): the Verilated mmu_top alone
// plays directed scenarios (docs/scenarios.md) through the scenario parser and executor of
// tb/scenario.h, and every expectation (hand-computed from docs/spec.md) is checked on the RTL's
// own ports, with the scenario's page-table memory (tb/mem_model.h) on its memory port. No C model
// in the loop: that is the lockstep's job (build/mmucosim --scenario).
//
//   fusesoc --cores-root rtl run --target=sim mmu_verif:ip:mmu:VERSION --scenario=FILE.scn
//   Vmmu_top --scenario=FILE.scn [FILE.scn...]      (the binary FuseSoC builds)
//
// A failing RTL assertion stops the scenario (vl_stop below, -DVL_USER_STOP). Output: one FAIL
// line per failed expectation and "FILE: N checks, M failed, C cycles" per scenario, then
// "scenario-sim: PASS ..." or "FAIL ...". Exit status: 0 every expectation held, 1 one failed,
// 2 bad input.
#include <verilated.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "Vmmu_top.h"
#include "dut.h"
#include "mem_model.h"
#include "scenario.h"

namespace {

std::string g_stop_where;

}  // namespace

void vl_stop(const char *filename, int linenum, const char * /*hier*/)
{
    if (g_stop_where.empty())
        g_stop_where = std::string(filename ? filename : "?") + ":" + std::to_string(linenum);
    Verilated::threadContextp()->gotError(true);
}

namespace {

// mmu_top as a Dut: inputs applied with the clock low, outputs read, then the rising edge.
class RtlDut : public Dut {
public:
    explicit RtlDut(VerilatedContext *ctx) : top_(new Vmmu_top(ctx, "mmu_top")) {}
    ~RtlDut() override { top_->final(); }
    RtlDut(const RtlDut &) = delete;
    RtlDut &operator=(const RtlDut &) = delete;

    void step(const mmu_inputs_t &in, mmu_outputs_t &out) override
    {
        top_->clk = 0;
#define SIM_X_IN(name, w, d) top_->name = in.name;
        MMU_INPUT_PORTS(SIM_X_IN)
#undef SIM_X_IN
        top_->eval();
#define SIM_X_OUT(name, w, d) out.name = static_cast<decltype(out.name)>(top_->name);
        MMU_OUTPUT_PORTS(SIM_X_OUT)
#undef SIM_X_OUT
        top_->clk = 1;
        top_->eval();
    }
    bool failed() const override { return !g_stop_where.empty(); }
    std::string failure_report() const override { return "RTL assertion failed at " + g_stop_where; }
    mmu_model_t *model() override { return nullptr; }  // the RTL alone

private:
    std::unique_ptr<Vmmu_top> top_;
};

int usage(const char *argv0, FILE *to, int status)
{
    std::fprintf(to,
                 "usage: %s --scenario=FILE.scn [FILE.scn...] [+verilator+...]\n"
                 "mmu_top (Verilated by FuseSoC's sim target) plays directed scenarios; every\n"
                 "expectation is checked on the RTL's ports. A scenario that names `tlb`/`asid_bits`\n"
                 "needs the core built with the same --TlbEntries/--AsidWidth.\n"
                 "exit status: 0 pass, 1 an expectation failed, 2 bad input\n",
                 argv0);
    return status;
}

}  // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> files;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h")
            return usage(argv[0], stdout, 0);
        if (a.rfind("+verilator+", 0) == 0)
            continue;
        if (a.rfind("--scenario=", 0) == 0)
            files.push_back(a.substr(11));
        else if (a == "--scenario" && i + 1 < argc)
            files.push_back(argv[++i]);
        else if (!a.empty() && a[0] != '-')
            files.push_back(a);
        else {
            std::fprintf(stderr, "scenario-sim: unknown option '%s'\n", a.c_str());
            return usage(argv[0], stderr, 2);
        }
    }
    if (files.empty())
        return usage(argv[0], stderr, 2);
    std::vector<Scenario> scs(files.size());
    for (size_t i = 0; i < files.size(); i++) {
        std::string err;
        if (!parse_scenario_file(files[i], scs[i], err)) {
            std::fprintf(stderr, "%s\n", err.c_str());
            return 2;
        }
    }
    auto ctx = std::make_unique<VerilatedContext>();
    ctx->commandArgs(argc, argv);
    unsigned checks = 0, failures = 0;
    for (const Scenario &sc : scs) {
        RtlDut dut(ctx.get());
        MemModel mem;
        ScenarioExecutor ex(dut, mem);
        ex.on_failure = [](const std::string &msg) { std::printf("FAIL %s\n", msg.c_str()); };
        if (sc.tlb_entries || sc.asid_bits >= 0)
            std::printf("%s: names%s%s (the core's TlbEntries/AsidWidth must be the same)\n",
                        sc.file.c_str(),
                        sc.tlb_entries ? (" tlb " + std::to_string(sc.tlb_entries)).c_str() : "",
                        sc.asid_bits >= 0 ? (" asid_bits " + std::to_string(sc.asid_bits)).c_str() : "");
        ExecReport r = ex.run(sc);
        std::printf("%s: %u checks, %u failed, %llu cycles%s\n", sc.file.c_str(), r.checks, r.failures,
                    (unsigned long long)r.cycles, r.aborted ? " (aborted)" : "");
        checks += r.checks;
        failures += r.failures;
        g_stop_where.clear();
        ctx->gotError(false);
    }
    std::printf("scenario-sim: %s %zu scenario(s), %u checks, %u failed (RTL alone)\n",
                failures ? "FAIL" : "PASS", scs.size(), checks, failures);
    return failures ? 1 : 0;
}

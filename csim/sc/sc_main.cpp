// build/mmucosim-sc: the SystemC lockstep. One SystemC kernel runs, side by side on one clock:
//   rtl        Vmmu_top, the RTL Verilated with --sc --assert
//   model      MmuModelSc, the C reference model with the same ports (csim/sc/mmu_model_sc.h)
//   stimulus   RandomStimulus, the seeded generator of build/mmucosim (tb/gen/random_gen.h)
//   mem_bridge MemTlmAdapter: the walker's mem_req/mem_resp pins -> TLM-2.0 b_transport
//   memory     TlmPageMemory: a TLM target holding the generator's page tables (latency by
//              annotated delay and wait(), errors as TLM_ADDRESS_ERROR_RESPONSE)
//   monitor    LockstepMonitor: every input and both MMUs' 20 outputs, every cycle, through the
//              shared LockstepChecker (csim/checker.h) -> the mismatch report of csim/report.h
// The bridge listens to the RTL's memory port; its responses drive mem_* for both MMUs.
// With --scenario F a directed scenario (tb/scenario.h, as build/mmucosim --scenario) takes the
// place of stimulus, bridge, memory and monitor: ScenarioDriver drives every input, the scenario's
// page-table memory on the pins included, and checks every cycle with the same checker.
// Compiled per RTL build variant inside its Verilator -Mdir (csim/sc/sc.mk), with
// -DSC_TLB_ENTRIES, -DSC_ASID_BITS, -DSC_BUG (0 none, 1 tb/defects/dirty.patch) and -DVL_USER_STOP.
//
// Quiet unless asked: SystemC's copyright banner (printed by the library before sc_main) only
// with --verbose; main() below sets SYSTEMC_DISABLE_COPYRIGHT_MESSAGE otherwise.
//
// Exit status: 0 pass, 1 mismatch, assertion or failed scenario expectation, 2 bad arguments.
#include <verilated.h>
#include <verilated_fst_sc.h>

#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <systemc>

#include "Vmmu_top.h"
#include "checker.h"
#include "cli.h"
#include "gen/random_gen.h"
#include "mem_model.h"
#include "mem_tlm_adapter.h"
#include "mmu_enums.h"
#include "mmu_model_sc.h"
#include "sc_lockstep.h"
#include "sc_ports.h"
#include "scenario.h"
#include "tlm_page_memory.h"
#include "txn_json.h"

#ifndef SC_TLB_ENTRIES
#error "SC_TLB_ENTRIES must be defined by csim/sc/sc.mk"
#endif
#ifndef SC_ASID_BITS
#error "SC_ASID_BITS must be defined by csim/sc/sc.mk"
#endif
#ifndef SC_BUG
#define SC_BUG 0
#endif

// A failing SystemVerilog assertion ends in $stop; Verilator's default vl_stop aborts the process.
// This one (enabled by -DVL_USER_STOP) only records where it fired; the monitor then stops the
// simulation with a report.
namespace {

using cli::bad_args;
using cli::parse_prob;
using cli::parse_u64;
std::string g_stop_where;
}

void vl_stop(const char *filename, int linenum, const char * /*hier*/)
{
    if (g_stop_where.empty())
        g_stop_where = std::string(filename ? filename : "?") + ":" + std::to_string(linenum);
    Verilated::threadContextp()->gotError(true);
}

namespace {

const char *const kProg = "mmucosim-sc";

// --seed, --mode, --cycles, the memory options, --quiet, --inject-illegal: csim/cli.h (shared
// with mmucosim).
struct Options : cli::StimulusArgs {
    double wait_share = 0.5;
    std::string wait_text;
    bool verbose = false;       // SystemC's banner (main) and the scenario's notes
    std::string scenario;       // --scenario F: a directed scenario instead of the random stimulus
    std::string waves;          // --waves F.fst: the RTL's signals, the whole run
    std::string txn_log_json;   // --txn-log-json F: every translation, mmu-txn/1 records
};

std::string build_text()
{
    std::string s = "TlbEntries=" + std::to_string(SC_TLB_ENTRIES) +
                    " AsidWidth=" + std::to_string(SC_ASID_BITS) + " (SystemC, TLM-2.0 memory)";
#if SC_BUG == 1
    s += " with tb/defects/dirty.patch";
#endif
    return s;
}

void usage(const char *argv0)
{
    std::printf(
        "usage: %s [options] [+verilator+...]\n"
        "SystemC lockstep: the Verilated mmu_top and the C model (an SC_MODULE) on one clock,\n"
        "page tables behind a TLM-2.0 b_transport memory; every output compared every cycle.\n"
        "  --seed N            stimulus seed (default 1)\n"
        "  --cycles N          cycles to run, reset included (default 100000)\n"
        "  --mode M            %s (default mix)\n"
        "  --tlb N, --asid-bits B  must match the build (TlbEntries=%d AsidWidth=%d)\n"
        "  --latency MIN[:MAX] memory latency in cycles >= 1 (default: varied per episode)\n"
        "  --ready P           probability of mem_req_ready per idle cycle (default: varied)\n"
        "  --err P             probability of TLM_ADDRESS_ERROR_RESPONSE (default: varied)\n"
        "  --tlm-wait F        share of the latency the TLM memory spends in wait() rather than\n"
        "                      in the annotated delay, 0..1 (default 0.5)\n"
        "  --scenario F.scn    run a directed scenario (docs/scenarios.md) in lockstep instead:\n"
        "                      its own memory on the pins; the stimulus and memory options above\n"
        "                      do not apply\n"
        "  --waves F.fst       record the RTL's signals (mmu_top) for the whole run (slow)\n"
        "  --txn-log-json F    every translation as JSON lines (docs/txn-schema.md); after a\n"
        "                      failure the one in flight last\n"
        "  --quiet             one result line\n"
        "  --verbose           SystemC's banner, and the scenario's unchecked csr reads\n"
        "  --inject-illegal N  harness self-test: drive req_priv=2 with req_valid in cycle N;\n"
        "                      both sides' assertions must stop the run with a report\n"
        "exit status: 0 pass, 1 mismatch/assertion/failed expectation, 2 bad arguments\n",
        argv0, gen::mode_names().c_str(), SC_TLB_ENTRIES, SC_ASID_BITS);
}

Options parse(int argc, char **argv)
{
    Options o;
    cli::parse_options(argc, argv, usage, [&o](const std::string &a, const cli::NextValue &value) {
        if (o.take(a, value)) {
        } else if (a == "--tlb") {
            if (parse_u64(a, value()) != SC_TLB_ENTRIES)
                bad_args("this binary is built with TlbEntries=" + std::to_string(SC_TLB_ENTRIES));
        } else if (a == "--asid-bits") {
            if (parse_u64(a, value()) != SC_ASID_BITS)
                bad_args("this binary is built with AsidWidth=" + std::to_string(SC_ASID_BITS));
        } else if (a == "--tlm-wait") {
            o.wait_text = value();
            o.wait_share = parse_prob(a, o.wait_text.c_str());
        } else if (a == "--verbose") {
            o.verbose = true;
        } else if (a == "--scenario") {
            o.scenario = value();
        } else if (a == "--waves") {
            o.waves = value();
        } else if (a == "--txn-log-json") {
            o.txn_log_json = value();
        } else {
            return false;
        }
        return true;
    });
    if (!o.scenario.empty() && (o.lat_given || o.ready_given || o.err_given || !o.wait_text.empty() ||
                                o.inject_illegal))
        bad_args("--scenario: the scenario sets its own memory and requests (no --latency, --ready, "
                 "--err, --tlm-wait or --inject-illegal)");
    return o;
}

std::string repro_command(const Options &o, const char *argv0)
{
    std::string s = argv0;
    if (!o.scenario.empty())
        return s + " --scenario " + o.scenario;
    if (o.inject_illegal)
        s += " --inject-illegal " + std::to_string(o.inject_illegal);
    s += " --seed " + std::to_string(o.seed) + " --cycles " + std::to_string(o.cycles) +
         " --mode " + gen::mode_name(o.mode);
    s += o.mem_repro();
    if (!o.wait_text.empty())
        s += " --tlm-wait " + o.wait_text;
    return s;
}

struct Stats {
    uint64_t translations = 0, hits = 0, walks = 0, refills = 0, faults = 0, ad_writes = 0;
    uint64_t flush_cycles = 0, fills = 0;
    std::map<unsigned, uint64_t> by_cause;
    void add(const mmu_txn_t &t)
    {
        translations++;
        hits += t.hit;
        walks += t.walked;
        refills += t.refill;
        for (unsigned i = 0; i < t.n_access && i <= MMU_MAX_LEVELS; i++)
            ad_writes += t.access[i].write;
        if (t.fault) {
            faults++;
            by_cause[t.cause]++;
        }
    }
};

// A failing translation log or scenario file: exit 2 with the message.
FILE *open_txn_log(const std::string &path)
{
    if (path.empty())
        return nullptr;
    FILE *f = std::fopen(path.c_str(), "w");
    if (!f)
        bad_args("--txn-log-json: cannot write " + path + ": " + std::strerror(errno));
    return f;
}

void print_stats(const Stats &stats)
{
    std::printf("  translations %" PRIu64 "  hits %" PRIu64 "  walks %" PRIu64
                " (refills %" PRIu64 ")  faults %" PRIu64 "  A/D writes %" PRIu64 "\n",
                stats.translations, stats.hits, stats.walks, stats.refills, stats.faults,
                stats.ad_writes);
    std::printf("  faults by reason:");
    for (auto &kv : stats.by_cause)
        std::printf(" %s=%" PRIu64, mmu_cause_name(kv.first), kv.second);
    std::printf("\n");
}

}  // namespace

int sc_main(int argc, char *argv[])
{
    cli::set_program(kProg);
    Options o = parse(argc, argv);
    Scenario scenario;
    if (!o.scenario.empty()) {
        std::string err;
        if (!parse_scenario_file(o.scenario, scenario, err))
            bad_args("scenario: " + err);
        if ((scenario.tlb_entries && scenario.tlb_entries != SC_TLB_ENTRIES) ||
            (scenario.asid_bits >= 0 && unsigned(scenario.asid_bits) != SC_ASID_BITS))
            bad_args("scenario " + o.scenario + " names" +
                     (scenario.tlb_entries ? " tlb " + std::to_string(scenario.tlb_entries) : "") +
                     (scenario.asid_bits >= 0 ? " asid_bits " + std::to_string(scenario.asid_bits) : "") +
                     "; this binary is built with TlbEntries=" + std::to_string(SC_TLB_ENTRIES) +
                     " AsidWidth=" + std::to_string(SC_ASID_BITS));
    }
    FILE *txn_log = open_txn_log(o.txn_log_json);
    Verilated::commandArgs(argc, argv);  // before the model is built (+verilator+ plusargs)
    if (!o.waves.empty())
        Verilated::traceEverOn(true);

    const sc_core::sc_time period(10, sc_core::SC_NS);
    // Low at time 0, first rising edge at `period` (see sc_lockstep.h).
    sc_core::sc_clock clk("clk", period, 0.5, period, true);
    mmusc::MmuInputSignals in("in");
    mmusc::MmuOutputSignals rtl_out("rtl_out"), model_out("model_out");

    Vmmu_top rtl("rtl");
    mmusc::bind_mmu(rtl, clk, in, rtl_out);
    mmu_config_t cfg{SC_TLB_ENTRIES, SC_ASID_BITS};
    mmusc::MmuModelSc model("model", cfg);
    mmusc::bind_mmu(model, clk, in, model_out);

    LockstepChecker chk(model.model(), build_text());
    std::string repro = repro_command(o, argv[0]);
    chk.set_repro(repro, "");
    Stats stats;
    chk.set_txn_observer([&stats, txn_log](const mmu_txn_t &t) {
        stats.add(t);
        if (txn_log)
            std::fprintf(txn_log, "%s\n", txn_json(t).c_str());
    });
    auto rtl_assert = [](std::string &where) {
        where = g_stop_where;
        return Verilated::threadContextp()->gotError();
    };

    // The random lockstep: page tables written by the generator into `store`, served by the TLM
    // memory through the bridge; the stimulus drives the rest, the monitor checks.
    gen::GenOptions g = o.gen_options(SC_TLB_ENTRIES, SC_ASID_BITS);
    MemModel store;
    std::unique_ptr<mmusc::TlmPageMemory> memory;
    std::unique_ptr<mmusc::MemTlmAdapter> bridge;
    std::unique_ptr<mmusc::RandomStimulus> stimulus;
    std::unique_ptr<mmusc::LockstepMonitor> monitor;
    std::unique_ptr<mmusc::ScenarioDriver> driver;
    if (o.scenario.empty()) {
        memory.reset(new mmusc::TlmPageMemory("memory", store, period,
                                              o.seed * 0x2545f4914f6cdd1dull + 3, o.wait_share));
        bridge.reset(new mmusc::MemTlmAdapter("mem_bridge", period, o.seed * 0x9e3779b97f4a7c15ull + 7));
        bridge->clk(clk);
        bridge->rst_n(in.rst_n);
        bridge->mem_req_valid(rtl_out.mem_req_valid);
        bridge->mem_req_addr(rtl_out.mem_req_addr);
        bridge->mem_req_write(rtl_out.mem_req_write);
        bridge->mem_req_wdata(rtl_out.mem_req_wdata);
        bridge->mem_req_size(rtl_out.mem_req_size);
        bridge->mem_req_ready(in.mem_req_ready);
        bridge->mem_resp_valid(in.mem_resp_valid);
        bridge->mem_resp_rdata(in.mem_resp_rdata);
        bridge->mem_resp_err(in.mem_resp_err);
        bridge->socket.bind(memory->socket);

        stimulus.reset(new mmusc::RandomStimulus("stimulus", g, store, in, model_out));
        stimulus->clk(clk);
        mmusc::MemTlmAdapter *b = bridge.get();
        stimulus->on_next = [b, &store, &o](uint64_t cycle, mmu_inputs_t &next) {
            b->set_ready_prob(store.config().ready_prob);
            if (o.inject_illegal && cycle == o.inject_illegal) {
                next.req_valid = true;
                next.req_priv = 2;  // illegal (SPEC 1): an assertion in both
            }
        };
        monitor.reset(new mmusc::LockstepMonitor("monitor", chk, period, o.cycles, in, rtl_out,
                                                 model_out, rtl_assert));
        monitor->on_cycle = [&stats](const mmu_inputs_t &, const mmu_outputs_t &out) {
            stats.flush_cycles += out.trace_flush_valid;
            stats.fills += out.trace_fill_valid;
        };
    } else {
        driver.reset(new mmusc::ScenarioDriver("scenario", scenario, chk, period, in, rtl_out,
                                               model_out, rtl_assert));
        driver->clk(clk);
        driver->on_failure = [](const std::string &msg) { std::printf("%s\n", msg.c_str()); };
        if (o.verbose)
            driver->on_note = [](const std::string &msg) { std::printf("  note: %s\n", msg.c_str()); };
    }

    // sc_stop() ends every run (the monitor calls it): no "stopped by user" note.
    sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                            sc_core::SC_DO_NOTHING);
    std::unique_ptr<VerilatedFstSc> fst;
    if (!o.waves.empty()) {
        sc_core::sc_start(sc_core::SC_ZERO_TIME);  // elaborate before the trace is attached
        fst.reset(new VerilatedFstSc);
        rtl.trace(fst.get(), 99);
        fst->open(o.waves.c_str());
        if (!fst->isOpen())
            bad_args("--waves: cannot write " + o.waves);
    }
    auto t0 = std::chrono::steady_clock::now();
    sc_core::sc_start();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rtl.final();
    if (fst)
        fst->close();
    uint64_t cycles = chk.cycles();
    double cps = secs > 0 ? double(cycles) / secs : 0.0;
    if (txn_log) {
        const mmu_txn_t *inflight = chk.failed() ? mmu_inflight(model.model()) : nullptr;
        if (inflight)
            std::fprintf(txn_log, "%s\n", txn_json(*inflight, true).c_str());
        std::fclose(txn_log);
    }
    const char *wave_note = fst ? ", wave " : "";
    std::string wave_file = fst ? o.waves : "";

    if (driver) {
        const ExecReport &r = driver->result();
        if (chk.failed()) {
            std::fflush(stdout);
            std::printf("%s", chk.report().c_str());
            std::printf("%s: FAIL scenario %s (lockstep stopped after %" PRIu64 " cycles)\n", kProg,
                        o.scenario.c_str(), cycles);
            return 1;
        }
        if (!driver->finished() || r.failures) {
            std::printf("%s: FAIL scenario %s: %u of %u expectations failed%s\n", kProg,
                        o.scenario.c_str(), r.failures, r.checks, r.aborted ? " (aborted)" : "");
            return 1;
        }
        std::printf("%s: PASS scenario=%s checks=%u: %" PRIu64 " translations, %" PRIu64
                    " cycles%s%s\n",
                    kProg, o.scenario.c_str(), r.checks, stats.translations, cycles, wave_note,
                    wave_file.c_str());
        if (!o.quiet)
            print_stats(stats);
        return 0;
    }

    if (!monitor->done()) {
        std::fflush(stdout);
        std::printf("%s", chk.report().c_str());
        std::printf("%s: FAIL after %" PRIu64 " cycles (%" PRIu64 " translations checked)\n",
                    kProg, cycles, stats.translations);
        return 1;
    }
    std::string what = std::string("mode=") + gen::mode_name(o.mode) +
                       " seed=" + std::to_string(o.seed);
    if (o.quiet) {
        std::printf("%s: PASS %s: %" PRIu64 " translations, %" PRIu64 " cycles, %.0f cycles/s%s%s\n",
                    kProg, what.c_str(), stats.translations, cycles, cps, wave_note,
                    wave_file.c_str());
        return 0;
    }
    std::printf("%s: PASS %s (%s)\n", kProg, what.c_str(), build_text().c_str());
    print_stats(stats);
    std::printf("  TLM: %" PRIu64 " transactions (%" PRIu64 " reads, %" PRIu64
                " writes answered, %" PRIu64 " address errors), latency spent in wait() %" PRIu64
                " times, annotated %" PRIu64 " times, mean L %.2f max L %" PRIu64
                ", %" PRIu64 " dropped by reset\n",
                memory->transactions, bridge->reads, bridge->writes, memory->address_errors,
                memory->waited, memory->annotated,
                bridge->reads + bridge->writes
                    ? double(bridge->latency_cycles) / double(bridge->reads + bridge->writes)
                    : 0.0,
                bridge->max_latency, bridge->dropped_by_reset);
    std::printf("  cycles %" PRIu64 "  flush cycles %" PRIu64 "  fills %" PRIu64
                "  episodes %" PRIu64 "  wall %.2f s  simulated %.0f cycles/s%s%s\n",
                cycles, stats.flush_cycles, stats.fills, stimulus->generator().episodes(), secs,
                cps, wave_note, wave_file.c_str());
    return 0;
}

// SystemC's library prints its copyright banner before it calls sc_main (in sc_elab_and_sim),
// --help included: this main(), which the linker takes before libsystemc's, turns it off unless
// --verbose is given, then hands over to the library.
int main(int argc, char *argv[])
{
    bool verbose = false;
    for (int i = 1; i < argc; i++)
        verbose |= std::strcmp(argv[i], "--verbose") == 0;
    if (!verbose)
        setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    return sc_core::sc_elab_and_sim(argc, argv);
}

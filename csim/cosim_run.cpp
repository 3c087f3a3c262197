// One lockstep run (see cosim_run.h).
#include "cosim_run.h"

#include <fcntl.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>

#include "cov/mmu_cov.h"
#include "gen/random_gen.h"
#include "lockstep.h"
#include "mem_model.h"

using cli::bad_args;

double seconds_since(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

uint64_t run_random(Dut &dut, const Options &o, Stats *stats, bool verbose)
{
    MemModel mem;
    return run_random(dut, o, stats, verbose, mem);
}

// Random stimulus for `cycles` cycles on any Dut; returns cycles run.
uint64_t run_random(Dut &dut, const Options &o, Stats *stats, bool verbose, MemModel &mem)
{
    gen::RandomGen g(gen_options(o), mem);
    mmu_inputs_t in;
    mmu_outputs_t out;
    uint64_t episodes = 0, c = 0;
    for (; c < o.cycles; c++) {
        g.next(in);
        if (o.inject_illegal && c == o.inject_illegal) {
            in.req_valid = true;
            in.req_priv = 2;  // illegal (SPEC 1): an assertion in both
        }
        mem.drive(in);
        dut.step(in, out);
        if (dut.failed())
            break;
        mem.observe(in, out);
        g.observe(in, out);
        if (stats) {
            if (!in.rst_n && c > 0 && stats->translations + stats->flush_cycles > 0)
                stats->resets++;
            stats->flush_cycles += out.trace_flush_valid;
            stats->fills += out.trace_fill_valid;
        }
        if (verbose && g.episodes() != episodes) {
            episodes = g.episodes();
            std::printf("[cycle %" PRIu64 "] %s\n", c, g.episode_text().c_str());
        }
    }
    return c;
}

namespace {

bool focus_match(const Options &o, const mmu_txn_t &t)
{
    if (!o.focus_given)
        return false;
    if (!o.focus_walk)
        return t.id == o.focus_id;
    unsigned reads = 0;
    for (unsigned i = 0; i < t.n_access && i <= MMU_MAX_LEVELS; i++)
        reads += !t.access[i].write;
    return t.walked && !t.fault && !t.refill && reads == o.focus_walk;
}

}  // namespace

PassOut run_pass(int argc, char **argv, const Options &o, const Scenario *sc, const PassSpec &p)
{
    PassOut r;
    LockstepDut dut(argc, argv, !p.fst.empty());
    std::string repro = repro_command(o, argv[0]);
    dut.set_repro(repro, repro);
    if (!p.fst.empty()) {
        std::string err;
        if (!dut.rtl().open_wave(p.fst, p.from, p.to, err)) {
            if (p.primary)
                bad_args("--waves: " + err);
            std::printf("mmucosim: warning: no wave: %s\n", err.c_str());
            return r;
        }
    }
    dut.continue_after_failure(p.post);
    // --cov-out: the run asked for samples its functional coverage (not a repeat for a wave)
    std::unique_ptr<cov::Collector> coverage;
    if (p.primary && !o.cov_out.empty()) {
        coverage.reset(new cov::Collector(dut.model()));
        dut.set_coverage(coverage.get());
    }
    uint64_t logged = 0;
    // Only the first run's translations go into a failure's log (write_fail_files).
    const bool keep_recent = p.primary && o.fail_waves;
    dut.set_txn_observer([&](const mmu_txn_t &t) {
        if (dut.has_failure())
            return;  // running on after the failure, for the wave only
        r.stats.add(t);
        if (keep_recent) {
            r.recent.push_back(t);
            if (r.recent.size() > kFailTxns)
                r.recent.pop_front();
        }
        if (p.log)
            p.log->write(t);
        if (!r.focus_found && focus_match(o, t)) {
            r.focus_found = true;
            r.focus = t;
            r.focus_answer = dut.cycles();  // the edge ending the answer cycle is being taken
            r.focus_accept = r.focus_answer - (t.answer_cycle - t.accept_cycle);
        }
        if (p.primary && logged < o.log_txns) {
            logged++;
            std::printf("txn %s\n%s", txn_line(t).c_str(),
                        t.n_access ? txn_walk_lines(t, "      ").c_str() : "");
        }
    });
    auto t0 = std::chrono::steady_clock::now();
    uint64_t cycles;
    if (!sc) {
        cycles = run_random(dut, o, &r.stats, p.primary && o.verbose);
    } else {
        MemModel mem;
        ScenarioExecutor ex(dut, mem);
        ex.on_failure = [&](const std::string &msg) {
            if (p.primary && !dut.has_failure())  // a lockstep failure has its own report
                std::printf("%s\n", msg.c_str());
        };
        if (p.primary && o.verbose)
            ex.on_note = [](const std::string &msg) { std::printf("  note: %s\n", msg.c_str()); };
        ex.on_cycle = [&r](uint64_t, const mmu_inputs_t &, const mmu_outputs_t &out) {
            r.stats.flush_cycles += out.trace_flush_valid;
            r.stats.fills += out.trace_fill_valid;
        };
        r.rep = ex.run(*sc);
        // a scenario that ends within the cycles run on after a failure: finish them idle
        mmu_inputs_t idle{};
        idle.rst_n = true;
        mmu_outputs_t out;
        while (dut.has_failure() && !dut.failed()) {
            mem.drive(idle);
            dut.step(idle, out);
            mem.observe(idle, out);
        }
        cycles = r.rep.cycles;
    }
    r.secs = seconds_since(t0);
    dut.finish();
    r.time_first = wave_time_cycle_start(p.from);
    r.time_last = p.to == UINT64_MAX ? wave_time_cycle_start(dut.edges())
                                     : std::min(wave_time_cycle_start(dut.edges()),
                                                wave_time_cycle_start(p.to + 1));
    for (unsigned i = 0; i < MMU_CNT_COUNT; i++)
        r.counters[i] = mmu_csr_read(dut.model(), MMU_CSR_HITS + i);
    if (p.primary && !dut.has_failure() && !sc && !r.stats.resets)
        counters_agree(dut.model(), r.stats);  // a reset in the run clears the model's counters
    if (coverage) {
        std::string err;
        if (!coverage->write(o.cov_out, err))
            std::printf("mmucosim: warning: --cov-out: %s\n", err.c_str());
        if (coverage->illegal_hits())
            std::printf("mmucosim: warning: %" PRIu64 " samples hit bins declared unreachable (see %s)\n",
                        coverage->illegal_hits(), o.cov_out.c_str());
    }
    r.failed = dut.has_failure();
    if (r.failed) {
        r.info = dut.failure();
        cycles = r.info.harness_cycle;
    }
    r.cycles = cycles;
    return r;
}

PassOut run_pass_quiet(int argc, char **argv, const Options &o, const Scenario *sc,
                       const PassSpec &p)
{
    std::fflush(stdout);
    int saved = dup(1);
    int null = ::open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0)
        dup2(null, 1);
    PassOut r = run_pass(argc, argv, o, sc, p);
    std::fflush(stdout);
    if (saved >= 0 && null >= 0)
        dup2(saved, 1);
    if (null >= 0)
        ::close(null);
    if (saved >= 0)
        ::close(saved);
    return r;
}


// A lockstep failure's debug files (see fail_files.h).
#include "fail_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include "rtl_sim.h"
#include "wave_views.h"

namespace {

// Two runs of the same binary, seed and mode (two terminals, a parallel regression) used to
// write the same names and overwrite each other's files. The report's name STEM.log is claimed
// with O_CREAT|O_EXCL, which is atomic between processes: the first run keeps the plain name
// (the one docs/debugging.md and scripts/waves-test.sh show), later ones get STEM-2, STEM-3, ...
std::string claim_base(const std::string &stem)
{
    for (unsigned k = 1; k <= 9999; k++) {
        std::string b = k == 1 ? stem : stem + "-" + std::to_string(k);
        int fd = ::open((b + ".log").c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            ::close(fd);
            return b;
        }
        if (errno != EEXIST)
            return b;  // unwritable directory and the like: the writers below report it
    }
    return stem + "-pid" + std::to_string(::getpid());
}

}  // namespace

void write_fail_files(int argc, char **argv, const Options &o, const Scenario *sc,
                      const PassSpec &first, const PassOut &r1, MismatchInfo &info)
{
    namespace fs = std::filesystem;
    std::string dir = o.fail_dir.empty() ? (fs::path(argv[0]).parent_path() / "fail").string() : o.fail_dir;
    std::string err;
    std::error_code ec;
    fs::create_directories(dir.empty() ? "." : dir, ec);
    if (ec) {
        std::printf("mmucosim: warning: no debug files: cannot create %s: %s\n", dir.c_str(),
                    ec.message().c_str());
        return;
    }
    std::string name = fs::path(argv[0]).filename().string();
    if (sc) {
        name += "-" + fs::path(o.scenario).stem().string();
    } else {
        name += "-seed" + std::to_string(o.seed) + "-" + gen::mode_name(o.mode);
    }
    if (o.inject_illegal)
        name += "-inject" + std::to_string(o.inject_illegal);
    std::string base = claim_base(dir + "/" + name);
    uint64_t m = info.harness_cycle;

    // 1. the wave
    std::string fst;
    uint64_t from, to, time_first = r1.time_first, time_last = r1.time_last;
    if (!first.fst.empty() && first.from <= m && m <= first.to) {
        fst = first.fst;  // the run recorded the failing cycle already
        from = first.from;
        to = std::min<uint64_t>(first.to, m + kPostCycles);
    } else {
        fst = (!o.wave.empty() && o.wave_window_given) ? o.wave : base + ".fst";
        from = m > o.wave_window ? m - o.wave_window : 0;
        to = m + kPostCycles;
        PassSpec p;
        p.fst = fst;
        p.from = from;
        p.to = to;
        p.post = kPostCycles;
        p.primary = false;
        auto t0 = std::chrono::steady_clock::now();
        PassOut r2 = run_pass_quiet(argc, argv, o, sc, p);
        time_first = r2.time_first;
        time_last = r2.time_last;
        if (!r2.failed || r2.info.harness_cycle != m)
            std::printf("mmucosim: warning: the re-run for the wave did not fail in harness cycle "
                        "%" PRIu64 " (%s); the wave may not show the failure\n",
                        m, r2.failed ? ("it failed in " + std::to_string(r2.info.harness_cycle)).c_str()
                                     : "it passed");
        info.debug_files.push_back(
            {"wave", fst,
             strprintf("harness cycles %" PRIu64 "..%" PRIu64 ", re-run from the %s with tracing "
                      "(%.2f s)",
                      from, to, sc ? "scenario" : "seed", seconds_since(t0))});
    }
    if (info.debug_files.empty())
        info.debug_files.push_back(
            {"wave", fst, strprintf("harness cycles %" PRIu64 "..%" PRIu64, from, to)});

    // 2. the GTKWave save file: marker on the failing cycle, marker A on the acceptance of the
    // translation in flight; the view starts before that acceptance (20 cycles at most).
    GtkwView v = gtkw_view(o, fst);
    v.marker = int64_t(wave_time_of_cycle(m));
    // from the translation in flight's acceptance (or 8 cycles) before to 3 cycles after
    uint64_t start = m > 8 ? m - 8 : 0;
    if (info.have_inflight && info.model_cycle >= info.inflight.accept_cycle) {
        uint64_t accept = m - std::min<uint64_t>(m, info.model_cycle - info.inflight.accept_cycle);
        v.marker_a = int64_t(wave_time_of_cycle(accept));
        uint64_t before = accept > 1 ? accept - 1 : 0;
        start = std::min(start, std::max(before, m > 60 ? m - 60 : 0));
    }
    start = std::max(start, from);
    v.timestart = wave_time_cycle_start(start);
    v.time_first = time_first;
    v.time_last = time_last;
    v.span = wave_time_cycle_start(m + 4) - wave_time_cycle_start(start);
    v.comments = {strprintf("lockstep failure in harness cycle %" PRIu64 " (cycle %" PRIu64
                           " since reset): primary marker; marker A: the acceptance of the "
                           "translation in flight",
                           m, info.model_cycle),
                  "reproduce: " + info.repro};
    if (write_gtkw(v, err))
        info.debug_files.push_back(
            {"gtkwave", v.savefile,
             strprintf("marker at time %" PRIu64 "; open: gtkwave %s", wave_time_of_cycle(m),
                      v.savefile.c_str())});
    else
        std::printf("mmucosim: warning: %s\n", err.c_str());

    // 3. the translations before the failure and the one in flight
    TxnLog log;
    std::string text = base + ".txn.log", json = base + ".txn.jsonl";
    if (log.open(text, json,
                 "the last " + std::to_string(r1.recent.size()) +
                     " translations before the failure, then the one in flight",
                 err)) {
        for (const mmu_txn_t &t : r1.recent)
            log.write(t);
        if (info.have_inflight)
            log.write(info.inflight, true);
        log.close();
        info.debug_files.push_back({"txn log", text, ""});
        info.debug_files.push_back({"txn json", json, "one JSON object per line"});
    } else {
        std::printf("mmucosim: warning: %s\n", err.c_str());
    }

    // 4. this report
    std::string report = base + ".log";
    info.debug_files.push_back({"report", report, "this report"});
    if (FILE *f = std::fopen(report.c_str(), "w")) {
        std::fputs(format_report(info).c_str(), f);
        std::fclose(f);
    }
}


// mmustudy: a memory trace through the OS model (tb/os/os_model.h) on the MMU model, and the
// numbers a paging study needs: TLB hits and misses, walks, page faults, writebacks, an average
// memory access time. --sweep runs a list of configurations and writes CSV files and gnuplot
// PNGs (docs/studies.md). Exit 0 on success, 1 if a run failed (a missing flush made a fault
// loop), 2 on bad options or a bad trace (with file and line).
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

extern "C" {
#include "os_model.h"
#include "os_trace.h"
}

namespace {

const char *const USAGE = R"(usage: mmustudy TRACE [options]
       mmustudy TRACE --sweep KEY=V1,V2,... [KEY=...] [options]
TRACE is a valgrind lackey trace (valgrind --tool=lackey --trace-mem=yes --log-file=TRACE prog)
or a text trace, one "PID ACC VADDR" a line (ACC load, store or fetch; VADDR hex; '#' comments;
also "PID fork CHILD" and "PID exit").
options (default in brackets):
  --format auto|lackey|text   trace format [auto: from the first line]
  --max-accesses N            read at most N accesses of the trace [0: all]
  --frames N                  user frames of 4 KiB [1024]
  --tlb E                     TLB entries: 4, 8, 16, 32 or 64 [16]
  --policy P                  TLB replacement (TLBCTL.POLICY): lru, plru, fifo, random [lru]
  --replace R                 page replacement: fifo, lru, clock, second-chance, opt, random [clock]
  --superpages                map 2 MiB megapages where a whole region is free (Sv39) [off]
  --teaching                  the teaching multi-level format (SATP MODE 15) instead of Sv39
  --asid-bits N               ASID width, 0 = none (every context switch flushes) [16]
  --seed N                    seed of random page replacement and of the TLB's LFSR [1]
  --refill hw|soft|both       who handles a TLB miss: the hardware walker (Sv39), the OS's refill
                              handler in Soft mode (SATP MODE 14, docs/spec.md 4.6), or both on
                              the same trace with a comparison [hw]
  --skip-flush SITE,...       omit the kernel's TLB flushes at these sites (a bug, to see what
                              it breaks): evict, clock, fork, cow, switch, asid, all
  --tlb-latency C             cycles of a TLB lookup [1]
  --mem-latency C             cycles of one memory access: the data, each PTE read and A/D write [100]
  --fault-latency C           cycles to bring a page in (zero fill or swap-in) [100000]
  --writeback-latency C       cycles to write a dirty page to swap [100000]
  --trap-cycles C             cycles to enter and leave the refill handler (exception entry,
                              pipeline refill, return) [20]
  --sweep KEY=LIST ...        keys: tlb, policy (TLB), superpages (off,on), refill (hw,soft): hit
                              rate and translation cycles vs TLB entries, NAME-tlb.csv/png,
                              NAME-superpages.png, NAME-refill.png; frames, replace:
                              page faults and AMAT vs frames, NAME-frames.csv/png, NAME-amat.png.
                              Unswept settings take the values of the options above.
  --out DIR                   where --sweep writes [build/study]
  --name NAME                 file name prefix of --sweep's files [the trace's base name]
  --no-plot                   CSV only (no gnuplot)
amat = tlb latency + mem latency + translation cycles / accesses
       + (page faults x fault latency + writebacks x writeback latency) / accesses
translation cycles, hardware walker: mem latency x (PTE reads + A/D writes)
translation cycles, software refill: trap cycles x traps + 1 x handler CSR operations
       + (mem latency + 2) x handler PTE reads (2: forming the entry's address) + mem latency x
       handler PTE writes (setting A or D)
)";

struct Latencies {
    uint64_t tlb = 1, mem = 100, fault = 100000, writeback = 100000, trap = 20;
};

// The cycles a refill handler spends per PTE read besides the memory access: shift and mask the
// VPN field, add it to the table's address (the walker does this in its address logic for free).
constexpr uint64_t kHandlerCyclesPerLevel = 2;

enum class Refill { Hw, Soft, Both };

struct Options {
    std::string trace;
    os_trace_format_e format = OS_TRACE_AUTO;
    uint64_t max_accesses = 0;
    os_config_t cfg{};
    Latencies lat;
    Refill refill = Refill::Hw;
    bool sweep = false;
    std::map<std::string, std::vector<std::string>> sweep_keys;
    std::string out = "build/study", name;
    bool plot = true;
};

[[noreturn]] void usage_error(const std::string &msg)
{
    std::fprintf(stderr, "mmustudy: %s (mmustudy --help)\n", msg.c_str());
    std::exit(2);
}

uint64_t parse_number(const std::string &opt, const std::string &text, uint64_t lo, uint64_t hi)
{
    char *end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(text.c_str(), &end, 0);
    if (text.empty() || text[0] == '-' || *end || errno || v < lo || v > hi)
        usage_error(opt + " '" + text + "': expected a number " + std::to_string(lo) + ".." + std::to_string(hi));
    return v;
}

bool legal_tlb_size(uint64_t n)
{
#define MMUSTUDY_TLB_SIZE(value, label) (n == (value)) ||
    return MMU_TLB_SIZES(MMUSTUDY_TLB_SIZE) false;
#undef MMUSTUDY_TLB_SIZE
}

unsigned parse_tlb(const std::string &opt, const std::string &text)
{
    const uint64_t n = parse_number(opt, text, 1, MMU_MAX_TLB_ENTRIES);
    if (!legal_tlb_size(n))
        usage_error(opt + " '" + text + "': a TLB has 4, 8, 16, 32 or 64 entries");
    return unsigned(n);
}

unsigned parse_tlb_policy(const std::string &opt, const std::string &text)
{
    const int p = mmu_policy_from_name(text.c_str());
    if (p < 0)
        usage_error(opt + " '" + text + "': TLB policies are lru, plru, fifo, random");
    return unsigned(p);
}

os_replace_e parse_replace(const std::string &opt, const std::string &text)
{
    const int r = os_replace_from_name(text.c_str());
    if (r < 0)
        usage_error(opt + " '" + text + "': replacement policies are fifo, lru, clock, second-chance, opt, random");
    return os_replace_e(r);
}

bool parse_on_off(const std::string &opt, const std::string &text)
{
    if (text == "on")
        return true;
    if (text == "off")
        return false;
    usage_error(opt + " '" + text + "': expected off or on");
}

std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, sep))
        out.push_back(item);
    if (!s.empty() && s.back() == sep)
        out.push_back("");
    return out;
}

unsigned parse_skip_flush(const std::string &text)
{
    unsigned mask = 0;
    for (const std::string &site : split(text, ',')) {
        if (site == "all") {
            mask |= (1u << OS_FLUSH_SITE_COUNT) - 1;
            continue;
        }
        const int s = os_flush_site_from_name(site.c_str());
        if (s < 0)
            usage_error("--skip-flush '" + site + "': sites are evict, clock, fork, cow, switch, asid, all");
        mask |= 1u << s;
    }
    return mask;
}

Options parse_options(int argc, char **argv)
{
    Options o;
    os_config_default(&o.cfg);
    o.cfg.frames = 1024;
    for (int i = 1; i < argc; i++) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--help" || a == "-h") {
            std::fputs(USAGE, stdout);
            std::exit(0);
        } else if (a == "--version") {
            std::printf("mmustudy %s\n", mmu_version());
            std::exit(0);
        } else if (a == "--format") {
            const std::string f = value();
            if (f == "auto")
                o.format = OS_TRACE_AUTO;
            else if (f == "lackey")
                o.format = OS_TRACE_LACKEY;
            else if (f == "text")
                o.format = OS_TRACE_TEXT;
            else
                usage_error("--format '" + f + "': formats are auto, lackey, text");
        } else if (a == "--max-accesses") {
            o.max_accesses = parse_number(a, value(), 0, UINT64_MAX);
        } else if (a == "--frames") {
            o.cfg.frames = unsigned(parse_number(a, value(), 1, 1u << 22));
        } else if (a == "--tlb") {
            o.cfg.tlb_entries = parse_tlb(a, value());
        } else if (a == "--policy") {
            o.cfg.tlb_policy = parse_tlb_policy(a, value());
        } else if (a == "--replace") {
            o.cfg.replace = parse_replace(a, value());
        } else if (a == "--superpages") {
            o.cfg.superpages = true;
        } else if (a == "--teaching") {
            o.cfg.teaching = true;
        } else if (a == "--asid-bits") {
            o.cfg.asid_bits = unsigned(parse_number(a, value(), 0, MMU_ASID_BITS_MAX));
        } else if (a == "--seed") {
            o.cfg.seed = parse_number(a, value(), 0, UINT64_MAX);
            o.cfg.tlb_lfsr_seed = uint16_t(o.cfg.seed);
        } else if (a == "--refill") {
            const std::string v = value();
            if (v == "hw")
                o.refill = Refill::Hw;
            else if (v == "soft")
                o.refill = Refill::Soft;
            else if (v == "both")
                o.refill = Refill::Both;
            else
                usage_error("--refill '" + v + "': expected hw, soft or both");
            o.cfg.soft_refill = o.refill == Refill::Soft;
        } else if (a == "--trap-cycles") {
            o.lat.trap = parse_number(a, value(), 0, 1u << 30);
        } else if (a == "--skip-flush") {
            o.cfg.skip_flush = parse_skip_flush(value());
        } else if (a == "--tlb-latency") {
            o.lat.tlb = parse_number(a, value(), 0, 1u << 30);
        } else if (a == "--mem-latency") {
            o.lat.mem = parse_number(a, value(), 0, 1u << 30);
        } else if (a == "--fault-latency") {
            o.lat.fault = parse_number(a, value(), 0, 1ull << 40);
        } else if (a == "--writeback-latency") {
            o.lat.writeback = parse_number(a, value(), 0, 1ull << 40);
        } else if (a == "--out") {
            o.out = value();
        } else if (a == "--name") {
            o.name = value();
        } else if (a == "--no-plot") {
            o.plot = false;
        } else if (a == "--sweep") {
            o.sweep = true;
            while (i + 1 < argc && std::strncmp(argv[i + 1], "--", 2) != 0) {
                const std::string kv = argv[++i];
                const size_t eq = kv.find('=');
                const std::string key = kv.substr(0, eq);
                if (eq == std::string::npos || eq + 1 == kv.size())
                    usage_error("--sweep '" + kv + "': expected KEY=V1,V2,...");
                if (key != "tlb" && key != "policy" && key != "frames" && key != "replace" && key != "superpages" &&
                    key != "refill")
                    usage_error("--sweep key '" + key + "': keys are tlb, policy, superpages, refill, frames, replace");
                o.sweep_keys[key] = split(kv.substr(eq + 1), ',');
            }
            if (o.sweep_keys.empty())
                usage_error("--sweep needs at least one KEY=V1,V2,...");
        } else if (!a.empty() && a[0] == '-') {
            usage_error("unknown option '" + a + "'");
        } else if (o.trace.empty()) {
            o.trace = a;
        } else {
            usage_error("one trace only ('" + o.trace + "' and '" + a + "')");
        }
    }
    if (o.trace.empty())
        usage_error("no trace given");
    if (o.name.empty()) {
        std::string base = o.trace.substr(o.trace.find_last_of('/') + 1);
        o.name = base.substr(0, base.find('.'));
    }
    return o;
}

struct Run {
    os_config_t cfg;
    os_stats_t st{};
    uint64_t processes = 0;
};

double hit_rate(const os_stats_t &s)
{
    const uint64_t lookups = s.mmu[MMU_CNT_HITS] + s.mmu[MMU_CNT_MISSES];
    return lookups ? double(s.mmu[MMU_CNT_HITS]) / double(lookups) : 0.0;
}

// The cycles spent handling TLB misses (the cost model in USAGE): the walker's memory accesses,
// or the refill handler's traps, CSR operations and table walk.
uint64_t translation_cycles(const os_config_t &c, const os_stats_t &s, const Latencies &l)
{
    if (!c.soft_refill)
        return l.mem * (s.mmu[MMU_CNT_PTE_READS] + s.mmu[MMU_CNT_AD_WRITES]);
    return l.trap * (s.refills + s.ad_traps) + s.refill_csr_ops +
           (l.mem + kHandlerCyclesPerLevel) * s.refill_pte_reads + l.mem * s.refill_pte_writes;
}

uint64_t translation_accesses(const os_config_t &c, const os_stats_t &s)
{
    return c.soft_refill ? s.refill_pte_reads + s.refill_pte_writes
                         : s.mmu[MMU_CNT_PTE_READS] + s.mmu[MMU_CNT_AD_WRITES];
}

double amat(const os_config_t &c, const os_stats_t &s, const Latencies &l)
{
    if (!s.accesses)
        return 0;
    const double n = double(s.accesses);
    return double(l.tlb) + double(l.mem) + double(translation_cycles(c, s, l)) / n +
           (double(s.page_faults) * double(l.fault) + double(s.writebacks) * double(l.writeback)) / n;
}

const char *refill_name(bool soft) { return soft ? "soft" : "hw"; }

const char *on_off(bool b) { return b ? "on" : "off"; }

std::string config_text(const os_config_t &c)
{
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s, tlb %u entries %s, frames %u, replace %s, superpages %s, asid bits %u",
                  c.teaching       ? "teaching multi-level (MODE 15)"
                  : c.soft_refill ? "sv39 tables, software-refilled TLB (Soft, MODE 14)"
                                  : "sv39", c.tlb_entries,
                  mmu_policy_name(c.tlb_policy), c.frames, os_replace_name(c.replace), on_off(c.superpages),
                  c.asid_bits);
    std::string s = buf;
    for (unsigned site = 0; site < OS_FLUSH_SITE_COUNT; site++)
        if (c.skip_flush & (1u << site))
            s += std::string(", SKIPS the ") + os_flush_site_name(site) + " flush";
    return s;
}

// Runs one configuration; on a failed run prints the error and exits (1 for a fault loop that a
// missing flush caused, 2 for a trace the OS cannot run, e.g. an address outside Sv39).
Run run_one(const Options &o, const os_trace_t &t, const uint64_t *next_use, const os_config_t &cfg)
{
    Run r;
    r.cfg = cfg;
    char err[512] = "";
    const int rc = os_replay(&t, next_use, &cfg, o.trace.c_str(), &r.st, &r.processes, err, sizeof err);
    if (rc) {
        std::fprintf(stderr, "mmustudy: %s\n", err);
        std::exit(rc == OS_ERR_STALE ? 1 : 2);
    }
    return r;
}

void print_run(const Options &o, const os_trace_t &t, const Run &r)
{
    const os_stats_t &s = r.st;
    const uint64_t flushes_skipped = [&] {
        uint64_t n = 0;
        for (uint64_t v : s.skipped_flushes)
            n += v;
        return n;
    }();
    std::printf("trace: %s (%s), %llu accesses%s, %llu processes\n", o.trace.c_str(), os_trace_format_name(t.format),
                (unsigned long long)t.accesses, t.truncated ? " (--max-accesses)" : "", (unsigned long long)r.processes);
    std::printf("config: %s\n", config_text(r.cfg).c_str());
    std::printf("latencies: tlb %llu, memory %llu, page fault %llu, writeback %llu, refill trap %llu cycles\n",
                (unsigned long long)o.lat.tlb, (unsigned long long)o.lat.mem, (unsigned long long)o.lat.fault,
                (unsigned long long)o.lat.writeback, (unsigned long long)o.lat.trap);
    auto line = [](const char *name, uint64_t v) { std::printf("%s: %llu\n", name, (unsigned long long)v); };
    line("accesses", s.accesses);
    line("tlb hits", s.mmu[MMU_CNT_HITS]);
    line("tlb misses", s.mmu[MMU_CNT_MISSES]);
    std::printf("tlb hit rate: %.4f\n", hit_rate(s));
    line("walks", s.mmu[MMU_CNT_WALKS]);
    line("walk cycles", s.mmu[MMU_CNT_WALK_CYCLES]);
    line("pte reads", s.mmu[MMU_CNT_PTE_READS]);
    line("ad writes", s.mmu[MMU_CNT_AD_WRITES]);
    if (r.cfg.soft_refill) {
        line("refills", s.refills);
        line("a/d traps", s.ad_traps);
        line("handler csr operations", s.refill_csr_ops);
        line("handler pte reads", s.refill_pte_reads);
        line("handler pte writes", s.refill_pte_writes);
    }
    line("translation memory accesses", translation_accesses(r.cfg, s));
    line("translation cycles", translation_cycles(r.cfg, s, o.lat));
    line("page faults", s.page_faults);
    line("zero-fill faults", s.zero_fills);
    line("swap-ins", s.swap_ins);
    line("cow faults", s.cow_faults);
    line("cow copies", s.cow_copies);
    line("megapages", s.megapages);
    line("evictions", s.evictions);
    line("writebacks", s.writebacks);
    line("a bits cleared", s.a_bit_clears);
    line("context switches", s.context_switches);
    line("flushes", s.mmu[MMU_CNT_FLUSHES]);
    line("flushes skipped", flushes_skipped);
    line("stale translations", s.stale_translations);
    std::printf("amat: %.2f cycles\n", amat(r.cfg, s, o.lat));
}

// --refill both: the same trace, TLB and OS with the walker and with the refill handler.
void print_comparison(const Options &o, const Run &hw, const Run &soft)
{
    const os_stats_t &h = hw.st, &s = soft.st;
    auto row = [](const char *name, uint64_t a, uint64_t b) {
        std::printf("  %-30s %15llu %15llu\n", name, (unsigned long long)a, (unsigned long long)b);
    };
    std::printf("\nwalk vs refill (same trace, TLB and OS; cost model in --help):\n");
    std::printf("  %-30s %15s %15s\n", "", "hardware walk", "software refill");
    row("tlb misses", h.mmu[MMU_CNT_MISSES], s.mmu[MMU_CNT_MISSES]);
    row("walks / refills", h.mmu[MMU_CNT_WALKS], s.refills);
    row("a/d updates (writes / traps)", h.mmu[MMU_CNT_AD_WRITES], s.ad_traps);
    row("translation memory accesses", translation_accesses(hw.cfg, h), translation_accesses(soft.cfg, s));
    row("csr operations", 0, s.refill_csr_ops);
    row("page faults", h.page_faults, s.page_faults);
    const uint64_t ch = translation_cycles(hw.cfg, h, o.lat), cs = translation_cycles(soft.cfg, s, o.lat);
    row("translation cycles", ch, cs);
    const uint64_t misses = h.mmu[MMU_CNT_MISSES] ? h.mmu[MMU_CNT_MISSES] : 1;
    std::printf("  %-30s %15.1f %15.1f\n", "cycles per miss", double(ch) / double(misses),
                double(cs) / double(s.mmu[MMU_CNT_MISSES] ? s.mmu[MMU_CNT_MISSES] : 1));
    std::printf("  %-30s %15.2f %15.2f\n", "amat (cycles)", amat(hw.cfg, h, o.lat), amat(soft.cfg, s, o.lat));
    std::printf("software / hardware translation cycles: %.2f\n", ch ? double(cs) / double(ch) : 0.0);
}

// ---- sweep ----

struct Series {
    std::string title;
    std::vector<std::pair<double, double>> points;
};

std::string gnuplot_quote(const std::string &s)
{
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("''") : std::string(1, c);
    return q + "'";
}

// One PNG from series of points, through a gnuplot script written beside it.
bool plot(const Options &o, const std::string &stem, const std::string &title, const std::string &xlabel,
          const std::string &ylabel, bool logx, const std::vector<Series> &series, bool logy = false)
{
    const std::string script = o.out + "/" + stem + ".gp", png = o.out + "/" + stem + ".png";
    std::ofstream gp(script);
    gp << "set terminal pngcairo size 720,440 font 'sans,10'\nset output " << gnuplot_quote(png) << "\n"
       << "set title " << gnuplot_quote(title) << " noenhanced\nset xlabel " << gnuplot_quote(xlabel)
       << "\nset ylabel " << gnuplot_quote(ylabel) << "\nset key outside right top noenhanced\nset grid\n";
    if (logx)
        gp << "set logscale x 2\n";
    if (logy)
        gp << "set logscale y 10\n";
    for (size_t i = 0; i < series.size(); i++) {
        gp << "$s" << i << " << EOD\n";
        for (const auto &p : series[i].points)
            gp << p.first << " " << p.second << "\n";
        gp << "EOD\n";
    }
    gp << "plot ";
    for (size_t i = 0; i < series.size(); i++)
        gp << (i ? ", \\\n     " : "") << "$s" << i << " using 1:2 with linespoints lw 2 title "
           << gnuplot_quote(series[i].title);
    gp << "\n";
    gp.close();
    const std::string cmd = "gnuplot " + gnuplot_quote(script) + " 2>&1";
    const int rc = std::system(cmd.c_str());
    if (rc != 0) {
        std::fprintf(stderr, "mmustudy: gnuplot failed on %s (exit %d); is gnuplot-nox installed?\n",
                     script.c_str(), rc);
        return false;
    }
    std::printf("wrote %s\n", png.c_str());
    return true;
}

std::vector<std::string> key_values(const Options &o, const std::string &key, const std::string &fallback)
{
    const auto it = o.sweep_keys.find(key);
    return it == o.sweep_keys.end() ? std::vector<std::string>{fallback} : it->second;
}

bool has_key(const Options &o, const std::string &key) { return o.sweep_keys.count(key) != 0; }

int sweep(const Options &o, const os_trace_t &t, const uint64_t *next_use)
{
    if (mkdir(o.out.c_str(), 0777) != 0 && errno != EEXIST) {
        std::fprintf(stderr, "mmustudy: cannot create %s: %s\n", o.out.c_str(), std::strerror(errno));
        return 2;
    }
    bool plots_ok = true;
    // validate every value before the first run
    std::vector<unsigned> tlbs, policies, frames;
    std::vector<bool> superpages, refills;
    std::vector<os_replace_e> replaces;
    for (const auto &v : key_values(o, "tlb", std::to_string(o.cfg.tlb_entries)))
        tlbs.push_back(parse_tlb("--sweep tlb", v));
    for (const auto &v : key_values(o, "policy", mmu_policy_name(o.cfg.tlb_policy)))
        policies.push_back(parse_tlb_policy("--sweep policy", v));
    for (const auto &v : key_values(o, "superpages", on_off(o.cfg.superpages)))
        superpages.push_back(parse_on_off("--sweep superpages", v));
    for (const auto &v : key_values(o, "refill", refill_name(o.cfg.soft_refill))) {
        if (v != "hw" && v != "soft")
            usage_error("--sweep refill '" + v + "': expected hw or soft");
        refills.push_back(v == "soft");
    }
    for (const auto &v : key_values(o, "frames", std::to_string(o.cfg.frames)))
        frames.push_back(unsigned(parse_number("--sweep frames", v, 1, 1u << 22)));
    for (const auto &v : key_values(o, "replace", os_replace_name(o.cfg.replace)))
        replaces.push_back(parse_replace("--sweep replace", v));

    if (has_key(o, "tlb") || has_key(o, "policy") || has_key(o, "superpages") || has_key(o, "refill")) {
        const std::string csv = o.out + "/" + o.name + "-tlb.csv";
        std::ofstream out(csv);
        out << "trace,tlb_entries,tlb_policy,superpages,refill,frames,replace,accesses,tlb_hits,tlb_misses,hit_rate,"
               "walks,walk_cycles,pte_reads,page_faults,writebacks,translation_accesses,translation_cycles,amat\n";
        std::vector<Series> by_policy, by_pages, by_refill;
        for (bool soft : refills)
            for (bool sp : superpages)
                for (unsigned pol : policies) {
                    std::string title = std::string(mmu_policy_name(pol)) + (sp ? ", 2 MiB superpages" : ", 4 KiB pages");
                    if (refills.size() > 1)
                        title += soft ? ", software refill" : ", hardware walk";
                    Series s{title, {}}, cyc{title, {}};
                    for (unsigned e : tlbs) {
                        os_config_t c = o.cfg;
                        c.tlb_entries = e;
                        c.tlb_policy = pol;
                        c.superpages = sp;
                        c.soft_refill = soft;
                        const Run r = run_one(o, t, next_use, c);
                        const os_stats_t &st = r.st;
                        char row[640];
                        std::snprintf(row, sizeof row,
                                      "%s,%u,%s,%s,%s,%u,%s,%llu,%llu,%llu,%.6f,%llu,%llu,%llu,%llu,%llu,%llu,%llu,%.3f\n",
                                      o.name.c_str(), e, mmu_policy_name(pol), on_off(sp), refill_name(soft), c.frames,
                                      os_replace_name(c.replace), (unsigned long long)st.accesses,
                                      (unsigned long long)st.mmu[MMU_CNT_HITS],
                                      (unsigned long long)st.mmu[MMU_CNT_MISSES], hit_rate(st),
                                      (unsigned long long)st.mmu[MMU_CNT_WALKS],
                                      (unsigned long long)st.mmu[MMU_CNT_WALK_CYCLES],
                                      (unsigned long long)st.mmu[MMU_CNT_PTE_READS], (unsigned long long)st.page_faults,
                                      (unsigned long long)st.writebacks,
                                      (unsigned long long)translation_accesses(c, st),
                                      (unsigned long long)translation_cycles(c, st, o.lat), amat(c, st, o.lat));
                        out << row;
                        std::printf("tlb %2u %-6s superpages %-3s refill %-4s  hit rate %.4f  translation cycles %llu  "
                                    "amat %.2f\n",
                                    e, mmu_policy_name(pol), on_off(sp), refill_name(soft), hit_rate(st),
                                    (unsigned long long)translation_cycles(c, st, o.lat), amat(c, st, o.lat));
                        s.points.push_back({double(e), 100.0 * hit_rate(st)});
                        cyc.points.push_back({double(e), double(translation_cycles(c, st, o.lat))});
                    }
                    if (soft == refills.front() && sp == superpages.front())
                        by_policy.push_back(s);
                    if (soft == refills.front() && pol == policies.front())
                        by_pages.push_back(s);
                    if (sp == superpages.front() && pol == policies.front())
                        by_refill.push_back(cyc);
                }
        out.close();
        std::printf("wrote %s\n", csv.c_str());
        if (o.plot) {
            plots_ok &= plot(o, o.name + "-tlb", o.name + ": TLB hit rate by TLB size and policy", "TLB entries",
                             "TLB hit rate (%)", true, by_policy);
            if (by_pages.size() > 1)
                plots_ok &= plot(o, o.name + "-superpages", o.name + ": TLB hit rate, 4 KiB pages vs 2 MiB superpages",
                                 "TLB entries", "TLB hit rate (%)", true, by_pages);
            if (by_refill.size() > 1)
                plots_ok &= plot(o, o.name + "-refill", o.name + ": cycles spent on TLB misses, walker vs refill handler",
                                 "TLB entries", "translation cycles (log scale)", true, by_refill, true);
        }
    }
    if (has_key(o, "frames") || has_key(o, "replace")) {
        const std::string csv = o.out + "/" + o.name + "-frames.csv";
        std::ofstream out(csv);
        out << "trace,frames,replace,tlb_entries,tlb_policy,superpages,accesses,page_faults,zero_fills,swap_ins,"
               "evictions,writebacks,hit_rate,amat\n";
        std::vector<Series> by_replace, amat_by_replace;
        for (os_replace_e rep : replaces) {
            Series s{os_replace_name(rep), {}}, a{os_replace_name(rep), {}};
            for (unsigned f : frames) {
                os_config_t c = o.cfg;
                c.frames = f;
                c.replace = rep;
                const Run r = run_one(o, t, next_use, c);
                const os_stats_t &st = r.st;
                char row[512];
                std::snprintf(row, sizeof row, "%s,%u,%s,%u,%s,%s,%llu,%llu,%llu,%llu,%llu,%llu,%.6f,%.3f\n",
                              o.name.c_str(), f, os_replace_name(rep), c.tlb_entries, mmu_policy_name(c.tlb_policy),
                              on_off(c.superpages), (unsigned long long)st.accesses,
                              (unsigned long long)st.page_faults, (unsigned long long)st.zero_fills,
                              (unsigned long long)st.swap_ins, (unsigned long long)st.evictions,
                              (unsigned long long)st.writebacks, hit_rate(st), amat(c, st, o.lat));
                out << row;
                std::printf("frames %5u %-13s page faults %llu  writebacks %llu\n", f, os_replace_name(rep),
                            (unsigned long long)st.page_faults, (unsigned long long)st.writebacks);
                s.points.push_back({double(f), double(st.page_faults)});
                a.points.push_back({double(f), amat(c, st, o.lat)});
            }
            by_replace.push_back(s);
            amat_by_replace.push_back(a);
        }
        out.close();
        std::printf("wrote %s\n", csv.c_str());
        if (o.plot) {
            // a wide range of frames reads better on a log scale (the knee of a small working set)
            const bool logx = frames.size() > 2 && *std::max_element(frames.begin(), frames.end()) >=
                                                       8 * *std::min_element(frames.begin(), frames.end());
            plots_ok &= plot(o, o.name + "-frames", o.name + ": page faults by frames and replacement policy",
                             "frames (4 KiB)", logx ? "page faults (log scale)" : "page faults", logx, by_replace,
                             logx);
            plots_ok &= plot(o, o.name + "-amat", o.name + ": average memory access time by frames",
                             "frames (4 KiB)", "AMAT (cycles, log scale)", logx, amat_by_replace, true);
        }
    }
    return plots_ok ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv)
{
    const Options o = parse_options(argc, argv);
    {
        // a configuration the OS model refuses is an option error: say so before reading the trace
        char err[256];
        os_model_t *probe = os_create(&o.cfg, err, sizeof err);
        if (!probe)
            usage_error(err);
        os_destroy(probe);
    }
    os_trace_t t;
    char err[512];
    if (os_trace_read(o.trace.c_str(), o.format, o.max_accesses, &t, err, sizeof err)) {
        std::fprintf(stderr, "mmustudy: %s\n", err);
        return 2;
    }
    bool need_future = o.cfg.replace == OS_REPLACE_OPT;
    if (o.sweep)
        for (const auto &v : key_values(o, "replace", ""))
            need_future |= v == "opt";
    uint64_t *next_use = need_future ? os_trace_next_use(&t) : nullptr;
    if (need_future && !next_use) {
        std::fprintf(stderr, "mmustudy: out of memory for the next-use table\n");
        return 1;
    }
    int rc = 0;
    if (o.sweep)
        rc = sweep(o, t, next_use);
    else if (o.refill == Refill::Both) {
        os_config_t hw = o.cfg, soft = o.cfg;
        hw.soft_refill = false;
        soft.soft_refill = true;
        const Run rh = run_one(o, t, next_use, hw), rs = run_one(o, t, next_use, soft);
        std::printf("== hardware walker ==\n");
        print_run(o, t, rh);
        std::printf("\n== software refill ==\n");
        print_run(o, t, rs);
        print_comparison(o, rh, rs);
    } else
        print_run(o, t, run_one(o, t, next_use, o.cfg));
    std::free(next_use);
    os_trace_free(&t);
    return rc;
}

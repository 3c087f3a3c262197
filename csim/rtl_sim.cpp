// Verilator glue: drives the Verilated cosim top (csim/mmu_cosim_top.sv: mmu_top as u_dut, plus
// the model_* ports that show the C model in the wave) of this build variant through RtlSim.
// Compiled inside the variant's -Mdir by csim/csim.mk with -DCOSIM_TLB_ENTRIES, -DCOSIM_ASID_BITS,
// -DCOSIM_BUG (0 none, 1 tb/defects/dirty.patch, 2 tb/defects/lru.patch), -DCOSIM_BENCH (1: the
// speed build, Verilated without --trace-fst and --assert), -DCOSIM_BYO (1: another RTL, by
// tb/byo/byo.mk), -DCOSIM_COV (1: the code-coverage build, tb/cov/cov.mk), -DCOSIM_XINIT (1:
// Verilated with --x-assign unique --x-initial unique, tb/regress/regress.mk) and -DVL_USER_STOP
// (see vl_stop below).
#include "rtl_sim.h"

#include <verilated.h>
#if VM_TRACE
#include <verilated_fst_c.h>
using WaveWriter = VerilatedFstC;
#else
// The speed build is Verilated without tracing: a writer that is never opened.
struct WaveWriter {
    void dump(uint64_t) {}
    void close() {}
};
#endif

#if VM_COVERAGE
#include <cstdlib>

#include <verilated_cov.h>
#endif

#include "Vmmu_cosim_top.h"

#ifndef COSIM_TLB_ENTRIES
#error "COSIM_TLB_ENTRIES must be defined by csim/csim.mk"
#endif
#ifndef COSIM_ASID_BITS
#error "COSIM_ASID_BITS must be defined by csim/csim.mk"
#endif
#ifndef COSIM_BUG
#define COSIM_BUG 0
#endif
#ifndef COSIM_BENCH
#define COSIM_BENCH 0
#endif
#ifndef COSIM_BYO
#define COSIM_BYO 0
#endif
#ifndef COSIM_COV
#define COSIM_COV 0
#endif
#ifndef COSIM_XINIT
#define COSIM_XINIT 0
#endif
#if COSIM_BYO
// Another RTL (tb/byo/byo.mk writes this header into the -Mdir): COSIM_BYO_DESC, e.g.
// "tb/byo/duts/resp_pipe.f (top mmu_byo_resp_pipe)", and COSIM_BYO_VARIANT, e.g. "-byo-resp_pipe".
#include "cosim_byo_info.h"
#endif

#define COSIM_STR2(x) #x
#define COSIM_STR(x) COSIM_STR2(x)

const RtlBuildInfo &rtl_build_info()
{
#if COSIM_BENCH
    static const RtlBuildInfo info{COSIM_TLB_ENTRIES, COSIM_ASID_BITS, "", "-bench", true};
#elif COSIM_BYO
    static const RtlBuildInfo info{COSIM_TLB_ENTRIES, COSIM_ASID_BITS, COSIM_BYO_DESC, COSIM_BYO_VARIANT, false};
#elif COSIM_XINIT
    static const RtlBuildInfo info{COSIM_TLB_ENTRIES, COSIM_ASID_BITS, "", "-xinit", false};
#elif COSIM_COV
    static const RtlBuildInfo info{COSIM_TLB_ENTRIES, COSIM_ASID_BITS, "", "-cov", false};
#elif COSIM_BUG == 1
    static const RtlBuildInfo info{COSIM_TLB_ENTRIES, COSIM_ASID_BITS, "tb/defects/dirty.patch", "-bug-dirty", false};
#elif COSIM_BUG == 2
    static const RtlBuildInfo info{COSIM_TLB_ENTRIES, COSIM_ASID_BITS, "tb/defects/lru.patch", "-bug-lru", false};
#elif COSIM_TLB_ENTRIES == 16 && COSIM_ASID_BITS == 16
    static const RtlBuildInfo info{16, 16, "", "", false};
#else
    static const RtlBuildInfo info{COSIM_TLB_ENTRIES, COSIM_ASID_BITS, "",
                                   "-t" COSIM_STR(COSIM_TLB_ENTRIES) "-a" COSIM_STR(COSIM_ASID_BITS), false};
#endif
    return info;
}

// A failing SystemVerilog assertion ends in $stop; Verilator's default vl_stop aborts the process.
// This one (enabled by -DVL_USER_STOP) only records where it fired, so the harness can print its
// mismatch report (inputs, in-flight translation, repro command) and exit 1.
namespace {
std::string g_stop_where;
#if VM_COVERAGE
bool g_cov_written = false;  // a failure's wave re-run in the same process adds nothing new
#endif
}

void vl_stop(const char *filename, int linenum, const char * /*hier*/)
{
    if (g_stop_where.empty())
        g_stop_where = std::string(filename ? filename : "?") + ":" + std::to_string(linenum);
    Verilated::threadContextp()->gotError(true);
    Verilated::threadContextp()->gotFinish(true);
}

namespace {

class VerilatorMmu final : public RtlSim {
public:
    VerilatorMmu(int argc, char **argv, bool with_wave)
    {
        g_stop_where.clear();  // a second run in this process (the failure's wave re-run)
        ctx_ = std::make_unique<VerilatedContext>();
        ctx_->fatalOnError(false);
#if VM_TRACE
        if (with_wave)
            ctx_->traceEverOn(true);
        trace_on_ = with_wave;
#else
        (void)with_wave;
#endif
        ctx_->commandArgs(argc, argv);
        top_ = std::make_unique<Vmmu_cosim_top>(ctx_.get(), "TOP");
        top_->clk = 0;
        top_->rst_n = 0;
    }
    ~VerilatorMmu() override { finish(); }

    void set_inputs(const mmu_inputs_t &in) override
    {
        flush_dump();  // the previous clock-high phase, before its inputs change
        Vmmu_cosim_top &t = *top_;
        t.clk = 0;
// (an input wider than its port would break Verilator's clean-value rule: mask it to its width)
#define MMU_X_SET(name, width, decode) \
    t.name = uint64_t(in.name) & (width == 64 ? ~uint64_t(0) : (uint64_t(1) << (width % 64)) - 1);
        MMU_INPUT_PORTS(MMU_X_SET)
#undef MMU_X_SET
        ctx_->timeInc(1);
        t.eval();
        mark_dump();
    }

    void get_outputs(mmu_outputs_t &o) const override
    {
        const Vmmu_cosim_top &t = *top_;
#define MMU_X_GET(name, width, decode) o.name = t.name;
        MMU_OUTPUT_PORTS(MMU_X_GET)
#undef MMU_X_GET
    }

    void clock_edge() override
    {
        flush_dump();  // the clock-low phase, with the model view set_model_view gave it
        top_->clk = 1;
        ctx_->timeInc(1);
        top_->eval();
        mark_dump();
        cycle_++;
        if (fst_ && cycle_ > wave_to_) {
            flush_dump();
            fst_->close();
            fst_.reset();
            top_->cosim_wave_on = 0;  // back to full speed: the wave-only views stop
        }
    }

    bool wave_active() const override { return fst_ && cycle_ >= wave_from_; }

    void set_model_view(const ModelView &v) override
    {
        if (!wave_active())
            return;
        Vmmu_cosim_top &t = *top_;
        const mmu_outputs_t &o = v.out;
#define MMU_X_MODEL(name, width, decode) t.model_##name = o.name;
        MMU_OUTPUT_PORTS(MMU_X_MODEL)
#undef MMU_X_MODEL
        t.model_txn_busy = v.txn_busy;
        t.model_txn_id = v.txn_id;
        t.model_txn_vaddr = v.txn_vaddr;
        t.model_txn_acc = v.txn_acc & 3;
        t.model_txn_priv = v.txn_priv & 3;
        t.model_txn_paged = v.txn_paged;
        t.model_txn_seg = v.txn_seg;
        t.model_txn_walk = v.txn_walk;
        t.model_txn_ad = v.txn_ad;
        t.model_txn_level = v.txn_level & 3;
        t.model_pte_mode = v.pte_mode & 15;
        t.model_pte_log2 = v.pte_log2 & 3;
        t.model_pte_ppn_w = v.pte_ppn_w & 63;
        t.model_pte_pfn_lsb = v.pte_pfn_lsb & 63;
        t.model_pte_valid_bit = v.pte_valid_bit & 63;
        t.model_pte_present_bit = v.pte_present_bit & 63;
        t.model_pte_present_used = v.pte_present_used;
        t.cosim_wave_on = 1;
        t.cosim_mismatch = v.mismatch;
        t.cosim_cycle = v.cycle;
        t.cosim_harness_cycle = v.harness_cycle;
        t.eval();  // only the wave-only views depend on these ports
    }

    bool assertion_failed() const override { return ctx_->gotError(); }
    const std::string &assertion_location() const override { return g_stop_where; }

    bool open_wave(const std::string &path, uint64_t from, uint64_t to, std::string &err) override
    {
#if !VM_TRACE
        (void)path, (void)from, (void)to;
        err = "this is the speed build (make bench): it records no waves; use build/mmucosim";
        return false;
#else
        if (!trace_on_) {
            err = "tracing was not switched on when the model was built";
            return false;
        }
        fst_ = std::make_unique<WaveWriter>();
        top_->trace(fst_.get(), 99);
        fst_->open(path.c_str());
        if (!fst_->isOpen()) {
            err = "cannot open " + path;
            fst_.reset();
            return false;
        }
        wave_from_ = from;
        wave_to_ = to;
        return true;
#endif
    }

    void finish() override
    {
        if (finished_)
            return;
        finished_ = true;
        flush_dump();
        top_->final();
#if VM_COVERAGE
        // The code-coverage build (tb/cov/cov.mk, make coverage): line, toggle and assertion
        // points of this run go to $MMU_RTL_COV_OUT, merged later by verilator_coverage.
        const char *cov_out = std::getenv("MMU_RTL_COV_OUT");
        if (cov_out && *cov_out && !g_cov_written) {
            ctx_->coveragep()->write(cov_out);
            g_cov_written = true;
        }
#endif
        if (fst_) {
            fst_->close();
            fst_.reset();
        }
    }

private:
    std::unique_ptr<VerilatedContext> ctx_;
    std::unique_ptr<Vmmu_cosim_top> top_;
    std::unique_ptr<WaveWriter> fst_;
    uint64_t cycle_ = 0;  // clock edges so far (harness cycles, reset included)
    uint64_t wave_from_ = 0, wave_to_ = 0;
    bool finished_ = false;
    bool trace_on_ = false;
    bool dump_pending_ = false;

    // A phase is dumped when the next one starts (or at the end), so that set_model_view can
    // add the model's values to it first. Without a wave this is one predictable branch.
    void mark_dump() { dump_pending_ = fst_ != nullptr; }
    void flush_dump()
    {
        if (dump_pending_ && fst_ && cycle_ >= wave_from_)
            fst_->dump(ctx_->time());
        dump_pending_ = false;
    }
};

}  // namespace

std::unique_ptr<RtlSim> make_rtl_sim(int argc, char **argv, bool with_wave)
{
    return std::make_unique<VerilatorMmu>(argc, argv, with_wave);
}

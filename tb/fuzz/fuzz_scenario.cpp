// libFuzzer target (a): the scenario parser on arbitrary bytes (docs/verification.md, "Fuzzing").
//
// parse_scenario_text must never crash, hang, leak or throw, whatever it is given; refusing the
// input is fine. What is checked besides (ASan, UBSan and LeakSanitizer do the rest):
//   - a refusal has a message "fuzz.scn:LINE: problem" (docs/scenarios.md, exit-2 format), in
//     printable ASCII (a bad byte is shown escaped, never copied raw), naming a line that exists;
//   - an accepted scenario has its commands in line order, each on a line that exists, with the
//     configuration values docs/scenarios.md allows;
//   - a small accepted scenario is then played on the model by ScenarioExecutor (with MemModel
//     behind the memory port), bounded in cycles: the executor must drive the ports legally, so
//     a model protocol assertion (SPEC 9.12) is a failure. Failed expectations are fine.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "mem_model.h"
#include "mmu_model.h"
#include "scenario.h"

namespace {

[[noreturn]] void fail(const std::string &what, const std::string &text)
{
    std::fprintf(stderr, "fuzz_scenario: %s\n--- input (%zu bytes) ---\n%s\n---\n", what.c_str(),
                 text.size(), text.c_str());
    std::abort();
}

bool printable(const std::string &s)
{
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\t') || c >= 0x7f)
            return false;
    return true;
}

size_t count_lines(const std::string &text)
{
    size_t n = 0;
    for (char c : text)
        n += c == '\n';
    return n + (!text.empty() && text.back() != '\n');
}

// Plays a small scenario; the bounds keep one execution in the millisecond range.
void play(const Scenario &sc, const std::string &text)
{
    if (sc.cmds.size() > 64)
        return;
    uint64_t cycles = 0;
    for (const Command &c : sc.cmds)
        if (c.kind == CmdKind::Idle || c.kind == CmdKind::Reset)
            cycles += c.count;
    if (cycles > 4096)
        return;
    mmu_config_t cfg;
    cfg.tlb_entries = sc.tlb_entries ? sc.tlb_entries : 16;
    cfg.asid_bits = sc.asid_bits >= 0 ? unsigned(sc.asid_bits) : 16;
    char err[200] = "";
    mmu_model_t *m = mmu_create(&cfg, err, sizeof err);
    if (!m)
        fail(std::string("the parser accepted a configuration mmu_create refuses: ") + err, text);
    ModelDut dut(m);
    MemModel mem;
    ScenarioExecutor ex(dut, mem);
    ex.max_wait = 256;
    ex.on_failure = [](const std::string &) {};
    ex.on_note = [](const std::string &) {};
    ExecReport rep = ex.run(sc);
    if (dut.failed())
        fail("a model protocol assertion while playing an accepted scenario: " + dut.failure_report(),
             text);
    (void)rep;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    Scenario sc;
    std::string error;
    bool ok;
    try {
        ok = parse_scenario_text("fuzz.scn", text, sc, error);
    } catch (const std::exception &e) {
        fail(std::string("parse_scenario_text threw: ") + e.what(), text);
    } catch (...) {
        fail("parse_scenario_text threw a non-standard exception", text);
    }
    const size_t lines = count_lines(text);
    if (!ok) {
        if (error.rfind("fuzz.scn:", 0) != 0)
            fail("a refusal whose message does not start with FILE: '" + error + "'", text);
        if (!printable(error))
            fail("a refusal whose message is not printable ASCII", text);
        const unsigned long line = std::strtoul(error.c_str() + 9, nullptr, 10);
        if (line == 0 || line > lines + 1)
            fail("a refusal naming line " + std::to_string(line) + " of " + std::to_string(lines) +
                     ": '" + error + "'",
                 text);
        return 0;
    }
    if (sc.tlb_entries != 0 && sc.tlb_entries != 4 && sc.tlb_entries != 8 && sc.tlb_entries != 16 &&
        sc.tlb_entries != 32 && sc.tlb_entries != 64)
        fail("accepted tlb " + std::to_string(sc.tlb_entries), text);
    if (sc.asid_bits < -1 || sc.asid_bits > 16)
        fail("accepted asid_bits " + std::to_string(sc.asid_bits), text);
    int prev = 0;
    for (const Command &c : sc.cmds) {
        if (c.line < prev || c.line < 1 || size_t(c.line) > lines)
            fail("a command on line " + std::to_string(c.line) + " (previous " + std::to_string(prev) +
                     ", " + std::to_string(lines) + " lines)",
                 text);
        prev = c.line;
        if (c.kind == CmdKind::Req && (c.acc > MMU_ACC_FETCH || c.priv == 2 || c.priv > MMU_PRIV_M))
            fail("a request with an illegal acc/priv was accepted", text);
    }
    play(sc, text);
    return 0;
}

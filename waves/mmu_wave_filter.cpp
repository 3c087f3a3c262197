// GTKWave filters for the lockstep waves (docs/debugging.md), built by waves/waves.mk into
// build/gtkw/ next to the translate filter files it writes:
//   mmu-wave-filter                 a process filter: reads one hex value per line on stdin (the PTE
//                                   views *_pte[127:0] of csim/mmu_cosim_top.sv) and answers one
//                                   line of decoded fields, e.g.
//                                   "L0 VRW-U-A- ppn=0xa8855df072d leaf"
//   mmu-wave-filter --translate K   prints the translate filter file of K (cause, exc or csr): one
//                                   "<hex value> <NAME>" line per name, the value in as many hex
//                                   digits as GTKWave shows for the port that carries it
//   mmu-wave-filter --decode HEX... decodes the given values (as the process filter would)
// Nothing is typed twice: the names come from the X-macro lists of model/include/mmu_enums.h, the
// Sv PTE layout from mmu_helpers.h (mmu_pte_decode; fields generated from rtl/mmu_iface.def), the
// flag letters and PTE kinds from the text logs' own functions (tb/txn_json.h), so the wave reads
// like the txn log ("V------- ppn=0x... pointer"). The flags come first so that a narrow box in
// the wave still shows them. The layout of a PTE view is the one mmu_cosim_top.sv builds (its
// function pte_view; scripts/waves-test.sh checks the two agree on a real wave):
//   [127]      a PTE is on this bus in this cycle (else the filter answers "-")
//   [125:124]  level of the PTE
//   [123:120]  SATP.MODE in force (Sv32, Sv39, Sv48: Sv PTEs; RADIX: the teaching format of
//              docs/spec.md 4.4, HYBRID's too)
//   [117:116]  log2 of the PTE size in bytes
//   [109:104]  teaching: PFN width     [101:96] teaching: PFN lsb
//   [93:88]    teaching: valid bit     [85:80]  teaching: present bit   [76] present bit used
//   [63:0]     the bus value
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "mmu_model.h"
#include "txn_json.h"

namespace {

struct View {
    uint64_t desc = 0, pte = 0;
};

uint64_t field(uint64_t v, unsigned lsb, unsigned width)
{
    return (v >> lsb) & ((width >= 64 ? 0 : (uint64_t(1) << width)) - 1);
}

uint64_t mask_below(unsigned bits) { return bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1; }

std::string hex(uint64_t v)
{
    char b[24];
    std::snprintf(b, sizeof b, "0x%llx", (unsigned long long)v);
    return b;
}

// "0000...ABCD" (as GTKWave sends a vector in hex) into the two halves; false if not plain hex
// (X or Z digits, or more than 128 bits).
bool parse(const std::string &s, View &v)
{
    std::string h;
    for (char c : s)
        if (!std::isspace((unsigned char)c))
            h += c;
    if (h.size() > 2 && h[0] == '0' && (h[1] == 'x' || h[1] == 'X'))
        h = h.substr(2);
    if (h.empty() || h.size() > 32)
        return false;
    v = View{};
    for (char c : h) {
        if (!std::isxdigit((unsigned char)c))
            return false;
        unsigned d = unsigned(std::isdigit((unsigned char)c) ? c - '0' : std::tolower(c) - 'a' + 10);
        v.desc = (v.desc << 4) | (v.pte >> 60);
        v.pte = (v.pte << 4) | d;
    }
    return true;
}

// An Sv32/Sv39/Sv48 PTE: flags, PPN, kind, then what the walker would refuse in the PTE itself
// (docs/spec.md 4.3, rtl/mmu_ptw.sv's order): W without R, reserved bits (the kit implements
// neither Svpbmt nor Svnapot: bits 63:54 must be 0), D/A/U on a pointer.
std::string decode_sv(unsigned mode, uint64_t value)
{
    mmu_pte_fields_t f;
    mmu_pte_decode(mode, value, &f);
    uint64_t pte = mmu_pte_compose(mode, &f);  // Sv32: bits 31:0 only
    std::string s = pte_flags_text(pte) + " ppn=" + hex(f.ppn) + " " + pte_kind(pte);
    if ((pte & MMU_PTE_V) && (pte & MMU_PTE_W) && !(pte & MMU_PTE_R))
        s += " RSV:W-without-R";
    if (f.rsvd)
        s += " RSV:rsvd=" + hex(f.rsvd);
    if (f.pbmt)
        s += " RSV:pbmt=" + std::to_string(f.pbmt);
    if (f.n)
        s += " RSV:N";
    if ((pte & MMU_PTE_V) && !mmu_pte_is_leaf(pte) && (pte & (MMU_PTE_D | MMU_PTE_A | MMU_PTE_U)))
        s += " RSV:D/A/U-on-pointer";
    if (f.rsw)
        s += " rsw=" + std::to_string(f.rsw);
    return s;
}

// A teaching PTE (docs/spec.md 4.4): the fields RADIX places; no permissions, no A/D.
std::string decode_teaching(const View &v)
{
    uint64_t pte = v.pte & mask_below(8u << field(v.desc, 52, 2));
    unsigned pfn_w = unsigned(field(v.desc, 40, 6)), pfn_lsb = unsigned(field(v.desc, 32, 6));
    unsigned valid_bit = unsigned(field(v.desc, 24, 6)), present_bit = unsigned(field(v.desc, 16, 6));
    bool present_used = field(v.desc, 12, 1);
    bool V = (pte >> valid_bit) & 1, P = (pte >> present_bit) & 1;
    std::string s = std::string(V ? "V" : "-") + (present_used ? (P ? "P" : "-") : "") +
                    " pfn=" + hex(field(pte, pfn_lsb, pfn_w));
    if (!V)
        s += " invalid";
    else if (present_used && !P)
        s += " not-present";
    return s;
}

std::string decode(const std::string &line)
{
    View v;
    if (!parse(line, v))
        return line;  // X/Z or not ours: as it came
    if (!field(v.desc, 63, 1))
        return "-";  // no PTE on this bus in this cycle
    unsigned level = unsigned(field(v.desc, 60, 2)), mode = unsigned(field(v.desc, 56, 4));
    std::string s = "L" + std::to_string(level) + " ";
    if (mmu_pte_mode_ok(mode))
        return s + decode_sv(mode, v.pte);
    if (mode == MMU_SATP_RADIX)
        return s + decode_teaching(v);
    return s + hex(v.pte) + " (" + mmu_satp_mode_name(mode) + ": no PTEs)";
}

// ---- translate filter files ---------------------------------------------------------------------

struct Named {
    unsigned value;
    const char *name;
};

// The width of the first port decoded as `decode` (MMU_DECODE_*), from the port lists.
unsigned port_width(int decode)
{
    unsigned w = 0;
#define MMU_X_PORT(name, width, dec) \
    if (w == 0 && (dec) == decode)   \
        w = (width);
    MMU_INPUT_PORTS(MMU_X_PORT)
    MMU_OUTPUT_PORTS(MMU_X_PORT)
#undef MMU_X_PORT
    return w;
}

int translate(const std::string &kind)
{
    std::vector<Named> list;
    int decode;
#define MMU_X_NAMED(name, value) list.push_back({unsigned(value), #name});
    if (kind == "cause") {
        MMU_CAUSE_LIST(MMU_X_NAMED)
        decode = MMU_DECODE_CAUSE;
    } else if (kind == "exc") {
        MMU_EXC_LIST(MMU_X_NAMED)
        decode = MMU_DECODE_EXC;
    } else if (kind == "csr") {
        MMU_CSR_LIST(MMU_X_NAMED)
        decode = MMU_DECODE_CSR;
    } else {
        std::fprintf(stderr, "mmu-wave-filter: --translate takes cause, exc or csr, not '%s'\n",
                     kind.c_str());
        return 2;
    }
#undef MMU_X_NAMED
    unsigned digits = (port_width(decode) + 3) / 4;
    std::printf("# GTKWave translate filter file (Edit > Data Format > Translate Filter File):\n"
                "# %s names, from model/include/mmu_enums.h by build/gtkw/mmu-wave-filter\n"
                "# --translate %s (waves/mmu_wave_filter.cpp); do not edit.\n",
                kind.c_str(), kind.c_str());
    for (const Named &n : list)
        std::printf("%0*X %s\n", int(digits), n.value, n.name);
    return 0;
}

void usage(FILE *f)
{
    std::fputs("usage: mmu-wave-filter                  GTKWave process filter: hex PTE views on stdin\n"
               "       mmu-wave-filter --decode HEX...  decode PTE views (see waves/mmu_wave_filter.cpp)\n"
               "       mmu-wave-filter --translate cause|exc|csr   print a translate filter file\n",
               f);
}

}  // namespace

int main(int argc, char **argv)
{
    if (argc >= 2 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    if (argc == 3 && !std::strcmp(argv[1], "--translate"))
        return translate(argv[2]);
    if (argc >= 3 && !std::strcmp(argv[1], "--decode")) {
        for (int i = 2; i < argc; i++)
            std::printf("%s\n", decode(argv[i]).c_str());
        return 0;
    }
    if (argc != 1) {
        usage(stderr);
        return 2;
    }
    // GTKWave writes one value per line and waits for one line back
    std::string line;
    while (std::getline(std::cin, line)) {
        std::string out = decode(line);
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
    }
    return 0;
}

// `mmusim quiz`: seeded problems in the layout of the OSTEP homework simulators (relocation.py,
// segmentation.py, paging-linear-translate.py, paging-multilevel-translate.py) and of a RISC-V
// page-table exercise. Each problem is a set of register writes, a memory image and a list of
// accesses; the answers and the walks shown with -c come from the reference model itself
// (mmu_translate's result: its PTE reads, the fault reason and the level), with the TLB flushed
// before each access as a textbook assumes. The RNG is this file's own, so a seed is the same
// problem on every machine.
#include "quiz.h"

#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gen/random_gen.h"
#include "mem_model.h"
#include "mmu_model.h"

namespace {

// ---------------------------------------------------------------------------------------------
// small helpers

std::string fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char buf[512];
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

uint64_t mask(unsigned bits) { return bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1; }

unsigned log2_of(uint64_t v)
{
    unsigned b = 0;
    while ((uint64_t(1) << b) < v)
        b++;
    return b;
}

bool power_of_two(uint64_t v) { return v && !(v & (v - 1)); }

[[noreturn]] void quiz_error(const std::string &msg)
{
    std::fprintf(stderr, "mmusim quiz: %s\n(try mmusim quiz --help)\n", msg.c_str());
    std::exit(2);
}

// ---------------------------------------------------------------------------------------------
// the problem

enum class PteFmt { None, Sv32, Sv64, Teach };

struct Access {
    uint64_t va;
    unsigned acc, priv;
};

struct Problem {
    std::string mode;
    std::vector<std::string> args;                    // "ARG name value" lines
    std::vector<std::pair<unsigned, uint64_t>> csrs;  // register writes, in order
    std::vector<std::pair<uint64_t, uint64_t>> bytes; // memory image: address, byte
    std::vector<std::string> layout;                  // the problem's tables, textbook style
    std::vector<Access> trace;
    PteFmt pte = PteFmt::None;
    unsigned pte_bytes = 0;
    unsigned valid_bit = 0, present_bit = 0, pfn_lsb = 0, pfn_width = 0;
    bool present_used = false;
    bool show_value = false;  // multi-level: the byte the load fetches
    bool keep_tlb = false;    // Soft: the TLB's contents are the problem (no flush per address)
    unsigned seg_va_bits = 0, seg_select = 0;  // segment fields of the VA, for the explanation
    void poke(uint64_t addr, unsigned bytes_n, uint64_t v)
    {
        for (unsigned i = 0; i < bytes_n; i++)
            bytes.push_back({addr + i, (v >> (8 * i)) & 0xff});
    }
};

struct Options {
    std::string mode;
    uint64_t seed = 0;
    bool solve = false, json = false;
    std::string scenario;
    std::map<char, std::string> given;  // -a -p -P -n -u as written
};

uint64_t parse_size(const Options &o, char opt, uint64_t dflt)
{
    auto it = o.given.find(opt);
    if (it == o.given.end())
        return dflt;
    const std::string &s = it->second;
    char *end = nullptr;
    unsigned long long v = std::strtoull(s.c_str(), &end, 10);
    uint64_t mul = 1;
    if (*end == 'k' || *end == 'K')
        mul = 1 << 10, end++;
    else if (*end == 'm' || *end == 'M')
        mul = 1 << 20, end++;
    else if (*end == 'g' || *end == 'G')
        mul = 1 << 30, end++;
    if (s.empty() || !std::isdigit((unsigned char)s[0]) || *end || v > (uint64_t(1) << 40))
        quiz_error(fmt("-%c '%s': expected a size such as 16, 64k, 32m or 1g", opt, s.c_str()));
    return v * mul;
}

unsigned parse_count(const Options &o, char opt, unsigned dflt, unsigned lo, unsigned hi,
                     const char *what)
{
    auto it = o.given.find(opt);
    if (it == o.given.end())
        return dflt;
    char *end = nullptr;
    unsigned long v = std::strtoul(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end || v < lo || v > hi)
        quiz_error(fmt("-%c %s for --mode %s: %s must be %u..%u", opt, it->second.c_str(),
                       o.mode.c_str(), what, lo, hi));
    return unsigned(v);
}

void need(bool ok, const Options &o, char opt, const std::string &rule)
{
    if (!ok)
        quiz_error(fmt("-%c %s for --mode %s: %s", opt,
                       o.given.count(opt) ? o.given.at(opt).c_str() : "(default)", o.mode.c_str(),
                       rule.c_str()));
}

std::string hx(uint64_t v, int width = 0) { return fmt("0x%0*" PRIx64, width, v); }

uint64_t radix_value(unsigned va_bits, unsigned offset, unsigned levels, unsigned pte_log2,
                     unsigned valid_bit, unsigned pfn_lsb, unsigned pfn_width)
{
    return MMU_PUT(RADIX_VA_BITS, va_bits) | MMU_PUT(RADIX_OFFSET, offset) |
           MMU_PUT(RADIX_LEVELS, levels) | MMU_PUT(RADIX_PTE_LOG2, pte_log2) |
           MMU_PUT(RADIX_VALID_BIT, valid_bit) | MMU_PUT(RADIX_PFN_LSB, pfn_lsb) |
           MMU_PUT(RADIX_PFN_WIDTH, pfn_width);
}

uint64_t segctl_value(unsigned mode, unsigned select, unsigned va_bits, bool hybrid)
{
    return MMU_PUT(SEGCTL_MODE, mode) | MMU_PUT(SEGCTL_SELECT, select) |
           MMU_PUT(SEGCTL_VA_BITS, va_bits) | MMU_PUT(SEGCTL_HYBRID, hybrid);
}

void random_trace(Problem &p, gen::Rng &r, unsigned n, uint64_t asize)
{
    for (unsigned i = 0; i < n; i++)
        p.trace.push_back({r.below(asize), MMU_ACC_LOAD, MMU_PRIV_U});
}

// ---------------------------------------------------------------------------------------------
// the modes

void gen_bb(Problem &p, const Options &o, gen::Rng &r)
{
    uint64_t asize = parse_size(o, 'a', 1 << 10), psize = parse_size(o, 'p', 16 << 10);
    unsigned n = parse_count(o, 'n', 5, 1, 100, "the number of addresses");
    need(asize >= 1 && asize < (uint64_t(1) << 30), o, 'a', "the address-space size must be 1 to 1g - 1");
    need(psize > asize && psize <= (uint64_t(1) << 30), o, 'p',
         "physical memory must be larger than the address space (" + std::to_string(asize) + ") and at most 1g");
    uint64_t limit = asize / 4 + r.below(asize / 4 + 1);
    uint64_t base;
    do
        base = r.below(psize);
    while (base + limit >= psize);
    p.args = {"ARG seed " + std::to_string(o.seed), "ARG address space size " + std::to_string(asize),
              "ARG phys mem size " + std::to_string(psize)};
    p.csrs = {{MMU_CSR_SEGCTL, MMU_SEG_BASE_BOUNDS}, {MMU_CSR_BASE, base}, {MMU_CSR_BOUNDS, limit}};
    p.layout = {"Base-and-bounds register information (SEGCTL mode BASE_BOUNDS):", "",
                fmt("  Base   : 0x%08" PRIx64 " (decimal %" PRIu64 ")", base, base),
                fmt("  Limit  : %" PRIu64, limit)};
    random_trace(p, r, n, asize);
}

void gen_seg(Problem &p, const Options &o, gen::Rng &r)
{
    uint64_t asize = parse_size(o, 'a', 1 << 10), psize = parse_size(o, 'p', 16 << 10);
    unsigned n = parse_count(o, 'n', 5, 1, 100, "the number of addresses");
    need(power_of_two(asize) && asize >= 4 && asize <= (uint64_t(1) << 30), o, 'a',
         "the address-space size must be a power of two from 4 to 1g");
    need(psize > 2 * asize && psize <= (uint64_t(1) << 31), o, 'p',
         "physical memory must be more than twice the address space (" + std::to_string(asize) + ")");
    uint64_t len0 = asize / 4 + r.below(asize / 4), len1 = asize / 4 + r.below(asize / 4);
    uint64_t base0, base1;  // base1: the lowest byte of segment 1 (it grows down from base1 + len1)
    do
        base0 = r.below(psize);
    while (base0 + len0 >= psize);
    do
        base1 = r.below(psize);
    while (!(base1 + len1 < psize && (base1 > base0 + len0 || base1 + len1 < base0)));
    unsigned va_bits = log2_of(asize);
    p.seg_va_bits = va_bits;
    p.seg_select = 1;
    p.args = {"ARG seed " + std::to_string(o.seed), "ARG address space size " + std::to_string(asize),
              "ARG phys mem size " + std::to_string(psize)};
    const uint64_t urw = MMU_SEG_FLAGS_V_MASK | MMU_SEG_FLAGS_R_MASK | MMU_SEG_FLAGS_W_MASK |
                         MMU_SEG_FLAGS_U_MASK;
    p.csrs = {{MMU_CSR_SEGCTL, segctl_value(MMU_SEG_SEGMENTS, 1, va_bits, false)},
              {MMU_CSR_SEG0_BASE, base0}, {MMU_CSR_SEG0_LIMIT, len0}, {MMU_CSR_SEG0_FLAGS, urw},
              {MMU_CSR_SEG1_BASE, base1 + len1}, {MMU_CSR_SEG1_LIMIT, len1},
              {MMU_CSR_SEG1_FLAGS, urw | MMU_SEG_FLAGS_DOWN_MASK}};
    p.layout = {fmt("Segment register information (SEGCTL: segments, 1 select bit, va_bits %u):", va_bits), "",
                fmt("  Segment 0 base  (grows positive) : 0x%08" PRIx64 " (decimal %" PRIu64 ")", base0, base0),
                fmt("  Segment 0 limit                  : %" PRIu64, len0), "",
                fmt("  Segment 1 base  (grows negative) : 0x%08" PRIx64 " (decimal %" PRIu64 ")",
                    base1 + len1, base1 + len1),
                fmt("  Segment 1 limit                  : %" PRIu64, len1)};
    random_trace(p, r, n, asize);
}

// One linear table entry as paging-linear-translate.py writes it (4 bytes, valid bit 31, the PFN
// below): valid with probability used %, its PFN a physical page no other entry took.
uint32_t random_linear_pte(gen::Rng &r, unsigned used, uint64_t ppages, std::set<uint64_t> &taken)
{
    if (!r.percent(used) || taken.size() >= ppages)
        return 0;
    uint64_t pfn;
    do
        pfn = r.below(ppages);
    while (taken.count(pfn));
    taken.insert(pfn);
    return uint32_t(0x80000000u | pfn);
}

void gen_linear(Problem &p, const Options &o, gen::Rng &r)
{
    uint64_t asize = parse_size(o, 'a', 16 << 10), psize = parse_size(o, 'p', 64 << 10);
    uint64_t page = parse_size(o, 'P', 4 << 10);
    unsigned n = parse_count(o, 'n', 5, 1, 100, "the number of addresses");
    unsigned used = parse_count(o, 'u', 50, 0, 100, "the percentage of pages in use");
    need(power_of_two(asize) && asize >= 2 && asize < (uint64_t(1) << 30), o, 'a',
         "the address-space size must be a power of two from 2 to 512m");
    need(power_of_two(page) && page >= 2 && page <= asize, o, 'P',
         "the page size must be a power of two from 2 to the address-space size " + std::to_string(asize));
    need(psize > asize && psize < (uint64_t(1) << 30) && psize % page == 0, o, 'p',
         "physical memory must be larger than the address space, below 1g, and a multiple of the page size");
    need(asize / page <= 4096, o, 'P', "at most 4096 pages: the table is printed whole");
    unsigned offset = log2_of(page), va_bits = log2_of(asize);
    if (va_bits == offset)
        va_bits = offset + 1;  // one page: a one-bit VPN (docs/spec.md 4.4)
    uint64_t vpages = asize / page, ppages = psize / page;
    uint64_t table = uint64_t(1) << 32;  // outside the problem's physical memory
    p.pte = PteFmt::Teach;
    p.pte_bytes = 4;
    p.valid_bit = 31, p.pfn_lsb = 0, p.pfn_width = 31;
    uint64_t radix = radix_value(va_bits, offset, 1, 2, 31, 0, 31);
    p.csrs = {{MMU_CSR_RADIX, radix}, {MMU_CSR_SATP, mmu_satp_value(MMU_SATP_RADIX, 0, table >> offset)}};
    p.args = {"ARG seed " + std::to_string(o.seed), "ARG address space size " + std::to_string(asize),
              "ARG phys mem size " + std::to_string(psize), "ARG page size " + std::to_string(page)};
    p.layout = {"The format of the page table is simple:",
                "The high-order (left-most) bit is the VALID bit.",
                "  If the bit is 1, the rest of the entry is the PFN.",
                "  If the bit is 0, the page is not valid.",
                fmt("(RADIX %s: va_bits %u, offset %u, 1 level, 4-byte entries; the table starts at "
                    "SATP.PPN x page size = 0x%" PRIx64 ")", hx(radix).c_str(), va_bits, offset, table),
                "", "Page Table (from entry 0 down to the max size)"};
    std::set<uint64_t> taken;
    for (uint64_t v = 0; v < vpages; v++) {
        uint64_t e = random_linear_pte(r, used, ppages, taken);
        p.poke(table + 4 * v, 4, e);
        p.layout.push_back(fmt("  [%8" PRIu64 "]  0x%08" PRIx64, v, e));
    }
    random_trace(p, r, n, asize);
}

void gen_multilevel(Problem &p, const Options &o, gen::Rng &r)
{
    // paging-multilevel-translate.py's machine: 32-byte pages, 128 physical pages, a 1024-page
    // (32 KiB) address space; 1-byte PDEs and PTEs: valid bit 7, PFN bits 6:0.
    unsigned allocated = parse_count(o, 'a', 64, 1, 90, "the number of virtual pages allocated");
    unsigned n = parse_count(o, 'n', 10, 1, 100, "the number of addresses");
    const unsigned page = 32, ppages = 128, vpages = 1024;
    std::vector<uint8_t> mem(page * ppages, 0);
    std::vector<bool> used(ppages, false);
    auto find_free = [&]() {
        unsigned look;
        do
            look = unsigned(r.below(ppages));
        while (used[look]);
        used[look] = true;
        return look;
    };
    unsigned pdbr = find_free();
    std::fill(mem.begin() + pdbr * page, mem.begin() + (pdbr + 1) * page, 0x7f);
    std::vector<unsigned> vps;
    std::set<unsigned> vp_used;
    for (unsigned i = 0; i < allocated; i++) {
        unsigned vp;
        do
            vp = unsigned(r.below(vpages));
        while (vp_used.count(vp));
        vp_used.insert(vp);
        vps.push_back(vp);
        unsigned pp = find_free();
        uint8_t &pde = mem[pdbr * page + (vp >> 5)];
        if (!(pde & 0x80)) {  // a new page of the page table
            unsigned pt = find_free();
            std::fill(mem.begin() + pt * page, mem.begin() + (pt + 1) * page, 0x7f);
            pde = uint8_t(0x80 | pt);
        }
        mem[(pde & 0x7f) * page + (vp & 31)] = uint8_t(0x80 | pp);
        for (unsigned j = 0; j < page; j++)
            mem[pp * page + j] = uint8_t(r.below(31));
    }
    p.pte = PteFmt::Teach;
    p.pte_bytes = 1;
    p.valid_bit = 7, p.pfn_lsb = 0, p.pfn_width = 7;
    p.show_value = true;
    uint64_t radix = radix_value(15, 5, 2, 0, 7, 0, 7);
    p.csrs = {{MMU_CSR_RADIX, radix}, {MMU_CSR_SATP, mmu_satp_value(MMU_SATP_RADIX, 0, pdbr)}};
    for (unsigned a = 0; a < mem.size(); a += 8) {
        uint64_t w = 0;
        for (unsigned i = 0; i < 8; i++)
            w |= uint64_t(mem[a + i]) << (8 * i);
        p.poke(a, 8, w);
    }
    p.args = {"ARG seed " + std::to_string(o.seed), "ARG allocated " + std::to_string(allocated),
              "ARG num " + std::to_string(n)};
    for (unsigned pg = 0; pg < ppages; pg++) {
        std::string line = fmt("page %3u:", pg);
        for (unsigned j = 0; j < page; j++)
            line += fmt("%02x", mem[pg * page + j]);
        p.layout.push_back(line);
    }
    p.layout.push_back("");
    p.layout.push_back(fmt("PDBR: %u  (decimal) [This means the page directory is held in this page]", pdbr));
    p.layout.push_back(fmt("(RADIX %s: 15-bit VA, 32-byte pages, 2 levels, 1-byte entries, valid bit 7, "
                           "PFN bits 6:0; SATP.PPN = PDBR)", hx(radix).c_str()));
    for (unsigned i = 0; i < n; i++) {
        uint64_t va = (r.percent(50) || i >= vps.size()) ? r.below(uint64_t(vpages) * page)
                                                          : (uint64_t(vps[i]) << 5) | r.below(page);
        p.trace.push_back({va, MMU_ACC_LOAD, MMU_PRIV_U});
    }
}

void gen_hybrid(Problem &p, const Options &o, gen::Rng &r)
{
    uint64_t asize = parse_size(o, 'a', 16 << 10), psize = parse_size(o, 'p', 64 << 10);
    uint64_t page = parse_size(o, 'P', 1 << 10);
    unsigned n = parse_count(o, 'n', 8, 1, 100, "the number of addresses");
    unsigned used = parse_count(o, 'u', 75, 0, 100, "the percentage of each segment's pages in use");
    need(power_of_two(asize) && asize >= 16 && asize <= (uint64_t(1) << 30), o, 'a',
         "the address-space size must be a power of two from 16 to 1g");
    need(power_of_two(page) && page >= 2 && page * 4 < asize, o, 'P',
         "the page size must be a power of two from 2 to a quarter of the address space (" +
             std::to_string(asize / 4) + "), so that each segment has a VPN");
    need(psize >= asize && psize <= (uint64_t(1) << 30) && psize % page == 0, o, 'p',
         "physical memory must be at least the address space, at most 1g, and a multiple of the page size");
    need(asize / page <= 1024, o, 'P', "at most 1024 pages: the tables are printed whole");
    unsigned va_bits = log2_of(asize), offset = log2_of(page), select = 2;
    uint64_t seg_pages = asize / 4 / page, ppages = psize / page;
    p.pte = PteFmt::Teach;
    p.pte_bytes = 4;
    p.valid_bit = 31, p.pfn_lsb = 0, p.pfn_width = 31;
    p.seg_va_bits = va_bits;
    p.seg_select = select;
    uint64_t radix = radix_value(va_bits, offset, 1, 2, 31, 0, 31);
    p.csrs = {{MMU_CSR_RADIX, radix}, {MMU_CSR_SATP, mmu_satp_value(MMU_SATP_RADIX, 0, 0)},
              {MMU_CSR_SEGCTL, segctl_value(MMU_SEG_SEGMENTS, select, va_bits, true)}};
    p.args = {"ARG seed " + std::to_string(o.seed), "ARG address space size " + std::to_string(asize),
              "ARG phys mem size " + std::to_string(psize), "ARG page size " + std::to_string(page)};
    p.layout = {fmt("HYBRID: four segments of %" PRIu64 " bytes (VA = segment [%u:%u] | VPN [%u:%u] | "
                    "offset [%u:0]);", asize / 4, va_bits - 1, va_bits - 2, va_bits - 3, offset,
                    offset - 1),
                "each segment's BASE is the address of its own linear page table and its LIMIT",
                "the number of valid pages. Entries: 4 bytes, bit 31 valid, the PFN below.", ""};
    struct Seg {
        const char *name;
        uint64_t flags;  // valid R W X U (DOWN is ignored by HYBRID)
        bool present;
    };
    const uint64_t V = MMU_SEG_FLAGS_V_MASK, R = MMU_SEG_FLAGS_R_MASK, W = MMU_SEG_FLAGS_W_MASK,
                   X = MMU_SEG_FLAGS_X_MASK, U = MMU_SEG_FLAGS_U_MASK, DOWN = MMU_SEG_FLAGS_DOWN_MASK;
    const Seg segs[4] = {{"code", V | R | X | U, true}, {"heap", V | R | W | U, true},
                         {"(unused)", 0, false}, {"stack", V | R | W | U | DOWN, true}};
    uint64_t table_area = psize;  // the tables live above the pages they map
    std::set<uint64_t> taken;
    for (unsigned s = 0; s < 4; s++) {
        uint64_t base = segs[s].present ? table_area + s * 4 * seg_pages : 0;
        uint64_t limit = segs[s].present ? 1 + r.below(seg_pages) : 0;
        p.csrs.push_back({MMU_CSR_SEG0_BASE + 3 * s, base});
        p.csrs.push_back({MMU_CSR_SEG0_LIMIT + 3 * s, limit});
        p.csrs.push_back({MMU_CSR_SEG0_FLAGS + 3 * s, segs[s].flags});
        std::string flags = std::string(segs[s].flags & R ? "R" : "-") + (segs[s].flags & W ? "W" : "-") +
                            (segs[s].flags & X ? "X" : "-");
        if (!segs[s].present) {
            p.layout.push_back(fmt("  Segment %u %-8s : not valid", s, segs[s].name));
            continue;
        }
        p.layout.push_back(fmt("  Segment %u %-8s : base 0x%08" PRIx64 "  limit %" PRIu64 " pages  %s",
                               s, segs[s].name, base, limit, flags.c_str()));
        for (uint64_t v = 0; v < seg_pages; v++) {
            uint64_t e = random_linear_pte(r, used, ppages, taken);
            p.poke(base + 4 * v, 4, e);
            p.layout.push_back(fmt("      [%4" PRIu64 "] @0x%08" PRIx64 "  0x%08" PRIx64 "%s", v,
                                   base + 4 * v, e, v >= limit ? "   (beyond LIMIT)" : ""));
        }
    }
    static const unsigned kAcc[] = {MMU_ACC_LOAD, MMU_ACC_LOAD, MMU_ACC_STORE, MMU_ACC_FETCH};
    for (unsigned i = 0; i < n; i++)
        p.trace.push_back({r.below(asize), kAcc[r.below(4)], MMU_PRIV_U});
}

// Soft mode (docs/spec.md 4.6): a software-refilled TLB's contents, loaded by TLBWI, and accesses
// under the current ASID: which hit (and where to), which fault on the entry, which miss, and
// what TLB_HI and TLB_BADVA hold after each miss (what the refill handler starts from).
void gen_soft(Problem &p, const Options &o, gen::Rng &r)
{
    unsigned n = parse_count(o, 'n', 10, 1, 100, "the number of addresses");
    unsigned used = parse_count(o, 'u', 6, 1, 16, "the number of TLB entries filled");
    uint16_t asid = uint16_t(1 + r.below(7));
    p.keep_tlb = true;
    p.args = {"ARG seed " + std::to_string(o.seed), "ARG entries " + std::to_string(used),
              fmt("ARG current ASID %u", asid)};
    p.csrs.push_back({MMU_CSR_SATP, mmu_satp_value(MMU_SATP_SOFT, asid, 0)});
    p.layout = {"A software-refilled TLB (SATP MODE 14, Soft; 4 KiB pages, Sv39 VAs). Its entries:", "",
                "  entry  ASID  G  level  VA range                           PPN        flags"};
    struct Ent {
        uint64_t va, size;
        unsigned level, asid;
        bool global;
    };
    std::vector<Ent> ents;
    for (unsigned i = 0; i < used; i++) {
        unsigned level = r.percent(25) ? 1 : 0;
        uint64_t size = uint64_t(1) << (12 + 9 * level);
        uint64_t va = (0x40000000 + r.below(64) * (uint64_t(1) << 21)) | (level ? 0 : r.below(512) << 12);
        bool global = r.percent(15);
        unsigned e_asid = r.percent(70) ? asid : unsigned(1 + r.below(7));
        uint64_t ppn = 0x80000 + (r.below(0x1000) << 9) + (level == 0 || r.percent(80) ? 0 : 1 + r.below(511));
        uint64_t flags = MMU_PTE_V | MMU_PTE_R | (r.percent(50) ? MMU_PTE_W : 0) |
                         (r.percent(30) ? MMU_PTE_X : 0) | (r.percent(30) ? MMU_PTE_U : 0) |
                         (r.percent(85) ? MMU_PTE_A : 0) | (r.percent(60) ? MMU_PTE_D : 0) |
                         (global ? MMU_PTE_G : 0);
        p.csrs.push_back({MMU_CSR_TLB_HI, MMU_PUT(TLB_HI_ASID, e_asid) | MMU_PUT(TLB_HI_VPN, va >> 12) |
                                              MMU_PUT(TLB_HI_LEVEL, level)});
        p.csrs.push_back({MMU_CSR_TLB_LO, flags | MMU_PUT(TLB_LO_PPN, ppn)});
        p.csrs.push_back({MMU_CSR_TLB_INDEX, i});
        p.csrs.push_back({MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBWI)});
        std::string fl;
        for (auto [bit, c] : {std::pair<uint64_t, char>{MMU_PTE_R, 'R'}, {MMU_PTE_W, 'W'}, {MMU_PTE_X, 'X'},
                              {MMU_PTE_U, 'U'}, {MMU_PTE_A, 'A'}, {MMU_PTE_D, 'D'}})
            fl += (flags & bit) ? c : '-';
        p.layout.push_back(fmt("  %5u  %4u  %c  %5u  0x%08" PRIx64 "..0x%08" PRIx64 "  0x%07" PRIx64 "  %s", i,
                               e_asid, global ? 'G' : '-', level, va, va + size - 1, ppn, fl.c_str()));
        ents.push_back({va, size, level, e_asid, global});
    }
    p.layout.push_back("");
    p.layout.push_back("A hit answers from the lowest entry whose VA range holds the address, under the current");
    p.layout.push_back("ASID or G; then U/S, R/W/X, an aligned superpage PPN, and A (and D for a store) are");
    p.layout.push_back("checked. A miss faults TLB_MISS and loads TLB_BADVA (the VA) and TLB_HI (ASID, VPN).");
    for (unsigned i = 0; i < n; i++) {
        uint64_t va;
        if (r.percent(70)) {
            const Ent &e = ents[r.below(ents.size())];
            va = e.va + (r.below(e.size) & ~uint64_t(7));
        } else {
            va = 0x40000000 + r.below(uint64_t(1) << 27);
        }
        unsigned acc = unsigned(r.below(3));
        p.trace.push_back({va, acc, r.percent(70) ? unsigned(MMU_PRIV_S) : unsigned(MMU_PRIV_U)});
    }
}

void gen_sv(Problem &p, const Options &o, gen::Rng &r, unsigned mode)
{
    unsigned n = parse_count(o, 'n', 8, 1, 100, "the number of addresses");
    unsigned used = parse_count(o, 'u', 75, 0, 100, "the percentage of good leaves");
    bool sv32 = mode == MMU_SATP_SV32;
    mmu_geometry_t geo;
    mmu_geometry(mode, 0, &geo);
    unsigned levels = geo.levels, idx = geo.idx_bits, va_bits = geo.va_bits;
    unsigned pte_bytes = 1u << geo.pte_log2;
    p.pte = sv32 ? PteFmt::Sv32 : PteFmt::Sv64;
    p.pte_bytes = pte_bytes;
    uint64_t root = 0x80000 + r.below(0x100), next_table = root + 1;
    std::map<uint64_t, std::map<unsigned, uint64_t>> tables;  // table ppn -> index -> PTE
    std::map<uint64_t, unsigned> table_level;
    table_level[root] = levels - 1;
    auto vpn = [&](uint64_t va, unsigned l) { return (va >> (geo.page_shift + l * idx)) & mask(idx); };
    auto canon = [&](uint64_t va) {
        if (sv32)
            return va & mask(32);
        va &= mask(va_bits);
        return (va >> (va_bits - 1)) ? va | ~mask(va_bits) : va;
    };
    struct Page {
        uint64_t va, flags;
    };
    std::vector<Page> pages;
    unsigned npages = 4 + unsigned(r.below(4));
    uint64_t cluster = canon(r.next()) & ~mask(12 + idx);
    for (unsigned i = 0; i < npages; i++) {
        bool super = i == 0 && r.percent(50);
        unsigned leaf_level = super ? 1 : 0;
        uint64_t va = canon(cluster + (r.below(uint64_t(4) << idx) << 12));
        if (i == npages - 1)
            va = canon(r.next());  // somewhere else
        va &= ~mask(12 + leaf_level * idx);
        uint64_t table = root;
        bool ok = true;
        for (int l = int(levels) - 1; l > int(leaf_level); l--) {
            auto &t = tables[table];
            uint64_t &e = t[unsigned(vpn(va, unsigned(l)))];
            if (!e) {
                table_level[next_table] = unsigned(l) - 1;
                e = mmu_sv_pte(next_table, MMU_PTE_V);  // a pointer
                table = next_table++;
            } else if (e & (MMU_PTE_R | MMU_PTE_W | MMU_PTE_X)) {
                ok = false;  // a leaf is there already
                break;
            } else {
                table = mmu_sv_pte_ppn(e, geo.ppn_bits);
            }
        }
        uint64_t &leaf = tables[table][unsigned(vpn(va, leaf_level))];
        if (!ok || leaf)
            continue;
        static const uint64_t kGood[] = {MMU_PTE_R | MMU_PTE_W, MMU_PTE_R, MMU_PTE_X | MMU_PTE_R,
                                         MMU_PTE_R | MMU_PTE_W | MMU_PTE_X};
        uint64_t flags = MMU_PTE_V | kGood[r.below(4)] | MMU_PTE_A | (r.percent(70) ? MMU_PTE_D : 0) |
                         (r.percent(60) ? MMU_PTE_U : 0);
        if (!r.percent(used)) {
            static const uint64_t kBad[] = {MMU_PTE_R | MMU_PTE_W | MMU_PTE_A | MMU_PTE_D /* V = 0 */,
                                            MMU_PTE_V | MMU_PTE_W /* W without R */,
                                            MMU_PTE_V | MMU_PTE_R /* A = 0 */};
            flags = kBad[r.below(3)];
        }
        uint64_t ppn = (0x90000 + r.below(0x1000)) & ~mask(leaf_level * idx);
        leaf = mmu_sv_pte(ppn, flags);
        pages.push_back({va, flags});
    }
    p.csrs = {{MMU_CSR_STATUS, 0}, {MMU_CSR_SATP, mmu_satp_value(mode, 0, root)}};
    p.args = {"ARG seed " + std::to_string(o.seed), fmt("ARG mode %s", mmu_satp_mode_name(mode)),
              "ARG num " + std::to_string(n)};
    p.layout = {fmt("SATP: MODE %s, ASID 0, PPN 0x%" PRIx64 " (the root table at 0x%" PRIx64 ");"
                    " STATUS: SUM 0, MXR 0, HWAD 0", mmu_satp_mode_name(mode), root, root << 12),
                fmt("PTE: PPN at bits %u:10, then D A G U X W R V (bits 7..0); %u-byte entries, "
                    "%u index bits per level.", sv32 ? 31 : 53, pte_bytes, idx),
                "Non-zero entries of each page-table page:"};
    for (auto &[ppn, entries] : tables) {
        p.layout.push_back(fmt("  table at 0x%" PRIx64 " (level %u):", ppn << 12, table_level[ppn]));
        for (auto &[i, e] : entries) {
            p.poke((ppn << 12) + i * pte_bytes, pte_bytes, e);
            p.layout.push_back(fmt("    [%3u] @0x%" PRIx64 "  0x%0*" PRIx64, i,
                                   (ppn << 12) + i * pte_bytes, int(2 * pte_bytes), e));
        }
    }
    for (unsigned i = 0; i < n; i++) {
        Access a;
        if (!pages.empty() && r.percent(80)) {
            const Page &pg = pages[r.below(pages.size())];
            a.va = pg.va + r.below(4096);
        } else {
            a.va = canon(r.next());
        }
        a.acc = unsigned(r.below(3));
        a.priv = r.percent(50) ? MMU_PRIV_U : MMU_PRIV_S;
        p.trace.push_back(a);
    }
}

// ---------------------------------------------------------------------------------------------
// solving: the model answers

std::string pte_fields(const Problem &p, uint64_t v)
{
    if (p.pte == PteFmt::Teach) {
        uint64_t pfn = (v >> p.pfn_lsb) & mask(p.pfn_width);
        std::string s = fmt("valid %u", unsigned((v >> p.valid_bit) & 1));
        if (p.present_used)
            s += fmt(" present %u", unsigned((v >> p.present_bit) & 1));
        return s + fmt(" pfn 0x%" PRIx64 " [decimal %" PRIu64 "]", pfn, pfn);
    }
    std::string flags;
#define MMU_X_FLAG(n, b) flags += (v & MMU_PTE_##n) ? #n : "-";
    MMU_PTE_FLAG_LIST(MMU_X_FLAG)
#undef MMU_X_FLAG
    mmu_geometry_t g;
    mmu_geometry(p.pte == PteFmt::Sv32 ? MMU_SATP_SV32 : MMU_SATP_SV39, 0, &g);
    bool valid = v & MMU_PTE_V, leaf = v & (MMU_PTE_R | MMU_PTE_X);
    return fmt("ppn 0x%" PRIx64 " %s%s", mmu_sv_pte_ppn(v, g.ppn_bits), flags.c_str(),
               valid && !leaf ? " (a pointer)" : valid ? " (a leaf)" : "");
}

struct Answer {
    mmu_result_t res;
    uint64_t value = 0;  // the byte loaded (multi-level)
    uint64_t tlb_hi = 0, tlb_badva = 0;  // Soft: after a TLB_MISS
};

std::vector<Answer> solve(const Problem &p)
{
    mmu_config_t cfg{16, 16};
    char err[160];
    mmu_model_t *m = mmu_create(&cfg, err, sizeof err);
    if (!m)
        quiz_error(err);
    MemModel mem;
    for (auto &[a, b] : p.bytes)
        mem.write(a, 0, b);
    for (auto &[addr, v] : p.csrs)
        mmu_csr_write(m, addr, v);
    mmu_memory_t iface{};
    iface.read = [](void *u, uint64_t a, unsigned size, uint64_t *d) {
        *d = static_cast<MemModel *>(u)->read(a, size);
        return true;
    };
    iface.write = [](void *u, uint64_t a, unsigned size, uint64_t d) {
        static_cast<MemModel *>(u)->write(a, size, d);
        return true;
    };
    iface.user = &mem;
    std::vector<Answer> out;
    for (const Access &a : p.trace) {
        if (!p.keep_tlb)
            mmu_csr_write(m, MMU_CSR_FLUSH, MMU_FLUSH_ALL);  // a fresh TLB for every address
        Answer ans;
        mmu_translate(m, a.va, a.acc, a.priv, &iface, &ans.res);
        if (!ans.res.fault)
            ans.value = mem.read(ans.res.paddr, 0);
        ans.tlb_hi = mmu_csr_read(m, MMU_CSR_TLB_HI);
        ans.tlb_badva = mmu_csr_read(m, MMU_CSR_TLB_BADVA);
        out.push_back(ans);
    }
    mmu_destroy(m);
    return out;
}

const char *acc_word(unsigned acc) { return acc == MMU_ACC_LOAD ? "load" : acc == MMU_ACC_STORE ? "store" : "fetch"; }
const char *priv_word(unsigned priv) { return priv == MMU_PRIV_U ? "U" : priv == MMU_PRIV_S ? "S" : "M"; }

// The segment a VA selects and its offset (how a student splits the address).
std::string seg_split(const Problem &p, uint64_t va)
{
    if (!p.seg_va_bits || (va >> p.seg_va_bits))
        return "";
    unsigned off_bits = p.seg_va_bits - p.seg_select;
    uint64_t n = va >> off_bits, off = va & mask(off_bits);
    bool down = false, hybrid = false;
    for (auto &[addr, v] : p.csrs) {
        if (addr == MMU_CSR_SEG0_FLAGS + 3 * n)
            down = v & MMU_SEG_FLAGS_DOWN_MASK;
        if (addr == MMU_CSR_SEGCTL)
            hybrid = MMU_FIELD(v, SEGCTL_HYBRID);
    }
    if (hybrid) {
        unsigned shift = 0;
        for (auto &[addr, v] : p.csrs)
            if (addr == MMU_CSR_RADIX)
                shift = unsigned(MMU_FIELD(v, RADIX_OFFSET));
        return fmt("segment %" PRIu64 ", VPN %" PRIu64 " (its table's entry %" PRIu64 "), offset 0x%" PRIx64,
                   n, off >> shift, off >> shift, off & mask(shift));
    }
    if (down)
        return fmt("segment %" PRIu64 " (grows down), offset 0x%" PRIx64 ": negative offset -0x%" PRIx64,
                   n, off, (uint64_t(1) << off_bits) - off);
    return fmt("segment %" PRIu64 ", offset 0x%" PRIx64, n, off);
}

std::string json_str(const std::string &s)
{
    std::string o = "\"";
    for (char c : s)
        o += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return o + "\"";
}

void print_text(const Problem &p, const Options &o, const std::vector<Answer> *ans)
{
    std::printf("mmusim quiz --mode %s --seed %" PRIu64 "%s\n\n", o.mode.c_str(), o.seed,
                ans ? " -c" : "");
    for (const std::string &a : p.args)
        std::printf("%s\n", a.c_str());
    std::printf("\n");
    for (const std::string &l : p.layout)
        std::printf("%s\n", l.c_str());
    std::printf("\nVirtual Address Trace%s\n",
                !ans ? "" : p.keep_tlb ? " (answers from the reference model; no refills in between)"
                                       : " (answers from the reference model; the TLB is flushed before each)");
    for (size_t i = 0; i < p.trace.size(); i++) {
        const Access &a = p.trace[i];
        std::string head = fmt("  VA %2zu: 0x%08" PRIx64 " (decimal: %8" PRIu64 ") %-5s %s", i, a.va,
                               a.va, acc_word(a.acc), priv_word(a.priv));
        if (!ans) {
            std::printf("%s --> PA or fault?\n", head.c_str());
            continue;
        }
        const mmu_result_t &r = (*ans)[i].res;
        if (r.fault)
            std::printf("%s --> FAULT %s (%s, exception %u) at level %u\n", head.c_str(),
                        mmu_cause_name(r.cause), mmu_exc_text(r.exc), r.exc, r.level);
        else if (p.show_value)
            std::printf("%s --> PA 0x%03" PRIx64 " --> Value: 0x%02" PRIx64 "\n", head.c_str(),
                        r.paddr, (*ans)[i].value);
        else
            std::printf("%s --> PA 0x%08" PRIx64 " (decimal %" PRIu64 ")\n", head.c_str(), r.paddr,
                        r.paddr);
        std::string split = seg_split(p, a.va);
        if (!split.empty())
            std::printf("          %s\n", split.c_str());
        for (unsigned k = 0; k < r.n_access; k++) {
            const mmu_pte_access_t &x = r.access[k];
            std::printf("          level %u entry @0x%08" PRIx64 " = 0x%0*" PRIx64 "  %s\n", x.level,
                        x.addr, int(2 * p.pte_bytes), x.value,
                        pte_fields(p, x.value).c_str());
        }
        if (r.fault)
            std::printf("          %s: %s\n", mmu_cause_name(r.cause), mmu_cause_text(r.cause));
        if (p.keep_tlb && r.hit)
            std::printf("          from TLB entry %u\n", r.hit_index);
        if (r.fault && r.cause == MMU_CAUSE_TLB_MISS)
            std::printf("          now TLB_BADVA = 0x%" PRIx64 ", TLB_HI = 0x%" PRIx64 " (ASID %" PRIu64
                        ", VPN 0x%" PRIx64 ")\n",
                        (*ans)[i].tlb_badva, (*ans)[i].tlb_hi, MMU_FIELD((*ans)[i].tlb_hi, TLB_HI_ASID),
                        MMU_FIELD((*ans)[i].tlb_hi, TLB_HI_VPN));
    }
    if (!ans)
        std::printf("\nFor each virtual address, write down the physical address it translates to,\n"
                    "or the fault it raises (and at which level). Run again with -c for the answers.\n");
}

void print_json(const Problem &p, const Options &o, const std::vector<Answer> *ans)
{
    std::string s = "{\"schema\":\"mmu-quiz/1\",\"mode\":" + json_str(o.mode) +
                    ",\"seed\":" + std::to_string(o.seed) + ",\"args\":[";
    for (size_t i = 0; i < p.args.size(); i++)
        s += (i ? "," : "") + json_str(p.args[i]);
    s += "],\"registers\":[";
    for (size_t i = 0; i < p.csrs.size(); i++)
        s += std::string(i ? "," : "") + "{\"name\":" + json_str(mmu_csr_name(p.csrs[i].first)) +
             ",\"value\":" + json_str(hx(p.csrs[i].second)) + "}";
    s += "],\"layout\":[";
    for (size_t i = 0; i < p.layout.size(); i++)
        s += (i ? "," : "") + json_str(p.layout[i]);
    s += "],\"trace\":[";
    for (size_t i = 0; i < p.trace.size(); i++) {
        const Access &a = p.trace[i];
        s += std::string(i ? "," : "") + "{\"va\":" + json_str(hx(a.va)) + ",\"acc\":" +
             json_str(mmu_acc_name(a.acc)) + ",\"priv\":" + json_str(mmu_priv_name(a.priv));
        if (ans) {
            const mmu_result_t &r = (*ans)[i].res;
            s += ",\"fault\":" + std::string(r.fault ? "true" : "false");
            if (r.fault)
                s += ",\"cause\":" + json_str(mmu_cause_name(r.cause)) + ",\"exc\":" +
                     json_str(mmu_exc_name(r.exc)) + ",\"explanation\":" + json_str(mmu_cause_text(r.cause));
            else
                s += ",\"pa\":" + json_str(hx(r.paddr));
            if (p.show_value && !r.fault)
                s += ",\"value\":" + json_str(hx((*ans)[i].value));
            if (p.keep_tlb)
                s += ",\"hit\":" + std::string(r.hit ? "true" : "false") +
                     (r.hit ? ",\"entry\":" + std::to_string(r.hit_index) : std::string());
            if (r.fault && r.cause == MMU_CAUSE_TLB_MISS)
                s += ",\"tlb_badva\":" + json_str(hx((*ans)[i].tlb_badva)) + ",\"tlb_hi\":" +
                     json_str(hx((*ans)[i].tlb_hi));
            s += ",\"level\":" + std::to_string(r.level) + ",\"walk\":[";
            for (unsigned k = 0; k < r.n_access; k++)
                s += std::string(k ? "," : "") + "{\"level\":" + std::to_string(r.access[k].level) +
                     ",\"addr\":" + json_str(hx(r.access[k].addr)) + ",\"value\":" +
                     json_str(hx(r.access[k].value)) + ",\"fields\":" +
                     json_str(pte_fields(p, r.access[k].value)) + "}";
            s += "]";
        }
        s += "}";
    }
    std::printf("%s]}\n", s.c_str());
}

bool write_scenario(const Problem &p, const Options &o, const std::vector<Answer> &ans,
                    const std::string &path)
{
    FILE *f = std::fopen(path.c_str(), "w");
    if (!f)
        return false;
    std::fprintf(f, "# mmusim quiz --mode %s --seed %" PRIu64 ": the problem, with the reference\n"
                    "# model's answers as expectations (grade an RTL with mmucosim --scenario).\n",
                 o.mode.c_str(), o.seed);
    for (auto &[addr, v] : p.csrs)
        std::fprintf(f, "csr %s 0x%" PRIx64 "\n", mmu_csr_name(addr), v);
    // the memory image, eight bytes a line where the bytes are contiguous
    std::map<uint64_t, uint8_t> bytes;
    for (auto &[a, b] : p.bytes)
        bytes[a] = uint8_t(b);
    for (auto it = bytes.begin(); it != bytes.end();) {
        uint64_t a = it->first;
        if (a % 8 == 0 && bytes.count(a + 7) && std::next(it, 7)->first == a + 7) {
            uint64_t w = 0;
            for (unsigned i = 0; i < 8; i++, ++it)
                w |= uint64_t(it->second) << (8 * i);
            std::fprintf(f, "poke 0x%" PRIx64 " 0x%016" PRIx64 "\n", a, w);
        } else {
            std::fprintf(f, "poke 0x%" PRIx64 " 0x%02x 1\n", a, it->second);
            ++it;
        }
    }
    for (size_t i = 0; i < p.trace.size(); i++) {
        const Access &a = p.trace[i];
        const mmu_result_t &r = ans[i].res;
        if (!p.keep_tlb)
            std::fprintf(f, "flush ALL\n");
        if (r.fault)
            std::fprintf(f, "req 0x%" PRIx64 " %s %s fault=%s exc=%s level=%u\n", a.va, acc_word(a.acc),
                         priv_word(a.priv), mmu_cause_name(r.cause), mmu_exc_name(r.exc), r.level);
        else
            std::fprintf(f, "req 0x%" PRIx64 " %s %s pa=0x%" PRIx64 " level=%u\n", a.va, acc_word(a.acc),
                         priv_word(a.priv), r.paddr, r.level);
        if (r.fault && r.cause == MMU_CAUSE_TLB_MISS)
            std::fprintf(f, "csr read TLB_BADVA expect=0x%" PRIx64 "\ncsr read TLB_HI expect=0x%" PRIx64 "\n",
                         ans[i].tlb_badva, ans[i].tlb_hi);
    }
    return std::fclose(f) == 0;
}

void usage(FILE *to)
{
    std::fprintf(to,
        "usage: mmusim quiz --mode MODE [--seed N] [-c] [--json] [--scenario F.scn] [options]\n"
        "A seeded translation problem in the style of the OSTEP homework simulators; the answers\n"
        "(-c) come from the reference model, with every PDE/PTE read, its fields and the check\n"
        "that faulted.\n"
        "  --mode MODE      bb, seg, linear, multilevel, hybrid, sv32, sv39 or sv48\n"
        "  --seed N, -s N   the problem's seed (default 0): same seed, same problem everywhere\n"
        "  -c               print the answers and the walks\n"
        "  --json           the same as JSON (schema mmu-quiz/1)\n"
        "  --scenario F     also write the problem as a scenario whose expectations are the\n"
        "                   answers (mmucosim --scenario F grades an RTL on the same quiz)\n"
        "  -a SIZE          address-space size (bb, seg, linear, hybrid; multilevel: the number\n"
        "                   of virtual pages allocated, 1..90)\n"
        "  -p SIZE          physical memory size (bb, seg, linear, hybrid)\n"
        "  -P SIZE          page size (linear, hybrid)\n"
        "  -n N             number of addresses (1..100)\n"
        "  -u PERCENT       pages in use (linear, hybrid) or good leaves (sv32/39/48)\n"
        "SIZE is a number with an optional k, m or g (16, 64k, 32m). Options outside what a mode\n"
        "takes are errors (exit 2).\n");
}

}  // namespace

int quiz_main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                quiz_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "-h" || a == "--help") {
            usage(stdout);
            return 0;
        } else if (a == "--mode") {
            o.mode = value();
        } else if (a == "--seed" || a == "-s") {
            std::string v = value();
            char *end = nullptr;
            o.seed = std::strtoull(v.c_str(), &end, 10);
            if (v.empty() || *end || v[0] == '-')
                quiz_error(a + " '" + v + "': expected a non-negative integer");
        } else if (a == "-c") {
            o.solve = true;
        } else if (a == "--json") {
            o.json = true;
        } else if (a == "--scenario") {
            o.scenario = value();
        } else if (a.size() == 2 && a[0] == '-' && std::strchr("apPnu", a[1])) {
            o.given[a[1]] = value();
        } else {
            quiz_error("unknown option '" + a + "'");
        }
    }
    static const std::map<std::string, std::string> kTakes = {
        {"bb", "apn"},      {"seg", "apn"},     {"linear", "apPnu"}, {"multilevel", "an"},
        {"hybrid", "apPnu"}, {"sv32", "nu"},    {"sv39", "nu"},      {"sv48", "nu"},
        {"soft", "nu"}};
    auto takes = kTakes.find(o.mode);
    if (takes == kTakes.end())
        quiz_error("--mode " + (o.mode.empty() ? std::string("is required") : "'" + o.mode + "' is unknown") +
                   ": one of bb, seg, linear, multilevel, hybrid, sv32, sv39, sv48, soft");
    for (auto &[opt, v] : o.given)
        if (takes->second.find(opt) == std::string::npos) {
            std::string list;
            for (char c : takes->second)
                list += std::string(list.empty() ? "" : " ") + "-" + c;
            quiz_error(fmt("-%c is not an option of --mode %s (it takes %s)", opt, o.mode.c_str(),
                           list.c_str()));
        }
    gen::Rng rng(o.seed);
    Problem p;
    p.mode = o.mode;
    if (o.mode == "bb")
        gen_bb(p, o, rng);
    else if (o.mode == "seg")
        gen_seg(p, o, rng);
    else if (o.mode == "linear")
        gen_linear(p, o, rng);
    else if (o.mode == "multilevel")
        gen_multilevel(p, o, rng);
    else if (o.mode == "hybrid")
        gen_hybrid(p, o, rng);
    else if (o.mode == "soft")
        gen_soft(p, o, rng);
    else
        gen_sv(p, o, rng, o.mode == "sv32" ? MMU_SATP_SV32 : o.mode == "sv39" ? MMU_SATP_SV39 : MMU_SATP_SV48);
    std::vector<Answer> ans = solve(p);
    if (!o.scenario.empty() && !write_scenario(p, o, ans, o.scenario)) {
        std::fprintf(stderr, "mmusim quiz: %s: cannot write the scenario\n", o.scenario.c_str());
        return 2;
    }
    if (o.json)
        print_json(p, o, o.solve ? &ans : nullptr);
    else
        print_text(p, o, o.solve ? &ans : nullptr);
    return 0;
}

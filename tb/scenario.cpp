// Scenario parser and executor (format: docs/scenarios.md).
#include "scenario.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <sstream>

#include "mmu_enums.h"

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

namespace {

std::string upper(std::string s)
{
    for (auto &c : s)
        c = char(std::toupper((unsigned char)c));
    return s;
}

std::string lower(std::string s)
{
    for (auto &c : s)
        c = char(std::tolower((unsigned char)c));
    return s;
}

std::string hex(uint64_t v)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
    return buf;
}

// Value shown with both bases, for counters and register values.
std::string numstr(uint64_t v)
{
    if (v < 10)
        return std::to_string(v);
    if (v >= 1000000)
        return hex(v);
    return std::to_string(v) + " (" + hex(v) + ")";
}

}  // namespace

bool ReqExpect::empty() const
{
    return !pa && !ok && !cause && !exc && !level && !hit && !hit_index && !fill && !cycles &&
           !accept && !reads && !writes;
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

namespace {

// col: 1-based byte column of the offending token (0: the message names the line only);
// first_line/first_col: where an earlier token that conflicts with it sits (0: none).
struct ParseError {
    std::string msg;
    int col = 0;
    int first_line = 0, first_col = 0;
};

[[noreturn]] void bad(const std::string &msg) { throw ParseError{msg}; }

// Who set a field, so that a second setter can name the first one's place.
struct Setter {
    std::string tok;
    int line = 0, col = 0;
};
using SeenMap = std::map<std::string, Setter>;

// Records that token `tok` at line:col sets `key`; a second setter of the same key is an error
// naming both places: `asid=1 asid=2` and `HWAD hwad=0` used to OR the values silently, and `hit
// miss` kept only the last one.
void note_set(SeenMap &seen, const std::string &key, const std::string &tok, int line, int col)
{
    auto it = seen.find(key);
    if (it != seen.end())
        throw ParseError{"'" + tok + "' sets " + key + " a second time; first set by '" +
                             it->second.tok + "'",
                         col, it->second.line, it->second.col};
    seen[key] = Setter{tok, line, col};
}

// Marks that token i of the line sets the named thing (see note_set).
using Mark = std::function<void(const std::string &key, size_t i)>;

// Numbers: decimal, 0x hex or 0b binary, '_' allowed between digits; at most 64 bits.
uint64_t parse_num(const std::string &tok, const std::string &what)
{
    std::string s;
    for (char c : tok)
        if (c != '_')
            s += c;
    unsigned base = 10;
    size_t i = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    } else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
        base = 2;
        i = 2;
    }
    if (i >= s.size() || tok.empty() || tok[0] == '_' || tok.back() == '_')
        bad("bad number '" + tok + "' for " + what);
    uint64_t v = 0;
    for (; i < s.size(); i++) {
        int c = std::tolower((unsigned char)s[i]);
        unsigned d;
        if (c >= '0' && c <= '9')
            d = unsigned(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = unsigned(c - 'a' + 10);
        else
            bad("bad number '" + tok + "' for " + what);
        if (d >= base)
            bad("bad number '" + tok + "' for " + what);
        if (v > (UINT64_MAX - d) / base)
            bad("number '" + tok + "' for " + what + " does not fit in 64 bits");
        v = v * base + d;
    }
    return v;
}

uint64_t parse_range(const std::string &tok, const std::string &what, uint64_t lo, uint64_t hi)
{
    uint64_t v = parse_num(tok, what);
    if (v < lo || v > hi)
        bad("value " + tok + " out of range for " + what + " (" + std::to_string(lo) + ".." +
            (hi > 0xffff ? hex(hi) : std::to_string(hi)) + ")");
    return v;
}

double parse_prob(const std::string &tok, const std::string &what)
{
    const char *b = tok.c_str();
    char *e = nullptr;
    errno = 0;
    double d = std::strtod(b, &e);
    if (tok.empty() || *e != '\0' || errno != 0 || !(d == d))
        bad("bad number '" + tok + "' for " + what);
    if (d < 0.0 || d > 1.0)
        bad("value " + tok + " out of range for " + what + " (0..1)");
    return d;
}

unsigned parse_size_bytes(const std::string &tok)
{
    uint64_t v = parse_num(tok, "size");
    switch (v) {
    case 1: return 0;
    case 2: return 1;
    case 4: return 2;
    case 8: return 3;
    default: bad("size " + tok + " must be 1, 2, 4 or 8 bytes");
    }
}

// "key=value" or a bare flag.
struct Field {
    std::string key;  // lower case
    std::string val;
    bool has_val;
    std::string tok;
};

Field split_field(const std::string &tok)
{
    Field f;
    f.tok = tok;
    size_t eq = tok.find('=');
    if (eq == std::string::npos) {
        f.key = lower(tok);
        f.has_val = false;
    } else {
        f.key = lower(tok.substr(0, eq));
        f.val = tok.substr(eq + 1);
        f.has_val = true;
        if (f.key.empty())
            bad("missing field name in '" + tok + "'");
        if (f.val.empty())
            bad("missing value for field '" + f.key + "'");
    }
    return f;
}

// Register fields for `csr NAME field=value ...`: the generated table of every register's fields
// (MMU_REG_FIELDS, from rtl/mmu_regs.rdl); names are matched case-insensitively.
struct FieldDef {
    const char *family;  // "SATP", ..., "SEG_FLAGS" for every SEGn_FLAGS
    const char *name;
    unsigned lsb, width;
    int (*from_name)(const char *);  // the field's enumeration, or nullptr
    bool writable;
};

int (*const NONE_from_name)(const char *) = nullptr;
#define SATP_from_name mmu_satp_mode_from_name
#define SEG_from_name mmu_seg_mode_from_name
#define POLICY_from_name mmu_policy_from_name
#define FLUSH_from_name mmu_flush_kind_from_name
#define TLB_CMD_from_name mmu_tlb_cmd_from_name
const FieldDef kFields[] = {
#define MMU_X_FIELD(fam, fld, lsb, width, en, wr) {#fam, #fld, lsb, width, en##_from_name, wr != 0},
    MMU_REG_FIELDS(MMU_X_FIELD)
#undef MMU_X_FIELD
};
#undef SATP_from_name
#undef SEG_from_name
#undef POLICY_from_name
#undef FLUSH_from_name
#undef TLB_CMD_from_name

// The register family of a register ("SEG_FLAGS" for SEG3_FLAGS), for the field table.
std::string family_of(unsigned csr)
{
    std::string n = mmu_csr_name(csr);
    if (n.size() > 4 && n.compare(0, 3, "SEG") == 0 && std::isdigit((unsigned char)n[3]))
        return "SEG" + n.substr(4);  // SEGn_X -> SEG_X
    return n;
}

// Whether the register has fields a scenario may name: a writable field narrower than the
// register (a counter or a plain 64-bit register like BASE takes a value).
bool has_fields(unsigned csr)
{
    std::string fam = family_of(csr);
    for (const FieldDef &f : kFields)
        if (fam == f.family && f.writable && f.width < 64)
            return true;
    return false;
}

// Compose a register value from field tokens.
uint64_t parse_fields(unsigned csr, const std::string &reg, const std::vector<std::string> &toks,
                      size_t from, const Mark &mark)
{
    uint64_t v = 0;
    std::string fam = family_of(csr);
    for (size_t i = from; i < toks.size(); i++) {
        Field f = split_field(toks[i]);
        const FieldDef *d = nullptr;
        for (const FieldDef &x : kFields)
            if (fam == x.family && x.writable && f.key == lower(x.name))
                d = &x;
        if (!d)
            bad("unknown field '" + f.key + "' for register " + reg);
        mark("field " + f.key + " of " + reg, i);
        uint64_t fv;
        if (!f.has_val) {
            if (d->width != 1)
                bad("field '" + f.key + "' of " + reg + " needs a value (" + f.key + "=...)");
            fv = 1;
        } else if (d->from_name && !std::isdigit((unsigned char)f.val[0])) {
            int e = d->from_name(f.val.c_str());
            if (e < 0)
                bad("unknown value '" + f.val + "' for field " + f.key + " of " + reg);
            fv = uint64_t(e);
        } else {
            uint64_t max = d->width == 64 ? UINT64_MAX : (uint64_t(1) << d->width) - 1;
            fv = parse_range(f.val, "field " + f.key + " of " + reg, 0, max);
        }
        v |= fv << d->lsb;
    }
    return v;
}

unsigned parse_csr_addr(const std::string &tok)
{
    if (std::isdigit((unsigned char)tok[0]))
        return unsigned(parse_range(tok, "register address", 0, 255));
    int a = mmu_csr_from_name(tok.c_str());
    if (a < 0)
        bad("unknown register '" + tok + "'");
    return unsigned(a);
}

std::string csr_label(unsigned addr)
{
    const char *n = mmu_csr_name(addr);
    if (n[0] != '?')
        return n;
    return hex(addr);
}

// PTE value from `pte ADDR ...` fields; sv32: 32-bit PTE. The layout is mmu_helpers.h's.
uint64_t parse_pte(const std::vector<std::string> &toks, size_t from, bool sv32, const Mark &mark)
{
    const unsigned mode = sv32 ? MMU_SATP_SV32 : MMU_SATP_SV39;
    mmu_geometry_t g;
    mmu_geometry(mode, 0, &g);
    auto max_of = [](unsigned width) { return (uint64_t(1) << width) - 1; };
    mmu_pte_fields_t pte;
    mmu_pte_decode(mode, 0, &pte);
    uint64_t raw = 0;
    for (size_t i = from; i < toks.size(); i++) {
        Field f = split_field(toks[i]);
        // ppn= and pa= both set the PPN; every other field names itself
        mark(f.key == "pa" ? std::string("ppn") : f.key, i);
        bool flag = false;
#define MMU_X_FLAG(n, b)                                     \
    if (!f.has_val && f.key == lower(#n)) {                  \
        pte.flags |= MMU_PTE_##n;                            \
        flag = true;                                         \
    }
        MMU_PTE_FLAG_LIST(MMU_X_FLAG)
#undef MMU_X_FLAG
        if (flag)
            continue;
        if (f.key == "ppn" && f.has_val) {
            pte.ppn = parse_range(f.val, "ppn", 0, max_of(g.ppn_bits));
        } else if (f.key == "pa" && f.has_val) {
            uint64_t pa = parse_num(f.val, "pa");
            if (pa & max_of(g.page_shift))
                bad("pa=" + f.val + " is not 4 KiB aligned (use ppn=)");
            if ((pa >> g.page_shift) >> g.ppn_bits)
                bad("value " + f.val + " out of range for pa");
            pte.ppn = pa >> g.page_shift;
        } else if (f.key == "rsw" && f.has_val) {
            pte.rsw = uint8_t(parse_range(f.val, "rsw", 0, max_of(MMU_PTE_SV64_RSW_WIDTH)));
        } else if (!sv32 && f.key == "n" && !f.has_val) {
            pte.n = true;
        } else if (!sv32 && f.key == "pbmt" && f.has_val) {
            pte.pbmt = uint8_t(parse_range(f.val, "pbmt", 0, max_of(MMU_PTE_SV64_PBMT_WIDTH)));
        } else if (!sv32 && f.key == "rsvd" && f.has_val) {
            pte.rsvd = uint8_t(parse_range(f.val, "rsvd (bits 60:54)", 0, max_of(MMU_PTE_SV64_RSVD_WIDTH)));
        } else if (f.key == "raw" && f.has_val) {
            raw |= parse_range(f.val, "raw", 0, sv32 ? 0xffffffffull : UINT64_MAX);
        } else {
            bad("unknown PTE field '" + f.tok + "'");
        }
    }
    return mmu_pte_compose(mode, &pte) | raw;
}

// Expectation fields of a req / expect line.
void parse_expect(ReqExpect &ex, const std::vector<std::string> &toks, size_t from, bool allow_nowait,
                  bool *nowait, const Mark &mark)
{
    for (size_t i = from; i < toks.size(); i++) {
        Field f = split_field(toks[i]);
        const std::string &k = f.key;
        // One key per answer property: `hit miss` and `fill=3 nofill` set the same one twice.
        if (k == "hit" || k == "miss")
            mark("hit/miss", i);
        else if (k == "fill" || k == "nofill")
            mark("fill/nofill", i);
        else if (k != "expect")
            mark(k, i);
        if (!f.has_val) {
            if (k == "nowait" && allow_nowait)
                *nowait = true;
            else if (k == "hit")
                ex.hit = true;
            else if (k == "miss")
                ex.hit = false;
            else if (k == "ok")
                ex.ok = true;
            else if (k == "nofill")
                ex.fill = -1;
            else if (k == "expect")
                continue;  // `req ... expect pa=...` reads naturally
            else
                bad("unknown expectation '" + f.tok + "'");
            continue;
        }
        if (k == "pa") {
            ex.pa = parse_range(f.val, "pa", 0, (uint64_t(1) << 56) - 1);
        } else if (k == "fault") {
            int c = std::isdigit((unsigned char)f.val[0])
                        ? int(parse_range(f.val, "fault", 0, MMU_CAUSE_COUNT - 1))
                        : mmu_cause_from_name(f.val.c_str());
            if (c < 0)
                bad("unknown fault reason '" + f.val + "'");
            if (c == MMU_CAUSE_NONE)
                bad("fault=NONE: write ok for an answer without a fault");
            ex.cause = unsigned(c);
        } else if (k == "exc") {
            int e = std::isdigit((unsigned char)f.val[0]) ? int(parse_range(f.val, "exc", 0, 31))
                                                          : mmu_exc_from_name(f.val.c_str());
            if (e < 0)
                bad("unknown exception '" + f.val + "'");
            ex.exc = unsigned(e);
        } else if (k == "level") {
            ex.level = unsigned(parse_range(f.val, "level", 0, 3));
        } else if (k == "hit_index") {
            ex.hit_index = unsigned(parse_range(f.val, "hit_index", 0, MMU_MAX_TLB_ENTRIES - 1));
        } else if (k == "fill") {
            ex.fill = int(parse_range(f.val, "fill", 0, MMU_MAX_TLB_ENTRIES - 1));
        } else if (k == "cycles") {
            ex.cycles = parse_range(f.val, "cycles", 1, UINT64_MAX);
        } else if (k == "accept") {
            ex.accept = parse_num(f.val, "accept");
        } else if (k == "reads") {
            ex.reads = unsigned(parse_range(f.val, "reads", 0, 1000000));
        } else if (k == "writes") {
            ex.writes = unsigned(parse_range(f.val, "writes", 0, 1000000));
        } else {
            bad("unknown expectation '" + f.key + "'");
        }
    }
}

// Whitespace-separated tokens up to a comment; cols gets each token's 1-based byte column.
std::vector<std::string> tokenize(const std::string &line, std::vector<int> &cols)
{
    std::vector<std::string> t;
    cols.clear();
    size_t i = 0, n = line.size();
    while (i < n) {
        while (i < n && std::isspace((unsigned char)line[i]))
            i++;
        if (i >= n || line[i] == '#')
            break;
        size_t b = i;
        while (i < n && !std::isspace((unsigned char)line[i]))
            i++;
        t.push_back(line.substr(b, i - b));
        cols.push_back(int(b) + 1);
    }
    return t;
}

std::string trim(const std::string &s)
{
    size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return "";
    size_t h = s.find(" #");
    size_t e = s.find_last_not_of(" \t\r", h == std::string::npos ? std::string::npos : h);
    return s.substr(b, e - b + 1);
}

void need_args(const std::vector<std::string> &t, size_t n, const char *usage)
{
    if (t.size() < n)
        bad(std::string("missing field: usage: ") + usage);
}

void no_more_args(const std::vector<std::string> &t, size_t n)
{
    if (t.size() > n)
        bad("unexpected '" + t[n] + "' after " + t[0]);
}

// Memory addresses (poke, peek, pte, mem error): the page-table memory holds 2^56 bytes
// (tb/mem_model.h) and used to wrap an address above that silently; an access that would run
// past 2^56 (or past 2^64) is an error too.
uint64_t parse_mem_addr(const std::string &tok, unsigned size_log2)
{
    uint64_t a = parse_num(tok, "address");
    uint64_t last = a + ((uint64_t(1) << size_log2) - 1);
    if (a >> 56 || last < a || last >> 56)
        bad("address " + tok + " (" + std::to_string(1u << size_log2) +
            " bytes) is outside the page-table memory (0..0xffffffffffffff, 56 bits)");
    return a;
}

class Parser {
public:
    explicit Parser(Scenario &sc) : sc_(sc) {}
    void line(int lineno, const std::string &raw);

private:
    Scenario &sc_;
    Command base_;
    bool last_was_req_ = false;
    bool last_was_csr_write_ = false;
    int lineno_ = 0;
    std::vector<int> cols_;  // columns of the current line's tokens
    SeenMap line_seen_;      // what the current line has set
    SeenMap req_seen_;       // what the latest req's line and its expect lines have set
    int tlb_line_ = 0, asid_bits_line_ = 0;
    // A Mark for tokens of the current line; `cols` maps a token index to its column when the
    // tokens are not the line's own (seg's flag list).
    Mark marker(SeenMap &seen, const std::vector<std::string> &t, const std::vector<int> &cols)
    {
        return [this, &seen, &t, &cols](const std::string &key, size_t i) {
            note_set(seen, key, t[i], lineno_, cols[i]);
        };
    }
    [[noreturn]] void conflict(const std::string &a, const std::string &b, const std::string &what)
    {
        const Setter &x = req_seen_.at(a), &y = req_seen_.at(b);
        const Setter &late = x.line > y.line || (x.line == y.line && x.col > y.col) ? x : y;
        const Setter &early = &late == &x ? y : x;
        throw ParseError{"contradictory expectations: '" + late.tok + "' and '" + early.tok + "' (" +
                             what + ")",
                         late.col, early.line, early.col};
    }
    // Expectations that cannot both hold on one answer.
    void check_contradictions()
    {
        auto has = [this](const char *k) { return req_seen_.count(k) != 0; };
        for (const char *k : {"pa", "ok"})
            if (has(k) && has("fault"))
                conflict(k, "fault", "an answer has either a fault or a physical address");
        if (has("hit_index") && has("hit/miss") && lower(req_seen_.at("hit/miss").tok) == "miss")
            conflict("hit_index", "hit/miss", "hit_index= needs a hit");
    }
    Command &push(CmdKind k)
    {
        sc_.cmds.push_back(base_);
        sc_.cmds.back().kind = k;
        return sc_.cmds.back();
    }
    void csr_write(unsigned addr, uint64_t v)
    {
        Command &c = push(CmdKind::CsrWrite);
        c.csr = addr;
        c.value = v;
    }
    void csr_read(unsigned addr, std::optional<uint64_t> expect)
    {
        Command &c = push(CmdKind::CsrRead);
        c.csr = addr;
        c.expect = expect;
        c.label = csr_label(addr);
    }
    void cmd_csr(const std::vector<std::string> &t);
    void cmd_mem(const std::vector<std::string> &t);
};

void Parser::cmd_csr(const std::vector<std::string> &t)
{
    Mark mark = marker(line_seen_, t, cols_);
    need_args(t, 2, "csr NAME VALUE|FIELD=... / csr write ADDR VALUE / csr read ADDR [expect=V]");
    std::string sub = lower(t[1]);
    if (sub == "read") {
        need_args(t, 3, "csr read NAME|ADDR [expect=VALUE]");
        unsigned a = parse_csr_addr(t[2]);
        std::optional<uint64_t> ex;
        bool nowait = false;
        for (size_t i = 3; i < t.size(); i++) {
            Field f = split_field(t[i]);
            if (f.key == "nowait" && !f.has_val) {
                mark("nowait", i);
                nowait = true;
                continue;
            }
            if (f.key != "expect" || !f.has_val)
                bad("unexpected '" + t[i] + "' in csr read (expect=VALUE, nowait)");
            mark("expect", i);
            ex = parse_num(f.val, "expect");
        }
        if (nowait && ex)
            bad("csr read nowait does not take the value: no expect=");
        csr_read(a, ex);
        sc_.cmds.back().nowait = nowait;
        return;
    }
    size_t at = 1;
    if (sub == "write") {
        need_args(t, 4, "csr write NAME|ADDR VALUE|FIELD=...");
        at = 2;
    } else {
        need_args(t, 3, "csr NAME VALUE|FIELD=...");
    }
    unsigned a = parse_csr_addr(t[at]);
    const std::string &v = t[at + 1];
    if (std::isdigit((unsigned char)v[0]) && v.find('=') == std::string::npos) {
        no_more_args(t, at + 2);
        csr_write(a, parse_num(v, "register value"));
        return;
    }
    if (!has_fields(a))
        bad("register " + csr_label(a) + " has no fields: give a value");
    csr_write(a, parse_fields(a, csr_label(a), t, at + 1, mark));
}

void Parser::cmd_mem(const std::vector<std::string> &t)
{
    need_args(t, 2, "mem latency=N[..M] ready=P ready_period=K err=P seed=N / mem error|noerror ADDR");
    std::string sub = lower(t[1]);
    if (sub == "error" || sub == "noerror") {
        need_args(t, 3, "mem error|noerror ADDR");
        no_more_args(t, 3);
        Command &c = push(CmdKind::MemError);
        c.addr = parse_mem_addr(t[2], 3);
        c.on = sub == "error";
        return;
    }
    Command c = base_;
    c.kind = CmdKind::MemSet;
    Mark mark = marker(line_seen_, t, cols_);
    for (size_t i = 1; i < t.size(); i++) {
        Field f = split_field(t[i]);
        if (!f.has_val)
            bad("unknown mem setting '" + t[i] + "'");
        mark(f.key, i);
        if (f.key == "latency") {
            size_t dots = f.val.find("..");
            if (dots == std::string::npos) {
                c.lat_min = c.lat_max = unsigned(parse_range(f.val, "latency", 1, 1000));
            } else {
                c.lat_min = unsigned(parse_range(f.val.substr(0, dots), "latency", 1, 1000));
                c.lat_max = unsigned(parse_range(f.val.substr(dots + 2), "latency", 1, 1000));
                if (*c.lat_max < *c.lat_min)
                    bad("latency range " + f.val + " is empty");
            }
        } else if (f.key == "ready") {
            c.ready_prob = parse_prob(f.val, "ready");
            if (*c.ready_prob == 0.0)
                bad("ready=0 would stall the memory forever");
        } else if (f.key == "err") {
            c.err_prob = parse_prob(f.val, "err");
        } else if (f.key == "seed") {
            c.seed = parse_num(f.val, "seed");
        } else if (f.key == "ready_period") {
            c.ready_period = unsigned(parse_range(f.val, "ready_period", 1, 1000));
        } else {
            bad("unknown mem setting '" + f.key + "'");
        }
    }
    sc_.cmds.push_back(c);
}

void Parser::line(int lineno, const std::string &raw)
{
    std::vector<std::string> t = tokenize(raw, cols_);
    if (t.empty())
        return;
    lineno_ = lineno;
    line_seen_.clear();
    Mark mark = marker(line_seen_, t, cols_);
    base_ = Command();
    base_.line = lineno;
    base_.text = trim(raw);
    std::string kw = lower(t[0]);
    bool was_req = last_was_req_;
    bool was_csr_write = last_was_csr_write_;
    last_was_req_ = false;
    last_was_csr_write_ = false;

    if (kw == "tlb" || kw == "asid_bits") {
        if (!sc_.cmds.empty())
            bad("'" + kw + "' must come before the first command");
        need_args(t, 2, kw == "tlb" ? "tlb N" : "asid_bits B");
        no_more_args(t, 2);
        int &seen = kw == "tlb" ? tlb_line_ : asid_bits_line_;
        if (seen)
            throw ParseError{"'" + kw + "' given a second time", cols_[0], seen, 1};
        seen = lineno;
        if (kw == "tlb") {
            uint64_t n = parse_num(t[1], "tlb");
            if (n != 4 && n != 8 && n != 16 && n != 32 && n != 64)
                bad("value " + t[1] + " out of range for tlb (4, 8, 16, 32 or 64)");
            sc_.tlb_entries = unsigned(n);
        } else {
            sc_.asid_bits = int(parse_range(t[1], "asid_bits", 0, 16));
        }
    } else if (kw == "csr") {
        cmd_csr(t);
        last_was_csr_write_ = sc_.cmds.back().kind == CmdKind::CsrWrite;
    } else if (kw == "counters") {
        need_args(t, 2, "counters NAME=VALUE ...");
        for (size_t i = 1; i < t.size(); i++) {
            Field f = split_field(t[i]);
            if (!f.has_val)
                bad("counter '" + t[i] + "' needs a value (NAME=VALUE)");
            int a = mmu_csr_from_name(f.key.c_str());
            if (a < MMU_CSR_HITS || a > MMU_CSR_FLUSHES)
                bad("unknown counter '" + f.key + "'");
            mark(f.key, i);
            csr_read(unsigned(a), parse_num(f.val, "counter " + upper(f.key)));
        }
    } else if (kw == "flush") {
        need_args(t, 2, "flush ALL|ASID|VA|VA_ASID [va=ADDR] [asid=N]");
        int kind = mmu_flush_kind_from_name(t[1].c_str());
        if (kind < 0)
            bad("unknown flush kind '" + t[1] + "' (ALL, ASID, VA, VA_ASID)");
        uint64_t asid = 0;
        std::optional<uint64_t> va;
        for (size_t i = 2; i < t.size(); i++) {
            Field f = split_field(t[i]);
            mark(f.key, i);
            if (f.key == "va" && f.has_val)
                va = parse_num(f.val, "va");
            else if (f.key == "asid" && f.has_val)
                asid = parse_range(f.val, "asid", 0, 0xffff);
            else
                bad("unknown flush field '" + t[i] + "'");
        }
        if (va)
            csr_write(MMU_CSR_FLUSH_VA, *va);
        csr_write(MMU_CSR_FLUSH, uint64_t(kind) | asid << 44);
        last_was_csr_write_ = true;
    } else if (kw == "seg") {
        need_args(t, 2, "seg N [base=X] [limit=X] [V R W X U DOWN]");
        unsigned n = unsigned(parse_range(t[1], "segment number", 0, 7));
        uint64_t b = 0, l = 0;
        std::vector<std::string> flags{"seg"};
        std::vector<int> flag_cols{cols_[0]};
        for (size_t i = 2; i < t.size(); i++) {
            Field f = split_field(t[i]);
            if (f.key == "base" && f.has_val) {
                mark("base", i);
                b = parse_num(f.val, "base");
            } else if (f.key == "limit" && f.has_val) {
                mark("limit", i);
                l = parse_num(f.val, "limit");
            } else {
                flags.push_back(t[i]);
                flag_cols.push_back(cols_[i]);
            }
        }
        unsigned r = MMU_CSR_SEG0_BASE + 3 * n;
        csr_write(r, b);
        csr_write(r + 1, l);
        csr_write(r + 2, parse_fields(r + 2, csr_label(r + 2), flags, 1,
                                      marker(line_seen_, flags, flag_cols)));
    } else if (kw == "poke" || kw == "peek") {
        need_args(t, 3, kw == "poke" ? "poke ADDR VALUE [SIZE]" : "peek ADDR VALUE [SIZE]");
        no_more_args(t, 4);
        Command &c = push(kw == "poke" ? CmdKind::Poke : CmdKind::Peek);
        c.size = t.size() > 3 ? parse_size_bytes(t[3]) : 3;
        c.addr = parse_mem_addr(t[1], c.size);
        c.value = parse_num(t[2], "value");
        if (c.size < 3 && (c.value >> (8u << c.size)) != 0)
            bad("value " + t[2] + " does not fit in " + t[3] + " bytes");
    } else if (kw == "pte" || kw == "pte32" || kw == "peek_pte" || kw == "peek_pte32") {
        need_args(t, 2, "pte ADDR [ppn=X|pa=X] [V R W X U G A D] [rsw=N] [n] [pbmt=N] [rsvd=N] [raw=X]");
        bool sv32 = kw.size() > 3 && kw.compare(kw.size() - 2, 2, "32") == 0;
        Command &c = push(kw.rfind("peek", 0) == 0 ? CmdKind::Peek : CmdKind::Poke);
        c.size = sv32 ? 2 : 3;
        c.addr = parse_mem_addr(t[1], c.size);
        c.value = parse_pte(t, 2, sv32, mark);
    } else if (kw == "mem") {
        cmd_mem(t);
    } else if (kw == "req") {
        need_args(t, 4, "req VADDR load|store|fetch U|S|M [nowait] [EXPECTATIONS]");
        Command &c = push(CmdKind::Req);
        c.vaddr = parse_num(t[1], "vaddr");
        int acc = mmu_acc_from_name(t[2].c_str());
        if (acc < 0)
            bad("unknown access '" + t[2] + "' (load, store, fetch)");
        int priv = mmu_priv_from_name(t[3].c_str());
        if (priv < 0)
            bad("unknown privilege '" + t[3] + "' (U, S, M)");
        c.acc = unsigned(acc);
        c.priv = unsigned(priv);
        req_seen_.clear();
        parse_expect(c.ex, t, 4, true, &c.nowait, marker(req_seen_, t, cols_));
        check_contradictions();
        last_was_req_ = true;
    } else if (kw == "expect" && was_csr_write) {
        need_args(t, 2, "expect flush|noflush|fill=N|nofill ...");
        Command &c = sc_.cmds.back();
        for (size_t i = 1; i < t.size(); i++) {
            std::string w = lower(t[i]);
            if (w == "flush" || w == "noflush") {
                mark("flush/noflush", i);
                if (c.flush)
                    bad("'" + t[i] + "': the flush is already expected on this write");
                c.flush = w == "flush";
            } else if (w == "nofill" || w.rfind("fill=", 0) == 0) {
                mark("fill/nofill", i);
                if (c.fill)
                    bad("'" + t[i] + "': the fill is already expected on this write");
                c.fill = w == "nofill" ? -1 : int(parse_range(w.substr(5), "fill", 0, 63));
            } else {
                bad("unknown expectation '" + t[i] + "' for a register write (flush, noflush, fill=N, nofill)");
            }
        }
    } else if (kw == "expect") {
        if (!was_req)
            bad("'expect' must follow a req or csr write line");
        need_args(t, 2, "expect FIELD=VALUE ...");
        Command &c = sc_.cmds.back();
        parse_expect(c.ex, t, 1, false, nullptr, marker(req_seen_, t, cols_));
        check_contradictions();
        last_was_req_ = true;
    } else if (kw == "idle" || kw == "reset") {
        no_more_args(t, 2);
        Command &c = push(kw == "idle" ? CmdKind::Idle : CmdKind::Reset);
        c.count = t.size() > 1 ? parse_range(t[1], kw + " cycles", 1, 10000000) : 1;
    } else if (kw == "wait") {
        no_more_args(t, 1);
        push(CmdKind::Wait);
    } else {
        bad("unknown keyword '" + t[0] + "'");
    }
}

// Bytes outside printable ASCII (tab and a line-ending CR aside) as "\xNN" from column col on:
// a UTF-8 byte-order mark shows as \xef\xbb\xbf, not as an invisible "unknown keyword".
std::string nonprintable_run(const std::string &raw, size_t from)
{
    std::string o;
    char b[8];
    for (size_t i = from; i < raw.size() && o.size() < 4 * 16; i++) {
        unsigned char c = (unsigned char)raw[i];
        if (c >= 0x20 && c < 0x7f)
            break;
        std::snprintf(b, sizeof b, "\\x%02x", c);
        o += b;
    }
    return o;
}

}  // namespace

bool parse_scenario_text(const std::string &file, const std::string &text, Scenario &out,
                         std::string &error)
{
    out = Scenario();
    out.file = file;
    Parser p(out);
    int lineno = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        size_t end = nl == std::string::npos ? text.size() : nl;
        std::string raw = text.substr(pos, end - pos);
        pos = nl == std::string::npos ? text.size() : nl + 1;
        lineno++;
        try {
            if (raw.size() > kScenarioMaxLine)
                bad("line is " + std::to_string(raw.size()) + " bytes long; the limit is " +
                    std::to_string(kScenarioMaxLine));
            if (!raw.empty() && raw.back() == '\r')
                raw.pop_back();  // CRLF line ends
            for (size_t i = 0; i < raw.size(); i++) {
                unsigned char c = (unsigned char)raw[i];
                if ((c < 0x20 && c != '\t') || c >= 0x7f)
                    throw ParseError{"non-printable byte" +
                                         std::string(nonprintable_run(raw, i).size() > 4 ? "s " : " ") +
                                         nonprintable_run(raw, i) +
                                         (raw.compare(i, 3, "\xef\xbb\xbf") == 0
                                              ? " (a UTF-8 byte-order mark)"
                                              : "") +
                                         ": a scenario is printable ASCII, tabs and line ends",
                                     int(i) + 1};
            }
            p.line(lineno, raw);
        } catch (const ParseError &e) {
            error = file + ":" + std::to_string(lineno) + ":" +
                    (e.col ? std::to_string(e.col) + ":" : "") + " " + e.msg;
            if (e.first_line)
                error += " at " + file + ":" + std::to_string(e.first_line) + ":" +
                         std::to_string(e.first_col);
            return false;
        }
    }
    return true;
}

bool read_input_file(const std::string &path, size_t max_bytes, std::string &text,
                     std::string &error)
{
    text.clear();
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever; it is refused
    // below anyway. fstat on the open descriptor, not stat on the name, so what is checked is
    // what is read.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error = path + ": cannot open file: " + std::strerror(errno);
        return false;
    }
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        error = path + ": cannot stat: " + std::strerror(errno);
        ::close(fd);
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        const char *what = S_ISDIR(st.st_mode)    ? "a directory"
                           : S_ISFIFO(st.st_mode) ? "a FIFO"
                           : S_ISCHR(st.st_mode)  ? "a character device"
                           : S_ISBLK(st.st_mode)  ? "a block device"
                           : S_ISSOCK(st.st_mode) ? "a socket"
                                                  : "not a regular file";
        error = path + ": is " + std::string(what) + ", not a regular file";
        ::close(fd);
        return false;
    }
    auto too_big = [&]() {
        error = path + ": larger than the " + std::to_string(max_bytes >> 10) + " KiB limit";
        ::close(fd);
        text.clear();
        return false;
    };
    if (uint64_t(st.st_size) > max_bytes)
        return too_big();
    // The size is only a hint (/proc files say 0, a file may grow): read to EOF with the limit.
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n < 0) {
            error = path + ": read error after " + std::to_string(text.size()) +
                    " bytes: " + std::strerror(errno);
            ::close(fd);
            text.clear();
            return false;
        }
        if (n == 0)
            break;
        if (text.size() + size_t(n) > max_bytes)
            return too_big();
        text.append(buf, size_t(n));
    }
    ::close(fd);
    return true;
}

bool parse_scenario_file(const std::string &path, Scenario &out, std::string &error)
{
    std::string text;
    if (!read_input_file(path, kScenarioMaxFile, text, error))
        return false;
    return parse_scenario_text(path, text, out, error);
}

// ---------------------------------------------------------------------------------------------
// Executor
// ---------------------------------------------------------------------------------------------

ScenarioExecutor::ScenarioExecutor(Dut &dut, MemModel &mem) : dut_(dut), mem_(mem)
{
    on_failure = [](const std::string &m) { std::printf("%s\n", m.c_str()); };
}

void ScenarioExecutor::fail_at(int line, const std::string &what)
{
    rep_.failures++;
    if (on_failure)
        on_failure(sc_->file + ":" + std::to_string(line) + ": " + what);
}

void ScenarioExecutor::fail(const Command &c, const std::string &what)
{
    fail_at(c.line, "'" + c.text + "': " + what);
}

ScenarioExecutor::CycleResult ScenarioExecutor::step(const Drive &d)
{
    mmu_inputs_t in{};
    in.rst_n = !d.reset;
    if (d.req) {
        in.req_valid = true;
        in.req_vaddr = d.req->vaddr;
        in.req_acc = uint8_t(d.req->acc);
        in.req_priv = uint8_t(d.req->priv);
    }
    if (d.csr) {
        in.csr_valid = true;
        in.csr_write = d.csr->kind == CmdKind::CsrWrite;
        in.csr_addr = uint8_t(d.csr->csr);
        in.csr_wdata = in.csr_write ? d.csr->value : 0;
    }
    mem_.drive(in);
    if (ready_period_ > 1 && cycle_ % ready_period_ != 0)
        in.mem_req_ready = false;  // deterministic back-pressure
    mmu_outputs_t out{};
    dut_.step(in, out);
    mem_.observe(in, out);
    rep_.cycles++;
    CycleResult r;
    if (on_cycle)
        on_cycle(cycle_, in, out);
    if (d.reset) {
        // SPEC 1: every output is 0 during reset (csr_rdata too, even in the cycle after an
        // accepted read). Checked here so model-only runs see it; in lockstep a disagreement
        // is a mismatch anyway.
#define MMU_X_ZERO(ctype, name)                                                             \
    if (out.name != 0)                                                                      \
        fail_at(cur_line_, std::string("output " #name " = ") + hex(uint64_t(out.name)) +  \
                               " during reset (SPEC 1: every output is 0 in reset)");
        MMU_OUTPUT_PORTS_TYPED(MMU_X_ZERO)
#undef MMU_X_ZERO
        queue_.clear();
        cycle_ = 0;
        return r;
    }
    if (out.mem_req_valid && in.mem_req_ready && !queue_.empty()) {
        // A walk blocks acceptance, so the access belongs to the newest request.
        if (out.mem_req_write)
            queue_.back().writes++;
        else
            queue_.back().reads++;
    }
    if (out.resp_valid) {
        if (queue_.empty()) {
            fail_at(d.req ? d.req->line : d.csr ? d.csr->line : 0,
                    "resp_valid in cycle " + std::to_string(cycle_) + " with no request waiting");
        } else {
            Pending p = queue_.front();
            queue_.erase(queue_.begin());
            check_answer(p, out);
        }
    }
    if (d.req && out.req_ready) {
        r.req_accepted = true;
        queue_.push_back(Pending{d.req, cycle_});
    }
    if (d.csr && out.csr_ready)
        r.csr_accepted = true;
    r.flush_valid = out.trace_flush_valid;
    r.fill_valid = out.trace_fill_valid;
    r.fill_index = out.trace_fill_index;
    r.csr_rvalid = out.csr_rvalid;
    r.csr_rdata = out.csr_rdata;
    cycle_++;
    return r;
}

void ScenarioExecutor::check_answer(const Pending &p, const mmu_outputs_t &out)
{
    const ReqExpect &ex = p.cmd->ex;
    uint64_t accept = p.accept;
    uint64_t latency = cycle_ - accept;
    std::string got;
    if (out.resp_fault)
        got = std::string("fault=") + mmu_cause_name(out.resp_cause) + " exc=" +
              std::to_string(out.resp_exc);
    else
        got = "pa=" + hex(out.resp_paddr);
    auto check = [&](bool good, const std::string &what) {
        rep_.checks++;
        if (!good)
            fail(*p.cmd, what);
    };
    if (ex.pa)
        check(!out.resp_fault && out.resp_paddr == *ex.pa,
              "expected pa=" + hex(*ex.pa) + ", got " + got);
    if (ex.ok)
        check(!out.resp_fault, "expected no fault, got " + got);
    if (ex.cause)
        check(out.resp_fault && out.resp_cause == *ex.cause,
              std::string("expected fault=") + mmu_cause_name(*ex.cause) + ", got " + got);
    if (ex.exc)
        check(out.resp_exc == *ex.exc, "expected exc=" + std::to_string(*ex.exc) + " (" +
                                           mmu_exc_name(*ex.exc) + "), got exc=" +
                                           std::to_string(out.resp_exc) + " (" +
                                           mmu_exc_name(out.resp_exc) + ")");
    if (ex.level)
        check(out.resp_level == *ex.level, "expected level=" + std::to_string(*ex.level) +
                                               ", got level=" + std::to_string(out.resp_level));
    if (ex.hit)
        check(out.resp_hit == *ex.hit, std::string("expected ") + (*ex.hit ? "hit" : "miss") +
                                           ", got " + (out.resp_hit ? "hit" : "miss"));
    if (ex.hit_index)
        check(out.resp_hit && out.trace_hit_index == *ex.hit_index,
              "expected hit_index=" + std::to_string(*ex.hit_index) + ", got " +
                  (out.resp_hit ? "hit_index=" + std::to_string(out.trace_hit_index) : "miss"));
    if (ex.fill) {
        std::string g = out.trace_fill_valid ? "fill=" + std::to_string(out.trace_fill_index)
                                             : "no fill";
        if (*ex.fill < 0)
            check(!out.trace_fill_valid, "expected no fill, got " + g);
        else
            check(out.trace_fill_valid && out.trace_fill_index == unsigned(*ex.fill),
                  "expected fill=" + std::to_string(*ex.fill) + ", got " + g);
    }
    if (ex.cycles)
        check(latency == *ex.cycles, "expected cycles=" + std::to_string(*ex.cycles) + ", got " +
                                         std::to_string(latency) + " (accept " +
                                         std::to_string(accept) + ", answer " +
                                         std::to_string(cycle_) + ")");
    if (ex.accept)
        check(accept == *ex.accept, "expected accept=" + std::to_string(*ex.accept) + ", got " +
                                        std::to_string(accept));
    if (ex.reads)
        check(p.reads == *ex.reads,
              "expected reads=" + std::to_string(*ex.reads) + ", got " + std::to_string(p.reads));
    if (ex.writes)
        check(p.writes == *ex.writes, "expected writes=" + std::to_string(*ex.writes) + ", got " +
                                          std::to_string(p.writes));
}

// Steps with nothing presented until every accepted request has been answered.
bool ScenarioExecutor::drain()
{
    uint64_t waited = 0;
    while (!queue_.empty()) {
        if (waited++ >= max_wait) {
            fail(*queue_.front().cmd,
                 "no answer within " + std::to_string(max_wait) + " cycles of the acceptance");
            return false;
        }
        step(Drive{});
        if (dut_.failed())
            return false;
    }
    return true;
}

bool ScenarioExecutor::run_command(const Command &c)
{
    cur_line_ = c.line;
    switch (c.kind) {
    case CmdKind::Poke:
        mem_.write(c.addr, c.size, c.value);
        return true;
    case CmdKind::Peek: {
        uint64_t got = mem_.read(c.addr, c.size);
        rep_.checks++;
        if (got != c.value)
            fail(c, "expected memory " + hex(c.addr) + " = " + hex(c.value) + ", got " + hex(got));
        return true;
    }
    case CmdKind::MemSet: {
        MemConfig cfg = mem_.config();
        if (c.lat_min) {
            cfg.min_latency = *c.lat_min;
            cfg.max_latency = *c.lat_max;
        }
        if (c.ready_prob)
            cfg.ready_prob = *c.ready_prob;
        if (c.err_prob)
            cfg.err_prob = *c.err_prob;
        if (c.seed)
            cfg.seed = *c.seed;
        if (c.ready_period)
            ready_period_ = *c.ready_period;
        mem_.configure(cfg);
        return true;
    }
    case CmdKind::MemError:
        mem_.set_error(c.addr, c.on);
        return true;
    case CmdKind::Idle:
        for (uint64_t i = 0; i < c.count; i++) {
            step(Drive{});
            if (dut_.failed())
                return false;
        }
        return true;
    case CmdKind::Reset:
        for (uint64_t i = 0; i < c.count; i++) {
            Drive d;
            d.reset = true;
            step(d);
        }
        return !dut_.failed();
    case CmdKind::Wait:
        return drain();
    case CmdKind::Req: {
        Drive d;
        d.req = &c;
        for (uint64_t waited = 0;; waited++) {
            if (waited >= max_wait) {
                fail(c, "request not accepted within " + std::to_string(max_wait) + " cycles");
                return false;
            }
            CycleResult r = step(d);
            if (dut_.failed())
                return false;
            if (r.req_accepted)
                break;
        }
        return c.nowait || drain();
    }
    case CmdKind::CsrWrite:
    case CmdKind::CsrRead: {
        Drive d;
        d.csr = &c;
        for (uint64_t waited = 0;; waited++) {
            if (waited >= max_wait) {
                fail(c, "csr access not accepted within " + std::to_string(max_wait) + " cycles");
                return false;
            }
            CycleResult r = step(d);
            if (dut_.failed())
                return false;
            if (r.csr_accepted) {
                if (c.flush) {
                    rep_.checks++;
                    if (r.flush_valid != *c.flush)
                        fail(c, std::string("expected ") + (*c.flush ? "a flush" : "no flush") +
                                    " (trace_flush_valid) in the accepting cycle, got " +
                                    (r.flush_valid ? "one" : "none"));
                }
                if (c.fill) {
                    rep_.checks++;
                    int got = r.fill_valid ? int(r.fill_index) : -1;
                    if (got != *c.fill)
                        fail(c, "expected " + (*c.fill < 0 ? std::string("no fill") : "fill=" + std::to_string(*c.fill)) +
                                    " (trace_fill_*) in the accepting cycle, got " +
                                    (got < 0 ? std::string("none") : "fill=" + std::to_string(got)));
                }
                break;
            }
        }
        if (c.kind == CmdKind::CsrWrite || c.nowait)
            return true;  // csr read nowait: the next command starts in the csr_rvalid cycle
        CycleResult r = step(Drive{});
        if (dut_.failed())
            return false;
        if (!r.csr_rvalid) {
            fail(c, "no csr_rvalid in the cycle after the read was accepted");
            return true;
        }
        if (c.expect) {
            rep_.checks++;
            if (r.csr_rdata != *c.expect)
                fail(c, "expected " + c.label + " = " + numstr(*c.expect) + ", got " +
                            numstr(r.csr_rdata));
        } else if (on_note) {
            on_note(sc_->file + ":" + std::to_string(c.line) + ": " + c.label + " = " +
                    hex(r.csr_rdata));
        }
        return true;
    }
    }
    return true;
}

ExecReport ScenarioExecutor::run(const Scenario &sc)
{
    sc_ = &sc;
    rep_ = ExecReport();
    queue_.clear();
    cycle_ = 0;
    ready_period_ = 1;
    cur_line_ = 0;
    for (unsigned i = 0; i < reset_cycles; i++) {
        Drive d;
        d.reset = true;
        step(d);
    }
    bool ok = true;
    for (const Command &c : sc.cmds) {
        if (!run_command(c)) {
            ok = false;
            break;
        }
    }
    if (ok && !dut_.failed())
        ok = drain();
    if (dut_.failed()) {
        rep_.failures++;
        if (on_failure)
            on_failure(sc.file + ": DUT failed in cycle " + std::to_string(cycle_) + ": " +
                       dut_.failure_report());
    }
    rep_.aborted = !ok || dut_.failed();
    return rep_;
}

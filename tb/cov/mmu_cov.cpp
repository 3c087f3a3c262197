// The functional coverage model (see mmu_cov.h): every group, its dimensions, the rules that
// declare a bin unreachable (with the reason), and the sampling. This is the only place bins are
// defined; value names come from mmu_enums.h's X-macro lists so that they read as everywhere else.
#include "cov/mmu_cov.h"

#include <cinttypes>
#include <cstdio>
#include <initializer_list>

namespace cov {
namespace {

// ---- dimension value lists ------------------------------------------------------------------
// The translation's mode class: what the registers selected when it was accepted (not priv).
#define COV_MODES(X) X(bare) X(bb) X(seg) X(sv32) X(sv39) X(sv48) X(radix) X(soft) X(hybrid) X(bbpg) X(segpg)
enum Mode {
#define X(n) M_##n,
    COV_MODES(X)
#undef X
    M_COUNT
};
const std::vector<std::string> kModes = {
#define X(n) #n,
    COV_MODES(X)
#undef X
};

std::vector<std::string> from_list_acc()
{
    std::vector<std::string> v;
#define X(n, val) v.push_back(#n);
    MMU_ACC_LIST(X)
#undef X
    return v;
}
// req_priv as an index 0..2 (U, S, M): the encoding has a hole at 2.
std::vector<std::string> from_list_priv()
{
    std::vector<std::string> v;
#define X(n, val) v.push_back(#n);
    MMU_PRIV_LIST(X)
#undef X
    return v;
}
unsigned priv_index(unsigned priv) { return priv == MMU_PRIV_M ? 2 : priv; }
// fault reasons without NONE, index = cause - 1
std::vector<std::string> fault_causes()
{
    std::vector<std::string> v;
#define X(n, val) if (val) v.push_back(#n);
    MMU_CAUSE_LIST(X)
#undef X
    return v;
}
std::vector<std::string> from_list_policy()
{
    std::vector<std::string> v;
#define X(n, val) v.push_back(#n);
    MMU_POLICY_LIST(X)
#undef X
    return v;
}
std::vector<std::string> from_list_flush()
{
    std::vector<std::string> v;
#define X(n, val) v.push_back(#n);
    MMU_FLUSH_KIND_LIST(X)
#undef X
    return v;
}

// The groups, in file order: id, name, what a verification engineer reads it as.
#define COV_GROUPS(G)                                                                               \
    G(PATH, "xlate.path", "mode x access x privilege x outcome (direct: answered before the TLB)")  \
    G(LEVEL, "xlate.leaf_level", "paged mode x leaf level x hit/walk, translations without fault") \
    G(FAULT, "xlate.fault_mode", "fault reason x mode")                                            \
    G(FAULT_PATH, "xlate.fault_outcome", "fault reason x outcome (where the fault was found)")    \
    G(FAULT_ACC, "xlate.fault_access", "fault reason x access x privilege (U, S)")               \
    G(SUM, "perm.sum_us", "SUM x U/S page x access x privilege x result of the leaf checks")      \
    G(MXR, "perm.mxr", "MXR x leaf R/X x load result (loads past the U/S check)")                 \
    G(HWAD, "perm.hwad_ad", "HWAD x leaf A/D x access x action (Sv walks and hits)")              \
    G(FLUSH, "tlb.flush", "flush kind x timing x effect on the TLB")                              \
    G(FILL, "tlb.fill", "policy x fill source x target entry x TLB full")                         \
    G(SWITCH, "csr.asid_switch", "SATP write x flushed before the next request")                  \
    G(MEM, "mem.walk_step", "walk step x memory latency x response")                              \
    G(STALL, "mem.walk_stall", "walk step x mem_req_ready back-pressure")                         \
    G(CSR_BUSY, "csr.during_walk", "CSR access accepted while the walker is busy x walk phase")   \
    G(MISAL, "xlate.misaligned_superpage", "MISALIGNED_SUPERPAGE x mode x level")                 \
    G(WARL, "csr.warl", "every kind of write a register ignores or trims (WARL)")

enum GroupId {
#define G(id, name, what) G_##id,
    COV_GROUPS(G)
#undef G
    G_COUNT
};

enum Outcome { O_DIRECT, O_HIT, O_MISS, O_REFILL };
const std::vector<std::string> kOutcomes = {"direct", "hit", "miss", "refill"};

bool has_tlb(unsigned m) { return m != M_bare && m != M_bb && m != M_seg; }
bool walks(unsigned m) { return has_tlb(m) && m != M_soft; }
bool teaching(unsigned m) { return m == M_radix || m == M_hybrid; }
// modes whose leaves carry RISC-V permissions (Sv tables, Soft's TLB_LO)
bool sv_leaf(unsigned m) { return has_tlb(m) && !teaching(m); }
bool segmented(unsigned m) { return m == M_seg || m == M_segpg || m == M_hybrid; }
unsigned max_level(unsigned m)
{
    switch (m) {
    case M_sv32: return 1;
    case M_sv39: return 2;
    case M_soft: return 2;
    case M_radix:
    case M_hybrid: return 0;
    default: return 3;  // Sv48, and the paging under bb/segments may be Sv48
    }
}

#define C(n) (MMU_CAUSE_##n - 1)  // index in the fault-cause dimension

// Why a fault reason cannot happen in a mode ("" if it can).
const char *fault_mode_reason(unsigned c, unsigned m)
{
    unsigned cause = c + 1;
    switch (cause) {
    case MMU_CAUSE_BOUNDS:
        return m == M_bb || m == M_bbpg ? "" : "BOUNDS is base-and-bounds' check (4.1)";
    case MMU_CAUSE_SEG_INVALID:
    case MMU_CAUSE_SEG_PERM:
        return segmented(m) ? "" : "a segment check: only with SEGCTL mode 2 (4.2, 4.5)";
    case MMU_CAUSE_SEG_LIMIT:
        return m == M_seg || m == M_segpg ? "" : m == M_hybrid ? "HYBRID faults PAGE_BOUND in place of SEG_LIMIT (4.5)" : "a segment check: only with SEGCTL mode 2 (4.2)";
    case MMU_CAUSE_VA_RANGE:
        return m == M_bare ? "Bare has no address check" : m == M_bb ? "base-and-bounds compares the whole VA with BOUNDS (4.1)" : "";
    case MMU_CAUSE_PTE_INVALID:
    case MMU_CAUSE_WALK_ACCESS_ERROR:
        return walks(m) ? "" : m == M_soft ? "Soft mode never walks (4.6)" : "no page table in this mode";
    case MMU_CAUSE_PTE_RESERVED_WR:
    case MMU_CAUSE_PTE_RESERVED_BITS:
    case MMU_CAUSE_NONLEAF_AT_LEVEL0:
        return walks(m) && !teaching(m) ? "" : teaching(m) ? "teaching PTEs have only V, present and the PFN (4.4)" : m == M_soft ? "Soft mode never walks (4.6)" : "no page table in this mode";
    case MMU_CAUSE_PERM_READ:
    case MMU_CAUSE_PERM_WRITE:
    case MMU_CAUSE_PERM_EXEC:
    case MMU_CAUSE_PERM_USER_PAGE:
    case MMU_CAUSE_PERM_SUPERVISOR_PAGE:
    case MMU_CAUSE_MISALIGNED_SUPERPAGE:
    case MMU_CAUSE_A_CLEAR:
    case MMU_CAUSE_D_CLEAR:
        return sv_leaf(m) ? "" : teaching(m) ? "teaching entries carry no permissions (4.4)" : "no page table in this mode";
    case MMU_CAUSE_NOT_PRESENT:
        return teaching(m) || m == M_bbpg || m == M_segpg ? "" : "the present bit exists only in teaching tables (4.4)";
    case MMU_CAUSE_PAGE_BOUND:
        return m == M_hybrid ? "" : "PAGE_BOUND is HYBRID's segment limit (4.5)";
    case MMU_CAUSE_TLB_MISS:
        return m == M_soft || m == M_bbpg || m == M_segpg ? "" : "TLB_MISS is Soft mode's miss (4.6)";
    }
    return "";
}

bool before_tlb(unsigned cause)
{
    return cause == MMU_CAUSE_BOUNDS || cause == MMU_CAUSE_SEG_INVALID || cause == MMU_CAUSE_SEG_LIMIT ||
           cause == MMU_CAUSE_SEG_PERM || cause == MMU_CAUSE_VA_RANGE || cause == MMU_CAUSE_PAGE_BOUND;
}
// found on a PTE read from memory (never on a TLB hit: the TLB holds only valid leaves)
bool walk_only(unsigned cause)
{
    return cause == MMU_CAUSE_PTE_INVALID || cause == MMU_CAUSE_PTE_RESERVED_WR ||
           cause == MMU_CAUSE_PTE_RESERVED_BITS || cause == MMU_CAUSE_NONLEAF_AT_LEVEL0 ||
           cause == MMU_CAUSE_WALK_ACCESS_ERROR || cause == MMU_CAUSE_NOT_PRESENT;
}

// Every entry a walk installs has A set (A = 0 either faults A_CLEAR or is written with HWAD = 1,
// and faulting translations are never installed, SPEC 7), a MODE change flushes Soft mode's
// entries, so only a store to an entry with D clear walks again.
const char *const kOnlyStoresRefill =
    "only a store refills: a walk installs entries with A set, so a load or fetch never walks again (4.3, 7)";

const char *fault_outcome_reason(unsigned c, unsigned o)
{
    unsigned cause = c + 1;
    if (before_tlb(cause))
        return o == O_DIRECT ? "" : "found before the TLB lookup (SPEC 3)";
    if (cause == MMU_CAUSE_TLB_MISS)
        return o == O_MISS ? "" : "TLB_MISS is the answer to a Soft-mode miss (4.6)";
    if (o == O_DIRECT)
        return "found at or after the TLB lookup";
    if (o == O_REFILL && (cause == MMU_CAUSE_PERM_READ || cause == MMU_CAUSE_PERM_EXEC))
        return kOnlyStoresRefill;
    if (o == O_REFILL && cause == MMU_CAUSE_NOT_PRESENT)
        return "the present bit exists only in teaching tables, whose entries carry no A/D: no refill (4.4)";
    if (walk_only(cause))
        return o == O_HIT ? "found on a PTE read from memory: the TLB holds only valid leaves" : "";
    if (cause == MMU_CAUSE_MISALIGNED_SUPERPAGE)
        return o == O_REFILL ? "a refill walks only after every check of the hit passed, alignment included" : "";
        // hit: Soft mode's TLBWI/TLBWR install any entry and the hit checks alignment (4.6)
    if (cause == MMU_CAUSE_A_CLEAR || cause == MMU_CAUSE_D_CLEAR)
        return "";  // hit: Soft mode; refill: HWAD=0 hit walks again; miss: the walk
    return "";      // permissions: checked on every hit and at the end of every walk
}

const char *fault_access_reason(unsigned c, unsigned acc, unsigned priv)
{
    unsigned cause = c + 1;
    if (cause == MMU_CAUSE_PERM_READ && acc != MMU_ACC_LOAD)
        return "PERM_READ is a load's check";
    if (cause == MMU_CAUSE_PERM_WRITE && acc != MMU_ACC_STORE)
        return "PERM_WRITE is a store's check";
    if (cause == MMU_CAUSE_PERM_EXEC && acc != MMU_ACC_FETCH)
        return "PERM_EXEC is a fetch's check";
    if (cause == MMU_CAUSE_D_CLEAR && acc != MMU_ACC_STORE)
        return "D matters only to stores";
    if (cause == MMU_CAUSE_PERM_USER_PAGE && priv != 1)
        return "PERM_USER_PAGE is S touching a U page";
    if (cause == MMU_CAUSE_PERM_SUPERVISOR_PAGE && priv != 0)
        return "PERM_SUPERVISOR_PAGE is U touching an S page";
    return "";
}

enum UsResult { R_OK, R_US, R_RWX, R_LATER };
const char *sum_reason(unsigned sum, unsigned upage, unsigned acc, unsigned priv, unsigned res)
{
    bool us_fails = priv == 0 ? !upage : upage && (!sum || acc == MMU_ACC_FETCH);
    if (us_fails && res != R_US)
        return priv == 0 ? "a supervisor page from U always faults PERM_SUPERVISOR_PAGE (checked first)"
                         : "a user page from S faults PERM_USER_PAGE without SUM and on a fetch (checked first)";
    if (!us_fails && res == R_US)
        return "the U/S check passes here";
    return "";
}

enum AdAction { A_NONE, A_WRITE, A_ACLR, A_DCLR };
const char *hwad_reason(unsigned hwad, unsigned ad, unsigned acc, unsigned act)
{
    bool a = ad & 2, d = ad & 1;
    bool need = !a || (acc == MMU_ACC_STORE && !d);
    if (!need)
        return act == A_NONE ? "" : "A (and for a store D) already set: nothing to do";
    if (act == A_NONE)
        return "A or D must change: the walker writes it or the access faults";
    if (hwad)
        return act == A_WRITE ? "" : "HWAD=1 sets A/D in memory instead of faulting";
    if (act == A_WRITE)
        return "HWAD=0 never writes A/D";
    if (!a)
        return act == A_ACLR ? "" : "A is checked before D";
    return act == A_DCLR ? "" : "A is set: only D_CLEAR is left";
}

enum FlushTiming { T_IDLE, T_WALK, T_ANSWER };
enum FlushEffect { E_NOOP, E_NONGLOBAL, E_GLOBAL, E_KEPT_GLOBAL };
const char *flush_reason(unsigned kind, unsigned timing, unsigned eff)
{
    (void)timing;
    bool keeps_global = kind == MMU_FLUSH_ASID || kind == MMU_FLUSH_VA_ASID;
    if (keeps_global && eff == E_GLOBAL)
        return "kinds ASID and VA_ASID never remove a global entry (SPEC 2)";
    if (kind == MMU_FLUSH_ALL && eff == E_KEPT_GLOBAL)
        return "FLUSH ALL removes every entry";
    return "";
}

enum FillSource { F_WALK, F_REFILL, F_TLBWI, F_TLBWR };
const char *fill_reason(unsigned pol, unsigned src, unsigned occupied, unsigned full)
{
    (void)pol;
    if (full && !occupied)
        return "a full TLB has no free entry";
    if (src == F_REFILL && !occupied)
        return "a refill rewrites the entry that hit";
    if ((src == F_WALK || src == F_TLBWR) && occupied && !full)
        return "the victim is a free entry while there is one";
    return "";
}

enum SwitchKind { S_ASID, S_MODE, S_SAME };

// walk steps: the PTE read at level 0..3, and the A/D write
const std::vector<std::string> kSteps = {"read_l0", "read_l1", "read_l2", "read_l3", "ad_write"};
const std::vector<std::string> kLatency = {"lat1", "lat2_3", "lat4plus"};
unsigned latency_bucket(uint64_t l) { return l <= 1 ? 0 : l <= 3 ? 1 : 2; }

enum CsrBusy { B_FLUSH, B_FLUSH_VA, B_COUNTER_READ, B_OTHER_WRITE, B_OTHER_READ };
const char *csr_busy_reason(unsigned k, unsigned phase)
{
    (void)phase;
    if (k == B_OTHER_WRITE || k == B_OTHER_READ)
        return "csr_ready is low for it while the walker is busy (SPEC 7)";
    return "";
}

const char *misal_reason(unsigned m, unsigned lvl)
{
    unsigned level = lvl + 1;
    if (m == M_sv32 && level > 1)
        return "Sv32 has two levels";
    if ((m == M_sv39 || m == M_soft) && level > 2)
        return m == M_soft ? "TLB_HI LEVEL 3 is ignored (SPEC 2)" : "Sv39 has three levels";
    return "";
}
const std::vector<std::string> kMisalModes = {"sv32", "sv39", "sv48", "soft", "bbpg", "segpg"};
int misal_mode(unsigned m)
{
    switch (m) {
    case M_sv32: return 0;
    case M_sv39: return 1;
    case M_sv48: return 2;
    case M_soft: return 3;
    case M_bbpg: return 4;
    case M_segpg: return 5;
    default: return -1;
    }
}

#define COV_WARL(X)                                                                       \
    X(satp_mode_unsupported, "SATP with an unsupported MODE: ignored whole")              \
    X(satp_radix_unset, "SATP MODE 15 while RADIX is 0: ignored whole")                   \
    X(satp_sv32_trimmed, "SATP Sv32 with ASID[59:53] or PPN[43:22] set: trimmed")         \
    X(satp_asid_beyond_width, "SATP ASID bits beyond the build's width: read 0")          \
    X(status_reserved, "STATUS bits other than SUM, MXR, HWAD: read 0")                   \
    X(segctl_mode3, "SEGCTL mode 3: ignored whole")                                       \
    X(segctl_bad_segments, "SEGCTL mode 2 with select/va_bits out of range: ignored")     \
    X(radix_illegal, "RADIX with an illegal format: ignored whole")                       \
    X(tlbctl_lfsr_zero, "TLBCTL LFSR 0: taken as 1")                                      \
    X(tlb_index_range, "TLB_INDEX beyond the TLB: ignored whole")                         \
    X(tlb_hi_level3, "TLB_HI LEVEL 3: ignored whole")                                     \
    X(tlb_hi_asid_beyond_width, "TLB_HI ASID bits beyond the build's width: read 0")      \
    X(write_counter, "a counter: read-only")                                              \
    X(write_badva, "TLB_BADVA: read-only")                                                \
    X(write_unused, "an unused address: ignored")
enum Warl {
#define X(n, t) W_##n,
    COV_WARL(X)
#undef X
};

bool csr_known(unsigned addr)
{
    switch (addr) {
#define X(n, v) case v:
        MMU_CSR_LIST(X)
#undef X
        return true;
    default:
        return false;
    }
}
bool satp_mode_known(unsigned mode)
{
    switch (mode) {
#define X(n, v) case v:
        MMU_SATP_MODE_LIST(X)
#undef X
        return true;
    default:
        return false;
    }
}

unsigned mode_of(const mmu_txn_t &t)
{
    if (t.hybrid)
        return M_hybrid;
    bool paged = t.satp_mode != MMU_SATP_BARE;
    if (t.seg_mode == MMU_SEG_BASE_BOUNDS)
        return paged ? M_bbpg : M_bb;
    if (t.seg_mode == MMU_SEG_SEGMENTS)
        return paged ? M_segpg : M_seg;
    switch (t.satp_mode) {
    case MMU_SATP_SV32: return M_sv32;
    case MMU_SATP_SV39: return M_sv39;
    case MMU_SATP_SV48: return M_sv48;
    case MMU_SATP_RADIX: return M_radix;
    case MMU_SATP_SOFT: return M_soft;
    default: return M_bare;
    }
}

// A group built from its dimensions, every bin's reason given by rule(tuple).
template <class Rule>
Group make_group(const char *name, const char *what, std::vector<Dim> dims, Rule rule)
{
    Group g;
    g.name = name;
    g.what = what;
    g.dims = std::move(dims);
    size_t n = 1;
    for (auto &d : g.dims)
        n *= d.values.size();
    g.count.assign(n, 0);
    g.reason.assign(n, "");
    std::vector<unsigned> t(g.dims.size(), 0);
    for (size_t i = 0; i < n; i++) {
        size_t r = i;
        for (size_t k = g.dims.size(); k-- > 0;) {
            t[k] = unsigned(r % g.dims[k].values.size());
            r /= g.dims[k].values.size();
        }
        g.reason[i] = rule(t);
    }
    return g;
}

const char *kGroupNames[] = {
#define G(id, name, what) name,
    COV_GROUPS(G)
#undef G
};
const char *kGroupWhat[] = {
#define G(id, name, what) what,
    COV_GROUPS(G)
#undef G
};

// The leaf PTE of a walk (the last PTE read that is a valid leaf), or 0 if it found none.
uint64_t walk_leaf(const mmu_txn_t &t)
{
    uint64_t leaf = 0;
    for (unsigned i = 0; i < t.n_access && i <= MMU_MAX_LEVELS; i++) {
        const mmu_pte_access_t &a = t.access[i];
        if (!a.write && !a.err && (a.value & MMU_PTE_V) && (a.value & (MMU_PTE_R | MMU_PTE_X)))
            leaf = a.value;
    }
    return leaf;
}

}  // namespace

std::string Group::bin_name(size_t i) const
{
    std::vector<unsigned> t(dims.size(), 0);
    for (size_t k = dims.size(); k-- > 0;) {
        t[k] = unsigned(i % dims[k].values.size());
        i /= dims[k].values.size();
    }
    std::string s;
    for (size_t k = 0; k < dims.size(); k++)
        s += (k ? " " : "") + dims[k].name + "=" + dims[k].values[t[k]];
    return s;
}

Collector::Collector(const mmu_model_t *m) : m_(m)
{
    const std::vector<std::string> acc = from_list_acc(), priv = from_list_priv(), causes = fault_causes();
    const std::vector<std::string> us = {"U", "S"}, b01 = {"0", "1"};
    std::vector<std::string> paged_modes(kModes.begin() + M_sv32, kModes.end());
    const std::vector<std::string> levels = {"0", "1", "2", "3"};
    groups_.resize(G_COUNT);
    auto mk = [&](GroupId id, std::vector<Dim> dims, auto rule) {
        groups_[id] = make_group(kGroupNames[id], kGroupWhat[id], std::move(dims), rule);
    };
    mk(G_PATH, {{"mode", kModes}, {"acc", acc}, {"priv", priv}, {"outcome", kOutcomes}},
       [](const std::vector<unsigned> &t) -> const char * {
           unsigned m = t[0], p = t[2], o = t[3];
           if (p == 2 && o != O_DIRECT)
               return "priv M bypasses translation (SPEC 3.1)";
           if (!has_tlb(m) && o != O_DIRECT)
               return "no paging in this mode: nothing reaches the TLB";
           if (o == O_REFILL && (teaching(m) || m == M_soft))
               return m == M_soft ? "Soft mode never walks (4.6)" : "teaching entries carry no A/D: no refill (4.4)";
           if (o == O_REFILL && t[1] != MMU_ACC_STORE)
               return kOnlyStoresRefill;
           return "";
       });
    mk(G_LEVEL, {{"mode", paged_modes}, {"level", levels}, {"outcome", {"hit", "walk"}}},
       [](const std::vector<unsigned> &t) -> const char * {
           unsigned m = t[0] + M_sv32, l = t[1];
           if (l > max_level(m))
               return teaching(m) ? "teaching leaves are at the last level only (4.4)"
                                  : m == M_soft ? "TLB_HI LEVEL 3 is ignored (SPEC 2)" : "above the mode's top level";
           if (m == M_soft && t[2] == 1)
               return "Soft mode never walks (4.6)";
           return "";
       });
    mk(G_FAULT, {{"cause", causes}, {"mode", kModes}},
       [](const std::vector<unsigned> &t) { return fault_mode_reason(t[0], t[1]); });
    mk(G_FAULT_PATH, {{"cause", causes}, {"outcome", kOutcomes}},
       [](const std::vector<unsigned> &t) { return fault_outcome_reason(t[0], t[1]); });
    mk(G_FAULT_ACC, {{"cause", causes}, {"acc", acc}, {"priv", us}},
       [](const std::vector<unsigned> &t) { return fault_access_reason(t[0], t[1], t[2]); });
    mk(G_SUM, {{"sum", b01}, {"page", {"U", "S"}}, {"acc", acc}, {"priv", us}, {"result", {"ok", "us_fault", "rwx_fault", "later_fault"}}},
       [](const std::vector<unsigned> &t) { return sum_reason(t[0], t[1] == 0, t[2], t[3], t[4]); });
    mk(G_MXR, {{"mxr", b01}, {"leaf", {"R", "RX", "X"}}, {"result", {"read_ok", "PERM_READ"}}},
       [](const std::vector<unsigned> &t) -> const char * {
           bool readable = t[1] != 2 || t[0] == 1;
           if (readable && t[2] == 1)
               return "readable (R, or X with MXR): no PERM_READ";
           if (!readable && t[2] == 0)
               return "an X-only page without MXR is not readable";
           return "";
       });
    mk(G_HWAD, {{"hwad", b01}, {"ad", {"A0D0", "A0D1", "A1D0", "A1D1"}}, {"acc", acc}, {"action", {"none", "ad_write", "A_CLEAR", "D_CLEAR"}}},
       [](const std::vector<unsigned> &t) { return hwad_reason(t[0], t[1], t[2], t[3]); });
    mk(G_FLUSH, {{"kind", from_list_flush()}, {"timing", {"no_walk", "during_walk", "walk_answer"}}, {"effect", {"noop", "nonglobal", "global", "kept_global"}}},
       [](const std::vector<unsigned> &t) { return flush_reason(t[0], t[1], t[2]); });
    mk(G_FILL, {{"policy", from_list_policy()}, {"source", {"walk", "refill", "TLBWI", "TLBWR"}}, {"target", {"free", "occupied"}}, {"full", b01}},
       [](const std::vector<unsigned> &t) { return fill_reason(t[0], t[1], t[2], t[3]); });
    mk(G_SWITCH, {{"satp_write", {"asid_change", "mode_change", "same"}}, {"flush_before_next_req", b01}},
       [](const std::vector<unsigned> &) { return ""; });
    mk(G_MEM, {{"step", kSteps}, {"latency", kLatency}, {"resp", {"ok", "err"}}},
       [](const std::vector<unsigned> &) { return ""; });
    mk(G_STALL, {{"step", kSteps}, {"mem_req_ready", {"at_once", "stalled"}}},
       [](const std::vector<unsigned> &) { return ""; });
    mk(G_CSR_BUSY, {{"access", {"FLUSH_write", "FLUSH_VA_write", "counter_read", "other_write", "other_read"}}, {"phase", {"walking", "answer_cycle"}}},
       [](const std::vector<unsigned> &t) { return csr_busy_reason(t[0], t[1]); });
    mk(G_MISAL, {{"mode", kMisalModes}, {"level", {"1", "2", "3"}}},
       [](const std::vector<unsigned> &t) {
           static const unsigned ids[] = {M_sv32, M_sv39, M_sv48, M_soft, M_bbpg, M_segpg};
           return misal_reason(ids[t[0]], t[1]);
       });
    mk(G_WARL, {{"write", {
#define X(n, text) #n,
                              COV_WARL(X)
#undef X
                          }}},
       [](const std::vector<unsigned> &) { return ""; });
}

void Collector::hit(unsigned group, std::initializer_list<unsigned> tuple)
{
    Group &g = groups_[group];
    size_t i = 0, k = 0;
    for (unsigned v : tuple)
        i = i * g.dims[k++].values.size() + v;
    g.count[i]++;
}

uint64_t Collector::illegal_hits() const
{
    uint64_t n = 0;
    for (auto &g : groups_)
        for (size_t i = 0; i < g.count.size(); i++)
            if (!g.reason[i].empty())
                n += g.count[i];
    return n;
}

// ---- sampling: translations ------------------------------------------------------------------

void Collector::txn(const mmu_txn_t &t)
{
    unsigned m = mode_of(t), acc = t.acc, p = priv_index(t.priv);
    if (acc > MMU_ACC_FETCH || p > 2)
        return;  // illegal request: the assertions report it
    unsigned o = !t.paged ? O_DIRECT : t.refill ? O_REFILL : t.hit ? O_HIT : O_MISS;
    hit(G_PATH, {m, acc, p, o});
    if (p == 2)
        return;
    if (!t.fault && t.paged && m >= M_sv32 && t.level < 4)
        hit(G_LEVEL, {m - M_sv32, t.level, t.walked ? 1u : 0u});
    if (t.fault && t.cause > 0 && t.cause < MMU_CAUSE_COUNT) {
        unsigned c = t.cause - 1;
        hit(G_FAULT, {c, m});
        hit(G_FAULT_PATH, {c, o});
        hit(G_FAULT_ACC, {c, acc, p});
        if (t.cause == MMU_CAUSE_MISALIGNED_SUPERPAGE && misal_mode(m) >= 0 && t.level >= 1 && t.level <= 3)
            hit(G_MISAL, {unsigned(misal_mode(m)), t.level - 1u});
    }
    // The leaf's permission bits: the TLB entry a hit used, or the PTE a walk ended on. Only
    // RISC-V leaves (Sv tables, Soft's TLB_LO): teaching tables under bb/segments carry none.
    bool sv_scheme = t.satp_mode == MMU_SATP_SV32 || t.satp_mode == MMU_SATP_SV39 ||
                     t.satp_mode == MMU_SATP_SV48 || t.satp_mode == MMU_SATP_SOFT;
    if (!sv_leaf(m) || !t.paged || !sv_scheme)
        return;
    uint64_t flags = 0;
    if (t.hit && !t.walked) {
        mmu_tlb_entry_t e;
        mmu_tlb_entry(m_, t.hit_index, &e);
        flags = MMU_PTE_V | (e.r ? MMU_PTE_R : 0) | (e.w ? MMU_PTE_W : 0) | (e.x ? MMU_PTE_X : 0) |
                (e.u ? MMU_PTE_U : 0) | (e.a ? MMU_PTE_A : 0) | (e.d ? MMU_PTE_D : 0);
    } else if (t.walked) {
        flags = walk_leaf(t);
    }
    if (!flags)
        return;
    unsigned cause = t.fault ? unsigned(t.cause) : unsigned(MMU_CAUSE_NONE);
    bool us = cause == MMU_CAUSE_PERM_USER_PAGE || cause == MMU_CAUSE_PERM_SUPERVISOR_PAGE;
    bool rwx = cause == MMU_CAUSE_PERM_READ || cause == MMU_CAUSE_PERM_WRITE || cause == MMU_CAUSE_PERM_EXEC;
    bool later = cause == MMU_CAUSE_MISALIGNED_SUPERPAGE || cause == MMU_CAUSE_A_CLEAR ||
                 cause == MMU_CAUSE_D_CLEAR || cause == MMU_CAUSE_WALK_ACCESS_ERROR;
    if (cause != MMU_CAUSE_NONE && !us && !rwx && !later)
        return;  // a PTE fault on the leaf itself (reserved bits): before the leaf checks
    uint64_t status = mmu_csr_read(m_, MMU_CSR_STATUS);
    unsigned sum = (status & MMU_STATUS_SUM_MASK) != 0, mxr = (status & MMU_STATUS_MXR_MASK) != 0;
    unsigned hwad = (status & MMU_STATUS_HWAD_MASK) != 0;
    unsigned res = us ? R_US : rwx ? R_RWX : later ? R_LATER : R_OK;
    hit(G_SUM, {sum, (flags & MMU_PTE_U) ? 0u : 1u, acc, p, res});
    if (acc == MMU_ACC_LOAD && !us) {
        unsigned leaf = (flags & MMU_PTE_R) ? ((flags & MMU_PTE_X) ? 1u : 0u) : 2u;
        hit(G_MXR, {mxr, leaf, cause == MMU_CAUSE_PERM_READ ? 1u : 0u});
    }
    // A/D: Sv walkers only (Soft checks A/D as HWAD=0 whatever HWAD says, 4.6); past U/S, R/W/X
    // and alignment, where A/D is decided.
    bool ad_decided = cause == MMU_CAUSE_NONE || cause == MMU_CAUSE_A_CLEAR || cause == MMU_CAUSE_D_CLEAR;
    bool wrote = false;
    for (unsigned i = 0; i < t.n_access && i <= MMU_MAX_LEVELS; i++)
        wrote |= t.access[i].write;
    if (t.satp_mode != MMU_SATP_SOFT && (ad_decided || wrote)) {
        unsigned ad = ((flags & MMU_PTE_A) ? 2u : 0u) | ((flags & MMU_PTE_D) ? 1u : 0u);
        unsigned act = wrote ? A_WRITE : cause == MMU_CAUSE_A_CLEAR ? A_ACLR : cause == MMU_CAUSE_D_CLEAR ? A_DCLR : A_NONE;
        hit(G_HWAD, {hwad, ad, acc, act});
    }
}

// ---- sampling: cycles -----------------------------------------------------------------------

void Collector::before_edge(const mmu_inputs_t &in, const mmu_outputs_t &out)
{
    in_ = in;
    out_ = out;
    csr_wr_ = csr_rd_ = flush_now_ = fill_now_ = mem_accept_now_ = false;
    if (!in.rst_n) {
        in_reset_ = true;
        mem_pending_ = mem_stalled_ = switch_pending_ = false;
        return;
    }
    in_reset_ = false;
    const mmu_txn_t *t = mmu_inflight(m_);
    bool walking = t && t->walked;
    unsigned phase = walking && out.resp_valid ? 1 : 0;  // answer cycle of the walk
    bool csr_acc = in.csr_valid && out.csr_ready;
    csr_wr_ = csr_acc && in.csr_write;
    csr_rd_ = csr_acc && !in.csr_write;
    unsigned addr = in.csr_addr;

    // the memory port of the walk
    if (out.mem_req_valid && !in.mem_req_ready)
        mem_stalled_ = true;
    if (out.mem_req_valid && in.mem_req_ready)
        mem_accept_now_ = true;
    if (in.mem_resp_valid && mem_pending_) {
        unsigned step = mem_write_ ? 4 : (mem_level_ > 3 ? 3 : mem_level_);
        hit(G_MEM, {step, latency_bucket(cyc_ - mem_start_), in.mem_resp_err ? 1u : 0u});
        mem_pending_ = false;
    }

    if (csr_acc && walking) {
        unsigned k = csr_wr_ ? (addr == MMU_CSR_FLUSH ? B_FLUSH : addr == MMU_CSR_FLUSH_VA ? B_FLUSH_VA : B_OTHER_WRITE)
                             : (addr >= MMU_CSR_HITS && addr <= MMU_CSR_FLUSHES ? B_COUNTER_READ : B_OTHER_READ);
        hit(G_CSR_BUSY, {k, phase});
    }

    if (csr_wr_) {
        csr_old_ = mmu_csr_read(m_, addr);
        uint64_t d = in.csr_wdata;
        unsigned asid_bits = mmu_asid_bits(m_);
        uint64_t asid_w = (d & MMU_SATP_ASID_MASK) >> MMU_SATP_ASID_LSB;
        switch (addr) {
        case MMU_CSR_SATP: {
            satp_old_ = csr_old_;
            unsigned mode = unsigned(d >> MMU_SATP_MODE_LSB);
            if (!satp_mode_known(mode))
                hit(G_WARL, {W_satp_mode_unsupported});
            else if (mode == MMU_SATP_RADIX && mmu_csr_read(m_, MMU_CSR_RADIX) == 0)
                hit(G_WARL, {W_satp_radix_unset});
            else if (mode == MMU_SATP_SV32 && ((asid_w >> 9) || ((d & MMU_SATP_PPN_MASK) >> 22)))
                hit(G_WARL, {W_satp_sv32_trimmed});
            else if (asid_bits < 16 && (asid_w >> asid_bits))
                hit(G_WARL, {W_satp_asid_beyond_width});
            break;
        }
        case MMU_CSR_STATUS:
            if (d & ~MMU_STATUS_KEPT)
                hit(G_WARL, {W_status_reserved});
            break;
        case MMU_CSR_SEGCTL: {
            unsigned mode = unsigned(d & MMU_SEGCTL_MODE_MASK), sel = unsigned(MMU_FIELD(d, SEGCTL_SELECT)),
                     vab = unsigned(MMU_FIELD(d, SEGCTL_VA_BITS));
            if (mode == 3)
                hit(G_WARL, {W_segctl_mode3});
            else if (mode == MMU_SEG_SEGMENTS && (sel < 1 || sel > 3 || vab <= sel || vab > 56))
                hit(G_WARL, {W_segctl_bad_segments});
            break;
        }
        case MMU_CSR_TLBCTL:
            if (MMU_FIELD(d, TLBCTL_LFSR) == 0)
                hit(G_WARL, {W_tlbctl_lfsr_zero});
            break;
        case MMU_CSR_TLB_INDEX:
            if (MMU_FIELD(d, TLB_INDEX_INDEX) >= mmu_tlb_entries(m_))
                hit(G_WARL, {W_tlb_index_range});
            break;
        case MMU_CSR_TLB_HI:
            if (MMU_FIELD(d, TLB_HI_LEVEL) == 3)
                hit(G_WARL, {W_tlb_hi_level3});
            else if (asid_bits < 16 && (asid_w >> asid_bits))
                hit(G_WARL, {W_tlb_hi_asid_beyond_width});
            break;
        case MMU_CSR_TLB_BADVA:
            hit(G_WARL, {W_write_badva});
            break;
        default:
            if (addr >= MMU_CSR_HITS && addr <= MMU_CSR_FLUSHES)
                hit(G_WARL, {W_write_counter});
            else if (!csr_known(addr))
                hit(G_WARL, {W_write_unused});
            break;
        }
    }

    unsigned n = mmu_tlb_entries(m_);
    if (csr_wr_ && addr == MMU_CSR_FLUSH) {
        flush_now_ = true;
        flush_kind_ = unsigned(in.csr_wdata & 3);
        flush_timing_ = !walking ? T_IDLE : out.resp_valid ? T_ANSWER : T_WALK;
        pre_valid_.assign(n, false);
        pre_global_.assign(n, false);
        for (unsigned i = 0; i < n; i++) {
            mmu_tlb_entry_t e;
            mmu_tlb_entry(m_, i, &e);
            pre_valid_[i] = e.valid;
            pre_global_[i] = e.valid && e.global;
        }
        if (switch_pending_)
            switch_flushed_ = true;
    }
    if (out.trace_fill_valid) {
        fill_now_ = true;
        fill_policy_ = unsigned(mmu_csr_read(m_, MMU_CSR_TLBCTL) & 3);
        bool cmd = csr_wr_ && addr == MMU_CSR_TLB_CMD;
        fill_source_ = cmd ? ((in.csr_wdata & 3) == MMU_TLB_CMD_TLBWI ? F_TLBWI : F_TLBWR)
                           : (t && t->refill ? F_REFILL : F_WALK);
        unsigned valid = 0;
        for (unsigned i = 0; i < n; i++) {
            mmu_tlb_entry_t e;
            mmu_tlb_entry(m_, i, &e);
            valid += e.valid;
            if (i == out.trace_fill_index)
                fill_target_valid_ = e.valid;
        }
        fill_full_ = valid == n;
    }
    if (in.req_valid && out.req_ready && switch_pending_) {
        hit(G_SWITCH, {switch_kind_, switch_flushed_ ? 1u : 0u});
        switch_pending_ = false;
    }
}

void Collector::after_edge()
{
    if (in_reset_)
        return;
    cyc_++;
    if (mem_accept_now_) {
        const mmu_txn_t *t = mmu_inflight(m_);
        if (t && t->n_access) {
            const mmu_pte_access_t &a = t->access[t->n_access - 1];
            mem_pending_ = true;
            mem_write_ = a.write;
            mem_level_ = a.level;
            mem_start_ = cyc_ - 1;
            unsigned step = a.write ? 4 : (a.level > 3 ? 3 : a.level);
            hit(G_STALL, {step, mem_stalled_ ? 1u : 0u});
        }
        mem_stalled_ = false;
    }
    if (fill_now_)
        hit(G_FILL, {fill_policy_, fill_source_, fill_target_valid_ ? 1u : 0u, fill_full_ ? 1u : 0u});
    if (flush_now_) {
        bool removed = false, removed_global = false, kept_global = false;
        unsigned n = unsigned(pre_valid_.size());
        for (unsigned i = 0; i < n; i++) {
            mmu_tlb_entry_t e;
            mmu_tlb_entry(m_, i, &e);
            if (pre_valid_[i] && !e.valid) {
                removed = true;
                removed_global |= pre_global_[i];
            }
            if (pre_global_[i] && e.valid)
                kept_global = true;
        }
        unsigned eff = !removed ? E_NOOP : removed_global ? E_GLOBAL : kept_global ? E_KEPT_GLOBAL : E_NONGLOBAL;
        hit(G_FLUSH, {flush_kind_, flush_timing_, eff});
    }
    if (csr_wr_ && in_.csr_addr == MMU_CSR_SATP) {
        uint64_t now = mmu_csr_read(m_, MMU_CSR_SATP);
        switch_kind_ = now == satp_old_ ? S_SAME
                       : (now >> MMU_SATP_MODE_LSB) != (satp_old_ >> MMU_SATP_MODE_LSB) ? S_MODE
                       : ((now ^ satp_old_) & MMU_SATP_ASID_MASK) ? S_ASID : S_SAME;
        switch_pending_ = true;
        switch_flushed_ = false;
    }
    if (csr_wr_ && in_.csr_addr == MMU_CSR_RADIX) {
        uint64_t now = mmu_csr_read(m_, MMU_CSR_RADIX);
        if (now == csr_old_ && (in_.csr_wdata & MMU_RADIX_KEPT) != csr_old_)
            hit(G_WARL, {W_radix_illegal});
    }
}

bool Collector::write(const std::string &path, std::string &err) const
{
    FILE *f = std::fopen(path.c_str(), "w");
    if (!f) {
        err = "cannot write " + path;
        return false;
    }
    std::fprintf(f, "# mmu-functional-coverage 1\n");
    for (auto &g : groups_) {
        std::fprintf(f, "# group %s\t%s\n", g.name.c_str(), g.what.c_str());
        for (size_t i = 0; i < g.count.size(); i++)
            std::fprintf(f, "%s\t%s\t%" PRIu64 "\t%s\n", g.name.c_str(), g.bin_name(i).c_str(), g.count[i],
                         g.reason[i].empty() ? "-" : g.reason[i].c_str());
    }
    bool ok = std::fclose(f) == 0;
    if (!ok)
        err = "cannot write " + path;
    return ok;
}

}  // namespace cov

// Seeded constrained-random stimulus (see random_gen.h).
#include "random_gen.h"

#include <algorithm>
#include <cstdio>

#include "mmu_enums.h"

namespace gen {

namespace {

constexpr size_t kMemWordsKept = size_t(1) << 19;  // see start_episode

// PTE bits and register fields: mmu_regs.h (generated from rtl/mmu_iface.def, rtl/mmu_regs.rdl).
constexpr uint64_t kV = MMU_PTE_V, kR = MMU_PTE_R, kW = MMU_PTE_W, kX = MMU_PTE_X, kU = MMU_PTE_U,
                   kG = MMU_PTE_G, kA = MMU_PTE_A, kD = MMU_PTE_D;
constexpr unsigned kPageShift = 12;
constexpr uint64_t kPageSize = uint64_t(1) << kPageShift;
constexpr uint64_t kHwad = MMU_STATUS_HWAD_MASK, kSum = MMU_STATUS_SUM_MASK, kMxr = MMU_STATUS_MXR_MASK;
// CSR addresses
constexpr unsigned kSatp = MMU_CSR_SATP, kStatus = MMU_CSR_STATUS, kSegctl = MMU_CSR_SEGCTL,
                   kBase = MMU_CSR_BASE, kBounds = MMU_CSR_BOUNDS, kRadix = MMU_CSR_RADIX,
                   kTlbctl = MMU_CSR_TLBCTL, kFlush = MMU_CSR_FLUSH, kFlushVa = MMU_CSR_FLUSH_VA,
                   kSeg0 = MMU_CSR_SEG0_BASE, kCounters = MMU_CSR_HITS;
constexpr unsigned kNumSegs = MMU_NUM_SEGMENTS;
constexpr uint64_t kSegctlFields = MMU_SEGCTL_KEPT;
constexpr uint64_t kHybrid = MMU_SEGCTL_HYBRID_MASK;

uint64_t segctl_value(unsigned mode, unsigned select, unsigned va_bits)
{
    return MMU_PUT(SEGCTL_MODE, mode) | MMU_PUT(SEGCTL_SELECT, select) | MMU_PUT(SEGCTL_VA_BITS, va_bits);
}

uint64_t mask(unsigned bits) { return bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1; }

uint64_t splitmix(uint64_t &x)
{
    uint64_t z = (x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

const char *const kModeNames[] = {"bare", "m",     "bb",     "seg",  "segpg", "sv32",
                                  "sv39", "sv48", "radix", "hybrid", "soft", "mix"};

}  // namespace

const char *mode_name(Mode m) { return kModeNames[unsigned(m)]; }

bool mode_from_name(const std::string &s, Mode &m)
{
    for (unsigned i = 0; i < sizeof kModeNames / sizeof kModeNames[0]; i++)
        if (s == kModeNames[i]) {
            m = Mode(i);
            return true;
        }
    return false;
}

std::string mode_names()
{
    std::string s;
    for (const char *n : kModeNames)
        s += (s.empty() ? "" : "|") + std::string(n);
    return s;
}

void Rng::reseed(uint64_t seed)
{
    uint64_t x = seed;
    for (auto &w : s_)
        w = splitmix(x);
}

uint64_t Rng::next()
{
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

// ---------------------------------------------------------------------------------------------

RandomGen::RandomGen(const GenOptions &opt, MemModel &mem)
    : opt_(opt), mem_(mem), rng_(opt.seed), reset_rng_(opt.seed ^ 0x7e5e7a11c0ffee00ull),
      reset_left_(opt.reset_cycles)
{
    if (opt_.mem_fixed)
        mem_.configure(opt_.mem);
}

void RandomGen::queue(bool write, unsigned addr, uint64_t data, uint64_t delay)
{
    csr_q_.push_back(CsrOp{write, uint8_t(addr), data, cycle_ + delay});
}

uint64_t RandomGen::sext(uint64_t va) const
{
    if (scheme_ && scheme_->satp_mode == MMU_SATP_RADIX)
        return va & mask(scheme_->va_bits);  // teaching: no bit at or above va_bits
    if (!scheme_ || scheme_->satp_mode == MMU_SATP_SV32)
        return va & mask(32);
    unsigned b = scheme_->va_bits;
    va &= mask(b);
    if (va >> (b - 1))
        va |= ~mask(b);
    return va;
}

uint64_t RandomGen::random_canonical()
{
    if (!scheme_)
        return rng_.next();
    return sext(rng_.next());
}

uint64_t RandomGen::vpn(uint64_t va, unsigned level) const
{
    return (va >> (kPageShift + level * scheme_->vpn_bits)) & mask(scheme_->vpn_bits);
}

// PTEs in the scheme's layout (mmu_helpers.h); flags may hold bits outside V..D (illegal PTEs).
uint64_t RandomGen::make_pte(uint64_t ppn, uint64_t flags) const
{
    uint64_t pte = mmu_sv_pte(ppn & mask(scheme_->ppn_bits), flags);
    return scheme_->pte_log2 == 2 ? pte & mask(32) : pte;
}

uint64_t RandomGen::pte_ppn(uint64_t pte) const
{
    return mmu_sv_pte_ppn(pte, scheme_->ppn_bits);
}

uint64_t RandomGen::alloc_table()
{
    if (table_next_ppn_ >= table_end_ppn_) {  // should not happen: pools are sized generously
        table_next_ppn_ = 0x10000;
        table_end_ppn_ = 0x20000;
    }
    return table_next_ppn_++;
}

uint64_t RandomGen::random_leaf_flags(bool good)
{
    static const uint64_t kRwx[] = {kR, kR | kW, kR | kX, kR | kW | kX, kX, kR | kW, kR};
    uint64_t f = kV | kRwx[rng_.below(7)];
    if (rng_.chance(1, 2))
        f |= kU;
    if (rng_.permille(80))
        f |= kG;
    if (rng_.permille(880))
        f |= kA;
    if (rng_.permille(780))
        f |= kD;
    if (rng_.permille(100))
        f |= MMU_PUT(PTE_SV64_RSW, rng_.below(1u << MMU_PTE_SV64_RSW_WIDTH));  // RSW: never reserved
    if (good)
        return f;
    // an illegal leaf
    switch (rng_.below(scheme_->levels > 2 ? 3 : 2)) {
    case 0:  // V = 0, the rest is ignored
        return (rng_.next() & mask(MMU_PTE_PPN_LSB)) & ~kV;
    case 1:  // W without R
        return (f & ~kR) | kW;
    default: {  // Sv39/48 reserved: N (63), PBMT (62:61), 60:54
        static const unsigned kBits[] = {MMU_PTE_SV64_N_LSB, MMU_PTE_SV64_PBMT_LSB + 1, MMU_PTE_SV64_PBMT_LSB,
                                         MMU_PTE_SV64_RSVD_LSB + 6, MMU_PTE_SV64_RSVD_LSB,
                                         MMU_PTE_SV64_RSVD_LSB + 3};
        return f | uint64_t(1) << kBits[rng_.below(6)];
    }
    }
}

// Writes a mapping of va at `level` into space s. bad_level >= 0 makes the pointer PTE at that
// level illegal (bad_bits XORed into it; bad_bits == 0 marks the PTE word as a memory error);
// it is only done on a freshly created pointer so that no good mapping ends up below it.
bool RandomGen::map_page(Space &s, uint64_t va, unsigned level, uint64_t leaf_flags, int bad_level,
                         uint64_t bad_bits, bool isolated)
{
    const Scheme &sc = *scheme_;
    const unsigned pte_size = 1u << sc.pte_log2;
    uint64_t table = s.root_ppn;
    for (int lvl = int(sc.levels) - 1; lvl > int(level); --lvl) {
        uint64_t a = (table << kPageShift) + vpn(va, unsigned(lvl)) * pte_size;
        uint64_t pte = mem_.read(a, sc.pte_log2);
        if (pte == 0) {
            uint64_t t = alloc_table();
            uint64_t p = make_pte(t, kV);
            if (!isolated && rng_.permille(30))
                p |= kG;  // a global subtree
            if (lvl == bad_level) {
                if (bad_bits)
                    p ^= bad_bits;
                else {
                    mem_.set_error(a, true);
                    err_words_.push_back(a);
                }
            }
            mem_.write(a, sc.pte_log2, p);
            table = t;
        } else {
            if (lvl == bad_level || isolated)
                return false;  // would poison (or join) an existing subtree
            uint64_t bad = kR | kW | kX | kA | kD | kU;
            if (sc.pte_log2 == 3)
                bad |= ~mask(54);
            if (!(pte & kV) || (pte & bad))
                return false;  // not a clean pointer (a leaf, or an illegal one made earlier)
            table = pte_ppn(pte);
        }
    }
    uint64_t a = (table << kPageShift) + vpn(va, level) * pte_size;
    if (mem_.read(a, sc.pte_log2) != 0)
        return false;
    // leaf: a random PPN aligned to the page size (misaligned superpages on purpose, rarely)
    uint64_t ppn = rng_.next() & mask(sc.ppn_bits);
    ppn &= ~mask(level * sc.vpn_bits);
    if (level > 0 && (leaf_flags & kV) && (leaf_flags & (kR | kX)) && rng_.permille(90))
        ppn |= 1 + rng_.below(mask(level * sc.vpn_bits));
    uint64_t pte = make_pte(ppn, leaf_flags);
    mem_.write(a, sc.pte_log2, pte);
    if (rng_.permille(15)) {
        mem_.set_error(a, true);
        err_words_.push_back(a);
    }
    leaves_.push_back(Leaf{a, sc.pte_log2});
    uint64_t size = uint64_t(1) << (kPageShift + level * sc.vpn_bits);
    s.pages.push_back(Target{va & ~(size - 1), size, leaf_flags});
    return true;
}

void RandomGen::map_range(Space &s, uint64_t lo, uint64_t hi)
{
    uint64_t page = teaching() ? uint64_t(1) << teach_.offset : kPageSize;
    uint64_t va = lo & ~(page - 1);
    for (unsigned n = 0; va < hi && n < 256; n++, va += page) {
        if (teaching())
            map_teach_page(s, sext(va));
        else
            map_page(s, sext(va), 0, random_leaf_flags(!rng_.permille(80)), -1, 0, false);
    }
}

void RandomGen::build_space(Space &s, bool /*first*/)
{
    const Scheme &sc = *scheme_;
    s.root_ppn = alloc_table();
    s.pages.clear();
    unsigned clusters = unsigned(rng_.range(2, 5));
    for (unsigned c = 0; c < clusters; c++) {
        uint64_t base = random_canonical() & ~mask(kPageShift + sc.vpn_bits);
        unsigned n4k = unsigned(rng_.range(4, 24));
        for (unsigned i = 0; i < n4k; i++) {
            uint64_t va = sext(base + (rng_.below(uint64_t(2) << sc.vpn_bits) << kPageShift));
            map_page(s, va, 0, random_leaf_flags(!rng_.permille(100)), -1, 0, false);
        }
        unsigned nsup = unsigned(rng_.range(0, 3));
        for (unsigned i = 0; i < nsup; i++) {
            uint64_t va = sext(base + (rng_.range(2, 9) << (kPageShift + sc.vpn_bits)));
            map_page(s, va, 1, random_leaf_flags(!rng_.permille(100)), -1, 0, false);
        }
    }
    if (sc.levels >= 3 && rng_.permille(400))
        map_page(s, random_canonical(), 2, random_leaf_flags(!rng_.permille(100)), -1, 0, false);
    if (sc.levels >= 4 && rng_.permille(200))
        map_page(s, random_canonical(), 3, random_leaf_flags(!rng_.permille(100)), -1, 0, false);
    // Illegal pointers, each in a subtree of its own.
    unsigned nbad = unsigned(rng_.range(1, 4));
    for (unsigned i = 0; i < nbad; i++) {
        unsigned leaf_level = unsigned(rng_.below(sc.levels - 1));
        int bad_level = int(rng_.range(leaf_level + 1, sc.levels - 1));
        uint64_t bits;
        switch (rng_.below(sc.pte_log2 == 3 ? 5 : 4)) {
        case 0:  // A, D or U on a pointer
            bits = 0;
            if (rng_.chance(1, 2))
                bits |= kA;
            if (rng_.chance(1, 2))
                bits |= kD;
            if (!bits || rng_.chance(1, 3))
                bits |= kU;
            break;
        case 1:
            bits = kW;  // W without R
            break;
        case 2:
            bits = kV;  // clears V
            break;
        case 3:
            bits = 0;  // memory error on the pointer
            break;
        default:
            bits = uint64_t(1) << (MMU_PTE_SV64_RSVD_LSB + rng_.below(64 - MMU_PTE_SV64_RSVD_LSB));  // N, PBMT, 60:54
            break;
        }
        map_page(s, random_canonical(), leaf_level, random_leaf_flags(true), bad_level, bits, true);
    }
    // A pointer at level 0.
    if (rng_.permille(600))
        map_page(s, random_canonical(), 0, kV | (rng_.chance(1, 4) ? kG : 0), -1, 0, true);
}

uint64_t RandomGen::satp_for(const Space &s) const
{
    return mmu_satp_value(soft_ ? unsigned(MMU_SATP_SOFT) : scheme_->satp_mode, s.asid, s.root_ppn);
}

void RandomGen::setup_paging(Mode m)
{
    auto scheme_of = [](unsigned mode) {
        mmu_geometry_t g;
        mmu_geometry(mode, 0, &g);
        return Scheme{mode, g.levels, g.idx_bits, g.pte_log2, g.va_bits, g.ppn_bits, g.asid_bits};
    };
    static const Scheme kSv32 = scheme_of(MMU_SATP_SV32), kSv39 = scheme_of(MMU_SATP_SV39),
                        kSv48 = scheme_of(MMU_SATP_SV48);
    switch (m) {
    case Mode::Sv32:
        scheme_ = &kSv32;
        break;
    case Mode::Sv39:
        scheme_ = &kSv39;
        break;
    case Mode::Sv48:
        scheme_ = &kSv48;
        break;
    case Mode::Soft:  // the operating system's own Sv39 tables; the MMU never reads them
        scheme_ = &kSv39;
        soft_ = true;
        break;
    case Mode::Radix:
        setup_teaching();
        return;
    default: {
        unsigned r = unsigned(rng_.below(10));
        if (r < 2) {  // segments or base-and-bounds in front of a teaching table
            setup_teaching();
            return;
        }
        scheme_ = r < 4 ? &kSv32 : r < 7 ? &kSv39 : &kSv48;
        break;
    }
    }
    if (scheme_->satp_mode == MMU_SATP_SV32) {
        if (sv32_pool_ppn_ + 0x4000 >= (uint64_t(1) << MMU_PTE_SV32_PPN_WIDTH))
            sv32_pool_ppn_ = 0x10000;
        table_next_ppn_ = sv32_pool_ppn_;
        table_end_ppn_ = table_next_ppn_ + 0x4000;
        sv32_pool_ppn_ = table_end_ppn_;
    } else {
        table_next_ppn_ = rng_.range(0x100, mask(44) - 0x10000);
        table_end_ppn_ = table_next_ppn_ + 0x4000;
    }
    unsigned asid_w = std::min(opt_.asid_bits, scheme_->asid_bits);
    unsigned nspaces = unsigned(rng_.range(1, 4));
    spaces_.assign(nspaces, Space{});
    for (unsigned i = 0; i < nspaces; i++) {
        uint16_t asid;
        bool unique;
        unsigned tries = 0;
        do {
            asid = uint16_t(rng_.next() & mask(asid_w));
            unique = true;
            for (unsigned j = 0; j < i; j++)
                unique = unique && spaces_[j].asid != asid;
        } while (!unique && ++tries < 8);
        spaces_[i].asid = asid;
        build_space(spaces_[i], i == 0);
    }
    // A global region shared by every space (the kernel half of an OS): one subtree under the
    // same root slot everywhere, its leaves marked G.
    if (nspaces > 1 && rng_.permille(700)) {
        Space &s0 = spaces_[0];
        uint64_t base = random_canonical() & ~mask(kPageShift + scheme_->vpn_bits);
        std::vector<Target> glob;
        size_t before = s0.pages.size();
        for (unsigned i = 0; i < 8; i++) {
            uint64_t va = sext(base + (rng_.below(512) << kPageShift));
            map_page(s0, va, 0, random_leaf_flags(true) | kG, -1, 0, false);
        }
        glob.assign(s0.pages.begin() + long(before), s0.pages.end());
        unsigned top = scheme_->levels - 1;
        uint64_t a0 = (s0.root_ppn << kPageShift) + vpn(base, top) * (1u << scheme_->pte_log2);
        uint64_t root_pte = mem_.read(a0, scheme_->pte_log2);
        for (unsigned i = 1; i < nspaces && root_pte; i++) {
            uint64_t a = (spaces_[i].root_ppn << kPageShift) +
                         vpn(base, top) * (1u << scheme_->pte_log2);
            if (mem_.read(a, scheme_->pte_log2) == 0) {
                mem_.write(a, scheme_->pte_log2, root_pte);
                spaces_[i].pages.insert(spaces_[i].pages.end(), glob.begin(), glob.end());
            }
        }
    }
    // The same VA mapped differently in two spaces, global in one of them: software breaking the
    // flush rules, so that two entries can hit at once (SPEC 6: the lowest-numbered wins).
    if (nspaces > 1 && rng_.permille(600)) {
        for (unsigned i = 0; i < 6 && !spaces_[0].pages.empty(); i++) {
            Target t = rng_.pick(spaces_[0].pages);
            Space &o = spaces_[1 + rng_.below(nspaces - 1)];
            unsigned level = 0;
            while ((uint64_t(1) << (kPageShift + level * scheme_->vpn_bits)) < t.size)
                level++;
            uint64_t flags = random_leaf_flags(true) | (rng_.chance(1, 2) ? kG : 0);
            if (map_page(o, t.va, level, flags, -1, 0, false))
                o.pages.back().flags = flags;
        }
    }
    cur_space_ = 0;
}

// ---------------------------------------------------------------------------------------------
// Teaching radix tables (docs/spec.md 4.4) and HYBRID (4.5)

// A legal RADIX format: the two OSTEP homework formats, or a random one (any PTE size, 1 to 3
// levels, the valid bit, the present bit and the PFN field anywhere they fit). The VPN is kept
// small enough that the tables the generator fills stay a few pages.
void RandomGen::choose_teach_format(bool hybrid, unsigned max_offset)
{
    Teach &t = teach_;
    t = Teach{};
    unsigned r = unsigned(rng_.below(100));
    if (!hybrid && r < 20) {  // vm-paging/paging-linear-translate.py
        t.offset = unsigned(rng_.range(4, 12));
        t.va_bits = t.offset + unsigned(rng_.range(1, 8));
        t.levels = 1;
        t.pte_log2 = 2;
        t.valid_bit = 31;
        t.pfn_lsb = 0;
        t.pfn_width = unsigned(rng_.range(t.va_bits - t.offset + 1, 31));
        t.name = "linear (OSTEP)";
    } else if (!hybrid && r < 35) {  // vm-smalltables/paging-multilevel-translate.py
        t.offset = 5;
        t.va_bits = 15;
        t.levels = 2;
        t.pte_log2 = 0;
        t.valid_bit = 7;
        t.pfn_lsb = 0;
        t.pfn_width = 7;
        t.name = "multi-level (OSTEP)";
    } else {
        t.offset = unsigned(rng_.range(1, max_offset));
        t.levels = hybrid ? 1 : unsigned(rng_.range(1, 3));
        t.va_bits = std::min(56u, t.offset + t.levels + unsigned(rng_.below(t.levels * 6)));
        t.levels = std::min(t.levels, t.va_bits - t.offset);
        t.pte_log2 = unsigned(rng_.below(4));
        unsigned bits = 8u << t.pte_log2;
        t.present_used = rng_.chance(1, 2);
        t.pfn_width = unsigned(rng_.range(1, bits - 1 - (t.present_used ? 1 : 0)));
        t.pfn_lsb = unsigned(rng_.below(bits - t.pfn_width - (t.present_used ? 1 : 0)));
        uint64_t used = mask(t.pfn_width) << t.pfn_lsb;
        auto free_bit = [&]() {
            unsigned b;
            do
                b = unsigned(rng_.below(bits));
            while ((used >> b) & 1);
            used |= uint64_t(1) << b;
            return b;
        };
        t.valid_bit = free_bit();
        if (t.present_used)
            t.present_bit = free_bit();
        t.name = "random";
    }
    unsigned vpn_bits = t.va_bits - t.offset;
    t.idx_bits = vpn_bits / t.levels;
    t.top_bits = vpn_bits - (t.levels - 1) * t.idx_bits;
    // Tables: PFNs below 2^min(width, 40), from a random start that leaves room.
    unsigned room = std::min(t.pfn_width, 40u);
    uint64_t end = uint64_t(1) << room;
    t.next_pfn = room > 12 ? rng_.below(end / 2) : 0;
    t.end_pfn = end;
    teach_scheme_ = Scheme{MMU_SATP_RADIX, t.levels, t.idx_bits, t.pte_log2, t.va_bits, t.pfn_width, 16};
}

uint64_t RandomGen::radix_value() const
{
    const Teach &t = teach_;
    return MMU_PUT(RADIX_VA_BITS, t.va_bits) | MMU_PUT(RADIX_OFFSET, t.offset) |
           MMU_PUT(RADIX_LEVELS, t.levels) | MMU_PUT(RADIX_PTE_LOG2, t.pte_log2) |
           MMU_PUT(RADIX_VALID_BIT, t.valid_bit) | MMU_PUT(RADIX_PRESENT_BIT, t.present_bit) |
           MMU_PUT(RADIX_PRESENT_USED, t.present_used) | MMU_PUT(RADIX_PFN_LSB, t.pfn_lsb) |
           MMU_PUT(RADIX_PFN_WIDTH, t.pfn_width);
}

// An entry of the episode's format; the bits outside its fields are junk the MMU ignores.
uint64_t RandomGen::teach_pte(uint64_t pfn, bool valid, bool present)
{
    const Teach &t = teach_;
    uint64_t fields = mask(t.pfn_width) << t.pfn_lsb | uint64_t(1) << t.valid_bit;
    if (t.present_used)
        fields |= uint64_t(1) << t.present_bit;
    uint64_t pte = rng_.chance(1, 2) ? rng_.next() & ~fields : 0;
    pte |= (pfn & mask(t.pfn_width)) << t.pfn_lsb;
    if (valid)
        pte |= uint64_t(1) << t.valid_bit;
    if (t.present_used && present)
        pte |= uint64_t(1) << t.present_bit;
    return pte & mask(8u << t.pte_log2);
}

uint64_t RandomGen::teach_index(uint64_t va, unsigned level) const
{
    const Teach &t = teach_;
    unsigned bits = level + 1 == t.levels ? t.top_bits : t.idx_bits;
    return (va >> (t.offset + level * t.idx_bits)) & mask(bits);
}

// The PFN of a fresh table of `level` (its pages zeroed when small); UINT64_MAX if none is left.
uint64_t RandomGen::alloc_teach_table(unsigned level)
{
    Teach &t = teach_;
    unsigned bits = level + 1 == t.levels ? t.top_bits : t.idx_bits;
    if (bits > 30)
        return UINT64_MAX;
    uint64_t bytes = uint64_t(1) << (bits + t.pte_log2);
    uint64_t pages = (bytes + mask(t.offset)) >> t.offset;
    if (t.next_pfn + pages > t.end_pfn)
        return UINT64_MAX;
    uint64_t pfn = t.next_pfn;
    t.next_pfn += pages;
    if (bytes <= (uint64_t(1) << 16))
        for (uint64_t a = 0; a < bytes; a += 8)
            mem_.write(((pfn << t.offset) + a) & mask(56), 3, 0);
    return pfn;
}

// Maps the page of va in space s, making the tables on its path; some entries on the way or the
// leaf are invalid or not present on purpose, and some answer with a memory error.
bool RandomGen::map_teach_page(Space &s, uint64_t va)
{
    const Teach &t = teach_;
    uint64_t table = s.root_ppn;
    auto entry_addr = [&](unsigned lvl) {
        return ((table << t.offset) + (teach_index(va, lvl) << t.pte_log2)) & mask(56);
    };
    // an entry the generator wrote must not read as 0 ("never mapped"): a junk bit, not V
    auto marked = [&](uint64_t pte) {
        return pte ? pte : (uint64_t(1) << (t.valid_bit == 0 ? 1 : 0));
    };
    auto fields_of = [&](uint64_t pte, bool &valid, bool &present) {
        valid = (pte >> t.valid_bit) & 1;
        present = !t.present_used || ((pte >> t.present_bit) & 1);
        return (pte >> t.pfn_lsb) & mask(t.pfn_width);
    };
    for (unsigned lvl = t.levels - 1; lvl > 0; lvl--) {
        uint64_t a = entry_addr(lvl);
        uint64_t pte = mem_.read(a, t.pte_log2);
        bool valid, present;
        uint64_t pfn = fields_of(pte, valid, present);
        if (valid && present) {
            table = pfn;
            continue;
        }
        if (pte != 0)
            return false;  // an invalid or absent directory entry made on purpose
        unsigned r = unsigned(rng_.below(100));
        if (r < 4 || (r < 8 && t.present_used)) {  // invalid, or valid and not present
            mem_.write(a, t.pte_log2, marked(teach_pte(rng_.next(), r >= 4, false)));
            return false;
        }
        uint64_t next = alloc_teach_table(lvl - 1);
        if (next == UINT64_MAX)
            return false;
        mem_.write(a, t.pte_log2, teach_pte(next, true, true));
        if (rng_.permille(10)) {
            mem_.set_error(a, true);
            err_words_.push_back(a);
        }
        table = next;
    }
    uint64_t a = entry_addr(0);
    if (mem_.read(a, t.pte_log2) != 0)
        return false;
    unsigned r = unsigned(rng_.below(100));
    bool valid = r >= 8, present = !(t.present_used && r >= 8 && r < 16);
    mem_.write(a, t.pte_log2, marked(teach_pte(rng_.next(), valid, present)));
    if (rng_.permille(15)) {
        mem_.set_error(a, true);
        err_words_.push_back(a);
    }
    uint64_t page = uint64_t(1) << t.offset;
    uint64_t any = kV | kR | kW | kX | kU;  // teaching pages carry no permissions
    s.pages.push_back(Target{va & ~(page - 1), page, valid && present ? any : 0});
    return true;
}

void RandomGen::build_teach_space(Space &s)
{
    const Teach &t = teach_;
    s.pages.clear();
    s.root_ppn = alloc_teach_table(t.levels - 1);
    if (s.root_ppn == UINT64_MAX || s.root_ppn >> 44)
        s.root_ppn = 0;  // no room: the root overlaps, walks read whatever is there
    unsigned clusters = unsigned(rng_.range(1, 4));
    for (unsigned c = 0; c < clusters; c++) {
        uint64_t base = random_canonical();
        unsigned n = unsigned(rng_.range(3, 20));
        for (unsigned i = 0; i < n; i++)
            map_teach_page(s, sext(base + (rng_.below(32) << t.offset)));
    }
}

void RandomGen::setup_teaching()
{
    choose_teach_format(false, 16);
    scheme_ = &teach_scheme_;
    unsigned nspaces = unsigned(rng_.range(1, 3));
    spaces_.assign(nspaces, Space{});
    for (unsigned i = 0; i < nspaces; i++) {
        spaces_[i].asid = uint16_t(rng_.next() & mask(std::min(opt_.asid_bits, 16u)));
        build_teach_space(spaces_[i]);
    }
    cur_space_ = 0;
    queue(true, kRadix, radix_value());  // before SATP: MODE 15 needs a legal RADIX
}

// HYBRID: each segment's BASE is a linear page table of the episode's format and LIMIT its
// number of valid pages; requests land on mapped pages and on both sides of every limit.
void RandomGen::setup_hybrid()
{
    choose_teach_format(true, 10);
    Teach &t = teach_;
    unsigned select = unsigned(rng_.range(1, 3));
    unsigned va_bits = std::min(56u, select + t.offset + unsigned(rng_.range(1, 12)));
    unsigned off_bits = va_bits - select;
    unsigned vpn_bits = off_bits - t.offset;  // in-segment VPN
    uint64_t pages = uint64_t(1) << vpn_bits, page = uint64_t(1) << t.offset;
    teach_scheme_.va_bits = va_bits;
    teach_scheme_.levels = 1;
    scheme_ = &teach_scheme_;
    hybrid_ = true;
    unsigned nspaces = unsigned(rng_.range(1, 2));
    spaces_.assign(nspaces, Space{});
    for (Space &sp : spaces_)
        sp.asid = uint16_t(rng_.next() & mask(std::min(opt_.asid_bits, 16u)));
    cur_space_ = 0;
    seg_targets_.clear();
    queue(true, kRadix, radix_value());
    for (unsigned n = 0; n < kNumSegs; n++) {
        uint64_t flags = (rng_.permille(900) ? 1 : 0) | (rng_.permille(850) ? 2 : 0) |
                         (rng_.permille(600) ? 4 : 0) | (rng_.permille(500) ? 8 : 0) |
                         (rng_.permille(600) ? 16 : 0) | (rng_.permille(200) ? 32 : 0);
        uint64_t base = rng_.next() & mask(rng_.chance(1, 4) ? 56 : 36);
        if (rng_.permille(900))
            base &= ~mask(t.pte_log2);  // aligned, mostly
        uint64_t limit;
        switch (rng_.below(5)) {
        case 0: limit = 0; break;
        case 1: limit = pages; break;
        case 2: limit = pages + rng_.below(100); break;
        default: limit = rng_.range(1, std::min<uint64_t>(pages, 64)); break;
        }
        queue(true, kSeg0 + 3 * n, base);
        queue(true, kSeg0 + 3 * n + 1, limit);
        queue(true, kSeg0 + 3 * n + 2, flags);
        if (n >= (1u << select))
            continue;
        uint64_t seg_va = uint64_t(n) << off_bits;
        uint64_t mapped = std::min<uint64_t>(std::min(limit, pages), 64);
        for (uint64_t vpn = 0; vpn < mapped; vpn++) {
            if (!rng_.permille(700))
                continue;
            unsigned r = unsigned(rng_.below(100));
            bool valid = r >= 8, present = !(t.present_used && r >= 8 && r < 16);
            uint64_t a = (base + (vpn << t.pte_log2)) & mask(56);
            mem_.write(a, t.pte_log2, teach_pte(rng_.next(), valid, present));
            if (rng_.permille(15)) {
                mem_.set_error(a, true);
                err_words_.push_back(a);
            }
            Target tg{seg_va + (vpn << t.offset), page, flags & 0x1f};
            seg_targets_.push_back(tg);
            for (Space &sp : spaces_)
                sp.pages.push_back(tg);
        }
        // both sides of the limit (PAGE_BOUND at vpn == LIMIT)
        for (uint64_t vpn : {limit ? limit - 1 : 0, limit})
            if (vpn < pages)
                seg_targets_.push_back(Target{seg_va + (vpn << t.offset), page, flags & 0x1f});
    }
    segctl_ = segctl_value(MMU_SEG_SEGMENTS, select, va_bits) | kHybrid;
    queue(true, kSegctl, segctl_);
}

void RandomGen::setup_segments(bool paged)
{
    unsigned select = unsigned(rng_.range(1, 3));
    static const unsigned kVaBits[] = {14, 14, 16, 20, 24, 32, 40, 48, 56};
    unsigned va_bits = kVaBits[rng_.below(9)];
    if (rng_.permille(200))
        va_bits = unsigned(rng_.range(select + 1, 56));
    if (paged && va_bits > 24)
        va_bits = unsigned(rng_.range(14, 24));
    if (va_bits <= select)
        va_bits = select + 1;
    unsigned ob = va_bits - select;  // offset bits
    uint64_t segsize = uint64_t(1) << ob;
    seg_targets_.clear();
    for (unsigned n = 0; n < kNumSegs; n++) {
        uint64_t flags = 0;
        if (rng_.permille(880))
            flags |= 1;  // valid
        if (rng_.permille(800))
            flags |= 2;  // R
        if (rng_.permille(550))
            flags |= 4;  // W
        if (rng_.permille(450))
            flags |= 8;  // X
        if (rng_.permille(600))
            flags |= 16;  // U
        bool down = rng_.permille(300);
        if (down)
            flags |= 32;
        if (rng_.permille(50))
            flags |= rng_.next() & ~mask(6);  // junk above the flags
        uint64_t limit;
        switch (rng_.below(6)) {
        case 0:
            limit = rng_.below(4 * kPageSize);
            break;
        case 1:
            limit = rng_.below(std::min<uint64_t>(segsize, 1 << 16) + 1);
            break;
        case 2:
            limit = segsize;
            break;
        case 3:
            limit = segsize + rng_.below(4096);
            break;
        case 4:
            limit = 0;
            break;
        default:
            limit = rng_.below(segsize + 1);
            break;
        }
        if (paged)
            limit = std::min<uint64_t>(limit, 16 * kPageSize);
        uint64_t base;
        if (paged) {
            base = random_canonical();
            if (rng_.chance(1, 2))
                base &= ~(kPageSize - 1);
            uint64_t lo = down ? base - std::min(limit, base) : base;
            uint64_t hi = down ? base : base + limit;
            for (Space &s : spaces_)
                if (rng_.permille(850))
                    map_range(s, lo, hi);
        } else {
            base = rng_.next();
            if (rng_.chance(1, 3))
                base &= mask(36);
        }
        queue(true, kSeg0 + 3 * n, base);
        queue(true, kSeg0 + 3 * n + 1, limit);
        queue(true, kSeg0 + 3 * n + 2, flags);
        if (n >= (1u << select))
            continue;
        uint64_t start = uint64_t(n) << ob;
        uint64_t span = std::min(limit + 256, segsize);
        if (down) {
            seg_targets_.push_back(Target{start + segsize - span, span, flags & 0x1f});
            uint64_t edge = limit < segsize ? segsize - limit : 0;  // magnitude == limit
            seg_targets_.push_back(Target{start + (edge ? edge - 1 : 0), 2, flags & 0x1f});
        } else {
            seg_targets_.push_back(Target{start, span, flags & 0x1f});
            if (limit > 0 && limit < segsize)
                seg_targets_.push_back(Target{start + limit - 1, 2, flags & 0x1f});
        }
    }
    uint64_t segctl = segctl_value(MMU_SEG_SEGMENTS, select, va_bits);
    if (rng_.permille(100))
        segctl |= kHybrid;  // HYBRID: plain segments unless SATP MODE 15 pages
    if (rng_.permille(100))
        segctl |= rng_.next() & ~kSegctlFields;  // junk in reserved bits
    segctl_ = segctl;
    // a SEGCTL write that WARL ignores, first
    if (rng_.permille(200))
        queue(true, kSegctl, rng_.chance(1, 2) ? 3 : segctl_value(MMU_SEG_SEGMENTS, rng_.chance(1, 2) ? 0 : 5, 0));
    queue(true, kSegctl, segctl);
}

void RandomGen::setup_base_bounds(bool paged)
{
    uint64_t base, bounds;
    if (paged) {
        base = random_canonical();
        bounds = rng_.below(16 * kPageSize + 1);
        for (Space &s : spaces_)
            map_range(s, base, base + bounds);
    } else {
        base = rng_.chance(1, 2) ? rng_.next() & ~(kPageSize - 1) : rng_.next();
        unsigned r = unsigned(rng_.below(20));
        if (r == 0)
            bounds = 0;  // nothing is in bounds
        else if (r == 1)
            bounds = ~uint64_t(0);
        else if (r < 5)
            bounds = rng_.next() >> rng_.below(64);
        else
            bounds = rng_.range(1, 1 << 20);
    }
    seg_targets_.clear();
    seg_targets_.push_back(Target{0, std::min<uint64_t>(bounds, uint64_t(1) << 40) + 256, kV | kR | kW | kX | kU});
    if (bounds)
        seg_targets_.push_back(Target{bounds - 1, 2, kV | kR | kW | kX | kU});
    queue(true, kBase, base);
    queue(true, kBounds, bounds);
    segctl_ = MMU_SEG_BASE_BOUNDS |
              (rng_.permille(300) ? (rng_.next() & (MMU_SEGCTL_SELECT_MASK | MMU_SEGCTL_VA_BITS_MASK)) : 0);
    queue(true, kSegctl, segctl_);
}

void RandomGen::choose_memory()
{
    if (opt_.mem_fixed)
        return;
    struct Menu {
        unsigned weight, lmin, lmax;
        double ready, err;
    };
    static const Menu kMenu[] = {
        {30, 1, 1, 1.0, 0.0}, {10, 2, 2, 1.0, 0.0}, {10, 1, 4, 1.0, 0.0}, {15, 1, 3, 0.7, 0.0},
        {5, 2, 6, 0.5, 0.0},  {15, 1, 2, 0.9, 0.02}, {5, 1, 1, 1.0, 0.05}, {10, 3, 3, 0.8, 0.01},
    };
    unsigned total = 0;
    for (const Menu &m : kMenu)
        total += m.weight;
    unsigned r = unsigned(rng_.below(total));
    const Menu *sel = &kMenu[0];
    for (const Menu &m : kMenu) {
        if (r < m.weight) {
            sel = &m;
            break;
        }
        r -= m.weight;
    }
    MemConfig c;
    c.min_latency = sel->lmin;
    c.max_latency = sel->lmax;
    c.ready_prob = sel->ready;
    c.err_prob = sel->err;
    c.seed = rng_.next();
    mem_.configure(c);
}

void RandomGen::start_episode()
{
    episodes_++;
    // Every episode builds its page tables afresh and nothing reads an earlier episode's, so
    // once the memory holds more than kMemWordsKept words (about 25 MB) it is emptied: a soak
    // run's memory stays bounded (it grew by about 24 KiB per 1000 paged cycles). Runs of the
    // regression's length never get there, so their stimulus is unchanged.
    if (mem_.stored_words() > kMemWordsKept)
        mem_.forget_contents();
    // forget the previous episode's error words and A/D aging candidates
    for (uint64_t a : err_words_)
        mem_.set_error(a, false);
    err_words_.clear();
    leaves_.clear();
    spaces_.clear();
    seg_targets_.clear();
    scheme_ = nullptr;
    hybrid_ = false;
    soft_ = false;
    retry_pending_ = false;
    recent_n_ = 0;

    Mode m = opt_.mode;
    if (m == Mode::Mix) {
        static const unsigned kWeights[] = {5, 5, 10, 15, 15, 15, 20, 15, 15, 15, 15};  // bare..soft
        unsigned total = 0;
        for (unsigned w : kWeights)
            total += w;
        unsigned r = unsigned(rng_.below(total));
        unsigned i = 0;
        while (r >= kWeights[i])
            r -= kWeights[i++];
        m = Mode(i);
    }
    ep_mode_ = m;
    Mode layout = m;
    priv_m_permille_ = 40;
    if (m == Mode::M) {
        static const Mode kUnder[] = {Mode::Bare, Mode::BaseBounds, Mode::Seg,   Mode::Sv39,
                                      Mode::Sv32, Mode::Sv48,       Mode::SegPaged, Mode::Radix,
                                      Mode::Hybrid, Mode::Soft};
        layout = kUnder[rng_.below(10)];
        priv_m_permille_ = 750;
    }
    choose_memory();
    static const unsigned kReqRates[] = {950, 950, 800, 500, 200};
    req_permille_ = kReqRates[rng_.below(5)];
    static const unsigned kEventRates[] = {4, 12, 12, 30};
    event_permille_ = kEventRates[rng_.below(4)];
    ep_end_ = cycle_ + rng_.range(400, 3000);

    // register set-up
    if (rng_.permille(800))
        queue(true, kFlush, 0);  // flush all
    status_ = (rng_.chance(1, 2) ? kSum : 0) | (rng_.chance(1, 3) ? kMxr : 0) |
              (rng_.chance(1, 2) ? kHwad : 0);
    queue(true, kStatus, status_ | (rng_.permille(150) ? rng_.next() : 0));
    if (rng_.chance(1, 2))
        queue(true, kTlbctl, MMU_PUT(TLBCTL_POLICY, rng_.below(4)) | (rng_.next() & MMU_TLBCTL_LFSR_MASK));

    bool paged = layout == Mode::Sv32 || layout == Mode::Sv39 || layout == Mode::Sv48 ||
                 layout == Mode::SegPaged || layout == Mode::Radix || layout == Mode::Hybrid ||
                 layout == Mode::Soft;
    if (layout == Mode::Hybrid)
        setup_hybrid();
    else if (paged)
        setup_paging(layout);
    switch (layout) {
    case Mode::Hybrid:
        break;
    case Mode::BaseBounds:
        setup_base_bounds(false);
        break;
    case Mode::Seg:
        setup_segments(false);
        break;
    case Mode::SegPaged:
        if (rng_.permille(300))
            setup_base_bounds(true);
        else
            setup_segments(true);
        break;
    default:
        segctl_ = rng_.permille(200) ? (rng_.next() & kSegctlFields & ~MMU_SEGCTL_MODE_MASK) : 0;  // mode 0, other fields kept
        queue(true, kSegctl, segctl_);
        break;
    }
    if (paged) {
        satp_ = satp_for(spaces_[0]);
    } else {
        satp_ = rng_.next() & ~MMU_SATP_MODE_MASK;  // Bare keeps ASID and PPN as written
    }
    queue(true, kSatp, satp_);
    refresh_working_set();

    char buf[200];
    const MemConfig &mc = mem_.config();
    std::snprintf(buf, sizeof buf,
                  "episode %llu: %s (layout %s%s%s) mem lat %u:%u ready %.2f err %.3f, %zu spaces",
                  (unsigned long long)episodes_, mode_name(m), mode_name(layout),
                  scheme_ ? " " : "",
                  !scheme_ ? "" : teaching() ? teach_.name : mmu_satp_mode_name(scheme_->satp_mode),
                  mc.min_latency, mc.max_latency, mc.ready_prob, mc.err_prob, spaces_.size());
    episode_text_ = buf;
}

// ---------------------------------------------------------------------------------------------
// Requests

uint64_t RandomGen::junk_va()
{
    uint64_t v = rng_.next();
    switch (rng_.below(4)) {
    case 0:
        return v;
    case 1:
        return v >> rng_.below(64);
    case 2:
        return ~(v >> rng_.below(64));
    default:
        return v & mask(unsigned(rng_.range(12, 48)));
    }
}

void RandomGen::refresh_working_set()
{
    const std::vector<Target> *src = !seg_targets_.empty() ? &seg_targets_
                                     : !spaces_.empty()    ? &spaces_[cur_space_].pages
                                                           : nullptr;
    ws_.clear();
    if (!src || src->empty())
        return;
    unsigned n = unsigned(rng_.range(2, std::min<uint64_t>(opt_.tlb_entries + 2, 10)));
    for (unsigned i = 0; i < n; i++) {
        // prefer pages a well-behaved program would use (valid leaf), like a real working set
        const Target *t = &rng_.pick(*src);
        auto good = [](const Target *x) {
            return (x->flags & kV) && (x->flags & (kR | kX)) && !((x->flags & kW) && !(x->flags & kR)) &&
                   !(x->flags >> 54);
        };
        for (unsigned k = 0; k < 4 && !good(t); k++)
            t = &rng_.pick(*src);
        ws_.push_back(*t);
    }
}

uint64_t RandomGen::pick_vaddr(const Target *&tgt)
{
    tgt = nullptr;
    unsigned r = unsigned(rng_.below(100));
    if (!ws_.empty() && r < 60) {  // the working set: hit-heavy with locality
        if (rng_.permille(15))
            refresh_working_set();
        if (!ws_.empty()) {
            const Target &t = rng_.pick(ws_);
            tgt = &t;
            uint64_t span = std::min<uint64_t>(t.size, rng_.chance(1, 4) ? t.size : 4 * kPageSize);
            return t.va + rng_.below(span);
        }
    }
    if (recent_n_ && r < 72) {
        uint64_t v = recent_[rng_.below(recent_n_)];
        if (rng_.chance(1, 2))
            v = (v & ~(kPageSize - 1)) | rng_.below(kPageSize);
        return v;
    }
    r = unsigned(rng_.below(100));
    if (!seg_targets_.empty()) {
        if (r < 88) {
            const Target &t = rng_.pick(seg_targets_);
            tgt = &t;
            return t.va + rng_.below(t.size);
        }
        if (r < 96 && (segctl_ & 3) == 2) {
            unsigned va_bits = unsigned(segctl_ >> 8) & 0x3f;
            return rng_.next() & mask(va_bits);
        }
        return junk_va();
    }
    if (!spaces_.empty()) {
        const Space &cur = spaces_[cur_space_];
        if (r < 75 && !cur.pages.empty()) {
            const Target &t = rng_.pick(cur.pages);
            tgt = &t;
            return t.va + (rng_.chance(1, 4) ? rng_.below(t.size) : rng_.below(kPageSize));
        }
        if (r < 85) {
            const Space &o = rng_.pick(spaces_);
            if (!o.pages.empty()) {
                const Target &t = rng_.pick(o.pages);
                return t.va + rng_.below(kPageSize);
            }
        }
        if (r < 95)
            return random_canonical();
        return junk_va();
    }
    return junk_va();
}

RandomGen::Req RandomGen::pick_request()
{
    Req q;
    const Target *t = nullptr;
    q.vaddr = pick_vaddr(t);
    if (t && rng_.permille(800)) {
        // what the page allows, as a program mostly does (the rest stays random)
        uint8_t allowed[3];
        unsigned n = 0;
        if (t->flags & kR)
            allowed[n++] = MMU_ACC_LOAD;
        if (t->flags & kW)
            allowed[n++] = MMU_ACC_STORE;
        if (t->flags & kX)
            allowed[n++] = MMU_ACC_FETCH;
        q.acc = n ? allowed[rng_.below(n)] : uint8_t(rng_.below(3));
        q.priv = (t->flags & kU) ? MMU_PRIV_U : MMU_PRIV_S;
        if (rng_.permille(priv_m_permille_))
            q.priv = MMU_PRIV_M;
        return q;
    }
    unsigned a = unsigned(rng_.below(100));
    q.acc = a < 45 ? MMU_ACC_LOAD : a < 75 ? MMU_ACC_STORE : MMU_ACC_FETCH;
    if (rng_.permille(priv_m_permille_))
        q.priv = MMU_PRIV_M;
    else
        q.priv = rng_.chance(1, 2) ? MMU_PRIV_S : MMU_PRIV_U;
    return q;
}

// ---------------------------------------------------------------------------------------------
// Register events

uint64_t RandomGen::pick_flush_va()
{
    unsigned r = unsigned(rng_.below(100));
    if (!spaces_.empty() && r < 55) {
        const Space &s = rng_.pick(spaces_);
        if (!s.pages.empty()) {
            const Target &t = rng_.pick(s.pages);
            return t.va + rng_.below(t.size);
        }
    }
    if (recent_n_ && r < 85)
        return recent_[rng_.below(recent_n_)];
    return rng_.chance(1, 2) ? random_canonical() : junk_va();
}

void RandomGen::queue_flush(uint64_t delay)
{
    if (rng_.permille(750))
        queue(true, kFlushVa, pick_flush_va(), delay);
    uint64_t asid;
    unsigned r = unsigned(rng_.below(10));
    if (!spaces_.empty() && r < 5)
        asid = spaces_[cur_space_].asid;
    else if (!spaces_.empty() && r < 8)
        asid = rng_.pick(spaces_).asid;
    else
        asid = rng_.next() & mask(16);
    uint64_t v = MMU_PUT(FLUSH_KIND, rng_.below(4)) | MMU_PUT(FLUSH_ASID, asid);
    if (rng_.permille(100))
        v |= rng_.next() & ~MMU_FLUSH_KEPT;  // junk in unused bits
    queue(true, kFlush, v, delay);
}

void RandomGen::age_leaves()
{
    if (leaves_.empty())
        return;
    unsigned n = unsigned(rng_.range(1, 6));
    for (unsigned i = 0; i < n; i++) {
        const Leaf &l = rng_.pick(leaves_);
        uint64_t pte = mem_.read(l.pte_addr, l.pte_log2);
        if (!(pte & kV))
            continue;
        uint64_t clr = rng_.chance(1, 2) ? kA | kD : rng_.chance(1, 2) ? kA : kD;
        mem_.write(l.pte_addr, l.pte_log2, pte & ~clr);
    }
}

// ---- Soft mode: the operating system's refill handler (docs/spec.md 4.6) ----------------------

// The OS's own page-table walk (the MMU never reads these tables in Soft mode).
RandomGen::SoftLeaf RandomGen::soft_lookup(const Space &sp, uint64_t va) const
{
    uint64_t table = sp.root_ppn << kPageShift;
    for (int level = int(scheme_->levels) - 1; level >= 0; level--) {
        uint64_t pte = mem_.read(table + vpn(va, unsigned(level)) * 8, 3);
        if (!(pte & kV) || ((pte & kW) && !(pte & kR)))
            return SoftLeaf{false, 0, 0};
        if (pte & (kR | kX))
            return SoftLeaf{true, unsigned(level), pte};
        table = pte_ppn(pte) << kPageShift;
    }
    return SoftLeaf{false, 0, 0};
}

uint64_t RandomGen::soft_hi(const Space &sp, uint64_t va, unsigned level) const
{
    return MMU_PUT(TLB_HI_ASID, sp.asid) | MMU_PUT(TLB_HI_VPN, va >> MMU_TLB_HI_VPN_LSB) |
           MMU_PUT(TLB_HI_LEVEL, level);
}

// A TLB_MISS, A_CLEAR or D_CLEAR answered for r: what a kernel's handler does through the CSR
// port, then the access is retried. Some handlers are careless on purpose (illegal leaves, V = 0,
// out-of-range indices, junk bits): the lockstep checks that the MMU does what 4.6 says anyway.
void RandomGen::soft_handle(const Req &r, unsigned cause)
{
    soft_refills_++;
    const Space &sp = spaces_[cur_space_];
    SoftLeaf l = soft_lookup(sp, r.vaddr);
    if (rng_.chance(1, 2))
        queue(false, MMU_CSR_TLB_BADVA, 0);
    if (rng_.chance(1, 3))
        queue(false, MMU_CSR_TLB_HI, 0);
    if (!l.found) {  // no mapping: the process would get a signal; no retry
        if (rng_.chance(1, 3)) {  // probe for the absent page, then a V = 0 write somewhere
            queue(true, MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBP));
            queue(false, MMU_CSR_TLB_INDEX, 0);
            queue(true, MMU_CSR_TLB_LO, rng_.next() & ~kV);
            queue(true, MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBWI));
        }
        return;
    }
    uint64_t pte = l.pte;
    uint64_t ad = kA | (r.acc == MMU_ACC_STORE ? kD : 0);
    uint64_t pte_addr = 0;
    bool set_ad = cause != MMU_CAUSE_TLB_MISS || rng_.permille(700);
    if (set_ad) {  // the OS keeps A and D: in its table and in the entry it writes
        pte |= ad;
        const Space &s2 = sp;
        uint64_t table = s2.root_ppn << kPageShift;
        for (int level = int(scheme_->levels) - 1; level >= int(l.level); level--) {
            pte_addr = table + vpn(r.vaddr, unsigned(level)) * 8;
            table = pte_ppn(mem_.read(pte_addr, 3)) << kPageShift;
        }
        mem_.write(pte_addr, 3, pte);
    }
    uint64_t lo = (pte & MMU_PTE_FLAGS_MASK) | MMU_PUT(TLB_LO_PPN, pte_ppn(pte));
    if (rng_.permille(100))
        lo |= rng_.next() & ~MMU_TLB_LO_KEPT;  // bits TLB_LO does not keep
    if (rng_.permille(40))
        lo = (lo & ~kR) | kW;  // W without R: TLBWI/TLBWR do nothing, the access misses again
    bool rewrite = cause != MMU_CAUSE_TLB_MISS;  // A/D: the entry exists; find it, then rewrite it
    if (l.level != 0 || rewrite || rng_.permille(200))
        queue(true, MMU_CSR_TLB_HI, soft_hi(sp, r.vaddr, l.level) |
                                        (rng_.permille(100) ? rng_.next() & ~MMU_TLB_HI_KEPT : 0));
    if (rewrite)
        queue(true, MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBP));
    queue(true, MMU_CSR_TLB_LO, lo);
    if (rewrite || rng_.permille(350)) {
        if (!rewrite) {  // a chosen slot (sometimes beyond the TLB: ignored)
            unsigned n = opt_.tlb_entries;
            unsigned idx = unsigned(rng_.permille(80) ? rng_.below(64) : rng_.below(n));
            queue(true, MMU_CSR_TLB_INDEX, idx | (rng_.permille(100) ? rng_.next() & ~MMU_TLB_INDEX_INDEX_MASK : 0));
        }
        queue(true, MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBWI));
    } else {
        queue(true, MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBWR));
    }
    if (rng_.permille(200)) {  // check the work: probe and read back
        queue(true, MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBP));
        queue(false, MMU_CSR_TLB_INDEX, 0);
        queue(true, MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBR));
        queue(false, MMU_CSR_TLB_LO, 0);
    }
    retry_ = r;
    retry_pending_ = true;
}

// Soft-mode commands outside a handler: probes and reads of random entries, invalidations.
void RandomGen::soft_noise()
{
    unsigned r = unsigned(rng_.below(4));
    if (r == 0) {
        queue(true, MMU_CSR_TLB_INDEX, rng_.below(64));
        queue(true, MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBR));
        queue(false, MMU_CSR_TLB_HI, 0);
    } else if (r == 1) {
        uint64_t va = spaces_[cur_space_].pages.empty() ? rng_.next()
                                                        : rng_.pick(spaces_[cur_space_].pages).va;
        queue(true, MMU_CSR_TLB_HI, soft_hi(spaces_[cur_space_], va, unsigned(rng_.below(4))));
        queue(true, MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBP));
        queue(false, MMU_CSR_TLB_INDEX, 0);
    } else if (r == 2) {  // the OS unmaps a page: V = 0 at the probed (or held) index
        queue(true, MMU_CSR_TLB_LO, 0);
        queue(true, MMU_CSR_TLB_CMD, MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBWI));
    } else {  // a TLB_CMD with junk above its field
        queue(true, MMU_CSR_TLB_CMD, rng_.next() | MMU_PUT(TLB_CMD_CMD, MMU_TLB_CMD_TLBP));
    }
}

void RandomGen::queue_event()
{
    if (soft_ && rng_.permille(250)) {
        soft_noise();
        return;
    }
    unsigned r = unsigned(rng_.below(100));
    if (r < 13) {  // STATUS: SUM, MXR, HWAD
        status_ ^= rng_.chance(1, 3) ? kSum : rng_.chance(1, 2) ? kMxr : kHwad;
        queue(true, kStatus, status_ | (rng_.permille(150) ? rng_.next() : 0));
    } else if (r < 27) {  // ASID switch
        if (spaces_.empty()) {
            queue(true, kSatp, rng_.next() & ~MMU_SATP_MODE_MASK);  // Bare: ASID/PPN stored
        } else {
            unsigned old = cur_space_;
            cur_space_ = unsigned(rng_.below(spaces_.size()));
            if (rng_.permille(300))
                queue(true, kFlush, MMU_PUT(FLUSH_KIND, MMU_FLUSH_ASID) | MMU_PUT(FLUSH_ASID, spaces_[old].asid));
            satp_ = satp_for(spaces_[cur_space_]);
            // junk in ASID bits the lookup ignores (beyond the build's width, or Sv32's 9)
            unsigned w = std::min(opt_.asid_bits, scheme_->asid_bits);
            uint64_t junk = 0;
            if (rng_.permille(250))
                junk = rng_.next() & MMU_SATP_ASID_MASK & ~MMU_PUT(SATP_ASID, mask(w));
            if (scheme_->satp_mode == MMU_SATP_SV32 && rng_.permille(200))
                junk |= rng_.next() & (mask(22) << 22);  // PPN bits Sv32 drops
            queue(true, kSatp, satp_ | junk);
            refresh_working_set();
        }
    } else if (r < 33) {  // mode switch
        if (rng_.chance(1, 2) && !spaces_.empty()) {
            queue(true, kSatp, rng_.next() & mask(60));  // to Bare (flush)
            queue(true, kSatp, satp_, rng_.range(20, 300));  // and back (flush)
        } else {
            static const unsigned kBad[] = {2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 15, 15};
            queue(true, kSatp, MMU_PUT(SATP_MODE, kBad[rng_.below(12)]) | (rng_.next() & ~MMU_SATP_MODE_MASK));
        }
    } else if (r < 41) {  // replacement policy and LFSR
        uint64_t lfsr = rng_.permille(100) ? 0 : rng_.next() & mask(16);
        uint64_t v = MMU_PUT(TLBCTL_POLICY, rng_.below(4)) | MMU_PUT(TLBCTL_LFSR, lfsr);
        if (rng_.permille(100))
            v |= rng_.next() & ~mask(32);
        queue(true, kTlbctl, v);
    } else if (r < 58) {  // flush
        queue_flush(0);
    } else if (r < 70) {  // CSR read
        unsigned a = rng_.chance(1, 2) ? kCounters + unsigned(rng_.below(9))
                                       : unsigned(rng_.below(0x50));
        queue(false, a, rng_.next());
    } else if (r < 76) {  // segment registers
        if ((segctl_ & 3) == 2) {
            unsigned n = unsigned(rng_.below(kNumSegs));
            unsigned which = unsigned(rng_.below(3));
            uint64_t v = which == 2 ? rng_.below(64) : rng_.below(1 << 16);
            queue(true, kSeg0 + 3 * n + which, v);
        } else if ((segctl_ & 3) == 1) {
            queue(true, rng_.chance(1, 2) ? kBase : kBounds, rng_.next() >> rng_.below(64));
        }
        if (rng_.chance(1, 3))
            queue(true, kSegctl, segctl_);  // unchanged: no flush
        else if (rng_.chance(1, 3))
            queue(true, kSegctl, 3 | (rng_.next() & ~uint64_t(3)));  // mode 3: ignored
    } else if (r < 80) {  // RADIX (stored, WARL-checked, flushes when changed)
        uint64_t v = rng_.chance(1, 2)
                         ? rng_.next()
                         : (MMU_PUT(RADIX_VA_BITS, 16) | MMU_PUT(RADIX_OFFSET, 12) |
                            MMU_PUT(RADIX_LEVELS, 2) | MMU_PUT(RADIX_PTE_LOG2, 2) |
                            MMU_PUT(RADIX_VALID_BIT, 31) | MMU_PUT(RADIX_PFN_WIDTH, rng_.below(20)));  // often legal
        queue(true, kRadix, v);
    } else if (r < 84) {  // writes that must be ignored: counters, unused addresses
        static const unsigned kIgn[] = {0x07, 0x0e, 0x0f, 0x28, 0x3f, 0x40, 0x44, 0x48, 0x49, 0xff};
        queue(true, kIgn[rng_.below(10)], rng_.next());
    } else if (r < 91) {  // OS clears A/D bits behind the TLB's back
        age_leaves();
    } else if (r < 94) {  // memory timing change
        choose_memory();
    } else if (r < 97) {  // idle gap
        idle_left_ = rng_.range(5, 80);
    } else if (rng_.permille(150)) {  // a reset in the middle of the run (walks included)
        reset_left_ = unsigned(rng_.range(1, 3));
    } else {  // HYBRID toggle (flush), no translation effect yet
        queue(true, kSegctl, segctl_ ^ kHybrid);
        queue(true, kSegctl, segctl_, rng_.range(1, 50));
    }
}

// ---------------------------------------------------------------------------------------------
// Per-cycle

void RandomGen::next(mmu_inputs_t &in)
{
    in = mmu_inputs_t{};
    if (reset_left_ > 0) {
        // Reset drops whatever was presented or queued; every register returns to 0, so the
        // next episode starts as soon as reset ends.
        reset_left_--;
        in.rst_n = false;
        in.req_vaddr = rng_.next();
        in.req_valid = rng_.chance(1, 4);  // ignored in reset
        in.csr_valid = rng_.chance(1, 4);
        in.req_acc = MMU_ACC_LOAD;
        in.req_priv = MMU_PRIV_S;
        req_pending_ = false;
        retry_pending_ = false;
        answer_due_ = false;
        csr_pending_ = false;
        csr_q_.clear();
        idle_left_ = 0;
        ep_end_ = cycle_;
        resets_++;
        return;
    }
    in.rst_n = true;
    if (cycle_ >= ep_end_ && !csr_pending_ && csr_q_.empty())
        start_episode();

    // CSR channel
    if (!csr_pending_) {
        if (!csr_q_.empty() && csr_q_.front().not_before <= cycle_) {
            csr_ = csr_q_.front();
            csr_q_.pop_front();
            csr_pending_ = true;
        } else if (csr_q_.empty() && rng_.permille(event_permille_)) {
            queue_event();
        }
    }
    if (csr_pending_) {
        in.csr_valid = true;
        in.csr_write = csr_.write;
        in.csr_addr = csr_.addr;
        in.csr_wdata = csr_.data;
    } else {  // idle: junk that must not matter (csr_ready may depend on write/addr; SPEC 7)
        uint64_t j = rng_.next();
        in.csr_write = j & 1;
        in.csr_addr = uint8_t(j >> 8);
        in.csr_wdata = j;
    }

    // request channel (a Soft-mode miss holds new requests until its handler has run)
    if (!req_pending_ && retry_pending_) {
        if (!csr_pending_ && csr_q_.empty()) {
            req_ = retry_;
            req_pending_ = true;
            retry_pending_ = false;
        }
    } else if (!req_pending_) {
        if (idle_left_) {
            idle_left_--;
        } else if (rng_.permille(req_permille_)) {
            req_ = pick_request();
            req_pending_ = true;
        } else if (rng_.permille(20)) {
            idle_left_ = rng_.range(5, 60);
        }
    }
    if (req_pending_) {
        in.req_valid = true;
        in.req_vaddr = req_.vaddr;
        in.req_acc = req_.acc;
        in.req_priv = req_.priv;
    } else {
        uint64_t j = rng_.next();
        in.req_vaddr = j;
        in.req_acc = uint8_t(j % 3);
        in.req_priv = (j >> 2) & 1 ? uint8_t(MMU_PRIV_M) : uint8_t((j >> 3) & 1);
    }
}

void RandomGen::observe(const mmu_inputs_t &in, const mmu_outputs_t &out)
{
    if (!in.rst_n)
        return;
    cycle_++;
    // A reset in the next cycle, at the points a reset used to miss: the episode scheduler
    // (queue_event) starts one only while the CSR channel is idle, so a reset never met the
    // csr_rdata cycle of a read (a csr_rdata gated with rst_n || rvalid survived every run).
    // Rates per event (1/N) keep a few resets per 100 k cycles.
    {
        bool mem_acc = out.mem_req_valid && in.mem_req_ready;
        unsigned den = 0;
        if (in.csr_valid && !in.csr_write && out.csr_ready)
            den = 48;  // next cycle: csr_rvalid / csr_rdata
        else if (mem_acc && out.mem_req_write)
            den = 24;  // an A/D write outstanding
        else if (out.trace_flush_valid)
            den = 48;  // right after a flush
        else if (mem_acc)
            den = 1500;  // a walk step (a PTE read outstanding)
        else if (in.req_valid && out.req_ready)
            den = 3000;  // next cycle: the answer of a hit (or a walk's first cycle)
        else
            den = 60000;  // any other cycle: CSR access or request pending, idle, ...
        if (reset_left_ == 0 && reset_rng_.below(den) == 0)
            reset_left_ = unsigned(reset_rng_.range(1, 2));
    }
    // Soft mode: every answer comes in the cycle after its request was accepted
    if (answer_due_ && out.resp_valid && soft_ && out.resp_fault &&
        (out.resp_cause == MMU_CAUSE_TLB_MISS || out.resp_cause == MMU_CAUSE_A_CLEAR ||
         out.resp_cause == MMU_CAUSE_D_CLEAR))
        soft_handle(answer_req_, out.resp_cause);
    answer_due_ = in.req_valid && out.req_ready;
    answer_req_ = Req{in.req_vaddr, in.req_acc, in.req_priv};
    if (in.req_valid && out.req_ready) {
        req_pending_ = false;
        req_accepted_++;
        recent_[recent_head_] = in.req_vaddr;
        recent_head_ = (recent_head_ + 1) % 8;
        if (recent_n_ < 8)
            recent_n_++;
    }
    if (in.csr_valid && out.csr_ready) {
        csr_pending_ = false;
        csr_accepted_++;
    }
    // A flush (or a CSR access) timed inside a walk: decided when a page-table access starts.
    bool rise = out.mem_req_valid && !mem_req_prev_;
    mem_req_prev_ = out.mem_req_valid;
    if (rise && !csr_pending_ && csr_q_.empty()) {
        unsigned r = unsigned(rng_.below(1000));
        if (r < 25)
            queue_flush(rng_.below(12));
        else if (r < 40)
            queue(false, kCounters + unsigned(rng_.below(9)), 0, rng_.below(6));
        else if (r < 48) {
            status_ ^= kHwad;
            queue(true, kStatus, status_, rng_.below(6));  // waits for the walk's end
        }
    }
}

}  // namespace gen

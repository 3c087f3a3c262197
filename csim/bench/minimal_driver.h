// The minimal driver of `make bench`: the least a testbench can do per cycle, so that what it
// measures is the MMU (Verilated RTL or the C model's cycle face), not the harness. Sv39 with 256
// mapped 4 KiB pages and a 2 MiB megapage; random loads, stores and fetches from S mode, 90 % of
// them on 12 hot pages (TLB hits) and the rest anywhere (walks); a memory that accepts every
// request at once and answers in the next cycle. Every PTE has A and D set, so nothing faults on
// A/D. The same seed gives the same requests to both, so their checksums must agree.
#pragma once
#include <cstdint>
#include <vector>

#include "mmu_model.h"

namespace bench {

class MinimalStimulus {
public:
    explicit MinimalStimulus(uint64_t seed) : rng_(seed * 0x9e3779b97f4a7c15ull + 1)
    {
        // root table at kRootPpn, one level-1 table, one level-0 table; VA 0x4000_0000 + i*4K
        // maps to PA 0x8000_0000 + scrambled(i)*4K, and VA 0x4020_0000 is a 2 MiB megapage
        mem_.assign(kTableWords * 3, 0);
        const uint64_t flags = MMU_PTE_V | MMU_PTE_R | MMU_PTE_W | MMU_PTE_X | MMU_PTE_A | MMU_PTE_D;
        put(kRootPpn, 1, mmu_sv_pte(kRootPpn + 1, MMU_PTE_V));         // VA[38:30] = 1
        put(kRootPpn + 1, 0, mmu_sv_pte(kRootPpn + 2, MMU_PTE_V));     // VA[29:21] = 0
        put(kRootPpn + 1, 1, mmu_sv_pte(0x80400, flags));              // 2 MiB at 0x8040_0000
        for (uint64_t i = 0; i < kPages; i++)
            put(kRootPpn + 2, i, mmu_sv_pte(0x80000 + ((i * 37) % kPages), flags));
    }

    // One cycle: fills in, hands it to step (which returns that cycle's outputs and applies the
    // clock edge), and reacts to the outputs.
    template <class Step>
    void cycle(Step &&step)
    {
        mmu_inputs_t in{};
        in.rst_n = cycle_ >= kResetCycles;
        in.mem_req_ready = 1;
        if (resp_pending_) {
            in.mem_resp_valid = 1;
            in.mem_resp_rdata = resp_data_;
        }
        if (in.rst_n && !satp_written_) {
            in.csr_valid = 1;
            in.csr_write = 1;
            in.csr_addr = MMU_CSR_SATP;
            in.csr_wdata = mmu_satp_value(MMU_SATP_SV39, 1, kRootPpn);
        } else if (in.rst_n) {
            if (!req_pending_)
                next_request();
            in.req_valid = 1;
            in.req_vaddr = req_va_;
            in.req_acc = req_acc_;
            in.req_priv = MMU_PRIV_S;
        }
        const mmu_outputs_t &out = step(in);
        resp_pending_ = false;
        if (in.csr_valid && out.csr_ready)
            satp_written_ = true;
        if (in.req_valid && out.req_ready)
            req_pending_ = false;
        if (out.mem_req_valid) {
            resp_pending_ = true;
            resp_data_ = out.mem_req_write ? 0 : read(out.mem_req_addr);
        }
        if (out.resp_valid) {
            answers_++;
            checksum_ = (checksum_ ^ (out.resp_paddr + out.resp_cause + 64 * out.resp_hit)) * 0x100000001b3ull;
        }
        cycle_++;
    }

    uint64_t answers() const { return answers_; }
    uint64_t checksum() const { return checksum_; }

private:
    static constexpr uint64_t kRootPpn = 0x10000, kPages = 256, kTableWords = 512;
    static constexpr uint64_t kResetCycles = 2;
    std::vector<uint64_t> mem_;  // the three tables, from PA kRootPpn << 12
    uint64_t rng_;
    uint64_t cycle_ = 0, answers_ = 0, checksum_ = 0xcbf29ce484222325ull;
    bool satp_written_ = false, req_pending_ = false, resp_pending_ = false;
    uint64_t req_va_ = 0, resp_data_ = 0;
    uint8_t req_acc_ = 0;

    void put(uint64_t ppn, uint64_t index, uint64_t pte) { mem_[(ppn - kRootPpn) * kTableWords + index] = pte; }
    uint64_t read(uint64_t pa) const
    {
        uint64_t word = (pa - (kRootPpn << 12)) / 8;
        return word < mem_.size() ? mem_[word] : 0;
    }
    uint64_t random()
    {
        rng_ ^= rng_ << 13;
        rng_ ^= rng_ >> 7;
        rng_ ^= rng_ << 17;
        return rng_;
    }
    void next_request()
    {
        uint64_t r = random();
        uint64_t page = (r & 0xff) < 230 ? (r >> 8) % 12 : (r >> 8) % (kPages + 16);
        uint64_t base = page < kPages ? 0x40000000 + page * 4096 : 0x40200000 + (page - kPages) * 4096;
        req_va_ = base + ((r >> 24) & 0xff8);
        req_acc_ = uint8_t((r >> 40) % 3);
        req_pending_ = true;
    }
};

}  // namespace bench

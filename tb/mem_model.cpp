// Page-table memory behind the walker's port (see mem_model.h). All randomness comes from one
// mt19937_64 seeded from MemConfig::seed and is turned into numbers without the standard
// distributions (whose output differs between library versions), so a seed means the same run
// everywhere.
#include "mem_model.h"

namespace {

constexpr uint64_t kAddrMask = (uint64_t(1) << 56) - 1;

uint64_t word_key(uint64_t addr) { return (addr & kAddrMask) >> 3; }

}  // namespace

MemModel::MemModel(const MemConfig &cfg) { configure(cfg); }

void MemModel::configure(const MemConfig &cfg)
{
    cfg_ = cfg;
    if (cfg_.min_latency < 1)
        cfg_.min_latency = 1;
    if (cfg_.max_latency < cfg_.min_latency)
        cfg_.max_latency = cfg_.min_latency;
    if (!(cfg_.ready_prob >= 0.0))  // also catches NaN
        cfg_.ready_prob = 0.0;
    if (cfg_.ready_prob > 1.0)
        cfg_.ready_prob = 1.0;
    if (!(cfg_.err_prob >= 0.0))
        cfg_.err_prob = 0.0;
    if (cfg_.err_prob > 1.0)
        cfg_.err_prob = 1.0;
    rng_.seed(cfg_.seed);
    draw_ready();
}

// A uniform draw in [0, 1) from the top 53 bits of one rng output.
static double unit_draw(std::mt19937_64 &rng) { return double(rng() >> 11) * 0x1.0p-53; }

void MemModel::draw_ready()
{
    // One draw per cycle whatever the probability, so changing ready_prob alone does not shift
    // the latency and error draws that follow.
    double u = unit_draw(rng_);
    ready_now_ = cfg_.ready_prob >= 1.0 || u < cfg_.ready_prob;
}

void MemModel::write(uint64_t addr, unsigned size, uint64_t data)
{
    unsigned n = 1u << (size & 3);
    addr &= kAddrMask;
    if ((addr & 7) + n <= 8) {  // within one word (every aligned access): one lookup
        unsigned shift = unsigned(addr & 7) * 8;
        uint64_t mask = n == 8 ? ~uint64_t(0) : ((uint64_t(1) << (8 * n)) - 1) << shift;
        uint64_t &w = words_[addr >> 3];
        w = (w & ~mask) | ((data << shift) & mask);
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        uint64_t a = (addr + i) & kAddrMask;
        unsigned shift = unsigned(a & 7) * 8;
        uint64_t &w = words_[a >> 3];
        w = (w & ~(uint64_t(0xff) << shift)) | (((data >> (8 * i)) & 0xff) << shift);
    }
}

uint64_t MemModel::read(uint64_t addr, unsigned size) const
{
    unsigned n = 1u << (size & 3);
    addr &= kAddrMask;
    if ((addr & 7) + n <= 8) {  // within one word (every aligned access): one lookup
        auto it = words_.find(addr >> 3);
        uint64_t w = it == words_.end() ? 0 : it->second;
        w >>= unsigned(addr & 7) * 8;
        return n == 8 ? w : w & ((uint64_t(1) << (8 * n)) - 1);
    }
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++) {
        uint64_t a = (addr + i) & kAddrMask;
        auto it = words_.find(a >> 3);
        uint64_t w = it == words_.end() ? 0 : it->second;
        v |= ((w >> (unsigned(a & 7) * 8)) & 0xff) << (8 * i);
    }
    return v;
}

void MemModel::set_error(uint64_t addr, bool on)
{
    if (on)
        err_words_.insert(word_key(addr));
    else
        err_words_.erase(word_key(addr));
}

bool MemModel::error_at(uint64_t addr, unsigned size) const
{
    if (err_words_.empty())
        return false;
    unsigned n = 1u << (size & 3);
    for (unsigned i = 0; i < n; i++)
        if (err_words_.count(word_key(addr + i)))
            return true;
    return false;
}

void MemModel::drive(mmu_inputs_t &in)
{
    // One access outstanding at a time: no new request is taken before the response.
    in.mem_req_ready = ready_now_ && !pending_;
    bool resp = pending_ && countdown_ == 0;
    in.mem_resp_valid = resp;
    in.mem_resp_rdata = resp ? resp_data_ : 0;
    in.mem_resp_err = resp && resp_err_;
}

void MemModel::observe(const mmu_inputs_t &in, const mmu_outputs_t &out)
{
    if (!in.rst_n) {
        // The MMU forgets its access in reset; so does the memory.
        pending_ = false;
        draw_ready();
        return;
    }
    if (pending_) {
        if (countdown_ == 0)
            pending_ = false;  // the response was presented this cycle
        else
            countdown_--;
    }
    if (out.mem_req_valid && in.mem_req_ready) {
        unsigned size = out.mem_req_size & 3;
        uint64_t addr = out.mem_req_addr & kAddrMask;
        bool err = error_at(addr, size);
        double u = unit_draw(rng_);
        if (cfg_.err_prob > 0.0 && u < cfg_.err_prob)
            err = true;
        if (err)
            errors_injected++;
        if (out.mem_req_write) {
            writes_accepted++;
            if (!err)
                write(addr, size, out.mem_req_wdata);
            resp_data_ = 0;
        } else {
            reads_accepted++;
            resp_data_ = err ? 0 : read(addr, size);
        }
        resp_err_ = err;
        unsigned span = cfg_.max_latency - cfg_.min_latency;
        unsigned lat = cfg_.min_latency;
        if (span > 0)
            lat += unsigned(rng_() % (uint64_t(span) + 1));
        countdown_ = lat - 1;  // presented in the cycle acceptance + lat
        pending_ = true;
    }
    draw_ready();
}

// Page-table memory behind the walker's port, shared by mmusim and both lockstep harnesses:
// sparse little-endian storage, fixed or random latency, random back-pressure and injected
// error responses, all from one seed, so a run is reproducible from its command line.
#pragma once
#include <cstdint>
#include <random>
#include <unordered_map>
#include <unordered_set>

#include "mmu_model.h"

struct MemConfig {
    unsigned min_latency = 1;  // cycles from acceptance to response, >= 1
    unsigned max_latency = 1;  // latency drawn uniformly in [min, max]
    double ready_prob = 1.0;   // probability that mem_req_ready is 1 in a cycle
    double err_prob = 0.0;     // probability that an accepted access answers with an error
    uint64_t seed = 1;
};

class MemModel {
public:
    explicit MemModel(const MemConfig &cfg = MemConfig());
    void configure(const MemConfig &cfg);  // keeps the contents; takes effect for new requests
    const MemConfig &config() const { return cfg_; }

    // Backdoor storage (no timing). size is log2 bytes (0..3); addresses wrap at 2^56.
    void write(uint64_t addr, unsigned size, uint64_t data);
    uint64_t read(uint64_t addr, unsigned size) const;
    // Every access touching the 8-byte word that holds addr answers with mem_resp_err.
    void set_error(uint64_t addr, bool on);
    // True if an access of 2^size bytes at addr touches a word marked by set_error (for memories
    // that keep their own timing, e.g. the SystemC TLM target in csim/sc/).
    bool error_at(uint64_t addr, unsigned size) const;
    // Stored 8-byte words, and forgetting them all (contents only: timing, error marks and an
    // access in flight stay).
    size_t stored_words() const { return words_.size(); }
    void forget_contents() { words_.clear(); }

    // Port protocol, once per cycle: drive() sets mem_req_ready and mem_resp_* of this cycle in
    // `in` (they never depend on this cycle's outputs); observe() sees the cycle's outputs, accepts
    // a request if valid && ready, and advances to the next cycle.
    void drive(mmu_inputs_t &in);
    void observe(const mmu_inputs_t &in, const mmu_outputs_t &out);
    bool outstanding() const { return pending_; }

    uint64_t reads_accepted = 0, writes_accepted = 0, errors_injected = 0;

private:
    MemConfig cfg_;
    std::mt19937_64 rng_;
    std::unordered_map<uint64_t, uint64_t> words_;  // key: address >> 3
    std::unordered_set<uint64_t> err_words_;
    bool ready_now_ = true;
    bool pending_ = false;
    unsigned countdown_ = 0;
    uint64_t resp_data_ = 0;
    bool resp_err_ = false;
    void draw_ready();
};

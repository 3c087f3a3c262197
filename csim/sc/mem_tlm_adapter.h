// Pin-to-TLM bridge for the walker's page-table port: turns mmu_top's mem_req/mem_resp handshake
// (SPEC section 1) into TLM-2.0 blocking transport calls, so a SystemC virtual platform can put its
// own memory (any tlm_target_socket with b_transport) behind the MMU.
//
// Protocol, all on the rising edge of clk (signals are written in the delta after the edge, so
// every process that samples at the edge sees the values of the cycle that just ended):
// - mem_req_ready: while no access is outstanding, 1 with probability ready_prob per cycle
//   (back-pressure; 1.0 = always ready); 0 from acceptance to the end of the response cycle.
// - An access is accepted at the edge ending a cycle with mem_req_valid && mem_req_ready. The
//   bridge then calls b_transport at once: TLM_READ_COMMAND / TLM_WRITE_COMMAND, address
//   mem_req_addr, data length 2^mem_req_size bytes (little-endian: byte i is bits 8i+7..8i),
//   streaming width = length, no byte enables.
// - Timing: the target may add latency to the annotated delay and/or wait() inside b_transport.
//   With the access accepted at edge E, the response is presented in the cycle that starts at the
//   first edge at or after E + (time spent in b_transport) + (annotated delay), at the earliest
//   the cycle right after acceptance. A delay of 0 gives the SPEC's latency L = 1; n clock
//   periods give L = n + 1.
// - mem_resp_valid is 1 for that one cycle with mem_resp_rdata (reads; 0 for writes) and
//   mem_resp_err = 1 if the target returned any error status (e.g. TLM_ADDRESS_ERROR_RESPONSE;
//   rdata is then 0). TLM_INCOMPLETE_RESPONSE (the target did not answer) is an error too.
// - A reset (rst_n = 0 at an edge) while an access is outstanding drops it: the MMU forgets it too.
#pragma once
#include <cstdint>
#include <random>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

namespace mmusc {

class MemTlmAdapter : public sc_core::sc_module {
public:
    sc_core::sc_in<bool> clk{"clk"};
    sc_core::sc_in<bool> rst_n{"rst_n"};
    // from the MMU
    sc_core::sc_in<bool> mem_req_valid{"mem_req_valid"};
    sc_core::sc_in<uint64_t> mem_req_addr{"mem_req_addr"};
    sc_core::sc_in<bool> mem_req_write{"mem_req_write"};
    sc_core::sc_in<uint64_t> mem_req_wdata{"mem_req_wdata"};
    sc_core::sc_in<uint32_t> mem_req_size{"mem_req_size"};
    // to the MMU
    sc_core::sc_out<bool> mem_req_ready{"mem_req_ready"};
    sc_core::sc_out<bool> mem_resp_valid{"mem_resp_valid"};
    sc_core::sc_out<uint64_t> mem_resp_rdata{"mem_resp_rdata"};
    sc_core::sc_out<bool> mem_resp_err{"mem_resp_err"};
    // to the memory
    tlm_utils::simple_initiator_socket<MemTlmAdapter> socket{"socket"};

    SC_HAS_PROCESS(MemTlmAdapter);
    // period: the clock period (for turning delays into cycles); seed: back-pressure draws.
    MemTlmAdapter(sc_core::sc_module_name nm, const sc_core::sc_time &period, uint64_t seed = 1);

    // Probability of mem_req_ready per idle cycle; takes effect from the next draw.
    void set_ready_prob(double p) { ready_prob_ = p; }

    // Statistics
    uint64_t reads = 0, writes = 0, errors = 0, dropped_by_reset = 0;
    uint64_t latency_cycles = 0;  // sum of L over answered accesses
    uint64_t max_latency = 0;

private:
    sc_core::sc_time period_;
    double ready_prob_ = 1.0;
    std::mt19937_64 rng_;
    uint64_t reset_epoch_ = 0;  // edges seen with rst_n = 0

    void run();        // SC_THREAD: the handshake
    void watch_reset();  // SC_METHOD at every edge: counts reset edges (b_transport may block)
    void drive_idle();
    bool serve();  // at the acceptance edge; returns at the edge starting the response cycle
};

}  // namespace mmusc

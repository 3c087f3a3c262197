// A TLM-2.0 target memory for the page tables (b_transport only), backed by the sparse MemModel
// the stimulus generator writes its tables into (tb/mem_model.h: storage and error words only;
// its cycle protocol is not used here). Stands for the memory of a virtual platform: replace it
// with any target socket and the MMU side (MemTlmAdapter) does not change.
//
// Per transaction:
// - latency: L cycles drawn in [min_latency, max_latency] of the store's current MemConfig (the
//   generator changes it per episode); the L-1 cycles beyond the minimum are spent partly in
//   wait() and partly added to the annotated delay (wait_share: the expected fraction waited;
//   0 = pure annotation (loosely timed), 1 = pure wait), split at a random point in ns, so both
//   paths and their mix are exercised;
// - errors: TLM_ADDRESS_ERROR_RESPONSE if the access touches a word marked with
//   MemModel::set_error or with probability err_prob; a write that errs changes nothing;
// - TLM_COMMAND_ERROR_RESPONSE for TLM_IGNORE_COMMAND, TLM_BURST_ERROR_RESPONSE for a length
//   other than 1, 2, 4, 8 or a streaming width below the length, TLM_BYTE_ENABLE_ERROR_RESPONSE
//   for byte enables (the MMU's accesses have none).
#pragma once
#include <cstdint>
#include <random>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "mem_model.h"

namespace mmusc {

class TlmPageMemory : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<TlmPageMemory> socket{"socket"};

    TlmPageMemory(sc_core::sc_module_name nm, MemModel &store, const sc_core::sc_time &period,
                  uint64_t seed = 1, double wait_share = 0.5);

    uint64_t transactions = 0, address_errors = 0, waited = 0, annotated = 0;

private:
    MemModel &store_;
    sc_core::sc_time period_;
    double wait_share_;
    std::mt19937_64 rng_;

    void b_transport(tlm::tlm_generic_payload &gp, sc_core::sc_time &delay);
    double unit() { return double(rng_() >> 11) * 0x1.0p-53; }
};

}  // namespace mmusc

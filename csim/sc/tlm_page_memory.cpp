// TLM-2.0 page-table memory (see tlm_page_memory.h).
#include "tlm_page_memory.h"

namespace mmusc {

TlmPageMemory::TlmPageMemory(sc_core::sc_module_name nm, MemModel &store,
                             const sc_core::sc_time &period, uint64_t seed, double wait_share)
    : sc_module(nm), store_(store), period_(period), wait_share_(wait_share), rng_(seed)
{
    socket.register_b_transport(this, &TlmPageMemory::b_transport);
}

void TlmPageMemory::b_transport(tlm::tlm_generic_payload &gp, sc_core::sc_time &delay)
{
    transactions++;
    const unsigned len = gp.get_data_length();
    unsigned size = 0;
    while ((1u << size) < len && size < 4)
        size++;
    if (gp.get_command() == tlm::TLM_IGNORE_COMMAND) {
        gp.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
        return;
    }
    if (size > 3 || (1u << size) != len || gp.get_streaming_width() < len) {
        gp.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
        return;
    }
    if (gp.get_byte_enable_ptr()) {
        gp.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
        return;
    }

    // Timing: L - 1 cycles beyond the minimum response time, part waited, part annotated.
    const MemConfig &cfg = store_.config();
    unsigned lat = cfg.min_latency;
    if (cfg.max_latency > cfg.min_latency)
        lat += unsigned(rng_() % uint64_t(cfg.max_latency - cfg.min_latency + 1));
    const sc_core::sc_time extra = period_ * double(lat - 1);
    if (extra > sc_core::SC_ZERO_TIME) {
        // Waited part: all, none, or a random split (in whole ns) with the annotated rest.
        double u = unit();
        sc_core::sc_time waited_part = sc_core::SC_ZERO_TIME;
        if (u < wait_share_ * 0.5)
            waited_part = extra;
        else if (u < wait_share_ * 1.5 && wait_share_ > 0.0) {
            double ns = extra.to_seconds() * 1e9;
            waited_part = sc_core::sc_time(double(uint64_t(unit() * ns)), sc_core::SC_NS);
        }
        if (waited_part > sc_core::SC_ZERO_TIME) {
            // LT convention: synchronise the annotation already carried before waiting.
            wait(delay + waited_part);
            delay = sc_core::SC_ZERO_TIME;
            waited++;
        }
        if (extra > waited_part) {
            delay += extra - waited_part;
            annotated++;
        }
    }

    const uint64_t addr = gp.get_address();
    bool err = store_.error_at(addr, size);
    if (cfg.err_prob > 0.0 && unit() < cfg.err_prob)
        err = true;
    if (err) {
        address_errors++;
        gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
        return;
    }
    unsigned char *p = gp.get_data_ptr();
    if (gp.is_write()) {
        uint64_t v = 0;
        for (unsigned i = 0; i < len; i++)
            v |= uint64_t(p[i]) << (8 * i);
        store_.write(addr, size, v);
    } else {
        uint64_t v = store_.read(addr, size);
        for (unsigned i = 0; i < len; i++)
            p[i] = static_cast<unsigned char>(v >> (8 * i));
    }
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace mmusc

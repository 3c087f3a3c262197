// Pin-to-TLM bridge for the walker's memory port (see mem_tlm_adapter.h).
#include "mem_tlm_adapter.h"

namespace mmusc {

using sc_core::sc_time;

MemTlmAdapter::MemTlmAdapter(sc_core::sc_module_name nm, const sc_time &period, uint64_t seed)
    : sc_module(nm), period_(period), rng_(seed)
{
    SC_THREAD(run);
    SC_METHOD(watch_reset);
    sensitive << clk.pos();
    dont_initialize();
}

void MemTlmAdapter::watch_reset()
{
    if (!rst_n.read())
        reset_epoch_++;
}

void MemTlmAdapter::drive_idle()
{
    // One draw per cycle whatever the probability (reproducible when only the probability changes).
    double u = double(rng_() >> 11) * 0x1.0p-53;
    mem_req_ready.write(ready_prob_ >= 1.0 || u < ready_prob_);
    mem_resp_valid.write(false);
    mem_resp_rdata.write(0);
    mem_resp_err.write(false);
}

void MemTlmAdapter::run()
{
    drive_idle();  // cycle 0
    wait(clk.posedge_event());
    for (;;) {
        // At an edge: rst_n, mem_req_* and mem_req_ready still hold the values of the cycle that
        // this edge ends (writes made at this edge show one delta cycle later).
        if (rst_n.read() && mem_req_valid.read() && mem_req_ready.read() && serve()) {
            wait(clk.posedge_event());  // the edge that ends the response cycle
            continue;  // mem_req_ready was 0 in the response cycle: nothing accepted there
        }
        drive_idle();
        wait(clk.posedge_event());
    }
}

bool MemTlmAdapter::serve()
{
    const sc_time accept = sc_core::sc_time_stamp();
    const uint64_t epoch = reset_epoch_;
    const bool write = mem_req_write.read();
    const uint64_t addr = mem_req_addr.read();
    const unsigned len = 1u << (mem_req_size.read() & 3);
    const uint64_t wdata = mem_req_wdata.read();
    // Outstanding: no new access, no response, until the answer.
    mem_req_ready.write(false);
    mem_resp_valid.write(false);
    mem_resp_rdata.write(0);
    mem_resp_err.write(false);

    unsigned char buf[8] = {};
    for (unsigned i = 0; i < len; i++)
        buf[i] = write ? static_cast<unsigned char>(wdata >> (8 * i)) : 0;
    tlm::tlm_generic_payload gp;
    gp.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    gp.set_address(addr);
    gp.set_data_ptr(buf);
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    gp.set_byte_enable_ptr(nullptr);
    gp.set_byte_enable_length(0);
    gp.set_dmi_allowed(false);
    gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(gp, delay);

    const sc_time ready_at = sc_core::sc_time_stamp() + delay;
    if (sc_core::sc_time_stamp() != accept || ready_at > accept) {
        // Present the answer from the first edge at or after ready_at. Time spent inside
        // b_transport always ends with at least one edge wait, so the answer is never written in
        // the same delta as a clock edge that other processes have yet to see.
        do {
            wait(clk.posedge_event());
            if (!rst_n.read() || reset_epoch_ != epoch) {
                dropped_by_reset++;
                return false;
            }
        } while (sc_core::sc_time_stamp() < ready_at);
    }
    if (reset_epoch_ != epoch) {  // reset edges while b_transport was blocked
        dropped_by_reset++;
        return false;
    }
    const bool err = gp.get_response_status() != tlm::TLM_OK_RESPONSE;
    uint64_t rdata = 0;
    if (!write && !err)
        for (unsigned i = 0; i < len; i++)
            rdata |= uint64_t(buf[i]) << (8 * i);
    mem_resp_valid.write(true);
    mem_resp_rdata.write(rdata);
    mem_resp_err.write(err);
    (write ? writes : reads)++;
    errors += err;
    uint64_t lat = uint64_t((sc_core::sc_time_stamp() - accept) / period_ + 0.5) + 1;
    latency_cycles += lat;
    if (lat > max_latency)
        max_latency = lat;
    return true;
}

}  // namespace mmusc

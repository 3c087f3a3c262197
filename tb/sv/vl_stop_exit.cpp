// Linked into the Verilator --binary testbenches of tb/sv/ (built with -DVL_USER_STOP): $stop,
// $fatal and failing assertions end the simulation with exit status 1 instead of Verilator's
// default abort() (status 134 and a possible core file). $finish still exits 0.
#include <verilated.h>

#include <cstdio>
#include <cstdlib>

void vl_stop(const char *filename, int linenum, const char * /*hier*/)
{
    Verilated::runFlushCallbacks();
    std::fflush(stdout);
    std::fprintf(stderr, "%%Error: %s:%d: Verilog $stop/$fatal: exiting with status 1\n",
                 filename ? filename : "?", linenum);
    std::exit(1);
}

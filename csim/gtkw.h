// GTKWave save files for the waves build/mmucosim records: a copy of the template waves/mmu.gtkw
// (compiled into the binary) with the dump file, the view (start time, zoom, window size), the
// markers and the open groups filled in, and the template's filter lines (^N, ^>N: build/gtkw/...)
// pointed at the filters installed next to this binary. See docs/debugging.md.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

struct GtkwView {
    std::string dumpfile;       // the FST (written as an absolute path)
    std::string savefile;       // the .gtkw to write
    uint64_t timestart = 0;     // left edge of the view, FST time
    uint64_t span = 0;          // FST time units the view must show (0: the template's zoom)
    uint64_t time_first = 0, time_last = 0;  // the FST's time range (time_last 0: unknown);
                                             // GTKWave ignores a view that runs past the end
    int64_t marker = -1;        // primary marker (red), FST time; -1: none
    int64_t marker_a = -1;      // named marker A; -1: none
    unsigned width = 1600, height = 900;  // window size
    std::string open_groups = "012345";   // leading digits of the groups shown open
    std::string filter_dir;               // the GTKWave filters (translate files, the PTE
                                          // process filter); "": <this binary's dir>/gtkw
    std::vector<std::string> comments;    // "[*]" lines at the top (what this view shows)
};

// The GTKWave zoom level whose view of `width` pixels shows at least `span` time units.
double gtkw_zoom(uint64_t span, unsigned width);
// Writes v.savefile; false and a message in err on failure.
bool write_gtkw(const GtkwView &v, std::string &err);

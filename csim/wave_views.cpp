// GTKWave views of build/mmucosim's waves (see wave_views.h).
#include "wave_views.h"

#include <cstdio>

#include "rtl_sim.h"

std::string gtkw_path_for(const std::string &fst)
{
    std::string s = fst;
    if (s.size() > 4 && s.compare(s.size() - 4, 4, ".fst") == 0)
        s.resize(s.size() - 4);
    return s + ".gtkw";
}

GtkwView gtkw_view(const Options &o, const std::string &fst)
{
    GtkwView v;
    v.dumpfile = fst;
    v.savefile = gtkw_path_for(fst);
    v.width = o.gtkw_width;
    v.height = o.gtkw_height;
    v.open_groups = o.gtkw_open;
    return v;
}

void focus_view(GtkwView &v, uint64_t accept, uint64_t answer, uint64_t first_recorded)
{
    uint64_t start = accept >= first_recorded + 1 ? accept - 1 : first_recorded;
    v.timestart = wave_time_cycle_start(start);
    v.span = wave_time_cycle_start(answer + 3) - wave_time_cycle_start(start);
    v.marker = int64_t(wave_time_of_cycle(accept));
    v.marker_a = int64_t(wave_time_of_cycle(answer));
}

void note_gtkw(const GtkwView &v)
{
    std::string err;
    if (write_gtkw(v, err))
        std::printf("mmucosim: wave %s, GTKWave view: gtkwave %s\n", v.dumpfile.c_str(),
                    v.savefile.c_str());
    else
        std::printf("mmucosim: warning: %s\n", err.c_str());
}


// The GTKWave views build/mmucosim writes beside a wave: the save file's path, the window and open
// groups asked for, a translation's view (from its acceptance to its answer), and a note on
// stdout. Wave time: cycle c spans 2c..2c+2 (rtl_sim.h).
#pragma once
#include <cstdint>
#include <string>

#include "cosim_options.h"
#include "gtkw.h"

// "x.fst" -> "x.gtkw"
std::string gtkw_path_for(const std::string &fst);
// The view of an FST with the options' window size and open groups.
GtkwView gtkw_view(const Options &o, const std::string &fst);
// A translation's view: from the cycle before its acceptance to 2 after its answer, the primary
// marker on the acceptance and marker A on the answer (harness cycles).
void focus_view(GtkwView &v, uint64_t accept, uint64_t answer, uint64_t first_recorded);
// Writes the save file and says where it is.
void note_gtkw(const GtkwView &v);

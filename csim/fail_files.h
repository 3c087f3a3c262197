// A lockstep failure's debug files: the wave window around the failing cycle (recorded by a
// second run from the same seed unless the first run recorded it), a .gtkw with the marker on it,
// the last translations as text and JSON, and the report (docs/debugging.md).
#pragma once
#include "cosim_run.h"

// Writes them into o.fail_dir (default: <directory of the binary>/fail) and adds them to
// info.debug_files.
void write_fail_files(int argc, char **argv, const Options &o, const Scenario *sc,
                      const PassSpec &first, const PassOut &r1, MismatchInfo &info);

// `mmusim quiz`: seeded textbook problems in the style of the OSTEP homework simulators, whose
// answers are computed by the reference model itself (docs/class-projects.md, "Quiz").
#pragma once

// Runs `mmusim quiz ARGS...` (argv[0] is "quiz"); returns the exit status (0, or 2 for a bad
// option, with the option and its allowed range named on stderr).
int quiz_main(int argc, char **argv);

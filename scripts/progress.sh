#!/usr/bin/env bash
# What `make cosim` and `make test` say before they start, so that a first run on a new machine
# is not a silent wait: what will be built, on how many cores, and how long it usually takes.
#   progress.sh banner cosim|test
# The figures are measured (docs/performance.md "Build"): a fresh Debian 12 root, 2 cores.
set -euo pipefail
. "$(dirname "$0")/help.sh"
case "${1:-}" in
banner) ;;
*) echo "progress.sh: usage: progress.sh banner cosim|test" >&2; exit 2 ;;
esac
cores=$(nproc 2>/dev/null || echo 1)
build=${BUILD:-build}
warm=""
[ -d "$build/vl" ] && warm=" (build/ exists: only what changed is rebuilt)"
case "${2:-}" in
cosim)
    echo "make cosim: builds the C model and 4 Verilator lockstep variants on $cores cores, then runs"
    echo "make cosim: the default regression. A cold build usually takes COSIM_COLD on 2 cores; the"
    echo "make cosim: regression about COSIM_REGRESS$warm." ;;
test)
    echo "make test: builds every harness (lockstep, defect, SystemC, DPI, cocotb; a Python venv from"
    echo "make test: PyPI) on $cores cores and runs every suite. A cold build usually takes TEST_COLD on"
    echo "make test: 2 cores; the suites about TEST_RUN$warm." ;;
*) echo "progress.sh: banner needs cosim or test" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Runs the cocotb lockstep test (tb/cocotb/test_mmu.py) of the RTL against the Python-wrapped model
# under Verilator, through cocotb 1.8's makefiles (tb/cocotb/Makefile), and judges it with
# check_results.py. Ends with "NAME: N passed, M failed".
#
#   run.sh [--build-only] pass        default RTL: both tests must pass
#   run.sh [--build-only] bug-dirty   RTL with tb/defects/dirty.patch: sv39_random must FAIL by an
#                                     output mismatch (the expected failure is the check's pass)
# Environment: RANDOM_SEED (default 1), TESTCASE, MMU_COCOTB_CYCLES (default 8000 per test),
# BUILD (default build). Needs the venv build/py/venv (make py-venv) and build/libmmumodel.so.
# Output of each variant: build/cocotb/<variant>/{build.log,sim.log,results.xml,report.jsonl}.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
ROOT=$PWD
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
VENV=$BUILD/py/venv

build_only=0
if [ "${1:-}" = --build-only ]; then build_only=1; shift; fi
variant=${1:-pass}
case "$variant" in
pass) defect=""; name=cocotb; tests=${TESTCASE:-sv39_random,bb_seg_random} ;;
bug-dirty) defect=dirty; name=cocotb-defect; tests=${TESTCASE:-sv39_random} ;;
*) echo "run.sh: unknown variant '$variant' (pass or bug-dirty)" >&2; exit 2 ;;
esac

fail() { echo "$name: $1"; [ -n "${2:-}" ] && tail -n "${3:-30}" "$2"; echo "$name: 0 passed, 1 failed"; exit 1; }

[ -x "$VENV/bin/cocotb-config" ] || fail "$VENV has no cocotb (run 'make py-venv')"
[ -f "$BUILD/libmmumodel.so" ] || fail "$BUILD/libmmumodel.so missing (run 'make model')"
RTL=$(make -s --no-print-directory -f rtl/rtl.mk --eval 'print-rtl: ; @echo $(RTL_SRCS_REL)' print-rtl) ||
    fail "cannot read the RTL file list from rtl/rtl.mk"
if [ -n "$defect" ]; then  # the RTL with the defect's patch (tb/defects/defects.mk makes the copy)
    [ -f "$BUILD/defects/$defect/.applied" ] || fail "$BUILD/defects/$defect missing (make $BUILD/defects/$defect/.applied)"
    RTL=$(for f in $RTL; do printf '%s ' "$BUILD/defects/$defect/$f"; done)
else
    RTL=$(for f in $RTL; do printf '%s ' "$ROOT/$f"; done)
fi

DIR=$BUILD/cocotb/$variant
mkdir -p "$DIR"
export PATH=$VENV/bin:$PATH VIRTUAL_ENV=$VENV MMU_MODEL_LIB=$BUILD/libmmumodel.so
args=(-C "$DIR" -f "$ROOT/tb/cocotb/Makefile" --no-print-directory SIM_BUILD="$DIR/sim_build"
      RTL_SOURCES="$RTL")
# MAKEFLAGS of a calling make (-j, variables) would leak into cocotb's makefiles: start clean.
unset MAKEFLAGS MAKELEVEL MFLAGS

T0=$(date +%s.%N)
# (each parse of cocotb's makefiles costs ~2 s of cocotb-config calls: skip the build step when
# the simulator is newer than its sources)
stale=1
if [ -x "$DIR/sim_build/Vtop" ] && [ "$build_only" = 0 ]; then
    # shellcheck disable=SC2086
    [ -z "$(find $RTL tb/cocotb/Makefile -newer "$DIR/sim_build/Vtop" 2>/dev/null)" ] && stale=0
fi
if [ "$stale" = 1 ] && ! make "${args[@]}" "$DIR/sim_build/Vtop" > "$DIR/build.log" 2>&1; then
    fail "Verilator build failed (log: $DIR/build.log)" "$DIR/build.log"
fi
[ "$build_only" = 1 ] && exit 0

rm -f "$DIR/results.xml" "$DIR/report.jsonl"
# the results file as the target (cocotb's `sim` target would parse its makefiles twice)
make "${args[@]}" COCOTB_RESULTS_FILE="$DIR/results.xml" MMU_COCOTB_REPORT="$DIR/report.jsonl" \
    MMU_COCOTB_VARIANT="$variant" TESTCASE="$tests" RANDOM_SEED="${RANDOM_SEED:-1}" \
    MMU_COCOTB_CYCLES="${MMU_COCOTB_CYCLES:-8000}" "$DIR/results.xml" > "$DIR/sim.log" 2>&1
rc=$?
# the test's own summary lines, and the first mismatch report (expected in the defect run)
grep -E 'cocotb.mmu_top .*(cycles|answers by reason)|TESTS=' "$DIR/sim.log" | sed 's/^ *[0-9.]*ns //'
if grep -q 'output mismatch' "$DIR/sim.log"; then
    sed -n '/AssertionError: .*output mismatch/,/reproduce:/p' "$DIR/sim.log" | head -20 | sed 's/^ \{40,\}/    /'
fi
[ "$rc" = 0 ] || echo "$name: the simulation exited with $rc (log: $DIR/sim.log)"
expect=pass
[ "$variant" = bug-dirty ] && expect=mismatch
"$VENV/bin/python" tb/cocotb/check_results.py --expect "$expect" --name "$name" \
    "$DIR/results.xml" "$DIR/report.jsonl" ${tests//,/ }
crc=$?
echo "$name: $(awk -v t0="$T0" -v t1="$(date +%s.%N)" 'BEGIN { printf "%.1f", t1 - t0 }') s (log: ${DIR#$ROOT/}/sim.log)"
[ "$crc" = 0 ] && [ "$rc" = 0 ]

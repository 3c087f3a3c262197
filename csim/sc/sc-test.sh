#!/usr/bin/env bash
# SystemC lockstep suite (csim/sc/, docs/interop.md): build/mmucosim-sc must pass every stimulus
# mode with a few seeds, with the page-table memory's latency spent in wait() only, in the
# annotated delay only, and under a hostile memory (long latency, back-pressure, address errors);
# the MMU_BUG_DIRTY build must stop with exit 1 and a report whose first divergence names
# resp_valid and mem_req_valid; an injected illegal request must fire both sides' assertions;
# bad arguments exit 2. Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
BUILD=${BUILD:-build}
B=$BUILD/mmucosim-sc
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1  # SystemC's banner (stderr)
CYCLES=${SC_TEST_CYCLES:-100000}
. scripts/testlib.sh

require_bins sc-test sc-bins "$B" "$B-bug-dirty"

expect_pass() {
    local name=$1
    shift
    local log=$TMP/$name.log
    "$B" "$@" --quiet > "$log" 2>&1
    local rc=$?
    if [ "$rc" = 0 ] && grep -q '^mmucosim-sc: PASS' "$log"; then
        ok "$name: $(sed -n 's/^mmucosim-sc: PASS [^:]*: //p' "$log")"
    else
        bad "$name: exit status $rc" "$log"
    fi
}

# expect_stop NAME ARGS... -- SIGNALS: testlib's check_stop on the MMU_BUG_DIRTY build.
expect_stop() {
    local name=$1
    shift
    local args=()
    while [ "$1" != "--" ]; do args+=("$1"); shift; done
    shift
    "$B-bug-dirty" "${args[@]}" > "$TMP/$name.log" 2>&1
    check_stop "$name" "$TMP/$name.log" $? "$B-bug-dirty --seed" "$@"
}

t0=$(date +%s.%N)
# Every mode, two seeds for the paged ones.
for mode in bare m bb seg segpg sv32 sv39 sv48 mix; do
    expect_pass "pass-$mode-s1" --seed 1 --cycles "$CYCLES" --mode "$mode"
done
for mode in sv32 sv39 sv48 mix; do
    expect_pass "pass-$mode-s2" --seed 2 --cycles "$CYCLES" --mode "$mode"
done
# The TLM memory's latency all in wait(), all in the annotated delay, and a hostile memory.
expect_pass "pass-mix-wait-only" --seed 3 --cycles "$CYCLES" --mode mix --tlm-wait 1
expect_pass "pass-mix-annotate-only" --seed 4 --cycles "$CYCLES" --mode mix --tlm-wait 0
expect_pass "pass-sv39-hostile-mem" --seed 5 --cycles "$CYCLES" --mode sv39 --latency 1:7 --ready 0.4 --err 0.05

# MMU_BUG_DIRTY: the RTL answers (resp_valid) where the model presents the D write or starts the
# refill walk (mem_req_valid).
expect_stop dirty-sv39 --seed 1 --cycles 300000 --mode sv39 -- resp_valid mem_req_valid
expect_stop dirty-sv32 --seed 3 --cycles 300000 --mode sv32 -- resp_valid mem_req_valid
expect_stop dirty-mix --seed 7 --cycles 300000 --mode mix -- resp_valid mem_req_valid
# ... and the same stimulus passes on the correct RTL.
expect_pass clean-sv39-s1-300k --seed 1 --cycles 300000 --mode sv39

# Assertions stop the run with the same report (exit 1): an illegal req_priv fires the RTL's
# assertion (through Verilator's $stop, see vl_stop in sc_main.cpp) and the model's.
check_assertion_stop "$B"

# Bad arguments: exit 2 with a message.
for args in "--mode nosuch" "--tlb 8" "--ready 1.5" "--latency 0" "--cycles x" "--bogus" "--tlm-wait 2"; do
    check_bad_args "$B" "$args"
done

echo "sc-test: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
finish sc-test

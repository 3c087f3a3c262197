#!/usr/bin/env bash
# Proves the lockstep harness catches real RTL defects, in the cycle they arise, naming the signal:
# the RTL built with +define+MMU_BUG_DIRTY (with HWAD=1 a store to a clean page is taken as dirty:
# no D write) and +define+MMU_BUG_LRU (a TLB hit does not update the true-LRU state) must each stop
# with exit status 1 and a report whose first divergence names the signals where the bug first
# shows; the same runs on the correct RTL must pass. Also checks the report path of assertions
# (an illegal req_priv injected: both sides' assertions) and that bad arguments exit 2.
# Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
. scripts/testlib.sh
BUILD=${BUILD:-build}
B=$BUILD/mmucosim

# expect_stop NAME BINARY ARGS... -- SIGNALS: testlib's check_stop on BINARY ARGS.
expect_stop() {
    local name=$1 bin=$2
    shift 2
    local args=()
    while [ "$1" != "--" ]; do args+=("$1"); shift; done
    shift
    "$bin" "${args[@]}" > "$TMP/$name.log" 2>&1
    check_stop "$name" "$TMP/$name.log" $? "$bin --seed" "$@"
}

expect_pass() {
    local name=$1
    shift
    local log=$TMP/$name.log
    "$@" --quiet > "$log" 2>&1
    local rc=$?
    if [ "$rc" = 0 ]; then ok "$name"; else bad "$name: exit status $rc" "$log"; fi
}

require_bins defect-test cosim-bins "$B" "$B-bug-dirty" "$B-bug-lru"

# MMU_BUG_DIRTY: the RTL answers (resp_valid) where the model presents the D write
# (mem_req_valid + mem_req_write) or, on a TLB hit, the refill walk's first read (mem_req_valid).
expect_stop dirty-sv39 "$B-bug-dirty" --seed 1 --cycles 300000 --mode sv39 -- resp_valid mem_req_valid
expect_stop dirty-mix "$B-bug-dirty" --seed 7 --cycles 300000 --mode mix -- resp_valid mem_req_valid
expect_stop dirty-sv32 "$B-bug-dirty" --seed 3 --cycles 300000 --mode sv32 -- resp_valid mem_req_valid
# MMU_BUG_LRU: the first visible effect is the victim of the next fill under LRU.
expect_stop lru-sv39 "$B-bug-lru" --seed 1 --cycles 400000 --mode sv39 -- trace_fill_index
expect_stop lru-sv48 "$B-bug-lru" --seed 2 --cycles 400000 --mode sv48 -- trace_fill_index
# The same stimulus on the correct RTL passes.
expect_pass clean-sv39 "$B" --seed 1 --cycles 300000 --mode sv39
expect_pass clean-mix "$B" --seed 7 --cycles 300000 --mode mix

# Assertions stop the run with a report too (exit 1).
check_assertion_stop "$B"

# Bad arguments: exit 2 with a message.
for args in "--mode nosuch" "--tlb 3" "--ready 1.5" "--latency 0" "--cycles x" "--bogus" \
    "--tlb 64 --asid-bits 3" "--wave-from 5"; do
    check_bad_args "$B" "$args"
done

finish defect-test

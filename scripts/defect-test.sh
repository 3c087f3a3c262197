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
BUILD=${BUILD:-build}
B=$BUILD/mmucosim
pass=0
fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { pass=$((pass + 1)); echo "PASS  $1"; }
bad() { fail=$((fail + 1)); echo "FAIL  $1"; [ -n "${2:-}" ] && sed -n '1,40p' "$2"; }

# expect_stop NAME BINARY ARGS... -- SIGNALS: exit 1, an output mismatch, and every signal listed
# in the report's first-divergence line.
expect_stop() {
    local name=$1 bin=$2
    shift 2
    local args=()
    while [ "$1" != "--" ]; do args+=("$1"); shift; done
    shift
    local log=$TMP/$name.log
    "$bin" "${args[@]}" > "$log" 2>&1
    local rc=$?
    if [ "$rc" != 1 ]; then bad "$name: exit status $rc, expected 1" "$log"; return; fi
    if ! grep -q '^kind:   output mismatch' "$log"; then bad "$name: no output mismatch reported" "$log"; return; fi
    local line
    line=$(grep '^first-divergence:' "$log")
    for sig in "$@"; do
        if ! grep -Eq "signals=([a-z_,]*,)?$sig(,|\$)" <<<"$line"; then
            bad "$name: first divergence does not name $sig ($line)" "$log"
            return
        fi
    done
    if ! grep -q "^  $bin .*--seed" "$log"; then bad "$name: no repro command line" "$log"; return; fi
    ok "$name: stopped at $(sed 's/first-divergence: //' <<<"$line")"
}

expect_pass() {
    local name=$1
    shift
    local log=$TMP/$name.log
    "$@" --quiet > "$log" 2>&1
    local rc=$?
    if [ "$rc" = 0 ]; then ok "$name"; else bad "$name: exit status $rc" "$log"; fi
}

for b in "$B" "$B-bug-dirty" "$B-bug-lru"; do
    if [ ! -x "$b" ]; then echo "defect-test: $b missing (make cosim-bins)"; echo "0 passed, 1 failed"; exit 1; fi
done

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
log=$TMP/assert.log
"$B" --inject-illegal 400 --cycles 1000 > "$log" 2>&1
rc=$?
if [ "$rc" = 1 ] && grep -q '^kind:   RTL assertion failed at .*mmu_top.sv' "$log" &&
    grep -q "C model's assertion fired too" "$log"; then
    ok "assertion: illegal req_priv reported by RTL and model"
else
    bad "assertion: exit $rc" "$log"
fi

# Bad arguments: exit 2 with a message.
for args in "--mode nosuch" "--tlb 3" "--ready 1.5" "--latency 0" "--cycles x" "--bogus" \
    "--tlb 64 --asid-bits 3" "--wave-from 5"; do
    # shellcheck disable=SC2086
    "$B" $args > "$TMP/args.log" 2>&1
    rc=$?
    if [ "$rc" = 2 ] && [ -s "$TMP/args.log" ]; then ok "bad arguments '$args' -> exit 2"; else bad "bad arguments '$args' -> exit $rc" "$TMP/args.log"; fi
done

echo "defect-test: $pass passed, $fail failed"
[ "$fail" = 0 ]

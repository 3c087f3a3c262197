#!/usr/bin/env bash
# `mmusim quiz` (docs/class-projects.md "Quiz"): for every mode and a few seeds the problem is
# the same on every run (same seed, same bytes), -c adds answers and walks, --json parses and
# carries the same answers, and --scenario writes a scenario that the model (mmusim) and the RTL
# in lockstep (mmucosim --scenario) both pass; a changed answer in it fails. Options outside what a
# mode takes exit 2 naming the option and the allowed range. Ends with "quiz: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
. scripts/testlib.sh
BUILD=${BUILD:-build}
SIM=$BUILD/mmusim
COSIM=$BUILD/mmucosim
PY=${MMU_PYTHON:-/usr/bin/python3}
require_bins quiz "mmusim cosim-bins" "$SIM" "$COSIM"
for mode in bb seg linear multilevel hybrid sv32 sv39 sv48 soft; do
    for seed in 0 1 7; do
        name="$mode seed $seed"
        "$SIM" quiz --mode $mode --seed $seed > "$TMP/a.txt" 2>&1
        "$SIM" quiz --mode $mode --seed $seed > "$TMP/b.txt" 2>&1
        "$SIM" quiz --mode $mode --seed $((seed + 100)) > "$TMP/other.txt" 2>&1
        if ! cmp -s "$TMP/a.txt" "$TMP/b.txt" || cmp -s "$TMP/a.txt" "$TMP/other.txt" ||
            grep -q -- '-->.*PA 0x\|FAULT' "$TMP/a.txt"; then
            bad "$name: not reproducible, not seed-dependent, or answers without -c" "$TMP/a.txt"
            continue
        fi
        "$SIM" quiz --mode $mode --seed $seed -c --scenario "$TMP/q.scn" > "$TMP/c.txt" 2>&1
        n=$(grep -c '^  VA ' "$TMP/c.txt")
        answered=$(grep -c '^  VA .*--> \(PA\|FAULT\)' "$TMP/c.txt")
        reqs=$(grep -c '^req ' "$TMP/q.scn")
        if [ "$n" -lt 1 ] || [ "$answered" != "$n" ] || [ "$reqs" != "$n" ]; then
            bad "$name: $answered of $n answered, $reqs requests in the scenario" "$TMP/c.txt"
            continue
        fi
        if ! "$SIM" "$TMP/q.scn" > "$TMP/sim.log" 2>&1; then
            bad "$name: the scenario fails on the model" "$TMP/sim.log"
            continue
        fi
        if ! "$COSIM" --quiet --no-fail-waves --scenario "$TMP/q.scn" > "$TMP/ls.log" 2>&1; then
            bad "$name: the scenario fails in lockstep" "$TMP/ls.log"
            continue
        fi
        "$SIM" quiz --mode $mode --seed $seed -c --json > "$TMP/q.json" 2>&1
        if ! "$PY" - "$TMP/q.json" "$n" <<'PYEOF' > "$TMP/json.log" 2>&1; then
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "mmu-quiz/1", d.get("schema")
assert len(d["trace"]) == int(sys.argv[2])
for t in d["trace"]:
    assert ("pa" in t) != t["fault"], t
    assert all("addr" in w and "fields" in w for w in t["walk"]), t
PYEOF
            bad "$name: --json" "$TMP/json.log"
            continue
        fi
        ok "$name: $n addresses, answers pass on the model and in lockstep, JSON agrees"
    done
done
# a changed answer in a quiz scenario must fail
"$SIM" quiz --mode linear --seed 1 -c --scenario "$TMP/q.scn" > /dev/null
sed -i '0,/^req .* pa=0x/s/pa=0x\([0-9a-f]*\)/pa=0x1\1/' "$TMP/q.scn"
"$SIM" "$TMP/q.scn" > "$TMP/bad.log" 2>&1
[ $? = 1 ] && ok "a changed answer fails the quiz scenario" || bad "a changed answer passed" "$TMP/bad.log"
# bad options: exit 2, the option named
expect_bad() {
    local want=$1
    shift
    "$SIM" quiz "$@" > "$TMP/err.log" 2>&1
    local rc=$?
    if [ "$rc" = 2 ] && grep -q -- "$want" "$TMP/err.log"; then
        ok "quiz $*: exit 2, '$want'"
    else
        bad "quiz $*: exit $rc" "$TMP/err.log"
    fi
}
expect_bad "--mode is required"
expect_bad "unknown" --mode paging
expect_bad "-P is not an option of --mode bb (it takes -a -p -n)" --mode bb -P 4k
expect_bad "page size must be a power of two from 2 to the address-space size 16384" --mode linear -P 3
expect_bad "-n 0 for --mode sv39: the number of addresses must be 1..100" --mode sv39 -n 0
expect_bad "-a 200 for --mode multilevel: the number of virtual pages allocated must be 1..90" --mode multilevel -a 200
expect_bad "physical memory must be larger than the address space" --mode linear -a 64k -p 32k
expect_bad "expected a size" --mode seg -a 12q
expect_bad "expected a non-negative integer" --mode bb --seed -3
finish quiz

#!/usr/bin/env bash
# SystemC lockstep suite (csim/sc/, docs/interop.md): build/mmucosim-sc must pass every stimulus
# mode with a few seeds, with the page-table memory's latency spent in wait() only, in the
# annotated delay only, and under a hostile memory (long latency, back-pressure, address errors);
# the MMU_BUG_DIRTY build must stop with exit 1 and a report whose first divergence names
# resp_valid and mem_req_valid; an injected illegal request must fire both sides' assertions;
# bad arguments exit 2. No SystemC banner unless --verbose (--help included); --scenario runs
# every scenario that fits the build (the broken one and MMU_BUG_DIRTY must fail); --waves writes
# an FST of the RTL; --txn-log-json writes mmu-txn/1 records (docs/txn-schema.md).
# Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
BUILD=${BUILD:-build}
B=$BUILD/mmucosim-sc
unset SYSTEMC_DISABLE_COPYRIGHT_MESSAGE  # the harness must be quiet by itself (see "banner")
CYCLES=${SC_TEST_CYCLES:-100000}
PY=${PY:-$BUILD/py/venv/bin/python}
[ -x "$PY" ] || PY=python3
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
for args in "--mode nosuch" "--tlb 8" "--ready 1.5" "--latency 0" "--cycles x" "--bogus" "--tlm-wait 2" \
    "--scenario /nonexistent.scn" "--scenario tb/scenarios/ad_hwad1.scn --latency 2" "--scenario tb/bad_scenarios/$(ls tb/bad_scenarios | head -1)" \
    "--txn-log-json /nonexistent-dir/t.jsonl"; do
    check_bad_args "$B" "$args"
done

# No banner: not on --help, not on a run; --verbose shows it (so the absence means something).
banner='Copyright \(c\)'
"$B" --help > "$TMP/help.log" 2>&1
rc=$?
if [ "$rc" = 0 ] && grep -q '^usage:' "$TMP/help.log" && ! grep -Eq "$banner|SystemC 2" "$TMP/help.log"; then
    ok "banner: --help prints the usage and no SystemC banner"
else
    bad "banner: --help exit $rc or banner printed" "$TMP/help.log"
fi
"$B" --cycles 2000 --quiet > "$TMP/quiet.log" 2>&1
rc=$?
if [ "$rc" = 0 ] && [ "$(wc -l < "$TMP/quiet.log")" = 1 ] && ! grep -Eq "$banner" "$TMP/quiet.log"; then
    ok "banner: a --quiet run prints its one result line only"
else
    bad "banner: --quiet run exit $rc, $(wc -l < "$TMP/quiet.log") lines" "$TMP/quiet.log"
fi
"$B" --cycles 2000 --quiet --verbose > "$TMP/verbose.log" 2>&1
if grep -Eq "$banner" "$TMP/verbose.log"; then ok "banner: --verbose shows SystemC's banner"
else bad "banner: --verbose printed no banner" "$TMP/verbose.log"; fi

# --scenario: every directed scenario that fits this build (TlbEntries=16 AsidWidth=16) passes in
# the SystemC lockstep; one that names another TLB size or ASID width is refused (exit 2).
npass=0 nskip=0 nbad=0
for f in tb/scenarios/*.scn; do
    "$B" --scenario "$f" --quiet > "$TMP/scn.log" 2>&1
    case $? in
    0) grep -q "^mmucosim-sc: PASS scenario=$f checks=[1-9]" "$TMP/scn.log" && npass=$((npass + 1)) ||
           { nbad=$((nbad + 1)); bad "scenario $f: no PASS line" "$TMP/scn.log"; } ;;
    2) grep -q "this binary is built with TlbEntries=16 AsidWidth=16" "$TMP/scn.log" && nskip=$((nskip + 1)) ||
           { nbad=$((nbad + 1)); bad "scenario $f: exit 2" "$TMP/scn.log"; } ;;
    *) nbad=$((nbad + 1)); bad "scenario $f: failed in the SystemC lockstep" "$TMP/scn.log" ;;
    esac
done
if [ "$nbad" = 0 ] && [ "$npass" -ge 40 ]; then
    ok "--scenario: $npass scenarios pass, $nskip name another build (exit 2)"
else
    bad "--scenario: $npass passed, $nskip other builds, $nbad failed (expected >= 40 passing)"
fi
# a wrong expectation fails (exit 1, FILE:LINE message); the defect fails as a lockstep mismatch
"$B" --scenario tb/bad_scenarios/broken_expectation.scn > "$TMP/broken.log" 2>&1
rc=$?
if [ "$rc" = 1 ] && grep -q '^tb/bad_scenarios/broken_expectation.scn:[0-9]*: .*expected pa=' "$TMP/broken.log" &&
    grep -q '^mmucosim-sc: FAIL scenario .*1 of [0-9]* expectations failed' "$TMP/broken.log"; then
    ok "--scenario broken_expectation.scn: exit 1 naming the line"
else
    bad "--scenario broken_expectation.scn: exit $rc" "$TMP/broken.log"
fi
"$B-bug-dirty" --scenario tb/scenarios/ad_hwad1.scn > "$TMP/dirty-scn.log" 2>&1
check_stop "dirty --scenario ad_hwad1.scn" "$TMP/dirty-scn.log" $? "$B-bug-dirty --scenario" resp_valid mem_req_valid

# --waves: an FST of the RTL covering the whole scenario (100 cycles of 10 ns)
rm -f "$TMP/w.fst"
"$B" --scenario tb/scenarios/ad_hwad1.scn --waves "$TMP/w.fst" --quiet > "$TMP/waves.log" 2>&1
rc=$?
if [ "$rc" = 0 ] && [ -s "$TMP/w.fst" ] && command -v fst2vcd > /dev/null &&
    fst2vcd "$TMP/w.fst" 2> /dev/null > "$TMP/w.vcd" && grep -q 'var wire 1 .* resp_valid' "$TMP/w.vcd" &&
    grep -qx '#1000000' "$TMP/w.vcd"; then
    ok "--waves: FST of mmu_top, resp_valid in it, 100 cycles long"
else
    bad "--waves: exit $rc, $(stat -c %s "$TMP/w.fst" 2>/dev/null || echo no) bytes" "$TMP/waves.log"
fi
"$B" --waves /nonexistent-dir/w.fst --cycles 100 > "$TMP/waves-bad.log" 2>&1
[ $? = 2 ] && ok "--waves into a missing folder: exit 2" || bad "--waves into a missing folder" "$TMP/waves-bad.log"

# --txn-log-json: schema-valid records, as many as translations; after a failure the one in flight
"$B" --seed 2 --cycles 20000 --mode mix --quiet --txn-log-json "$TMP/t.jsonl" > "$TMP/tl.log" 2>&1
ntx=$(sed -n 's/.*PASS [^:]*: \([0-9]*\) translations.*/\1/p' "$TMP/tl.log")
if [ -n "$ntx" ] && [ "$(wc -l < "$TMP/t.jsonl")" = "$ntx" ] &&
    "$PY" tb/python/txn_schema.py "$TMP/t.jsonl" > "$TMP/tv.log" 2>&1; then
    ok "--txn-log-json: $ntx translations, every record valid mmu-txn/1"
else
    bad "--txn-log-json: STAT $ntx, $(wc -l < "$TMP/t.jsonl") lines" "$TMP/tv.log"
fi
"$B-bug-dirty" --seed 1 --cycles 300000 --mode sv39 --quiet --txn-log-json "$TMP/d.jsonl" > /dev/null 2>&1
if tail -1 "$TMP/d.jsonl" | grep -q '"in_flight":true' && "$PY" tb/python/txn_schema.py "$TMP/d.jsonl" > "$TMP/dv.log" 2>&1; then
    ok "--txn-log-json after a failure: valid, the translation in flight last"
else
    bad "--txn-log-json after a failure" "$TMP/dv.log"
fi

echo "sc-test: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
finish sc-test

#!/usr/bin/env bash
# Waveform debugging (issue 4, docs/debugging.md): a failing lockstep run leaves a wave window
# around the mismatch, a GTKWave save file with a marker on it, the translation log (text and
# JSON) and the report, all named in the report; --waves on a passing run records RTL and model
# side by side; the txn logs are complete and parseable; `make waves` renders its pictures.
# Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
BUILD=${BUILD:-build}
B=$BUILD/mmucosim
D=$BUILD/mmucosim-bug-dirty
. scripts/testlib.sh
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

require_bins waves-test cosim-bins "$B" "$D"
have_fst2vcd=0
command -v fst2vcd > /dev/null && have_fst2vcd=1

# json_ok FILE: every line is a JSON object; prints the number of lines
json_ok() {
    "$PY" -c 'import json, sys
n = 0
for line in open(sys.argv[1]):
    json.loads(line); n += 1
print(n)' "$1"
}

# --- 1. a failing run (the deliberate MMU_BUG_DIRTY defect), debug files in --fail-dir -------
F=$TMP/fail
log=$TMP/dirty.log
"$D" --seed 1 --mode sv39 --fail-dir "$F" > "$log" 2>&1
rc=$?
base=$F/mmucosim-bug-dirty-seed1-sv39
if [ "$rc" = 1 ] && grep -q '^debug files' "$log"; then ok "dirty: exit 1 and a 'debug files' section"; else bad "dirty: exit $rc" "$log"; fi
missing=""
for ext in fst gtkw txn.log txn.jsonl log; do
    grep -q "^  [a-z ]*: *$base.$ext" "$log" || missing+=" report:.$ext"
    [ -s "$base.$ext" ] || missing+=" file:.$ext"
done
if [ -z "$missing" ]; then ok "dirty: report names the FST, .gtkw, txn log (text, JSON) and report copy; all written"; else bad "dirty: missing$missing" "$log"; fi

hc=$(sed -n 's/^cycle: .*harness cycle \([0-9]*\)).*/\1/p' "$log")
t=$((2 * hc + 1))   # FST time of harness cycle hc (csim/rtl_sim.h)
size=$(stat -c %s "$base.fst" 2>/dev/null || echo 0)
if [ "$size" -gt 10000 ]; then ok "dirty: FST window is $size bytes"; else bad "dirty: FST only $size bytes"; fi
if [ "$have_fst2vcd" = 1 ]; then
    fst2vcd "$base.fst" > "$TMP/dirty.vcd" 2> /dev/null
    id=$(awk '$5 == "cosim_mismatch" {print $4; exit}' "$TMP/dirty.vcd")
    first=$(awk -v id="$id" '/^#/ {tm = substr($0, 2)} $0 == "1" id {print tm; exit}' "$TMP/dirty.vcd")
    start=$(grep -m1 '^#' "$TMP/dirty.vcd" | tr -d '#')
    if [ -n "$id" ] && [ "$first" = "$t" ] && [ "$start" -lt "$t" ]; then
        ok "dirty: FST covers times $start.. and cosim_mismatch rises at $t (harness cycle $hc)"
    else
        bad "dirty: cosim_mismatch (id '$id') first 1 at '$first', expected $t; FST starts at '$start'"
    fi
    if grep -q 'model_mem_req_write' "$TMP/dirty.vcd" && grep -q 'scope module u_dut' "$TMP/dirty.vcd"; then
        ok "dirty: FST holds the RTL (u_dut) and the model (model_*)"
    else
        bad "dirty: FST lacks u_dut or model_* signals"
    fi
else
    bad "dirty: fst2vcd (package gtkwave) not installed; cannot check the FST's contents"
fi

g=$base.gtkw
marker=$(awk '/^\*/ {print $2; exit}' "$g")
if [ "$marker" = "$t" ] && grep -q "^\[dumpfile\] \".*$(basename "$base").fst\"" "$g"; then
    ok "dirty: .gtkw opens the FST with the marker on the mismatch (time $t)"
else
    bad "dirty: .gtkw marker '$marker', expected $t" "$g"
fi
groups=$(grep -c '^-[1-8] ' "$g")
enum_ok=1
for sig in u_ptw.state_q resp_cause_name model_resp_cause_name u_dut.acc u_dut.satp_mode; do
    # the flag line in force for the signal (a [color] line may sit in between)
    flag=$(awk -v s=".$sig[" '/^@/ {f = $0} index($0, s) {print f; exit}' "$g")
    [[ "$flag" == @1000000?? ]] || enum_ok=0
done
order=$(grep '^-[1-8] ' "$g" | awk 'NR % 2 == 1 {printf "%s", substr($1, 2)}')
if [ "$groups" = 16 ] && [ "$order" = 12345678 ] && [ "$enum_ok" = 1 ]; then
    ok "dirty: .gtkw has the 8 groups in data-path order and enum flags on enum signals"
else
    bad "dirty: .gtkw groups $groups (order '$order'), enum flags ok=$enum_ok" "$g"
fi

n=$(json_ok "$base.txn.jsonl" 2> "$TMP/json.err")
if [ -n "$n" ] && [ "$n" -gt 10 ] &&
    tail -1 "$base.txn.jsonl" | grep -q '"in_flight":true' &&
    grep -q '"flags":"V' "$base.txn.jsonl" && grep -q '"cause":"' "$base.txn.jsonl"; then
    ok "dirty: txn JSON: $n lines parse, flags decoded, the translation in flight last"
else
    bad "dirty: txn JSON ($n lines)" "$TMP/json.err"
fi
if grep -q 'in flight' "$base.txn.log" && grep -Eq '^      L[0-3] read .* [V-][R-][W-][X-][U-][G-][A-][D-] ppn=' "$base.txn.log"; then
    ok "dirty: txn text log with walks and decoded PTE flags"
else
    bad "dirty: txn text log" "$base.txn.log"
fi

# --- 2. the default place: <binary dir>/fail, and --no-fail-waves ---------------------------
p=$BUILD/fail/mmucosim-bug-dirty-seed1-sv39
# a run never overwrites an earlier run's files (it takes the next free -2, -3, ... name), so
# the files of earlier test runs go first: this run must get the plain name
rm -f "$p".* "$p"-[0-9]*.*
"$D" --seed 1 --mode sv39 > "$TMP/default.log" 2>&1
if grep -q "^  wave: *$p.fst" "$TMP/default.log" && [ -s "$p.fst" ] && [ -s "$p.gtkw" ]; then
    ok "default fail dir: $p.{fst,gtkw,...}"
else
    bad "default fail dir" "$TMP/default.log"
fi
# the same binary, seed and mode again: its own files, the first run's left as they were
sum1=$(cat "$p.log" "$p.txn.log" | md5sum)
"$D" --seed 1 --mode sv39 > "$TMP/default2.log" 2>&1
if grep -q "^  wave: *$p-2.fst" "$TMP/default2.log" && grep -q "^  report: *$p-2.log" "$TMP/default2.log" &&
    [ -s "$p-2.fst" ] && [ -s "$p-2.gtkw" ] && [ -s "$p-2.txn.log" ] && grep -q "$p-2.fst" "$p-2.gtkw" &&
    [ "$(cat "$p.log" "$p.txn.log" | md5sum)" = "$sum1" ]; then
    ok "a second identical run writes $p-2.*, not over the first run's files"
else
    bad "second identical run: files not unique" "$TMP/default2.log"
fi
rm -f "$p"-[0-9]*.*
"$D" --seed 1 --mode sv39 --no-fail-waves --fail-dir "$TMP/none" > "$TMP/nofail.log" 2>&1
rc=$?
if [ "$rc" = 1 ] && ! grep -q '^debug files' "$TMP/nofail.log" && [ ! -e "$TMP/none" ]; then
    ok "--no-fail-waves: report only, no files"
else
    bad "--no-fail-waves: exit $rc" "$TMP/nofail.log"
fi

# --- 3. --waves on a passing run: RTL and model in one FST, plus its .gtkw --------------------
"$B" --seed 2 --mode sv39 --cycles 3000 --waves "$TMP/pass.fst" --wave-from 1000 --wave-to 1400 \
    --quiet > "$TMP/pass.log" 2>&1
rc=$?
if [ "$rc" = 0 ] && [ -s "$TMP/pass.fst" ] && [ -s "$TMP/pass.gtkw" ]; then
    ok "--waves on a passing run: FST and .gtkw"
else
    bad "--waves on a passing run: exit $rc" "$TMP/pass.log"
fi
if [ "$have_fst2vcd" = 1 ]; then
    fst2vcd "$TMP/pass.fst" > "$TMP/pass.vcd" 2> /dev/null
    nm=$(grep -c '\$var .* model_' "$TMP/pass.vcd")
    if grep -q ' resp_valid \$end' "$TMP/pass.vcd" && [ "$nm" -ge 20 ] &&
        grep -q 'scope module u_ptw' "$TMP/pass.vcd" && ! grep -q '^1'"$(awk '$5 == "cosim_mismatch" {print $4; exit}' "$TMP/pass.vcd")"'$' "$TMP/pass.vcd"; then
        ok "--waves: RTL signals and $nm model_* signals, no mismatch flagged"
    else
        bad "--waves: FST content (model_* vars: $nm)"
    fi
fi
# the --wave alias and --wave-window on a passing run (nothing to record)
"$B" --seed 2 --mode sv39 --cycles 2000 --wave "$TMP/alias.fst" --wave-to 10 --quiet > /dev/null 2>&1 &&
    [ -s "$TMP/alias.fst" ] && ok "--wave (alias) still works" || bad "--wave alias"
"$B" --seed 2 --mode sv39 --cycles 2000 --waves "$TMP/win.fst" --wave-window 50 > "$TMP/win.log" 2>&1
if [ $? = 0 ] && grep -q 'no wave was recorded' "$TMP/win.log" && [ ! -e "$TMP/win.fst" ]; then
    ok "--wave-window on a passing run records nothing"
else
    bad "--wave-window on a passing run" "$TMP/win.log"
fi
# --wave-window on a failing run: the user's FST gets the window
"$D" --seed 1 --mode sv39 --waves "$TMP/dwin.fst" --wave-window 30 --fail-dir "$TMP/f2" > "$TMP/dwin.log" 2>&1
if grep -q "^  wave: *$TMP/dwin.fst *harness cycles $((hc - 30))\.\." "$TMP/dwin.log" && [ -s "$TMP/dwin.gtkw" ]; then
    ok "--waves F --wave-window 30 on a failure: F holds cycles $((hc - 30))..$((hc + 8))"
else
    bad "--wave-window on a failure" "$TMP/dwin.log"
fi

# --- 4. translation logs of a whole run --------------------------------------------------------
"$B" --seed 3 --mode mix --cycles 20000 --txn-log "$TMP/t.log" --txn-log-json "$TMP/t.jsonl" \
    --quiet > "$TMP/tlog.log" 2>&1
ntx=$(sed -n 's/^STAT translations=\([0-9]*\).*/\1/p' "$TMP/tlog.log")
nj=$(json_ok "$TMP/t.jsonl" 2> "$TMP/json2.err")
nt=$(grep -c '^#[0-9]' "$TMP/t.log")
if [ -n "$ntx" ] && [ "$nj" = "$ntx" ] && [ "$nt" = "$ntx" ] && grep -q '"ad_write":{' "$TMP/t.jsonl" &&
    grep -q 'A/D write, sets' "$TMP/t.log" && grep -q '"hit_index":[0-9]' "$TMP/t.jsonl"; then
    ok "--txn-log/--txn-log-json: $ntx translations each, hits, walks and A/D writes"
else
    bad "--txn-log: STAT $ntx, json $nj, text $nt" "$TMP/json2.err"
fi

# --- 5. a failing scenario and an assertion also leave their debug files ----------------------
"$D" --scenario tb/scenarios/ad_hwad1.scn --fail-dir "$TMP/f3" > "$TMP/scn.log" 2>&1
if [ $? = 1 ] && [ -s "$TMP/f3/mmucosim-bug-dirty-ad_hwad1.fst" ] && [ -s "$TMP/f3/mmucosim-bug-dirty-ad_hwad1.gtkw" ]; then
    ok "failing scenario: debug files named after the scenario"
else
    bad "failing scenario" "$TMP/scn.log"
fi
"$B" --inject-illegal 400 --cycles 1000 --fail-dir "$TMP/f4" > "$TMP/inj.log" 2>&1
if [ $? = 1 ] && grep -q '^kind:   RTL assertion failed at .*mmu_top.sv' "$TMP/inj.log" &&
    [ -s "$TMP/f4/mmucosim-seed1-mix-inject400.fst" ]; then
    ok "assertion: report points at rtl/mmu_top.sv, wave written"
else
    bad "assertion failure files" "$TMP/inj.log"
fi

# --- 6. bad arguments ---------------------------------------------------------------------------
for args in "--wave-window 0" "--focus-walk 9 --waves x.fst" "--focus-txn 3" "--gtkw-size 10x10" \
    "--gtkw-open 9" "--waves x.fst --wave-window 5 --wave-from 3" "--bench --waves x.fst"; do
    # shellcheck disable=SC2086
    "$B" $args > "$TMP/args.log" 2>&1
    rc=$?
    if [ "$rc" = 2 ]; then ok "bad arguments '$args' -> exit 2"; else bad "bad arguments '$args' -> exit $rc" "$TMP/args.log"; fi
done

# --- 7. make waves: headless pictures -----------------------------------------------------------
if command -v gtkwave > /dev/null && command -v xvfb-run > /dev/null; then
    # a private output directory: another `make waves` may be running at the same time
    W=$TMP/waves
    if make --no-print-directory waves BUILD="$BUILD" WAVES_DIR="$W" > "$TMP/make.log" 2>&1 &&
        [ -s "$W/sv39_walk.png" ] && [ -s "$W/dirty_mismatch.png" ] &&
        [ "$(head -c 4 "$W/sv39_walk.png" | od -An -tx1 | tr -d ' ')" = '89504e47' ]; then
        ok "make waves: sv39_walk.png ($(stat -c %s "$W/sv39_walk.png") bytes), dirty_mismatch.png"
    else
        bad "make waves" "$TMP/make.log"
    fi
else
    bad "make waves: gtkwave and xvfb-run are needed (scripts/install-deps.sh installs them)"
fi

finish waves-test

#!/usr/bin/env bash
# Waveform debugging (issue 4, docs/debugging.md): a failing lockstep run leaves a wave window
# around the mismatch, a GTKWave save file with a marker on it, the translation log (text and
# JSON) and the report, all named in the report; --waves on a passing run records RTL and model
# side by side; the txn logs are complete and parseable; `make waves` renders its pictures; the
# decoded views (issue 16): the GTKWave filters decode PTEs, reasons, exceptions and CSR names,
# the .gtkw points at them and opens with the "transaction" group, and the in-flight translation
# signals of the cosim top hold the report's values at the failing cycle and agree between RTL
# and model on passing runs. Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
BUILD=${BUILD:-build}
B=$BUILD/mmucosim
D=$BUILD/mmucosim-bug-dirty
. scripts/testlib.sh
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

FILTER=$BUILD/gtkw/mmu-wave-filter
require_bins waves-test cosim-bins "$B" "$D" "$FILTER"
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
groups=$(grep -c '^-[0-8] ' "$g")
enum_ok=1
for sig in u_ptw.state_q u_ptw.pte_cause u_dut.acc u_dut.satp_mode txn_stage model_txn_stage \
    model_txn_acc_name; do
    # the flag line in force for the signal (a [color] line may sit in between)
    flag=$(awk -v s=".$sig[" '/^@/ {f = $0} index($0, s) {print f; exit}' "$g")
    [[ "$flag" == @1000000?? ]] || enum_ok=0
done
order=$(grep '^-[0-8] ' "$g" | awk 'NR % 2 == 1 {printf "%s", substr($1, 2)}')
if [ "$groups" = 18 ] && [ "$order" = 012345678 ] && [ "$enum_ok" = 1 ]; then
    ok "dirty: .gtkw has the transaction group, then the 8 groups in data-path order; enum flags on enum signals"
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

# --- 7. decoded views and the translation in flight (issue 16) ---------------------------------
GD=$BUILD/gtkw
# the translate filter files: every name of the kit's lists, at the width GTKWave shows
n_causes=$(sed -n '/^#define MMU_CAUSE_LIST/,/^$/p' model/include/mmu_enums.h | grep -c 'ITEM(')
n_csrs=$(sed -n '/^#define MMU_CSR_LIST/,/^$/p' model/include/mmu_enums.h | grep -c 'ITEM(')
if [ "$(grep -vc '^#' "$GD/cause.txt")" = "$n_causes" ] && grep -qx '06 PTE_INVALID' "$GD/cause.txt" &&
    grep -qx '11 D_CLEAR' "$GD/cause.txt" && grep -qx '0F STORE_PAGE' "$GD/exc.txt" &&
    [ "$(grep -vc '^#' "$GD/csr.txt")" = "$n_csrs" ] && grep -qx '26 SEG7_LIMIT' "$GD/csr.txt" &&
    grep -qx '48 FLUSHES' "$GD/csr.txt"; then
    ok "translate filters: $n_causes fault reasons, the exception codes, $n_csrs CSR names (from mmu_enums.h)"
else
    bad "translate filter files in $GD" "$GD/cause.txt"
fi
# the PTE process filter on known views (the layout of csim/mmu_cosim_top.sv's pte_view: valid,
# level, SATP.MODE, log2 size, teaching fields; then the 64-bit bus value)
printf '%s\n' 88302C0000000000002A21577C1CB457 A8302C00000000000000000000000CC1 \
    98302C0000000000FFC00000000000D1 88302C0000000000000000000000008C \
    81200000000000000000000020050C07 0000000000000000002A21577C1CB457 \
    8F100A020F0E1000000000000000DAF3 > "$TMP/pte.in"
printf '%s\n' "L0 VRW-U-A- ppn=0xa8855df072d leaf" "L2 V-----AD ppn=0x3 pointer RSV:D/A/U-on-pointer" \
    "L1 V---U-AD ppn=0x0 pointer RSV:rsvd=0x7f RSV:pbmt=3 RSV:N RSV:D/A/U-on-pointer" \
    "L0 --WX---D ppn=0x0 invalid" "L0 VRW----- ppn=0x80143 leaf" "-" "L0 VP pfn=0x2bc" > "$TMP/pte.want"
# as GTKWave runs it (one line in, one line out) and as --decode
"$FILTER" < "$TMP/pte.in" > "$TMP/pte.out" 2>&1
# shellcheck disable=SC2046
"$FILTER" --decode $(cat "$TMP/pte.in") > "$TMP/pte.out2" 2>&1
if cmp -s "$TMP/pte.out" "$TMP/pte.want" && cmp -s "$TMP/pte.out2" "$TMP/pte.want"; then
    ok "PTE filter: Sv39 leaf and pointers, reserved bits flagged, invalid, Sv32, teaching format, no PTE"
else
    diff "$TMP/pte.want" "$TMP/pte.out" > "$TMP/pte.diff"
    bad "PTE filter decodes (want < > got)" "$TMP/pte.diff"
fi

# the failure's .gtkw: the transaction group first, every filter line pointing at an existing
# filter of this build (absolute paths), the PTE views and the named ports filtered
first_group=$(grep -m1 '^-[0-9] ' "$g")
nf=0
badf=""
while read -r _ path; do
    nf=$((nf + 1))
    [[ "$path" == /* ]] && [ -r "$path" ] &&
        [ "$(realpath "$path")" = "$(realpath "$GD/$(basename "$path")")" ] || badf+=" $path"
done < <(grep '^\^' "$g")
# the filter line (^N or ^>N) in force for a signal, and its flag line
filter_of() { awk -v s="mmu_cosim_top.$1[" '/^\^/ {f = $2} /^@/ {f = ""} index($0, s) {print f; exit}' "$g"; }
flag_of() { awk -v s="mmu_cosim_top.$1[" '/^@/ {f = $0} index($0, s) {print f; exit}' "$g"; }
filt_ok=1
for sig in mem_resp_rdata_pte model_mem_resp_rdata_pte mem_req_wdata_pte model_mem_req_wdata_pte; do
    [ "$(basename "$(filter_of $sig)")" = mmu-wave-filter ] && [ "$(flag_of $sig)" = @4022 ] || filt_ok=0
done
for pair in resp_cause:cause.txt model_resp_cause:cause.txt resp_exc:exc.txt model_resp_exc:exc.txt \
    csr_addr:csr.txt; do
    [ "$(basename "$(filter_of "${pair%%:*}")")" = "${pair#*:}" ] &&
        [ "$(flag_of "${pair%%:*}")" = @2022 ] || filt_ok=0
done
txn_sigs=$(sed -n '/^-0 transaction/,/^-0 transaction/p' "$g" | grep -c '^TOP\.')
if [ "$first_group" = "-0 transaction" ] && [ "$nf" -ge 10 ] && [ -z "$badf" ] && [ "$filt_ok" = 1 ] &&
    [ "$txn_sigs" -ge 15 ] && ! grep -q 'no decoded views' "$g"; then
    ok "dirty: .gtkw opens with the transaction group ($txn_sigs signals); $nf filter lines, all at $GD"
else
    bad "dirty: .gtkw filters (first group '$first_group', $nf filter lines, bad:$badf, views ok=$filt_ok, $txn_sigs txn signals)" "$g"
fi

# vcd_table VCD SIGNAL...: one line per dump time, "time value..." (hex) of those signals of
# TOP.mmu_cosim_top, as they stand after that time's changes
VCD_TABLE_PY='
import sys
path, names = sys.argv[1], sys.argv[2:]
ids, width, scope = {}, {}, []
f = open(path)
for line in f:
    p = line.split()
    if line.startswith("$scope"):
        scope.append(p[2])
    elif line.startswith("$upscope"):
        scope.pop()
    elif line.startswith("$var") and scope == ["TOP", "mmu_cosim_top"] and p[4] in names:
        ids[p[3]] = p[4]
        width[p[4]] = int(p[2])
    elif line.startswith("$enddefinitions"):
        break
missing = [n for n in names if n not in width]
if missing:
    sys.exit("vcd_table: no " + " ".join(missing))
cur = {n: 0 for n in names}
t = None
def row():
    print(t, " ".join(("%032x" if width[n] > 64 else "%x") % cur[n] for n in names))
for line in f:
    if line.startswith("#"):
        if t is not None:
            row()
        t = int(line[1:])
    elif line[0] == "b":
        v, i = line.split()
        if i in ids:
            cur[ids[i]] = int(v[1:].replace("x", "0").replace("z", "0"), 2)
    elif line[0] in "01" and line[1:].strip() in ids:
        cur[ids[line[1:].strip()]] = int(line[0])
if t is not None:
    row()
'
vcd_table() { "$PY" -c "$VCD_TABLE_PY" "$@"; }
# pte_vs_log VIEWS TXNLOG: every PTE view in VIEWS (column 2 of "time view" lines) decodes to the
# txn log's own decoding of the same value at the same level ("L2 V------- ppn=0x... pointer");
# prints "matched unmatched differing" (the differing ones on stderr)
PTE_VS_LOG_PY='
import re, sys
views = open(sys.argv[1]).read().split()
decoded = open(sys.argv[2]).read().splitlines() if views else []
log = {}
for line in open(sys.argv[3]):
    m = re.match(r"\s+(L\d) read\s+pte_addr=\S+ -> 0x([0-9a-f]{16}) (\S+ ppn=\S+ \S+)$", line)
    if m:
        log[(m.group(1), int(m.group(2), 16))] = m.group(1) + " " + m.group(3)
ok = unmatched = differ = 0
for v, d in zip(views, decoded):
    key = (d.split()[0], int(v, 16) & (2**64 - 1))
    if key not in log:
        unmatched += 1
    elif d == log[key] or d.startswith(log[key] + " "):  # the wave may flag more (rsw, RSV:...)
        ok += 1
    else:
        differ += 1
        print("differs: %s: wave \"%s\", txn log \"%s\"" % (v, d, log[key]), file=sys.stderr)
print(ok, unmatched, differ)
'
pte_vs_log() {
    awk '{print $2}' "$1" | grep -v '^0*$' | sort -u > "$TMP/views"
    : > "$TMP/decoded"
    # shellcheck disable=SC2046
    [ -s "$TMP/views" ] && "$FILTER" --decode $(cat "$TMP/views") > "$TMP/decoded"
    "$PY" -c "$PTE_VS_LOG_PY" "$TMP/views" "$TMP/decoded" "$2"
}

if [ "$have_fst2vcd" = 1 ]; then
    # at the failing cycle: the report's translation in flight, the model walking, the RTL answering
    S="cosim_cycle model_txn_busy model_txn_id model_txn_vaddr model_txn_acc model_txn_priv"
    S+=" model_txn_stage txn_stage mem_resp_rdata_pte model_mem_resp_rdata_pte mem_req_wdata_pte"
    S+=" model_mem_req_wdata_pte"
    # shellcheck disable=SC2086
    vcd_table "$TMP/dirty.vcd" $S > "$TMP/dirty.tab" 2> "$TMP/dirty.tab.err"
    read -r id acc_cycle <<< "$(sed -n 's/^  id \([0-9]*\), accepted in cycle \([0-9]*\)$/\1 \2/p' "$log")"
    read -r va acc_name priv_name <<< \
        "$(sed -n 's/^  vaddr 0x\([0-9a-f]*\)  access \([A-Z]*\)  privilege \([A-Z]\)$/\1 \2 \3/p' "$log")"
    acc_num=$(awk -v a="$acc_name" 'BEGIN {print a == "LOAD" ? 0 : a == "STORE" ? 1 : 2}')
    priv_num=$(awk -v p="$priv_name" 'BEGIN {print p == "U" ? 0 : p == "S" ? 1 : 3}')
    row=$(awk -v t="$t" '$1 == t' "$TMP/dirty.tab")
    # shellcheck disable=SC2086
    set -- $row
    # the stages (txn_stage_e of csim/mmu_cosim_top.sv): Lookup 3, WalkL2 6, Answer 9
    if [ -n "$row" ] && [ "$3" = 1 ] && [ "$((16#$4))" = "${id:-x}" ] && [ "$((16#$5))" = "$((16#${va:-0}))" ] &&
        [ "$6" = "$acc_num" ] && [ "$7" = "$priv_num" ] && [ "$8" = 6 ] && [ "$9" = 9 ]; then
        ok "dirty: at the failing cycle the wave's translation in flight is the report's (id $id, va 0x$va, $acc_name $priv_name); model WalkL2, RTL Answer"
    else
        bad "dirty: in-flight signals at time $t: '$row' (report: id $id va $va $acc_name $priv_name)" "$TMP/dirty.tab.err"
    fi
    # the translations of the window (txn log "#ID cycles A..B"): the model's stage is Lookup with
    # its id in the accept cycle A (unless another one answers then: the view shows that one, as
    # the report would), Answer in B, and the RTL's stage agrees before the failure
    "$PY" -c '
import re, sys
tab, txn = sys.argv[1], sys.argv[2]
rows = {}
for line in open(tab):
    p = line.split()
    if int(p[0]) % 2:  # the clock-low phases: the compared cycles
        rows[int(p[1], 16)] = p
spans = []
for line in open(txn):
    m = re.match(r"#(\d+) cycles (\d+)\.\.(\d+) ", line)
    if m:
        if spans and int(m.group(1)) <= spans[-1][0]:
            spans = []  # a reset: ids and cycles count again from 0; the wave shows the last run
        spans.append(tuple(map(int, m.groups())))
answers = {b for _, _, b in spans}
ok = bad = 0
for i, a, b in spans:
    if a not in rows or b not in rows:
        continue
    ra, rb = rows[a], rows[b]
    want_a = ["9", "9"] if a in answers else ["3", "3"]
    good = (ra[7:9] == want_a and int(ra[3], 16) == (i - 1 if a in answers else i) and
            rb[7:9] == ["9", "9"] and int(rb[3], 16) == i)
    ok, bad = ok + good, bad + (not good)
    if not good:
        print("txn %d: accept row %s, answer row %s" % (i, ra, rb), file=sys.stderr)
print(ok, bad)' "$TMP/dirty.tab" "$base.txn.log" > "$TMP/spans" 2> "$TMP/spans.err"
    read -r sok sbad < "$TMP/spans"
    if [ "${sok:-0}" -ge 20 ] && [ "$sbad" = 0 ]; then
        ok "dirty: the $sok translations of the window: Lookup with their id when accepted, Answer when answered, RTL and model alike"
    else
        bad "dirty: translation stages: $sok right, $sbad wrong" "$TMP/spans.err"
    fi
    # the decoded PTEs of the walks in the window read as the txn log decodes them; after the
    # failure the model's A/D write is its leaf with A and D set (the access is a store)
    awk '{print $1, $11}' "$TMP/dirty.tab" > "$TMP/dirty.rd"
    read -r m u d <<< "$(pte_vs_log "$TMP/dirty.rd" "$base.txn.log" 2> "$TMP/pvl.err")"
    leaf=$(awk -v t="$t" '$1 > t && $11 !~ /^0+$/ {v = $11} END {print v}' "$TMP/dirty.tab")
    wd=$(awk -v t="$t" '$1 > t && $13 !~ /^0+$/ {print $13; exit}' "$TMP/dirty.tab")
    read -r leaf_txt wd_txt <<< "$("$FILTER" --decode "${leaf:-0}" "${wd:-0}" | tr ' \n' '_ ')"
    want_wd=$(sed 's/^\(L0_......\)..\(_.*\)/\1AD\2/' <<< "$leaf_txt")
    if [ "${m:-0}" -ge 10 ] && [ "$d" = 0 ] && [[ "$leaf_txt" == L0_* ]] && [ "$wd_txt" = "$want_wd" ]; then
        ok "dirty: $m decoded PTE reads equal the txn log's decoding; the model's A/D write decodes to '${wd_txt//_/ }'"
    else
        bad "dirty: decoded PTEs: $m matched, $u not in the log, $d differ; leaf '$leaf_txt', A/D write '$wd_txt' (want '$want_wd')" "$TMP/pvl.err"
    fi

    # passing runs: RTL and model views agree at every dump time (stage, PTE views), over all the
    # modes of a mixed run, and on Sv32 and teaching-format scenarios
    S="txn_stage model_txn_stage mem_resp_rdata_pte model_mem_resp_rdata_pte mem_req_wdata_pte"
    S+=" model_mem_req_wdata_pte"
    "$B" --seed 5 --mode mix --cycles 12000 --waves "$TMP/mix.fst" --quiet > "$TMP/mix.log" 2>&1
    fst2vcd "$TMP/mix.fst" > "$TMP/mix.vcd" 2> /dev/null
    # shellcheck disable=SC2086
    vcd_table "$TMP/mix.vcd" $S > "$TMP/mix.tab" 2> "$TMP/mix.err"
    read -r rows differ stages views <<< "$(awk '{n++} $2 != $3 || $4 != $5 || $6 != $7 {d++}
        {s[$3] = 1} $5 !~ /^0+$/ {v++} END {printf "%d %d %d %d", n, d, length(s), v}' "$TMP/mix.tab")"
    if [ "${rows:-0}" -gt 20000 ] && [ "$differ" = 0 ] && [ "$stages" -ge 9 ] && [ "$views" -gt 100 ]; then
        ok "mix run: RTL and model agree on the stage and the decoded PTEs at all $rows dump times ($stages stages seen)"
    else
        bad "mix run: $rows rows, $differ differ, $stages stages, $views PTE views" "$TMP/mix.err"
    fi
    for scn in sv32_page_sizes teach_formats; do
        "$B" --scenario "tb/scenarios/$scn.scn" --waves "$TMP/$scn.fst" --txn-log "$TMP/$scn.txn" \
            > "$TMP/$scn.log" 2>&1
        fst2vcd "$TMP/$scn.fst" > "$TMP/$scn.vcd" 2> /dev/null
        # shellcheck disable=SC2086
        vcd_table "$TMP/$scn.vcd" $S > "$TMP/$scn.tab" 2> "$TMP/$scn.err"
        awk '{print $1, $4}' "$TMP/$scn.tab" > "$TMP/$scn.rd"
        differ=$(awk '$2 != $3 || $4 != $5 || $6 != $7' "$TMP/$scn.tab" | wc -l)
        if [ "$scn" = sv32_page_sizes ]; then
            read -r m u d <<< "$(pte_vs_log "$TMP/$scn.rd" "$TMP/$scn.txn" 2> "$TMP/pvl.err")"
            if [ -s "$TMP/$scn.tab" ] && [ "$differ" = 0 ] && [ "${m:-0}" -ge 4 ] && [ "$u" = 0 ] && [ "$d" = 0 ]; then
                ok "$scn: RTL and model views agree; its $m Sv32 PTE reads decode as the txn log decodes them"
            else
                bad "$scn: $differ rows differ; PTEs: $m matched, $u not in the log, $d differ" "$TMP/pvl.err"
            fi
        else
            # the fields worked out by hand in the scenario's comments
            awk '{print $2}' "$TMP/$scn.rd" | grep -v '^0*$' | sort -u > "$TMP/views"
            : > "$TMP/teach.out"
            # shellcheck disable=SC2046
            [ -s "$TMP/views" ] && "$FILTER" --decode $(cat "$TMP/views") > "$TMP/teach.out"
            miss=""
            for want in "L2 VP pfn=0x300" "L1 VP pfn=0x320" "L0 VP pfn=0x2bc" "L0 V- pfn=0x111 not-present" \
                "L1 -P pfn=0x222 invalid" "L0 V pfn=0xfedcba9876"; do
                grep -qxF "$want" "$TMP/teach.out" || miss+=" '$want'"
            done
            if [ -s "$TMP/$scn.tab" ] && [ "$differ" = 0 ] && [ -z "$miss" ]; then
                ok "$scn: RTL and model views agree; the teaching PTEs decode to the scenario's hand-computed fields"
            else
                bad "$scn: $differ rows differ; missing:$miss" "$TMP/teach.out"
            fi
        fi
    done
fi

# --- 8. make waves: headless pictures -----------------------------------------------------------
if command -v gtkwave > /dev/null && command -v xvfb-run > /dev/null; then
    # a private output directory: another `make waves` may be running at the same time
    W=$TMP/waves
    if make --no-print-directory waves BUILD="$BUILD" WAVES_DIR="$W" > "$TMP/make.log" 2>&1 &&
        [ -s "$W/sv39_walk.png" ] && [ -s "$W/dirty_mismatch.png" ] && [ -s "$W/dirty_closeup.png" ] &&
        [ "$(head -c 4 "$W/sv39_walk.png" | od -An -tx1 | tr -d ' ')" = '89504e47' ]; then
        ok "make waves: sv39_walk.png ($(stat -c %s "$W/sv39_walk.png") bytes), dirty_mismatch.png, dirty_closeup.png"
    else
        bad "make waves" "$TMP/make.log"
    fi
else
    bad "make waves: gtkwave and xvfb-run are needed (scripts/install-deps.sh installs them)"
fi

finish waves-test

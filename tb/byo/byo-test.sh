#!/usr/bin/env bash
# Bring your own MMU (tb/byo/byo.mk, docs/class-projects.md): proof that --compare txn judges an
# MMU by what it answers, not by when. Three test DUTs built from the unmodified rtl/:
#   resp_pipe      every answer one cycle late         -> txn passes (+1 on every row), cycle fails
#   slow_walk      two cycles per page-table level     -> txn passes (+1 per access), cycle fails
#   superpage_bug  a superpage offset mask one bit short -> txn fails, naming the request and paddr
# and the kit's own RTL, which txn must find exactly on SPEC 7's timing (+0 on every row). Then
# the grading flow (make grade's tb/byo/grade.sh, quick form) on a good and a buggy DUT, and
# `make cosim DUT=... TOP=...` on the wrapper template's example list.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/testlib.sh

B=build
require_bins byo-test "byo-bins" $B/mmucosim $B/mmucosim-byo-resp_pipe $B/mmucosim-byo-slow_walk \
    $B/mmucosim-byo-superpage_bug

# lat_rows LOG: "kind extra=..." per latency row, deduplicated
lat_rows() { awk '/^LAT /{print $3, $7}' "$1" | sort -u; }

# ---- passes under txn, with the latency it really has ----------------------------------------
# txn_passes NAME BIN EXPECT: seeds 1-3 of random stimulus in every mode pass --compare txn and
# each latency row's extra (DUT - reference) is what EXPECT (a function of the row kind) says.
expect_own() { echo "+0/+0/+0"; }
expect_resp_pipe() { echo "+1/+1/+1"; }
expect_slow_walk() {  # one cycle more per page-table access: N reads, +1 for the A/D write
    case "$1" in
    walk*+ad) local n=${1#walk}; n=${n%+ad}; echo "+$((n + 1))/+$((n + 1))/+$((n + 1))" ;;
    walk*) echo "+${1#walk}/+${1#walk}/+${1#walk}" ;;
    *) echo "+0/+0/+0" ;;
    esac
}
txn_passes() {
    local name=$1 bin=$2 expect=$3 s log rc rows kind extra want wrong
    for s in 1 2 3; do
        log=$TMP/$name-txn-$s.log
        "$bin" --compare txn --seed "$s" --cycles 60000 --quiet --fail-dir "$TMP/fail" > "$log" 2>&1
        rc=$?
        if [ "$rc" != 0 ]; then bad "$name: --compare txn seed $s: exit $rc" "$log"; continue; fi
        rows=$(lat_rows "$log")
        if [ -z "$rows" ] || ! grep -q '^TXN compared=[1-9]' "$log"; then
            bad "$name: --compare txn seed $s printed no latency rows / no comparisons" "$log"
            continue
        fi
        wrong=
        while read -r kind extra; do
            want="extra=$($expect "$kind")"
            [ "$extra" = "$want" ] || wrong="$wrong $kind:$extra(want ${want#extra=})"
        done <<<"$rows"
        if [ -n "$wrong" ]; then bad "$name: seed $s latency rows:$wrong" "$log"; continue; fi
        ok "$name: --compare txn seed $s passes, $(grep -o 'compared=[0-9]*' "$log") requests, latency extra as designed in $(wc -l <<<"$rows") row kinds"
    done
}
txn_passes "own RTL" $B/mmucosim expect_own
txn_passes resp_pipe $B/mmucosim-byo-resp_pipe expect_resp_pipe
txn_passes slow_walk $B/mmucosim-byo-slow_walk expect_slow_walk

# ---- the same DUTs fail the lockstep --------------------------------------------------------
for d in resp_pipe slow_walk; do
    log=$TMP/$d-cycle.log
    $B/mmucosim-byo-$d --compare cycle --seed 1 --cycles 60000 --quiet --no-fail-waves > "$log" 2>&1
    rc=$?
    if [ "$rc" = 1 ] && grep -q '^kind:   output mismatch' "$log"; then
        ok "$d: --compare cycle fails ($(grep -m1 '^first-divergence:' "$log"))"
    else
        bad "$d: --compare cycle: exit $rc, expected an output mismatch" "$log"
    fi
done

# ---- a real bug fails txn, with a report a person can act on --------------------------------
log=$TMP/superpage-txn.log
$B/mmucosim-byo-superpage_bug --compare txn --seed 1 --cycles 100000 --fail-dir "$TMP/fail" \
    > "$log" 2>&1
rc=$?
div=$(grep -m1 '^first-divergence:' "$log")
if [ "$rc" = 1 ] && grep -q '^kind:   request mismatch' "$log" &&
    grep -Eq '^what:   request #[0-9]+: paddr differs \(model 0x[0-9a-f]+, DUT 0x[0-9a-f]+\)' "$log" &&
    [[ $div =~ ^first-divergence:\ request=[0-9]+\ field=paddr ]]; then
    ok "superpage_bug: --compare txn fails at ${div#first-divergence: }"
else
    bad "superpage_bug: --compare txn: exit $rc, expected a paddr mismatch naming the request" "$log"
fi
n=$(grep -o 'request #[0-9]*' <<<"$(grep -m1 '^what:' "$log")" | tr -dc 0-9)
if grep -q "^request: #$n va=0x[0-9a-f]* [A-Z]* [USM] (SATP" "$log" &&
    grep -q '^reproduce:' "$log" && grep -q -- '--compare txn --seed 1' "$log"; then
    ok "superpage_bug: the report shows request #$n (VA, access, privilege, SATP) and a reproduce command"
else
    bad "superpage_bug: report lacks the request line or the reproduce command" "$log"
fi
fst=$(sed -n 's/^  wave: *\([^ ]*\.fst\).*/\1/p' "$log")
gtkw=$(sed -n 's/^  gtkwave: *\([^ ]*\.gtkw\).*/\1/p' "$log")
if [ -s "$fst" ] && [ -s "$gtkw" ] && grep -q "$fst" "$gtkw"; then
    ok "superpage_bug: a wave of the failure ($(stat -c %s "$fst") bytes) and its GTKWave view"
else
    bad "superpage_bug: no wave / .gtkw written (fst='$fst' gtkw='$gtkw')" "$log"
fi

# ---- options --------------------------------------------------------------------------------
check_bad_args $B/mmucosim "--compare lockstep"
check_bad_args $B/mmucosim "--compare txn --bench"

# ---- grading --------------------------------------------------------------------------------
# A good DUT: every feature row passes; the JUnit XML parses and agrees with the summary line.
junit_counts() {  # FILE -> "tests failures"
    python3 - "$1" <<'EOF'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
print(r.get("tests"), r.get("failures"), len(r.findall(".//testcase/failure")))
EOF
}
log=$TMP/grade-good.log
bash tb/byo/grade.sh --bin $B/mmucosim-byo-slow_walk --quick --out "$TMP/grade-good" > "$log" 2>&1
rc=$?
read -r tests failures nfail <<<"$(junit_counts "$TMP/grade-good/junit.xml" 2>/dev/null)"
if [ "$rc" = 0 ] && grep -Eq '^grade: [1-9][0-9]* passed, 0 failed$' "$log" &&
    grep -Eq '^mode sv39 +1 +1 +0 ' "$log" && grep -Eq '^A/D ' "$log" && grep -Eq '^flushes ' "$log" &&
    [ "${failures:-x}" = 0 ] && [ "${nfail:-x}" = 0 ] && [ "${tests:-0}" -gt 40 ]; then
    ok "grade slow_walk: $(tail -1 "$log"), a row per feature, JUnit $tests tests 0 failures"
else
    bad "grade slow_walk: exit $rc (JUnit tests=${tests:-?} failures=${failures:-?})" "$log"
fi
# A buggy DUT: exit 1, the table names the failing feature and the first failure comes with its
# report (the request, the field) and its wave.
log=$TMP/grade-bug.log
bash tb/byo/grade.sh --bin $B/mmucosim-byo-superpage_bug --quick --out "$TMP/grade-bug" > "$log" 2>&1
rc=$?
read -r tests failures nfail <<<"$(junit_counts "$TMP/grade-bug/junit.xml" 2>/dev/null)"
if [ "$rc" = 1 ] && grep -Eq '^grade: [0-9]+ passed, [1-9][0-9]* failed$' "$log" &&
    grep -q '^---- first failure of "' "$log" && grep -q 'paddr differs' "$log" &&
    grep -Eq '^  wave: .*\.fst' "$log" && [ "${failures:-0}" -gt 0 ] && [ "$failures" = "$nfail" ]; then
    ok "grade superpage_bug: $(tail -1 "$log"); first failures reported ($(grep -c '^---- first failure' "$log") features), JUnit failures=$failures"
else
    bad "grade superpage_bug: exit $rc (JUnit failures=${failures:-?})" "$log"
fi

# ---- make cosim DUT=... TOP=...: the README-style entry for another RTL ---------------------
log=$TMP/make-cosim-dut.log
make --no-print-directory cosim DUT=tb/byo/example/example.f TOP=mmu_byo_wrapper GRADE_ARGS=--quick \
    > "$log" 2>&1
rc=$?
if [ "$rc" = 0 ] && [ -x $B/mmucosim-byo-mmu_byo_wrapper ] &&
    grep -Eq '^grade: [1-9][0-9]* passed, 0 failed$' "$log"; then
    ok "make cosim DUT=tb/byo/example/example.f TOP=mmu_byo_wrapper: built and graded ($(tail -1 "$log"))"
else
    bad "make cosim DUT=tb/byo/example/example.f TOP=mmu_byo_wrapper: exit $rc" "$log"
fi
log=$TMP/make-cosim-notop.log
make --no-print-directory cosim DUT=tb/byo/example/example.f > "$log" 2>&1
rc=$?
if [ "$rc" != 0 ] && grep -q 'needs TOP=' "$log"; then
    ok "make cosim DUT= without TOP= stops with a message"
else
    bad "make cosim DUT= without TOP=: exit $rc" "$log"
fi
log=$TMP/make-cosim-nofile.log
make --no-print-directory cosim DUT=$TMP/none.f TOP=x > "$log" 2>&1
rc=$?
if [ "$rc" != 0 ] && grep -q "none.f" "$log"; then
    ok "make cosim DUT=<missing file> stops naming the file"
else
    bad "make cosim DUT=<missing file>: exit $rc" "$log"
fi

finish byo-test

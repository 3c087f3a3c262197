#!/usr/bin/env bash
# The functional-coverage plumbing (tb/cov/mmu_cov.cpp written by mmucosim --cov-out, merged and
# judged by scripts/coverage.py): counts add up in a merge, a missed bin is a hole, a bin declared
# unreachable that was hit fails the report, files of another model or no coverage file at all
# are refused with their name, and Verilator's points are counted per kind.
# Ends with "cov-test: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
. scripts/testlib.sh
BUILD=${BUILD:-build}
COSIM=$BUILD/mmucosim
COV="python3 scripts/coverage.py"
require_bins cov-test "build/mmucosim" "$COSIM"

# two short runs of different modes
"$COSIM" --quiet --mode sv39 --seed 1 --cycles 3000 --cov-out "$TMP/a.cov" > "$TMP/a.log" 2>&1 || bad "sv39 run" "$TMP/a.log"
"$COSIM" --quiet --mode seg --seed 2 --cycles 3000 --cov-out "$TMP/b.cov" > "$TMP/b.log" 2>&1 || bad "seg run" "$TMP/b.log"
if head -1 "$TMP/a.cov" | grep -qx '# mmu-functional-coverage 1' && [ "$(grep -vc '^#' "$TMP/a.cov")" -gt 500 ]; then
    ok "--cov-out writes every bin ($(grep -vc '^#' "$TMP/a.cov") bins)"
else
    bad "--cov-out file" "$TMP/a.cov"
fi

# merge: each bin's count is the sum
$COV merge "$TMP/m.cov" "$TMP/a.cov" "$TMP/b.cov" > /dev/null
sum_ok=$(awk -F'\t' 'FNR == 1 { f++ } /^#/ { next } { c[f, FNR] = $3 } END {
    for (k in c) { split(k, p, SUBSEP); if (p[1] == 3 && c[1, p[2]] + c[2, p[2]] != c[3, p[2]]) { print "no"; exit } }
    print "yes" }' "$TMP/a.cov" "$TMP/b.cov" "$TMP/m.cov")
[ "$sum_ok" = yes ] && ok "merge adds the counts bin by bin" || bad "merge counts" "$TMP/m.cov"

# report: a short sv39 run leaves holes (segment bins, other modes), listed in holes.txt
$COV report "$TMP/a.cov" --out "$TMP/rep" > "$TMP/rep.txt"
rc=$?
if [ "$rc" = 0 ] && grep -q '^functional coverage: [0-9]*/[0-9]* bins' "$TMP/rep.txt" &&
    grep -q 'xlate.path	mode=seg' "$TMP/rep/holes.txt" && [ -s "$TMP/rep/index.html" ]; then
    ok "report: summary line, holes (seg bins after an sv39 run), HTML"
else
    bad "report (exit $rc)" "$TMP/rep.txt"
fi
# the same report with the seg run merged in has fewer holes
$COV report "$TMP/m.cov" --out "$TMP/rep2" > /dev/null
if [ "$(wc -l < "$TMP/rep2/holes.txt")" -lt "$(wc -l < "$TMP/rep/holes.txt")" ]; then
    ok "merged report: fewer holes ($(wc -l < "$TMP/rep/holes.txt") -> $(wc -l < "$TMP/rep2/holes.txt"))"
else
    bad "merged report holes" "$TMP/rep2/holes.txt"
fi

# an unreachable bin with a count: the report fails and names it
awk -F'\t' 'BEGIN { OFS = "\t" } !/^#/ && $4 != "-" && !done { $3 = 7; done = 1 } { print }' "$TMP/a.cov" > "$TMP/bad.cov"
$COV report "$TMP/bad.cov" > "$TMP/bad.txt"
rc=$?
if [ "$rc" = 1 ] && grep -q 'ERROR: bins declared unreachable were hit' "$TMP/bad.txt" && grep -q 'count=7' "$TMP/bad.txt"; then
    ok "an unreachable bin that was hit fails the report"
else
    bad "unreachable bin hit (exit $rc)" "$TMP/bad.txt"
fi

# another model's file, and a file that is not a coverage file
sed '0,/^[a-z]/s/^\([a-z][^\t]*\)\t[^\t]*/\1\tnot-a-bin/' "$TMP/a.cov" > "$TMP/other.cov"
if ! $COV merge "$TMP/x.cov" "$TMP/a.cov" "$TMP/other.cov" > "$TMP/o.txt" 2>&1 && grep -q "other.cov has other bins" "$TMP/o.txt"; then
    ok "merge refuses a file of another coverage model"
else
    bad "merge of another model" "$TMP/o.txt"
fi
echo "hello" > "$TMP/junk.cov"
if ! $COV report "$TMP/junk.cov" > "$TMP/j.txt" 2>&1 && grep -q "junk.cov: not a coverage file" "$TMP/j.txt"; then
    ok "report refuses a file that is not a coverage file, naming it"
else
    bad "junk file" "$TMP/j.txt"
fi

# Verilator points: counted per kind, uncovered lines listed with file:line
{
    echo "# SystemC::Coverage-3"
    printf "C '\001f\002/x/rtl/a.sv\001l\00210\001page\002v_line/a\001o\002block\001h\002TOP.a' 3\n"
    printf "C '\001f\002/x/rtl/a.sv\001l\00212\001page\002v_line/a\001o\002if\001h\002TOP.a' 0\n"
    printf "C '\001f\002/x/rtl/a.sv\001l\0025\001page\002v_toggle/a\001o\002q[0]\001h\002TOP.a' 1\n"
    printf "C '\001f\002/x/csim/t.sv\001l\0021\001page\002v_line/t\001o\002block\001h\002TOP' 0\n"
} > "$TMP/v.dat"
$COV rtl "$TMP/v.dat" --out "$TMP/v.txt" > /dev/null
if grep -q 'line 1/2 (50.0 %), toggle 1/1 (100.0 %)' "$TMP/v.txt" && grep -q '/x/rtl/a.sv:12: line if' "$TMP/v.txt" &&
    ! grep -q 't.sv' "$TMP/v.txt"; then
    ok "Verilator points: per kind, rtl/ only, uncovered lines with file:line"
else
    bad "Verilator points" "$TMP/v.txt"
fi

echo "cov-test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

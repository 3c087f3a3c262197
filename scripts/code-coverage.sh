#!/usr/bin/env bash
# `make coverage` (tb/cov/cov.mk, docs/verification.md): the default regression once, with
# functional, RTL code and model code coverage, each merged and rendered as HTML under
# build/coverage/. Prints one summary line per kind and the
# report's path. Exit 1 if the regression or a coverage run failed, or the functional coverage
# did not close (scripts/regress.sh's rule); code-coverage percentages are reported, not judged.
#
# Options: --short (the regression's short budget, as in make test).
# Environment: BUILD (default build).
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
BUILD=${BUILD:-build}
OUT=$BUILD/coverage
BIN=$BUILD/mmucosim-cov
REGRESS_OPTS=
[ "${1:-}" = --short ] && REGRESS_OPTS=--short
for t in "$BIN" "$BUILD/mmusim" verilator_coverage lcov genhtml python3; do
    command -v "$t" > /dev/null 2>&1 || [ -x "$t" ] ||
        { echo "code-coverage: $t is missing (make coverage builds and installs what it needs)" >&2; exit 2; }
done
rc=0
mkdir -p "$OUT"

# ---- one regression, three kinds of coverage ----------------------------------------------
# The default regression (scripts/regress.sh, the runs of `make cosim`) with its default-build
# runs on build/mmucosim-cov: every run writes its functional bins, the instrumented binary its
# RTL points (MMU_RTL_COV_OUT) and the model's gcov counters. The variant builds' runs (other
# TLB sizes and ASID widths) count for functional coverage only.
rm -rf "$OUT/functional" "$OUT/rtl" "$OUT/model"
mkdir -p "$OUT/rtl/runs" "$OUT/model"
find "$BUILD/gcov" -name '*.gcda' -delete
echo "coverage: the default regression on $BIN (functional bins, Verilator --coverage points, gcov)"
bash scripts/regress.sh $REGRESS_OPTS --bin "$BIN" --cov-dir "$OUT/functional/runs" --rtl-cov-dir "$OUT/rtl/runs" \
    > "$OUT/regress.log" 2>&1 || rc=1
grep -E '^regress: [0-9]+ passed' "$OUT/regress.log"
[ "$rc" = 0 ] || { echo "coverage: the regression failed (log: $OUT/regress.log)"; grep -A12 -- '^---- FAILED' "$OUT/regress.log" | head -40; }

# RTL: merge, summary per kind and file, lcov info of rtl/ only, HTML
verilator_coverage --write "$OUT/rtl/merged.dat" "$OUT"/rtl/runs/*.dat > /dev/null
python3 scripts/coverage.py rtl "$OUT/rtl/merged.dat" --out "$OUT/rtl/summary.txt" > /dev/null || rc=1
verilator_coverage --write-info "$OUT/rtl/all.info" "$OUT/rtl/merged.dat" > /dev/null
lcov --quiet --extract "$OUT/rtl/all.info" "*/rtl/*" -o "$OUT/rtl/rtl.info" > /dev/null 2>&1
genhtml --quiet --title "MMU RTL (Verilator line, branch and toggle points)" -o "$OUT/rtl/html" \
    "$OUT/rtl/rtl.info" > "$OUT/rtl/genhtml.log" 2>&1 || { echo "coverage: genhtml (RTL) failed:"; cat "$OUT/rtl/genhtml.log"; rc=1; }

# model: gcov's counters of the same runs
lcov --quiet --rc lcov_branch_coverage=1 --capture --directory "$BUILD/gcov" --base-directory . \
    -o "$OUT/model/all.info" > "$OUT/model/lcov.log" 2>&1
lcov --quiet --rc lcov_branch_coverage=1 --extract "$OUT/model/all.info" "*/model/*" -o "$OUT/model/model.info" \
    >> "$OUT/model/lcov.log" 2>&1
genhtml --quiet --branch-coverage --title "MMU C model (gcov)" -o "$OUT/model/html" "$OUT/model/model.info" \
    > "$OUT/model/genhtml.log" 2>&1 || { echo "coverage: genhtml (model) failed:"; cat "$OUT/model/genhtml.log"; rc=1; }
lcov --rc lcov_branch_coverage=1 --summary "$OUT/model/model.info" 2>&1 |
    awk '/lines\.|functions\.|branches\./ { sub(/^ */, ""); printf "%s%s", (n++ ? "; " : "model code coverage (gcov): "), $0 } END { print "" }' \
    > "$OUT/model/summary.txt"

# ---- the summary and one page that links the reports ----------------------------------------
{
    head -1 "$OUT/rtl/summary.txt"
    cat "$OUT/model/summary.txt"
} > "$OUT/code-summary.txt"
FUNC=$OUT/functional/runs/merged.cov
if [ -e "$FUNC" ]; then
    python3 scripts/coverage.py report "$FUNC" --out "$OUT/functional" --extra "$OUT/code-summary.txt" > "$OUT/functional.txt" || rc=1
    head -1 "$OUT/functional.txt"
    holes=$(wc -l < "$OUT/functional/holes.txt")
    [ "$holes" = 0 ] || { echo "functional coverage holes ($holes): $OUT/functional/holes.txt"; rc=1; }
fi
cat "$OUT/code-summary.txt"
echo "uncovered RTL lines and branches: $OUT/rtl/summary.txt"
{
    echo "<!DOCTYPE html><html><head><meta charset='utf-8'><title>MMU coverage</title></head><body>"
    echo "<h1>MMU coverage</h1><pre>"
    [ -e "$OUT/functional.txt" ] && head -1 "$OUT/functional.txt"
    sed 's/&/\&amp;/g; s/</\&lt;/g' "$OUT/code-summary.txt"
    echo "</pre><ul>"
    [ -e "$OUT/functional/index.html" ] && echo "<li><a href='functional/index.html'>functional coverage</a> (bins, crosses, holes, unreachable bins with reasons)</li>"
    echo "<li><a href='rtl/html/index.html'>RTL code coverage</a> (Verilator line, branch and toggle points, genhtml)</li>"
    echo "<li><a href='model/html/index.html'>C model code coverage</a> (gcov lines, functions, branches)</li>"
    echo "</ul></body></html>"
} > "$OUT/index.html"
echo "coverage: report $OUT/index.html"
exit $rc

#!/usr/bin/env bash
# Default lockstep regression (`make cosim`; `--short` for `make test`): the RTL and the C model in
# lockstep (build/mmucosim*) over many seeds in every mode, on every RTL build variant, with fixed
# and varied page-table memory, plus every tb/scenarios/*.scn. Prints one summary row per mode
# (translations, hits, misses, walks, faults by reason, cycles, simulated cycles/s), fails if any
# fault reason was never reached, and ends with "N passed, M failed" (each run is a test, the
# coverage check one more).
#
# Options: --short (small budget for `make test`), --jobs N (default: nproc), --seed-base N
# (default 1: shift every seed to explore new stimulus), --scale F (multiply every cycle budget),
# --junit FILE (also write the JUnit XML there), --cov-dir DIR (where every run writes its
# functional coverage bins, DIR/<run>.cov; default build/regress/<invocation>/cov).
# Functional coverage (tb/cov/mmu_cov.cpp, merged by scripts/coverage.py) is one more test case:
# it fails if a bin declared unreachable was hit and, with the default seeds (--seed-base 1),
# if a reachable bin was missed: the default regression closes every reachable bin.
# --bin B runs the default build's jobs with binary B (the variants keep build/mmucosim-tT-aA);
# --rtl-cov-dir D sets MMU_RTL_COV_OUT=D/<run>.dat (the code-coverage build, make coverage).
# Logs: build/regress/<invocation>/<run>.log; a failing run's report and repro command are printed.
# JUnit XML: build/regress/latest/junit.xml, one <testcase> per run (classname regress.<mode>,
# the reproduce command in <system-out>, a failing run's report in <failure>) plus one for the
# coverage check (a passing --short run keeps only this file of its folder).
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
. scripts/junit.sh

SHORT=0
JOBS=$(nproc 2>/dev/null || echo 2)
SEED_BASE=1
SCALE=${REGRESS_SCALE:-1}
JUNIT_OUT=
COV_DIR=
RTL_COV_DIR=
BIN=
while [ $# -gt 0 ]; do
    case "$1" in
    --short) SHORT=1 ;;
    --jobs) JOBS=$2; shift ;;
    --seed-base) SEED_BASE=$2; shift ;;
    --scale) SCALE=$2; shift ;;
    --junit) JUNIT_OUT=$2; shift ;;
    --cov-dir) COV_DIR=$2; shift ;;
    --bin) BIN=$2; shift ;;
    --rtl-cov-dir) RTL_COV_DIR=$2; shift ;;
    *) echo "regress.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
    shift
done

BUILD=${BUILD:-build}
VBIN=$BUILD/mmucosim    # the variants' binaries are VBIN-tT-aA
BIN=${BIN:-$VBIN}
# One log folder per invocation (several people may run `make test` in the same tree at once);
# build/regress/latest points at the newest. A passing --short run keeps only its junit.xml.
mkdir -p "$BUILD/regress"
LOG=$(mktemp -d "$BUILD/regress/$([ "$SHORT" = 1 ] && echo short || echo full)-$(date +%Y%m%d-%H%M%S)-XXXX")
ln -sfn "$(basename "$LOG")" "$BUILD/regress/latest"

for b in "$BIN" "$VBIN-t4-a4" "$VBIN-t8-a0" "$VBIN-t32-a9" "$BUILD/mmusim"; do
    if [ ! -x "$b" ]; then
        echo "regress.sh: $b is missing (run 'make cosim-bins')"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

cycles() { awk -v c="$1" -v s="$SCALE" 'BEGIN { printf "%d", c * s }'; }

# ---- the job list: group (summary row), name (log file), command --------------------------
JOBLIST=$LOG/jobs.txt
: > "$JOBLIST"
add() {
    printf '%s\t%s\t%s\n' "$1" "$2" "${RTL_COV_DIR:+MMU_RTL_COV_OUT=$RTL_COV_DIR/$2.dat }$3${COV_DIR:+ --cov-out $COV_DIR/$2.cov}" >> "$JOBLIST"
}
[ -z "$RTL_COV_DIR" ] || mkdir -p "$RTL_COV_DIR"
COV_DIR=${COV_DIR:-$LOG/cov}
mkdir -p "$COV_DIR"

# Every mode of the generator but mix (the model's list: mmusim --list modes).
MODES=$("$BUILD/mmusim" --list modes | grep -vx mix | tr '\n' ' ')
[ -n "$MODES" ] || { echo "regress: $BUILD/mmusim --list modes gave nothing (make build/mmusim)" >&2; exit 2; }
if [ "$SHORT" = 1 ]; then
    PER_MODE_SEEDS=2; MODE_CYCLES=$(cycles 60000); MIX_SEEDS=4; MIX_CYCLES=$(cycles 80000)
    VAR_SEEDS=1; VAR_CYCLES=$(cycles 80000); VAR32_CYCLES=$(cycles 60000); FIX_CYCLES=$(cycles 60000)
else
    PER_MODE_SEEDS=10; MODE_CYCLES=$(cycles 300000); MIX_SEEDS=20; MIX_CYCLES=$(cycles 300000)
    VAR_SEEDS=5; VAR_CYCLES=$(cycles 300000); VAR32_CYCLES=$(cycles 200000); FIX_CYCLES=$(cycles 300000)
fi

for m in $MODES; do
    for ((i = 0; i < PER_MODE_SEEDS; i++)); do
        s=$((SEED_BASE + i))
        add "$m" "$m-s$s" "$BIN --quiet --mode $m --seed $s --cycles $MODE_CYCLES"
    done
done
for ((i = 0; i < MIX_SEEDS; i++)); do
    s=$((SEED_BASE + 1000 + i))
    add "mix" "mix-s$s" "$BIN --quiet --mode mix --seed $s --cycles $MIX_CYCLES"
done
# The other RTL build variants (TLB size / ASID width).
for ((i = 0; i < VAR_SEEDS; i++)); do
    s=$((SEED_BASE + 2000 + i))
    add "mix@t4-a4" "t4a4-mix-s$s" "$VBIN-t4-a4 --quiet --mode mix --seed $s --cycles $VAR_CYCLES"
    add "sv32@t4-a4" "t4a4-sv32-s$s" "$VBIN-t4-a4 --quiet --mode sv32 --seed $s --cycles $VAR_CYCLES"
    add "mix@t8-a0" "t8a0-mix-s$s" "$VBIN-t8-a0 --quiet --mode mix --seed $s --cycles $VAR_CYCLES"
    add "soft@t4-a4" "t4a4-soft-s$s" "$VBIN-t4-a4 --quiet --mode soft --seed $s --cycles $VAR_CYCLES"
    add "soft@t8-a0" "t8a0-soft-s$s" "$VBIN-t8-a0 --quiet --mode soft --seed $s --cycles $VAR_CYCLES"
    add "sv32@t32-a9" "t32a9-sv32-s$s" "$VBIN-t32-a9 --quiet --mode sv32 --seed $s --cycles $VAR32_CYCLES"
    add "mix@t32-a9" "t32a9-mix-s$s" "$VBIN-t32-a9 --quiet --mode mix --seed $s --cycles $VAR32_CYCLES"
done
# Memory fixed for the whole run: ideal (latency 1, always ready, no errors), and hostile.
add "mix/mem-ideal" "mem-ideal-s$((SEED_BASE + 3000))" \
    "$BIN --quiet --mode mix --seed $((SEED_BASE + 3000)) --cycles $FIX_CYCLES --latency 1 --ready 1 --err 0"
add "mix/mem-hostile" "mem-hostile-s$((SEED_BASE + 3001))" \
    "$BIN --quiet --mode mix --seed $((SEED_BASE + 3001)) --cycles $FIX_CYCLES --latency 1:12 --ready 0.3 --err 0.05"
# Every directed scenario in lockstep (each picks the binary of its TLB size).
for f in tb/scenarios/*.scn; do
    [ -e "$f" ] || continue
    add "scenarios" "scn-$(basename "$f" .scn)" "$BIN --quiet --scenario $f"
done

# ---- run, JOBS at a time --------------------------------------------------------------------
NJOBS=$(wc -l < "$JOBLIST")
echo "regress: $NJOBS runs on $JOBS jobs (logs in $LOG/)"
T0=$(date +%s.%N)
run_job() {
    local name=$1 cmd=$2 t0
    t0=$(date +%s.%N)
    bash -c "$cmd" > "$LOG/$name.log" 2>&1
    echo $? > "$LOG/$name.rc.tmp"
    junit_secs "$t0" > "$LOG/$name.time"
    mv "$LOG/$name.rc.tmp" "$LOG/$name.rc"
}
# One progress line per update (at most every PROGRESS_SECS, and at the end): runs done/total,
# failures so far, elapsed time and an estimate of what is left (by the mean time per run done).
PROGRESS_SECS=${REGRESS_PROGRESS_SECS:-10}
LAST_PROGRESS=$(date +%s)
progress() {
    local force=${1:-0} now done failed
    now=$(date +%s)
    [ "$force" = 1 ] || [ $((now - LAST_PROGRESS)) -ge "$PROGRESS_SECS" ] || return 0
    LAST_PROGRESS=$now
    done=$(find "$LOG" -maxdepth 1 -name '*.rc' | wc -l)
    failed=$(grep -L -x 0 "$LOG"/*.rc 2>/dev/null | wc -l)
    awk -v d="$done" -v n="$NJOBS" -v f="$failed" -v t0="$T0" -v t1="$(date +%s.%N)" 'BEGIN {
        e = t1 - t0; left = d > 0 ? e / d * (n - d) : 0
        printf "regress: %d/%d runs done, %d failed, %.0f s elapsed", d, n, f, e
        if (d < n) printf ", about %.0f s left", left
        printf "\n" }'
}
while IFS=$'\t' read -r group name cmd; do
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; progress; done
    run_job "$name" "$cmd" &
done < "$JOBLIST"
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n; progress; done
wait
progress 1
WALL=$(awk -v t0="$T0" -v t1="$(date +%s.%N)" 'BEGIN { printf "%.1f", t1 - t0 }')

# ---- results --------------------------------------------------------------------------------
pass=0
fail=0
SUMMARY=$LOG/summary.txt
: > "$SUMMARY"
while IFS=$'\t' read -r group name cmd; do
    rc=$(cat "$LOG/$name.rc" 2>/dev/null || echo 99)
    if [ "$rc" = 0 ] && grep -q '^STAT ' "$LOG/$name.log"; then
        pass=$((pass + 1))
        awk -v g="$group" '/^STAT /{ print "STAT\t" g "\t" $0 } /^COV /{ print "COV\t" g "\t" $3 "\t" $4 }' \
            "$LOG/$name.log" >> "$SUMMARY"
    else
        fail=$((fail + 1))
        echo "---- FAILED ($rc): $name: $cmd"
        sed -n '1,/^first-divergence:/p' "$LOG/$name.log" | head -30
        grep -A1 '^reproduce:' "$LOG/$name.log" || true
        grep -E '^mmucosim: (FAIL|PASS)|^[^ ]+\.scn:[0-9]+:' "$LOG/$name.log" | head -5 || true
        echo "     (full log: $LOG/$name.log)"
    fi
done < "$JOBLIST"

# Summary tables and the fault-reason coverage check (the reasons and their short names from the
# model's generated list: mmusim --list causes). Exit status of awk: 1 if a reason was never reached.
awk -F'\t' -v wall="$WALL" -v jobs="$JOBS" '
function stat(s, key,   re, v) {
    re = " " key "=[^ ]*"
    if (match(s, re)) { v = substr(s, RSTART + length(key) + 2, RLENGTH - length(key) - 2); return v + 0 }
    return 0
}
BEGIN { n = 0; ng = 0 }
$1 == "CAUSE" { n++; reason[n] = $2; abbr[n] = $3; next }
$1 == "STAT" {
    g = $2
    if (!(g in seen)) { seen[g] = 1; order[++ng] = g }
    runs[g]++
    tr[g] += stat($3, "translations"); hi[g] += stat($3, "hits"); mi[g] += stat($3, "misses")
    wa[g] += stat($3, "walks"); fa[g] += stat($3, "faults"); cy[g] += stat($3, "cycles")
    se[g] += stat($3, "secs"); rf[g] += stat($3, "refills"); su[g] += stat($3, "suppressed")
    ad[g] += stat($3, "adwrites"); ev[g] += stat($3, "evictions"); fl[g] += stat($3, "flushes")
}
$1 == "COV" { f[$2, $3] += $4; tot[$3] += $4 }
END {
    printf "\n%-16s %4s %12s %11s %10s %10s %10s %12s %12s\n", "mode", "runs", "translations",
           "hits", "misses", "walks", "faults", "cycles", "cycles/s"
    for (i = 1; i <= ng; i++) {
        g = order[i]
        printf "%-16s %4d %12d %11d %10d %10d %10d %12d %12.0f\n", g, runs[g], tr[g], hi[g], mi[g],
               wa[g], fa[g], cy[g], (se[g] > 0 ? cy[g] / se[g] : 0)
        T["r"] += runs[g]; T["t"] += tr[g]; T["h"] += hi[g]; T["m"] += mi[g]; T["w"] += wa[g]
        T["f"] += fa[g]; T["c"] += cy[g]; T["s"] += se[g]
    }
    printf "%-16s %4d %12d %11d %10d %10d %10d %12d %12.0f\n", "TOTAL", T["r"], T["t"], T["h"],
           T["m"], T["w"], T["f"], T["c"], (T["s"] > 0 ? T["c"] / T["s"] : 0)
    printf "(cycles/s: simulated cycles per second of one lockstep process; %s s wall on %d jobs)\n", wall, jobs

    printf "\n%-16s %10s %12s %10s %10s %10s\n", "mode", "refills", "fill-flushed", "A/D-writes",
           "evictions", "flushes"
    for (i = 1; i <= ng; i++) {
        g = order[i]
        printf "%-16s %10d %12d %10d %10d %10d\n", g, rf[g], su[g], ad[g], ev[g], fl[g]
    }
    printf "(refills: hits that walked again for A/D; fill-flushed: walks whose fill a FLUSH during the\n walk suppressed; flushes: cycles with trace_flush_valid)\n"

    printf "\nfaults by reason and mode:\n%-16s", "mode"
    for (r = 1; r <= n; r++) printf " %6s", abbr[r]
    printf "\n"
    for (i = 1; i <= ng; i++) {
        g = order[i]; printf "%-16s", g
        for (r = 1; r <= n; r++) printf " %6d", f[g, reason[r]]
        printf "\n"
    }
    printf "%-16s", "TOTAL"
    for (r = 1; r <= n; r++) printf " %6d", tot[reason[r]]
    printf "\n"
    for (r = 1; r <= n; r++) printf "%s%s=%s", (r == 1 ? "(" : (r % 7 == 1 ? "\n " : ", ")), abbr[r], reason[r]
    printf ")\n"

    missing = ""
    for (r = 1; r <= n; r++)
        if (tot[reason[r]] == 0) missing = missing " " reason[r]
    if (missing != "") {
        printf "\ncoverage: FAILED, fault reasons never reached:%s\n", missing
        exit 1
    }
    printf "\ncoverage: every fault reason reached\n"
}' <("$BUILD/mmusim" --list causes | sed 's/^/CAUSE\t/; s/ /\t/') "$SUMMARY" > "$LOG/coverage.txt"
cov_rc=$?
cat "$LOG/coverage.txt"
if [ "$cov_rc" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi

# Functional coverage: merge the runs' bins, print the summary and the first holes.
FCOV_RC=0
if ls "$COV_DIR"/*.cov > /dev/null 2>&1; then
    rm -f "$COV_DIR/merged.cov"
    covs=("$COV_DIR"/*.cov)
    python3 scripts/coverage.py merge "$COV_DIR/merged.cov" "${covs[@]}" > /dev/null &&
        python3 scripts/coverage.py report "$COV_DIR/merged.cov" --out "$COV_DIR/report" > "$LOG/fcov.txt"
    FCOV_RC=$?
    head -1 "$LOG/fcov.txt"
    sed -n '/^ERROR/,$p' "$LOG/fcov.txt"
    holes=$(wc -l < "$COV_DIR/report/holes.txt" 2>/dev/null || echo 0)
    if [ "$holes" -gt 0 ]; then
        echo "functional coverage holes (first 10 of $holes; all: $COV_DIR/report/holes.txt):"
        head -10 "$COV_DIR/report/holes.txt" | sed 's/^/  /; s/\t/  /'
        [ "$SEED_BASE" != 1 ] || FCOV_RC=1
    fi
    [ "$SHORT" = 1 ] || echo "(report: $COV_DIR/report/index.html)"
else
    echo "functional coverage: no run wrote a coverage file" && FCOV_RC=1
fi
if [ "$FCOV_RC" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi

# ---- JUnit XML ------------------------------------------------------------------------------
write_junit() {
    local out=$1 group name cmd rc t msg
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        printf '<testsuites name="regress" tests="%d" failures="%d" errors="0" time="%s">\n' \
            $((pass + fail)) "$fail" "$WALL"
        printf '  <testsuite name="regress%s" tests="%d" failures="%d" errors="0" skipped="0" time="%s" timestamp="%s" hostname="%s">\n' \
            "$([ "$SHORT" = 1 ] && echo ' --short')" $((pass + fail)) "$fail" "$WALL" \
            "$(date -u +%Y-%m-%dT%H:%M:%S)" "$(hostname 2>/dev/null | xml_escape)"
        while IFS=$'\t' read -r group name cmd; do
            rc=$(cat "$LOG/$name.rc" 2>/dev/null || echo 99)
            t=$(cat "$LOG/$name.time" 2>/dev/null || echo 0)
            printf '    <testcase classname="regress.%s" name="%s" time="%s">\n' \
                "$(xml_escape <<<"$group")" "$(xml_escape <<<"$name")" "$t"
            if ! { [ "$rc" = 0 ] && grep -q '^STAT ' "$LOG/$name.log"; }; then
                msg=$(grep -m1 -E '^kind:|^mmucosim: FAIL|^[^ ]+\.scn:[0-9]+:' "$LOG/$name.log" || true)
                printf '      <failure type="exit %s" message="%s">' "$rc" \
                    "$(xml_escape <<<"exit status $rc${msg:+: $msg}")"
                sed -n '1,/^first-divergence:/p' "$LOG/$name.log" | head -60 | xml_escape
                printf '</failure>\n'
            fi
            printf '      <system-out>reproduce (from the repository root): %s\n</system-out>\n' \
                "$(xml_escape <<<"$cmd")"
            printf '    </testcase>\n'
        done < "$JOBLIST"
        printf '    <testcase classname="regress.coverage" name="fault-reasons-reached" time="0">\n'
        if [ "$cov_rc" != 0 ]; then
            printf '      <failure type="coverage" message="%s"/>\n' \
                "$(grep -m1 '^coverage: FAILED' "$LOG/coverage.txt" | xml_escape)"
        fi
        printf '      <system-out>'
        xml_escape < "$LOG/coverage.txt"
        printf '</system-out>\n    </testcase>\n'
        printf '    <testcase classname="regress.coverage" name="functional-coverage-closed" time="0">\n'
        if [ "$FCOV_RC" != 0 ]; then
            printf '      <failure type="coverage" message="%s"/>\n' \
                "$( (head -1 "$LOG/fcov.txt" 2>/dev/null || echo "functional coverage: no run wrote a coverage file") | xml_escape)"
        fi
        printf '      <system-out>'
        xml_escape < "$LOG/fcov.txt" 2>/dev/null
        printf '</system-out>\n    </testcase>\n  </testsuite>\n</testsuites>\n'
    } > "$out.tmp.$$" && mv -f "$out.tmp.$$" "$out"
}
write_junit "$LOG/junit.xml"
if [ -n "$JUNIT_OUT" ]; then
    mkdir -p "$(dirname "$JUNIT_OUT")"
    cp "$LOG/junit.xml" "$JUNIT_OUT"
fi

echo "regress: JUnit XML in $LOG/junit.xml${JUNIT_OUT:+ and $JUNIT_OUT}"
echo "regress: $pass passed, $fail failed"
if [ "$fail" = 0 ] && [ "$SHORT" = 1 ]; then
    # keep only junit.xml (build/regress/latest/junit.xml); drop older passing short runs, which
    # hold nothing else (a folder of a run still going has its jobs.txt)
    find "$LOG" -mindepth 1 ! -name junit.xml -delete
    for d in "$BUILD"/regress/short-*; do
        [ "$d" != "$LOG" ] && [ -d "$d" ] || continue
        [ "$(ls -A "$d")" = junit.xml ] && rm -rf "$d"
    done
fi
[ "$fail" = 0 ]

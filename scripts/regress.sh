#!/usr/bin/env bash
# Default lockstep regression (`make cosim`; `--short` for `make test`): the RTL and the C model in
# lockstep (build/mmucosim*) over the runs of a test list (tb/regress/default.list: seed ranges x
# modes x build variants x memory profiles, plus every tb/scenarios/*.scn; docs/regression.md). Prints one summary row per mode
# (translations, hits, misses, walks, faults by reason, cycles, simulated cycles/s), fails if any
# fault reason was never reached, and ends with "N passed, M failed" (each run is a test, the
# coverage check one more).
#
# Options: --short (small budget for `make test`), --jobs N (default: nproc), --seed-base N
# (default 1: shift every seed to explore new stimulus), --scale F (multiply every cycle budget),
# --junit FILE (also write the JUnit XML there), --cov-dir DIR (where every run writes its
# functional coverage bins, DIR/<run>.cov; default build/regress/<invocation>/cov).
# Functional coverage (tb/cov/mmu_cov.cpp, merged by scripts/coverage.py) is one more test case:
# it fails if a bin declared unreachable was hit and, with the default list and seeds
# (--seed-base 1), if a reachable bin was missed: the default regression closes every reachable bin.
# --bin B runs the default build's jobs with binary B (the variants keep build/mmucosim-tT-aA);
# --rtl-cov-dir D sets MMU_RTL_COV_OUT=D/<run>.dat (the code-coverage build, make coverage).
# --list FILE (default tb/regress/default.list), --print-jobs (print the runs and exit),
# --args "..." (appended to every run's command line, e.g. Verilator plusargs: make xcheck),
# --backend local (default: --jobs at a time here) | parallel (GNU parallel; --hosts LIST is its
# --sshlogin list) | slurm (one sbatch array of --shards tasks, default min(runs, 64);
# --sbatch-args "..." or REGRESS_SBATCH_ARGS adds options such as --partition). Every backend
# runs scripts/regress-job.sh; the folder build/regress/ must be shared by every host.
# Failures are triaged: grouped by signature (kind, first signal, mode, access path), each
# group's smallest failing run first with its report (LOG/triage.txt).
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
LIST=tb/regress/default.list
BACKEND=local
HOSTS=
SHARDS=
SBATCH_ARGS=${REGRESS_SBATCH_ARGS:-}
PRINT_JOBS=0
RUN_ARGS=
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
    --list) LIST=$2; shift ;;
    --backend) BACKEND=$2; shift ;;
    --hosts) HOSTS=$2; shift ;;
    --shards) SHARDS=$2; shift ;;
    --sbatch-args) SBATCH_ARGS=$2; shift ;;
    --print-jobs) PRINT_JOBS=1 ;;
    --args) RUN_ARGS=$2; shift ;;
    *) echo "regress.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
    shift
done
case "$BACKEND" in
local) ;;
parallel) command -v parallel > /dev/null || { echo "regress.sh: --backend parallel needs GNU parallel (apt-get install parallel)" >&2; exit 2; } ;;
slurm) command -v sbatch > /dev/null || { echo "regress.sh: --backend slurm needs sbatch and squeue (apt-get install slurm-client)" >&2; exit 2; } ;;
*) echo "regress.sh: unknown backend '$BACKEND' (local, parallel, slurm)" >&2; exit 2 ;;
esac
[ -r "$LIST" ] && [ -f "$LIST" ] || { echo "regress.sh: $LIST: not a readable test list" >&2; exit 2; }

BUILD=${BUILD:-build}
VBIN=$BUILD/mmucosim    # the variants' binaries are VBIN-tT-aA
BIN=${BIN:-$VBIN}
# One log folder per invocation (several people may run `make test` in the same tree at once);
# build/regress/latest points at the newest. A passing --short run keeps only its junit.xml.
mkdir -p "$BUILD/regress"
LOG=$(mktemp -d "$BUILD/regress/$([ "$SHORT" = 1 ] && echo short || echo full)-$(date +%Y%m%d-%H%M%S)-XXXX")

cycles() { awk -v c="$1" -v s="$SCALE" 'BEGIN { printf "%d", c * s }'; }

# ---- the job list: group (summary row), name (log file), command --------------------------
JOBLIST=$LOG/jobs.txt
: > "$JOBLIST"
add() {
    printf '%s\t%s\t%s\n' "$1" "$2" "${RTL_COV_DIR:+MMU_RTL_COV_OUT=$RTL_COV_DIR/$2.dat }$3${RUN_ARGS:+ $RUN_ARGS}${COV_DIR:+ --cov-out $COV_DIR/$2.cov}" >> "$JOBLIST"
}
[ -z "$RTL_COV_DIR" ] || mkdir -p "$RTL_COV_DIR"
COV_DIR=${COV_DIR:-$LOG/cov}
mkdir -p "$COV_DIR"
[ -x "$BUILD/mmusim" ] || { echo "regress.sh: $BUILD/mmusim is missing (run 'make cosim-bins')"; echo "0 passed, 1 failed"; exit 1; }
# Every mode of the generator but mix (the model's list: mmusim --list modes).
MODES=$("$BUILD/mmusim" --list modes | grep -vx mix | tr '\n' ' ')
[ -n "$MODES" ] || { echo "regress: $BUILD/mmusim --list modes gave nothing (make build/mmusim)" >&2; exit 2; }
# The test list (tb/regress/default.list says the format); a bad line names file and line.
list_error() { echo "regress.sh: $LIST:$1: $2" >&2; rm -rf "$LOG"; exit 2; }
declare -A NEED_BIN=()
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    line=${line%%#*}
    read -r -a f <<< "$line"
    [ ${#f[@]} -gt 0 ] || continue
    if [ "${f[0]}" = scenarios ]; then
        [ ${#f[@]} -eq 2 ] || list_error $lineno "a scenarios line is 'scenarios GLOB'"
        n=0
        for sc in ${f[1]}; do
            [ -f "$sc" ] || continue
            add "scenarios" "scn-$(basename "$sc" .scn)" "$BIN --quiet --scenario $sc"
            n=$((n + 1))
        done
        [ $n -gt 0 ] || list_error $lineno "no scenario file matches ${f[1]}"
        NEED_BIN[$BIN]=1
        continue
    fi
    [ ${#f[@]} -ge 8 ] || list_error $lineno "expected GROUP NAME BUILD SEED-OFFSET SEEDS SHORT-SEEDS CYCLES SHORT-CYCLES ARGS..., got ${#f[@]} fields"
    for k in 3 4 5 6 7; do
        [[ ${f[$k]} =~ ^[0-9]+$ ]] || list_error $lineno "field $((k + 1)) must be a decimal number, got '${f[$k]}'"
    done
    case "${f[2]}" in
    default) bin=$BIN ;;
    t[0-9]*-a[0-9]*) bin=$VBIN-${f[2]} ;;
    *) list_error $lineno "BUILD must be 'default' or tT-aA, got '${f[2]}'" ;;
    esac
    NEED_BIN[$bin]=1
    if [ "$SHORT" = 1 ]; then nseeds=${f[5]}; ncyc=$(cycles "${f[7]}"); else nseeds=${f[4]}; ncyc=$(cycles "${f[6]}"); fi
    modes=-
    [[ "$line" == *"{mode}"* ]] && modes=$MODES
    for m in $modes; do
        g=${f[0]//\{mode\}/$m}
        nm=${f[1]//\{mode\}/$m}
        args="${f[*]:8}"
        args=${args//\{mode\}/$m}
        for ((i = 0; i < nseeds; i++)); do
            sd=$((SEED_BASE + f[3] + i))
            add "$g" "$nm-s$sd" "$bin --quiet $args --seed $sd --cycles $ncyc"
        done
    done
done < "$LIST"
[ -s "$JOBLIST" ] || { echo "regress.sh: $LIST lists no runs" >&2; exit 2; }
# duplicate run names would share a log file
dup=$(cut -f2 "$JOBLIST" | sort | uniq -d | head -1)
[ -z "$dup" ] || { echo "regress.sh: $LIST: two runs are named $dup (NAME and SEED-OFFSET must keep names apart)" >&2; rm -rf "$LOG"; exit 2; }
for b in "${!NEED_BIN[@]}"; do
    if [ ! -x "$b" ]; then
        echo "regress.sh: $b is missing (run 'make cosim-bins')"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

if [ "$PRINT_JOBS" = 1 ]; then
    cut -f2- "$JOBLIST" | tr '\t' ' '
    rm -rf "$LOG"
    exit 0
fi

ln -sfn "$(basename "$LOG")" "$BUILD/regress/latest"

# ---- run on the backend ---------------------------------------------------------------------
# Every backend runs scripts/regress-job.sh, which writes LOG/<run>.{log,rc,time}; the progress
# line counts the .rc files, so LOG must be on a file system every host shares.
NJOBS=$(wc -l < "$JOBLIST")
T0=$(date +%s.%N)
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
ROOT_DIR=$(pwd)
case "$BACKEND" in
local)
    echo "regress: $NJOBS runs on $JOBS jobs (logs in $LOG/)"
    for ((n = 1; n <= NJOBS; n++)); do
        while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; progress; done
        bash scripts/regress-job.sh "$LOG" "$n" &
    done
    while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n; progress; done
    wait
    ;;
parallel)
    # GNU parallel: --jobs per host; --hosts is its --sshlogin list (":" is this machine), the
    # repository at the same path on every host
    echo "regress: $NJOBS runs with GNU parallel, $JOBS jobs per host${HOSTS:+ on $HOSTS} (logs in $LOG/)"
    seq 1 "$NJOBS" | parallel --will-cite --jobs "$JOBS" ${HOSTS:+--sshlogin "$HOSTS" --workdir "$ROOT_DIR"} \
        bash "$ROOT_DIR/scripts/regress-job.sh" "$ROOT_DIR/$LOG" {} &
    ppid=$!
    while kill -0 "$ppid" 2> /dev/null; do sleep 1; progress; done
    wait "$ppid"
    ;;
slurm)
    # one array task per shard; a task runs its shard's jobs one after another
    SHARDS=${SHARDS:-$((NJOBS < 64 ? NJOBS : 64))}
    [ "$SHARDS" -ge 1 ] || SHARDS=1
    # shellcheck disable=SC2086
    jid=$(sbatch --parsable --job-name=mmu-regress --array=0-$((SHARDS - 1)) -D "$ROOT_DIR" \
        -o "$ROOT_DIR/$LOG/slurm-%a.out" $SBATCH_ARGS \
        --wrap "bash scripts/regress-job.sh --shard \$SLURM_ARRAY_TASK_ID $SHARDS $ROOT_DIR/$LOG") || {
        echo "regress.sh: sbatch failed"; echo "0 passed, 1 failed"; exit 1; }
    jid=${jid%%;*}
    echo "$jid" > "$LOG/slurm-job-id"
    echo "regress: $NJOBS runs as SLURM array job $jid of $SHARDS tasks (logs in $LOG/)"
    while squeue -h -j "$jid" 2> /dev/null | grep -q .; do sleep 1; progress; done
    ;;
esac
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
        printf '%s\t%s\t%s\n' "$name" "$group" "$rc" >> "$LOG/failed.tsv"
    fi
done < "$JOBLIST"

# ---- triage: failures grouped by their first-mismatch signature ------------------------------
# signature = kind of failure | the first differing signal (or request field, or the scenario
# expectation) | mode (SATP, segmentation) | access and path (hit, miss, refill) of the
# translation in flight (the run's group when there is none).
# Each signature's smallest failing run (fewest cycles to the failure) comes first, with its
# report and reproduce command; the other runs of the signature are listed by name.
if [ -s "$LOG/failed.tsv" ]; then
    while IFS=$'\t' read -r name group rc; do
        awk -v name="$name" -v group="$group" -v rc="$rc" '
            /^kind:/ && kind == "" { sub(/^kind: */, ""); sub(/ \(.*/, ""); kind = $0 }
            /^cycle:/ && cyc == "" { cyc = $2 + 0 }
            /^first-divergence:/ && sig == "" {
                for (i = 2; i <= NF; i++) if ($i ~ /^(signals|field)=/) { v = $i; sub(/^[a-z]+=/, "", v); sub(/,.*/, "", v); sig = v }
                for (i = 2; i <= NF; i++) if ($i ~ /^cycle=/ && cyc == "") { v = $i; sub(/^cycle=/, "", v); cyc = v + 0 } }
            /^  mode: SATP / && mode == "" { mode = $3; sub(/,$/, "", mode); seg = $5; sub(/,$/, "", seg); if (seg != "OFF") mode = mode "+seg:" seg }
            /^  vaddr .* access / && acc == "" { for (i = 1; i <= NF; i++) if ($i == "access") acc = $(i + 1) }
            /^  paged=/ && path == "" { path = ($0 ~ /refill=1/) ? "refill" : ($0 ~ / hit=1/) ? "hit" : ($0 ~ /paged=1/) ? "miss" : "unpaged" }
            /^FAIL [^ ]+\.scn:[0-9]+:/ && sig == "" { kind = "scenario expectation"; sig = $2; sub(/:$/, "", sig) }
            /^reproduce:/ { getline; sub(/^ +/, ""); repro = $0 }
            END {
                if (kind == "") kind = "exit " rc " without a report"
                if (sig == "") sig = "-"
                if (cyc == "") cyc = 999999999
                if (mode == "") mode = group
                s = kind " | " sig " | " mode " | " (acc == "" ? "-" : acc) " " (path == "" ? "-" : path)
                printf "%s\t%d\t%s\t%s\n", s, cyc, name, repro
            }' "$LOG/$name.log"
    done < "$LOG/failed.tsv" | sort -t$'\t' -k1,1 -k2,2n > "$LOG/triage.tsv"
    nsig=$(cut -f1 "$LOG/triage.tsv" | sort -u | wc -l)
    {
        echo "triage: $fail failed runs in $nsig signatures (kind | first signal | mode | access path);"
        echo "        each signature's smallest failing run first, with its report"
        cut -f1 "$LOG/triage.tsv" | uniq -c | sort -k1,1nr -s | while read -r count sig; do
            first=$(awk -F'\t' -v s="$sig" '$1 == s' "$LOG/triage.tsv" | head -1)
            IFS=$'\t' read -r _ cyc name repro <<< "$first"
            echo
            echo "==== [$count run$([ "$count" = 1 ] || echo s)] $sig"
            echo "  smallest: $name$([ "$cyc" = 999999999 ] || echo " (fails in cycle $cyc)")"
            [ -n "$repro" ] && echo "  reproduce: $repro"
            sed -n '1,/^first-divergence:/p' "$LOG/$name.log" | head -30 | sed 's/^/  | /'
            grep -E '^mmucosim: (FAIL|PASS)|^FAIL [^ ]+\.scn:[0-9]+:' "$LOG/$name.log" | head -5 | sed 's/^/  | /'
            echo "  full log: $LOG/$name.log"
            others=$(awk -F'\t' -v s="$sig" '$1 == s { print $3 }' "$LOG/triage.tsv" | tail -n +2 | head -20 | tr '\n' ' ')
            [ -z "$others" ] || echo "  also: $others$([ "$count" -gt 21 ] && echo "... ($((count - 21)) more in $LOG/triage.tsv)")"
        done
        echo
    } > "$LOG/triage.txt"
    cat "$LOG/triage.txt"
fi

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
        python3 scripts/coverage.py report "$COV_DIR/merged.cov" --out "$COV_DIR/report" --triage "$LOG/triage.tsv" > "$LOG/fcov.txt"
    FCOV_RC=$?
    head -1 "$LOG/fcov.txt"
    sed -n '/^ERROR/,$p' "$LOG/fcov.txt"
    holes=$(wc -l < "$COV_DIR/report/holes.txt" 2>/dev/null || echo 0)
    if [ "$holes" -gt 0 ]; then
        echo "functional coverage holes (first 10 of $holes; all: $COV_DIR/report/holes.txt):"
        head -10 "$COV_DIR/report/holes.txt" | sed 's/^/  /; s/\t/  /'
        [ "$SEED_BASE" != 1 ] || [ "$LIST" != tb/regress/default.list ] || FCOV_RC=1
    fi
    [ "$SHORT" = 1 ] || echo "(report: $COV_DIR/report/index.html)"
else
    echo "functional coverage: no run wrote a coverage file" && FCOV_RC=1
fi
if [ "$FCOV_RC" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi

# ---- JUnit XML ------------------------------------------------------------------------------
# coverage_case NAME RC MESSAGE LOGFILE: one regress.coverage test case, failed unless RC is 0.
coverage_case() {
    printf '    <testcase classname="regress.coverage" name="%s" time="0">\n' "$1"
    [ "$2" = 0 ] || printf '      <failure type="coverage" message="%s"/>\n' "$(xml_escape <<< "$3")"
    printf '      <system-out>'
    xml_escape < "$4" 2> /dev/null
    printf '</system-out>\n    </testcase>\n'
}
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
        coverage_case fault-reasons-reached "$cov_rc" "$(grep -m1 '^coverage: FAILED' "$LOG/coverage.txt")" \
            "$LOG/coverage.txt"
        coverage_case functional-coverage-closed "$FCOV_RC" \
            "$(head -1 "$LOG/fcov.txt" 2>/dev/null || echo "functional coverage: no run wrote a coverage file")" \
            "$LOG/fcov.txt"
        printf '  </testsuite>\n</testsuites>\n'
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

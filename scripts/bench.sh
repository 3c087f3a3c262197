#!/usr/bin/env bash
# `make bench`: every speed figure of the kit in one run, so that the ratios compare figures taken
# on the same machine at the same time. Each figure is repeated BENCH_REPS times (default 3) and
# reported as min / median / max of its rate per CPU second (this process's user + system time)
# with the median per wall second beside it. Prints a table and writes build/bench.json.
#   rtl_ceiling    build/mmubench-rtl: the Verilated mmu_top alone, minimal driver, no trace/asserts
#   rtl_harness    build/mmucosim-bench --bench: the RTL under the harness's generator and memory
#   model_harness  the C model under the same harness
#   lockstep       RTL and model, every output compared every cycle
#   model_step     build/mmubench-model: the model's cycle face under the minimal driver
#   model_hits     the model's untimed face on TLB hits
#   regress_jN     scripts/regress.sh --short with N parallel jobs: runs per wall second (and the
#                  CPU seconds they took)
# BENCH_CYCLES (default 1000000) sets the harness runs' length; the other figures scale from it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
BUILD=${BUILD:-build}
REPS=${BENCH_REPS:-3}
CYCLES=${BENCH_CYCLES:-1000000}
OUT=$BUILD/bench.json
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
for b in mmubench-rtl mmubench-model mmucosim-bench mmucosim mmusim; do
    [ -x "$BUILD/$b" ] || { echo "bench: $BUILD/$b missing (make bench-bins)" >&2; exit 1; }
done
case "$REPS" in '' | *[!0-9]*) echo "bench: BENCH_REPS must be a number" >&2; exit 2 ;; esac

LINES=$(mktemp)
trap 'rm -f "$LINES"' EXIT
run() {  # run CMD...: its output on stdout, its BENCH lines collected; fail loudly
    local log rc=0
    log=$(mktemp)
    "$@" > "$log" 2>&1 || rc=$?
    grep -v '^BENCH ' "$log" | grep -v '^CHECKSUM ' || true
    grep '^BENCH ' "$log" | sed 's/^BENCH //' >> "$LINES" || true
    grep '^CHECKSUM ' "$log" >> "$LINES.checksums" || true
    rm -f "$log"
    if [ "$rc" != 0 ]; then echo "bench: '$*' failed (exit $rc)" >&2; exit 1; fi
}

echo "bench: $REPS repetitions of each figure; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%M:%SZ)"
rm -f "$LINES.checksums"
run "$BUILD/mmubench-rtl" --reps "$REPS" --cycles $((CYCLES * 2))
run "$BUILD/mmubench-model" --reps "$REPS" --cycles $((CYCLES * 10)) --translations $((CYCLES * 30)) \
    --checksum-cycles $((CYCLES * 2))
run "$BUILD/mmucosim-bench" --bench --reps "$REPS" --cycles "$CYCLES" --seed 1 --mode mix
# the minimal driver's answers must be the same from RTL and model (a check on the benchmark)
if [ "$(awk '{print $NF}' "$LINES.checksums" | sort -u | wc -l)" != 1 ]; then
    echo "bench: the RTL and the model answered the minimal driver differently:" >&2
    cat "$LINES.checksums" >&2
    exit 1
fi
rm -f "$LINES.checksums"

# the regression's throughput: scripts/regress.sh --short, 1 and 2 jobs
for jobs in 1 2; do
    runs=""
    samples=""
    for _ in $(seq "$REPS"); do
        t0=$(date +%s.%N)
        cpu0=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)  # this shell's children
        out=$(bash scripts/regress.sh --short --jobs "$jobs")
        cpu1=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$$/stat)
        t1=$(date +%s.%N)
        runs=$(sed -n 's/^regress: \([0-9]*\) passed, 0 failed$/\1/p' <<<"$out")
        [ -n "$runs" ] || { echo "$out" | tail -5; echo "bench: the regression failed" >&2; exit 1; }
        samples="$samples $t0 $t1 $cpu0 $cpu1"
    done
    "$PY" - "$jobs" "$runs" "$(getconf CLK_TCK)" $samples >> "$LINES" <<'EOF'
import json, statistics, sys
jobs, runs, tck = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
v = [float(x) for x in sys.argv[4:]]
wall = [runs / (v[i + 1] - v[i]) for i in range(0, len(v), 4)]
cpu = [(v[i + 3] - v[i + 2]) / tck for i in range(0, len(v), 4)]
cpu_rate = [runs / c if c > 0 else 0 for c in cpu]
def spread(x):
    return {"min": min(x), "median": statistics.median(x), "max": max(x)}
print(json.dumps({"name": "regress_j%d" % jobs, "unit": "runs/s", "reps": len(wall), "work": runs,
                  "cpu": spread(cpu_rate), "wall": spread(wall), "cpu_seconds": spread(cpu),
                  "note": "scripts/regress.sh --short --jobs %d (%d runs)" % (jobs, runs)}))
EOF
done

"$PY" - "$LINES" "$OUT" <<'EOF'
import json, platform, sys, time
figs = {}
for line in open(sys.argv[1]):
    f = json.loads(line)
    figs[f["name"]] = f
def med(name, kind="cpu"):
    return figs[name][kind]["median"]
ratios = {
    "rtl_harness / rtl_ceiling": med("rtl_harness") / med("rtl_ceiling"),
    "lockstep / rtl_harness": med("lockstep") / med("rtl_harness"),
    "model_step / rtl_ceiling": med("model_step") / med("rtl_ceiling"),
    "regress 2 jobs / 1 job (wall)": med("regress_j2", "wall") / med("regress_j1", "wall"),
}
goals = {"rtl_ceiling": 2e6, "model_step": 30e6, "model_hits": 100e6}
ratio_goals = {"rtl_harness / rtl_ceiling": 0.8, "lockstep / rtl_harness": 0.9}
print()
print("%-14s %14s %14s %14s %14s  %s" % ("figure", "CPU min", "CPU median", "CPU max", "wall median", "unit"))
for name, f in figs.items():
    goal = goals.get(name)
    mark = "" if goal is None else ("  goal %.0f M: %s" % (goal / 1e6, "met" if f["cpu"]["median"] >= goal else "not met"))
    print("%-14s %14.0f %14.0f %14.0f %14.0f  %s%s" % (name, f["cpu"]["min"], f["cpu"]["median"], f["cpu"]["max"],
                                                       f["wall"]["median"], f["unit"], mark))
print()
for name, r in ratios.items():
    goal = ratio_goals.get(name)
    mark = "" if goal is None else ("  goal >= %.1f: %s" % (goal, "met" if r >= goal else "not met"))
    print("%-32s %6.3f%s" % (name, r, mark))
json.dump({"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "host": platform.node(),
           "figures": figs, "ratios": ratios}, open(sys.argv[2], "w"), indent=1)
print("\nbench: figures in %s" % sys.argv[2])
EOF

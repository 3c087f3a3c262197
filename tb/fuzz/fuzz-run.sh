#!/usr/bin/env bash
# make fuzz: runs each libFuzzer target for SECONDS seconds and prints the executions run.
#
#   tb/fuzz/fuzz-run.sh SECONDS [TARGET...]      TARGET: scenario, model (default both)
#
# The targets are build/fuzz/fuzz_TARGET (tb/fuzz/fuzz.mk). Each run starts from the seeds in
# tb/fuzz/corpus/TARGET/ plus what earlier runs found, kept in build/fuzz/corpus/TARGET/ (new
# inputs go there, never into the repository). A crash, leak, hang (10 s per input) or, for the
# model target, a difference between the faces stops the run with the input written to
# build/fuzz/artifacts/; reproduce it with `build/fuzz/fuzz_TARGET FILE` (the model target prints
# every answer with FUZZ_MODEL_TRACE=1). Exit status 1 if a target failed.
# Environment: BUILD (default build), FUZZ_FLAGS (more libFuzzer flags, e.g. -jobs=2).
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
BUILD=${BUILD:-build}
[ $# -ge 1 ] || { echo "usage: fuzz-run.sh SECONDS [TARGET...]" >&2; exit 2; }
secs=$1
shift
[[ $secs =~ ^[0-9]+$ ]] && [ "$secs" -gt 0 ] || { echo "fuzz-run.sh: SECONDS must be a positive number, not '$secs'" >&2; exit 2; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario model)

status=0
for t in "${targets[@]}"; do
    bin=$BUILD/fuzz/fuzz_$t
    seeds=tb/fuzz/corpus/$t
    [ -x "$bin" ] && [ -d "$seeds" ] || { echo "fuzz-run.sh: unknown target '$t' (no $bin or $seeds)" >&2; exit 2; }
    work=$BUILD/fuzz/corpus/$t
    art=$BUILD/fuzz/artifacts
    mkdir -p "$work" "$art"
    log=$BUILD/fuzz/$t.log
    extra=()
    [ "$t" = scenario ] && extra+=(-dict=tb/fuzz/scenario.dict)
    [ "$t" = model ] && extra+=(-max_len=4096)
    echo "fuzz: $t: $secs s from $(ls "$seeds" | wc -l) seeds and $(ls "$work" | wc -l) inputs of earlier runs (log $log)"
    # shellcheck disable=SC2086
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$art/$t-" "${extra[@]}" ${FUZZ_FLAGS:-} "$work" "$seeds" > "$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    if [ "$rc" -eq 0 ]; then
        echo "fuzz: $t: ${runs:-?} executions in $secs s (${rate:-?}/s), ${cov:-no coverage line}, corpus $(ls "$work" | wc -l) inputs, nothing found"
    else
        status=1
        echo "fuzz: $t: FAILED after ${runs:-?} executions (exit $rc); the end of $log:"
        grep -E '^(fuzz_[a-z]+:|==[0-9]+==ERROR|SUMMARY|artifact_prefix|    #[0-9] )' "$log" | head -20
        art_file=$(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$log" | tail -1)
        [ -n "$art_file" ] && echo "fuzz: reproduce with: $bin $art_file"
    fi
done
exit "$status"

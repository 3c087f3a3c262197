#!/usr/bin/env bash
# The fuzzing part of `make test` (docs/verification.md, "Fuzzing"): for each libFuzzer target of
# tb/fuzz/fuzz.mk (build/fuzz/fuzz_scenario, build/fuzz/fuzz_model)
#   - every seed of tb/fuzz/corpus/TARGET/ once (they include the inputs of past findings);
#   - a short deterministic run: -seed=1 and a fixed number of executions (FUZZ_TEST_RUNS_SCENARIO,
#     default 20000; FUZZ_TEST_RUNS_MODEL, default 8000), new inputs kept in a scratch folder;
# and that the model target's checker is not vacuous: with FUZZ_MODEL_INJECT=1 (the untimed face
# reads every PTE with R cleared) the sv39_walk seed must stop with a difference between the faces;
# and that the SPEC 9.14 exclusion is needed (FUZZ_MODEL_OVERLAP_TLBWR=1: soft_full_tlbwr differs).
# Ends with "fuzz: N passed, M failed". `make fuzz FUZZ_SECONDS=N` is the long run.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
BUILD=${BUILD:-build}
. scripts/testlib.sh
require_bins fuzz "fuzz-build" "$BUILD/fuzz/fuzz_scenario" "$BUILD/fuzz/fuzz_model"

# runs_of LOG: the executions libFuzzer reports
runs_of() { sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -1; }

for t in scenario model; do
    bin=$BUILD/fuzz/fuzz_$t
    seeds=tb/fuzz/corpus/$t
    n=$(find "$seeds" -type f | wc -l)
    log=$TMP/$t-replay.log
    if find "$seeds" -type f -print0 | sort -z | xargs -0 "$bin" -timeout=10 > "$log" 2>&1; then
        ok "fuzz_$t: $n seeds of $seeds replayed"
    else
        BAD_SHOWS_TAIL=1 bad "fuzz_$t: a seed of $seeds fails" "$log"
    fi

    if [ $t = scenario ]; then runs=${FUZZ_TEST_RUNS_SCENARIO:-20000}; extra=(-dict=tb/fuzz/scenario.dict)
    else runs=${FUZZ_TEST_RUNS_MODEL:-8000}; extra=(-max_len=4096); fi
    mkdir -p "$TMP/$t-new" "$TMP/art"
    log=$TMP/$t-run.log
    if "$bin" -seed=1 -runs="$runs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$TMP/art/" "${extra[@]}" "$TMP/$t-new" "$seeds" > "$log" 2>&1; then
        ok "fuzz_$t: $(runs_of "$log") executions from -seed=1, nothing found"
    else
        mkdir -p "$BUILD/fuzz/test-artifacts" && cp "$TMP"/art/* "$BUILD/fuzz/test-artifacts/" 2>/dev/null
        echo "(inputs that failed: $BUILD/fuzz/test-artifacts/)" >> "$log"
        BAD_SHOWS_TAIL=1 bad "fuzz_$t: the short run found a failure" "$log"
    fi
done

log=$TMP/inject.log
FUZZ_MODEL_INJECT=1 "$BUILD/fuzz/fuzz_model" tb/fuzz/corpus/model/sv39_walk > "$log" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q '^fuzz_model: op [0-9]*, va 0x[0-9a-f]*: the faces answer differently' "$log"; then
    ok "fuzz_model: an injected difference (R cleared on the untimed face) is reported"
else
    bad "fuzz_model: an injected difference was not reported (exit $rc)" "$log"
fi
# SPEC 9.14: a TLBWR accepted in a hit's answer cycle picks its entry from the policy state before
# the hit's touch, so the faces must differ if the harness lets it overlap (the one exclusion of
# that kind that a seed can show: tb/fuzz/corpus/model/soft_full_tlbwr)
log=$TMP/tlbwr.log
FUZZ_MODEL_OVERLAP_TLBWR=1 "$BUILD/fuzz/fuzz_model" tb/fuzz/corpus/model/soft_full_tlbwr > "$log" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q '^fuzz_model: op [0-9]* (register write): TLB entry 0 differs' "$log"; then
    ok "fuzz_model: a TLBWR in a hit's answer cycle differs from the sequence (SPEC 9.14), so it is excluded"
else
    bad "fuzz_model: a TLBWR overlapping a hit's answer did not differ (exit $rc)" "$log"
fi
finish fuzz

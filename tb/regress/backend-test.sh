#!/usr/bin/env bash
# The regression runner's backends (scripts/regress.sh --backend local|parallel|slurm) on one
# small test list, for real: GNU parallel on this machine, and SLURM on a one-node cluster that
# this test starts on 127.0.0.1 (scripts/slurm-local.sh) and stops afterwards. Each backend's
# merged result must equal the local one's for the same seeds: the same runs with the same exit
# statuses and STAT lines, the same merged functional coverage, the same JUnit test cases and the
# same triage signatures when the RTL has a defect. Prints the SLURM overhead it measured.
# Ends with "backend-test: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
. scripts/testlib.sh
BUILD=${BUILD:-build}
require_bins backend-test "cosim-bins" "$BUILD/mmucosim" "$BUILD/mmucosim-t4-a4" "$BUILD/mmucosim-bug-dirty" "$BUILD/mmusim"

# a small list: every mode once, two mixes, a variant, a few scenarios (24 runs)
LIST=$TMP/small.list
cat > "$LIST" <<'EOF'
{mode}     {mode}     default  0     1  1  20000  20000  --mode {mode}
mix        mix        default  1000  2  2  20000  20000  --mode mix
mix@t4-a4  t4a4-mix   t4-a4    2000  1  1  20000  20000  --mode mix
scenarios tb/scenarios/sv*.scn
EOF
# --seed-base 2: coverage holes of this small list are reported, not failures
ARGS=(--list "$LIST" --seed-base 2 --jobs 2)

# run NAME ARGS...: one regression; LOG_<NAME> is its log folder, RC_<NAME> its exit status
run() {
    local name=$1 t0 t1
    shift
    t0=$(date +%s.%N)
    bash scripts/regress.sh "${ARGS[@]}" "$@" > "$TMP/$name.out" 2>&1
    printf -v "RC_$name" '%s' $?
    t1=$(date +%s.%N)
    # this run's own folder (build/regress/latest may already be another regression's)
    printf -v "LOG_$name" '%s' "$(sed -n 's/.*(logs in \(.*\)\/)$/\1/p' "$TMP/$name.out" | head -1)"
    printf -v "WALL_$name" '%s' "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
}
# digest LOG: what must not depend on the backend (no timings)
digest() {
    local log=$1 name
    while IFS=$'\t' read -r _ name _; do
        printf '%s rc=%s %s\n' "$name" "$(cat "$log/$name.rc" 2>/dev/null || echo missing)" \
            "$(grep -m1 '^STAT ' "$log/$name.log" 2>/dev/null | sed 's/ secs=[^ ]*//')"
    done < "$log/jobs.txt" | sort
    sed -n 's/.*<testcase classname="\([^"]*\)" name="\([^"]*\)".*/case \1 \2/p' "$log/junit.xml" | sort
    grep -c '<failure' "$log/junit.xml" | sed 's/^/failures /'
    [ -f "$log/triage.tsv" ] && cut -f1,3 "$log/triage.tsv" | sort | sed 's/^/triage /'
    cat "$log/cov/merged.cov" 2>/dev/null
}
same() {  # same NAME A B: the two runs' digests are equal
    digest "$2" > "$TMP/a.txt"
    digest "$3" > "$TMP/b.txt"
    if cmp -s "$TMP/a.txt" "$TMP/b.txt" && [ "$(grep -c ' rc=' "$TMP/a.txt")" -ge 15 ]; then
        ok "$1 ($(grep -c ' rc=' "$TMP/a.txt") runs, $(grep -vc '^#' "$2/cov/merged.cov") coverage bins compared)"
    else
        diff "$TMP/a.txt" "$TMP/b.txt" | head -20 > "$TMP/why"
        bad "$1" "$TMP/why"
    fi
}

# ---- a bad test list: exit 2 naming the file and line -------------------------------------
printf 'mix mix default 1000 two 2 20000 20000 --mode mix\n' > "$TMP/bad1.list"
printf '# ok\nmix mix t16 0 1 1 100 100 --mode mix\n' > "$TMP/bad2.list"
printf 'scenarios tb/none/*.scn\n' > "$TMP/bad3.list"
printf 'a x default 0 1 1 100 100 --mode mix\nb x default 0 1 1 100 100 --mode sv39\n' > "$TMP/bad4.list"
for c in "bad1.list:1: field 5 must be a decimal number, got 'two'" \
         "bad2.list:2: BUILD must be 'default' or tT-aA, got 't16'" \
         "bad3.list:1: no scenario file matches tb/none/*.scn" \
         "bad4.list: two runs are named x-s1"; do
    f=${c%%:*}
    bash scripts/regress.sh --list "$TMP/$f" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    if [ "$rc" = 2 ] && grep -qF -- "$TMP/$c" "$TMP/err"; then ok "bad list $f: exit 2, '${c#*: }'"; else
        { echo "exit $rc, expected 2 with: $TMP/$c"; cat "$TMP/err"; } > "$TMP/why"; bad "bad list $f" "$TMP/why"; fi
done

# ---- local: the reference ---------------------------------------------------------------
run local
[ "$RC_local" = 0 ] && ok "local backend: passes" || bad "local backend (exit $RC_local)" "$TMP/local.out"
run local_bug --bin "$BUILD/mmucosim-bug-dirty"
if [ "$RC_local_bug" = 1 ] && grep -q '^triage: [0-9]* failed runs in [0-9]* signatures' "$TMP/local_bug.out"; then
    ok "local backend, dirty defect: fails with a triage"
else
    bad "local backend with the dirty defect (exit $RC_local_bug)" "$TMP/local_bug.out"
fi

# ---- GNU parallel on this machine -------------------------------------------------------
if command -v parallel > /dev/null; then
    run par --backend parallel
    [ "$RC_par" = 0 ] && ok "parallel backend: passes" || bad "parallel backend (exit $RC_par)" "$TMP/par.out"
    same "parallel backend: same result as local" "$LOG_local" "$LOG_par"
else
    bad "GNU parallel is missing (make test installs it as root: scripts/install-deps.sh)"
fi

# ---- SLURM on a one-node loopback cluster -----------------------------------------------
CL=$TMP/cluster
t0=$(date +%s.%N)
if bash scripts/slurm-local.sh start "$CL" > "$TMP/start.out" 2>&1; then
    UP=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    ok "one-node SLURM cluster up in $UP s"
    export SLURM_CONF=$CL/slurm.conf
    run slurm --backend slurm --shards 8
    [ "$RC_slurm" = 0 ] && ok "slurm backend: passes (array job $(cat "$LOG_slurm/slurm-job-id" 2>/dev/null))" ||
        bad "slurm backend (exit $RC_slurm)" "$TMP/slurm.out"
    same "slurm backend: same result as local" "$LOG_local" "$LOG_slurm"
    run slurm_bug --backend slurm --shards 8 --bin "$BUILD/mmucosim-bug-dirty"
    [ "$RC_slurm_bug" = 1 ] && ok "slurm backend, dirty defect: fails" || bad "slurm backend with the defect (exit $RC_slurm_bug)" "$TMP/slurm_bug.out"
    same "slurm backend, dirty defect: same failures and triage as local" "$LOG_local_bug" "$LOG_slurm_bug"
    t0=$(date +%s.%N)
    if bash scripts/slurm-local.sh stop "$CL" > "$TMP/stop.out" 2>&1; then
        DOWN=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
        ok "cluster stopped in $DOWN s, no daemon left"
    else
        bad "cluster stop" "$TMP/stop.out"
    fi
    echo "backend-test: measured: local $WALL_local s, parallel ${WALL_par:-?} s, slurm $WALL_slurm s wall for the same $(wc -l < "$LOG_local/jobs.txt") runs (slurm overhead $(awk -v a="$WALL_slurm" -v b="$WALL_local" 'BEGIN { printf "%+.1f", a - b }') s); cluster up $UP s, down $DOWN s"
else
    bad "one-node SLURM cluster did not start" "$TMP/start.out"
    bash scripts/slurm-local.sh stop "$CL" > /dev/null 2>&1
fi

echo "backend-test: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

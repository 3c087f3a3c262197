# Shared by the shell test suites (sourced, not run): counters, a scratch folder, PASS/FAIL lines,
# the "NAME: N passed, M failed" summary that scripts/run-tests.sh adds up, and the checks that a
# lockstep harness stopped the way a seeded defect must (exit 1, an output mismatch naming the
# expected signals, a reproduce command).
pass=0
fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { pass=$((pass + 1)); echo "PASS  $1"; }
# bad MESSAGE [LOG]: a failed check; the head of LOG, if given, shows why (its tail with
# BAD_SHOWS_TAIL=1: build logs end with the error).
bad() {
    fail=$((fail + 1))
    echo "FAIL  $1"
    [ -n "${2:-}" ] && [ -f "$2" ] || return 0
    if [ "${BAD_SHOWS_TAIL:-0}" = 1 ]; then tail -n 40 "$2"; else sed -n '1,60p' "$2"; fi
}

# require_bins SUITE MAKE-TARGET BINARY...: stop the suite as one failure if a binary is missing.
require_bins() {
    local suite=$1 target=$2
    shift 2
    for b in "$@"; do
        if [ ! -x "$b" ]; then
            echo "$suite: $b missing (make $target)"
            echo "$suite: 0 passed, 1 failed"
            exit 1
        fi
    done
}

# check_stop NAME LOG RC REPRO-PREFIX SIGNAL...: the run logged in LOG exited with RC; it must be
# 1, the report an output mismatch whose first-divergence line names every SIGNAL, with a
# reproduce line starting with REPRO-PREFIX.
check_stop() {
    local name=$1 log=$2 rc=$3 repro=$4
    shift 4
    if [ "$rc" != 1 ]; then bad "$name: exit status $rc, expected 1" "$log"; return; fi
    if ! grep -q '^kind:   output mismatch' "$log"; then bad "$name: no output mismatch reported" "$log"; return; fi
    local line sig
    line=$(grep '^first-divergence:' "$log")
    for sig in "$@"; do
        if ! grep -Eq "signals=([a-z_,]*,)?$sig(,|\$)" <<<"$line"; then
            bad "$name: first divergence does not name $sig ($line)" "$log"
            return
        fi
    done
    if ! grep -qF "  $repro" "$log"; then bad "$name: no reproduce line '$repro...'" "$log"; return; fi
    ok "$name: stopped at ${line#first-divergence: }"
}

# check_assertion_stop BINARY: an illegal req_priv injected with --inject-illegal must stop the
# run with exit 1, a report of the RTL assertion in mmu_top.sv, and the model's assertion too.
check_assertion_stop() {
    local bin=$1 log=$TMP/assert.log rc
    "$bin" --inject-illegal 400 --cycles 1000 > "$log" 2>&1
    rc=$?
    if [ "$rc" = 1 ] && grep -q '^kind:   RTL assertion failed at .*mmu_top.sv' "$log" &&
        grep -q "C model's assertion fired too" "$log"; then
        ok "assertion: illegal req_priv reported by RTL and model"
    else
        bad "assertion: exit $rc" "$log"
    fi
}

# check_bad_args BINARY ARGS: BINARY ARGS (word-split) must exit 2 with a message.
check_bad_args() {
    local bin=$1 args=$2 rc
    # shellcheck disable=SC2086
    "$bin" $args > "$TMP/args.log" 2>&1
    rc=$?
    if [ "$rc" = 2 ] && [ -s "$TMP/args.log" ]; then
        ok "bad arguments '$args' -> exit 2"
    else
        bad "bad arguments '$args' -> exit $rc" "$TMP/args.log"
    fi
}

# finish SUITE: the summary line; the suite's exit status.
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" = 0 ]
}

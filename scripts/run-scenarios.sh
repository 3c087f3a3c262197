#!/usr/bin/env bash
# Scenario regression: every tb/scenarios/*.scn must pass under build/mmusim (exit 0); every
# tb/bad_scenarios/* must be refused the way its first-line header says:
#   # expect-error: LINE: FRAGMENT   exit 2 and "FILE:LINE: ...FRAGMENT..." on stderr
#   # expect-fail: LINE: FRAGMENT    exit 1 and "FILE:LINE: ...FRAGMENT..." on stdout
# plus a few command-line errors. Prints "N passed, M failed"; exit 1 if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
SIM=${MMUSIM:-build/mmusim}
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; }

if [ ! -x "$SIM" ]; then
    echo "$SIM not built (make build/mmusim)"
    echo "0 passed, 1 failed"
    exit 1
fi

for f in tb/scenarios/*.scn; do
    out=$("$SIM" "$f" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ]; then
        ok "$f"
    else
        mapfile -t lines < <(grep -E '^FAIL |error|assert|^[^ ]+:[0-9]+: ' <<<"$out" | head -20)
        ko "$f (exit $rc)" "${lines[@]}"
    fi
done

for f in tb/bad_scenarios/*; do
    hdr=$(head -1 "$f")
    if [[ $hdr =~ ^#\ expect-(error|fail):\ ([0-9]+):\ (.*)$ ]]; then
        kind=${BASH_REMATCH[1]}
        want="$f:${BASH_REMATCH[2]}: "
        frag=${BASH_REMATCH[3]}
    else
        ko "$f" "first line must be '# expect-error: LINE: FRAGMENT' or '# expect-fail: LINE: FRAGMENT'"
        continue
    fi
    errf=$(mktemp)
    out=$("$SIM" "$f" 2>"$errf")
    rc=$?
    err=$(cat "$errf")
    rm -f "$errf"
    if [ "$kind" = error ]; then
        exp_rc=2
        text=$err
    else
        exp_rc=1
        text=$out
    fi
    if [ "$rc" -ne "$exp_rc" ]; then
        ko "$f" "exit $rc, expected $exp_rc" "${err:-$out}"
    elif ! grep -qF -- "$want" <<<"$text" || ! grep -F -- "$want" <<<"$text" | grep -qF -- "$frag"; then
        ko "$f" "expected a message '$want...$frag', got:" "$text"
    else
        ok "$f (exit $rc: $(grep -F -- "$want" <<<"$text" | head -1))"
    fi
done

# Command-line errors: exit 2 with a message, never a crash.
check_cli() {
    local name=$1 frag=$2
    shift 2
    local err rc
    err=$("$SIM" "$@" 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" -eq 2 ] && grep -qF -- "$frag" <<<"$err"; then
        ok "cli: $name"
    else
        ko "cli: $name" "exit $rc, expected 2 with '$frag'" "$err"
    fi
}
check_cli "missing file" "tb/scenarios/no-such-file.scn:0: cannot open file" tb/scenarios/no-such-file.scn
check_cli "unknown option" "unknown option" --frobnicate
check_cli "bad --tlb" "bad value" --tlb 12 tb/scenarios/bare_and_m_bypass.scn
check_cli "no files" "usage"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/usr/bin/env bash
# Scenario regression: every tb/scenarios/*.scn must pass under build/mmusim (exit 0); every
# tb/bad_scenarios/* must be refused the way its first-line header says:
#   # expect-error: LINE: FRAGMENT   exit 2 and "FILE:LINE: ...FRAGMENT..." on stderr
#   # expect-fail: LINE: FRAGMENT    exit 1 and "FILE:LINE: ...FRAGMENT..." on stdout
#   # expect-error: LINE:COL: FRAGMENT   the same with the column of the token to blame
# (FRAGMENT may hold \xNN escapes, matched literally: a message shows a bad byte that way)
# plus a few command-line errors. Prints "N passed, M failed"; exit 1 if anything failed.
# JUnit XML (one <testcase> per check, the command in <system-out>, failures as <failure>):
# build/scenarios/junit.xml, or the file given with --junit FILE.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
. scripts/junit.sh
SIM=${MMUSIM:-build/mmusim}
JUNIT_OUT=${BUILD:-build}/scenarios/junit.xml
while [ $# -gt 0 ]; do
    case "$1" in
    --junit) JUNIT_OUT=$2; shift ;;
    *) echo "run-scenarios.sh: unknown option '$1' (--junit FILE)" >&2; exit 2 ;;
    esac
    shift
done
pass=0
fail=0
JCASES=$(mktemp)
trap 'rm -f "$JCASES"' EXIT
T_MARK=$(date +%s.%N)
T_START=$T_MARK
CUR_CMD=
# junit_case NAME [FAILURE-LINES...]: one <testcase>; its time is the time since the last result.
junit_case() {
    local name=$1 now t cls
    shift
    now=$(date +%s.%N)
    t=$(junit_secs "$T_MARK" "$now")
    T_MARK=$now
    case "$name" in tb/bad_scenarios/*) cls=bad_scenarios ;; cli:*) cls=cli ;; *) cls=scenarios ;; esac
    {
        printf '    <testcase classname="run-scenarios.%s" name="%s" time="%s">\n' "$cls" \
            "$(xml_escape <<<"${name%% (*}")" "$t"
        if [ $# -gt 0 ]; then
            printf '      <failure message="%s">' "$(xml_escape <<<"${name}: ${1}")"
            printf '%s\n' "$@" | xml_escape
            printf '</failure>\n'
        fi
        printf '      <system-out>%s\n%s\n</system-out>\n    </testcase>\n' \
            "$(xml_escape <<<"$name")" "$(xml_escape <<<"${CUR_CMD:+reproduce (from the repository root): $CUR_CMD}")"
    } >> "$JCASES"
}
ok() { pass=$((pass + 1)); echo "PASS $1"; junit_case "$1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; local n=$1; shift; for l in "$@"; do echo "    $l"; done; junit_case "$n" "${@:-$n}"; }
write_junit() {
    local total t
    total=$((pass + fail))
    t=$(junit_secs "$T_START")
    mkdir -p "$(dirname "$JUNIT_OUT")"
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        printf '<testsuites name="run-scenarios" tests="%d" failures="%d" errors="0" time="%s">\n' "$total" "$fail" "$t"
        printf '  <testsuite name="run-scenarios" tests="%d" failures="%d" errors="0" skipped="0" time="%s" timestamp="%s">\n' \
            "$total" "$fail" "$t" "$(date -u +%Y-%m-%dT%H:%M:%S)"
        cat "$JCASES"
        printf '  </testsuite>\n</testsuites>\n'
    } > "$JUNIT_OUT.tmp.$$" && mv -f "$JUNIT_OUT.tmp.$$" "$JUNIT_OUT"
}

if [ ! -x "$SIM" ]; then
    echo "$SIM not built (make build/mmusim)"
    fail=1
    junit_case "$SIM" "$SIM not built (make build/mmusim)"
    write_junit
    echo "0 passed, 1 failed"
    exit 1
fi

for f in tb/scenarios/*.scn; do
    CUR_CMD="$SIM $f"
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
    CUR_CMD="$SIM $f"
    hdr=$(head -1 "$f")
    if [[ $hdr =~ ^#\ expect-(error|fail):\ ([0-9]+(:[0-9]+)?):\ (.*)$ ]]; then
        kind=${BASH_REMATCH[1]}
        want="$f:${BASH_REMATCH[2]}: "
        frag=${BASH_REMATCH[4]}
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
    CUR_CMD="$SIM $*"
    err=$("$SIM" "$@" 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" -eq 2 ] && grep -qF -- "$frag" <<<"$err"; then
        ok "cli: $name"
    else
        ko "cli: $name" "exit $rc, expected 2 with '$frag'" "$err"
    fi
}
check_cli "missing file" "tb/scenarios/no-such-file.scn: cannot open file: No such file" tb/scenarios/no-such-file.scn
check_cli "unknown option" "unknown option" --frobnicate
check_cli "bad --tlb" "bad value" --tlb 12 tb/scenarios/bare_and_m_bypass.scn
check_cli "no files" "usage"

write_junit
echo "run-scenarios: JUnit XML in $JUNIT_OUT"
echo "run-scenarios: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

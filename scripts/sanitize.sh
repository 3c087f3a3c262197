#!/usr/bin/env bash
# `make sanitize` (tb/regress/regress.mk; also part of make test): runs what build/san holds, the
# kit built with -fsanitize=address,undefined: every scenario and bad scenario under the model
# (scripts/run-scenarios.sh), the GoogleTest unit tests, and the lockstep over
# tb/regress/sanitize.list. Any sanitizer report aborts its process (halt_on_error,
# -fno-sanitize-recover), so it shows as a failed test. Ends with "sanitize: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
. scripts/testlib.sh
SAN=${BUILD:-build}/san
require_bins sanitize "sanitize-build" "$SAN/mmusim" "$SAN/unit_tests" "$SAN/mmucosim"
# the binaries really are instrumented (a plain build here would pass everything silently)
for b in "$SAN/mmusim" "$SAN/unit_tests" "$SAN/mmucosim"; do
    nm "$b" > "$TMP/nm" 2> /dev/null
    if grep -q '__asan_report_load' "$TMP/nm" && grep -q '__ubsan_handle' "$TMP/nm"; then
        ok "$b is built with ASan and UBSan"
    else
        bad "$b has no ASan/UBSan instrumentation (rebuild: make sanitize-build)"
    fi
done
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

MMUSIM=$SAN/mmusim BUILD=$SAN bash scripts/run-scenarios.sh > "$TMP/scn.log" 2>&1
line=$(grep -E '^([a-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$TMP/scn.log" | tail -1)
if grep -q ' 0 failed' <<< "$line" && ! grep -q 'Sanitizer' "$TMP/scn.log"; then
    ok "scenarios and bad scenarios under ASan/UBSan ($line)"
else
    bad "scenarios under ASan/UBSan ($line)" "$TMP/scn.log"
fi
"$SAN/unit_tests" > "$TMP/unit.log" 2>&1
if [ $? = 0 ] && ! grep -q 'Sanitizer' "$TMP/unit.log"; then
    ok "unit tests under ASan/UBSan ($(grep -m1 '^\[  PASSED  \]' "$TMP/unit.log"))"
else
    bad "unit tests under ASan/UBSan" "$TMP/unit.log"
fi
BUILD=$SAN bash scripts/regress.sh --short --list tb/regress/sanitize.list --seed-base 1 > "$TMP/reg.log" 2>&1
rc=$?
line=$(grep -E '^regress: [0-9]+ passed' "$TMP/reg.log" | tail -1)
if [ "$rc" = 0 ] && ! grep -rq 'Sanitizer' "$TMP/reg.log"; then
    ok "lockstep under ASan/UBSan (${line#regress: })"
else
    bad "lockstep under ASan/UBSan (${line#regress: })" "$TMP/reg.log"
fi
echo "sanitize: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

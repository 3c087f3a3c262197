#!/usr/bin/env bash
# Runs each test suite given as an argument (a command line in one word, e.g. "build/unit_tests"),
# shows its output, and adds up the "N passed, M failed" lines the suites print. GoogleTest
# binaries are recognised by their own summary. Exit 1 if any test failed or a suite crashed.
set -uo pipefail
. "$(dirname "$0")/help.sh"
total_pass=0
total_fail=0
for suite in "$@"; do
    echo "=== $suite"
    log=$(mktemp)
    bash -c "$suite" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    pass=0
    fail=0
    if grep -q '^\[==========\]' "$log"; then
        pass=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\?\..*/\1/p' "$log" | tail -1)
        fail=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) tests\?, listed below.*/\1/p' "$log" | tail -1)
    else
        line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
        pass=$(sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed.*/\2/' <<<"$line")
        fail=$(sed -E 's/^.* ([0-9]+) failed.*/\1/' <<<"$line")
    fi
    pass=${pass:-0}
    fail=${fail:-0}
    if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then
        echo "*** $suite exited with $rc without reporting a failed test; counted as 1 failure"
        fail=1
    fi
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
    rm -f "$log"
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]

#!/usr/bin/env bash
# The teaching formats reproduce the OSTEP homework simulators exactly (docs/spec.md 4.4): every
# tb/ostep/golden/*.txt is what vm-paging/paging-linear-translate.py or
# vm-smalltables/paging-multilevel-translate.py printed with -c (its problem and its answers);
# tb/ostep/ostep2scn.py turns each into a scenario whose expectations are those answers, which
# must pass on the model (build/mmusim) and on the RTL in lockstep (build/mmucosim --scenario).
# A scenario with its first answer changed (--corrupt) must fail, so the comparison can fail.
# Ends with "ostep: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
. scripts/testlib.sh
BUILD=${BUILD:-build}
PY=${MMU_PYTHON:-/usr/bin/python3}
require_bins ostep "mmusim cosim-bins" "$BUILD/mmusim" "$BUILD/mmucosim"
OUT=$BUILD/ostep
mkdir -p "$OUT"
for g in tb/ostep/golden/*.txt; do
    name=$(basename "$g" .txt)
    scn=$OUT/$name.scn
    if ! "$PY" tb/ostep/ostep2scn.py "$g" "$scn" > "$TMP/conv.log" 2>&1; then
        bad "$name: conversion failed" "$TMP/conv.log"
        continue
    fi
    answers=$(sed -n 's/.*: \([0-9]*\) answers.*/\1/p' "$TMP/conv.log")
    if "$BUILD/mmusim" "$scn" > "$TMP/sim.log" 2>&1; then
        ok "$name: model reproduces the simulator's $answers answers"
    else
        bad "$name: model differs from the simulator" "$TMP/sim.log"
    fi
    if "$BUILD/mmucosim" --quiet --no-fail-waves --scenario "$scn" > "$TMP/ls.log" 2>&1; then
        ok "$name: RTL and model in lockstep reproduce them"
    else
        bad "$name: lockstep" "$TMP/ls.log"
    fi
done
# the comparison can fail: a changed answer (one of each format)
for g in tb/ostep/golden/linear-s1.txt tb/ostep/golden/multilevel-s0.txt; do
    name=$(basename "$g" .txt)
    "$PY" tb/ostep/ostep2scn.py --corrupt "$g" "$OUT/$name-corrupt.scn" > /dev/null 2>&1
    "$BUILD/mmusim" "$OUT/$name-corrupt.scn" > "$TMP/bad.log" 2>&1
    rc=$?
    if [ "$rc" = 1 ] && grep -q "expected" "$TMP/bad.log"; then
        ok "$name --corrupt: a changed answer fails (exit 1)"
    else
        bad "$name --corrupt: exit $rc, expected 1" "$TMP/bad.log"
    fi
done
# input it does not understand: FILE:LINE or FILE: problem, exit 2
printf 'ARG page size 1\nARG address space size 16\nARG phys mem size 64\nPage Table (from entry 0 down to the max size)\n  0x80000001\n' > "$TMP/p1.txt"
"$PY" tb/ostep/ostep2scn.py "$TMP/p1.txt" "$TMP/p1.scn" > "$TMP/p1.log" 2>&1
if [ $? = 2 ] && grep -q "p1.txt: page size 1" "$TMP/p1.log"; then
    ok "page size 1 (offset 0) is refused by name"
else
    bad "page size 1 not refused" "$TMP/p1.log"
fi
finish ostep

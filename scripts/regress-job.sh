#!/usr/bin/env bash
# Runs jobs of a regression's job list (LOG/jobs.txt, written by scripts/regress.sh: one line
# "GROUP<TAB>NAME<TAB>COMMAND" per run), the same way on every backend: each job's output goes to
# LOG/NAME.log, its exit status to LOG/NAME.rc (written last, atomically: the runner counts these
# for its progress line) and its wall seconds to LOG/NAME.time. The command runs from the
# repository root, which must be the same path on every host (a shared file system).
#
#   regress-job.sh LOG N...          jobs number N (1-based lines of LOG/jobs.txt)
#   regress-job.sh --shard K S LOG   every job n with (n - 1) mod S = K (a SLURM array task K of S)
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
. scripts/junit.sh
if [ "${1:-}" = --shard ]; then
    [ $# -eq 4 ] || { echo "usage: regress-job.sh --shard K S LOG" >&2; exit 2; }
    k=$2 s=$3 LOG=$4
    n=$(wc -l < "$LOG/jobs.txt")
    set -- $(seq $((k + 1)) "$s" "$n")
else
    [ $# -ge 2 ] || { echo "usage: regress-job.sh LOG N... | --shard K S LOG" >&2; exit 2; }
    LOG=$1
    shift
fi
[ -f "$LOG/jobs.txt" ] || { echo "regress-job.sh: $LOG/jobs.txt: no job list" >&2; exit 2; }
for n in "$@"; do
    line=$(sed -n "${n}p" "$LOG/jobs.txt")
    [ -n "$line" ] || { echo "regress-job.sh: $LOG/jobs.txt has no job $n" >&2; exit 2; }
    IFS=$'\t' read -r _group name cmd <<< "$line"
    t0=$(date +%s.%N)
    bash -c "$cmd" > "$LOG/$name.log" 2>&1
    echo $? > "$LOG/$name.rc.tmp"
    junit_secs "$t0" > "$LOG/$name.time"
    mv "$LOG/$name.rc.tmp" "$LOG/$name.rc"
done

#!/usr/bin/env bash
# `make soak` (docs/verification.md): a long random lockstep run in every generator mode, 0
# mismatches allowed, and the harness's memory must not grow with the run's length: per mode the
# peak RSS of the first quarter of the run (a run of 1/4 of the cycles, same seed: the start) is
# compared with that of the full run (the end). The generator empties its page-table memory at
# an episode start once it holds 2^19 words (1 to 5 M cycles, by mode), which puts a ceiling of
# about 27 MB on the process: the end may exceed the start by more than 10 % only while it stays
# under RSS_CAP_KIB (40 MiB); above that the memory is growing and the mode fails. Prints one row per mode and
# the totals. Memory: the generator's default (varied per episode) unless --fixed-mem, which
# keeps latency 1 and always-ready for the whole run.
#
# Usage: soak.sh [--cycles TOTAL] [--seed N] [--fixed-mem]   (default 100000000 cycles, seed 1)
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
BUILD=${BUILD:-build}
BIN=$BUILD/mmucosim
TOTAL=100000000
SEED=1
MEM=()
while [ $# -gt 0 ]; do
    case "$1" in
    --cycles) TOTAL=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --fixed-mem) MEM=(--latency 1 --ready 1 --err 0) ;;
    *) echo "soak.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
    shift
done
[[ $TOTAL =~ ^[0-9]+$ ]] && [ "$TOTAL" -ge 1000 ] || { echo "soak.sh: --cycles needs a number >= 1000" >&2; exit 2; }
for b in "$BIN" "$BUILD/mmusim" /usr/bin/time; do
    [ -x "$b" ] || { echo "soak.sh: $b is missing (make cosim-build; /usr/bin/time is Debian's time)" >&2; exit 2; }
done
MODES=$("$BUILD/mmusim" --list modes | tr '\n' ' ')
n=$(wc -w <<< "$MODES")
PER=$((TOTAL / n))
SHORT=$((PER / 4 > 1000 ? PER / 4 : 1000))
OUT=$BUILD/soak
RSS_CAP_KIB=${RSS_CAP_KIB:-40960}
mkdir -p "$OUT"
JOBS=$(nproc 2>/dev/null || echo 2)
echo "soak: $TOTAL lockstep cycles: $PER per mode in $n modes ($MODES), seed $SEED, $JOBS at a time"
t0=$(date +%s.%N)
# each job: MODE KIND CYCLES -> OUT/MODE-KIND.{log,rss,rc}
for m in $MODES; do
    for kind in start end; do
        c=$PER
        [ "$kind" = start ] && c=$SHORT
        echo "$m $kind $c"
    done
done | xargs -P "$JOBS" -L 1 bash -c 'm=$0 kind=$1 c=$2
    /usr/bin/time -f "%M %U %S" -o "'"$OUT"'/$m-$kind.rss" "'"$BIN"'" --quiet --mode "$m" --seed '"$SEED"' --cycles "$c" '"${MEM[*]}"' \
        > "'"$OUT"'/$m-$kind.log" 2>&1
    echo $? > "'"$OUT"'/$m-$kind.rc"'
wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
rc=0
cpu=0
printf '%-8s %12s %10s %14s %14s %8s\n' mode cycles result "RSS start KiB" "RSS end KiB" growth
for m in $MODES; do
    r_end=$(cat "$OUT/$m-end.rc" 2>/dev/null || echo 99)
    r_start=$(cat "$OUT/$m-start.rc" 2>/dev/null || echo 99)
    read -r rss_s u_s s_s < "$OUT/$m-start.rss"
    read -r rss_e u_e s_e < "$OUT/$m-end.rss"
    cyc=$(sed -n 's/^STAT .* cycles=\([0-9]*\).*/\1/p' "$OUT/$m-end.log" | head -1)
    res=pass
    if [ "$r_end" != 0 ] || [ "$r_start" != 0 ]; then
        res="FAIL($r_start/$r_end)"
        rc=1
        echo "soak: $m failed: see $OUT/$m-end.log"
    fi
    growth=$(awk -v a="$rss_s" -v b="$rss_e" 'BEGIN { printf "%+.1f%%", (b - a) * 100 / a }')
    if awk -v a="$rss_s" -v b="$rss_e" -v cap="$RSS_CAP_KIB" 'BEGIN { exit !(b > a * 1.10 && b - a > 2048 && b > cap) }'; then
        res="$res,RSS-GROWS"
        rc=1
    fi
    cpu=$(awk -v c="$cpu" -v a="$u_e" -v b="$s_e" 'BEGIN { print c + a + b }')
    printf '%-8s %12s %10s %14s %14s %8s\n' "$m" "${cyc:-?}" "$res" "$rss_s" "$rss_e" "$growth"
done
echo "soak: RSS ceiling $RSS_CAP_KIB KiB; largest end RSS $(for m in $MODES; do cut -d' ' -f1 "$OUT/$m-end.rss"; done | sort -n | tail -1) KiB"
echo "soak: $TOTAL cycles requested, $(cat "$OUT"/*-end.log | sed -n 's/^STAT .* cycles=\([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s }') simulated in the full runs; $wall s wall, $(printf '%.0f' "$cpu") s CPU; $([ $rc = 0 ] && echo "0 mismatches, memory bounded" || echo FAILED)"
exit $rc

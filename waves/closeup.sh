#!/usr/bin/env bash
# A close-up of a failure's GTKWave view (docs/debugging.md's second picture): the last cycles of
# its wave, one zoom level in from what fits, the primary marker moved to the first cycle after
# the failure in which SIGNAL (of TOP.mmu_cosim_top) is 1, and a signal name pane wide enough to
# show the decoded values at the marker in full. Rendered by waves/render.sh.
# usage: waves/closeup.sh VIEW.gtkw OUT.png SIGNAL [WIDTHxHEIGHT] [NAME-PANE-PIXELS]
set -euo pipefail
. "$(dirname "$0")/../scripts/help.sh"
if [ $# -lt 3 ]; then
    echo "usage: $0 VIEW.gtkw OUT.png SIGNAL [WIDTHxHEIGHT] [NAME-PANE-PIXELS]" >&2
    exit 2
fi
view=$1 out=$2 sig=$3
size=${4:-$(sed -n 's/^\[size\] \([0-9]*\) \([0-9]*\)$/\1x\2/p' "$view" | head -1)}
names=${5:-620}
fst=$(sed -n 's/^\[dumpfile\] "\(.*\)"$/\1/p' "$view")
fail=$(awk '/^\*/ {print $2; exit}' "$view")
command -v fst2vcd > /dev/null || { echo "closeup: fst2vcd (package gtkwave) is needed" >&2; exit 1; }
read -r at end < <(fst2vcd "$fst" 2> /dev/null | awk -v s="$sig" -v f="$fail" '
    /^\$scope/ {depth++; path[depth] = $3}
    /^\$upscope/ {depth--}
    /^\$var/ && depth == 2 && path[2] == "mmu_cosim_top" && $5 == s {id = $4}
    /^#/ {t = substr($0, 2) + 0}
    id != "" && $0 == "1" id && t > f && at == "" {at = t}
    END {print (at == "" ? -1 : at), t}')
if [ "$at" = -1 ]; then
    echo "closeup: $sig is never 1 after the failure (time $fail) in $fst" >&2
    exit 1
fi
# 200 x 2^zoom pixels per time unit (csim/gtkw.cpp): zoom -2 shows 50; the wave pane is what the
# window leaves after the SST (40), the names and the frame (30)
w=${size%x*}
visible=$(((w - 40 - names - 30) / 50))
start=$(((end - visible - 1) / 2 * 2))
bash "$(dirname "$0")/render.sh" "$view" "$out" "$size" --start "$start" --zoom -2 --marker "$at" \
    --signals-width "$names"

#!/usr/bin/env bash
# `make study` (docs/studies.md): traces the programs of tb/os/programs under valgrind's lackey
# into build/study/traces/, then sweeps each trace with build/mmustudy into build/study/:
#   NAME-tlb.csv/png         TLB hit rate by TLB entries (4..64) and TLB policy, 4 KiB pages
#   NAME-superpages.png      the same for LRU, 4 KiB pages against 2 MiB superpages
#   NAME-frames.csv/png      page faults by frames and page-replacement policy
#   NAME-amat.png            the average memory access time by frames (thrashing)
#   matmul-working-set.png   page faults by frames, naive against blocked matmul (LRU)
#   belady-frames.csv/png    FIFO, LRU and OPT on Belady's reference string, 1..7 frames
#   refill-list-walk-tlb.csv, -refill.png  translation cycles by TLB entries, walker against refill handler
# The traces are made here and never committed (a few MB each). Takes about two minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
OUT=$BUILD/study
PROGRAMS=$BUILD/os/programs
STUDY=$BUILD/mmustudy
for bin in "$STUDY" "$PROGRAMS/matmul" "$PROGRAMS/list_walk" "$PROGRAMS/sort"; do
    [ -x "$bin" ] || { echo "study: $bin missing (make study builds it)" >&2; exit 1; }
done
for tool in valgrind gnuplot; do
    command -v $tool > /dev/null || { echo "study: $tool missing (make deps installs it)" >&2; exit 1; }
done
mkdir -p "$OUT/traces"

# trace NAME PROGRAM ARGS...: one lackey trace (valgrind's own messages stay in it as "==PID==" lines)
trace() {
    local name=$1
    shift
    echo "study: tracing $name: $*"
    valgrind --tool=lackey --trace-mem=yes --log-file="$OUT/traces/$name.lackey" "$@" > /dev/null
}
trace matmul-naive "$PROGRAMS/matmul" 48
trace matmul-blocked "$PROGRAMS/matmul" 48 16
trace list-walk "$PROGRAMS/list_walk" 8000 3
trace qsort "$PROGRAMS/sort" 2000

# Frames plenty for the TLB sweep (a megapage takes 512), then few for the paging sweep.
for name in matmul-naive matmul-blocked list-walk qsort; do
    echo "study: sweeping $name"
    "$STUDY" "$OUT/traces/$name.lackey" --frames 4096 --out "$OUT" --name "$name" \
        --sweep tlb=4,8,16,32,64 policy=lru,plru,fifo,random superpages=off,on \
        frames=8,12,16,24,32,48,64,96,128,160 replace=fifo,lru,clock,second-chance,opt,random > "$OUT/$name.log"
done

# The walker against a software refill handler (Soft mode, docs/spec.md 4.6) on the same trace and
# TLB, at a 10-cycle memory where the handler's trap cost shows
echo "study: walker against refill handler on list-walk"
"$STUDY" "$OUT/traces/list-walk.lackey" --frames 4096 --mem-latency 10 --out "$OUT" --name refill-list-walk \
    --sweep tlb=4,8,16,32,64 refill=hw,soft > "$OUT/refill-list-walk.log"

# Belady's string: 1 2 3 4 1 2 5 1 2 3 4 5, one page each
{
    echo "# Belady's reference string, one load per page (docs/studies.md)"
    for page in 1 2 3 4 1 2 5 1 2 3 4 5; do printf '1 load 0x%x\n' $((page << 12)); done
} > "$OUT/traces/belady.txt"
"$STUDY" "$OUT/traces/belady.txt" --out "$OUT" --name belady \
    --sweep frames=1,2,3,4,5,6,7 replace=fifo,lru,opt > "$OUT/belady.log"
# The working set: naive against blocked matrix multiply under LRU, from the two sweeps' CSVs
gnuplot <<EOF
set terminal pngcairo size 720,440 font 'sans,10'
set output '$OUT/matmul-working-set.png'
set title 'matmul 48x48: page faults by frames, LRU' noenhanced
set xlabel 'frames (4 KiB)'
set ylabel 'page faults (log scale)'
set logscale x 2
set logscale y 10
set grid
set key outside right top noenhanced
set datafile separator ','
plot '$OUT/matmul-naive-frames.csv' using (strcol(3) eq 'lru' ? \$2 : 1/0):8 with linespoints lw 2 title 'naive', \
     '$OUT/matmul-blocked-frames.csv' using (strcol(3) eq 'lru' ? \$2 : 1/0):8 with linespoints lw 2 title 'blocked 16x16'
EOF
echo "study: results in $OUT:"
ls "$OUT"/*.csv "$OUT"/*.png

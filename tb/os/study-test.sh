#!/usr/bin/env bash
# build/mmustudy on real traces (docs/studies.md): three small programs of tb/os/programs traced
# under valgrind's lackey now (no trace is committed); every figure line printed and consistent;
# superpages and frames move the figures the way the studies say; a sweep writes its CSV files and
# PNG plots; FIFO shows Belady's anomaly (9 faults with 3 frames, 10 with 4); a skipped flush shows
# up as stale translations or a fault loop; bad traces and options exit 2 naming file and line.
# Ends with "os-study: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
. scripts/testlib.sh
BUILD=${BUILD:-build}
STUDY=$BUILD/mmustudy
PROGRAMS=$BUILD/os/programs
require_bins os-study "mmustudy and the programs (make build/mmustudy $PROGRAMS/...)" \
    "$STUDY" "$PROGRAMS/matmul" "$PROGRAMS/list_walk" "$PROGRAMS/sort"
for tool in valgrind gnuplot; do
    if ! command -v $tool > /dev/null; then
        echo "os-study: $tool missing (scripts/install-deps.sh installs it)"
        echo "os-study: 0 passed, 1 failed"
        exit 1
    fi
done

# value FILE NAME: the number of the line "NAME: N" (empty if absent)
value() { sed -n "s/^$2: \([0-9.]*\).*/\1/p" "$1" | head -1; }

# ---- traces of real programs ----
trace() {  # trace NAME PROGRAM ARGS...
    local name=$1
    shift
    valgrind --tool=lackey --trace-mem=yes --log-file="$TMP/$name.lackey" "$@" > "$TMP/$name.out" 2>&1
}
traced=()
for spec in "matmul $PROGRAMS/matmul 24" "matmul-blocked $PROGRAMS/matmul 24 8" \
    "list $PROGRAMS/list_walk 2000 2" "qsort $PROGRAMS/sort 500"; do
    # shellcheck disable=SC2086
    set -- $spec
    if trace "$@" && grep -q '^I  ' "$TMP/$1.lackey" && grep -q '^ L ' "$TMP/$1.lackey" &&
        grep -q '^ S ' "$TMP/$1.lackey"; then
        ok "valgrind traced $1 ($(grep -vc '^==' "$TMP/$1.lackey") lines)"
        traced+=("$1")
    else
        bad "valgrind could not trace $1" "$TMP/$1.lackey"
    fi
done
[ "$(cat "$TMP/matmul.out")" = "$(cat "$TMP/matmul-blocked.out")" ] &&
    ok "naive and blocked matmul agree ($(cat "$TMP/matmul.out"))" || bad "naive and blocked matmul differ"

FIGURES="accesses|tlb hits|tlb misses|walks|walk cycles|page faults|writebacks|stale translations"
for name in "${traced[@]}"; do
    log=$TMP/$name.run
    if ! "$STUDY" "$TMP/$name.lackey" --frames 32 --tlb 8 > "$log" 2>&1; then
        bad "$name: mmustudy failed" "$log"
        continue
    fi
    missing=""
    IFS='|' read -ra names <<< "$FIGURES"
    for n in "${names[@]}"; do
        [ -n "$(value "$log" "$n")" ] || missing+=" '$n'"
    done
    grep -Eq '^amat: [0-9]+\.[0-9]+ cycles$' "$log" || missing+=" amat"
    grep -q '^latencies: tlb 1, memory 100, page fault 100000, writeback 100000, refill trap 20 cycles$' "$log" || missing+=" latencies"
    if [ -n "$missing" ]; then
        bad "$name: no line for$missing" "$log"
        continue
    fi
    acc=$(value "$log" accesses)
    hits=$(value "$log" "tlb hits")
    misses=$(value "$log" "tlb misses")
    walks=$(value "$log" walks)
    faults=$(value "$log" "page faults")
    stale=$(value "$log" "stale translations")
    # every access looks up the TLB once, and again after each fault; every miss walks
    if [ $((hits + misses)) -ge "$acc" ] && [ "$walks" = "$misses" ] && [ "$faults" -gt 0 ] && [ "$stale" = 0 ]; then
        ok "$name: $acc accesses, $hits hits, $misses misses, $faults page faults, no stale translation"
    else
        bad "$name: inconsistent figures" "$log"
    fi
done

# ---- the studies' claims on small traces ----
if [ -f "$TMP/list.lackey" ]; then
# ---- walk vs refill (Soft mode, docs/studies.md study 4) on the same trace ----
    "$STUDY" "$TMP/list.lackey" --frames 4096 --tlb 16 --refill both --mem-latency 10 > "$TMP/both.run" 2>&1
    hw_pf=$(sed -n '/^== hardware walker/,/^== software/p' "$TMP/both.run" | sed -n 's/^page faults: //p')
    sw_pf=$(sed -n '/^== software refill/,$p' "$TMP/both.run" | sed -n 's/^page faults: //p')
    refills=$(value "$TMP/both.run" refills)
    sw_walks=$(sed -n '/^== software refill/,$p' "$TMP/both.run" | sed -n 's/^walks: //p')
    ratio=$(sed -n 's/^software \/ hardware translation cycles: //p' "$TMP/both.run")
    if [ -n "$hw_pf" ] && [ "$hw_pf" = "$sw_pf" ] && [ "${refills:-0}" -gt 0 ] && [ "$sw_walks" = 0 ] &&
        grep -q '^stale translations: 0$' "$TMP/both.run" &&
        awk -v r="${ratio:-0}" 'BEGIN { exit !(r > 1.0 && r < 10.0) }'; then
        ok "refill both: $refills software refills, no walks, page faults equal ($hw_pf), soft/hw cycles $ratio at memory latency 10"
    else
        bad "refill both: page faults $hw_pf vs $sw_pf, refills ${refills:-?}, walks ${sw_walks:-?}, ratio ${ratio:-?}" "$TMP/both.run"
    fi
    "$STUDY" "$TMP/list.lackey" --frames 4096 --tlb 8 > "$TMP/small.run" 2>&1
    "$STUDY" "$TMP/list.lackey" --frames 4096 --tlb 8 --superpages > "$TMP/super.run" 2>&1
    m4k=$(value "$TMP/small.run" "tlb misses")
    m2m=$(value "$TMP/super.run" "tlb misses")
    mega=$(value "$TMP/super.run" megapages)
    if [ -n "$m4k" ] && [ -n "$m2m" ] && [ "$((m2m * 20))" -lt "$m4k" ] && [ "${mega:-0}" -gt 0 ]; then
        ok "superpages: TLB misses $m4k -> $m2m with $mega megapages (8-entry TLB, list walk)"
    else
        bad "superpages did not cut the TLB misses 20-fold ($m4k -> $m2m)" "$TMP/super.run"
    fi
    "$STUDY" "$TMP/list.lackey" --frames 16 --replace lru > "$TMP/thrash.run" 2>&1
    "$STUDY" "$TMP/list.lackey" --frames 256 --replace lru > "$TMP/fits.run" 2>&1
    few=$(value "$TMP/thrash.run" "page faults")
    many=$(value "$TMP/fits.run" "page faults")
    if [ -n "$few" ] && [ -n "$many" ] && [ "$few" -gt $((10 * many)) ] && [ "$(value "$TMP/fits.run" evictions)" = 0 ]; then
        ok "thrashing: $few page faults with 16 frames, $many (no eviction) with 256"
    else
        bad "thrashing: $few page faults with 16 frames, $many with 256" "$TMP/thrash.run"
    fi
    "$STUDY" "$TMP/list.lackey" --frames 16 --replace lru --teaching > "$TMP/teach.run" 2>&1
    if [ "$(value "$TMP/teach.run" "page faults")" = "$few" ] &&
        [ "$(value "$TMP/teach.run" writebacks)" = "$(value "$TMP/teach.run" evictions)" ] &&
        grep -q '^config: teaching multi-level (MODE 15)' "$TMP/teach.run"; then
        ok "teaching format: the same $few LRU faults as Sv39, every victim written back (no D bit)"
    else
        bad "teaching format run" "$TMP/teach.run"
    fi

    # ---- a sweep: CSV and PNG ----
    out=$TMP/sweep
    if "$STUDY" "$TMP/list.lackey" --out "$out" --name list --frames 4096 \
        --sweep tlb=4,8 policy=lru,fifo superpages=off,on frames=16,64 replace=fifo,clock,opt \
        > "$TMP/sweep.log" 2>&1; then
        rows_tlb=$(($(wc -l < "$out/list-tlb.csv") - 1))
        rows_frames=$(($(wc -l < "$out/list-frames.csv") - 1))
        pngs=0
        for p in list-tlb list-superpages list-frames list-amat; do
            [ "$(head -c 4 "$out/$p.png" 2>/dev/null | od -An -c | tr -d ' ')" = '211PNG' ] && pngs=$((pngs + 1))
        done
        if [ "$rows_tlb" = 8 ] && [ "$rows_frames" = 6 ] && [ "$pngs" = 4 ]; then
            ok "sweep: 8 TLB rows, 6 frames rows, 4 PNG plots"
        else
            bad "sweep: $rows_tlb TLB rows (8), $rows_frames frames rows (6), $pngs PNGs (4)" "$TMP/sweep.log"
        fi
        # hit rates are in 0..1, and OPT never faults more than FIFO or CLOCK at the same frames
        if awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "hit_rate") c = i; next }
                 !c || $c < 0 || $c > 1 { bad = 1 } END { exit bad || !c }' "$out/list-tlb.csv" &&
            awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
                 { f[$col["frames"]","$col["replace"]] = $col["page_faults"] } END { for (n in f) { split(n, k, ","); if (f[k[1]",opt"] > f[n]) exit 1 } }' \
                "$out/list-frames.csv"; then
            ok "sweep: hit rates in 0..1, OPT at or below every policy"
        else
            bad "sweep: a hit rate outside 0..1 or OPT above another policy" "$out/list-frames.csv"
        fi
    else
        bad "sweep failed" "$TMP/sweep.log"
    fi
fi

# ---- Belady's anomaly: 1 2 3 4 1 2 5 1 2 3 4 5 ----
{
    echo "# Belady's reference string"
    for page in 1 2 3 4 1 2 5 1 2 3 4 5; do printf '1 load 0x%x\n' $((page << 12)); done
} > "$TMP/belady.txt"
for frames_faults in 3:9 4:10; do
    f=${frames_faults%:*}
    expect=${frames_faults#*:}
    "$STUDY" "$TMP/belady.txt" --frames "$f" --replace fifo > "$TMP/belady$f.run" 2>&1
    if grep -qx "page faults: $expect" "$TMP/belady$f.run"; then
        ok "Belady: FIFO with $f frames: page faults: $expect"
    else
        bad "Belady: FIFO with $f frames, expected $expect faults" "$TMP/belady$f.run"
    fi
done
if "$STUDY" "$TMP/belady.txt" --out "$TMP/belady" --no-plot --sweep frames=3,4 replace=fifo,lru > "$TMP/bsweep.log" 2>&1 &&
    [ "$(awk -F, '$3 == "fifo" { printf "%s:%s ", $2, $8 } $3 == "lru" { printf "%s:%s ", $2, $8 }' "$TMP/belady/belady-frames.csv")" = "3:9 4:10 3:10 4:8 " ]; then
    ok "Belady sweep CSV: FIFO 9 then 10 faults, LRU 10 then 8"
else
    bad "Belady sweep CSV" "$TMP/belady/belady-frames.csv"
fi

# ---- a missing flush is a bug the model shows ----
printf '1 store 0x10000\n1 store 0x20000\n1 load 0x10000\n' > "$TMP/evict.txt"
"$STUDY" "$TMP/evict.txt" --frames 1 --replace fifo > "$TMP/flush.run" 2>&1
"$STUDY" "$TMP/evict.txt" --frames 1 --replace fifo --skip-flush evict > "$TMP/noflush.run" 2>&1
if [ "$(value "$TMP/flush.run" "stale translations")" = 0 ] && [ "$(value "$TMP/noflush.run" "stale translations")" = 1 ] &&
    [ "$(value "$TMP/noflush.run" "page faults")" = 2 ] && [ "$(value "$TMP/flush.run" "page faults")" = 3 ]; then
    ok "--skip-flush evict: the reload hits X's stale entry (1 stale translation, a page fault missed)"
else
    bad "--skip-flush evict" "$TMP/noflush.run"
fi
printf '1 store 0x10000\n1 fork 2\n2 load 0x10000\n2 store 0x10000\n' > "$TMP/cow.txt"
"$STUDY" "$TMP/cow.txt" > "$TMP/cow.run" 2>&1
"$STUDY" "$TMP/cow.txt" --skip-flush cow > "$TMP/nocow.run" 2>&1
rc=$?
if [ "$(value "$TMP/cow.run" "cow faults")" = 1 ] && [ "$(value "$TMP/cow.run" "cow copies")" = 1 ] &&
    [ "$rc" = 1 ] && grep -q 'cow.txt:4: pid 2: store at 0x10000 still faults.*flush is missing' "$TMP/nocow.run"; then
    ok "--skip-flush cow: the copied page's store faults forever (exit 1, cow.txt:4)"
else
    bad "--skip-flush cow (exit $rc)" "$TMP/nocow.run"
fi

# ---- bad input: exit 2, file and line ----
printf '# two good lines\n1 load 0x1000\n1 jump 0x2000\n' > "$TMP/bad.txt"
printf 'I  0401ab70,3\n L 0401ab70,x\n' > "$TMP/bad.lackey"
printf '1 load 0x1000\n1 load 0x8000000000\n' > "$TMP/range.txt"
check_error() {  # check_error NAME EXPECTED-MESSAGE ARGS...
    local name=$1 expect=$2 rc
    shift 2
    "$STUDY" "$@" > "$TMP/err.out" 2> "$TMP/err.log"
    rc=$?
    if [ "$rc" = 2 ] && grep -qF -- "$expect" "$TMP/err.log" && [ ! -s "$TMP/err.out" ]; then
        ok "$name -> exit 2: $(head -1 "$TMP/err.log")"
    else
        bad "$name -> exit $rc, expected 2 and '$expect'" "$TMP/err.log"
    fi
}
check_error "unknown access" "bad.txt:3: unknown access 'jump'" "$TMP/bad.txt"
check_error "bad lackey size" "bad.lackey:2: size is not a decimal number" "$TMP/bad.lackey"
check_error "address outside Sv39" "range.txt:2: pid 1: load at 0x8000000000: load page fault (VA_RANGE)" "$TMP/range.txt"
check_error "missing trace" "$TMP/none.txt: cannot open" "$TMP/none.txt"
check_error "empty trace" "no accesses" /dev/null
check_error "no trace" "no trace given"
check_error "TLB size" "--tlb '12'" "$TMP/belady.txt" --tlb 12
check_error "TLB policy" "--policy 'mru'" "$TMP/belady.txt" --policy mru
check_error "replacement policy" "--replace 'nru'" "$TMP/belady.txt" --replace nru
check_error "frames" "--frames '0'" "$TMP/belady.txt" --frames 0
check_error "sweep key" "--sweep key 'ways'" "$TMP/belady.txt" --sweep ways=2
check_error "sweep value" "--sweep tlb '5'" "$TMP/belady.txt" --sweep tlb=4,5
check_error "clock in teaching" "need the A and D bits" "$TMP/belady.txt" --teaching --replace clock
check_error "refill" "--refill 'mips'" "$TMP/belady.txt" --refill mips
check_error "soft refill in teaching" "no teaching tables with soft refill" "$TMP/belady.txt" --teaching --replace fifo --refill soft
check_error "skip-flush site" "--skip-flush 'tlb'" "$TMP/belady.txt" --skip-flush tlb
finish os-study

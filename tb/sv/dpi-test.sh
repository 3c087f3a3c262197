#!/usr/bin/env bash
# DPI-C scoreboard suite (csim/dpi/, tb/sv/, docs/interop.md "DPI-C"): the SystemVerilog
# testbench build/tb_mmu_dpi (verilator --binary --timing) checks every output port of mmu_top
# against the C model through DPI every cycle. It must pass with several seeds; the
# +define+MMU_BUG_DIRTY build must fail (exit status 1, a FAIL line, a report whose first
# divergence names resp_valid and mem_req_valid, a reproduce line); the testbench and the DPI
# package must be lint-clean under verilator -Wall. Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
BUILD=${BUILD:-build}
B=$BUILD/tb_mmu_dpi
VERILATOR=${VERILATOR:-verilator}
CYCLES=${DPI_TEST_CYCLES:-100000}
. scripts/testlib.sh

require_bins dpi-test dpi-bins "$B" "$B-bug-dirty"

t0=$(date +%s.%N)
for seed in 1 2 3 4 5; do
    log=$TMP/pass-$seed.log
    "$B" +seed=$seed +cycles="$CYCLES" > "$log" 2>&1
    rc=$?
    if [ "$rc" = 0 ] && grep -q "^tb_mmu_dpi: PASS (seed $seed)" "$log"; then
        ok "seed $seed: $(sed -n 's/^tb_mmu_dpi: \([0-9]* cycles checked, [0-9]* translations\).*/\1/p' "$log")"
    else
        bad "seed $seed: exit status $rc" "$log"
    fi
done

# MMU_BUG_DIRTY: with HWAD=1 a store to a clean page is taken as dirty. The DUT answers
# (resp_valid) where the model presents the D write or the refill walk (mem_req_valid).
for seed in 1 2 3; do
    log=$TMP/bug-$seed.log
    ( "$B-bug-dirty" +seed=$seed +cycles=300000 ) > "$log" 2>&1
    rc=$?
    if ! grep -q '^tb_mmu_dpi: FAIL at cycle' "$log"; then bad "bug-dirty seed $seed: no FAIL line (exit $rc)" "$log"; continue; fi
    check_stop "bug-dirty seed $seed" "$log" "$rc" "build/tb_mmu_dpi-bug-dirty +seed=$seed" resp_valid mem_req_valid
done

# Lint: the testbench and the package, with the RTL, clean under -Wall.
log=$TMP/lint.log
RTL=$(make -s --no-print-directory -f rtl/rtl.mk --eval 'p: ; @echo $(RTL_SRCS_REL)' p)
# shellcheck disable=SC2086
if $VERILATOR --lint-only -Wall --timing -Itb/sv --top-module tb_mmu_dpi $RTL \
    tb/sv/mmu_dpi_pkg.sv tb/sv/tb_mmu_dpi.sv > "$log" 2>&1; then
    ok "lint: verilator --lint-only -Wall --timing tb/sv/*.sv clean"
else
    bad "lint: warnings in tb/sv" "$log"
fi

echo "dpi-test: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
finish dpi-test

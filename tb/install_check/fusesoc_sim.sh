#!/usr/bin/env bash
# Checks the `sim` target of the FuseSoC core rtl/mmu.core: `fusesoc run --target=sim` Verilates
# mmu_top with the scenario testbench (tb/fusesoc/scenario_sim.cpp, file list tb/fusesoc/sim.f)
# and plays a directed scenario whose expectations are checked on the RTL's ports. It must pass a
# scenario (Verilator -Wall clean), fail a wrong expectation naming its line, take the TLB size
# from --TlbEntries (a 4-entry replacement scenario passes on a 4-entry build and fails on the
# default 16), and build from FuseSoC's exported copy too (the core's file list is complete).
# Needs the venv (make py-venv). Ends with "fusesoc-sim: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
BUILD=${BUILD:-build}
VENV=$BUILD/py/venv
CORE=mmu_verif:ip:mmu:$(cat VERSION)

. scripts/testlib.sh
require_bins fusesoc-sim py-venv "$VENV/bin/fusesoc"
OUT=$BUILD/fusesoc-sim
# one run at a time in this build tree (two make test in one checkout would remove each other's)
exec 9> "$BUILD/.fusesoc-sim.lock"
flock 9
rm -rf "$OUT"
mkdir -p "$OUT"
VENV_BIN=$(cd "$VENV/bin" && pwd)
export OBJCACHE=${OBJCACHE:-$(command -v ccache || true)}  # Verilator's C++ compiles via ccache

# sim NAME BUILD-ROOT [FUSESOC-RUN-OPTIONS...] -- [CORE OPTIONS...]: prints the exit status; log in $OUT/NAME.log
sim() {
    local name=$1 root=$2
    shift 2
    local opts=()
    while [ "$1" != "--" ]; do opts+=("$1"); shift; done
    shift
    PATH=$VENV_BIN:$PATH "$VENV/bin/fusesoc" --cores-root rtl run --build-root "$OUT/$root" \
        "${opts[@]}" --target=sim "$CORE" "$@" > "$OUT/$name.log" 2>&1
    echo $?
}
workdir() { echo "$OUT/$1/mmu_verif_ip_mmu_$(cat VERSION)/sim-verilator"; }

# 1. a scenario passes, Verilator -Wall clean
rc=$(sim pass default --no-export -- --scenario=tb/scenarios/ad_hwad1.scn)
line=$(grep '^scenario-sim: ' "$OUT/pass.log")
if [ "$rc" = 0 ] && grep -q '^scenario-sim: PASS 1 scenario(s), [1-9][0-9]* checks, 0 failed' <<<"$line" &&
    grep -q 'ad_hwad1.scn: [0-9]* checks, 0 failed, 100 cycles' "$OUT/pass.log"; then
    ok "fusesoc run --target=sim $CORE --scenario=tb/scenarios/ad_hwad1.scn: ${line#scenario-sim: }"
else
    bad "sim ad_hwad1.scn: exit $rc" "$OUT/pass.log"
fi
if grep -q -- '-Wall' "$(workdir default)/config.mk" 2>/dev/null && ! grep -q '%Warning' "$OUT/pass.log"; then
    ok "the sim build is Verilator -Wall clean"
else
    bad "sim build: -Wall missing or warnings" "$OUT/pass.log"
fi
# 2. more scenarios on the same build; a wrong expectation must fail, naming its line
rc=$(sim more default --no-export -- --scenario=tb/scenarios/sv39_page_sizes.scn)
rc2=$(sim more2 default --no-export -- --scenario=tb/scenarios/hybrid.scn)
if [ "$rc" = 0 ] && [ "$rc2" = 0 ] && grep -q '^scenario-sim: PASS' "$OUT/more.log" &&
    grep -q '^scenario-sim: PASS' "$OUT/more2.log"; then
    ok "sim: sv39_page_sizes.scn and hybrid.scn pass too"
else
    bad "sim sv39_page_sizes/hybrid: exit $rc/$rc2" "$OUT/more.log"
fi
rc=$(sim broken default --no-export -- --scenario=tb/bad_scenarios/broken_expectation.scn)
if [ "$rc" != 0 ] && grep -q '^FAIL .*broken_expectation.scn:[0-9]*: .*expected pa=' "$OUT/broken.log" &&
    grep -q '^scenario-sim: FAIL' "$OUT/broken.log"; then
    ok "sim: broken_expectation.scn fails (exit $rc) naming its line"
else
    bad "sim broken_expectation.scn: exit $rc, expected a failure" "$OUT/broken.log"
fi
# 3. --TlbEntries reaches the build: policy_lru.scn (tlb 4) passes with 4 entries, not with 16
rc=$(sim lru-t4 t4 --no-export -- --TlbEntries=4 --AsidWidth=4 --scenario=tb/scenarios/policy_lru.scn)
rc16=$(sim lru-t16 default --no-export -- --scenario=tb/scenarios/policy_lru.scn)
if [ "$rc" = 0 ] && grep -q -- '-GTlbEntries=4' "$(workdir t4)"/*.vc && [ "$rc16" != 0 ] &&
    grep -q '^FAIL .*policy_lru.scn:' "$OUT/lru-t16.log"; then
    ok "sim --TlbEntries=4: policy_lru.scn passes; on the 16-entry build it fails"
else
    bad "sim policy_lru.scn: exit $rc with 4 entries, $rc16 with 16" "$OUT/lru-t4.log"
fi
# 4. FuseSoC's exported build tree (no --no-export): the sim fileset lists every file it needs
rc=$(sim export exported -- --scenario=tb/scenarios/ad_hwad1.scn)
if [ "$rc" = 0 ] && grep -q '^scenario-sim: PASS' "$OUT/export.log"; then
    ok "sim from the exported copy passes ($(grep -c 'not within the directory' "$OUT/export.log") FuseSoC deprecation warnings: the testbench is outside rtl/)"
else
    bad "sim exported: exit $rc" "$OUT/export.log"
fi
finish fusesoc-sim

#!/usr/bin/env bash
# Checks the FuseSoC core rtl/mmu.core with FuseSoC's own Verilator lint target (edalize,
# verilator --lint-only -Wall): its file list equals rtl/rtl.mk's (same order, package first), the
# lint is clean with the default parameters and at the parameter corners, the parameters reach
# Verilator, and it really lints (a TlbEntries outside 4..64 must stop with the RTL's $error).
# Needs the venv (make py-venv). Ends with "fusesoc-lint: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
BUILD=${BUILD:-build}
VENV=$BUILD/py/venv
CORE=mmu_verif:ip:mmu:$(cat VERSION)

. scripts/testlib.sh
require_bins fusesoc-lint py-venv "$VENV/bin/fusesoc"
OUT=$BUILD/fusesoc
rm -rf "$OUT"
mkdir -p "$OUT"
echo "fusesoc $("$VENV/bin/fusesoc" --version 2>&1 | tail -1), $(verilator --version)"

# lint NAME EXPECT(0|1) [PARAMETERS...]
lint() {
    local name=$1 expect=$2
    shift 2
    local log=$OUT/$name.log rc
    PATH=$ROOT_VENV_BIN:$PATH "$VENV/bin/fusesoc" --cores-root rtl run --build-root "$OUT/$name" \
        --target=lint "$CORE" "$@" > "$log" 2>&1
    rc=$?
    local vc
    vc=$(ls "$OUT/$name"/*/lint-verilator/*.vc 2>/dev/null | head -1)
    if [ "$expect" = 0 ]; then
        if [ "$rc" = 0 ] && grep -q -- '-Wall' "$OUT/$name"/*/lint-verilator/config.mk &&
            ! grep -q '%Warning' "$log"; then
            ok "fusesoc run --target=lint $CORE${*:+ $*} (verilator --lint-only -Wall: clean)"
        else
            bad "lint $name: exit $rc" "$log"
        fi
    else
        if [ "$rc" != 0 ] && grep -q 'TlbEntries must be 4, 8, 16, 32 or 64' "$log"; then
            ok "fusesoc lint $* fails with the RTL's \$error (the lint really runs verilator)"
        else
            bad "lint $name: exit $rc, expected a failure naming TlbEntries" "$log"
        fi
    fi
    [ -n "$vc" ] && LAST_VC=$vc
}
ROOT_VENV_BIN=$(cd "$VENV/bin" && pwd)
LAST_VC=
lint default 0
# The core's files, in order, against rtl/rtl.mk's list.
core_files=$(grep -E '\.sv$' "$LAST_VC" 2>/dev/null | xargs -n1 basename 2>/dev/null | tr '\n' ' ')
mk_files=$(make -s --no-print-directory -f rtl/rtl.mk --eval 'p: ; @echo $(RTL_SRCS_REL)' p | xargs -n1 basename | tr '\n' ' ')
[ -n "$core_files" ] && [ "$core_files" = "$mk_files" ] && ok "core file list = rtl/rtl.mk list: $core_files" ||
    bad "core file list '$core_files' differs from rtl/rtl.mk '$mk_files'"
lint t4-a0 0 --TlbEntries=4 --AsidWidth=0
lint t64-a9 0 --TlbEntries=64 --AsidWidth=9
grep -q -- '-GTlbEntries=64' "$OUT"/t64-a9/*/lint-verilator/*.vc 2>/dev/null &&
    ok "the TlbEntries parameter reaches verilator as -GTlbEntries=64" || bad "TlbEntries not passed"
lint bad-tlb 1 --TlbEntries=12
finish fusesoc-lint

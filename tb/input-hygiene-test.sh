#!/usr/bin/env bash
# Input hygiene (issue 12, docs/scenarios.md "Input limits"): every scenario input is a regular
# readable file of bounded size or an error (exit 2, "FILE: problem"), for build/mmusim and for
# the lockstep's --scenario (the same parser); bad plusargs exit 2 before Verilator sees them
# (it aborts on them). Each check runs under a timeout: an endless input must fail fast.
# The bad *contents* of a scenario (duplicate fields, contradictions, bytes, addresses) are
# tb/bad_scenarios/, run by scripts/run-scenarios.sh. Ends with "input-hygiene: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
BUILD=${BUILD:-build}
SIM=$BUILD/mmusim
COSIM=$BUILD/mmucosim
. scripts/testlib.sh
require_bins input-hygiene "build/mmusim build/mmucosim" "$SIM" "$COSIM"

# expect2 NAME FRAGMENT CMD...: exit 2 within 10 s with FRAGMENT in stderr.
expect2() {
    local name=$1 frag=$2 rc
    shift 2
    timeout 10 "$@" > "$TMP/out" 2> "$TMP/err" < /dev/null
    rc=$?
    if [ "$rc" = 2 ] && grep -qF -- "$frag" "$TMP/err"; then
        ok "$name"
    else
        { echo "exit $rc (124: timed out), expected 2 with: $frag"; cat "$TMP/err"; } > "$TMP/why"
        bad "$name" "$TMP/why"
    fi
}

# Each kind of non-file, for both programs
mkfifo "$TMP/fifo"
for prog in mmusim mmucosim; do
    if [ $prog = mmusim ]; then run=("$SIM"); pre=""; else run=("$COSIM" --scenario); pre="mmucosim: scenario: "; fi
    expect2 "$prog: a directory" "${pre}tb/scenarios: is a directory, not a regular file" "${run[@]}" tb/scenarios
    expect2 "$prog: /dev/zero (endless)" "${pre}/dev/zero: is a character device, not a regular file" "${run[@]}" /dev/zero
    expect2 "$prog: a FIFO (no writer: must not block)" "${pre}$TMP/fifo: is a FIFO, not a regular file" "${run[@]}" "$TMP/fifo"
    expect2 "$prog: a missing file" "${pre}$TMP/none.scn: cannot open file: No such file or directory" "${run[@]}" "$TMP/none.scn"
done

# unreadable: as root only a dropped identity sees the permission (setpriv, util-linux)
printf 'idle\n' > "$TMP/noread.scn"
chmod 000 "$TMP/noread.scn"
if [ "$(id -u)" != 0 ]; then
    expect2 "mmusim: an unreadable file" "$TMP/noread.scn: cannot open file: Permission denied" "$SIM" "$TMP/noread.scn"
elif command -v setpriv > /dev/null && chmod 755 "$TMP" &&
    setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$SIM"; then
    expect2 "mmusim: an unreadable file (as uid 65534)" "$TMP/noread.scn: cannot open file: Permission denied" \
        setpriv --reuid=65534 --regid=65534 --clear-groups "$SIM" "$TMP/noread.scn"
else
    echo "note: unreadable-file check skipped (root without setpriv, or $SIM not reachable by uid 65534)"
fi

# a read error in the middle: /proc/self/mem is a regular file whose read at offset 0 fails (EIO)
expect2 "mmusim: a read error (/proc/self/mem)" "/proc/self/mem: read error after 0 bytes: Input/output error" \
    "$SIM" /proc/self/mem

# size limits: a file over 1 MiB (also one without a newline), a line over 4096 bytes
yes idle | head -c $((1024 * 1024 + 5)) > "$TMP/big.scn"
expect2 "mmusim: a file over 1 MiB" "$TMP/big.scn: larger than the 1024 KiB limit" "$SIM" "$TMP/big.scn"
expect2 "mmucosim: a file over 1 MiB" "mmucosim: scenario: $TMP/big.scn: larger than the 1024 KiB limit" \
    "$COSIM" --scenario "$TMP/big.scn"
head -c $((3 * 1024 * 1024)) /dev/zero > "$TMP/zeros.scn"
expect2 "mmusim: 3 MiB of NUL bytes, no newline" "$TMP/zeros.scn: larger than the 1024 KiB limit" "$SIM" "$TMP/zeros.scn"
{ echo idle; printf 'idle 1 #%05000d\n' 0; } > "$TMP/long.scn"
expect2 "mmusim: a 5008-byte line" "$TMP/long.scn:2: line is 5008 bytes long; the limit is 4096" "$SIM" "$TMP/long.scn"
# just under both limits is fine: 4096-byte line
{ printf 'idle 1 #'; printf '%04088d\n' 0; } > "$TMP/edge.scn"
if timeout 10 "$SIM" "$TMP/edge.scn" > "$TMP/out" 2>&1; then ok "mmusim: a 4096-byte line is accepted"; else bad "mmusim: a 4096-byte line" "$TMP/out"; fi
# CRLF line ends are accepted (a CR anywhere else is a non-printable byte)
printf 'idle 2\r\nreset\r\n' > "$TMP/crlf.scn"
if timeout 10 "$SIM" "$TMP/crlf.scn" > "$TMP/out" 2>&1; then ok "mmusim: CRLF line ends"; else bad "mmusim: CRLF line ends" "$TMP/out"; fi
printf 'idle\r 2\n' > "$TMP/cr.scn"
expect2 "mmusim: a CR inside a line" "$TMP/cr.scn:1:5: non-printable byte \\x0d" "$SIM" "$TMP/cr.scn"

# Plusargs: Verilator aborts (SIGABRT) on one it does not know; the harness refuses them first
expect2 "mmucosim +verilator+foo" "unknown Verilator plusarg '+verilator+foo'" "$COSIM" +verilator+foo
expect2 "mmucosim +verilator+seed+0" "+verilator+seed+ needs a decimal integer 1..2147483647" "$COSIM" +verilator+seed+0
expect2 "mmucosim +verilator+seed+x" "+verilator+seed+ needs a decimal integer" "$COSIM" +verilator+seed+x
expect2 "mmucosim +verilator+rand+reset+3" "+verilator+rand+reset+ needs a decimal integer 0..2" "$COSIM" +verilator+rand+reset+3
expect2 "mmucosim +verilator+help" "'+verilator+help' makes the Verilated model stop the program" "$COSIM" +verilator+help
expect2 "mmucosim +foo" "unknown plusarg '+foo'" "$COSIM" +foo
for pa in +verilator+seed+7 +verilator+rand+reset+2 +verilator+noassert +verilator+error+limit+3; do
    if timeout 60 "$COSIM" "$pa" --cycles 2000 --quiet > "$TMP/out" 2>&1; then
        ok "mmucosim $pa: accepted, run passes"
    else
        bad "mmucosim $pa" "$TMP/out"
    fi
done

echo "input-hygiene: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

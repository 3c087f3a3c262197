#!/usr/bin/env bash
# Renders a GTKWave save file to a PNG without a display (Xvfb), as TOOLCHAIN.md describes:
#   xvfb-run -a -s "-screen 0 WxHx24" gtkwave -S grab.tcl view.gtkw
# with grab.tcl holding gtkwave::/File/Grab_To_File and gtkwave::/File/Quit.
# usage: waves/render.sh VIEW.gtkw OUT.png [WIDTHxHEIGHT] [OPTION...]
#          (the size defaults to the view's [size] line); OPTIONs change a copy of the view:
#          --start T  left edge (FST time)    --zoom Z  GTKWave zoom level (200 x 2^Z px per unit)
#          --marker T primary marker          --signals-width W  the signal name pane, pixels
#        waves/render.sh --check              (are gtkwave and xvfb-run installed?)
set -euo pipefail
. "$(dirname "$0")/../scripts/help.sh"

check() {
    local missing=()
    command -v gtkwave > /dev/null || missing+=(gtkwave)
    command -v xvfb-run > /dev/null || missing+=("xvfb-run (package xvfb)")
    if [ ${#missing[@]} -gt 0 ]; then
        echo "waves: cannot render pictures: ${missing[*]} not installed." >&2
        echo "waves: install them with 'make deps' (scripts/install-deps.sh) or" >&2
        echo "waves:   apt-get install -y gtkwave xvfb" >&2
        return 1
    fi
}

if [ "${1:-}" = "--check" ]; then
    check
    exit $?
fi
usage() {
    echo "usage: $0 VIEW.gtkw OUT.png [WIDTHxHEIGHT] [--start T] [--zoom Z] [--marker T] [--signals-width W]" >&2
    exit 2
}
[ $# -lt 2 ] && usage
check
view=$1
src=$1
out=$(realpath -m "$2")
shift 2
size=
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then
    size=$1
    shift
fi
[ -n "$size" ] || size=$(sed -n 's/^\[size\] \([0-9]*\) \([0-9]*\)$/\1x\2/p' "$view" | head -1)
w=${size%x*}
h=${size#*x}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the view's overrides, applied to a copy (the dump file and filter paths in it are absolute)
sedargs=()
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] && [[ "$2" =~ ^-?[0-9]+$ ]] || usage
    case $1 in
    --start) sedargs+=(-e "s/^\[timestart\] .*/[timestart] $2/") ;;
    --zoom) sedargs+=(-e "s/^\*[-0-9.]* /*$2.000000 /") ;;
    --marker) sedargs+=(-e "s/^\(\*[-0-9.]*\) [-0-9]* /\1 $2 /") ;;
    --signals-width) sedargs+=(-e "s/^\[signals_width\] .*/[signals_width] $2/") ;;
    *) usage ;;
    esac
    shift 2
done
if [ ${#sedargs[@]} -gt 0 ]; then
    sed "${sedargs[@]}" "$view" > "$tmp/view.gtkw"
    view=$tmp/view.gtkw
fi
printf 'gtkwave::/File/Grab_To_File %s\ngtkwave::/File/Quit\n' "$out" > "$tmp/grab.tcl"
rm -f "$out"
# The screen is larger than the window: GTKWave grabs its whole window, decorations included.
if ! xvfb-run -a -s "-screen 0 $((w + 100))x$((h + 100))x24" gtkwave -S "$tmp/grab.tcl" "$view" \
    > "$tmp/gtkwave.log" 2>&1 || [ ! -s "$out" ]; then
    cat "$tmp/gtkwave.log" >&2
    echo "waves: gtkwave did not write $out" >&2
    exit 1
fi
echo "waves: $out ($(stat -c %s "$out") bytes) from $src"

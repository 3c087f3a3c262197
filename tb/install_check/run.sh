#!/usr/bin/env bash
# Packaging check of the model: `make install PREFIX=<temp>` (static and shared library, public
# headers, mmumodel.pc, the Python binding), then an outside program (tb/install_check/main.c,
# copied out of the tree) built with nothing but `pkg-config --cflags --libs mmumodel`
# (PKG_CONFIG_PATH into the temporary prefix), linked shared and static, each running a real
# translation; the installed Python binding finds the installed library; DESTDIR staging and
# `make uninstall`. Ends with "install-check: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/help.sh
ROOT=$PWD
BUILD=${BUILD:-build}
CC=${CC:-cc}
BAD_SHOWS_TAIL=1
. scripts/testlib.sh
PREFIX=$TMP/prefix
unset MAKEFLAGS MAKELEVEL MFLAGS

if make --no-print-directory install PREFIX="$PREFIX" > "$TMP/install.log" 2>&1; then
    ok "make install PREFIX=$PREFIX"
else
    bad "make install PREFIX=$PREFIX" "$TMP/install.log"
    finish install-check
    exit 1
fi
missing=
for f in lib/libmmumodel.a lib/libmmumodel.so lib/pkgconfig/mmumodel.pc include/mmumodel/mmu_model.h \
    include/mmumodel/mmu_regs.h share/mmumodel/python/mmu_defs.py \
    include/mmumodel/mmu_enums.h share/mmumodel/python/mmu_model.py; do
    [ -f "$PREFIX/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && ok "installed: lib{mmumodel.a,mmumodel.so}, pkgconfig/mmumodel.pc, include/mmumodel/*.h, the Python binding" ||
    bad "not installed:$missing"

export PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig
ver=$(pkg-config --modversion mmumodel 2>"$TMP/pc.err")
cflags=$(pkg-config --cflags mmumodel 2>>"$TMP/pc.err" | sed "s/ *$//")
libs=$(pkg-config --libs mmumodel 2>>"$TMP/pc.err" | sed "s/ *$//")
if [ -n "$ver" ] && [ "$cflags" = "-I$PREFIX/include/mmumodel" ] && [ "$libs" = "-L$PREFIX/lib -lmmumodel" ]; then
    ok "pkg-config mmumodel $ver: cflags '$cflags', libs '$libs'"
else
    bad "pkg-config: version '$ver', cflags '$cflags', libs '$libs'" "$TMP/pc.err"
fi

# The outside program, compiled away from the source tree.
mkdir -p "$TMP/app"
cp tb/install_check/main.c "$TMP/app/"
cd "$TMP/app"
# shellcheck disable=SC2046
if $CC -std=c11 -Wall -Wextra -Werror main.c $(pkg-config --cflags --libs mmumodel) -o app-shared > build.log 2>&1; then
    ok "cc main.c \$(pkg-config --cflags --libs mmumodel) (shared)"
    lib=$(LD_LIBRARY_PATH=$PREFIX/lib ldd ./app-shared | awk '/libmmumodel/ { print $3 }')
    [ "$lib" = "$PREFIX/lib/libmmumodel.so" ] && ok "the program loads the installed $lib" ||
        bad "the program loads '$lib', not $PREFIX/lib/libmmumodel.so"
    if LD_LIBRARY_PATH=$PREFIX/lib ./app-shared > run-shared.log 2>&1; then
        ok "shared: $(tail -1 run-shared.log)"
    else
        bad "shared program failed" run-shared.log
    fi
else
    bad "building against the installed shared library" build.log
fi
# shellcheck disable=SC2046
if $CC -std=c11 -Wall -Wextra -Werror main.c $(pkg-config --cflags mmumodel) \
    $(pkg-config --static --libs-only-L mmumodel) -Wl,-Bstatic -lmmumodel -Wl,-Bdynamic \
    $(pkg-config --static --libs-only-other mmumodel) -o app-static > build-static.log 2>&1; then
    if ! ldd ./app-static | grep -q libmmumodel && ./app-static > run-static.log 2>&1; then
        ok "static (libmmumodel.a, no LD_LIBRARY_PATH): $(tail -1 run-static.log)"
    else
        bad "static program failed or still needs libmmumodel.so" run-static.log
    fi
else
    bad "building against the installed static library" build-static.log
fi
cd "$ROOT"

# The installed Python binding finds the installed library by itself (no MMU_MODEL_LIB).
PY=/usr/bin/python3
[ -x "$BUILD/py/venv/bin/python" ] && PY=$BUILD/py/venv/bin/python
if out=$(cd "$TMP" && env -u MMU_MODEL_LIB PYTHONPATH="$PREFIX/share/mmumodel/python" "$ROOT/$PY" -c '
import mmu_model as mm, sys
m = mm.MmuModel()
m.csr_write(mm.Csr.BASE, 0x10000); m.csr_write(mm.Csr.BOUNDS, 0x1000)
m.csr_write(mm.Csr.SEGCTL, mm.segctl(mm.SegMode.BASE_BOUNDS))
r = m.translate(0x123, mm.Acc.LOAD, mm.Priv.U)
f = m.translate(0x1000, mm.Acc.LOAD, mm.Priv.U)
assert r.paddr == 0x10123 and f.cause is mm.Cause.BOUNDS and f.exc is mm.Exc.LOAD_ACCESS, (r, f)
print(mm.library_path())
' 2>&1) && [ "$out" = "$PREFIX/lib/libmmumodel.so" ]; then
    ok "installed Python binding: base-and-bounds translation through $out"
else
    bad "installed Python binding: $out"
fi

# DESTDIR staging keeps the final prefix in the .pc file; uninstall removes what install put.
if make --no-print-directory install PREFIX=/opt/mmu DESTDIR="$TMP/stage" > "$TMP/stage.log" 2>&1 &&
    grep -qx 'prefix=/opt/mmu' "$TMP/stage/opt/mmu/lib/pkgconfig/mmumodel.pc" &&
    [ -f "$TMP/stage/opt/mmu/lib/libmmumodel.so" ]; then
    ok "make install DESTDIR=... PREFIX=/opt/mmu: staged, .pc says prefix=/opt/mmu"
else
    bad "DESTDIR staging" "$TMP/stage.log"
fi
if make --no-print-directory uninstall PREFIX="$PREFIX" > "$TMP/uninstall.log" 2>&1 &&
    [ -z "$(find "$PREFIX" -type f)" ]; then
    ok "make uninstall PREFIX=$PREFIX removes every installed file"
else
    bad "make uninstall left: $(find "$PREFIX" -type f | tr '\n' ' ')" "$TMP/uninstall.log"
fi
if make --no-print-directory install PREFIX=relative/dir > "$TMP/rel.log" 2>&1; then
    bad "make install PREFIX=relative/dir should be refused"
    rm -rf relative
else
    grep -q 'PREFIX must be an absolute path' "$TMP/rel.log" && ok "a relative PREFIX is refused" ||
        bad "relative PREFIX: unexpected message" "$TMP/rel.log"
fi
finish install-check

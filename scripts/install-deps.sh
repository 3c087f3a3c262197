#!/usr/bin/env bash
# Makes sure every Debian package the kit's builds and tests use is installed. Each package has a
# probe: a header or library that a target includes or links, or a program that a recipe runs
# (the table below says which target needs it). As root the missing ones are installed with
# apt-get (waiting for another apt/dpkg process that holds the lock); otherwise every missing
# package is named in one message and the exit status is 1.
#
#   install-deps.sh            probe; as root install what is missing
#   install-deps.sh --check    probe only; name what is missing (exit 1), never install
#   install-deps.sh --list     print the package table (package, probe, what needs it)
#   install-deps.sh --pypi VENV REQUIREMENTS
#                              create the Python venv VENV from /usr/bin/python3 and pip-install
#                              REQUIREMENTS into it (make py-venv; see below)
#   install-deps.sh --help
# Environment: MMU_APT_LOCK_WAIT (seconds to wait for the apt/dpkg lock, default 300),
# MMU_PYTHON (interpreter of the venv, default /usr/bin/python3).
set -euo pipefail
. "$(dirname "$0")/help.sh"

# ---- the package table ----------------------------------------------------------------------
# package | probe | needed by
# A probe is a path (a glob is allowed: the first match counts), or "cmd:SHELL" (exit 0 = there).
# The multiarch library folder is /usr/lib/<triplet>; the glob covers every architecture.
PY=${MMU_PYTHON:-/usr/bin/python3}
PACKAGES=$(cat <<EOF
make|/usr/bin/make|every build
g++|/usr/bin/g++|the harnesses, tests and the Verilated C++
gcc|/usr/bin/gcc|the C model (model/*.c)
verilator|/usr/share/verilator/include/verilated.h|every RTL build (lockstep, SystemC, DPI, cocotb, lint)
zlib1g-dev|/usr/include/zlib.h|Verilator's FST writer (verilated_fst_c.h includes zlib.h): the lockstep waves
libgtest-dev|/usr/lib/*/libgtest.a|the unit tests (tb/unit, gtest/gtest.h, -lgtest)
libsystemc-dev|/usr/include/systemc.h|the SystemC lockstep (csim/sc, -lsystemc)
ccache|/usr/bin/ccache|every compile (OBJCACHE, CXX through ccache)
pkg-config|/usr/bin/pkg-config|make install-check (pkg-config mmumodel)
gtkwave|/usr/bin/gtkwave|make waves and the waves test (headless rendering)
xvfb|/usr/bin/xvfb-run|make waves and the waves test (a display for gtkwave)
xauth|/usr/bin/xauth|xvfb-run (it creates an X authority file with xauth)
valgrind|/usr/bin/valgrind|make study and tb/os/study-test.sh (lackey traces of tb/os/programs)
clang|/usr/bin/clang|make fuzz and tb/fuzz/fuzz-test.sh (libFuzzer targets, -fsanitize=fuzzer,address,undefined)
libclang-rt-14-dev|/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a|make fuzz and tb/fuzz/fuzz-test.sh (clang 14's libFuzzer, ASan and UBSan runtimes)
lcov|/usr/bin/genhtml|make coverage (lcov, genhtml: the code-coverage reports)
parallel|/usr/bin/parallel|scripts/regress.sh --backend parallel (GNU parallel; tb/regress/backend-test.sh)
munge|/usr/sbin/munged|the SLURM backend's authentication (tb/regress/backend-test.sh starts its own munged)
slurmctld|/usr/sbin/slurmctld|the one-node SLURM cluster of tb/regress/backend-test.sh (scripts/slurm-local.sh)
slurmd|/usr/sbin/slurmd|the one-node SLURM cluster of tb/regress/backend-test.sh (scripts/slurm-local.sh)
slurm-client|/usr/bin/sbatch|scripts/regress.sh --backend slurm (sbatch, squeue)
gnuplot-nox|/usr/bin/gnuplot|mmustudy --sweep's PNG plots (make study, tb/os/study-test.sh)
python3|$PY|the Python binding, cocotb, FuseSoC, the JUnit test
python3-venv|cmd:$PY -c 'import ensurepip, venv'|the venv build/py/venv (PyPI packages)
python3-dev|cmd:$PY -c 'import os, sysconfig as s; h = os.path.join(s.get_paths()["include"], "Python.h"); l = os.path.join(s.get_config_var("LIBDIR"), s.get_config_var("LDLIBRARY")); assert os.path.exists(h) and os.path.exists(l.replace(".a", ".so"))'|cocotb's Verilator build (Python.h, libpython3.X.so)
EOF
)

probe() {  # probe SPEC: exit 0 if satisfied
    local spec=$1 f
    if [[ $spec == cmd:* ]]; then
        bash -c "${spec#cmd:}" > /dev/null 2>&1
        return
    fi
    for f in $spec; do
        [ -e "$f" ] && return 0
    done
    return 1
}

missing_packages() {
    local pkg spec why
    while IFS='|' read -r pkg spec why; do
        [ -n "$pkg" ] || continue
        probe "$spec" || printf '%s\n' "$pkg"
    done <<< "$PACKAGES"
}

# ---- apt with a wait for the lock -------------------------------------------------------------
# Another apt-get or dpkg (unattended-upgrades, a second make) may hold the lock: wait for it,
# saying so, instead of failing at once.
apt_locked() { grep -qE 'Could not get lock|Unable to lock|Unable to acquire the dpkg frontend lock|dpkg was interrupted' "$1"; }
apt_run() {
    local wait=${MMU_APT_LOCK_WAIT:-300} waited=0 log rc
    log=$(mktemp)
    while :; do
        set +e
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=10 "$@" > "$log" 2>&1
        rc=$?
        set -e
        if [ "$rc" = 0 ]; then rm -f "$log"; return 0; fi
        if apt_locked "$log" && [ "$waited" -lt "$wait" ]; then
            echo "install-deps: another apt/dpkg process holds the package lock; waiting (${waited} s of ${wait} s)"
            sleep 5
            waited=$((waited + 15))  # the 10 s lock timeout of apt-get itself, plus the sleep
            continue
        fi
        cat "$log" >&2
        rm -f "$log"
        echo "install-deps: 'apt-get $*' failed (exit $rc)" >&2
        return "$rc"
    done
}

install_missing() {  # install_missing PKG...
    echo "install-deps: installing $*"
    apt_run update -qq
    apt_run install -y -qq --no-install-recommends "$@"
}

# ---- PyPI: the Python tests, cocotb and FuseSoC -------------------------------------------------
# The venv VENV (build/py/venv) is made from Debian's /usr/bin/python3 (override: MMU_PYTHON) and
# REQUIREMENTS (tb/python/requirements.txt) are pip-installed into it. Why this interpreter:
# cocotb's Verilator build embeds libpython, which Debian's python3 provides as a shared library
# (libpython3.11.so from python3-dev), and the python3 first on PATH may be another interpreter
# (pyenv) that is absent on CI. Why a venv: Debian 12's python3 is "externally managed" (PEP 668),
# so a plain `pip install` would need --break-system-packages and root; a venv under build/ needs
# neither and is removed with build/. The Debian packages it needs are in the table above.
pypi_section() {
    local venv=$1 reqs=$2 pkgs
    local need
    need=$(missing_packages | grep -xE 'python3|python3-venv|python3-dev' || true)
    if [ -n "$need" ]; then
        # shellcheck disable=SC2086
        report_or_install $need
    fi
    if [ -e "$venv" ] && ! "$venv/bin/python" -c 'pass' 2>/dev/null; then
        echo "install-deps: $venv is broken; creating it again"
        rm -rf "$venv"
    fi
    if [ ! -e "$venv/bin/python" ]; then
        echo "install-deps: creating the Python venv $venv from $PY ($("$PY" --version 2>&1))"
        "$PY" -m venv "$venv"
    fi
    pkgs=$(grep -Ev '^[[:space:]]*(#|$)' "$reqs" | tr '\n' ' ')
    echo "install-deps: pip install into $venv: $pkgs"
    if ! "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$reqs"; then
        echo "install-deps: pip could not install the PyPI packages $pkgs into $venv" >&2
        echo "install-deps: (is PyPI reachable? pip's message is above)" >&2
        exit 1
    fi
    echo "install-deps: venv ready: $("$venv/bin/python" -m pip list --format=freeze 2>/dev/null |
        grep -iE "^($(grep -Ev '^[[:space:]]*(#|$)' "$reqs" | sed 's/[=<>~!].*//' | paste -sd'|'))==" |
        paste -sd' ')"
}

# report_or_install PKG...: as root install them; otherwise name them all and exit 1.
report_or_install() {
    if [ "$(id -u)" -ne 0 ] || [ "${CHECK_ONLY:-0}" = 1 ]; then
        echo "install-deps: missing Debian packages: $*" >&2
        echo "install-deps: install them with 'sudo apt-get install -y --no-install-recommends $*'," >&2
        echo "install-deps: or run make as root, which installs them itself" >&2
        exit 1
    fi
    install_missing "$@"
    local still
    still=$(missing_packages | grep -xF -f <(printf '%s\n' "$@") || true)
    if [ -n "$still" ]; then
        echo "install-deps: installed, but the probe still fails for: $(echo $still)" >&2
        exit 1
    fi
}

case "${1:-}" in
--list)
    printf '%-16s %-50s %s\n' package probe "needed by"
    while IFS='|' read -r pkg spec why; do
        [ -n "$pkg" ] && printf '%-16s %-50.50s %s\n' "$pkg" "$spec" "$why"
    done <<< "$PACKAGES"
    exit 0 ;;
--pypi)
    [ $# -eq 3 ] || { echo "usage: install-deps.sh --pypi VENV REQUIREMENTS" >&2; exit 2; }
    pypi_section "$2" "$3"
    exit 0 ;;
--check) CHECK_ONLY=1 ;;
"") ;;
*) echo "install-deps.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
esac

missing=$(missing_packages)
[ -z "$missing" ] && exit 0
# shellcheck disable=SC2086
report_or_install $missing

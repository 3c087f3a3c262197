#!/usr/bin/env bash
# Makes sure the Debian packages the kit needs are present. As root it installs what is missing
# with apt-get; otherwise it names the missing packages and exits 1.
#
#   install-deps.sh --pypi VENV REQUIREMENTS   the PyPI section only (see below)
set -euo pipefail

# ---- PyPI: the Python tests, cocotb and FuseSoC -------------------------------------------------
# `install-deps.sh --pypi VENV REQUIREMENTS` (run by tb/interop.mk as `make py-venv`): creates the
# virtual environment VENV (build/py/venv) from Debian's /usr/bin/python3 (override: MMU_PYTHON)
# and pip-installs REQUIREMENTS (tb/python/requirements.txt: cocotb==1.8.1, fusesoc, pytest) into
# it. Why this interpreter: cocotb's Verilator build embeds libpython, which Debian's python3
# provides as a shared library (libpython3.11.so from python3-dev), and the python3 first on PATH
# may be another interpreter (pyenv) that is absent on CI. Why a venv: Debian 12's python3 is
# "externally managed" (PEP 668), so a plain `pip install` would need --break-system-packages and
# root; a venv under build/ needs neither and is removed with build/. Debian packages it needs
# (python3-venv, python3-dev) are installed as root, or named when not root.
pypi_section() {
    local venv=$1 reqs=$2
    local py=${MMU_PYTHON:-/usr/bin/python3}
    local need=()
    [ -x "$py" ] || need+=(python3)
    if [ ${#need[@]} -eq 0 ]; then
        "$py" -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
        "$py" - <<'PYEOF' 2>/dev/null || need+=(python3-dev)
import os, sysconfig
lib = os.path.join(sysconfig.get_config_var("LIBDIR"), sysconfig.get_config_var("LDLIBRARY"))
assert sysconfig.get_config_var("Py_ENABLE_SHARED") or os.path.exists(lib.replace(".a", ".so"))
PYEOF
    fi
    if [ ${#need[@]} -gt 0 ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "install-deps: the Python tests need the Debian packages: ${need[*]}" >&2
            echo "install-deps: run 'sudo apt-get install -y ${need[*]}' or run make as root" >&2
            exit 1
        fi
        echo "install-deps: installing ${need[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
    if [ -e "$venv" ] && ! "$venv/bin/python" -c 'pass' 2>/dev/null; then
        echo "install-deps: $venv is broken; creating it again"
        rm -rf "$venv"
    fi
    if [ ! -e "$venv/bin/python" ]; then
        echo "install-deps: creating the Python venv $venv from $py ($("$py" --version 2>&1))"
        "$py" -m venv "$venv"
    fi
    local pkgs
    pkgs=$(grep -Ev '^[[:space:]]*(#|$)' "$reqs" | tr '\n' ' ')
    echo "install-deps: pip install into $venv: $pkgs"
    if ! "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$reqs"; then
        echo "install-deps: pip could not install the PyPI packages $pkgs into $venv" >&2
        echo "install-deps: (is PyPI reachable? pip's message is above)" >&2
        exit 1
    fi
    "$venv/bin/python" - <<'PYEOF'
import importlib.metadata as md
print("install-deps: venv ready:", ", ".join(f"{p} {md.version(p)}" for p in ("cocotb", "fusesoc", "edalize", "pytest")))
PYEOF
}

if [ "${1:-}" = --pypi ]; then
    [ $# -eq 3 ] || { echo "usage: install-deps.sh --pypi VENV REQUIREMENTS" >&2; exit 2; }
    pypi_section "$2" "$3"
    exit 0
fi

# package -> a file or command that proves it is installed
declare -A probe=(
    [verilator]=/usr/bin/verilator
    [g++]=/usr/bin/g++
    [make]=/usr/bin/make
    [libgtest-dev]=/usr/include/gtest/gtest.h
    [libsystemc-dev]=/usr/include/systemc.h
    [gtkwave]=/usr/bin/gtkwave
    [xvfb]=/usr/bin/xvfb-run
    [yosys]=/usr/bin/yosys
    [iverilog]=/usr/bin/iverilog
    [python3]=/usr/bin/python3
    [ccache]=/usr/bin/ccache
    [pkg-config]=/usr/bin/pkg-config
)

missing=()
for pkg in "${!probe[@]}"; do
    [ -e "${probe[$pkg]}" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing Debian packages: ${missing[*]}" >&2
    echo "install-deps: run 'sudo apt-get install -y ${missing[*]}' or run make as root" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for pkg in "${missing[@]}"; do
    if [ ! -e "${probe[$pkg]}" ]; then
        echo "install-deps: $pkg installed but ${probe[$pkg]} is still missing" >&2
        exit 1
    fi
done

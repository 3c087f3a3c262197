#!/usr/bin/env bash
# Makes sure the Debian packages the kit needs are present. As root it installs what is missing
# with apt-get; otherwise it names the missing packages and exits 1.
set -euo pipefail

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

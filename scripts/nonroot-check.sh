#!/usr/bin/env bash
# Run as root on a machine that lacks some of the kit's Debian packages (CI's fresh root): as an
# unprivileged user, `make cosim` and `make test` must each stop within MMU_NONROOT_SECS seconds
# (default 60), exit non-zero, install nothing, and name in one message every package that
# `scripts/install-deps.sh --check` finds missing. The user (mmu-nonroot) and its copy of the
# repository are made here. Ends with "nonroot: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/help.sh
. scripts/testlib.sh
LIMIT=${MMU_NONROOT_SECS:-60}
[ "$(id -u)" = 0 ] || { echo "nonroot-check: run me as root (I make the unprivileged user)"; exit 2; }
missing=$(bash scripts/install-deps.sh --check 2>&1 | sed -n 's/^install-deps: missing Debian packages: //p')
if [ -z "$missing" ]; then
    echo "nonroot-check: nothing is missing on this machine; the check needs a fresh one"
    echo "nonroot: 0 passed, 1 failed"
    exit 1
fi
echo "nonroot-check: missing here: $missing"
id mmu-nonroot > /dev/null 2>&1 || useradd -m mmu-nonroot
home=$(getent passwd mmu-nonroot | cut -d: -f6)
rm -rf "$home/project"
git -c safe.directory='*' clone -q . "$home/project"
chown -R mmu-nonroot: "$home/project"
before=$(dpkg-query -W -f '${Package}\n' | sort | md5sum)
for target in cosim test; do
    log=$TMP/$target.log
    t0=$(date +%s)
    timeout "$LIMIT" runuser -u mmu-nonroot -- make -C "$home/project" "$target" > "$log" 2>&1
    rc=$?
    took=$(($(date +%s) - t0))
    named=$(sed -n 's/^install-deps: missing Debian packages: //p' "$log")
    if [ "$rc" = 124 ]; then
        bad "make $target as a user: still running after $LIMIT s" "$log"
    elif [ "$rc" = 0 ]; then
        bad "make $target as a user: exit 0 without the packages" "$log"
    elif [ "$(wc -l < <(grep '^install-deps: missing Debian packages:' "$log"))" != 1 ]; then
        bad "make $target as a user: not one message naming the packages" "$log"
    elif [ "$(tr ' ' '\n' <<< "$named" | sort)" != "$(tr ' ' '\n' <<< "$missing" | sort)" ]; then
        bad "make $target as a user: named '$named', missing '$missing'" "$log"
    else
        ok "make $target as a user: exit $rc after $took s, named: $named"
    fi
done
after=$(dpkg-query -W -f '${Package}\n' | sort | md5sum)
[ "$before" = "$after" ] && ok "nothing was installed by the user's runs" || bad "packages changed during the user's runs"
finish nonroot

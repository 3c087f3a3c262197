#!/usr/bin/env bash
# Runs commands in a brand-new Debian 12 (bookworm) root, the way a container CI job would: what a
# new user's machine has, and nothing the project installed before. .ci/run uses it, so CI proves
# the README's commands on a fresh machine instead of on one where the packages happen to be.
#
#   fresh-root.sh [options] 'CMD' ['CMD'...]
#     Each CMD runs as root with bash -lc in /root/project (a git clone of this repository's
#     HEAD: only committed files), in a clean environment, stdin from /dev/null, its output
#     streamed and kept in a log. The commands share one root, one after the other; the exit
#     status is 0 if every command passed, 1 if one failed (the rest are skipped), 3 if the root
#     could not be made (not root, no unshare/debootstrap, no mirror).
#   --cache DIR     where the base root is cached (default /var/cache/mmu-fresh-root): only the
#                   base system, as debootstrap and the standard task leave it, is ever cached
#   --rebuild       bootstrap the base root again even if it is cached
#   --keep          keep the unpacked root afterwards (its path is printed)
#   --log DIR       logs per command (default: a new folder under the cache)
#
# The base root: debootstrap's default variant from this machine's Debian mirror and proxy, then
# every Priority: standard package of bookworm (what the installer's "standard system
# utilities" installs) and build-essential, git, make, ca-certificates and sudo. This machine's
# apt sources, extra CA certificates and pip configuration are copied in, so that the root
# reaches Debian's packages and PyPI the way this machine does. The run happens in private
# mount, PID, UTS and IPC namespaces (unshare): nothing is mounted outside, and every process
# started inside ends with it.
set -euo pipefail
. "$(dirname "$0")/help.sh"

SELF=$(readlink -f "$0")
REPO=$(cd "$(dirname "$SELF")/.." && pwd)
CACHE=/var/cache/mmu-fresh-root
REBUILD=0
KEEP=0
LOGDIR=
SUITE=bookworm
EXTRA_PACKAGES="build-essential git make ca-certificates sudo"
PATH_IN_ROOT=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { printf 'fresh-root: %s\n' "$*" >&2; }
cannot() { say "cannot make a fresh root: $*"; exit 3; }
secs_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }'; }

# ---- mounts inside a private mount namespace ---------------------------------------------------
mount_root() {
    local r=$1 n
    mount -t proc proc "$r/proc"
    mount -t sysfs -o ro sysfs "$r/sys"
    mount -t tmpfs -o mode=755,size=16m tmpfs "$r/dev"
    for n in null zero full random urandom tty; do
        : > "$r/dev/$n"
        mount --bind "/dev/$n" "$r/dev/$n"
    done
    mkdir -p "$r/dev/pts" "$r/dev/shm"
    mount -t devpts -o newinstance,ptmxmode=0666 devpts "$r/dev/pts"
    mount -t tmpfs -o mode=1777 tmpfs "$r/dev/shm"
    ln -s pts/ptmx "$r/dev/ptmx"
    ln -s /proc/self/fd "$r/dev/fd"
    ln -s /proc/self/fd/0 "$r/dev/stdin"
    ln -s /proc/self/fd/1 "$r/dev/stdout"
    ln -s /proc/self/fd/2 "$r/dev/stderr"
}
in_root() {  # in_root ROOT CMD...: a clean environment, as a fresh login would have
    local r=$1
    shift
    env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb PATH="$PATH_IN_ROOT" \
        DEBIAN_FRONTEND=noninteractive chroot "$r" "$@"
}

# ---- this machine's apt and network configuration ------------------------------------------------
host_mirror() {
    apt-get indextargets --format '$(SITE) $(RELEASE)' 'Identifier: Packages' 2>/dev/null |
        awk -v s="$SUITE" '$2 == s { print $1; exit }'
}
host_proxy() { apt-config dump 2>/dev/null | sed -n 's/^Acquire::http::Proxy "\(.*\)";$/\1/p' | head -1; }
host_apt_files() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
             /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
        [ -f "$f" ] && [ -s "$f" ] || continue
        case "$f" in
        /etc/apt/apt.conf.d/*) dpkg -S "$f" > /dev/null 2>&1 && ! grep -qi proxy "$f" && continue ;;
        esac
        echo "$f"
    done
}
copy_host_config() {  # the apt sources (and keyrings), DNS, CA certificates and pip config
    local r=$1 f k
    rm -f "$r/etc/apt/sources.list"
    for f in $(host_apt_files); do
        install -D -m 644 "$f" "$r$f"
        for k in $(grep -ohiE 'signed-by[=:] *[^] ]+' "$f" 2>/dev/null | sed 's/.*[=:] *//'); do
            [ -f "$k" ] && [ ! -e "$r$k" ] && install -D -m 644 "$k" "$r$k"
        done
    done
    network_config "$r"
}
network_config() {
    local r=$1
    cp -L /etc/resolv.conf "$r/etc/resolv.conf"
    { cat /etc/hosts; printf '127.0.1.1\tfresh\n'; } > "$r/etc/hosts"
    if compgen -G '/usr/local/share/ca-certificates/*.crt' > /dev/null; then
        mkdir -p "$r/usr/local/share/ca-certificates"
        cp /usr/local/share/ca-certificates/*.crt "$r/usr/local/share/ca-certificates/"
        [ -f "$r/etc/ssl/certs/ca-certificates.crt" ] &&
            cat /usr/local/share/ca-certificates/*.crt >> "$r/etc/ssl/certs/ca-certificates.crt"
    fi
    [ -f /etc/pip.conf ] && cp -L /etc/pip.conf "$r/etc/pip.conf"
    return 0
}

cache_key() {
    { echo "$SUITE $(dpkg --print-architecture) $(host_mirror) $(host_proxy) $EXTRA_PACKAGES v1"
      for f in $(host_apt_files); do echo "$f"; cat "$f"; done; } | sha256sum | cut -c1-12
}

# ---- the base root ----------------------------------------------------------------------------
# Inside a private mount namespace: the standard task and the extras, no service started.
base_stage2() {
    local r=$1
    mount_root "$r"
    in_root "$r" apt-get update -qq
    in_root "$r" apt-get -y -qq dist-upgrade > /dev/null
    local std
    std=$(in_root "$r" apt-cache dumpavail |
        awk -v RS= '/\nPriority: standard\n/ && /\nSection: / { if (match($0, /^Package: [^\n]+/)) print substr($0, 10, RLENGTH - 9) }' |
        sort -u | tr '\n' ' ')
    say "standard task: $(wc -w <<< "$std") packages, plus $EXTRA_PACKAGES"
    # shellcheck disable=SC2086
    in_root "$r" apt-get install -y -qq $std $EXTRA_PACKAGES > /dev/null
    in_root "$r" apt-get clean
}
build_base() {
    local tarball=$1 b t0 mirror
    mirror=$(host_mirror)
    [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
    b=$(mktemp -d "$CACHE/build.XXXX")
    t0=$(date +%s.%N)
    say "bootstrapping Debian $SUITE from $mirror into $b (once; cached as $tarball)"
    local proxy
    proxy=$(host_proxy)
    if ! env ${proxy:+http_proxy=$proxy} unshare --mount --propagation private \
        debootstrap --arch="$(dpkg --print-architecture)" "$SUITE" "$b/root" "$mirror" > "$b.log" 2>&1; then
        tail -20 "$b.log" >&2
        rm -rf --one-file-system "$b"
        cannot "debootstrap failed (log: $b.log)"
    fi
    copy_host_config "$b/root"
    printf '#!/bin/sh\nexit 101\n' > "$b/root/usr/sbin/policy-rc.d"  # never start a service
    chmod 755 "$b/root/usr/sbin/policy-rc.d"
    echo fresh > "$b/root/etc/hostname"
    if ! unshare --mount --pid --fork --propagation private "$SELF" --_stage2 "$b/root" >> "$b.log" 2>&1; then
        tail -20 "$b.log" >&2
        rm -rf --one-file-system "$b"
        cannot "installing the standard task failed (log: $b.log)"
    fi
    rm -f "$b/root/etc/resolv.conf"
    : > "$b/root/etc/machine-id"
    rm -rf "$b/root/tmp/"* "$b/root/var/tmp/"*
    tar --numeric-owner -C "$b/root" -I 'zstd -T0 -3 -q' -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -rf --one-file-system "$b" "$b.log"
    say "base root built in $(secs_since "$t0") s ($(du -h "$tarball" | cut -f1))"
}

# ---- a run: inside private mount/PID/UTS/IPC namespaces; we are PID 1 -------------------------
run_stage() {
    local r=$1 logs=$2
    shift 2
    trap 'kill -KILL -1 2>/dev/null || true' EXIT  # every process started in the root ends here
    hostname fresh
    mount_root "$r"
    local i=0 cmd rc t0
    for cmd in "$@"; do
        i=$((i + 1))
        say "[$i/$#] \$ $cmd"
        t0=$(date +%s.%N)
        set +e
        in_root "$r" /bin/bash -lc "cd /root/project && $cmd" < /dev/null 2>&1 | tee "$logs/cmd$i.log"
        rc=${PIPESTATUS[0]}
        set -e
        say "[$i/$#] exit $rc after $(secs_since "$t0") s (log: $logs/cmd$i.log)"
        [ "$rc" = 0 ] || return 1
    done
}

case "${1:-}" in
--_stage2) base_stage2 "$2"; exit ;;
--_run) shift; run_stage "$@"; exit ;;
esac

while [ $# -gt 0 ]; do
    case "$1" in
    --cache) CACHE=$2; shift 2 ;;
    --rebuild) REBUILD=1; shift ;;
    --keep) KEEP=1; shift ;;
    --log) LOGDIR=$2; shift 2 ;;
    --) shift; break ;;
    -*) say "unknown option '$1' (see --help)"; exit 2 ;;
    *) break ;;
    esac
done
[ $# -ge 1 ] || { say "usage: fresh-root.sh [options] 'CMD' ['CMD'...] (see --help)"; exit 2; }
[ "$(id -u)" = 0 ] || cannot "it needs root (debootstrap, chroot, mount namespaces)"
unshare --mount --pid --fork true 2> /dev/null || cannot "unshare of mount/PID namespaces is not permitted here"
for tool in debootstrap zstd; do
    if ! command -v "$tool" > /dev/null; then
        say "installing $tool on this machine"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" > /dev/null 2>&1 ||
            { apt-get update -qq > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" > /dev/null 2>&1; } ||
            cannot "$tool is not installed and apt-get could not install it"
    fi
done

mkdir -p "$CACHE"
TARBALL=$CACHE/$SUITE-$(dpkg --print-architecture)-$(cache_key).tar.zst
exec 9> "$CACHE/.lock"
flock 9
if [ "$REBUILD" = 1 ] || [ ! -s "$TARBALL" ]; then
    build_base "$TARBALL"
    for old in "$CACHE"/"$SUITE"-*.tar.zst; do [ "$old" = "$TARBALL" ] || rm -f "$old"; done
else
    say "base root from the cache: $TARBALL"
fi
flock -u 9

T0=$(date +%s.%N)
RUN=$(mktemp -d "${TMPDIR:-/tmp}/mmu-fresh-run.XXXX")
LOGDIR=${LOGDIR:-$RUN/logs}
mkdir -p "$RUN/root" "$LOGDIR"
cleanup() {
    if [ "$KEEP" = 1 ]; then say "kept the root: $RUN/root"; return; fi
    if awk -v r="$RUN/" 'index($5, r) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
        say "mounts left under $RUN; not removing it"
        return
    fi
    rm -rf --one-file-system "$RUN/root"
}
trap cleanup EXIT
tar --numeric-owner -I zstd -C "$RUN/root" -xpf "$TARBALL"
network_config "$RUN/root"
git -c safe.directory='*' clone -q --no-hardlinks "$REPO" "$RUN/root/root/project"
git -C "$RUN/root/root/project" checkout -q --detach "$(git -c safe.directory='*' -C "$REPO" rev-parse HEAD)"
dirty=$(git -c safe.directory='*' -C "$REPO" status --porcelain | wc -l)
[ "$dirty" = 0 ] || say "warning: $dirty uncommitted paths are not in the fresh root (only HEAD is)"
say "fresh root ready in $(secs_since "$T0") s: $(git -C "$RUN/root/root/project" log -1 --format='%h %s')"

set +e
unshare --mount --pid --uts --ipc --fork --propagation private --kill-child "$SELF" --_run \
    "$RUN/root" "$LOGDIR" "$@"
rc=$?
set -e
say "$([ "$rc" = 0 ] && echo "every command passed" || echo "FAILED") in $(secs_since "$T0") s; logs in $LOGDIR"
[ "$rc" = 0 ] || exit 1

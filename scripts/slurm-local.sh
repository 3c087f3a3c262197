#!/usr/bin/env bash
# A one-node SLURM cluster on the loopback interface, for testing `scripts/regress.sh --backend
# slurm` (tb/regress/backend-test.sh) and for trying the backend without a cluster: munged with
# its own key and socket, slurmctld and slurmd (NodeName=localhost NodeAddr=127.0.0.1,
# proctrack/linuxproc, task/none, no accounting, no systemd), every file under DIR, free TCP ports
# chosen at start. Needs Debian's slurmctld, slurmd, slurm-client and munge.
#
#   slurm-local.sh start DIR   start it; prints "export SLURM_CONF=DIR/slurm.conf" (also in DIR/env)
#   slurm-local.sh stop DIR    stop every daemon it started (scontrol shutdown, then the pid
#                              files; munged last) and check that none is left running
set -uo pipefail
cmd=${1:-}
DIR=${2:-}
[ -n "$cmd" ] && [ -n "$DIR" ] || { echo "usage: slurm-local.sh start|stop DIR" >&2; exit 2; }
DIR=$(mkdir -p "$DIR" && cd "$DIR" && pwd)
export SLURM_CONF=$DIR/slurm.conf

free_port() {  # a TCP port nothing listens on (bash's /dev/tcp: a refused connection is free)
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 20000))
        (echo > "/dev/tcp/127.0.0.1/$p") 2> /dev/null || { echo "$p"; return; }
    done
    echo "slurm-local: no free port found" >&2
    exit 1
}

case "$cmd" in
start)
    for t in /usr/sbin/munged /usr/sbin/slurmctld /usr/sbin/slurmd sbatch squeue scontrol sinfo; do
        command -v "$t" > /dev/null || { echo "slurm-local: $t is missing (apt-get install munge slurmctld slurmd slurm-client)" >&2; exit 2; }
    done
    mkdir -p "$DIR/munge" "$DIR/state" "$DIR/spool"
    chmod 700 "$DIR/munge"
    head -c 1024 /dev/urandom > "$DIR/munge/munge.key"
    chmod 600 "$DIR/munge/munge.key"
    /usr/sbin/munged --force --socket="$DIR/munge/socket" --key-file="$DIR/munge/munge.key" \
        --log-file="$DIR/munge/munged.log" --pid-file="$DIR/munge/munged.pid" --seed-file="$DIR/munge/seed" ||
        { echo "slurm-local: munged did not start:"; cat "$DIR/munge/munged.log"; exit 1; }
    user=$(id -un)
    cpus=$(nproc)
    cat > "$SLURM_CONF" <<EOF
# written by scripts/slurm-local.sh: a one-node test cluster on 127.0.0.1
ClusterName=mmukit
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
AuthInfo=socket=$DIR/munge/socket
CredType=cred/munge
SlurmUser=$user
SlurmdUser=$user
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=mmu Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
    # slurmd 22.05 initialises its cgroup plugin even with proctrack/linuxproc and task/none, and
    # fails where no cgroup file system is mounted (a fresh root in a mount namespace, some
    # containers). There, as root, mount a v1 freezer hierarchy under DIR and point cgroup.conf
    # at it (cgroup/v2 refuses a host that also has v1 controllers: "Hybrid mode").
    if ! grep -qE ' /sys/fs/cgroup(/[^ ]*)? (cgroup|cgroup2) ' /proc/self/mounts 2> /dev/null; then
        if [ "$(id -u)" = 0 ] && mkdir -p "$DIR/cgroup" && mount -t tmpfs none "$DIR/cgroup" 2> "$DIR/cgroup.err" &&
            mkdir -p "$DIR/cgroup/freezer" && mount -t cgroup -o freezer none "$DIR/cgroup/freezer" 2>> "$DIR/cgroup.err"; then
            printf 'CgroupPlugin=cgroup/v1\nCgroupMountpoint=%s\n' "$DIR/cgroup" > "$DIR/cgroup.conf"
        elif [ "$(id -u)" = 0 ] && { mountpoint -q "$DIR/cgroup" || mount -t tmpfs none "$DIR/cgroup"; } &&
            mkdir -p "$DIR/cgroup/unified" && mount -t cgroup2 none "$DIR/cgroup/unified" 2>> "$DIR/cgroup.err"; then
            # a host without v1 controllers (cgroup v2 only)
            printf 'CgroupPlugin=cgroup/v2\nCgroupMountpoint=%s\nIgnoreSystemd=yes\n' "$DIR/cgroup/unified" > "$DIR/cgroup.conf"
        else
            echo "slurm-local: no cgroup file system at /sys/fs/cgroup and none could be mounted under $DIR ($(cat "$DIR/cgroup.err" 2> /dev/null)); slurmd needs one" >&2
            exit 1
        fi
    fi
    /usr/sbin/slurmctld -c -i || { echo "slurm-local: slurmctld did not start:"; tail -20 "$DIR/slurmctld.log"; exit 1; }
    /usr/sbin/slurmd -N localhost || { echo "slurm-local: slurmd did not start:"; tail -20 "$DIR/slurmd.log"; exit 1; }
    for _ in $(seq 1 100); do
        sinfo -h -o %T 2> /dev/null | grep -qx idle && break
        sleep 0.1
    done
    if ! sinfo -h -o %T 2> /dev/null | grep -qx idle; then
        echo "slurm-local: the node did not become idle:"
        sinfo 2>&1; tail -10 "$DIR/slurmctld.log" "$DIR/slurmd.log"
        exit 1
    fi
    echo "export SLURM_CONF=$SLURM_CONF" | tee "$DIR/env"
    ;;
stop)
    [ -f "$SLURM_CONF" ] && scontrol shutdown > /dev/null 2>&1
    for pf in "$DIR/slurmd.pid" "$DIR/slurmctld.pid"; do
        [ -f "$pf" ] || continue
        pid=$(cat "$pf")
        for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2> /dev/null && echo "slurm-local: $pf ($pid) had to be killed"
    done
    if [ -S "$DIR/munge/socket" ]; then
        /usr/sbin/munged --stop --socket="$DIR/munge/socket" > /dev/null 2>&1
    fi
    for m in "$DIR/cgroup/freezer" "$DIR/cgroup/unified" "$DIR/cgroup"; do
        if mountpoint -q "$m" 2> /dev/null; then
            umount "$m" 2> /dev/null || umount -l "$m"
        fi
    done
    left=""
    for pf in "$DIR/slurmd.pid" "$DIR/slurmctld.pid" "$DIR/munge/munged.pid"; do
        [ -f "$pf" ] && kill -0 "$(cat "$pf")" 2> /dev/null && left="$left $pf"
    done
    [ -z "$left" ] || { echo "slurm-local: still running:$left" >&2; exit 1; }
    ;;
*) echo "usage: slurm-local.sh start|stop DIR" >&2; exit 2 ;;
esac

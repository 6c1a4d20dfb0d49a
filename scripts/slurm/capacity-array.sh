#!/usr/bin/env bash
# Runs a capacity sweep as a Slurm job array on a local single-node Slurm, merges the shards with `plasticity merge`,
# and compares the merged CSV and JSON byte for byte with an unsharded run of the same sweep.
#
#   scripts/slurm/capacity-array.sh [PATH/plasticity.dll]
#
# Set-up exactly as ../shared/references/slurm-local.md (Debian 12, root, no systemd): apt-get installs slurm-wlm and
# munge if missing, munged is started, slurm.conf is written into a temporary state directory (SLURM_CONF points
# there; /etc/slurm is not touched), slurmctld and slurmd start, and the node is awaited until idle. The array
# (sbatch --array=0-2) runs `plasticity capacity ... --shard auto`: each task reads SLURM_ARRAY_TASK_ID and
# SLURM_ARRAY_TASK_COUNT and writes its own store capacity-shard-k-of-3.sqlite into a shared directory. The daemons
# are shut down on exit, whatever happens.
#
# Exit codes: 0 merged output byte-identical to the unsharded run; 1 any difference or failure; 77 Slurm cannot be
# set up here (not root, or no apt-get / package source), so the check is skipped.
# Environment: PLASTICITY_SWEEP overrides the sweep's options; KEEP=1 keeps the state directory for inspection.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dll="${1:-$repo/src/Cli/bin/Release/net10.0/plasticity.dll}"
sweep="${PLASTICITY_SWEEP:---n 300,400 --alpha 0.05:0.30:0.05 --trials 4 --measure fixed-point --cue-flip 0.1 --seed 2026}"
tasks=3

say() { echo "slurm: $*"; }
since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
skip() { say "skipped: $*"; exit 77; }
die() { say "FAILED: $*"; exit 1; }

[ -f "$dll" ] || die "$dll not found (build with: dotnet build Toolkit.sln -c Release)"
# Absolute: the array tasks run in their own working directory (sbatch --chdir).
dll=$(cd "$(dirname "$dll")" && pwd)/$(basename "$dll")
command -v dotnet >/dev/null || die "dotnet is not on PATH"
started=$(date +%s.%N)

# --- packages ----------------------------------------------------------------------------------------------------
if ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  [ "$(id -u)" -eq 0 ] || skip "Slurm is not installed and installing it needs root"
  command -v apt-get >/dev/null || skip "Slurm is not installed and there is no apt-get"
  say "installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends slurm-wlm munge </dev/null >/tmp/slurm-apt.log 2>&1; then
    (apt-get update -qq && apt-get install -y --no-install-recommends slurm-wlm munge) </dev/null >>/tmp/slurm-apt.log 2>&1 \
      || skip "apt-get could not install slurm-wlm munge (see /tmp/slurm-apt.log)"
  fi
fi
[ "$(id -u)" -eq 0 ] || skip "the local Slurm set-up (munged, slurmd as root) needs root"

state="$(mktemp -d /tmp/plasticity-slurm.XXXXXX)"
chmod 0755 "$state"
export SLURM_CONF="$state/slurm.conf"
munge_started=0
slurm_started=0
cleanup() {
  if [ "$slurm_started" -eq 1 ]; then
    scontrol shutdown >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do
      pgrep -f "slurmctld|slurmd -N localhost" >/dev/null 2>&1 || break
      sleep 0.1
    done
  fi
  if [ "$munge_started" -eq 1 ]; then
    runuser -u munge -- munged --stop >/dev/null 2>&1 || true
  fi
  if [ "${KEEP:-0}" = "1" ]; then say "state kept in $state"; else rm -rf "$state"; fi
}
trap cleanup EXIT

# --- munge -------------------------------------------------------------------------------------------------------
if ! (munge -n | unmunge) >/dev/null 2>&1; then
  [ -f /etc/munge/munge.key ] || mungekey --create >/dev/null 2>&1 || die "no munge key and mungekey failed"
  chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
  runuser -u munge -- /usr/sbin/munged || die "munged did not start"
  munge_started=1
  (munge -n | unmunge) >/dev/null 2>&1 || die "munge self-test failed"
fi

# --- slurm.conf and daemons --------------------------------------------------------------------------------------
mkdir -p "$state/ctld" "$state/d"
cat >"$SLURM_CONF" <<CONF
ClusterName=ci
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
SchedulerType=sched/backfill
NodeName=localhost CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
/usr/sbin/slurmctld || die "slurmctld did not start (log: $state/slurmctld.log)"
slurm_started=1
/usr/sbin/slurmd -N localhost || die "slurmd did not start (log: $state/slurmd.log)"
for _ in $(seq 1 300); do
  [ "$(sinfo -h -o %T 2>/dev/null | head -n 1)" = "idle" ] && break
  sleep 0.1
done
[ "$(sinfo -h -o %T 2>/dev/null | head -n 1)" = "idle" ] || die "the node did not become idle: $(sinfo -h 2>&1 | head -n 1)"
ready=$(date +%s.%N)
say "Slurm $(sinfo -V 2>/dev/null | awk '{print $2}') up and idle after $(since "$started" "$ready") s"

# --- the job array -----------------------------------------------------------------------------------------------
work="$state/work"
mkdir -p "$work/shards"
# shellcheck disable=SC2086 # $sweep is a list of options
job=$(sbatch --parsable --array=0-$((tasks - 1)) --output="$work/task-%a.out" --chdir="$work" \
  --wrap "dotnet '$dll' capacity $sweep --shard auto --out '$work/shards'") || die "sbatch failed"
job=${job%%;*}
say "submitted job array $job (tasks 0-$((tasks - 1)))"
for _ in $(seq 1 3000); do
  [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break
  sleep 0.2
done
[ -z "$(squeue -h -j "$job" 2>/dev/null)" ] || die "job $job did not finish within 10 minutes"
array_done=$(date +%s.%N)
bad=$(scontrol show job "$job" 2>/dev/null | grep -o 'ExitCode=[0-9:]*' | grep -vc 'ExitCode=0:0')
if [ "${bad:-0}" -ne 0 ]; then
  cat "$work"/task-*.out >&2
  die "$bad array task(s) did not exit with 0"
fi
for k in $(seq 1 $tasks); do
  [ -f "$work/shards/capacity-shard-$k-of-$tasks.sqlite" ] || { cat "$work"/task-*.out >&2; die "shard $k/$tasks store missing"; }
done
say "array done in $(since "$ready" "$array_done") s; task logs:"
grep -h "shard .* complete" "$work"/task-*.out | sed 's/^/  /'

# --- merge and compare with the unsharded run ----------------------------------------------------------------------
dotnet "$dll" merge --out "$work/merged" "$work"/shards/capacity-shard-*-of-$tasks.sqlite >"$work/merge.out" 2>&1 \
  || { cat "$work/merge.out" >&2; die "plasticity merge failed"; }
# shellcheck disable=SC2086
dotnet "$dll" capacity $sweep --out "$work/whole" >"$work/whole.out" 2>&1 \
  || { cat "$work/whole.out" >&2; die "the unsharded run failed"; }
status=0
for file in capacity.csv capacity.json; do
  if cmp -s "$work/merged/$file" "$work/whole/$file"; then
    say "$file: merged shards byte-identical to the unsharded run ($(wc -c <"$work/whole/$file") bytes)"
  else
    say "$file: merged shards DIFFER from the unsharded run"
    diff "$work/whole/$file" "$work/merged/$file" | head -n 20 >&2
    status=1
  fi
done
say "total $(since "$started" "$(date +%s.%N)") s"
[ "$status" -eq 0 ] || die "merged output differs"
say "PASSED"

#!/usr/bin/env bash
# Runs deploy/slurm/fivefold-shards.sbatch on a real Slurm: installs Debian's slurm-wlm (slurmctld,
# slurmd, munge) when missing, starts a one-node cluster on this machine with a private
# configuration (nothing under /etc/slurm is touched), generates a province, submits the job array
# with SHARDS tasks, waits for the merge that the array's first task submits, and diffs the merged
# outputs against a whole run, as deploy/simulate-locally.sh does. Stops the daemons it started.
#
#   deploy/slurm/test-local-cluster.sh                 # 3,000 generated households, 4 shards
#   HOUSEHOLDS=20000 SHARDS=4 deploy/slurm/test-local-cluster.sh
#
#   FIVEFOLD    the binary (default: .build/release/fivefold, built when missing)
#   KEEP=1      keep the work folder and leave the daemons running
# Needs root (to install packages and to run slurmd). Exit 0 only when the diff is empty.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
HOUSEHOLDS=${HOUSEHOLDS:-3000}
SHARDS=${SHARDS:-4}
FIVEFOLD=${FIVEFOLD:-$REPO/.build/release/fivefold}
WORK=$(mktemp -d /tmp/fivefold-slurm.XXXXXX)
say() { echo "test-local-cluster: $*" >&2; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm >/dev/null
fi
if [ ! -x "$FIVEFOLD" ]; then
  say "building fivefold (release)"
  scripts/install-deps.sh
  swift build -c release -Xswiftc -enforce-exclusivity=unchecked --product fivefold >/dev/null
fi

# --- a one-node cluster -------------------------------------------------------------------------
node=$(hostname)
mkdir -p "$WORK"/slurm/{state,spool,log}
cat >"$WORK/slurm/slurm.conf" <<CONF
ClusterName=fivefold-local
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$WORK/slurm/state
SlurmdSpoolDir=$WORK/slurm/spool
SlurmctldPidFile=$WORK/slurm/slurmctld.pid
SlurmdPidFile=$WORK/slurm/slurmd.pid
SlurmctldLogFile=$WORK/slurm/log/slurmctld.log
SlurmdLogFile=$WORK/slurm/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MinJobAge=3600
NodeName=$node CPUs=$(nproc) RealMemory=$(($(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) / 2)) State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$WORK/slurm/slurm.conf

started_munge=""
if ! munge -n >/dev/null 2>&1; then
  mkdir -p /run/munge && chown munge:munge /run/munge
  runuser -u munge -- /usr/sbin/munged
  started_munge=1
fi
stop() {
  [ -n "${KEEP:-}" ] && { say "kept $WORK (SLURM_CONF=$SLURM_CONF); daemons still running"; return; }
  for pid in "$WORK"/slurm/slurmd.pid "$WORK"/slurm/slurmctld.pid; do
    [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
  done
  [ -n "$started_munge" ] && pkill -x munged || true
  sleep 1
  rm -rf "$WORK"
}
trap stop EXIT
slurmctld -i
slurmd
for _ in $(seq 1 30); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo

# --- the job array and its merge ----------------------------------------------------------------
say "generating $HOUSEHOLDS households in 4 counties"
"$FIVEFOLD" generate --households "$HOUSEHOLDS" --seed 11 --counties 4 --out "$WORK/input" >/dev/null
mkdir -p "$WORK/jobs"
input=$WORK/input shards=$WORK/shards out=$WORK/out
as_of=$(date +%F)  # one date for the shards, their merge and the whole run they are compared with
array=$(cd "$WORK/jobs" && REPO=$REPO FIVEFOLD=$FIVEFOLD INPUT=$input WORK=$shards OUT=$out AS_OF=$as_of \
  sbatch --parsable --array=0-$((SHARDS - 1)) --cpus-per-task=1 --mem=2G "$REPO/deploy/slurm/fivefold-shards.sbatch")
say "submitted array job $array ($SHARDS tasks)"
for _ in $(seq 1 600); do
  [ -z "$(squeue -h -o %i)" ] && [ -f "$WORK/jobs/fivefold-merge.log" ] && break
  sleep 1
done
squeue
jobs=$(scontrol show job)
grep -E "^JobId|JobState|ExitCode" <<<"$jobs" | paste - - - | sed 's/  */ /g'
for log in "$WORK"/jobs/*.log; do echo "--- $(basename "$log")"; tail -n 2 "$log"; done
# The sbatch merge runs with --fail-on error: exit 1 means "error findings exist", outputs written.
merge_exit=$(awk '/JobName=fivefold-merge/ {m=1} m && /ExitCode=/ {sub(/.*ExitCode=/, ""); sub(/:.*/, ""); print; exit}' <<<"$jobs")
case "$merge_exit" in 0|1) ;; *) say "the merge job did not complete (exit ${merge_exit:-none})"; exit 1 ;; esac

# --- the merge against a whole run --------------------------------------------------------------
"$FIVEFOLD" run "$REPO/pipelines/five-unities.yaml" --input "$WORK/input" --out "$WORK/whole" --ledger "$WORK/whole.ledger.sqlite" --as-of "$as_of" --quiet || true
# The merge keeps a ledger (first run: every finding new), so the whole run keeps one too.
strip() { grep -v '"assemble"\|"evaluate"\|"scan"\|"merge"\|"write"' "$1"; }
diff -r -x summary.json "$WORK/whole" "$WORK/out"
diff <(strip "$WORK/whole/summary.json") <(strip "$WORK/out/summary.json")
echo "slurm: $SHARDS shard tasks and the dependent merge ran; merged outputs equal the whole run"

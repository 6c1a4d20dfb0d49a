#!/usr/bin/env bash
# Issue 11 peers, whole process: installs the Debian packages the peers need, runs each peer and the toolkit on the
# same work, alternating, REPS times each, prints the medians and ratios, and writes a JSON file that
# `plasticity bench --peers FILE` shows beside its targets table.
#
#   bench/peers/run-peers.sh [REPS] [OUT]      (default 3 and results/peers/peers.json; root for apt-get)
#   PEERS=1 bench/peers/run-peers.sh           (only target 1; PEERS=5 only target 5; default "1 5")
#   WARMUP=0 bench/peers/run-peers.sh          (skip the untimed Brian2 run when its Cython cache is already filled)
#
# What is timed: the wall time of each whole process (interpreter or .NET start-up, imports, pattern or spike
# generation, the simulation, the output files or plots), by date(1) around the command. The machine's load average
# is recorded before and after, because the two cores may be shared.
#   target 1: `plasticity capacity --n 1000 --alpha 0.02:0.30:0.02 --trials 20 --measure one-step` against
#             hopfield_one_step_numpy.py (numpy + OpenBLAS; same model, see its docstring).
#   target 5: `plasticity stdp competition --inputs 1000 --duration 100 --dt 0.1` against Brian2's own example
#             (brian2/song_miller_abbott_brian2.sh; Cython target). One untimed Brian2 run first fills Brian2's
#             Cython cache (~/.cython), so the timed runs measure the simulator, not the one-off C compilation.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
reps="${1:-3}"; out_file="${2:-$repo/results/peers/peers.json}"
peers="${PEERS:-1 5}"
py=/usr/bin/python3
need=()
"$py" -c 'import numpy' 2>/dev/null || need+=(python3-numpy libopenblas0-pthread)
"$py" -c 'import brian2' 2>/dev/null || need+=(python3-brian)
"$py" -c 'import matplotlib' 2>/dev/null || need+=(python3-matplotlib)
[ -f /usr/share/doc/python-brian-doc/examples/synapses/STDP.py ] || need+=(python-brian-doc)
if [ "${#need[@]}" -gt 0 ]; then
  apt-get install -y -q "${need[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; }
fi
dotnet build "$repo/src/Cli" -c Release -v q -nologo >/dev/null
dll="$repo/src/Cli/bin/Release/net10.0/plasticity.dll"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
secs() { local a b; a=$(date +%s.%N); "$@" >/dev/null 2>&1; b=$(date +%s.%N); awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f\n", b - a }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)
entries=()
for target in $peers; do
  toolkit=(); peer=()
  case "$target" in
    1)
      name="numpy + OpenBLAS ($("$py" -c 'import numpy; print("numpy", numpy.__version__)'))"
      args=(--n 1000 --alpha 0.02:0.30:0.02 --trials 20)
      for r in $(seq "$reps"); do
        toolkit+=("$(secs dotnet "$dll" capacity "${args[@]}" --measure one-step --out "$work/c$r")")
        peer+=("$(secs "$py" "$here/hopfield_one_step_numpy.py" "${args[@]}")")
      done ;;
    5)
      name="Brian2 $("$py" -c 'import brian2; print(brian2.__version__)' 2>/dev/null) example STDP.py (cython)"
      if [ "${WARMUP:-1}" != 0 ]; then
        "$here/brian2/song_miller_abbott_brian2.sh" >/dev/null 2>&1   # untimed: fills the Cython cache
      fi
      for r in $(seq "$reps"); do
        toolkit+=("$(secs dotnet "$dll" stdp competition --inputs 1000 --duration 100 --dt 0.1 --out "$work/s$r")")
        peer+=("$(secs "$here/brian2/song_miller_abbott_brian2.sh")")
      done ;;
    *) echo "error: PEERS lists target $target; only 1 and 5 have peers" >&2; exit 2 ;;
  esac
  mt=$(median "${toolkit[@]}"); mp=$(median "${peer[@]}")
  ratio=$(awk -v t="$mt" -v p="$mp" 'BEGIN { printf "%.2f", p / t }')
  echo "target $target: toolkit ${toolkit[*]} s (median $mt); $name ${peer[*]} s (median $mp); peer/toolkit = $ratio"
  entries+=("{\"target\": $target, \"peer\": \"$name\", \"peer_seconds\": $mp, \"toolkit_seconds\": $mt, \"ratio\": $ratio, \"runs\": $reps, \"peer_runs_seconds\": [$(IFS=,; echo "${peer[*]}")], \"toolkit_runs_seconds\": [$(IFS=,; echo "${toolkit[*]}")]}")
done
load_after=$(load)
mkdir -p "$(dirname "$out_file")"
{
  echo "{"
  echo "  \"timed\": \"whole process, median of $reps, toolkit and peer alternating\","
  echo "  \"machine\": \"$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')\","
  echo "  \"load\": \"before $load_before, after $load_after\","
  echo "  \"peers\": ["
  for i in "${!entries[@]}"; do
    sep=","; [ "$i" -eq $((${#entries[@]} - 1)) ] && sep=""
    echo "    ${entries[$i]}$sep"
  done
  echo "  ]"
  echo "}"
} > "$out_file"
echo "load average before: $load_before; after: $load_after"
echo "wrote $out_file (show it with: plasticity bench --peers $out_file)"

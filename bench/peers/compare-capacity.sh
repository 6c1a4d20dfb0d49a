#!/usr/bin/env bash
# Installs the Debian packages the numpy peer needs and times the one-step capacity sweep of issue 11, target 1,
# whole process, against `plasticity capacity`, the two commands alternating, median of REPS runs each.
#
#   bench/peers/compare-capacity.sh [REPS]      (default 3; run from anywhere; needs root or the packages installed)
#
# Same work on both sides: N = 1000, α = 0.02:0.30:0.02, 20 trials, one synchronous step from every stored pattern,
# zero diagonal, ties keep the stored bit, bit errors counted, patterns generated inside the timed region.
# What is timed: the whole process (interpreter or runtime start-up included), measured by this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
reps="${1:-3}"
py=/usr/bin/python3   # Debian's interpreter, the one python3-numpy installs into
if ! "$py" -c 'import numpy' 2>/dev/null; then
  apt-get install -y -q python3-numpy libopenblas0-pthread >/dev/null
fi
dotnet build "$repo/src/Cli" -c Release -v q -nologo >/dev/null
dll="$repo/src/Cli/bin/Release/net10.0/plasticity.dll"
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
args=(--n 1000 --alpha 0.02:0.30:0.02 --trials 20)
secs() { local a b; a=$(date +%s.%N); "$@" >/dev/null 2>&1; b=$(date +%s.%N); awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f\n", b - a }'; }
toolkit=(); numpy=()
for r in $(seq "$reps"); do
  toolkit+=("$(secs dotnet "$dll" capacity "${args[@]}" --measure one-step --out "$out/t$r")")
  numpy+=("$(secs "$py" "$here/hopfield_one_step_numpy.py" "${args[@]}")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mt=$(median "${toolkit[@]}"); mn=$(median "${numpy[@]}")
echo "toolkit capacity (whole process): ${toolkit[*]} s, median $mt s"
echo "numpy + OpenBLAS (whole process): ${numpy[*]} s, median $mn s ($("$py" -c 'import numpy; print("numpy", numpy.__version__)'))"
awk -v t="$mt" -v n="$mn" 'BEGIN { printf "ratio numpy/toolkit = %.2f\n", n / t }'

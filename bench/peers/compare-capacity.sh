#!/usr/bin/env bash
# Installs the Debian packages the numpy peer needs and times the one-step capacity sweep of issue 11, target 1,
# whole process, against `plasticity capacity`, the commands alternating, median of REPS runs each.
#
#   bench/peers/compare-capacity.sh [REPS]      (default 3; run from anywhere; needs root or the packages installed)
#
# Same work on both sides: N = 1000, α = 0.02:0.30:0.02, 20 trials, one synchronous step from every stored pattern,
# zero diagonal, ties keep the stored bit, bit errors counted, patterns generated inside the timed region.
# What is timed: the whole process (runtime or interpreter start-up included), from this script, for
#   - toolkit (Native AOT): the `plasticity` executable of `dotnet publish src/Cli -c Release -r linux-x64
#     -p:PublishAot=true` (made once by this script into a temporary folder, not timed; compiled for this machine's
#     instruction set, as the JIT compiles): no runtime start-up and no JIT, the fastest install of the CLI;
#   - toolkit (ReadyToRun): `dotnet plasticity.dll capacity …` from a framework-dependent ReadyToRun publish
#     (`dotnet publish src/Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true`, made once
#     by this script into a temporary folder, not timed): precompiled, but the vector kernels are still compiled by the
#     JIT at run time;
#   - toolkit (build): the same command from the plain `dotnet build src/Cli -c Release` output (README's shell
#     function), where every method of the toolkit and its packages is compiled by the JIT at run time;
#   - numpy + OpenBLAS: /usr/bin/python3 bench/peers/hopfield_one_step_numpy.py with the same sizes.
# The toolkit writes everything a user gets (results store, CSV, JSON, PNG and SVG figure, console summary); the
# numpy script prints one CSV line per load. The load average before and after is printed: other work on the
# machine slows all three and blurs the ratio.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
reps="${1:-3}"
py=/usr/bin/python3   # Debian's interpreter, the one python3-numpy installs into
if ! "$py" -c 'import numpy' 2>/dev/null; then
  apt-get install -y -q python3-numpy libopenblas0-pthread >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q python3-numpy libopenblas0-pthread >/dev/null; }
fi
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
dotnet build "$repo/src/Cli" -c Release -v q -nologo >/dev/null
dotnet publish "$repo/src/Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$out/r2r" -v q -nologo >/dev/null
dotnet publish "$repo/src/Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" -v q -nologo >/dev/null
built="$repo/src/Cli/bin/Release/net10.0/plasticity.dll"
aot="$out/aot/plasticity"
r2r="$out/r2r/plasticity.dll"
args=(--n 1000 --alpha 0.02:0.30:0.02 --trials 20)
secs() { local a b; a=$(date +%s.%N); "$@" >/dev/null 2>&1; b=$(date +%s.%N); awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f\n", b - a }'; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
native=(); fast=(); plain=(); numpy=()
for r in $(seq "$reps"); do
  native+=("$(secs "$aot" capacity "${args[@]}" --measure one-step --out "$out/a$r")")
  fast+=("$(secs dotnet "$r2r" capacity "${args[@]}" --measure one-step --out "$out/f$r")")
  numpy+=("$(secs "$py" "$here/hopfield_one_step_numpy.py" "${args[@]}")")
  plain+=("$(secs dotnet "$built" capacity "${args[@]}" --measure one-step --out "$out/p$r")")
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
cmp -s "$out/f1/capacity.csv" "$out/p1/capacity.csv" || echo "warning: the ReadyToRun and plain builds wrote different CSVs"
cmp -s "$out/a1/capacity.csv" "$out/p1/capacity.csv" || echo "warning: the Native AOT and plain builds wrote different CSVs"
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ma=$(median "${native[@]}"); mf=$(median "${fast[@]}"); mp=$(median "${plain[@]}"); mn=$(median "${numpy[@]}")
echo "toolkit capacity, Native AOT publish (whole process): ${native[*]} s, median $ma s"
echo "toolkit capacity, ReadyToRun publish (whole process): ${fast[*]} s, median $mf s"
echo "toolkit capacity, plain build        (whole process): ${plain[*]} s, median $mp s"
echo "numpy + OpenBLAS                     (whole process): ${numpy[*]} s, median $mn s ($("$py" -c 'import numpy; print("numpy", numpy.__version__)'))"
awk -v a="$ma" -v f="$mf" -v p="$mp" -v n="$mn" 'BEGIN { printf "ratio numpy/toolkit = %.2f (Native AOT), %.2f (ReadyToRun), %.2f (plain build)\n", n / a, n / f, n / p }'

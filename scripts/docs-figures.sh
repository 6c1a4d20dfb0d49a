#!/usr/bin/env bash
# Regenerates every file in docs/figures/ (figures and their CSV/JSON companions) with the CLI commands the docs show,
# into a target directory (default: docs/figures, i.e. in place).
#
#   scripts/docs-figures.sh [TARGET_DIR] [PATH/plasticity.dll]
#   scripts/docs-figures.sh --check [PATH/plasticity.dll]
# PATH/plasticity may also be a native executable (a Native AOT publish): it is run directly instead of through
# `dotnet`, so `--check PATH/plasticity` holds that build's outputs against the committed ones.
#
# --check (what .ci/run does) regenerates into a temporary directory and compares it with docs/figures: (a) every
# command succeeds, (b) every file in docs/figures has a regenerated counterpart (no orphan figure) and vice versa,
# (c) every CSV/JSON companion is byte-identical to the committed one (the numbers cannot drift), and every PNG/SVG is
# non-empty and parses (PNG signature, IHDR and IEND chunks; SVG well-formed XML with an <svg> root). PNG/SVG bytes are
# not compared: they may depend on the font build.
#
# Builds once (`dotnet build src/Cli -c Release`, skipped when a dll path is given or NO_BUILD=1) and calls the dll
# directly. Each command runs in its own scratch directory; the files the docs show are then copied to their names in
# docs/figures/. Every command is listed below with the doc that shows it; keep the two in step.
#
# Exit codes: 0 every command succeeded and wrote every expected file (with --check: and every check held); 1 otherwise.
# Prints one line per command with its wall time.
set -uo pipefail
# The committed figures are the outputs with 256-bit vectors (AVX2). On an AVX-512 machine the JIT would let
# System.Numerics.Tensors sum some floating-point reductions in 512-bit blocks, which changes last digits of a few
# CSV/JSON numbers; pinning the preferred width makes every x86-64 machine with AVX2 reproduce them byte for byte.
export DOTNET_PreferredVectorBitWidth="${DOTNET_PreferredVectorBitWidth:-256}"

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
check=0
if [ "${1:-}" = --check ]; then
  check=1; target=""; dll="${2:-}"
else
  target="${1:-$repo/docs/figures}"; dll="${2:-}"
fi

say() { echo "docs-figures: $*"; }
die() { say "FAILED: $*"; exit 1; }

if [ -z "$dll" ]; then
  dll="$repo/src/Cli/bin/Release/net10.0/plasticity.dll"
  if [ "${NO_BUILD:-0}" != 1 ]; then
    dotnet build "$repo/src/Cli" -c Release -v q -nologo >/dev/null || die "dotnet build src/Cli -c Release failed"
  fi
fi
[ -f "$dll" ] || die "$dll not found (build with: dotnet build src/Cli -c Release)"
dll=$(cd "$(dirname "$dll")" && pwd)/$(basename "$dll")
scratch=$(mktemp -d "${TMPDIR:-/tmp}/docs-figures.XXXXXX") || die "mktemp failed"
trap '[ "${KEEP_SCRATCH:-0}" = 1 ] || rm -rf "$scratch"' EXIT
[ -n "$target" ] || target="$scratch/regenerated"
mkdir -p "$target" || die "cannot create $target"
target=$(cd "$target" && pwd)
failures=0

# run NAME ARGS...: `plasticity ARGS...` in $scratch/NAME (relative paths such as X.csv and --out dirs land there).
run() {
  local name=$1; shift
  mkdir -p "$scratch/$name"
  local started; started=$(date +%s.%N)
  local launcher=(dotnet "$dll")
  case "$dll" in *.dll) ;; *) launcher=("$dll") ;; esac
  if (cd "$scratch/$name" && "${launcher[@]}" "$@" >"$scratch/$name.log" 2>&1 </dev/null); then
    say "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%5.1f s", b - a }')  plasticity $*"
  else
    say "FAILED (exit $?): plasticity $* (log below)"; sed 's/^/  | /' "$scratch/$name.log"
    failures=$((failures + 1))
  fi
}

# put NAME SOURCE DEST: copy $scratch/NAME/SOURCE to $target/DEST.
put() {
  if [ -s "$scratch/$1/$2" ]; then
    cp "$scratch/$1/$2" "$target/$3" || failures=$((failures + 1))
  else
    say "FAILED: plasticity did not write $2 (for $3)"; failures=$((failures + 1))
  fi
}

# README.md "Quick start" / docs/hopfield.md: capacity on its defaults.
run capacity capacity --out out
put capacity out/capacity.png capacity-one-step.png

# docs/hopfield.md: the AGS retrieval overlap (N = 500, 1000, 2000: about 15 s; with N = 4000 it took 108 s).
run fixed-point capacity --n 500,1000,2000 --alpha 0.02:0.16:0.02 --trials 20 --measure fixed-point --seed 1 --out out
put fixed-point out/capacity.png capacity-fixed-point.png
put fixed-point out/capacity.csv capacity-fixed-point.csv

# docs/hopfield.md "Finite-size scaling": the retrieval transition for several N, drawn from a committed results store
# (docs/data/capacity-scaling.sqlite) because the N = 10^6 sweep takes hours: `merge` of the one whole-sweep store
# recomputes nothing, rewrites the CSV/JSON/figures byte for byte and leaves the committed store untouched. The doc
# gives the `capacity` command that produced the store.
run scaling merge "$repo/docs/data/capacity-scaling.sqlite" --out out
put scaling out/capacity.png capacity-scaling.png
put scaling out/capacity.csv capacity-scaling.csv

# docs/oja-pca.md: Oja on the acceptance data.
run oja generate gaussian --dimension 20 --eigengap 0.1 --samples 5000 --seed 1 --out X.csv
run oja learn --rule oja --data X.csv --eta 5e-4 --epochs 40 --seed 1 --center --out oja
put oja oja/convergence.png oja-convergence.png
put oja oja/convergence.svg oja-convergence.svg
put oja oja/summary.json oja-convergence-summary.json

# docs/oja-pca.md: GHA with three outputs.
run gha generate gaussian --dimension 8 --eigengap 0.3 --samples 5000 --seed 2 --out X.csv
run gha learn --rule gha --outputs 3 --data X.csv --eta 2e-3 --epochs 20 --seed 1 --out gha
put gha gha/convergence.png gha-convergence.png

# docs/hebbian-rules.md: plain Hebb diverges.
run hebb generate gaussian --dimension 10 --eigengap 0.2 --samples 2000 --seed 3 --mean 0.3 --out X.csv
run hebb learn --rule hebb --data X.csv --eta 1e-3 --epochs 10 --seed 1 --out hebb
put hebb hebb/convergence.png hebb-divergence.png

# docs/bcm.md: BCM selectivity.
run bcm generate onehot --probabilities 0.2,0.3,0.5 --samples 5000 --seed 1 --out onehot.csv
run bcm learn --rule bcm --data onehot.csv --order sampled --eta 5e-4 --eta-theta 0.05 --epochs 80 --seed 1 --out bcm
put bcm bcm/convergence.png bcm-selectivity.png

# docs/stdp.md: the pair window and the triplet frequency dependence.
run window stdp window --rule pair --out results/stdp-window
for ext in png svg csv json; do put window "results/stdp-window/window.$ext" "stdp-window.$ext"; done
run triplet stdp window --rule triplet --out results/stdp-triplet
for ext in png svg csv; do put triplet "results/stdp-triplet/frequency.$ext" "stdp-triplet-frequency.$ext"; done
put triplet results/stdp-triplet/window.json stdp-triplet-window.json

# docs/stdp.md: the competition runs.
for dependence in additive multiplicative van-rossum; do
  run "$dependence" stdp competition --weight-dependence "$dependence" --seed 1 --out "results/stdp-$dependence"
  put "$dependence" "results/stdp-$dependence/histogram.png" "stdp-$dependence-histogram.png"
  put "$dependence" "results/stdp-$dependence/histogram.svg" "stdp-$dependence-histogram.svg"
  put "$dependence" "results/stdp-$dependence/rate.png" "stdp-$dependence-rate.png"
  put "$dependence" "results/stdp-$dependence/summary.json" "stdp-$dependence-summary.json"
done

# docs/rate-dynamics.md: the continuous-Hopfield energy (the verify check's figure).
run energy verify --only continuous-hopfield --figures --out results/verify-ch
put energy results/verify-ch/figures/continuous-hopfield.energy-non-increase.n6.png continuous-hopfield-energy.png
put energy results/verify-ch/figures/continuous-hopfield.energy-non-increase.n6.svg continuous-hopfield-energy.svg

if [ "$failures" -ne 0 ]; then
  die "$failures command(s) or file(s) failed; target $target"
fi
say "wrote $(find "$target" -maxdepth 1 -type f | wc -l) files into $target"
[ "$check" -eq 1 ] || exit 0

# --- --check: compare the regenerated files with docs/figures ------------------------------------------------------
committed="$repo/docs/figures"
problems=0
problem() { say "CHECK FAILED: $*"; problems=$((problems + 1)); }
for f in "$committed"/*; do
  name=$(basename "$f")
  [ -e "$target/$name" ] || problem "docs/figures/$name is not regenerated by any command (orphan figure)"
done
for f in "$target"/*; do
  name=$(basename "$f")
  [ -e "$committed/$name" ] || problem "$name is regenerated but not committed in docs/figures"
  [ -s "$f" ] || { problem "$name is empty"; continue; }
  case "$name" in
    *.csv|*.json)
      [ -e "$committed/$name" ] && ! cmp -s "$f" "$committed/$name" \
        && problem "$name differs from docs/figures/$name: $(cmp "$f" "$committed/$name" 2>&1 | head -n 1)" ;;
    *.png)
      python3 - "$f" <<'PY' || problem "$name is not a well-formed PNG"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and data[-8:-4] == b"IEND"
width, height = struct.unpack(">II", data[16:24])
assert width > 0 and height > 0
PY
      ;;
    *.svg)
      python3 - "$f" <<'PY' || problem "$name is not a well-formed SVG"
import sys, xml.etree.ElementTree as ET
assert ET.parse(sys.argv[1]).getroot().tag.endswith("svg")
PY
      ;;
  esac
done
if [ "$problems" -ne 0 ]; then
  die "$problems difference(s) between the regenerated figures and docs/figures"
fi
say "check passed: $(find "$target" -maxdepth 1 -type f | wc -l) files regenerated, no orphan, CSV/JSON byte-identical, PNG/SVG well-formed"

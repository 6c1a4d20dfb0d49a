#!/usr/bin/env bash
# The Brian2 peer of issue 11, target 5: Brian2's own Song–Miller–Abbott example, exactly as Debian installs it, run
# with Debian's interpreter and Brian2's default (Cython) code-generation target. Its code is not copied into this
# project: the script only names its installed path.
#
#   bench/peers/brian2/song_miller_abbott_brian2.sh        (needs python3-brian, python-brian-doc, python3-matplotlib)
#
# The example (Brian2 2.5.1, examples/synapses/STDP.py, "Adapted from Song, Miller and Abbott (2000)"): 1000 Poisson
# inputs at 15 Hz onto one LIF neuron with conductance synapses, all-to-all pair STDP with additive bounds [0, g_max],
# g_max = 0.01, A- = 1.05 A+, tau = 20 ms, dt = 0.1 ms (Brian2's default clock), 100 s simulated, then three
# plots. The toolkit's `plasticity stdp competition` runs the same model at its defaults (docs/spiking.md) and
# writes its own figures, so both sides do a run plus plotting. MPLBACKEND=Agg makes the example's show() a no-op.
set -euo pipefail
example=/usr/share/doc/python-brian-doc/examples/synapses/STDP.py
if [ ! -f "$example" ]; then
  echo "error: $example is missing; install it with: apt-get install -y python3-brian python-brian-doc python3-matplotlib" >&2
  exit 2
fi
cd "$(mktemp -d)"   # the example writes nothing, but Brian2 may leave output next to the working directory
MPLBACKEND=Agg exec /usr/bin/python3 "$example"

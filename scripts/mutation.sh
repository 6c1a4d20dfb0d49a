#!/usr/bin/env bash
# Mutation testing of one folder of src/Core.CSharp with Stryker.NET (local tool, .config/dotnet-tools.json).
#
# Usage:   scripts/mutation.sh FOLDER [TEST_FILTER]
#   FOLDER       a folder under src/Core.CSharp, e.g. Networks/Hopfield, Synapses, Neurons, Plasticity/Stdp
#   TEST_FILTER  optional vstest filter (dotnet test --filter syntax) selecting the tests Stryker runs;
#                default: the folder's entry in default_filter below, else every test except the slow ones.
# Environment:
#   MUTATION_CONCURRENCY  Stryker test-runner processes (default 1; the machine has 2 shared cores)
#   MUTATION_OUTPUT       output folder (default results/mutation/<folder with / replaced by ->)
#   MUTATION_MUTATE       optional glob overriding the folder's, e.g. '**/Networks/Hopfield/HopfieldDynamics.cs'
#   MUTATION_DISABLE_BAIL 1 = run every covering test on each mutant, so the JSON report lists every killing test
#                         (slower; lets one run tell which mutants the tests older than a given file kill)
# Examples:
#   scripts/mutation.sh Networks/Hopfield
#   scripts/mutation.sh Plasticity/Stdp 'FullyQualifiedName~StdpTests'
#
# Output: <output>/reports/mutation-report.{json,md,html}, and <output>/score.md with one table row
# (killed / survived / timeout / no coverage / ignored / compile errors, score over non-ignored mutants),
# also printed on stdout. results/ is gitignored. Not run in CI (a folder takes minutes to an hour).
#
# Why these options:
# - The test filter: Stryker's per-test coverage instrumentation makes the N = 1000 statistical tests about 50×
#   slower, so each folder runs the fast tests that exercise it (the default filters below name the test
#   classes per folder and drop every test slower than ~1 s un-instrumented and the N = 1000 statistical tests).
# - ignore-methods: argument guards (ArgumentNullException.ThrowIfNull, ArgumentOutOfRangeException.ThrowIf*,
#   ParameterChecks.Positive/NonNegative/Finite, SystemChecks.*, TransferGain.Validate) and exception constructors: their arguments are
#   parameter names and messages, not numerics. Mutations of a guard's *condition* (if (x < 1) throw …) are kept.
# - ignore-mutations string: message strings and interpolations are not numerical behaviour.
# - coverage-analysis perTest: each mutant runs only the tests that reach it.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    sed -n '2,16p' "$0" >&2
    exit 2
fi

folder="${1%/}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
core="$repo/src/Core.CSharp"
if [[ ! -d "$core/$folder" ]]; then
    echo "mutation.sh: FOLDER '$folder' is not a folder under src/Core.CSharp" >&2
    exit 2
fi

# Excluded everywhere: tests slower than ~1 s without instrumentation (measured with a trx run of the whole
# suite) and the statistical N = 1000 Hopfield tests (the coverage pass makes them ~50x slower; their mutants are
# also reached by the exact small-N properties). Plain substrings of the test name, without the filter
# metacharacters ( ) & | = ! ~ \ .
slow_tests=(
    "BenchCliTests"
    "ACCEPTANCE"
    "acceptance:"
    "Storkey storage beats Hebbian storage"
    "pseudo-inverse storage makes every stored pattern a fixed point"
    "all patterns are fixed points with the predicted probability"
    "one-step error matches the exact finite-N law"
    "first-step overlap from a noisy cue"
    "the large-N erfc law"
    "largest eigenvalue of the Hebbian matrix"
    "sparse patterns have coding level"
    "one-step error rate and its variance inflation agree with simulation"
    "exact one-step error equals integer-arithmetic binomial sum"
    "finite-N largest eigenvalue law matches sampled matrices"
    "first-step overlap follows the tie conventions"
    "the same command twice gives byte-identical CSV and JSON"
    "learn writes weights, trajectory, summary and plot"
    "learn --rule taylor with a2corr"
    "online cyclic Oja from --init"
    "SMA runner with fixed weights is dt-independent"
    "symmetric M: measured E"
    "every rule's row kernel equals its scalar reference"
    "averaged GHA rows converge"
    "covariance rule with"
    "averaged Oja converges to"
    "online Oja fluctuates around e1"
    "BCM becomes selective"
    "full triplet preset"
    "vector potentiation and decay equal their scalar references"
    "presynaptically centred drift"
    "all-to-all drift under independent Poisson trains"
)
exclude=""
for t in "${slow_tests[@]}"; do
    exclude+="&FullyQualifiedName!~$t"
done

default_filter() {
    case "$1" in
        Networks/Hopfield)
            echo "(FullyQualifiedName~HopfieldKernelTests|FullyQualifiedName~HopfieldProperties|FullyQualifiedName~HopfieldTheoryTests|FullyQualifiedName~HopfieldDynamicsBehaviourTests|FullyQualifiedName~HopfieldPatternBehaviourTests|FullyQualifiedName~HopfieldStorageBehaviourTests)$exclude" ;;
        Synapses|Synapses/Kernels)
            echo "(FullyQualifiedName~SpikingTests|FullyQualifiedName~SynapseKernelBehaviourTests|FullyQualifiedName~WeightMatrixBehaviourTests|FullyQualifiedName~RateDynamicsTests|FullyQualifiedName~LayerRuleTests|FullyQualifiedName~TwoFactorRuleTests)$exclude" ;;
        Neurons|Neurons/Spiking)
            echo "(FullyQualifiedName~SpikingTests|FullyQualifiedName~SpikingNeuronBehaviourTests|FullyQualifiedName~TransferBehaviourTests|FullyQualifiedName~RateDynamicsTests|FullyQualifiedName~LayerRuleTests)$exclude" ;;
        Plasticity|Plasticity/*)
            # Measured for TwoFactor, MultiOutput and Stdp (docs/testing.md); the Poisson drift tests, the dt-independence
            # test and the slow averaged-theory properties are left out (the coverage pass makes them far slower).
            echo "((FullyQualifiedName~TwoFactorRuleTests&FullyQualifiedName!~row kernel equals its scalar reference)|FullyQualifiedName~LayerRuleTests|FullyQualifiedName~synaptic scaling keeps|FullyQualifiedName~averaged competitive|FullyQualifiedName~continuous-time Oja|FullyQualifiedName~minor eigenvector|(FullyQualifiedName~StdpTests&FullyQualifiedName!~drift&FullyQualifiedName!~time-stepped)|FullyQualifiedName~TwoFactorRuleBehaviourTests|FullyQualifiedName~LayerRuleBehaviourTests|FullyQualifiedName~StdpBehaviourTests|FullyQualifiedName~TrainingBehaviourTests)$exclude" ;;
        *)
            echo "FullyQualifiedName~Plasticity.Properties$exclude" ;;
    esac
}

filter="${2:-$(default_filter "$folder")}"
slug="${folder//\//-}"
out="${MUTATION_OUTPUT:-$repo/results/mutation/$slug}"
concurrency="${MUTATION_CONCURRENCY:-1}"
mkdir -p "$out"

# ignore-methods and ignore-mutations exist only in the config file, so the script writes one per run.
config="$out/stryker-config.json"
python3 - "$config" "$folder" "$filter" "$concurrency" "$out" "${MUTATION_DISABLE_BAIL:-0}" "${MUTATION_MUTATE:-}" <<'PY'
import json, sys
path, folder, flt, conc, out, nobail, glob = sys.argv[1:]
json.dump({"stryker-config": {
    "project": "Core.CSharp.csproj",
    "mutate": [glob or f"**/src/Core.CSharp/{folder}/**/*.cs"],
    "configuration": "Release",
    "concurrency": int(conc),
    "coverage-analysis": "perTest",
    "mutation-level": "Standard",
    "test-case-filter": flt,
    "ignore-mutations": ["string"],
    "ignore-methods": [
        "ArgumentNullException.ThrowIfNull",
        "ArgumentException.ThrowIfNullOrEmpty",
        "ArgumentOutOfRangeException.ThrowIf*",
        "ParameterChecks.Positive",
        "ParameterChecks.NonNegative",
        "ParameterChecks.Finite",
        "SystemChecks.*",
        "TransferGain.Validate",
        "*Exception.ctor",
    ],
    "reporters": ["Progress", "ClearText", "Json", "Markdown", "Html"],
    "thresholds": {"high": 90, "low": 80, "break": 0},
    "disable-bail": nobail == "1",
}}, open(path, "w"), indent=2)
PY

summarise() {
python3 - "$1" "$2" "$3" "$4" <<'PY'
import json, sys, collections, os
report, folder, elapsed, dest = sys.argv[1:]
data = json.load(open(report))
count = collections.Counter()
left = []
for path, f in sorted(data["files"].items()):
    if f"/src/Core.CSharp/{folder}/" not in path.replace("\\", "/"):
        continue  # other files are in the report as "Removed by mutate filter"
    lines = f["source"].split("\n")
    for m in f["mutants"]:
        count[m["status"]] += 1
        if m["status"] in ("Survived", "NoCoverage"):
            line = m["location"]["start"]["line"]
            code = lines[line - 1].strip() if line <= len(lines) else ""
            left.append(f"- {m['status']}: {os.path.basename(path)}:{line} {m['mutatorName']}: `{m.get('replacement', '')}` in `{code}`")
k, s, t, nc = count["Killed"], count["Survived"], count["Timeout"], count["NoCoverage"]
ig, ce = count["Ignored"], count["CompileError"]
detected, valid = k + t, k + t + s + nc
score = 100.0 * detected / valid if valid else float("nan")
header = "| folder | killed | survived | timeout | no coverage | ignored | compile errors | score (killed+timeout)/(valid) | time |"
row = f"| {folder} | {k} | {s} | {t} | {nc} | {ig} | {ce} | {score:.1f} % | {int(elapsed)//60} min {int(elapsed)%60} s |"
text = header + "\n|---|---|---|---|---|---|---|---|---|\n" + row + "\n"
open(dest, "w").write(text + "\nSurvivors and uncovered mutants:\n\n" + "\n".join(left) + "\n")
print(text)
print(f"{len(left)} survived or uncovered mutants listed in {dest}")
PY
}

if [[ "${MUTATION_SUMMARY_ONLY:-0}" == "1" ]]; then
    # Re-summarise an existing report without re-running Stryker.
    elapsed=0
else
    echo "mutation.sh: folder $folder, output $out" >&2
    echo "mutation.sh: test filter $filter" >&2
    start=$(date +%s)
    # Run from the test project's folder: from the repository root Stryker sees Toolkit.sln and enters solution mode.
    (cd "$repo/tests/Properties" && dotnet tool restore >/dev/null && \
        dotnet dotnet-stryker --config-file "$config" --output "$out" --skip-version-check) | tee "$out/stryker.log"
    elapsed=$(( $(date +%s) - start ))
fi
summarise "$out/reports/mutation-report.json" "$folder" "$elapsed" "$out/score.md"

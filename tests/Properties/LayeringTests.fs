/// Layers without cycles (issue 9 §7). Inside src/Core.CSharp the folders are ordered
/// Numerics < Data < Neurons < Synapses < Plasticity < Networks, and a file may name only its own layer and the ones
/// below it; the projects are ordered Core < Experiments < Cli (Analysis.FSharp beside Core), checked both in the
/// sources and in the .csproj/.fsproj ProjectReferences. Every stochastic path takes its seed or Random from
/// outside: no `new Random(` and no `Random.Shared` under src/. The oracle is the layer table below, not the code;
/// the checker is itself tested on planted violations, so the tests can fail.
module Plasticity.Properties.LayeringTests

open System
open System.IO
open System.Text.RegularExpressions
open Xunit
open Plasticity.Properties.Support

/// The layers of src/Core.CSharp, lowest first (one folder and one namespace Plasticity.Core.<Layer> each).
let coreLayers = [| "Numerics"; "Data"; "Neurons"; "Synapses"; "Plasticity"; "Networks" |]

/// Removes // comments (including /// doc comments: a cref names a type for the documentation but creates no
/// dependency between compiled types) and the contents of simple string literals (a quoted "Networks.x" is not a
/// reference).
let private codeOf (line: string) =
    let noStrings = Regex.Replace(line, "\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
    let m = Regex.Match(noStrings, "//")
    if m.Success then noStrings.Substring(0, m.Index) else noStrings

/// A reference to a Core layer: Plasticity.Core.<Layer>.…, or the partially qualified <Layer>.<Name> that C#
/// resolves to Plasticity.Core.<Layer> from inside namespace Plasticity.Core.* (not after a '.', so System.Data or
/// x.Data are not matched; Plasticity.Core / .Experiments / .Cli / .Analysis / .Properties are not layers).
let private layerReference =
    Regex(
        @"Plasticity\.Core\.(?<layer>Numerics|Data|Neurons|Synapses|Plasticity|Networks)\b"
        + @"|(?<![\w.])(?:global::)?(?<layer>Numerics|Data|Neurons|Synapses|Plasticity|Networks)\.(?!(?:Core|Experiments|Cli|Analysis|Properties)\b)[A-Z]")

/// A reference to a project above Core.
let private projectReference = Regex(@"(?<![\w.])(?:global::)?Plasticity\.(?<project>Experiments|Cli)\b")

/// Violations of the layer order in one Core source file: (layer of the file, line number, line, upper layer).
let coreViolations (fileLayer: string) (lines: string[]) =
    let own = Array.IndexOf(coreLayers, fileLayer)
    if own < 0 then failwithf "%s is not a Core layer" fileLayer
    [ for i in 0 .. lines.Length - 1 do
        let code = codeOf lines[i]
        for m in layerReference.Matches(code) do
            let target = m.Groups["layer"].Value
            if Array.IndexOf(coreLayers, target) > own then
                yield (i + 1, lines[i].Trim(), target)
        for m in projectReference.Matches(code) do
            yield (i + 1, lines[i].Trim(), m.Groups["project"].Value) ]

/// Violations in a source of a project that may not name `forbidden` (e.g. Experiments may not name Cli).
let projectViolations (forbidden: string list) (lines: string[]) =
    [ for i in 0 .. lines.Length - 1 do
        for m in projectReference.Matches(codeOf lines[i]) do
            let target = m.Groups["project"].Value
            if List.contains target forbidden then yield (i + 1, lines[i].Trim(), target) ]

/// `new Random(`, `new System.Random(` and `Random.Shared` in C#; `Random(` / `System.Random(` as a constructor call
/// in F#.
let private randomCSharp = Regex(@"\bnew\s+(?:global::)?(?:System\.)?Random\s*\(|(?<![\w.])(?:System\.)?Random\.Shared\b")
let private randomFSharp = Regex(@"(?<![\w.])(?:new\s+)?(?:System\.)?Random\s*\(|(?<![\w.])(?:System\.)?Random\.Shared\b")

/// Unseeded generator constructions in one source file: (line number, line).
let randomViolations (isFSharp: bool) (lines: string[]) =
    let pattern = if isFSharp then randomFSharp else randomCSharp
    [ for i in 0 .. lines.Length - 1 do
        if pattern.IsMatch(codeOf lines[i]) then yield (i + 1, lines[i].Trim()) ]

let private sources (dir: string) (pattern: string) =
    Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories)
    |> Seq.filter (fun f ->
        let parts = Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar)
        not (Array.contains "bin" parts || Array.contains "obj" parts))
    |> Seq.sort
    |> List.ofSeq

let private relative (file: string) = Path.GetRelativePath(repoRoot, file).Replace('\\', '/')

let private report (what: string) (found: string list) =
    require found.IsEmpty (sprintf "%s (%d):\n%s" what found.Length (String.Join("\n", found)))

// ---------------------------------------------------------------------------------------------------------
// The checker on planted violations (so the repository tests below can fail).

[<Fact>]
let ``the checker flags planted upward references and unseeded generators, and passes allowed ones`` () =
    let planted =
        [| "using Plasticity.Core.Numerics;"                        // down: allowed
           "using Plasticity.Core.Plasticity;"                      // Synapses → Plasticity: up
           "var n = new Plasticity.Core.Networks.Hopfield.HopfieldNetwork(c);" // fully qualified: up
           "Networks.Spiking.SongMillerAbbottRunner? r = null;"     // partially qualified: up
           "// Networks.Spiking is mentioned in a comment only"     // prose: allowed
           "var s = \"Networks.Spiking\";"                          // a string: allowed
           "using System.Data;"                                     // not a Core layer
           "using Plasticity.Experiments.Capacity;"                 // Core → Experiments: up
           "/// <see cref=\"Plasticity.Core.Plasticity.IPlasticityRule\"/>"     // a doc cref: no dependency
           "    Plasticity.Stdp.StdpWindow w = default;" |]             // partially qualified: up
    let found = coreViolations "Synapses" planted |> List.map (fun (line, _, target) -> line, target)
    Assert.Equal<(int * string) list>([ (2, "Plasticity"); (3, "Networks"); (4, "Networks"); (8, "Experiments"); (10, "Plasticity") ], found)
    Assert.Empty(coreViolations "Networks" [| "using Plasticity.Core.Plasticity;"; "using Plasticity.Core.Data;" |])
    Assert.Equal<(int * string * string) list>(
        [ (1, "using Plasticity.Cli.Output;", "Cli") ],
        projectViolations [ "Cli" ] [| "using Plasticity.Cli.Output;"; "using Plasticity.Experiments.Sweeps;" |])
    let cs = [| "var r = new Random(42);"; "var q = Random.Shared.Next();"; "var g = new System.Random();"; "Random random = rng;"; "// new Random( in a comment" |]
    Assert.Equal<int list>([ 1; 2; 3 ], randomViolations false cs |> List.map fst)
    let fs = [| "let r = Random(42)"; "let r = System.Random()"; "let f (random: Random) = random.Next()"; "let q = Random.Shared" |]
    Assert.Equal<int list>([ 1; 2; 4 ], randomViolations true fs |> List.map fst)

// ---------------------------------------------------------------------------------------------------------
// The repository.

[<Fact>]
let ``no Core source names a layer above its own or a project above Core`` () =
    let core = Path.Combine(repoRoot, "src", "Core.CSharp")
    let found =
        [ for file in sources core "*.cs" do
            let folder = Path.GetRelativePath(core, file).Split(Path.DirectorySeparatorChar)[0]
            if not (Array.contains folder coreLayers) then
                yield sprintf "%s: not inside a layer folder (%s)" (relative file) (String.Join(", ", coreLayers))
            else
                for line, text, target in coreViolations folder (File.ReadAllLines file) do
                    yield sprintf "%s:%d: %s layer names %s: %s" (relative file) line folder target text ]
    report "upward references in src/Core.CSharp" found

[<Fact>]
let ``Analysis and Experiments name no project above them`` () =
    let found =
        [ for project, forbidden, pattern in
              [ ("Analysis.FSharp", [ "Experiments"; "Cli" ], "*.fs"); ("Experiments", [ "Cli" ], "*.cs") ] do
            for file in sources (Path.Combine(repoRoot, "src", project)) pattern do
                for line, text, target in projectViolations forbidden (File.ReadAllLines file) do
                    yield sprintf "%s:%d: %s names %s: %s" (relative file) line project target text ]
    report "upward references between projects" found

[<Fact>]
let ``project references follow Core < Experiments < Cli`` () =
    let referencesOf (project: string) =
        let file = Directory.GetFiles(Path.Combine(repoRoot, "src", project), "*.*proj") |> Array.exactlyOne
        [ for m in Regex.Matches(File.ReadAllText file, "ProjectReference\\s+Include=\"([^\"]+)\"") ->
            match Path.GetFileNameWithoutExtension(m.Groups[1].Value) with
            | null -> ""
            | name -> name ]
    // Oracle: the allowed references of each project (lower projects only).
    let allowed =
        [ ("Core.CSharp", set []); ("Analysis.FSharp", set [])
          ("Experiments", set [ "Core.CSharp"; "Analysis.FSharp" ])
          ("Cli", set [ "Core.CSharp"; "Analysis.FSharp"; "Experiments" ]) ]
    let found =
        [ for project, ok in allowed do
            for reference in referencesOf project do
                if not (ok.Contains reference) then yield sprintf "src/%s references %s" project reference ]
    report "project references against the layer order" found
    // The test must see the references that exist (guards the regular expression).
    Assert.Contains("Experiments", referencesOf "Cli")

[<Fact>]
let ``no source under src creates an unseeded generator (new Random or Random.Shared)`` () =
    let src = Path.Combine(repoRoot, "src")
    let found =
        [ for pattern, isFSharp in [ ("*.cs", false); ("*.fs", true) ] do
            for file in sources src pattern do
                for line, text in randomViolations isFSharp (File.ReadAllLines file) do
                    yield sprintf "%s:%d: %s" (relative file) line text ]
    report "unseeded generators under src/ (take a Random or a seed and use SeedSequence)" found

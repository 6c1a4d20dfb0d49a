/// Tests of the CLI skeleton shared by every command: the table writer (80 columns), the JSON envelope (built from
/// records, refusing NaN/∞ by field), the choice tables (every enum member named, every name round-trips), the piped
/// progress runner (at most one line per point or per 10 s), the seed option and seed path, and the one table from
/// core parameter names to option names.
module Plasticity.Properties.CliSkeletonTests

open System
open System.IO
open System.Text
open System.Text.Json
open Xunit
open FsCheck
open FsCheck.FSharp
open Plasticity.Cli.Arguments
open Plasticity.Cli.Commands
open Plasticity.Cli.Output
open Plasticity.Core.Data
open Plasticity.Core.Numerics
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support

// ---------------------------------------------------------------------------------------------------------------
// Table writer
// ---------------------------------------------------------------------------------------------------------------

/// Cell text: short numbers, words with Greek letters, long runs, and characters the writer must escape.
let private genCell =
    Gen.oneof [
        Gen.choose (0, 100000) |> Gen.map string
        Gen.elements [ ""; "λ_k of C⁰"; "hopfield.capacity.fixed-point"; "N=1000 P=100 trials=40"; "a\nb"; "\u001b[31mred"; "tab\there" ]
        Gen.choose (0, 130) |> Gen.map (fun n -> String('x', n))
    ]

let private genTable =
    gen {
        let! columns = Gen.choose (1, 14)
        let! rows = Gen.choose (0, 6)
        let! headers = Gen.arrayOfLength columns genCell
        let! alignments = Gen.arrayOfLength columns (Gen.elements [ true; false ])
        let! cells = Gen.arrayOfLength rows (Gen.arrayOfLength columns genCell)
        return TextTable([ for c in 0 .. columns - 1 -> TextColumn(headers[c], alignments[c]) ], [ for r in cells -> (r :> Collections.Generic.IReadOnlyList<string>) ])
    }

[<Fact>]
let ``table writer: no line exceeds 80 columns, and every cell short enough to keep appears whole on its row`` () =
    // Oracle: the width limit 80 (the contract), and the cells themselves: a cell of at most 39 characters after
    // escaping fits any column (the key column is capped at 39, the others at 80 − 39 − 2), so it must appear
    // verbatim on its row in one of the blocks; every block has the header and one line per row, blocks are
    // separated by one empty line.
    let property (table: TextTable) =
        let lines = TableWriter.Lines table
        for line in lines do
            require (line.Length <= TableWriter.Width) (sprintf "line of %d > %d columns: '%s'" line.Length TableWriter.Width line)
            require (line.IndexOfAny([| '\n'; '\r'; '\u001b'; '\t' |]) < 0) (sprintf "unescaped control character in '%s'" line)
        let rows = table.Rows.Count
        let blockSize = rows + 1
        require ((lines.Count + 1) % (blockSize + 1) = 0) (sprintf "%d lines do not split into blocks of %d + a blank line" lines.Count blockSize)
        let blocks = (lines.Count + 1) / (blockSize + 1)
        let lineOf b r = lines[b * (blockSize + 1) + r]
        for b in 1 .. blocks - 1 do
            require (lines[b * (blockSize + 1) - 1] = "") "blocks must be separated by one empty line"
        let all = Seq.append [ [ for c in table.Columns -> c.Header ] :> Collections.Generic.IReadOnlyList<string> ] table.Rows |> Seq.toArray
        for r in 0 .. rows do
            for c in 0 .. table.Columns.Count - 1 do
                let cell = ErrorText.Escape(all[r][c])
                if cell.Length > 0 && cell.Length <= 39 then
                    require ([ 0 .. blocks - 1 ] |> List.exists (fun b -> (lineOf b r).Contains cell)) (sprintf "cell '%s' (row %d, column %d) missing from its row" cell r c)
        true
    let config = Config.QuickThrowOnFailure.WithMaxTest(400).WithQuietOnSuccess(true)
    Check.One(config, Prop.forAll (Arb.fromGen genTable) property)

[<Fact>]
let ``table writer: a table that fits is one block with right- and left-aligned columns`` () =
    // Oracle: the layout written out by hand: widths 9 ("benchmark") and 3 ("1.5"), two spaces between.
    let table = TextTable([ TextColumn("benchmark", false); TextColumn("s") ], [ [| "oja"; "1.5" |]; [| "gha"; "22" |] ])
    let lines = TableWriter.Lines table |> List.ofSeq
    require (lines = [ "benchmark    s"; "oja        1.5"; "gha         22" ]) (sprintf "measured %A" lines)

// ---------------------------------------------------------------------------------------------------------------
// JSON envelope
// ---------------------------------------------------------------------------------------------------------------

type EnvelopeRow = { N: int; ErrorRate: float; Theory: Nullable<float> }
type EnvelopeSettings = { CueFlip: float; Alphas: float[] }
type EnvelopeBody = { Settings: EnvelopeSettings; Results: EnvelopeRow[] }

let private body (cueFlip: float) (alphas: float[]) (rates: float[]) =
    { Settings = { CueFlip = cueFlip; Alphas = alphas }
      Results = [| for i in 0 .. rates.Length - 1 -> { N = 100 * (i + 1); ErrorRate = rates[i]; Theory = (if i = 0 then Nullable() else Nullable 0.25) } |] }

let private refusal (b: EnvelopeBody) =
    try
        JsonEnvelope.ToBytes("test", 1, [ "test" ], b) |> ignore
        None
    with :? NonFiniteValueException as e -> Some e

[<Fact>]
let ``json envelope: header first, snake_case fields from the records, null for a missing value, numbers round-trip`` () =
    // Oracle: the values put in (round-trip formatting must give back the identical doubles) and the documented layout.
    let rates = [| 0.1; 1e-300; 0.3333333333333333 |]
    let bytes = JsonEnvelope.ToBytes("capacity", 3, [ "capacity"; "--n"; "100" ], body 0.1 [| 0.05; 0.15 |] rates)
    let text = Encoding.UTF8.GetString bytes
    require (text.EndsWith "}\n") "the file ends with a line break"
    let root = JsonDocument.Parse(text).RootElement
    let names = [ for p in root.EnumerateObject() -> p.Name ]
    require (names = [ "schema_version"; "command"; "arguments"; "settings"; "results" ]) (sprintf "top-level fields %A" names)
    require (root.GetProperty("schema_version").GetInt32() = 3) "schema_version"
    require (root.GetProperty("command").GetString() = "capacity") "command"
    require ([ for a in root.GetProperty("arguments").EnumerateArray() -> a.GetString() ] = [ "capacity"; "--n"; "100" ]) "arguments as typed"
    require (root.GetProperty("settings").GetProperty("cue_flip").GetDouble() = 0.1) "settings.cue_flip"
    let results = [ for r in root.GetProperty("results").EnumerateArray() -> r ]
    for i in 0 .. rates.Length - 1 do
        require (results[i].GetProperty("error_rate").GetDouble() = rates[i]) (sprintf "results[%d].error_rate: oracle %.17g" i rates[i])
        require (results[i].GetProperty("n").GetInt32() = 100 * (i + 1)) "n"
    require (results[0].GetProperty("theory").ValueKind = JsonValueKind.Null) "a missing theory value is null"
    require (results[1].GetProperty("theory").GetDouble() = 0.25) "theory"

[<Fact>]
let ``json envelope: NaN or ±∞ anywhere refuses the file and names the field with its path`` () =
    // Oracle: the position where the non-finite value was planted.
    let cases =
        [ body nan [| 0.1 |] [| 0.1 |], "settings.cue_flip", "NaN"
          body 0.1 [| 0.1; infinity |] [| 0.1 |], "settings.alphas[1]", "+Infinity"
          body 0.1 [| 0.1 |] [| 0.1; 0.2; -infinity |], "results[2].error_rate", "-Infinity"
          { body 0.1 [| 0.1 |] [| 0.1; 0.2 |] with Results = [| { N = 1; ErrorRate = 0.0; Theory = Nullable 0.0 }; { N = 2; ErrorRate = 0.0; Theory = Nullable nan } |] }, "results[1].theory", "NaN" ]
    for b, field, value in cases do
        match refusal b with
        | None -> failwithf "%s = %s: oracle refused, measured written" field value
        | Some e ->
            require (e.Field = field) (sprintf "field: oracle %s, measured %s" field e.Field)
            require (e.Message.Contains field && e.Message.Contains value) (sprintf "message should name %s and %s: %s" field value e.Message)
    // Nothing is written under the final name.
    let dir = tempDir ()
    let path = Path.Combine(dir, "r.json")
    try JsonEnvelope.Write(path, "test", 1, [], body nan [||] [||]) with :? NonFiniteValueException -> ()
    require (not (File.Exists path)) "a refused file must not exist"
    require (Directory.GetFiles dir |> Array.isEmpty) "no temporary file left"

// ---------------------------------------------------------------------------------------------------------------
// Choice tables
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``choices: every table is listed, every enum member has a name, and every name round-trips`` () =
    // Oracle for completeness: reflection over the enums themselves (Enum.GetValues), not over the tables.
    let listed = Collections.Generic.HashSet<IChoiceTable>(Choices.All, HashIdentity.Reference)
    for p in typeof<Choices>.GetProperties() do
        if typeof<IChoiceTable>.IsAssignableFrom p.PropertyType then
            match p.GetValue(null) with
            | :? IChoiceTable as t -> require (listed.Contains t) (sprintf "Choices.%s is missing from Choices.All" p.Name)
            | _ -> failwithf "Choices.%s is null" p.Name
    let mutable enums = 0
    for table in Choices.All do
        require (table.Names.Count > 0) (sprintf "%s: empty table" table.What)
        for name in table.Names do
            let value =
                match table.ValueOf name with
                | null -> failwithf "%s: name '%s' does not parse" table.What name
                | v -> v
            require (table.NameOf value = name) (sprintf "%s: '%s' → value → '%s'" table.What name (table.NameOf value))
            require (obj.Equals(table.ValueOf(name.ToUpperInvariant()), value)) (sprintf "%s: '%s' is not case-insensitive" table.What name)
            require (obj.Equals(table.ValueOf(sprintf "  %s " name), value)) (sprintf "%s: '%s' with spaces" table.What name)
        require (table.Allowed = String.Join('|', table.Names)) (sprintf "%s: Allowed" table.What)
        if table.ValueType.IsEnum then
            enums <- enums + 1
            for member' in Enum.GetValues table.ValueType |> Seq.cast<obj> do
                require (not (isNull (table.NameOf member'))) (sprintf "%s: enum member %O has no command-line name" table.What member')
    // StorageRule, CapacityMeasure, UpdateOrder, DiagonalConvention, PresentationOrder, TrainingMode, StdpPairing.
    require (enums = 7) (sprintf "oracle 7 enum tables, measured %d" enums)

[<Fact>]
let ``choices: an unknown name is one line naming the option and listing the allowed names`` () =
    let e = Assert.Throws<UsageException>(fun () -> Choices.PresentationOrders.Parse("--order", "bogus") |> ignore)
    require (e.Message = "--order must be one of cyclic|shuffled|sampled (got 'bogus')") e.Message
    usageError [ "learn"; "--rule"; "oja"; "--data"; "x.csv"; "--mode"; "Online2" ] [ "--mode must be one of online|minibatch|averaged"; "'Online2'" ]
    // Help shows the command-line names, never the C# member names.
    let _, help, _ = run [ "learn"; "--help" ]
    require (help.Contains "[default: shuffled]" && not (help.Contains "Shuffled")) (sprintf "learn --help: %s" help)

// ---------------------------------------------------------------------------------------------------------------
// Progress runner
// ---------------------------------------------------------------------------------------------------------------

/// A clock that moves only when told to (ticks of 1 µs).
type private ManualClock() =
    inherit TimeProvider()
    member val Ticks = 0L with get, set
    override this.GetTimestamp() = this.Ticks
    override _.TimestampFrequency = 1_000_000L

let private lines (writer: StringWriter) =
    writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)

[<Fact>]
let ``progress runner, piped: at most one step line per 10 s of clock, and one line per point`` () =
    // Oracle: with increments that sum to T seconds, a line needs 10 s since the previous one, so at most ⌊T/10⌋
    // lines; with a constant 0.25 s increment (exact in µs ticks) lines fall at exactly 10, 20, …, so ⌊T/10⌋ exactly.
    let regular () =
        let clock = ManualClock()
        let out = new StringWriter()
        let progress = ProgressRunner.Plain(out, "learn oja", 1000L, clock)
        for step in 1L .. 1000L do
            clock.Ticks <- clock.Ticks + 250_000L
            progress.Step step
        lines out
    let measured = regular ()
    require (measured.Length = 25) (sprintf "250 s in 0.25 s steps: oracle 25 lines, measured %d: %A" measured.Length measured)
    require (measured[0] = "learn oja: 40/1000 (4%), 10 s") (sprintf "first line: %s" measured[0])
    let property (increments: int[]) =
        let clock = ManualClock()
        let out = new StringWriter()
        let progress = ProgressRunner.Plain(out, "x", int64 increments.Length, clock)
        let mutable stamps = []
        let mutable count = 0
        for i in 0 .. increments.Length - 1 do
            clock.Ticks <- clock.Ticks + int64 (abs increments[i]) * 1000L // up to ~2000 s per call, in ms
            progress.Step(int64 i)
            let now = (lines out).Length
            if now > count then
                stamps <- clock.Ticks :: stamps
                count <- now
        let total = float clock.Ticks / 1e6
        require (float count <= floor (total / 10.0)) (sprintf "%d lines in %.3f s" count total)
        let gaps = stamps |> List.rev |> List.pairwise |> List.map (fun (a, b) -> float (b - a) / 1e6)
        require (gaps |> List.forall (fun g -> g >= 10.0)) (sprintf "gaps between lines %A" gaps)
        true
    Check.One(Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true), Prop.forAll (Arb.fromGen (Gen.arrayOf (Gen.choose (0, 30000)))) property)
    // Points: one line each, whatever the clock does.
    let clock = ManualClock()
    let out = new StringWriter()
    let progress = ProgressRunner.Plain(out, "bench", 3L, clock)
    for i in 0 .. 2 do progress.Point(int64 i, sprintf "case %d" i)
    require ((lines out |> List.ofArray) = [ "bench: case 0"; "bench: case 1"; "bench: case 2" ]) (sprintf "point lines %A" (lines out))

// ---------------------------------------------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``seed: the full 64-bit range is accepted, anything else is one line naming --seed and the range`` () =
    let dir = tempDir ()
    for seed in [ "0"; "18446744073709551615" ] do
        runOk [ "generate"; "onehot"; "--samples"; "10"; "--seed"; seed; "--out"; Path.Combine(dir, seed + ".csv") ] |> ignore
    for bad in [ "-1"; "18446744073709551616"; "1.5"; "0x10"; ""; "seven" ] do
        usageError [ "generate"; "onehot"; "--seed"; bad; "--out"; Path.Combine(dir, "bad.csv") ] [ "--seed must be an integer in [0, 18446744073709551615]" ]
        usageError [ "learn"; "--rule"; "oja"; "--data"; "x.csv"; "--seed"; bad ] [ "--seed"; "18446744073709551615" ]
        usageError [ "bench"; "--seed"; bad; "--out"; dir ] [ "--seed"; "18446744073709551615" ]

[<Fact>]
let ``seed path: generate draws from Derive(seed, [generate id, stream]) and seeds s and s + 2^32 differ`` () =
    // Oracle: the documented scheme applied by hand with SeedSequence (command id 3 = generate, stream 2 = onehot).
    let dir = tempDir ()
    let p = [| 0.2; 0.3; 0.5 |]
    let read (seed: uint64) =
        let file = Path.Combine(dir, sprintf "s%d.csv" seed)
        runOk [ "generate"; "onehot"; "--samples"; "200"; "--seed"; string seed; "--out"; file ] |> ignore
        CsvDataset.ReadRows file
    for seed in [ 7UL; 7UL + (1UL <<< 32); UInt64.MaxValue ] do
        let expected = DataSources.OneHot(p, 200, SeedSequence.CreateRandom(SeedSequence.Derive(seed, ReadOnlySpan [| 3L; 2L |])))
        let measured = read seed
        for s in 0 .. 199 do
            require (measured[s] = expected.Sample(s).ToArray()) (sprintf "seed %d sample %d: oracle %A, measured %A" seed s (expected.Sample(s).ToArray()) measured[s])
    require (read 7UL <> read (7UL + (1UL <<< 32))) "seeds s and s + 2^32 must give different samples"

// ---------------------------------------------------------------------------------------------------------------
// Core parameter names → option names
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``error text: core parameter names, old and new, map to the option that sets them`` () =
    // Oracle: the option names as typed on the command line, written out here.
    let expected =
        [ "CueFlip", "--cue-flip"; "cue-flip", "--cue-flip"; "MaxSweeps", "--max-sweeps"; "max-sweeps", "--max-sweeps"
          "BatchSize", "--batch-size"; "batch-size", "--batch-size"; "RetrievalsPerTrial", "--retrievals"; "retrievals", "--retrievals"
          "DivergenceLimit", "--divergence-limit"; "divergence-limit", "--divergence-limit"; "RecordEvery", "--record-every"
          "record-every", "--record-every"; "Epochs", "--epochs"; "epochs", "--epochs"; "Trials", "--trials"; "Diagonal", "--diagonal"
          "TimeStep", "--dt"; "MaxWeight", "--gmax"; "EtaTheta", "--eta-theta"
          // not in the table: the kebab-case rule
          "SomeNewLimit", "--some-new-limit"; "HTTPPort", "--http-port" ]
    for parameter, option in expected do
        require (ErrorText.OptionFor parameter = option) (sprintf "%s: oracle %s, measured %s" parameter option (ErrorText.OptionFor parameter))
    let usage = ErrorText.Usage(ArgumentOutOfRangeException("CueFlip", 0.7, "CueFlip must be in [0, 0.5)."))
    require (usage.Parameter = "--cue-flip" && usage.Message = "--cue-flip: CueFlip must be in [0, 0.5).") (sprintf "usage: %s / %s" usage.Parameter usage.Message)
    // Every option the table names is an option of some command (a typo in the table would name nothing).
    let help =
        [ [ "capacity" ]; [ "learn" ]; [ "generate"; "gaussian" ]; [ "generate"; "onehot" ]; [ "eigen" ]; [ "stdp"; "window" ]; [ "stdp"; "competition" ]; [ "bench" ] ]
        |> List.map (fun c -> let _, out, _ = run (c @ [ "--help" ]) in out)
        |> String.concat "\n"
    for option in ErrorText.CoreParameters.Values |> Seq.distinct do
        require (help.Contains("  " + option + " ")) (sprintf "%s (from ErrorText.CoreParameters) is not an option of any command" option)

// ---------------------------------------------------------------------------------------------------------------
// Typed options
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``typed options: a blank optional value means absent, and a bad value is the option's own one line`` () =
    // Regression (found by the CLI fuzz test): a custom parser returning null for "--init '   '" made
    // System.CommandLine throw InvalidCastException (exit 1). Oracle: blank = not given, so the run succeeds and
    // summary.json records seeded initial weights and the automatic record interval (about 1000 records).
    let dir = tempDir ()
    let data = Path.Combine(dir, "d.csv")
    File.WriteAllText(data, "1,2\n3,4\n5,7\n")
    let out = Path.Combine(dir, "out")
    runOk [ "learn"; "--rule"; "oja"; "--data"; data; "--init"; "   "; "--record-every"; " "; "--epochs"; "2"; "--out"; out ] |> ignore
    let training = (json (Path.Combine(out, "summary.json"))).GetProperty("training")
    require (training.GetProperty("init").GetString() = "seeded gaussian") (sprintf "init: %s" (training.GetProperty("init").GetString()))
    require (training.GetProperty("record_every").GetInt32() = 1) "6 steps / 1000 records → every step"
    runOk [ "bench"; "--help" ] |> ignore
    // The option's own message, without the parser's "(see 'plasticity --help')" pointer, exactly as the binders wrote it.
    let code, _, err = run [ "learn"; "--rule"; "oja"; "--data"; data; "--eta"; "x" ]
    require (code = 2 && err = "error: --eta must be a finite number > 0 (got 'x')" + Environment.NewLine) (sprintf "%d %s" code err)
    // A value that would need escaping is escaped in the one line, not broken across two.
    usageError [ "learn"; "--rule"; "oja"; "--data"; data; "--eta"; "1\n2" ] [ "--eta"; "'1\\n2'" ]

[<Fact>]
let ``interactive mode: the live bar and the Spectre tables run, and every table line fits 80 columns`` () =
    // Oracle: exit code 0 and the files of the plain run; the 80-column contract on the visible text (ANSI escape
    // sequences removed), for the eigen table and the bench table that has seven columns.
    let interactive (args: string list) =
        let out, err = new StringWriter(), new StringWriter()
        let code = Plasticity.Cli.Program.Run(Array.ofList args, out, err, true)
        require (code = 0) (sprintf "%A (interactive): exit %d, stderr %s" args code (err.ToString()))
        let visible = Text.RegularExpressions.Regex.Replace(out.ToString(), "\u001b\\[[0-9;?]*[A-Za-z]|\u001b\\][^\u0007]*\u0007", "")
        visible.Split('\n') |> Array.map (fun l -> l.TrimEnd('\r'))
    let dir = tempDir ()
    let data = Path.Combine(dir, "g.csv")
    runOk [ "generate"; "gaussian"; "--dimension"; "12"; "--samples"; "300"; "--out"; data ] |> ignore
    let eigen = interactive [ "eigen"; "--data"; data; "--out"; Path.Combine(dir, "e") ]
    require (File.Exists(Path.Combine(dir, "e", "eigen.json"))) "eigen.json"
    let table = eigen |> Array.filter (fun l -> l.Contains "│" || l.Contains "─")
    require (table.Length >= 12) (sprintf "oracle a Spectre table of 10 rows, measured %d table lines" table.Length)
    for line in table do
        require (line.Length <= 80) (sprintf "eigen table line of %d columns: %s" line.Length line)
    interactive [ "learn"; "--rule"; "oja"; "--data"; data; "--epochs"; "2"; "--out"; Path.Combine(dir, "l") ] |> ignore
    require (File.Exists(Path.Combine(dir, "l", "summary.json"))) "summary.json"
    let bench = interactive [ "bench"; "--quick"; "--repeat"; "1"; "--out"; Path.Combine(dir, "b") ]
    let benchTable = bench |> Array.filter (fun l -> l.Contains "│")
    require (benchTable.Length >= 8) (sprintf "oracle a Spectre table with a header and 7 benchmarks, measured %d lines" benchTable.Length)
    for line in benchTable do
        require (line.Length <= 80) (sprintf "bench table line of %d columns: %s" line.Length line)

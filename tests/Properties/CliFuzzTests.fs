/// Fuzz property of the whole command line, run in-process: every command (capacity, learn, eigen, generate
/// gaussian|onehot, stdp window|competition, bench, help and unknown commands) with generated argument vectors
/// (FuzzGenerators.genCliCase: tiny valid runs, hostile values, unknown options, duplicates, missing values,
/// control characters, binary bytes, long strings, bad paths, response files).
///
/// Oracle: the CLI's documented contract (README/issue 8), which holds for every input, so the property is
/// deterministic and its false-alarm rate is 0: either exit code 2 with exactly one non-empty line on stderr, free
/// of control characters, that names an option, file or token of the command line (and, when the only fault is a
/// forgotten value, that option); or exit code 0 with every file written complete and finite (each CSV rectangular,
/// newline-terminated and without NaN/Infinity cells, each JSON parseable and without non-finite numbers, each
/// PNG/SVG non-empty and well-formed at both ends); no exception escapes Program.Run and no case runs longer than
/// caseTimeout. The contract functions are shared with ReaderFuzzTests.
module Plasticity.Properties.CliFuzzTests

open System
open System.Globalization
open System.IO
open System.Text
open System.Text.Json
open System.Threading
open System.Threading.Tasks
open Xunit
open FsCheck
open FsCheck.FSharp
open Plasticity.Cli
open Plasticity.Properties.CliSupport
open Plasticity.Properties.FuzzGenerators

/// Longest a case may run. Valid cases are sized to finish in well under a second; 20 s leaves room for a loaded
/// CI machine while still turning a hang into a failure that prints the arguments.
let caseTimeout = TimeSpan.FromSeconds 20.0

/// What one bounded run did.
type Outcome =
    | Finished of code: int * stdout: string * stderr: string
    | Threw of exn
    | TimedOut

/// Runs `f` on the thread pool and waits at most caseTimeout; a run that does not finish is reported, not awaited
/// (its cancellation token is cancelled so a cooperative loop stops).
let bounded (f: CancellationToken -> 'T) : Result<'T, string> =
    let cancellation = new CancellationTokenSource()
    let task = Task.Run(fun () -> f cancellation.Token)
    try
        if task.Wait caseTimeout then Ok task.Result
        else
            cancellation.Cancel()
            Error(sprintf "did not finish within %.0f s" caseTimeout.TotalSeconds)
    with :? AggregateException as e ->
        match e.InnerException with
        | null -> Error(sprintf "exception escaped: %s" e.Message)
        | inner -> Error(sprintf "exception escaped: %s: %s" (inner.GetType().Name) inner.Message)

/// Runs Program.Run in-process with a timeout.
let runBounded (args: string list) : Outcome =
    let out, err = new StringWriter(), new StringWriter()
    match bounded (fun token -> Program.Run(Array.ofList args, out, err, false, token)) with
    | Ok code -> Finished(code, out.ToString(), err.ToString())
    | Error e when e.StartsWith("did not finish", StringComparison.Ordinal) -> TimedOut
    | Error e -> Threw(Exception e)

let private isLineBreakOrControl (c: char) = Char.IsControl c || c = '\u2028' || c = '\u2029'

/// The one stderr line of an exit-2 run, or why stderr is not exactly one clean non-empty line.
let singleLine (stderr: string) : Result<string, string> =
    let body =
        if stderr.EndsWith("\r\n", StringComparison.Ordinal) then stderr.Substring(0, stderr.Length - 2)
        elif stderr.EndsWith("\n", StringComparison.Ordinal) then stderr.Substring(0, stderr.Length - 1)
        else stderr
    if String.IsNullOrWhiteSpace body then Error "stderr is empty"
    elif body.Contains '\n' || body.Contains '\r' then
        Error(sprintf "stderr has %d lines" (body.Split([| "\r\n"; "\n"; "\r" |], StringSplitOptions.None).Length))
    else
        match body |> Seq.tryFindIndex isLineBreakOrControl with
        | Some i -> Error(sprintf "stderr line holds control character U+%04X at %d (must be escaped)" (int body[i]) i)
        | None -> Ok body

/// Characters a correct one-line message shows escaped: controls and line breaks, and also invisible format
/// characters (soft hyphen, zero-width space, BOM, bidirectional overrides) and unpaired surrogates, which the CLI
/// escapes too (InputReliabilityTests item 1 requires it), so the raw character cannot appear in the line.
let private shownEscaped (c: char) =
    isLineBreakOrControl c || Char.IsSurrogate c || Char.GetUnicodeCategory c = Globalization.UnicodeCategory.Format

/// Whether `line` names `token`: verbatim; quoted when the token is shorter than 3 characters (so "1" does not match
/// any message holding a digit); and for a token with escaped characters (see shownEscaped) or more than 60
/// characters, its first printable run of at least 3 characters (at most 40 of them), since a correct message
/// escapes or shortens such a token. (The first run, not the prefix: a token that starts with an escape sequence,
/// "\x1b[2J", has an empty printable prefix that no correct message could show.)
let names (line: string) (token: string) =
    let escaped = token |> Seq.filter shownEscaped |> Seq.distinct |> Array.ofSeq
    let runs = if escaped.Length = 0 then [| token |] else token.Split escaped
    let printable = runs |> Array.tryFind (fun r -> r.Length >= 3) |> Option.defaultValue runs[0]
    let prefix = printable.Substring(0, min 40 printable.Length)
    let escapedOrLong = printable.Length < token.Length || token.Length > 60
    if token.Length < 3 || token.Trim('-').Length = 0 then line.Contains("'" + token + "'")
    elif escapedOrLong then prefix.Length >= 3 && line.Contains prefix
    else line.Contains token

/// Command paths, longest first (a case's leading command words are not something an error has to name).
let private commandPaths =
    commands |> List.map (fun c -> c.Path) |> List.append [ [ "generate" ]; [ "stdp" ] ] |> List.sortByDescending List.length

let private valuedOptions (path: string list) =
    commands |> List.tryFind (fun c -> c.Path = path) |> Option.map (fun c -> c.Options |> List.map (fun o -> o.Name) |> set) |> Option.defaultValue Set.empty

let private pathOptions = set [ "--out"; "--data"; "--init" ]

/// Options an error may name although they are absent: the required ones, whose absence is the fault.
let private requiredOptions = Map.ofList [ [ "learn" ], [ "--rule"; "--data" ]; [ "eigen" ], [ "--data" ] ]

/// The tokens of a response file (@file), which the parser reads as if typed.
let private responseTokens (file: string) =
    if File.Exists file then File.ReadAllText(file).Split([| ' '; '\t'; '\n'; '\r' |], StringSplitOptions.RemoveEmptyEntries) |> List.ofArray
    else []

/// The tokens of a command line an error may name: option-like tokens (and the name part of --name=value), values
/// of path options, response files and their tokens, absent required options, and any other token that is not a
/// value of a known option.
let blameCandidates (args: string list) =
    let path = commandPaths |> List.tryFind (fun p -> args.Length >= p.Length && List.take p.Length args = p) |> Option.defaultValue []
    let valued = valuedOptions path
    let required = requiredOptions.TryFind path |> Option.defaultValue [] |> List.filter (fun o -> not (List.contains o args))
    let rest = args |> List.skip path.Length |> Array.ofList
    [ for i in 0 .. rest.Length - 1 do
          let t = rest[i]
          let previous = if i > 0 then rest[i - 1] else ""
          if t.StartsWith("-", StringComparison.Ordinal) then
              yield t
              if t.Contains '=' then yield t.Substring(0, t.IndexOf '=')
          elif t.StartsWith("@", StringComparison.Ordinal) then
              // Response files are expanded before parsing, wherever they stand.
              yield t
              yield t.Substring 1
              yield! responseTokens (t.Substring 1)
          elif valued.Contains previous then
              if pathOptions.Contains previous then yield t
          else yield t
      yield! required ]

// ---------------------------------------------------------------------------------------------------------------
// Output files: complete and finite.

let private nonFiniteWords = set [ "nan"; "-nan"; "infinity"; "-infinity"; "+infinity"; "inf"; "-inf"; "+inf"; "∞"; "-∞" ]

let private nonFiniteText (s: string) = nonFiniteWords.Contains(s.Trim().ToLowerInvariant())

/// Why a CSV output is incomplete or non-finite (None when it is fine).
let csvProblem (text: string) =
    if text.Length = 0 then Some "is empty"
    elif not (text.EndsWith("\n", StringComparison.Ordinal)) then Some "does not end with a newline (truncated)"
    else
        let lines = text.Substring(0, text.Length - 1).Split('\n') |> Array.map (fun l -> l.TrimEnd '\r')
        let width = lines[0].Split(',').Length
        lines
        |> Array.indexed
        |> Array.tryPick (fun (i, line) ->
            let cells = line.Split(',')
            if cells.Length <> width then Some(sprintf "row %d has %d cells, row 1 has %d" (i + 1) cells.Length width)
            else
                cells
                |> Array.tryPick (fun cell ->
                    match Double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture) with
                    | _ when nonFiniteText cell -> Some(sprintf "row %d holds %A" (i + 1) cell)
                    | true, v when not (Double.IsFinite v) -> Some(sprintf "row %d holds %A" (i + 1) cell)
                    | _ -> None))

/// The literals System.Text.Json writes for non-finite numbers when named floating-point literals are allowed.
let private namedNonFinite = set [ "NaN"; "Infinity"; "-Infinity" ]

let private echoesInput (path: string) =
    let key = path.Substring(path.LastIndexOf '.' + 1).ToLowerInvariant()
    path.Contains ".arguments[" || key.Contains "file" || key.Contains "path" || key = "command"

let rec private jsonProblem (path: string) (e: JsonElement) =
    match e.ValueKind with
    | JsonValueKind.Object -> e.EnumerateObject() |> Seq.tryPick (fun p -> jsonProblem (path + "." + p.Name) p.Value)
    | JsonValueKind.Array -> e.EnumerateArray() |> Seq.indexed |> Seq.tryPick (fun (i, x) -> jsonProblem (sprintf "%s[%d]" path i) x)
    | JsonValueKind.Number ->
        let raw = e.GetRawText()
        match Double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture) with
        | true, v when Double.IsFinite v -> None
        | _ -> Some(sprintf "%s = %s is not a finite double" path raw)
    // A non-finite number written as a named literal; text fields that echo the user's input (arguments, file
    // names) may legitimately say "Infinity".
    | JsonValueKind.String when namedNonFinite.Contains(string (e.GetString())) && not (echoesInput path) ->
        Some(sprintf "%s = %A" path (e.GetString()))
    | _ -> None

/// Why an output file is incomplete or non-finite, by extension (CSV for anything that is not JSON/PNG/SVG, since
/// generate writes its CSV under any name).
let fileProblem (file: string) =
    let bytes = File.ReadAllBytes file
    match (string (Path.GetExtension file)).ToLowerInvariant() with
    | ".json" ->
        try
            use doc = JsonDocument.Parse(bytes)
            jsonProblem "$" doc.RootElement
        with e -> Some(sprintf "is not valid JSON (%s)" e.Message)
    | ".sqlite" ->
        // A capacity run's results store: it must open as a store of this format (run record, points table).
        try
            use store = Plasticity.Experiments.Results.ResultStore.OpenExisting file
            if store.Finished.Count = 0 then Some "is a results store without points" else None
        with e -> Some(sprintf "is not a readable results store (%s)" e.Message)
    | ".png" ->
        if bytes.Length < 8 || bytes[0] <> 0x89uy || bytes[1] <> byte 'P' || bytes[2] <> byte 'N' || bytes[3] <> byte 'G' then
            Some(sprintf "is not a PNG (%d bytes)" bytes.Length)
        else None
    | ".svg" ->
        let text = Encoding.UTF8.GetString bytes
        if not (text.Contains "<svg") || not (text.TrimEnd().EndsWith("</svg>", StringComparison.Ordinal)) then Some(sprintf "is not a complete SVG (%d bytes)" bytes.Length)
        else None
    | _ -> csvProblem (Encoding.UTF8.GetString bytes)

/// Every file under `dir` that the run wrote (new, or a fixture whose bytes changed) with its problem, if any.
let outputProblems (dir: string) (fixtures: Map<string, byte[]>) =
    Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
    |> Seq.filter (fun f -> match fixtures.TryFind f with Some b -> File.ReadAllBytes f <> b | None -> true)
    |> Seq.choose (fun f -> fileProblem f |> Option.map (fun p -> sprintf "%s %s" (Path.GetRelativePath(dir, f)) p))
    |> List.ofSeq

/// The contract of one finished run: None when it holds, otherwise what broke it.
/// `requireNaming` is false only for top-level cases (no command, or an incomplete one), where no token is at fault.
let contract (args: string list) (outcome: Outcome) (dir: string) (fixtures: Map<string, byte[]>) (mustName: string list) (requireNaming: bool) =
    match outcome with
    | TimedOut -> Some(sprintf "hang: no exit within %.0f s" caseTimeout.TotalSeconds)
    | Threw e -> Some e.Message
    | Finished(0, _, _) ->
        match outputProblems dir fixtures with
        | [] -> None
        | problems -> Some(sprintf "exit 0 but output %s" (String.Join("; ", problems)))
    | Finished(2, _, err) ->
        match singleLine err with
        | Error e -> Some(sprintf "exit 2 but %s: %A" e err)
        | Ok line ->
            let candidates = blameCandidates args
            match mustName |> List.tryFind (fun t -> not (names line t)) with
            | Some t -> Some(sprintf "exit 2 but the line does not name %A: %A" t line)
            | None when not requireNaming || candidates.IsEmpty || candidates |> List.exists (names line) -> None
            | None -> Some(sprintf "exit 2 but the line names no option, file or token of the command line: %A" line)
    | Finished(code, _, err) -> Some(sprintf "exit %d (expected 0 or 2); stderr %A" code err)

// ---------------------------------------------------------------------------------------------------------------
// Running one generated case.

let private fixtureBytes (case: CliCase) =
    [ Fixture.Data, Encoding.UTF8.GetBytes Fixture.dataText
      Fixture.Init, Encoding.UTF8.GetBytes Fixture.initText
      Fixture.TextFile, Encoding.UTF8.GetBytes Fixture.textFileText
      Fixture.Bad, case.BadFile ]

/// Creates the case directory with the fixtures its arguments refer to; returns the resolved arguments and the
/// fixtures written (path → bytes).
let prepare (root: string) (index: int) (case: CliCase) =
    let dir = Path.Combine(root, string index)
    Directory.CreateDirectory dir |> ignore
    let refers (name: string) = case.Args |> List.exists (fun a -> a.Contains(Fixture.at name))
    let written =
        [ for name, bytes in fixtureBytes case do
              if refers name then
                  let path = Path.Combine(dir, name)
                  File.WriteAllBytes(path, bytes)
                  yield path, bytes ]
    Directory.CreateDirectory(Path.Combine(dir, Fixture.Directory)) |> ignore
    let args = case.Args |> List.map (fun a -> a.Replace(CaseDir, dir))
    dir, args, Map.ofList written

let private deleteQuietly (dir: string) =
    try Directory.Delete(dir, true) with _ -> ()

/// Runs one case and checks the contract: None, or the failure with the resolved arguments.
let checkCliCase (root: string) (index: int) (case: CliCase) =
    let dir, args, fixtures = prepare root index case
    let outcome = runBounded args
    let failure = contract args outcome dir fixtures (Option.toList case.MissingValueOf) (case.Mutations <> [ topLevel ])
    // A run that did not finish may still be writing: leave its directory.
    match outcome with
    | TimedOut -> ()
    | _ -> deleteQuietly dir
    failure |> Option.map (fun f -> sprintf "%s\n  argv (resolved) %A\n  case %O" f args case)

/// Cases per CI run, and the replay seed that makes the run deterministic (FsCheck's Rnd takes a seed and an odd gamma).
/// 8,000 here and 2,000 in ReaderFuzzTests: the 10,000 cases per CI run of issue 8 §3.
let cliCases = 8_000
let cliReplay = { Rnd = Rnd(20261201UL, 0x9E3779B97F4A7C15UL); Size = None }

/// Root of the case directories: /dev/shm (RAM) where it exists, since creating and deleting 10,000 directories on
/// a loaded disk costs several milliseconds each; the system temp folder elsewhere.
let caseRoot () =
    if Directory.Exists "/dev/shm" then
        let d = Path.Combine("/dev/shm", "plasticity-tests", Guid.NewGuid().ToString("N"))
        Directory.CreateDirectory d |> ignore
        d
    else tempDir ()

/// Runs a fuzz property: `cases` cases drawn by `gen` from the fixed `replay` seed, each checked by
/// `check root index case` (None passes; Some failure fails the run with that text, FsCheck then reports the case), in
/// a fresh case root removed afterwards; prints the case count with wall and CPU time under `name`.
let runFuzz (name: string) (cases: int) (replay: Replay) (gen: Gen<'Case>) (check: string -> int -> 'Case -> string option) =
    let root = caseRoot ()
    let counter = ref 0
    let started = Diagnostics.Stopwatch.StartNew()
    let cpu0 = Diagnostics.Process.GetCurrentProcess().TotalProcessorTime
    let property (case: 'Case) =
        counter.Value <- counter.Value + 1
        match check root counter.Value case with
        | None -> true
        | Some failure -> failwith failure
    let config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithReplay(Some replay).WithQuietOnSuccess(true)
    Check.One(config, Prop.forAll (Arb.fromGen gen) property)
    deleteQuietly root
    // Wall time depends on the machine's load; the process CPU time (all threads) is the steadier figure.
    printfn "%s: %d cases in %.1f s wall, %.1f s CPU" name counter.Value started.Elapsed.TotalSeconds (Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds

[<Fact>]
let ``every generated command line exits 0 with complete finite files or 2 with one line naming the culprit`` () =
    runFuzz "cli fuzz" cliCases cliReplay genCliCase checkCliCase

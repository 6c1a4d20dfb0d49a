/// Fuzz property of every input reader: CsvDataset.Read (samples, --data of eigen and learn), CsvDataset.ReadRows
/// (--init of learn) and the CLI paths that call them, fed generated files (FuzzGenerators.genCsvCase): ragged rows,
/// trailing commas, quoted and non-numeric cells, NaN/Infinity and overflowing numbers, binary lines, interior blank
/// lines, very long lines, CRLF and CR line ends, UTF-8 and UTF-16 byte-order marks, empty and header-only files,
/// directories and missing files.
///
/// Oracle: the documented format of CsvDataset (header iff no cell of line 1 parses as NumberStyles.Float in the
/// invariant culture; rows are file lines counted from 1, header included; blank lines only at the end; surrounding
/// white space allowed; at least 2 samples, or 1 row of weights) applied by the generator, which knows where it put
/// the one defect and which numbers it wrote (in round-trip format, so a valid file must read back bit for bit).
/// Contract: a valid file reads back exactly; a defective one raises DataFileException with one line naming the
/// file and, for a defect in a row, that row; through the CLI, exit 2 with that one line, or exit 0 with complete
/// finite outputs (CliFuzzTests.contract). Deterministic, so the false-alarm rate is 0.
module Plasticity.Properties.ReaderFuzzTests

open System
open System.IO
open System.Text
open System.Text.RegularExpressions
open Xunit
open FsCheck
open FsCheck.FSharp
open Plasticity.Cli.Learning
open Plasticity.Core.Data
open Plasticity.Properties.CliFuzzTests
open Plasticity.Properties.FuzzGenerators

let private namesRow (line: string) (row: int) = Regex.IsMatch(line, sprintf @"\brow %d\b" row)

/// The first value beyond the CLI's documented data limit, as the file row it sits in.
let private rowBeyondLimit (case: CsvCase) (rows: float[][]) =
    rows |> Array.tryFindIndex (Array.exists (fun v -> abs v > DataLimits.MaxMagnitude)) |> Option.map (fun k -> case.FirstDataLine + k)

/// The reader contract on the direct call: None, or what broke it.
let private readerProblem (case: CsvCase) (path: string) =
    let read () =
        if case.Through = LearnInit then CsvDataset.ReadRows path
        else
            let d = CsvDataset.Read path
            Array.init d.Count (fun k -> d.Sample(k).ToArray())
    let outcome =
        bounded (fun _ ->
            try Choice1Of2(read ())
            with :? DataFileException as e -> Choice2Of2 e)
    match outcome, case.Expect with
    | Error e, _ -> Some(sprintf "reader: %s" e)
    | Ok(Choice1Of2 rows), ValidRows expected ->
        let bits (r: float[][]) = r |> Array.map (Array.map BitConverter.DoubleToInt64Bits)
        if bits rows = bits expected then None
        else Some(sprintf "reader: oracle rows %A, read %A" expected rows)
    | Ok(Choice1Of2 rows), expect -> Some(sprintf "reader: oracle %A, but it read %d rows without error" expect rows.Length)
    | Ok(Choice2Of2 e), expect ->
        match singleLine (e.Message + "\n"), expect with
        | Error problem, _ -> Some(sprintf "reader: DataFileException message: %s: %A" problem e.Message)
        | Ok line, _ when not (line.Contains path) -> Some(sprintf "reader: message does not name the file: %A" line)
        | Ok line, ErrorAtRow row when not (namesRow line row) -> Some(sprintf "reader: oracle an error naming row %d, got %A" row line)
        | Ok _, ErrorAtRow _
        | Ok _, FileError -> None
        | Ok line, ValidRows _ -> Some(sprintf "reader: oracle a valid file, got %A" line)

/// The CLI invocation of a case and the names its error must contain.
let private cliInvocation (case: CsvCase) (dir: string) (path: string) =
    let out = Path.Combine(dir, "out")
    match case.Through with
    | EigenData -> [ "eigen"; "--data"; path; "--out"; out ]
    | LearnData -> [ "learn"; "--rule"; "oja"; "--data"; path; "--epochs"; "1"; "--out"; out ]
    | LearnInit ->
        let samples = Path.Combine(dir, "samples.csv")
        let row k = String.Join(",", [ for j in 1 .. case.Width -> string (float ((k * 7 + j * 3) % 11 - 5) / 4.0) ])
        File.WriteAllText(samples, String.Join("\n", [ for k in 1 .. 5 -> row k ]) + "\n")
        let outputs = match case.Expect with ValidRows rows -> rows.Length | _ -> 1
        [ "learn"; "--rule"; "oja"; "--data"; samples; "--init"; path; "--outputs"; string outputs; "--epochs"; "1"; "--out"; out ]

/// The CLI contract for a reader case: the general contract, and for a defect the one line names the file (and row).
let private cliProblem (case: CsvCase) (dir: string) (path: string) =
    let args = cliInvocation case dir path
    let fixtures = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories) |> Seq.map (fun f -> f, File.ReadAllBytes f) |> Map.ofSeq
    let outcome = runBounded args
    let expectedError =
        match case.Expect, case.Through with
        | ErrorAtRow row, _ -> Some(Some row)
        | FileError, _ -> Some None
        | ValidRows rows, (EigenData | LearnData) -> rowBeyondLimit case rows |> Option.map Some
        | ValidRows _, LearnInit -> None
    let general = contract args outcome dir fixtures (if expectedError.IsSome then [ path ] else []) true
    let specific =
        match outcome, expectedError with
        | _, _ when general.IsSome -> None
        | Finished(0, _, _), Some row -> Some(sprintf "exit 0, oracle exit 2 naming %s%s" path (match row with Some r -> sprintf " and row %d" r | None -> ""))
        | Finished(2, _, err), Some(Some row) when not (namesRow err row) -> Some(sprintf "exit 2, oracle a line naming row %d, got %A" row err)
        | Finished(2, _, err), None when case.Through <> LearnInit -> Some(sprintf "exit 2 for a valid file: %A" err)
        | _ -> None
    match general |> Option.orElse specific with
    | Some p -> Some(sprintf "cli %A: %s" args p)
    | None -> None

/// Runs one reader case: the direct reader, then the CLI path.
let checkReaderCase (root: string) (index: int) (case: CsvCase) =
    let dir = Path.Combine(root, string index)
    Directory.CreateDirectory(Path.Combine(dir, Fixture.Directory)) |> ignore
    let path =
        match case.Special with
        | Some special -> special.Replace(CaseDir, dir)
        | None ->
            let p = Path.Combine(dir, "input.csv")
            File.WriteAllBytes(p, case.Bytes)
            p
    let problem = readerProblem case path |> Option.orElse (cliProblem case dir path)
    (try Directory.Delete(dir, true) with _ -> ())
    problem |> Option.map (fun p -> sprintf "%s\n  case %O" p case)

let readerCases = 2_000
let readerReplay = { Rnd = Rnd(20261202UL, 0xD1B54A32D192ED03UL); Size = None }

[<Fact>]
let ``every generated input file reads back exactly or fails with one line naming the file and row`` () =
    runFuzz "reader fuzz" readerCases readerReplay genCsvCase checkReaderCase

/// Endless streams (issue 8 §2.6): a bounded reader refuses them with one line naming the file, directly and through
/// eigen --data, learn --data and learn --init, within caseTimeout.
[<Theory>]
[<InlineData("/dev/zero")>]
[<InlineData("/dev/urandom")>]
let ``endless streams are refused with one line naming the file`` (stream: string) =
    if File.Exists stream then
        let dir = caseRoot ()
        let case =
            { Bytes = [||]; Expect = FileError; Width = 3; FirstDataLine = 1; Special = Some stream; Through = EigenData; Description = stream }
        for through in [ EigenData; LearnData; LearnInit ] do
            let problem = checkReaderCase dir 0 { case with Through = through }
            Plasticity.Properties.Support.require problem.IsNone (defaultArg problem "")

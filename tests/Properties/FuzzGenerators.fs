/// Generators of the two fuzz properties (CliFuzzTests, ReaderFuzzTests), in one module so the hostile vocabulary
/// (extreme numbers, wrong types, control characters, binary bytes, bad paths, malformed files) is shared.
/// Kept apart from Support.fs because it is a few hundred lines of CLI-specific vocabulary, while Support holds
/// the small assertions and network shapes every other file uses.
///
/// Design: every CLI case starts from a tiny valid invocation of one command (so a valid run costs milliseconds:
/// N ≤ 64, one trial, a 5×3 CSV for one epoch, 5 Poisson inputs for 50 ms) and applies zero or more mutations.
/// Paths are written with the placeholder CaseDir and resolved to a fresh directory per case when it runs, so the
/// generator stays pure (same seed, same cases) and every output lands in a directory the checker inspects.
module Plasticity.Properties.FuzzGenerators

open System
open System.Globalization
open System.Text
open FsCheck
open FsCheck.FSharp

/// Placeholder for the case's private directory in arguments (substituted when the case runs).
[<Literal>]
let CaseDir = "{CASE}"

/// Fixture names inside the case directory, created only when an argument refers to them.
module Fixture =
    /// A valid 5 × 3 sample file with a header.
    let Data = "data.csv"
    /// A valid 1 × 3 initial-weights file (one output neuron for the 3 columns of Data).
    let Init = "init.csv"
    /// A directory.
    let Directory = "dir"
    /// A regular file that is not a CSV of numbers.
    let TextFile = "notes.txt"
    /// A malformed CSV (its bytes are part of the case).
    let Bad = "bad.csv"
    /// A path that does not exist.
    let Missing = "missing.csv"

    let dataText = "x1,x2,x3\n0.5,-1.25,2\n1,0,-0.5\n-0.75,1.5,0.25\n2,-2,1\n0,0.5,-1\n"
    let initText = "0.1,0.2,-0.3\n"
    let textFileText = "not,a\ncsv file\n"

    let at (name: string) = CaseDir + "/" + name

/// One generated command line with the fixtures it refers to.
type CliCase =
    { /// Arguments, with CaseDir placeholders.
      Args: string list
      /// Content of Fixture.Bad when an argument refers to it.
      BadFile: byte[]
      /// When the case's only fault is a missing value of this option, the error must name it.
      MissingValueOf: string option
      /// What was changed from the valid base, for the failure report.
      Mutations: string list }
    override this.ToString() =
        let shown = this.Args |> List.map (fun a -> if a.Length > 80 then sprintf "%s…(%d chars)" (a.Substring(0, 60)) a.Length else a)
        sprintf "argv %A; mutations %A" shown this.Mutations

/// What a well-behaved reader must do with a generated CSV file.
type CsvExpectation =
    /// A valid file: exactly these rows (bit for bit).
    | ValidRows of float[][]
    /// An error that names this row (1-based line of the file, header included).
    | ErrorAtRow of int
    /// An error about the whole file (empty, no data rows, unreadable): names the file.
    | FileError

/// Which reader path of the CLI a reader case goes through.
type CliReader =
    | EigenData
    | LearnData
    | LearnInit

/// One generated input file.
type CsvCase =
    { Bytes: byte[]
      Expect: CsvExpectation
      /// Width of the data rows as generated (the --init case needs it for the sample file).
      Width: int
      /// File line of the first data row (2 with a header, else 1).
      FirstDataLine: int
      /// For stream and directory cases: read this path instead of a file with Bytes.
      Special: string option
      Through: CliReader
      Description: string }
    override this.ToString() =
        let text = Encoding.UTF8.GetString this.Bytes
        let shown = if text.Length > 300 then text.Substring(0, 300) + sprintf "…(%d bytes)" this.Bytes.Length else text
        sprintf "%s via %A, expect %A, special %A, bytes %A" this.Description this.Through this.Expect this.Special shown

let private invariant (x: float) = x.ToString("R", CultureInfo.InvariantCulture)

// ---------------------------------------------------------------------------------------------------------------
// Hostile values: extremes, wrong types, control characters, binary bytes, long strings.

/// Numbers at and beyond the edges of double precision and of every documented range.
let extremeValues =
    [ "0"; "-1"; "1e308"; "-1e308"; "1.7976931348623157e308"; "1e309"; "NaN"; "nan"; "Infinity"; "-Infinity"; "inf"
      "∞"; "1e-300"; "-1e-300"; "5e-324"; "-0"; "2147483647"; "2147483648"; "-2147483649"; "18446744073709551615"
      "18446744073709551616"; "99999999999999999999999999"; "1e150"; "1e300" ]

/// Text that is not a value of the expected type.
let wrongTypes =
    [ ""; " "; "abc"; "true"; "0x10"; "1,5"; "1;5"; "1.5"; "1e"; "e5"; "--"; "-"; "１"; "٣"; "1_000"; "1:2:3:4"; ":"
      "0:10:0"; "5:1:1"; "1e308:1e308:1"; "'1'"; "\"1\""; "+"; "1 2" ]

/// Values with control characters, escapes, separators and lone surrogates.
let controlValues =
    [ "3\n4"; "3\r\n4"; "3\r4"; "\t"; "a\u0000b"; "\u001b[31mred"; "x\u0085y"; "x\u2028y"; "\ud800"; "\u007f"; "\b\b\b"
      "1\u0000"; "\uFEFF1"; "\u200B1" ]

let private genBinaryString =
    gen {
        let! n = Gen.choose (1, 24)
        let! codes = Gen.arrayOfLength n (Gen.choose (0, 255))
        return String(codes |> Array.map char)
    }

let private genLongString =
    Gen.elements
        [ String('9', 5000)
          String('a', 10000)
          "0." + String('0', 4000) + "1"
          String('1', 400)
          String.replicate 2000 "1," + "1" ]

let private genRandomDouble = ArbMap.defaults |> ArbMap.generate<float> |> Gen.map invariant

/// Any hostile value: weighted so the curated lists dominate and random text adds variety.
let genHostileValue =
    Gen.frequency
        [ 6, Gen.elements extremeValues
          5, Gen.elements wrongTypes
          3, Gen.elements controlValues
          2, genBinaryString
          1, genLongString
          1, genRandomDouble ]

// ---------------------------------------------------------------------------------------------------------------
// Command vocabulary: the tiny valid base of each command and the options with cheap valid values.

/// An option with values that keep a valid run tiny (the checker relies on valid runs being fast).
type OptionVocabulary = { Name: string; Cheap: string list }

type CommandVocabulary =
    { Path: string list
      Base: (string * string) list
      Options: OptionVocabulary list
      Flags: string list
      /// Options whose value is a file path that the error must name when it is bad.
      FileOptions: string list
      /// Options that may be dropped: required ones, or ones whose default keeps the run tiny (never --out, whose
      /// default is relative to the working directory).
      Droppable: string list
      /// Appended after the mutations so the case never runs (bench takes seconds when it runs).
      ForcedInvalid: Gen<string list> option }

let private opt name cheap = { Name = name; Cheap = cheap }

let private outDir = Fixture.at "out"

let private badPaths =
    [ Fixture.at Fixture.TextFile + "/sub"
      Fixture.at Fixture.Missing
      Fixture.at Fixture.Directory
      Fixture.at Fixture.TextFile
      Fixture.at Fixture.Bad
      Fixture.at (String('p', 300))
      Fixture.at (String.replicate 30 (String('q', 200) + "/"))
      Fixture.at "a\nb"
      Fixture.at "tab\there"
      ""
      "   " ]

let capacity =
    { Path = [ "capacity" ]
      Base = [ "--n", "16"; "--alpha", "0.1"; "--trials", "1"; "--out", outDir ]
      Options =
        [ opt "--n" [ "16"; "32"; "64"; "8,16"; "8:24:8"; " 16 " ]
          opt "--alpha" [ "0.1"; "0.05,0.1"; "0.05:0.15:0.05"; "0.2" ]
          opt "--trials" [ "1"; "2" ]
          opt "--rule" [ "hebb"; "storkey"; "pseudo-inverse"; "HEBB" ]
          opt "--measure" [ "one-step"; "fixed-point" ]
          opt "--cue-flip" [ "0"; "0.1"; "0.49" ]
          opt "--seed" [ "0"; "1"; "18446744073709551615" ]
          opt "--retrievals" [ "1" ]
          opt "--max-sweeps" [ "1"; "5" ]
          opt "--order" [ "async-random"; "async-fixed"; "sync" ]
          opt "--diagonal" [ "zero"; "keep" ]
          opt "--out" [ outDir; Fixture.at Fixture.Directory; Fixture.at "deep/er/out" ] ]
      Flags = [ "--verbose" ]
      FileOptions = [ "--out" ]
      Droppable = [ "--trials" ]
      ForcedInvalid = None }

let learn =
    { Path = [ "learn" ]
      Base = [ "--rule", "oja"; "--data", Fixture.at Fixture.Data; "--epochs", "1"; "--out", outDir ]
      Options =
        [ opt "--rule"
              [ "hebb"; "taylor"; "hebb-decay"; "pre-gated"; "post-gated"; "covariance"; "covariance-running"; "oja"
                "bcm"; "bcm-mean"; "scaling"; "instar"; "outstar"; "gha"; "subspace"; "competitive" ]
          opt "--data" [ Fixture.at Fixture.Data ]
          opt "--eta" [ "0.01"; "0.1"; "1e-300" ]
          opt "--epochs" [ "1"; "2" ]
          opt "--seed" [ "0"; "7" ]
          opt "--out" [ outDir; Fixture.at Fixture.Directory ]
          opt "--alpha" [ "1"; "0.5" ]
          opt "--theta" [ "0"; "0.5" ]
          opt "--eta-theta" [ "0.1"; "1" ]
          opt "--outputs" [ "1"; "2"; "3" ]
          opt "--target" [ "1"; "0.5" ]
          opt "--decay" [ "0"; "0.01" ]
          opt "--taylor" [ "0,0,0,1,0,0" ]
          opt "--taylor-slope" [ "0,0,0,0,0,0" ]
          opt "--order" [ "cyclic"; "shuffled"; "sampled" ]
          opt "--mode" [ "online"; "minibatch"; "averaged" ]
          opt "--batch-size" [ "1"; "2"; "5" ]
          opt "--init" [ Fixture.at Fixture.Init ]
          opt "--divergence-limit" [ "1e6"; "10" ]
          opt "--record-every" [ "1"; "2" ] ]
      Flags = [ "--center"; "--verbose" ]
      FileOptions = [ "--data"; "--init"; "--out" ]
      Droppable = [ "--rule"; "--data"; "--epochs" ]
      ForcedInvalid = None }

let eigen =
    { Path = [ "eigen" ]
      Base = [ "--data", Fixture.at Fixture.Data; "--out", outDir ]
      Options =
        [ opt "--data" [ Fixture.at Fixture.Data ]
          opt "--out" [ outDir; Fixture.at Fixture.Directory ]
          opt "--alpha" [ "1"; "0.5" ]
          opt "--outputs" [ "1"; "2"; "3" ]
          opt "--eta" [ "0.005"; "1" ] ]
      Flags = [ "--center"; "--verbose" ]
      FileOptions = [ "--data"; "--out" ]
      Droppable = [ "--data" ]
      ForcedInvalid = None }

let gaussian =
    { Path = [ "generate"; "gaussian" ]
      Base = [ "--dimension", "2"; "--samples", "5"; "--out", Fixture.at "g.csv" ]
      Options =
        [ opt "--dimension" [ "2"; "3" ]
          opt "--eigengap" [ "0.1"; "0.5"; "0.999" ]
          opt "--samples" [ "2"; "5" ]
          opt "--seed" [ "0"; "1" ]
          opt "--out" [ Fixture.at "g.csv"; Fixture.at "sub/g.csv"; Fixture.at "noext"; Fixture.at Fixture.TextFile ]
          opt "--mean" [ "0"; "1e6"; "-3" ] ]
      Flags = [ "--verbose" ]
      FileOptions = [ "--out" ]
      Droppable = []
      ForcedInvalid = None }

let onehot =
    { Path = [ "generate"; "onehot" ]
      Base = [ "--samples", "5"; "--out", Fixture.at "h.csv" ]
      Options =
        [ opt "--probabilities" [ "0.5,0.5"; "1"; "0.2,0.3,0.5"; "0,1" ]
          opt "--samples" [ "2"; "5" ]
          opt "--seed" [ "0"; "3" ]
          opt "--out" [ Fixture.at "h.csv"; Fixture.at "sub/h.csv" ] ]
      Flags = [ "--verbose" ]
      FileOptions = [ "--out" ]
      Droppable = []
      ForcedInvalid = None }

let stdpWindow =
    { Path = [ "stdp"; "window" ]
      Base = [ "--range", "5"; "--step", "1"; "--out", outDir ]
      Options =
        [ opt "--rule" [ "pair"; "triplet" ]
          opt "--preset" [ "classic"; "visual-cortex-all-to-all-minimal"; "hippocampal-all-to-all-minimal" ]
          opt "--pairing" [ "all-to-all"; "nearest-symmetric"; "presynaptic-centred" ]
          opt "--range" [ "5"; "1"; "0.5" ]
          opt "--step" [ "1"; "0.5"; "5" ]
          opt "--out" [ outDir; Fixture.at Fixture.Directory ] ]
      Flags = [ "--verbose" ]
      FileOptions = [ "--out" ]
      Droppable = [ "--range"; "--step" ]
      ForcedInvalid = None }

let stdpCompetition =
    { Path = [ "stdp"; "competition" ]
      Base = [ "--inputs", "5"; "--duration", "0.05"; "--out", outDir ]
      Options =
        [ opt "--inputs" [ "5"; "1"; "20" ]
          opt "--rate" [ "15"; "100" ]
          opt "--duration" [ "0.05"; "0.02"; "0.1" ]
          opt "--weight-dependence" [ "additive"; "multiplicative"; "van-rossum"; "gutig" ]
          opt "--mu" [ "0.5"; "0"; "1" ]
          opt "--seed" [ "0"; "1" ]
          opt "--out" [ outDir; Fixture.at Fixture.Directory ]
          opt "--gmax" [ "0.01"; "0.02" ]
          opt "--ratio" [ "1.05"; "0" ]
          opt "--tau" [ "20"; "5" ]
          opt "--dt" [ "0.1"; "1" ]
          opt "--bins" [ "10"; "1"; "50" ] ]
      Flags = [ "--verbose" ]
      FileOptions = [ "--out" ]
      Droppable = []
      ForcedInvalid = None }

/// bench is never run (a valid run takes seconds): a bad --repeat is appended after the mutations.
let bench =
    { Path = [ "bench" ]
      Base = [ "--out", outDir ]
      Options = [ opt "--seed" [ "0"; "1" ]; opt "--out" [ outDir ] ]
      Flags = [ "--quick"; "--verbose" ]
      FileOptions = [ "--out" ]
      Droppable = []
      ForcedInvalid =
        Some(
            // Not "" or blanks: a blank --repeat means the default, and the benchmarks would run.
            Gen.elements [ "0"; "-1"; "101"; "abc"; "1e308"; "NaN"; "3\n4"; "2147483648" ]
            |> Gen.map (fun v -> [ "--repeat"; v ])
        ) }

let commands = [ capacity; learn; eigen; gaussian; onehot; stdpWindow; stdpCompetition; bench ]

/// Every command word (never counted as the thing an error must name).
let commandWords = set [ "capacity"; "learn"; "eigen"; "generate"; "gaussian"; "onehot"; "stdp"; "window"; "competition"; "bench" ]

/// Every option name of every command.
let optionNames =
    commands |> List.collect (fun c -> (c.Options |> List.map (fun o -> o.Name)) @ c.Flags) |> List.append [ "--repeat"; "--help"; "--version" ] |> set

// ---------------------------------------------------------------------------------------------------------------
// Malformed CSV files (used by both properties).

let private genCellValue =
    Gen.frequency
        [ 8, Gen.choose (-2000, 2000) |> Gen.map (fun k -> float k / 8.0)
          3, ArbMap.defaults |> ArbMap.generate<NormalFloat> |> Gen.map (fun f -> f.Get) |> Gen.filter (fun x -> abs x <= 1e6)
          1, Gen.elements [ 0.0; -0.0; 5e-324; 1e-300; 1e100; -1e149; 1e150 ]
          1, Gen.elements [ 1e151; -1e200; 1e300; 1.7976931348623157e308 ] ]

/// Spellings of a number that the documented format (NumberStyles.Float, invariant culture) accepts, with their value.
let private genSpelling (x: float) =
    let r = invariant x
    Gen.frequency
        [ 10, Gen.constant r
          1, Gen.constant (" " + r + "  ")
          1, Gen.constant ("\t" + r)
          1, Gen.constant (if x >= 0.0 && not (r.StartsWith("-", StringComparison.Ordinal)) then "+" + r else r)
          1, Gen.constant (String(' ', 20000) + r)
          1, Gen.constant (if r.StartsWith("-", StringComparison.Ordinal) then "-" + String('0', 5000) + r.Substring 1 else String('0', 5000) + r) ]

/// Cells that the documented format rejects as numbers (each at least one non-blank character).
let nonNumericCells =
    [ "abc"; "\"1\""; "'1'"; "1e"; "e1"; "0x1F"; "1.2.3"; "1_000"; "--1"; "1-"; "one"; "#"; "1 2"; "\uFEFF1"; "\u00FF"
      "\uFFFD"; "1\u001b"; "\u00001"; "١"; "１" ]

/// Cells that parse but are not finite.
let nonFiniteCells = [ "NaN"; "Infinity"; "-Infinity"; "1e309"; "-1e309"; String('9', 400); "∞" ]

type private Defect =
    | NoDefect
    | Ragged of extra: bool
    | TrailingComma
    | NonNumeric of string
    | NonFinite of string
    | BinaryLine of byte[]
    | BlankInterior of string
    | LongRaggedLine

let private genDefect =
    Gen.frequency
        [ 4, Gen.constant NoDefect
          2, Gen.elements [ Ragged true; Ragged false ]
          1, Gen.constant TrailingComma
          3, Gen.elements nonNumericCells |> Gen.map NonNumeric
          2, Gen.elements nonFiniteCells |> Gen.map NonFinite
          1,
          gen {
              let! n = Gen.choose (1, 40)
              let! bytes = Gen.arrayOfLength n (Gen.choose (0, 255) |> Gen.filter (fun b -> b <> 10 && b <> 13) |> Gen.map byte)
              return BinaryLine(Array.append [| 0xFFuy |] bytes)
          }
          1, Gen.elements [ ""; "   "; "\t" ] |> Gen.map BlankInterior
          1, Gen.constant LongRaggedLine ]

let private utf8 = UTF8Encoding(false)

/// A CSV built from rows with at most one defect; the expectation follows the documented format of CsvDataset
/// (header iff no cell of line 1 parses; rows are file lines from 1; blank lines only at the end; ≥ minimum rows).
let private genStructured (minimumRows: int) =
    gen {
        let! width = Gen.choose (1, 5)
        let! count = Gen.choose (1, 6)
        let! header = Gen.elements [ true; true; false ]
        let! values = Gen.arrayOfLength count (Gen.arrayOfLength width genCellValue)
        let! spelt = values |> Array.map (fun row -> row |> Array.map genSpelling |> Array.toList |> Gen.sequenceToList) |> Array.toList |> Gen.sequenceToList
        let! defect = genDefect
        let! eol = Gen.elements [ "\n"; "\n"; "\r\n"; "\r" ]
        let! trailing = Gen.elements [ ""; ""; "\n"; "\n\n  \n"; "\r\n" ]
        let! finalEol = Gen.elements [ true; true; false ]
        let! encoding = Gen.frequency [ 6, Gen.constant "utf8"; 2, Gen.constant "utf8-bom"; 1, Gen.constant "utf16-bom" ]
        // The defect goes on a data row whose line is ≥ 2, so the width is fixed by line 1 (header or first row).
        let firstDataLine = if header then 2 else 1
        let candidates = [ 0 .. count - 1 ] |> List.filter (fun k -> firstDataLine + k >= 2)
        let! target = if candidates.IsEmpty then Gen.constant -1 else Gen.elements candidates
        let! column = Gen.choose (0, width - 1)
        let headerLine = String.Join(",", [ for j in 1 .. width -> sprintf "x%d" j ])
        let dataLines = spelt |> List.map (fun cells -> String.Join(",", cells)) |> Array.ofList
        let defect = if target < 0 then NoDefect else defect
        let mutable lines = dataLines |> Array.map (fun (l: string) -> utf8.GetBytes l) |> Array.toList
        let replace k (bytes: byte[]) = lines <- lines |> List.mapi (fun i l -> if i = k then bytes else l)
        let cellsOf k = spelt[k] |> Array.ofList
        let joined (cells: string[]) = utf8.GetBytes(String.Join(",", cells))
        let mutable expect = ValidRows values
        let rowOf k = firstDataLine + k
        match defect with
        | NoDefect -> ()
        | Ragged extra ->
            let cells = cellsOf target
            let cells = if extra || width = 1 then Array.append cells [| "1" |] else cells[.. width - 2]
            replace target (joined cells)
            expect <- ErrorAtRow(rowOf target)
        | TrailingComma ->
            replace target (joined (Array.append (cellsOf target) [| "" |]))
            expect <- ErrorAtRow(rowOf target)
        | NonNumeric cell
        | NonFinite cell ->
            let cells = cellsOf target
            cells[column] <- cell
            replace target (joined cells)
            expect <- ErrorAtRow(rowOf target)
        | BinaryLine bytes ->
            replace target bytes
            expect <- ErrorAtRow(rowOf target)
        | BlankInterior blank ->
            // A blank line inserted before the target row is interior (a data row follows it).
            lines <- (lines |> List.take target) @ [ utf8.GetBytes(blank: string) ] @ (lines |> List.skip target)
            expect <- ErrorAtRow(rowOf target)
        | LongRaggedLine ->
            replace target (utf8.GetBytes(String.replicate (width + 50000) "1,"))
            expect <- ErrorAtRow(rowOf target)
        match expect with
        | ValidRows rows when rows.Length < minimumRows -> expect <- FileError
        | _ -> ()
        let allLines = (if header then [ utf8.GetBytes headerLine ] else []) @ lines
        let eolBytes = utf8.GetBytes eol
        let body =
            [| for i, l in List.indexed allLines do
                   yield! l
                   if i < allLines.Length - 1 || finalEol then yield! eolBytes
               yield! utf8.GetBytes trailing |]
        let bytes =
            match encoding with
            | "utf8-bom" -> Array.append [| 0xEFuy; 0xBBuy; 0xBFuy |] body
            | "utf16-bom" when defect = NoDefect -> Array.append (Encoding.Unicode.GetPreamble()) (Encoding.Unicode.GetBytes(utf8.GetString body))
            | _ -> body
        let description = sprintf "%d×%d header=%b defect=%A eol=%A encoding=%s" count width header defect eol encoding
        return { Bytes = bytes; Expect = expect; Width = width; FirstDataLine = firstDataLine; Special = None; Through = EigenData; Description = description }
    }

/// Whole-file defects: empty, BOM only, header only, blank only, binary (every line starts with an invalid UTF-8
/// byte, so no line is blank or numeric), a directory, a missing file. (Endless streams such as /dev/zero are a
/// separate fixed test: a bounded reader needs a size limit's worth of reading to refuse them, too slow to repeat.)
let private genWholeFile =
    let bytesCase description (bytes: byte[]) =
        { Bytes = bytes; Expect = FileError; Width = 3; FirstDataLine = 1; Special = None; Through = EigenData; Description = description }
    Gen.frequency
        [ 2, Gen.constant (bytesCase "empty" [||])
          1, Gen.constant (bytesCase "BOM only" [| 0xEFuy; 0xBBuy; 0xBFuy |])
          2, Gen.elements [ "x1,x2,x3\n"; "x1,x2,x3"; "x1,x2,x3\n\n\n"; "a\n" ] |> Gen.map (fun t -> bytesCase "header only" (utf8.GetBytes t))
          1, Gen.elements [ "\n"; "  \n\t\n"; "\r\n\r\n" ] |> Gen.map (fun t -> bytesCase "blank only" (utf8.GetBytes t))
          2,
          gen {
              let! lines = Gen.choose (1, 6)
              let! content =
                  Gen.arrayOfLength lines (
                      gen {
                          let! n = Gen.choose (0, 60)
                          // No commas: each line is one cell holding U+FFFD, so line 1 is a header and line 2 fails.
                          // No 0xFE: FF FE at the start of the file is the UTF-16 LE byte-order mark, which makes the
                          // reader (rightly) decode the file as UTF-16 with a different line structure.
                          let! rest = Gen.arrayOfLength n (Gen.choose (0, 255) |> Gen.filter (fun b -> b <> 10 && b <> 13 && b <> 44 && b <> 0xFE) |> Gen.map byte)
                          return Array.append [| 0xFFuy |] (Array.append rest [| 10uy |])
                      })
              // One line is a header only; more lines fail at line 2 at the latest.
              return { bytesCase "binary" (Array.concat content) with Expect = (if lines = 1 then FileError else ErrorAtRow 2) }
          }
          1, Gen.constant { bytesCase "directory" [||] with Special = Some(Fixture.at Fixture.Directory) }
          1, Gen.constant { bytesCase "missing" [||] with Special = Some(Fixture.at Fixture.Missing) } ]

/// A reader case: mostly structured files with one defect, some whole-file defects; read through one CLI reader.
let genCsvCase =
    gen {
        // Mostly eigen (no plots, so a valid file costs milliseconds); learn draws two figures per valid run.
        let! through = Gen.frequency [ 34, Gen.constant EigenData; 1, Gen.constant LearnData; 1, Gen.constant LearnInit ]
        let minimumRows = if through = LearnInit then 1 else 2
        let! case = Gen.frequency [ 6, genStructured minimumRows; 1, genWholeFile ]
        return { case with Through = through }
    }

// ---------------------------------------------------------------------------------------------------------------
// Mutations of a valid command line.

type private Mutation =
    | BadValue of string * string
    | MissingValue of string
    | Duplicate of string * string
    | UnknownOption of string
    | Positional of string
    | EqualsForm of string
    | Drop of string
    | Help of string
    | ResponseFile of string
    | BadPath of string * string

let private genUnknownOption =
    Gen.elements
        [ "--bogus"; "--N"; "---n"; "-n"; "--n="; "--"; "-"; "--out-dir"; "--bogus\nline"; "--bogus\u0000x"; "-x"
          "--" + String('z', 3000); "--SEED"; "/n"; "--help-me" ]

let private genPositional =
    Gen.frequency
        [ 3, Gen.elements [ "bogus"; "capacity"; "learn"; "1"; "--"; "run"; "garbage\nsecond"; "nul\u0000byte"; "\u001b[2J" ]
          1, genBinaryString |> Gen.map (fun s -> "bin" + s)
          1, Gen.constant (String('w', 10000)) ]

/// Paths that no command accepts for the option they are given to (a file where a directory is needed, a name too
/// long for the file system, blanks), so a case holding one never reaches the simulation.
let private certainlyBadPaths =
    [ Fixture.at Fixture.TextFile + "/sub"
      Fixture.at (String('p', 300))
      Fixture.at (String.replicate 30 (String('q', 200) + "/"))
      ""
      "   " ]

/// Mutations that make most cases fail before any simulation (the cheap bulk of the property): hostile values,
/// bad paths, missing values, duplicates, unknown options and tokens, help, response files.
let private genHostileMutation (c: CommandVocabulary) (present: string list) =
    let optionNames = c.Options |> List.map (fun o -> o.Name)
    let anyOption = Gen.elements optionNames
    // Not --out: `--out --verbose` would make "--verbose" the output directory, relative to the working directory.
    let valuedOption = Gen.elements (optionNames |> List.filter (fun o -> o <> "--out"))
    let presentOption = if present.IsEmpty then anyOption else Gen.elements present
    let fileOption = Gen.elements c.FileOptions
    // Not the path options: a hostile name under the case directory is usually a valid path (BadPath covers them).
    let valueOption = Gen.elements (optionNames |> List.filter (fun o -> not (List.contains o c.FileOptions)))
    Gen.frequency
        [ 12, Gen.map2 (fun o v -> BadValue(o, v)) valueOption genHostileValue
          3, Gen.map2 (fun o v -> BadPath(o, v)) fileOption (Gen.elements certainlyBadPaths)
          3, Gen.map MissingValue valuedOption
          2, presentOption |> Gen.map (fun o -> Duplicate(o, (c.Options |> List.find (fun x -> x.Name = o)).Cheap.Head))
          3, Gen.map UnknownOption genUnknownOption
          2, Gen.map Positional genPositional
          1, Gen.elements [ "--help"; "-h"; "-?"; "--version" ] |> Gen.map Help
          1,
          Gen.elements [ Fixture.Missing; Fixture.Directory; Fixture.TextFile; Fixture.Data; "" ]
          |> Gen.map (fun f -> ResponseFile(if f = "" then "@" else "@" + Fixture.at f)) ]

/// Mutations that often leave the command line valid, so the run goes ahead and its files are checked: extreme
/// values that are inside a range (1e-300 for a rate, 1e308 for a bound), odd but valid paths, --name=value, a
/// dropped option that falls back to its default.
let private genLeakyMutation (c: CommandVocabulary) (present: string list) =
    let anyOption = Gen.elements (c.Options |> List.map (fun o -> o.Name))
    let presentOption = if present.IsEmpty then anyOption else Gen.elements present
    Gen.frequency
        [ 6, Gen.map2 (fun o v -> BadValue(o, v)) anyOption (Gen.elements extremeValues)
          2, Gen.map2 (fun o v -> BadPath(o, v)) (Gen.elements c.FileOptions) (Gen.elements badPaths)
          1, Gen.map EqualsForm presentOption
          1, (if c.Droppable.IsEmpty then Gen.map EqualsForm presentOption else Gen.map Drop (Gen.elements c.Droppable)) ]

/// Applies a mutation to a list of (option, value option) pairs; returns the new list and the description.
let private apply (fileOptions: string list) (options: (string * string option) list) (m: Mutation) (insertAt: int) =
    let at = min insertAt options.Length
    let insert item = (options |> List.take at) @ [ item ] @ (options |> List.skip at)
    let setValue o v =
        if options |> List.exists (fun (n, _) -> n = o) then options |> List.map (fun (n, x) -> if n = o then n, Some v else n, x)
        else insert (o, Some v)
    match m with
    | BadValue(o, v) when fileOptions |> List.contains o && not (String.IsNullOrWhiteSpace v) ->
        // Under the case directory: a hostile name that happens to be valid must not write into the working directory.
        setValue o (Fixture.at v), sprintf "bad value %s %A" o (Fixture.at v)
    | BadValue(o, v) -> setValue o v, sprintf "bad value %s %A" o v
    | BadPath(o, v) -> setValue o v, sprintf "bad path %s %A" o v
    | MissingValue o ->
        // The valueless option goes before another option (or last), the way a forgotten value is typed.
        (options |> List.filter (fun (n, _) -> n <> o)) |> fun rest ->
            let at = min insertAt rest.Length
            (rest |> List.take at) @ [ o, None ] @ (rest |> List.skip at), sprintf "missing value %s" o
    | Duplicate(o, v) -> insert (o, Some v), sprintf "duplicate %s" o
    | UnknownOption u -> insert (u, None), sprintf "unknown option %A" u
    | Positional p -> insert ("\u0001" + p, None), sprintf "positional %A" p
    | EqualsForm o ->
        options |> List.map (fun (n, x) -> if n = o then (match x with Some v -> n + "=" + v, None | None -> n, None) else n, x),
        sprintf "%s=value form" o
    | Drop o -> options |> List.filter (fun (n, _) -> n <> o), sprintf "drop %s" o
    | Help h -> insert (h, None), sprintf "help %s" h
    | ResponseFile r -> insert ("\u0001" + r, None), sprintf "response file %A" r

let private flatten (options: (string * string option) list) =
    options
    |> List.collect (fun (n, v) ->
        if n.StartsWith("\u0001", StringComparison.Ordinal) then [ n.Substring 1 ]
        else match v with Some v -> [ n; v ] | None -> [ n ])

/// A valid invocation of a command: the base with some options set to other cheap values and some flags.
let private genValidOptions (c: CommandVocabulary) =
    gen {
        let! extra = Gen.subListOf c.Options
        let! values = extra |> List.map (fun o -> Gen.elements o.Cheap |> Gen.map (fun v -> o.Name, v)) |> Gen.sequenceToList
        let! flags = Gen.subListOf c.Flags
        let merged =
            (c.Base |> List.map (fun (n, v) -> n, Some(values |> List.tryFind (fun (m, _) -> m = n) |> Option.map snd |> Option.defaultValue v)))
            @ (values |> List.filter (fun (n, _) -> not (c.Base |> List.exists (fun (m, _) -> m = n))) |> List.map (fun (n, v) -> n, Some v))
            @ (flags |> List.map (fun f -> f, None))
        return! Gen.shuffle (Array.ofList merged) |> Gen.map List.ofArray
    }

let private genCommandCase (mutation: CommandVocabulary -> string list -> Gen<Mutation>) (c: CommandVocabulary) (mutations: int) =
    gen {
        let! options = genValidOptions c
        let! ms = Gen.listOfLength mutations (mutation c (options |> List.filter (fun (_, v) -> v.IsSome) |> List.map fst))
        let! positions = Gen.listOfLength mutations (Gen.choose (0, 30))
        let mutable current = options
        let mutable described = []
        for m, at in List.zip ms positions do
            let next, d = apply c.FileOptions current m at
            current <- next
            described <- described @ [ d ]
        let! forced = match c.ForcedInvalid with Some g -> g | None -> Gen.constant []
        let! bad = genStructured 2 |> Gen.map (fun case -> case.Bytes)
        let missing = match ms with [ MissingValue o ] when c.ForcedInvalid.IsNone -> Some o | _ -> None
        return { Args = c.Path @ flatten current @ forced; BadFile = bad; MissingValueOf = missing; Mutations = described @ (if forced.IsEmpty then [] else [ "forced invalid --repeat" ]) }
    }

/// The mutation name of top-level cases (no command, or an incomplete one: the error need not name a token).
let topLevel = "top level"

/// Top-level invocations: help, version, nothing, unknown or incomplete commands.
let private genTopLevel =
    gen {
        let! args =
            Gen.elements
                [ []; [ "--help" ]; [ "-h" ]; [ "--version" ]; [ "stdp" ]; [ "generate" ]; [ "generate"; "bogus" ]
                  [ "bogus" ]; [ "CAPACITY" ]; [ "--verbose" ]; [ "stdp"; "--help" ]; [ "learn"; "--help" ]; [ "" ]
                  [ "\n" ]; [ "capacity\u0000" ]; [ "--bogus"; "capacity" ] ]
        return { Args = args; BadFile = [||]; MissingValueOf = None; Mutations = [ topLevel ] }
    }

/// Shares per 1000 cases: hostile command lines (1–3 hostile mutations; a few still run, when a hostile value is
/// inside its range), near-valid runs (a tiny valid base with 0–2 leaky mutations, whose files are checked), and
/// top-level invocations. Near-valid runs cost 50–500 ms each (plots included) against about a millisecond for a
/// refused command line, so their share sets the run time: 5 per 1000 gives about 40 runs per 8,000 cases.
let genCliCase =
    gen {
        let! command = Gen.elements commands
        return!
            Gen.frequency
                [ 980,
                  // Two or three faults in most cases: a hostile value that happens to be inside its range (1e-300 as
                  // a rate) then rarely makes the whole line valid, which keeps the costly runs to a few per cent.
                  Gen.frequency [ 30, Gen.constant 1; 40, Gen.constant 2; 30, Gen.constant 3 ]
                  |> Gen.bind (genCommandCase genHostileMutation command)
                  5, Gen.choose (0, 2) |> Gen.bind (genCommandCase genLeakyMutation command)
                  10, genTopLevel ]
    }

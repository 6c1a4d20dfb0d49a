/// Issue 8 §2, the input side: each reproduced failure of the bad-input campaign (items 1, 2, 3, 5, 6, 11, 12, 13)
/// as a test that failed before its fix. CLI runs are in-process (CliSupport). The contract under test: a bad input
/// gives exit code 2 and exactly one stderr line naming the option or the file (and row), never an exception or an
/// unbounded read; an input the toolkit can handle gives exit code 0 and the right numbers.
///
/// Oracles: closed forms (eigenpairs of a correlation built from orthonormal directions; P = round(α·N); the
/// one-step error of Hebbian storage at α = 0.001), the Unicode categories of the printed characters, byte counts,
/// and the memory lower bound 48·d² bytes (six d×d double matrices) against the machine's memory.
/// Every check here is deterministic (no sampling tolerance): family-wise false-alarm probability of one CI run is
/// 0, apart from the one-step error check whose false-alarm probability is below 1e-200 (see that test).
module Plasticity.Properties.InputReliabilityTests

open System
open System.Globalization
open System.IO
open System.Text.Json
open System.Threading.Tasks
open Xunit
open Plasticity.Analysis
open Plasticity.Cli.Arguments
open Plasticity.Core.Data
open Plasticity.Properties.CliSupport
open Plasticity.Properties.Support

/// The stderr lines of a run.
let private lines (err: string) = err.Split('\n', StringSplitOptions.RemoveEmptyEntries)

/// No character of `line` is a control, format or separator character (what a terminal would act on or not show).
let private printable (what: string) (line: string) =
    for c in line do
        let category = Char.GetUnicodeCategory c
        require
            (not (Char.IsControl c)
             && category <> UnicodeCategory.Format
             && category <> UnicodeCategory.LineSeparator
             && category <> UnicodeCategory.ParagraphSeparator)
            (sprintf "%s: stderr line holds U+%04X (%A): %s" what (int c) category line)

/// Runs the program on a worker and fails (instead of hanging) unless it returns within `seconds`.
let private runWithin (seconds: float) (args: string list) =
    let task = Task.Run(fun () -> run args)
    require (task.Wait(TimeSpan.FromSeconds seconds)) (sprintf "%A: oracle 'returns within %g s', measured: still running" args seconds)
    task.Result

/// Exit code 2 and one printable stderr line containing every fragment, within `seconds`.
let private usageErrorWithin (seconds: float) (args: string list) (fragments: string list) =
    let code, _, err = runWithin seconds args
    let ls = lines err
    require (code = 2) (sprintf "%A: oracle exit code 2, measured %d (stderr: %s)" args code err)
    require (ls.Length = 1) (sprintf "%A: oracle one stderr line, measured %d: %s" args ls.Length err)
    printable (sprintf "%A" args) ls[0]
    for f in fragments do
        require (ls[0].Contains(f: string)) (sprintf "%A: stderr line should contain '%s': %s" args f ls[0])

// ---------------------------------------------------------------------------------------------------------------
// Item 1: one line whatever the input
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``item 1: echoed values with newlines, NULs, escapes and binary bytes stay on one printable line`` () =
    let dir = tempDir ()
    // The campaign's repro: the newline is shown escaped, so the message is one line and still says what was typed.
    usageErrorWithin 60.0 [ "capacity"; "--trials"; "3\n4"; "--out"; dir ] [ "--trials"; "3\\n4" ]
    usageErrorWithin 60.0 [ "capacity"; "--alpha"; "0.1\r\u0000\u001b[31m\u2028x"; "--out"; dir ] [ "--alpha"; "\\x00"; "\\x1b"; "\\u2028" ]
    usageErrorWithin 60.0 [ "learn"; "--rule"; "oj\u0085a\u0007"; "--data"; "x.csv"; "--out"; dir ] [ "--rule"; "oj\\x85a\\x07" ]
    usageErrorWithin 60.0 [ "stdp"; "window"; "--range"; "1\t2"; "--out"; dir ] [ "--range"; "1\\t2" ]
    // A file name with a newline (the data reader's message already puts it on one line), and a data file holding
    // binary bytes in a cell.
    usageErrorWithin 60.0 [ "eigen"; "--data"; Path.Combine(dir, "no\nsuch.csv"); "--out"; dir ] [ "such.csv"; "file not found" ]
    let binary = Path.Combine(dir, "binary.csv")
    File.WriteAllBytes(binary, [| yield! "a,b\n1,2\n3,"B; 0x01uy; 0x1buy; 0xffuy; 0xfeuy; yield! "\n"B |])
    usageErrorWithin 60.0 [ "eigen"; "--data"; binary; "--out"; dir ] [ "binary.csv"; "row 3, column 2"; "\\x01\\x1b"; "is not a number" ]
    // A NUL in the middle of a parse error the parser reports itself.
    usageErrorWithin 60.0 [ "capacity"; "--no\u0000such" ] [ "--no\\x00such" ]

// ---------------------------------------------------------------------------------------------------------------
// Item 2: over-long output names are usage errors naming --out
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``item 2: a 300-character --out file name is exit code 2 naming --out, for every command`` () =
    let dir = tempDir ()
    let long = Path.Combine(dir, String('a', 296) + ".csv") // 300 characters: over NAME_MAX = 255 bytes
    let tooLong = [ "--out"; "255" ]
    usageErrorWithin 60.0 [ "generate"; "gaussian"; "--samples"; "10"; "--dimension"; "2"; "--out"; long ] tooLong
    usageErrorWithin 60.0 [ "generate"; "onehot"; "--samples"; "10"; "--out"; long ] tooLong
    // 250 characters pass for the CSV, but gaussian's companion name <name>.eigen.json is 257: refused up front,
    // before the CSV is written without its eigen file.
    let near = Path.Combine(dir, String('b', 246) + ".csv")
    usageErrorWithin 60.0 [ "generate"; "gaussian"; "--samples"; "10"; "--dimension"; "2"; "--out"; near ] tooLong
    require (not (File.Exists near)) "generate wrote the CSV although its eigen file name is too long"
    let longDir = Path.Combine(dir, String('d', 300))
    usageErrorWithin 60.0 [ "capacity"; "--n"; "50"; "--alpha"; "0.1"; "--trials"; "1"; "--out"; longDir ] tooLong
    usageErrorWithin 60.0 [ "stdp"; "window"; "--out"; longDir ] tooLong
    // The same name lengths just inside the limit work (255 bytes: onehot has no companion file).
    let fits = Path.Combine(dir, String('c', 251) + ".csv")
    runOk [ "generate"; "onehot"; "--samples"; "10"; "--out"; fits ] |> ignore
    require (File.Exists fits) "onehot did not write its 255-byte file name"

// ---------------------------------------------------------------------------------------------------------------
// Item 3: stdp window point counts that overflow
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``item 3: stdp window steps too fine for the point limit are refused with the smallest allowed step`` () =
    let dir = tempDir ()
    // Oracle: points = 2·floor(range/step) + 1 ≤ 200001 ⇔ step ≥ range/100000.
    usageErrorWithin 60.0 [ "stdp"; "window"; "--step"; "1e-300"; "--out"; dir ] [ "--step"; "200001"; "0.001" ]
    usageErrorWithin 60.0 [ "stdp"; "window"; "--range"; "10"; "--step"; "1e-18"; "--out"; dir ] [ "--step"; "200001"; "0.0001" ]
    usageErrorWithin 60.0 [ "stdp"; "window"; "--range"; "10000"; "--step"; "4.9e-308"; "--out"; dir ] [ "--step" ]
    // Just above the limit: range/step = 100 100 gives 200 201 points.
    usageErrorWithin 60.0 [ "stdp"; "window"; "--range"; "10"; "--step"; "9.99000999000999e-05"; "--out"; dir ] [ "--step"; "200001" ]

// ---------------------------------------------------------------------------------------------------------------
// Item 5: large values inside the data limit
// ---------------------------------------------------------------------------------------------------------------

/// Orthonormal directions u_k (rows of (1/3)[[1,2,2],[2,1,−2],[2,−2,1]]) and amplitudes a_k.
let private directions = [| [| 1.0; 2.0; 2.0 |]; [| 2.0; 1.0; -2.0 |]; [| 2.0; -2.0; 1.0 |] |] |> Array.map (Array.map (fun v -> v / 3.0))
let private amplitudes = [| 1.0; 0.5; 0.25 |]

/// Samples ±s·a_k·u_k (6 rows): mean 0, so C = C⁰ = (s²/3) Σ a_k² u_k u_kᵀ, with eigenpairs (s² a_k²/3, u_k).
let private scaledData (dir: string) (s: float) =
    let rows = [| for k in 0..2 do for sign in [ 1.0; -1.0 ] -> directions[k] |> Array.map (fun v -> sign * s * amplitudes[k] * v) |]
    let path = Path.Combine(dir, sprintf "scaled-%g.csv" s)
    CsvDataset.WriteRows(path, rows)
    path

/// Eigenvalues and vectors (JSON) against the closed form. Tolerance: a backward-stable symmetric decomposition
/// returns eigenvalues within c·d·u·‖C‖ (Weyl) and eigenvectors within that over the gap (Davis–Kahan), plus the
/// rounding of the written data (3u‖C‖); 64·d·u·λ1 bounds both with c ≤ 60 (u = 2⁻⁵³, d = 3). A rounding bound: no
/// false alarms.
let private checkPairs (what: string) (s: float) (values: JsonElement) (vectors: JsonElement) =
    let u = Math.Pow(2.0, -53.0)
    let oracle = amplitudes |> Array.map (fun a -> s * s * a * a / 3.0)
    let tolerance = 64.0 * 3.0 * u * oracle[0]
    let measured = [| for v in values.EnumerateArray() -> v.GetDouble() |]
    for k in 0..2 do
        within (sprintf "%s λ%d at scale %g" what (k + 1) s) "s²a_k²/3" oracle[k] measured[k] tolerance "64·d·u·λ1"
    let gap = oracle[1] - oracle[2]
    let vs = [| for v in vectors.EnumerateArray() -> [| for x in v.EnumerateArray() -> x.GetDouble() |] |]
    for k in 0..(vs.Length - 1) do
        let c = Array.fold2 (fun acc x y -> acc + x * y) 0.0 vs[k] directions[k]
        let sine = sqrt (max 0.0 (1.0 - c * c))
        within (sprintf "%s sin∠(e%d, u%d) at scale %g" what (k + 1) (k + 1) s) "0" 0.0 sine (tolerance / gap + 4.0 * sqrt u) "Davis–Kahan: 64·d·u·λ1/gap, plus √u for cos² rounding"

[<Fact>]
let ``item 5: eigen and learn oja|hebb decompose data of magnitude 1e100 and 1e150 to the closed-form eigenpairs`` () =
    let dir = tempDir ()
    // MathNet's decomposition fails beyond entries of about 1e154 (data about 1e77): 1e100 and 1e150 both crashed.
    for s in [ 1e100; 1e150 ] do
        let data = scaledData dir s
        let out = Path.Combine(dir, sprintf "eigen-%g" s)
        runOk [ "eigen"; "--data"; data; "--out"; out ] |> ignore
        let root = json (Path.Combine(out, "eigen.json"))
        for matrix in [ "correlation"; "covariance" ] do
            let m = root.GetProperty matrix
            checkPairs ("eigen " + matrix) s (m.GetProperty "eigenvalues") (m.GetProperty "eigenvectors")
        // learn: η·x·y must stay finite for the run itself, so η = 1e-300 keeps each step of order 1.
        for rule in [ "oja"; "hebb" ] do
            let out = Path.Combine(dir, sprintf "%s-%g" rule s)
            runOk [ "learn"; "--rule"; rule; "--data"; data; "--eta"; "1e-300"; "--epochs"; "1"; "--out"; out ] |> ignore
            let reference = (json (Path.Combine(out, "summary.json"))).GetProperty "reference"
            checkPairs ("learn " + rule) s (reference.GetProperty "eigenvalues") (reference.GetProperty "eigenvectors")

// ---------------------------------------------------------------------------------------------------------------
// Item 6: streams and limits
// ---------------------------------------------------------------------------------------------------------------

/// An endless stream repeating `chunk`, counting the bytes handed out.
type private EndlessStream(chunk: byte[]) =
    inherit Stream()
    let mutable position = 0L
    member _.BytesRead = position
    override _.CanRead = true
    override _.CanSeek = false
    override _.CanWrite = false
    override _.Length = raise (NotSupportedException())
    override _.Position
        with get () = position
        and set _ = raise (NotSupportedException())
    override _.Flush() = ()
    override _.Seek(_, _) = raise (NotSupportedException())
    override _.SetLength _ = raise (NotSupportedException())
    override _.Write(_, _, _) = raise (NotSupportedException())
    override _.Read(buffer: byte[], offset: int, count: int) =
        for i in 0 .. count - 1 do
            buffer[offset + i] <- chunk[int ((position + int64 i) % int64 chunk.Length)]
        position <- position + int64 count
        count

/// Bytes the reader may read ahead of the point where it stops (its 64 KiB buffer and the decoder's, with room).
let private readAhead = 1L <<< 20

[<Fact>]
let ``item 6: endless input stops at the line, row and value limits with a one-line error naming the row`` () =
    // One endless line (no line break): stops after MaxLineLength characters.
    let line = new EndlessStream("1234567890"B)
    let e = Assert.Throws<DataFileException>(fun () -> CsvDataset.Read(line, "endless-line") |> ignore)
    require (e.Row = Nullable 1 && e.Message.StartsWith "endless-line: row 1 is longer than") (sprintf "endless line: %s" e.Message)
    require (line.BytesRead <= int64 CsvDataset.MaxLineLength + readAhead) (sprintf "endless line: read %d bytes, oracle ≤ MaxLineLength + 1 MiB" line.BytesRead)
    // Endless valid rows of one column: the first refused row is MaxRows + 1 (no header), so the stream stops
    // after 2 bytes per row.
    let rows = new EndlessStream("7\n"B)
    let e = Assert.Throws<DataFileException>(fun () -> CsvDataset.Read(rows, "endless-rows") |> ignore)
    require (e.Row = Nullable(CsvDataset.MaxRows + 1)) (sprintf "endless rows: row %A, oracle %d: %s" e.Row (CsvDataset.MaxRows + 1) e.Message)
    require (e.Message.Contains(string CsvDataset.MaxRows)) (sprintf "endless rows: message should state the limit: %s" e.Message)
    require (rows.BytesRead <= 2L * int64 (CsvDataset.MaxRows + 1) + readAhead) (sprintf "endless rows: read %d bytes" rows.BytesRead)
    // A row one cell wider than the column limit is refused at row 1.
    let row = String.replicate CsvDataset.MaxColumns "0," + "0\n"
    let wide = new MemoryStream(Text.Encoding.ASCII.GetBytes(row + row))
    let e = Assert.Throws<DataFileException>(fun () -> CsvDataset.Read(wide, "wide") |> ignore)
    require (e.Row = Nullable 1 && e.Message.Contains(sprintf "%d columns; at most %d" (CsvDataset.MaxColumns + 1) CsvDataset.MaxColumns)) (sprintf "wide: %s" e.Message)

[<Fact>]
let ``item 6: eigen --data /dev/zero and learn --data /dev/urandom stop promptly with one line naming the file`` () =
    let dir = tempDir ()
    if File.Exists "/dev/zero" then
        usageErrorWithin 60.0 [ "eigen"; "--data"; "/dev/zero"; "--out"; dir ] [ "/dev/zero"; "row 1" ]
        usageErrorWithin 60.0 [ "learn"; "--rule"; "oja"; "--data"; "/dev/zero"; "--out"; dir ] [ "/dev/zero"; "row 1" ]
    if File.Exists "/dev/urandom" then
        // Random bytes: some line soon has the wrong width, a non-number or exceeds the line limit; which one
        // depends on the bytes, but the message always names the file and a row.
        for command in [ [ "eigen" ]; [ "learn"; "--rule"; "hebb" ] ] do
            usageErrorWithin 60.0 (command @ [ "--data"; "/dev/urandom"; "--out"; dir ]) [ "/dev/urandom: row " ]

// ---------------------------------------------------------------------------------------------------------------
// Item 11: the dimension of the data against the machine's memory
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``item 11: eigen and learn refuse 3 × 40000 data with the memory estimate and the largest usable dimension`` () =
    let dir = tempDir ()
    let d = 40_000
    let path = Path.Combine(dir, "wide.csv")
    File.WriteAllText(path, String.Join("\n", [ for r in 1..3 -> String.Join(",", Array.init d (fun j -> string ((r * j) % 7 - 3))) ]) + "\n")
    // Oracle: the decomposition alone needs at least six d×d double matrices, 48·d² = 77 GB; refusal is the right
    // answer on any machine whose budget (half its memory) is below that.
    let lowerBound = 48.0 * float d * float d
    let budget = 0.5 * float (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)
    require (lowerBound > budget) (sprintf "precondition: 48·d² = %g B should exceed the budget %g B of this machine" lowerBound budget)
    usageErrorWithin 60.0 [ "eigen"; "--data"; path; "--out"; dir ] [ "--data"; "40000 columns"; "GB"; "at most about" ]
    usageErrorWithin 60.0 [ "learn"; "--rule"; "oja"; "--data"; path; "--out"; dir ] [ "--data"; "40000 columns"; "GB"; "at most about" ]

[<Fact>]
let ``item 11: learn refuses a trajectory that cannot fit and names --record-every`` () =
    let dir = tempDir ()
    let path = Path.Combine(dir, "small.csv")
    File.WriteAllText(path, "1,2\n3,4\n5,6\n")
    // Oracle: 3 samples × 10^7 epochs at --record-every 1 is 3·10^7 records of at least 120 bytes: 3.6 GB, and its
    // CSV text at least 3 numbers × 150 bytes each: 13.5 GB more.
    let lowerBound = 3e7 * (120.0 + 450.0)
    let budget = 0.5 * float (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)
    require (lowerBound > budget) (sprintf "precondition: %g B should exceed the budget %g B" lowerBound budget)
    usageErrorWithin 60.0 [ "learn"; "--rule"; "oja"; "--data"; path; "--epochs"; "10000000"; "--record-every"; "1"; "--out"; dir ] [ "--record-every"; "GB" ]

// ---------------------------------------------------------------------------------------------------------------
// Item 12: capacity's N limited by the storage rule's memory, not a flat cap
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``item 12: hebb capacity runs at N = 50000 with zero one-step errors, storkey at N = 100000 is refused with its estimate`` () =
    let dir = tempDir ()
    runOk [ "capacity"; "--n"; "50000"; "--alpha"; "0.001"; "--trials"; "1"; "--measure"; "one-step"; "--out"; dir ] |> ignore
    let csv = File.ReadAllLines(Path.Combine(dir, "capacity.csv"))
    let header = csv[0].Split ','
    let row = csv[1].Split ','
    let cell name = row[Array.IndexOf(header, name)]
    // Oracle: P = round(α·N) = 50; the one-step bit error of Hebbian storage is about Φ(−1/√α) = Φ(−31.6) < 1e-218
    // per bit, so over N·P = 2.5·10⁶ bits the probability of any error is below 1e-212: the error rate is exactly 0.
    require (cell "n" = "50000" && cell "p" = "50") (sprintf "N, P = %s, %s; oracle 50000, 50" (cell "n") (cell "p"))
    within "one-step error rate at N = 50000, α = 0.001" "0 (P(any error) < 1e-212)" 0.0 (number (cell "error_rate")) 0.0 "exact: no error expected"
    // Storkey builds an N×N matrix of doubles: 8·10^10 bytes = 80 GB at N = 100000.
    let budget = 0.5 * float (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)
    require (8e10 > budget) (sprintf "precondition: 80 GB should exceed the budget %g B" budget)
    let storkey = [ "capacity"; "--n"; "100000"; "--alpha"; "0.01"; "--rule"; "storkey"; "--trials"; "1"; "--out"; dir ]
    usageErrorWithin 60.0 storkey [ "--n"; "storkey"; "GB"; "N×N" ]
    let _, _, err = run storkey
    let estimate = Text.RegularExpressions.Regex.Match(err, "needs about ([0-9.]+) GB")
    require estimate.Success (sprintf "storkey: no estimate in GB: %s" err)
    require (number estimate.Groups[1].Value >= 80.0) (sprintf "storkey estimate %s GB, oracle ≥ 8·N² B = 80 GB" estimate.Groups[1].Value)
    usageErrorWithin 60.0 [ "capacity"; "--n"; "100000"; "--alpha"; "0.01"; "--rule"; "pseudo-inverse"; "--trials"; "1"; "--out"; dir ] [ "--n"; "pseudo-inverse"; "GB" ]

// ---------------------------------------------------------------------------------------------------------------
// Item 13: the option whose value is missing, and no silent ignores or clamps
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``item 13: an option without its value is named, not the token after it`` () =
    let dir = tempDir ()
    usageErrorWithin 60.0 [ "capacity"; "--n"; "--"; "--alpha"; "0.1" ] [ "--n needs a value" ]
    usageErrorWithin 60.0 [ "capacity"; "--n"; "--alpha"; "0.1" ] [ "--n needs a value"; "'--alpha'" ]
    usageErrorWithin 60.0 [ "learn"; "--rule"; "oja"; "--eta"; "--data"; "x.csv" ] [ "--eta needs a value" ]
    // Before, `--out --trials` silently made a directory named "--trials".
    usageErrorWithin 60.0 [ "capacity"; "--trials"; "1"; "--out"; "--n" ] [ "--out needs a value" ]
    usageErrorWithin 60.0 [ "stdp"; "window"; "--out"; dir; "--step" ] [ "--step needs a value" ]
    // A negative number is a value, not an option.
    let code, _, err = run [ "learn"; "--rule"; "pre-gated"; "--theta"; "-1"; "--data"; Path.Combine(dir, "none.csv"); "--out"; dir ]
    require (code = 2 && err.Contains "file not found") (sprintf "--theta -1 should reach the data check: %d %s" code err)

[<Fact>]
let ``item 13: --retrievals above P and options a run does not read are said on stderr`` () =
    let dir = tempDir ()
    let warnings (err: string) = lines err |> Array.filter (fun l -> l.StartsWith "warning: " && not (l.Contains "font"))
    // Oracle: P = round(0.05·100) = 5 < 50 retrievals; the run goes on, retrieving each of the 5 patterns.
    let _, err = runOk [ "capacity"; "--n"; "100"; "--alpha"; "0.05"; "--trials"; "1"; "--measure"; "fixed-point"; "--retrievals"; "50"; "--out"; dir ]
    let w = warnings err
    require (w.Length = 1 && w[0].Contains "--retrievals 50" && w[0].Contains "P = 5") (sprintf "retrievals warning: %A" w)
    let _, err = runOk [ "capacity"; "--n"; "100"; "--alpha"; "0.1"; "--trials"; "1"; "--measure"; "fixed-point"; "--retrievals"; "10"; "--out"; dir ]
    require ((warnings err).Length = 0) (sprintf "P = 10 = retrievals: no warning expected: %s" err)
    let _, err = runOk [ "capacity"; "--n"; "100"; "--alpha"; "0.1"; "--trials"; "1"; "--retrievals"; "3"; "--order"; "sync"; "--out"; dir ]
    let w = warnings err
    require (w.Length = 1 && w[0].Contains "--retrievals, --order ignored") (sprintf "one-step warning: %A" w)
    // learn: rule parameters the rule does not read, and --batch-size outside minibatch mode.
    let data = Path.Combine(dir, "x.csv")
    File.WriteAllText(data, "1,0.5\n-0.5,1\n0.2,-0.3\n")
    let learn extra = runOk ([ "learn"; "--data"; data; "--epochs"; "2"; "--out"; Path.Combine(dir, "l") ] @ extra) |> snd |> warnings
    let w = learn [ "--rule"; "hebb"; "--alpha"; "2"; "--theta"; "1" ]
    require (w.Length = 1 && w[0].Contains "--alpha, --theta ignored" && w[0].Contains "--rule hebb") (sprintf "hebb warning: %A" w)
    let w = learn [ "--rule"; "oja"; "--alpha"; "2"; "--batch-size"; "4" ]
    require (w.Length = 1 && w[0].Contains "--batch-size ignored") (sprintf "oja warning: %A" w)
    let w = learn [ "--rule"; "oja"; "--alpha"; "2"; "--mode"; "minibatch"; "--batch-size"; "2" ]
    require (w.Length = 0) (sprintf "every option used: no warning expected: %A" w)

// ---------------------------------------------------------------------------------------------------------------
// Findings of the fuzz properties (CliFuzzTests, ReaderFuzzTests) on the merged branch, one regression test each
// ---------------------------------------------------------------------------------------------------------------

[<Fact>]
let ``fuzz: a DataFileException message is one printable line whatever bytes the cell or the path holds`` () =
    // The reader's own message (not only the CLI's stderr) must be clean: the library is used without the CLI.
    // Before: the cell's bytes were quoted raw (U+0010, ESC, U+2028 inside the message).
    let dir = tempDir ()
    let binary = Path.Combine(dir, "binary.csv")
    File.WriteAllBytes(binary, [| yield! "a,b\n1,2\n3,"B; 0x10uy; 0x1buy; yield! "[2J"B; 0xe2uy; 0x80uy; 0xa8uy; 0xffuy; yield! "\n"B |])
    let e = Assert.Throws<DataFileException>(fun () -> CsvDataset.Read binary |> ignore)
    require ((lines (e.Message + "\n")).Length = 1) (sprintf "oracle one line: %A" e.Message)
    printable "DataFileException" e.Message
    for f in [ binary; "row 3, column 2"; "\\x10\\x1b[2J\\u2028"; "is not a number" ] do
        require (e.Message.Contains(f: string)) (sprintf "message should contain %A: %A" f e.Message)
    let named = Path.Combine(dir, "no\nsu\u001bch.csv")
    let missing = Assert.Throws<DataFileException>(fun () -> CsvDataset.ReadRows named |> ignore)
    printable "DataFileException (path)" missing.Message
    require (missing.Message.Contains "no\\nsu\\x1bch.csv: file not found") (sprintf "message: %A" missing.Message)

[<Fact>]
let ``fuzz: a value beyond the 1e150 data limit is refused naming its file row, header counted`` () =
    // Oracle: the documented row numbering of every reader error (line of the file from 1, header included).
    // Before: "sample 2, column 2" for a value on file line 3.
    let dir = tempDir ()
    let withHeader = Path.Combine(dir, "header.csv")
    File.WriteAllText(withHeader, "x1,x2\n1,2\n3,1e151\n")
    let noHeader = Path.Combine(dir, "plain.csv")
    File.WriteAllText(noHeader, "1,2\n-2e200,1\n4,5\n")
    for command in [ [ "eigen" ]; [ "learn"; "--rule"; "oja" ] ] do
        usageErrorWithin 60.0 (command @ [ "--data"; withHeader; "--out"; Path.Combine(dir, "o") ]) [ "--data"; withHeader; "row 3, column 2"; "1E+150" ]
        usageErrorWithin 60.0 (command @ [ "--data"; noHeader; "--out"; Path.Combine(dir, "o") ]) [ "--data"; noHeader; "row 2, column 1"; "1E+150" ]
    // The limit is inclusive: 1e150 itself is read.
    let edge = Path.Combine(dir, "edge.csv")
    File.WriteAllText(edge, "1e150,0\n0,-1e150\n")
    let d = CsvDataset.Read(edge, 1e150, "why")
    require (d.Sample(0).[0] = 1e150 && d.Sample(1).[1] = -1e150) "1e150 is inside the limit"

[<Fact>]
let ``fuzz: response-file tokens (at-sign file) are not expanded as response files and are refused with one line naming them`` () =
    // Before: System.CommandLine replaced "@path" by the file's content: "@dir" exited 1 (UnauthorizedAccessException)
    // and "@/dev/zero" was read until OutOfMemoryException.
    let dir = tempDir ()
    let sub = Path.Combine(dir, "sub")
    Directory.CreateDirectory sub |> ignore
    usageErrorWithin 60.0 [ "capacity"; "@" + sub ] [ "@" + sub ]
    if File.Exists "/dev/zero" then usageErrorWithin 20.0 [ "capacity"; "@/dev/zero" ] [ "@/dev/zero" ]
    // A readable response file holding valid options is not read either (so its content cannot run a command).
    let response = Path.Combine(dir, "args.rsp")
    File.WriteAllText(response, "--n 16 --alpha 0.1 --trials 1 --out " + Path.Combine(dir, "o"))
    usageErrorWithin 60.0 [ "capacity"; "@" + response ] [ "@" + response ]
    require (not (Directory.Exists(Path.Combine(dir, "o")))) "the response file's --out must not have been used"

[<Fact>]
let ``fuzz: an empty --name= value and a path that looks like an option name the option`` () =
    // Before: "--n=" made the parser blame the token after it ("Unrecognized command or argument '1'"), and
    // "--data -x" said "-x: file not found" without naming --data.
    let dir = tempDir ()
    usageErrorWithin 60.0 [ "capacity"; "--n="; "--seed"; "1"; "--out"; dir ] [ "--n needs a value"; "'--n='" ]
    usageErrorWithin 60.0 [ "capacity"; "--n"; "16"; "--alpha"; "0.1"; "--n="; "--trials"; "1"; "--out"; dir ] [ "--n needs a value" ]
    usageErrorWithin 60.0 [ "eigen"; "--data"; "-x"; "--out"; dir ] [ "--data -x: file not found" ]
    let data = Path.Combine(dir, "d.csv")
    File.WriteAllText(data, "1,2\n3,4\n5,7\n")
    usageErrorWithin 60.0 [ "learn"; "--rule"; "oja"; "--data"; data; "--init"; "-"; "--out"; dir ] [ "--init -: file not found" ]

[<Fact>]
let ``fuzz: the Oja time to a cosine depends on the direction of w0 only, so a huge --init gets a theory value`` () =
    // Oracle: the closed form for d = 2 in the eigenbasis, |cos(t)| = |a1| / √(a1² + a2² e^{−2gt}), g = λ1 − λ2,
    // solved for cos = c: t* = ln(a2² c² / (a1² (1 − c²))) / (2g); it is homogeneous of degree 0 in w0.
    // Before: for |w0| ≳ 1e154, a_k² overflowed, the cosine was ∞/∞ = NaN and brentRoot threw (exit 1 in learn).
    let pairs : Eigenpairs = { Values = [| 3.0; 1.0 |]; Vectors = [| [| 1.0; 0.0 |]; [| 0.0; 1.0 |] |] }
    let u = Math.Pow(2.0, -53.0)
    let a1, a2, c = 0.3, 0.8, 0.99
    let closedForm = log (a2 * a2 * c * c / (a1 * a1 * (1.0 - c * c))) / (2.0 * 2.0)
    for scale in [ 1.0; 1e-200; 1e200; 1e300; 1e-300 ] do
        let t = HebbianTheory.ojaTimeToCosine pairs [| scale * a1; scale * a2 |] c
        // Brent converges to about 4u·t; the closed form's logarithm and the scaling round at a few u.
        within (sprintf "t* at |w0| scale %g" scale) "closed form" closedForm t (64.0 * u * closedForm) "64u·t* (Brent 4u·t, rounding of the scaled inputs and the log)"
    // The campaign's CLI repro: learn --rule oja with an --init row of 1e200 runs (exit 0) and its files stay finite.
    let dir = tempDir ()
    let data = Path.Combine(dir, "d.csv")
    File.WriteAllText(data, "1,0.5,0\n0.25,-1,0.5\n-0.5,0.25,1\n1,1,-0.25\n0,-0.5,0.75\n")
    let init = Path.Combine(dir, "i.csv")
    File.WriteAllText(init, "1e200,0,0\n")
    let out = Path.Combine(dir, "out")
    let code, _, err = runWithin 60.0 [ "learn"; "--rule"; "oja"; "--data"; data; "--init"; init; "--epochs"; "1"; "--out"; out ]
    require (code = 0) (sprintf "oracle exit 0, measured %d: %s" code err)
    for f in Directory.GetFiles out do
        if f.EndsWith ".csv" || f.EndsWith ".json" then
            let text = File.ReadAllText f
            require (not (text.Contains "NaN" || text.Contains "Infinity")) (sprintf "%s holds a non-finite value" f)

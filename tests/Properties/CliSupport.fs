/// Shared support for the in-process CLI tests: run `plasticity` with string writers, temporary output directories,
/// JSON and CSV readers, and the one-line usage-error check (exit code 2).
module Plasticity.Properties.CliSupport

open System
open System.Globalization
open System.IO
open System.Text.Json
open Plasticity.Cli
open Plasticity.Properties.Support

/// Runs the program in-process: exit code, stdout, stderr.
let run (args: string list) =
    let out, err = new StringWriter(), new StringWriter()
    let code = Program.Run(Array.ofList args, out, err)
    code, out.ToString(), err.ToString()

/// A fresh directory under the system temp folder.
let tempDir () =
    let d = Path.Combine(Path.GetTempPath(), "plasticity-tests", Guid.NewGuid().ToString("N"))
    Directory.CreateDirectory d |> ignore
    d

/// Runs the program and requires exit code 0: stdout, stderr.
let runOk (args: string list) =
    let code, out, err = run args
    require (code = 0) (sprintf "%A: oracle exit code 0, measured %d (stderr: %s)" args code err)
    out, err

/// The root element of a JSON file.
let json (path: string) = JsonDocument.Parse(File.ReadAllText path).RootElement

/// An invariant-culture number.
let number (s: string) = Double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)

/// Exit code 2 and exactly one non-empty line on stderr that contains every one of `fragments`.
let usageError (args: string list) (fragments: string list) =
    let code, _, err = run args
    let lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries)
    require (code = 2) (sprintf "%A: oracle exit code 2, measured %d (stderr: %s)" args code err)
    require (lines.Length = 1) (sprintf "%A: oracle one stderr line, measured %d: %s" args lines.Length err)
    for f in fragments do
        require (lines[0].Contains(f: string)) (sprintf "%A: stderr line should contain '%s': %s" args f lines[0])

namespace Plasticity.Cli.Output;

/// <summary>
/// One column of the capacity rows: its name and how a <see cref="CapacityRow"/> fills it. <see cref="All"/> is the one
/// table both writers read (<see cref="CsvWriter"/> for <c>capacity.csv</c>, <see cref="JsonWriter"/> for the rows of
/// <c>capacity.json</c>), so the two files name and order the columns alike.
/// </summary>
/// <remarks>
/// Three kinds of cell: an integer, a text, and a real number, which is an empty CSV cell and JSON <c>null</c> where no
/// value applies (a missing theory, or a non-finite number in JSON, <see cref="JsonValues.Real(Utf8JsonWriter, string, double?)"/>).
/// </remarks>
public sealed class CapacityColumn
{
    private readonly Func<CapacityRow, long>? integer;
    private readonly Func<CapacityRow, double?>? real;
    private readonly Func<CapacityRow, string>? text;

    private CapacityColumn(string name, Func<CapacityRow, long>? integer, Func<CapacityRow, double?>? real, Func<CapacityRow, string>? text)
    {
        Name = name;
        this.integer = integer;
        this.real = real;
        this.text = text;
    }

    /// <summary>The column name (snake_case, the same in CSV and JSON).</summary>
    public string Name { get; }

    /// <summary>The columns, in file order.</summary>
    public static IReadOnlyList<CapacityColumn> All { get; } =
    [
        Integer("n", r => r.N),
        Real("alpha", r => r.Alpha),
        Integer("p", r => r.P),
        Integer("trials", r => r.Trials),
        Text("rule", r => r.Rule),
        Text("measure", r => r.Measure),
        Real("cue_flip", r => r.CueFlip),
        Real("error_rate", r => r.ErrorRate),
        Real("error_se", r => r.ErrorSe),
        Real("error_ci_low", r => r.ErrorCiLow),
        Real("error_ci_high", r => r.ErrorCiHigh),
        Real("overlap_mean", r => r.OverlapMean),
        Real("overlap_sd", r => r.OverlapSd),
        Real("theory_error", r => r.TheoryError),
        Real("theory_overlap", r => r.TheoryOverlap),
        Real("theory_error_gaussian", r => r.TheoryErrorGaussian),
        Real("theory_error_large_n", r => r.TheoryErrorLargeN),
        Real("z_score", r => r.ZScore),
        Integer("nonconverged", r => r.NonConverged),
        Text("verdict", r => r.VerdictText),
        Real("tolerance", r => r.ToleranceWidth),
        Text("tolerance_kind", r => r.ToleranceKind),
        Real("false_alarm_rate", r => r.Verdict.Verdict == Verdict.NotATest ? null : r.Verdict.Tolerance?.FalseAlarmRate),
        Text("tolerance_derivation", r => r.ToleranceDerivation),
    ];

    /// <summary>The CSV cell of <paramref name="row"/> (round-trip invariant numbers; empty for a missing real).</summary>
    public string Csv(CapacityRow row) =>
        integer is not null ? NumberFormat.Integer(integer(row))
        : real is not null ? NumberFormat.Real(real(row))
        : text!(row);

    /// <summary>Writes the named JSON property of <paramref name="row"/>.</summary>
    public void Json(Utf8JsonWriter json, CapacityRow row)
    {
        if (integer is not null)
        {
            json.WriteNumber(Name, integer(row));
        }
        else if (real is not null)
        {
            JsonValues.Real(json, Name, real(row));
        }
        else
        {
            json.WriteString(Name, text!(row));
        }
    }

    private static CapacityColumn Integer(string name, Func<CapacityRow, long> value) => new(name, value, null, null);

    private static CapacityColumn Real(string name, Func<CapacityRow, double?> value) => new(name, null, value, null);

    private static CapacityColumn Text(string name, Func<CapacityRow, string> value) => new(name, null, null, value);
}

namespace Plasticity.Experiments.Stability;

/// <summary>The CSV of a report: one row per point, the axes then every metric (empty where not applicable).</summary>
public static class StabilityCsv
{
    /// <summary>The CSV text (header, then one line per point).</summary>
    public static string Write(StabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("rule,point,eta,dimension,eigengap,input,seed,outputs,samples,epochs");
        foreach (var m in StabilityMetrics.All)
        {
            text.Append(',').Append(m.Name);
        }

        text.Append('\n');
        foreach (var r in report.Results)
        {
            var p = r.Point;
            text.Append(CultureInfo.InvariantCulture, $"{p.Rule},\"{p.Id}\",{p.Eta:R},{p.Dimension},{p.Eigengap:R},{GridNames.Input(p.Input)},{p.Seed},{p.Outputs},{p.Grid.Samples},{p.Grid.Epochs}");
            foreach (var m in StabilityMetrics.All)
            {
                text.Append(',');
                if (r[m.Name] is double v)
                {
                    text.Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}

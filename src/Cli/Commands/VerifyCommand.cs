namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity verify</c>: evaluates the theory-versus-simulation catalogue (<see cref="CheckCatalog"/>) and writes
/// report.md, report.json and a self-contained report.html. Exit code 1 if any check fails, 0 otherwise, 2 for a bad
/// command line.
/// </summary>
public static class VerifyCommand
{
    /// <summary>Default base seed.</summary>
    public const string DefaultSeed = "20261201";

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var level = TypedOptions.Create(
            "--level",
            "quick (every family, under 2 minutes; CI) or full (adds the acceptance-size checks, under 30 minutes).",
            ParseLevel,
            () => CheckLevel.Quick);
        var only = TypedOptions.Create(
            "--only",
            $"Comma-separated families or id prefixes (families: {string.Join(", ", CheckCatalog.Families)}).",
            ParseOnly,
            () => []);
        var seed = SeedOption.Create(
            ulong.Parse(DefaultSeed, CultureInfo.InvariantCulture), "Base seed (unsigned 64-bit); each check derives its own from it and its id.");
        var output = TypedOptions.OutputPath("--out", "results/verify", "a directory path", "Output directory for report.md, report.json and report.html.");
        var figures = TypedOptions.Flag("--figures", $"Also save each check's figure (and the overview) as PNG and SVG in <out>/{VerifyFigures.Directory}/<id>.png/.svg.");
        var command = new Command("verify", "Check the models against their theory (the catalogue of docs/verify.md) and write a report.")
        {
            level, only, seed, output, figures,
        };
        command.SetAction(parse =>
        {
            try
            {
                var chosenLevel = parse.GetValue(level);
                var names = parse.GetValue(only) ?? [];
                var directory = OutputDirectoryProbe.EnsureWritable(parse.GetValue(output)!);
                var checks = CheckCatalog.Select(chosenLevel, names);
                return VerifyRunner.Run(context, checks, chosenLevel, parse.GetValue(seed), names, directory, parse.GetValue(figures));
            }
            catch (UsageException e)
            {
                ErrorText.WriteError(context.Error, e.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static CheckLevel ParseLevel(string text) => text.Trim().ToLowerInvariant() switch
    {
        "quick" => CheckLevel.Quick,
        "full" => CheckLevel.Full,
        var other => throw new UsageException("--level", $"--level must be quick or full (got '{other}')"),
    };

    /// <summary>The --only names; unknown ones are a usage error naming them and the families.</summary>
    public static IReadOnlyList<string> ParseOnly(string? text)
    {
        var names = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = CheckCatalog.Unknown(names);
        if (unknown.Count > 0)
        {
            throw new UsageException("--only", $"--only: unknown family or check id prefix '{ErrorText.Escape(unknown[0])}' (families: {string.Join(", ", CheckCatalog.Families)})");
        }

        return names;
    }
}

namespace Plasticity.Cli.Commands;

/// <summary>
/// <c>plasticity merge</c>: combines the results stores of shards 1/n … n/n of one capacity sweep into one store and
/// writes the same CSV, JSON and figures as the unsharded run, byte for byte.
/// </summary>
/// <remarks>
/// The shards must all belong to the same run (experiment, settings, seed), be shards of the same n, each appear once,
/// all be present and each be complete; otherwise the command prints one line naming the offending file and exits with
/// 2. The merged store (default <c>capacity.sqlite</c> in the output directory) is a whole-sweep store: running
/// <c>plasticity capacity … --resume</c> on it recomputes nothing.
/// </remarks>
public static class MergeCommand
{
    /// <summary>Default output directory.</summary>
    public const string DefaultOut = CapacityOptions.DefaultOut;

    /// <summary>Creates the command.</summary>
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stores = new Argument<string[]>("stores")
        {
            Description = "The shard stores (capacity --shard k/n --results FILE), in any order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = TypedOptions.OutputPath(
            "--out",
            DefaultOut,
            "a directory path",
            $"Output directory for {CapacityCommand.CsvFile}, {CapacityCommand.JsonFile}, the figures and the merged store (created if missing).");
        var results = TypedOptions.Create(
            "--results",
            $"The merged results store; default {CapacityArguments.DefaultResultsFile} in the output directory.",
            text => string.IsNullOrWhiteSpace(text) ? string.Empty : OptionValues.OutputPath("--results", text, "a file path"),
            () => string.Empty);
        var command = new Command("merge", "Merge the results stores of a sharded capacity sweep and write its CSV, JSON, PNG and SVG.")
        {
            stores, output, results,
        };
        command.SetAction(parseResult => Execute(
            parseResult.GetValue(stores) ?? [],
            parseResult.GetValue(output) ?? DefaultOut,
            parseResult.GetValue(results) ?? string.Empty,
            context));
        return command;
    }

    /// <summary>Merges <paramref name="stores"/> and writes the outputs; exit code 0, or 2 with one line on stderr.</summary>
    public static int Execute(IReadOnlyList<string> stores, string outputDirectory, string resultsPath, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(context);
        string directory, output, merged;
        try
        {
            output = OptionValues.OutputPath("--out", outputDirectory, "a directory path");
            directory = OutputDirectoryProbe.EnsureWritable(output);
            merged = string.IsNullOrWhiteSpace(resultsPath)
                ? Path.Combine(output, CapacityArguments.DefaultResultsFile)
                : OptionValues.OutputPath("--results", resultsPath, "a file path");
            foreach (var store in stores)
            {
                OptionValues.Path("stores", store, "a results store file");
            }
        }
        catch (UsageException e)
        {
            ErrorText.WriteError(context.Error, e.Message);
            return ExitCodes.Usage;
        }

        try
        {
            using var store = ResultStore.Merge(stores, merged);
            var spec = CapacitySweepSpec.FromMetadata(store.Metadata, merged);
            var results = CapacitySweep.Results(spec, store);
            var arguments = new CapacityArguments(spec.Ns, spec.Alphas, spec.Settings, spec.Seed, output);
            context.Out.WriteLine($"merge: {stores.Count} shard store(s), {results.Count} points, merged into {merged}");
            CapacityCommand.WriteOutputs(arguments, results, directory, context);
        }
        catch (Exception e) when (e is ResultStoreException or IOException or UnauthorizedAccessException)
        {
            ErrorText.WriteError(context.Error, e is ResultStoreException ? $"merge: {e.Message}" : $"merge: {ErrorText.OneLine(e)}");
            return ExitCodes.Usage;
        }

        return ExitCodes.Success;
    }
}

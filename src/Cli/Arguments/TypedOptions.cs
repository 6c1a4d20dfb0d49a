using System.CommandLine.Parsing;

namespace Plasticity.Cli.Arguments;

/// <summary>
/// Typed options whose conversion and range check run inside System.CommandLine's parser (<c>Option&lt;T&gt;.CustomParser</c>):
/// a bad value becomes a parse error with the same one-line message the binders used to throw
/// (<c>--eta must be a finite number &gt; 0 (got 'x')</c>), printed by <c>Program</c> with exit code 2 before the
/// command's action runs.
/// </summary>
/// <remarks>
/// <para>How a command uses it:</para>
/// <code>
/// var eta = TypedOptions.Positive("--eta", 0.005, "Learning rate η &gt; 0 per step.");
/// var order = TypedOptions.Choice("--order", Choices.PresentationOrders, PresentationOrder.Shuffled, "Presentation order.");
/// var seed = SeedOption.Create();
/// command.SetAction(parse =&gt; Run(parse.GetValue(eta), parse.GetValue(order), parse.GetValue(seed)));
/// </code>
/// <para>The action receives converted, range-checked values; checks that need several options or the data (outputs ≤ d)
/// stay in the command and throw <see cref="UsageException"/>. Each parser reads the option's last token (the arity
/// is exactly one value, as for the text options before), and every number uses the invariant culture
/// (<see cref="OptionValues"/> holds the conversions and their messages). An option without a default (<c>--data</c>)
/// runs the same parser on the empty text when it is missing, so the error names it as if it were given empty.</para>
/// </remarks>
public static class TypedOptions
{
    /// <summary>An option converted by <paramref name="convert"/> (which throws <see cref="UsageException"/> on bad text).</summary>
    /// <param name="name">The option's name, e.g. <c>--eta</c>.</param>
    /// <param name="description">Help text.</param>
    /// <param name="convert">Text → value; a <see cref="UsageException"/> becomes the parse error.</param>
    /// <param name="defaultValue">The value when the option is not given; null to convert the empty text instead (a required option).</param>
    public static Option<T> Create<T>(string name, string description, Func<string, T> convert, Func<T>? defaultValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(convert);
        T Parse(ArgumentResult result)
        {
            var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
            try
            {
                return convert(text);
            }
            catch (UsageException e)
            {
                result.AddError(e.Message);
                return default!;
            }
        }

        var option = new Option<T>(name)
        {
            Description = description,
            CustomParser = Parse,
            Arity = ArgumentArity.ExactlyOne,
        };
        option.DefaultValueFactory = defaultValue is null ? Parse : _ => defaultValue();
        return option;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int> Integer(string name, int defaultValue, int min, int max, string description) =>
        Create(name, description, text => OptionValues.Integer(name, text, min, max), () => defaultValue);

    /// <summary>An optional integer in [<paramref name="min"/>, <paramref name="max"/>]: <see cref="Optional{T}.None"/> when not given or blank.</summary>
    public static Option<Optional<int>> OptionalInteger(string name, int min, int max, string description) =>
        Create(
            name,
            description,
            text => string.IsNullOrWhiteSpace(text) ? Optional<int>.None : Optional<int>.Some(OptionValues.Integer(name, text, min, max)),
            () => Optional<int>.None);

    /// <summary>A finite number accepted by <paramref name="accept"/>; <paramref name="allowed"/> describes the range in messages.</summary>
    public static Option<double> Real(string name, double defaultValue, Func<double, bool> accept, string allowed, string description) =>
        Create(name, description, text => OptionValues.Real(name, text, accept, allowed), () => defaultValue);

    /// <summary>
    /// A number in (0, <paramref name="max"/>] measured in <paramref name="unit"/>; the help is
    /// <paramref name="description"/> followed by <c>, in (0, max].</c>
    /// </summary>
    public static Option<double> RealUpTo(string name, double defaultValue, double max, string unit, string description)
    {
        var bound = max.ToString("R", CultureInfo.InvariantCulture);
        return Real(name, defaultValue, v => v > 0 && v <= max, $"a number in (0, {bound}] ({unit})", $"{description}, in (0, {bound}].");
    }

    /// <summary>A finite number &gt; 0.</summary>
    public static Option<double> Positive(string name, double defaultValue, string description) =>
        Create(name, description, text => OptionValues.Positive(name, text), () => defaultValue);

    /// <summary>Any finite number.</summary>
    public static Option<double> Finite(string name, double defaultValue, string description) =>
        Create(name, description, text => OptionValues.Finite(name, text), () => defaultValue);

    /// <summary>A comma-separated list of finite numbers, each accepted by <paramref name="accept"/>.</summary>
    public static Option<double[]> RealList(
        string name, double[] defaultValue, Func<double, bool> accept, string allowed, string description)
    {
        ArgumentNullException.ThrowIfNull(defaultValue);
        return Create(name, description, text => OptionValues.RealList(name, text, accept, allowed), () => (double[])defaultValue.Clone());
    }

    /// <summary>
    /// One of the names of <paramref name="table"/>; help lists them and shows the default by its name. The value is a
    /// <see cref="Chosen{T}"/>, which converts implicitly to <typeparamref name="T"/>.
    /// </summary>
    public static Option<Chosen<T>> Choice<T>(string name, ChoiceTable<T> table, T defaultValue, string description)
    {
        ArgumentNullException.ThrowIfNull(table);
        var chosen = table.Choice(defaultValue);
        var option = Create(name, $"{description} One of {table.Allowed}.", text => table.Choose(name, text), () => chosen);
        option.HelpName = HelpName(table);
        return option;
    }

    /// <summary>A required choice (no default): missing or unknown is one line listing the names.</summary>
    public static Option<Chosen<T>> RequiredChoice<T>(string name, ChoiceTable<T> table, string description)
    {
        ArgumentNullException.ThrowIfNull(table);
        var option = Create(name, $"{description} One of {table.Allowed} (required).", text => table.Choose(name, text), null);
        option.HelpName = HelpName(table);
        return option;
    }

    /// <summary>A required path to read (not empty, no invalid characters); <paramref name="what"/> is said in the message.</summary>
    public static Option<string> InputPath(string name, string what, string description) =>
        Create(name, description, text => OptionValues.Path(name, text, what), null);

    /// <summary>An optional path to read: <see cref="Optional{T}.None"/> when not given or blank.</summary>
    public static Option<Optional<string>> OptionalInputPath(string name, string what, string description) =>
        Create(
            name,
            description,
            text => string.IsNullOrWhiteSpace(text) ? Optional<string>.None : Optional<string>.Some(OptionValues.Path(name, text, what)),
            () => Optional<string>.None);

    /// <summary>A path to write, checked by <see cref="OutputPath.Check"/> (the default is checked when used).</summary>
    public static Option<string> OutputPath(string name, string defaultValue, string what, string description) =>
        Create(name, description, text => OptionValues.OutputPath(name, text, what), () => OptionValues.OutputPath(name, defaultValue, what));

    /// <summary>A switch (no value).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    // A short list reads well in the usage column (<cyclic|shuffled|sampled>); a long one is in the description.
    private static string HelpName(IChoiceTable table) => table.Names.Count <= 4 ? table.Allowed : "name";

    /// <summary>The names of the options that were typed (not left at their defaults), for warnings about unused ones.</summary>
    public static IReadOnlySet<string> Given(ParseResult parseResult, IEnumerable<Option> options)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(options);
        return options.Where(o => parseResult.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
    }
}

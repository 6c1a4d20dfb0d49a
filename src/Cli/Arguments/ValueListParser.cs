namespace Plasticity.Cli.Arguments;

/// <summary>
/// Parses sweep values such as <c>500,1000,2000</c>, <c>0.05,0.1</c> or <c>0.02:0.30:0.02</c>.
/// </summary>
/// <remarks>
/// A sweep parameter is a comma-separated list whose items are single values or inclusive ranges
/// <c>start:stop:step</c> (expanded by <see cref="InclusiveRange"/>); order and duplicates are kept, because the
/// output rows follow the order the user typed. Numbers use the invariant culture so that a German locale does not
/// turn "0,1" into one value. Every problem is reported as a <see cref="FormatException"/> whose message can be shown
/// to the user as is.
/// </remarks>
public static class ValueListParser
{
    /// <summary>Largest number of values a whole list may hold.</summary>
    public const int MaxValues = InclusiveRange.MaxValues;

    /// <summary>Parses a list of real numbers; each item is a number or a range start:stop:step.</summary>
    /// <exception cref="FormatException">Empty list, empty item, non-number, or invalid range.</exception>
    public static IReadOnlyList<double> ParseDoubles(string text)
    {
        var values = new List<double>();
        foreach (var item in SplitItems(text))
        {
            if (item.Contains(':', StringComparison.Ordinal))
            {
                try
                {
                    values.AddRange(InclusiveRange.Parse(item));
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"bad range '{item}': {e.Message}", e);
                }
            }
            else
            {
                values.Add(InclusiveRange.ParseNumber(item));
            }

            CheckCount(values.Count);
        }

        return values;
    }

    /// <summary>Parses a list of integers; each item is an integer or an integer range start:stop:step.</summary>
    /// <exception cref="FormatException">Empty list, empty item, non-integer, or invalid range.</exception>
    public static IReadOnlyList<int> ParseIntegers(string text)
    {
        var values = new List<int>();
        foreach (var item in SplitItems(text))
        {
            if (item.Contains(':', StringComparison.Ordinal))
            {
                var parts = item.Split(':');
                if (parts.Length != 3)
                {
                    throw new FormatException($"'{item}' is not a range start:stop:step");
                }

                var start = ParseInteger(parts[0]);
                var stop = ParseInteger(parts[1]);
                var step = ParseInteger(parts[2]);
                if (step <= 0 || stop < start)
                {
                    throw new FormatException($"bad range '{item}': need step > 0 and stop >= start");
                }

                CheckCount(values.Count + (((long)stop - start) / step) + 1);
                for (long v = start; v <= stop; v += step)
                {
                    values.Add((int)v);
                }
            }
            else
            {
                values.Add(ParseInteger(item));
            }

            CheckCount(values.Count);
        }

        return values;
    }

    private static IEnumerable<string> SplitItems(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("empty list");
        }

        var items = text.Split(',');
        foreach (var raw in items)
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                throw new FormatException($"empty item in list '{text}'");
            }

            yield return item;
        }
    }

    private static int ParseInteger(string text)
    {
        var trimmed = text.Trim();
        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{trimmed}' is not an integer");
        }

        return value;
    }

    private static void CheckCount(long count)
    {
        if (count > MaxValues)
        {
            throw new FormatException($"list expands to more than {MaxValues} values");
        }
    }
}

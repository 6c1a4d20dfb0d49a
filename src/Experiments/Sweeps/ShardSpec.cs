namespace Plasticity.Experiments.Sweeps;

/// <summary>
/// Shard k of n of a sweep: the points whose index i (0-based, in grid order) satisfies i mod n = k − 1.
/// </summary>
/// <remarks>
/// Round-robin rather than contiguous slices because sweep grids are usually ordered by growing cost (α inner,
/// rising): every shard then gets a similar mix of cheap and expensive points. The slices of 1/n … n/n are disjoint and
/// their union is the whole grid, for any number of points (a shard may be empty when n exceeds the point count).
/// </remarks>
/// <param name="Index">k, 1-based, 1 ≤ k ≤ n.</param>
/// <param name="Count">n ≥ 1.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>Slurm job arrays: the task's id (e.g. 0…n−1 for <c>--array=0-(n-1)</c>).</summary>
    public const string SlurmTaskId = "SLURM_ARRAY_TASK_ID";

    /// <summary>Slurm job arrays: the number of tasks in the array.</summary>
    public const string SlurmTaskCount = "SLURM_ARRAY_TASK_COUNT";

    /// <summary>Slurm job arrays: the smallest task id (so <c>--array=1-3</c> works as well as <c>0-2</c>).</summary>
    public const string SlurmTaskMin = "SLURM_ARRAY_TASK_MIN";

    /// <summary>Kubernetes Indexed Jobs: the pod's completion index 0…completions−1 (set by Kubernetes).</summary>
    public const string CompletionIndex = "JOB_COMPLETION_INDEX";

    /// <summary>
    /// Kubernetes Indexed Jobs: the number of completions. Kubernetes does not set it; the manifest sets it to the
    /// Job's <c>completions</c> (docs/scale-out.md).
    /// </summary>
    public const string Completions = "JOB_COMPLETIONS";

    /// <summary>Largest shard count accepted.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>The whole sweep, 1/1.</summary>
    public static ShardSpec All { get; } = new(1, 1);

    /// <summary>Whether this is the whole sweep (n = 1).</summary>
    public bool IsAll => Count == 1;

    /// <summary>Whether the point with 0-based grid index <paramref name="pointIndex"/> belongs to this shard.</summary>
    public bool Contains(int pointIndex) => pointIndex % Count == Index - 1;

    /// <summary>Number of points of a grid of <paramref name="pointCount"/> points in this shard.</summary>
    public int SizeOf(int pointCount) => pointCount < Index ? 0 : ((pointCount - Index) / Count) + 1;

    /// <summary>"k/n".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Creates k/n after checking 1 ≤ k ≤ n ≤ <see cref="MaxCount"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k or n out of range (named "Index" or "Count").</exception>
    public static ShardSpec Create(int index, int count)
    {
        if (count < 1 || count > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), count, $"the shard count n must be in [1, {MaxCount}] (got {count}).");
        }

        if (index < 1 || index > count)
        {
            throw new ArgumentOutOfRangeException(nameof(Index), index, $"the shard index k must be in [1, n = {count}] (got {index}).");
        }

        return new ShardSpec(index, count);
    }

    /// <summary>
    /// Parses "k/n" or "auto". <c>auto</c> reads the scheduler's environment, looked up through
    /// <paramref name="environment"/> (pass <see cref="Environment.GetEnvironmentVariable(string)"/>, or a dictionary in
    /// tests):
    /// <list type="bullet">
    /// <item>Slurm job array: k = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN + 1 (MIN taken as 0 if unset),
    /// n = SLURM_ARRAY_TASK_COUNT; the array must be contiguous (k ≤ n).</item>
    /// <item>otherwise a Kubernetes Indexed Job: k = JOB_COMPLETION_INDEX + 1, n = JOB_COMPLETIONS (which the
    /// manifest must set, equal to the Job's completions).</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">Malformed text or environment; the message is one line (ParamName "text").</exception>
    public static ShardSpec Parse(string text, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var trimmed = (text ?? string.Empty).Trim();
        if (string.Equals(trimmed, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return FromEnvironment(environment);
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(trimmed.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(trimmed.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw new ArgumentException($"a shard is k/n with integers 1 <= k <= n, or auto (got '{trimmed}')", nameof(text));
        }

        if (n < 1 || n > MaxCount || k < 1 || k > n)
        {
            throw new ArgumentException($"a shard k/n needs 1 <= k <= n <= {MaxCount} (got '{trimmed}')", nameof(text));
        }

        return new ShardSpec(k, n);
    }

    private static ShardSpec FromEnvironment(Func<string, string?> environment)
    {
        var slurmId = environment(SlurmTaskId);
        if (!string.IsNullOrWhiteSpace(slurmId))
        {
            var id = Variable(environment, SlurmTaskId, required: true)!.Value;
            var count = Variable(environment, SlurmTaskCount, required: true)!.Value;
            var min = Variable(environment, SlurmTaskMin, required: false) ?? 0;
            var k = id - min + 1;
            if (count < 1 || count > MaxCount || k < 1 || k > count)
            {
                throw new ArgumentException(
                    $"auto: {SlurmTaskId}={id}, {SlurmTaskMin}={min}, {SlurmTaskCount}={count} is not task k of n with 1 <= k <= n (submit a contiguous array such as --array=0-{Math.Max(count, 1) - 1})",
                    "text");
            }

            return new ShardSpec(k, count);
        }

        var index = environment(CompletionIndex);
        if (!string.IsNullOrWhiteSpace(index))
        {
            var i = Variable(environment, CompletionIndex, required: true)!.Value;
            var completions = Variable(environment, Completions, required: false)
                ?? throw new ArgumentException(
                    $"auto: {CompletionIndex} is set but {Completions} is not; set {Completions} to the Job's completions in the manifest, or give --shard k/n",
                    "text");
            if (completions < 1 || completions > MaxCount || i >= completions)
            {
                throw new ArgumentException(
                    $"auto: {CompletionIndex}={i} with {Completions}={completions} is not index 0 <= i < completions",
                    "text");
            }

            return new ShardSpec(i + 1, completions);
        }

        throw new ArgumentException(
            $"auto needs {SlurmTaskId} and {SlurmTaskCount} (a Slurm job array) or {CompletionIndex} and {Completions} (a Kubernetes Indexed Job); none is set",
            "text");
    }

    private static int? Variable(Func<string, string?> environment, string name, bool required)
    {
        var value = environment(name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return required ? throw new ArgumentException($"auto: {name} is not set", "text") : null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            throw new ArgumentException($"auto: {name} must be a non-negative integer (got '{value}')", "text");
        }

        return parsed;
    }
}

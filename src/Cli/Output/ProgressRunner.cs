using Spectre.Console;

namespace Plasticity.Cli.Output;

/// <summary>
/// The one progress display of the program: a Spectre live bar on a terminal; on a pipe or in a log, plain lines — one
/// per finished point (<see cref="Point"/>) and, for fine-grained progress (<see cref="Step"/>), at most one every
/// <see cref="PlainInterval"/>.
/// </summary>
/// <remarks>
/// <para>How a command uses it:</para>
/// <code>
/// var outcome = ProgressRunner.Run(context, "learn oja", totalSteps, progress =&gt;
///     LearnRun.Run(..., step =&gt; progress.Step(step), context.CancellationToken));
/// // a sweep: after each finished point
/// progress.Point(done, $"N={n} α={alpha}: error {rate}");
/// </code>
/// <para>A redirected run (CI log, pipe, test) never receives escape codes, and a long run still shows it is alive
/// without flooding the log: a 10-hour run at one line per 10 s writes 3600 lines, not one per step. Calls may come
/// from several threads (a parallel sweep); lines are written whole, one at a time.</para>
/// </remarks>
public sealed class ProgressRunner
{
    /// <summary>Shortest time between two plain <see cref="Step"/> lines.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    private readonly object gate = new();
    private readonly TextWriter? plain;
    private readonly ProgressTask? task;
    private readonly TimeProvider clock;
    private readonly TimeSpan interval;
    private readonly long started;
    private long lastLine;

    private ProgressRunner(TextWriter? plain, ProgressTask? task, string label, long total, TimeProvider clock, TimeSpan interval)
    {
        this.plain = plain;
        this.task = task;
        this.clock = clock;
        this.interval = interval;
        Label = label;
        Total = total;
        started = clock.GetTimestamp();
        lastLine = started;
    }

    /// <summary>What is running, the start of every plain line (e.g. <c>learn oja</c>).</summary>
    public string Label { get; }

    /// <summary>Units of work in all (steps or points).</summary>
    public long Total { get; }

    /// <summary>Runs <paramref name="work"/> with a live bar (interactive context) or plain lines.</summary>
    public static T Run<T>(CommandContext context, string label, long total, Func<ProgressRunner, T> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(work);
        if (!context.Interactive)
        {
            return work(Plain(context.Out, label, total, TimeProvider.System));
        }

        T result = default!;
        TerminalConsole.Create(context).Progress().AutoClear(false).Columns(
                new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress =>
            {
                var bar = progress.AddTask(Markup.Escape(label), maxValue: Math.Max(1, total));
                result = work(new ProgressRunner(null, bar, label, total, TimeProvider.System, PlainInterval));
                bar.Value = bar.MaxValue;
            });
        return result;
    }

    /// <summary>Runs <paramref name="work"/> with a live bar (interactive context) or plain lines.</summary>
    public static void Run(CommandContext context, string label, long total, Action<ProgressRunner> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Run(context, label, total, progress =>
        {
            work(progress);
            return 0;
        });
    }

    /// <summary>The plain-line runner on <paramref name="output"/>, with an explicit clock (tests pass a fake one).</summary>
    public static ProgressRunner Plain(TextWriter output, string label, long total, TimeProvider clock, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(clock);
        return new ProgressRunner(output, null, label, total, clock, interval ?? PlainInterval);
    }

    /// <summary>
    /// Fine-grained progress: <paramref name="done"/> of <see cref="Total"/> units. Plain: one line
    /// <c>label: done/total (p%), t s</c> when at least the interval has passed since the last line (or the start).
    /// </summary>
    public void Step(long done)
    {
        if (task is not null)
        {
            task.Value = done;
            return;
        }

        lock (gate)
        {
            var now = clock.GetTimestamp();
            if (clock.GetElapsedTime(lastLine, now) < interval)
            {
                return;
            }

            lastLine = now;
            var percent = Total > 0 ? (100.0 * done / Total).ToString("F0", CultureInfo.InvariantCulture) + "%" : "-";
            var seconds = clock.GetElapsedTime(started, now).TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);
            plain!.WriteLine($"{Label}: {NumberFormat.Integer(done)}/{NumberFormat.Integer(Total)} ({percent}), {seconds} s");
        }
    }

    /// <summary>
    /// One point of a sweep finished (or started): <paramref name="done"/> points so far. Plain: exactly one line
    /// <c>label: what</c>; interactive: the bar's text and value. Call it once per point.
    /// </summary>
    public void Point(long done, string what)
    {
        ArgumentNullException.ThrowIfNull(what);
        if (task is not null)
        {
            task.Description = Markup.Escape($"{Label}: {what}");
            task.Value = done;
            return;
        }

        lock (gate)
        {
            lastLine = clock.GetTimestamp();
            plain!.WriteLine($"{Label}: {what}");
        }
    }
}

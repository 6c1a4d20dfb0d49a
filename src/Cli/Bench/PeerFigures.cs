namespace Plasticity.Cli.Bench;

/// <summary>
/// The whole-process peer comparisons written by bench/peers/run-peers.sh (<c>bench --peers FILE</c>): for each
/// target with a peer, the peer's and the toolkit's median wall time and their ratio.
/// </summary>
/// <remarks>
/// The file is JSON: <c>{"peers": [{"target": 1, "peer": "numpy + OpenBLAS", "peer_seconds": 2.5,
/// "toolkit_seconds": 0.2, "ratio": 12.5, "runs": 3}, …], "timed": "…", "load": "…"}</c>. Whole-process times include
/// start-up, so they are not comparable with the in-process times of the bench table; the table shows them beside it.
/// </remarks>
/// <param name="Peers">One entry per target.</param>
/// <param name="Timed">What was timed (from the file).</param>
/// <param name="Source">The file's path.</param>
public sealed record PeerFigures(IReadOnlyList<PeerFigure> Peers, string Timed, string Source)
{
    /// <summary>The entry of <paramref name="target"/>, or null.</summary>
    public PeerFigure? For(int target) => Peers.FirstOrDefault(p => p.Target == target);

    /// <summary>Reads <paramref name="path"/>; a missing or malformed file is a usage error of <c>--peers</c>.</summary>
    public static PeerFigures Read(string path)
    {
        const string option = "--peers";
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var peers = new List<PeerFigure>();
            foreach (var entry in root.GetProperty("peers").EnumerateArray())
            {
                var target = entry.GetProperty("target").GetInt32();
                var peerSeconds = entry.GetProperty("peer_seconds").GetDouble();
                var toolkitSeconds = entry.GetProperty("toolkit_seconds").GetDouble();
                if (target is < 1 or > 6 || !(peerSeconds > 0) || !(toolkitSeconds > 0) || !double.IsFinite(peerSeconds) || !double.IsFinite(toolkitSeconds))
                {
                    throw new UsageException(option, $"{option}: {path}: an entry has target {target} (need 1–6) or a time that is not a positive number.");
                }

                peers.Add(new PeerFigure(target, entry.GetProperty("peer").GetString() ?? "peer", peerSeconds, toolkitSeconds));
            }

            var timed = root.TryGetProperty("timed", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            return new PeerFigures(peers, timed, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UsageException(option, $"{option}: cannot read the peer figures {path}: {e.Message.Split('\n')[0]} (write it with bench/peers/run-peers.sh).");
        }
    }
}

/// <summary>One peer comparison, whole process.</summary>
/// <param name="Target">Target number 1–6.</param>
/// <param name="Peer">The peer, e.g. "numpy + OpenBLAS".</param>
/// <param name="PeerSeconds">The peer's median wall time (s).</param>
/// <param name="ToolkitSeconds">The toolkit's median wall time on the same work (s).</param>
public sealed record PeerFigure(int Target, string Peer, double PeerSeconds, double ToolkitSeconds)
{
    /// <summary>How many times faster the toolkit is: peer time / toolkit time.</summary>
    public double Ratio => PeerSeconds / ToolkitSeconds;
}

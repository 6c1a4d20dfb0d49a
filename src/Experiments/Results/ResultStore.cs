using Microsoft.Data.Sqlite;

namespace Plasticity.Experiments.Results;

/// <summary>
/// The results of one sweep (or one shard of it) in an SQLite file: the run's metadata and one row per finished point,
/// each committed in its own transaction as soon as the point is done, so a run killed at any instant (kill -9, power
/// loss) keeps every point it reported and none half-written.
/// </summary>
/// <remarks>
/// <para>Durability: rollback journal (<c>journal_mode=DELETE</c>) with <c>synchronous=FULL</c>: a commit returns only
/// after the journal and the database have been synced, and a transaction cut short by a kill is rolled back from the
/// hot journal the next time the file is opened. The rollback journal rather than WAL because the stores of a job array
/// usually sit on a shared network volume, where SQLite's WAL (shared memory) is not safe.</para>
/// <para>Schema (version <see cref="RunMetadata.FormatVersion"/>): <c>run(format_version, experiment, settings, seed,
/// point_count, shard_index, shard_count, created_utc)</c>, one row; <c>points(point_index PRIMARY KEY, point_key
/// UNIQUE, result, finished_utc, seconds)</c>. The seed is stored as decimal text (it is unsigned 64-bit).</para>
/// <para>One writer at a time (a sweep, or a merge); connections are not pooled, so the file is closed on
/// <see cref="Dispose"/>.</para>
/// </remarks>
public sealed class ResultStore : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SortedDictionary<int, StoredPoint> finished = [];

    private ResultStore(string path, SqliteConnection connection, RunMetadata metadata)
    {
        Path = path;
        this.connection = connection;
        Metadata = metadata;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>The run this store belongs to.</summary>
    public RunMetadata Metadata { get; }

    /// <summary>Finished points by grid index.</summary>
    public IReadOnlyDictionary<int, StoredPoint> Finished => finished;

    /// <summary>Finished points in grid order.</summary>
    public IReadOnlyList<StoredPoint> Points => [.. finished.Values];

    /// <summary>
    /// Opens the store of <paramref name="metadata"/>'s run at <paramref name="path"/>. With <paramref name="resume"/>
    /// an existing store is continued (its finished points are kept) and refused if it belongs to a different run; a
    /// missing one is created. Without it an existing store is replaced by an empty one (a file that is not a store is
    /// refused, never deleted).
    /// </summary>
    /// <exception cref="ResultStoreException">The file is not a store of this format, or belongs to another run.</exception>
    public static ResultStore Open(string path, RunMetadata metadata, bool resume)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(metadata);
        if (!resume && File.Exists(path))
        {
            // Only a results store (or an empty file) is replaced: a mistyped path must not delete someone's data.
            if (new FileInfo(path).Length > 0)
            {
                try
                {
                    OpenExisting(path).Dispose();
                }
                catch (ResultStoreException e)
                {
                    throw new ResultStoreException($"'{path}' exists and is not a results store of this format, so it is left alone; choose another results file ({e.Message})", e);
                }
            }

            Delete(path);
        }

        var store = OpenFile(path, create: true, metadata);
        var difference = store.Metadata.FirstDifference(metadata);
        if (difference is not null)
        {
            store.Dispose();
            throw new ResultStoreException(
                $"results store '{path}' belongs to a different run: {difference}; drop --resume to start afresh, or choose another results file");
        }

        return store;
    }

    /// <summary>Opens an existing store to read it (or to merge it), whatever run it belongs to.</summary>
    /// <exception cref="ResultStoreException">Missing file, or not a store of this format.</exception>
    public static ResultStore OpenExisting(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new ResultStoreException($"results store '{path}' does not exist");
        }

        return OpenFile(path, create: false, null);
    }

    /// <summary>Deletes the store at <paramref name="path"/> and its journal, if present.</summary>
    public static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(path + "-journal");
    }

    /// <summary>Whether point <paramref name="index"/> is finished.</summary>
    public bool Contains(int index) => finished.ContainsKey(index);

    /// <summary>
    /// Commits one finished point (one transaction, synced before returning).
    /// </summary>
    /// <exception cref="ArgumentException">The point is outside this store's shard, or already stored.</exception>
    public void Save(SweepPoint point, string resultJson, double seconds)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(resultJson);
        if (point.Index < 0 || point.Index >= Metadata.PointCount || !Metadata.Shard.Contains(point.Index))
        {
            throw new ArgumentOutOfRangeException(nameof(point), point.Index, $"point {point.Index} is not in shard {Metadata.Shard} of {Metadata.PointCount} points.");
        }

        if (finished.ContainsKey(point.Index))
        {
            throw new ArgumentException($"point {point.Index} ({point.Key}) is stored already.", nameof(point));
        }

        var row = new StoredPoint(point.Index, point.Key, resultJson, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), seconds);
        Insert([row]);
        finished[row.Index] = row;
    }

    /// <summary>
    /// Merges the stores of shards 1/n … n/n of one run into a new store (shard 1/1) at <paramref name="path"/>
    /// (replaced if present). Refuses stores of different runs, a repeated or missing shard, and incomplete shards.
    /// </summary>
    /// <exception cref="ResultStoreException">One line naming the offending file and the reason.</exception>
    public static ResultStore Merge(IReadOnlyList<string> shardPaths, string path)
    {
        ArgumentNullException.ThrowIfNull(shardPaths);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (shardPaths.Count == 0)
        {
            throw new ResultStoreException("no results stores to merge");
        }

        var full = System.IO.Path.GetFullPath(path);
        var shards = new List<ResultStore>();
        try
        {
            foreach (var shardPath in shardPaths)
            {
                if (string.Equals(System.IO.Path.GetFullPath(shardPath), full, StringComparison.Ordinal))
                {
                    throw new ResultStoreException($"results store '{shardPath}' is also the merge output; write the merged store elsewhere");
                }

                shards.Add(OpenExisting(shardPath));
            }

            var first = shards[0];
            var count = first.Metadata.Shard.Count;
            var byIndex = new ResultStore?[count + 1];
            foreach (var shard in shards)
            {
                var m = shard.Metadata;
                var difference = (first.Metadata with { Shard = m.Shard }).FirstDifference(m);
                if (difference is not null)
                {
                    throw new ResultStoreException($"results store '{shard.Path}' belongs to a different run than '{first.Path}': {difference}");
                }

                if (m.Shard.Count != count)
                {
                    throw new ResultStoreException($"results store '{shard.Path}' is shard {m.Shard}, but '{first.Path}' is shard {first.Metadata.Shard}: the shard counts differ");
                }

                if (byIndex[m.Shard.Index] is ResultStore twin)
                {
                    throw new ResultStoreException($"results stores '{twin.Path}' and '{shard.Path}' are both shard {m.Shard}");
                }

                byIndex[m.Shard.Index] = shard;
                var expectedPoints = m.Shard.SizeOf(m.PointCount);
                if (shard.finished.Count != expectedPoints)
                {
                    throw new ResultStoreException(
                        $"results store '{shard.Path}' (shard {m.Shard}) holds {shard.finished.Count} of its {expectedPoints} points; finish it with --resume before merging");
                }
            }

            for (var k = 1; k <= count; k++)
            {
                if (byIndex[k] is null)
                {
                    throw new ResultStoreException($"shard {k}/{count} is missing: {shards.Count} store(s) given for {count} shards");
                }
            }

            var merged = Open(path, first.Metadata with { Shard = ShardSpec.All }, resume: false);
            var rows = shards.SelectMany(s => s.finished.Values).OrderBy(r => r.Index).ToArray();
            merged.Insert(rows);
            foreach (var row in rows)
            {
                merged.finished[row.Index] = row;
            }

            return merged;
        }
        finally
        {
            foreach (var shard in shards)
            {
                shard.Dispose();
            }
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => connection.Dispose();

    private static ResultStore OpenFile(string path, bool create, RunMetadata? metadata)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;");
            if (create && metadata is not null && !HasTable(connection, "run"))
            {
                CreateSchema(connection, metadata);
            }

            var stored = ReadMetadata(connection, path);
            var store = new ResultStore(path, connection, stored);
            store.Load();
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new ResultStoreException($"results store '{path}' cannot be read: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void CreateSchema(SqliteConnection connection, RunMetadata metadata)
    {
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText =
                """
                CREATE TABLE run(
                  format_version INTEGER NOT NULL,
                  experiment TEXT NOT NULL,
                  settings TEXT NOT NULL,
                  seed TEXT NOT NULL,
                  point_count INTEGER NOT NULL,
                  shard_index INTEGER NOT NULL,
                  shard_count INTEGER NOT NULL,
                  created_utc TEXT NOT NULL);
                CREATE TABLE points(
                  point_index INTEGER PRIMARY KEY,
                  point_key TEXT NOT NULL UNIQUE,
                  result TEXT NOT NULL,
                  finished_utc TEXT NOT NULL,
                  seconds REAL NOT NULL);
                INSERT INTO run VALUES ($version, $experiment, $settings, $seed, $count, $index, $shards, $created);
                """;
            command.Parameters.AddWithValue("$version", RunMetadata.FormatVersion);
            command.Parameters.AddWithValue("$experiment", metadata.Experiment);
            command.Parameters.AddWithValue("$settings", metadata.Settings);
            command.Parameters.AddWithValue("$seed", metadata.Seed.ToString(CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$count", metadata.PointCount);
            command.Parameters.AddWithValue("$index", metadata.Shard.Index);
            command.Parameters.AddWithValue("$shards", metadata.Shard.Count);
            command.Parameters.AddWithValue("$created", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static bool HasTable(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static RunMetadata ReadMetadata(SqliteConnection connection, string path)
    {
        if (!HasTable(connection, "run") || !HasTable(connection, "points"))
        {
            throw new ResultStoreException($"'{path}' is not a results store (no run and points tables)");
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT format_version, experiment, settings, seed, point_count, shard_index, shard_count FROM run";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new ResultStoreException($"results store '{path}' has no run record");
        }

        var version = reader.GetInt64(0);
        if (version != RunMetadata.FormatVersion)
        {
            throw new ResultStoreException($"results store '{path}' has format version {version}; this program reads version {RunMetadata.FormatVersion}");
        }

        if (!ulong.TryParse(reader.GetString(3), NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            throw new ResultStoreException($"results store '{path}' has an unreadable seed");
        }

        var pointCount = reader.GetInt32(4);
        var index = reader.GetInt32(5);
        var count = reader.GetInt32(6);
        if (pointCount < 1 || count < 1 || index < 1 || index > count)
        {
            throw new ResultStoreException($"results store '{path}' has an invalid run record (shard {index}/{count}, {pointCount} points)");
        }

        return new RunMetadata(reader.GetString(1), reader.GetString(2), seed, pointCount, new ShardSpec(index, count));
    }

    private void Load()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT point_index, point_key, result, finished_utc, seconds FROM points ORDER BY point_index";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new StoredPoint(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4));
            if (row.Index < 0 || row.Index >= Metadata.PointCount || !Metadata.Shard.Contains(row.Index))
            {
                throw new ResultStoreException($"results store '{Path}' holds point {row.Index}, which is not in its shard {Metadata.Shard} of {Metadata.PointCount} points");
            }

            finished[row.Index] = row;
        }
    }

    private void Insert(IReadOnlyList<StoredPoint> rows)
    {
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO points VALUES ($index, $key, $result, $finished, $seconds)";
            var index = command.Parameters.Add("$index", SqliteType.Integer);
            var key = command.Parameters.Add("$key", SqliteType.Text);
            var result = command.Parameters.Add("$result", SqliteType.Text);
            var finishedUtc = command.Parameters.Add("$finished", SqliteType.Text);
            var seconds = command.Parameters.Add("$seconds", SqliteType.Real);
            foreach (var row in rows)
            {
                index.Value = row.Index;
                key.Value = row.Key;
                result.Value = row.Result;
                finishedUtc.Value = row.FinishedUtc;
                seconds.Value = row.Seconds;
                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

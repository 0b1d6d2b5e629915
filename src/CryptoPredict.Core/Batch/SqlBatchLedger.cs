using System.Data.Common;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// What both ledgers share: one table <c>batch_units</c> (one row per unit, keyed by its name) and the statements
/// over it. The subclasses differ in how a unit is made exclusively one worker's (see <see cref="TryClaim"/>) and
/// in how times are stored.
/// </summary>
public abstract class SqlBatchLedger : IBatchLedger
{
    protected const string Columns =
        "name, symbol, candle_interval, model, state, attempts, exit_code, error, started_utc, ended_utc, duration_s, samples_per_second, " +
        "metrics, data_sha256, data_first, data_last, data_candles, worker_host, worker_pid, worker_started_utc, bundle_version";

    public abstract string Location { get; }

    protected abstract DbConnection Connection { get; }

    public void Register(IEnumerable<BatchUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        using var transaction = BeginWrite();
        foreach (var unit in units)
        {
            using var command = Command(
                "INSERT INTO batch_units (name, symbol, candle_interval, model, state, attempts, updated_utc) " +
                "VALUES (@name, @symbol, @interval, @model, 'pending', 0, @now) ON CONFLICT (name) DO NOTHING",
                transaction);
            Add(command, "name", unit.Name);
            Add(command, "symbol", unit.Symbol);
            Add(command, "interval", unit.Interval);
            Add(command, "model", unit.Model);
            AddTime(command, "now", DateTimeOffset.UtcNow);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public IReadOnlyList<LedgerEntry> Entries()
    {
        using var command = Command($"SELECT {Columns} FROM batch_units ORDER BY name", null);
        using var reader = command.ExecuteReader();
        var entries = new List<LedgerEntry>();
        while (reader.Read())
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    public LedgerEntry? Find(string name)
    {
        using var command = Command($"SELECT {Columns} FROM batch_units WHERE name = @name", null);
        Add(command, "name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEntry(reader) : null;
    }

    public abstract ClaimResult TryClaim(BatchUnit unit, DataFingerprint? data, Func<LedgerEntry, bool, ClaimDecision> decide);

    public void Complete(UnitClaim claim, UnitCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(completion);
        try
        {
            var ended = DateTimeOffset.UtcNow;
            using var command = Command(
                "UPDATE batch_units SET state = @state, exit_code = @exit_code, error = @error, ended_utc = @ended, duration_s = @duration, " +
                "samples_per_second = @speed, metrics = COALESCE(" + JsonParameter("metrics") + ", metrics), bundle_version = COALESCE(@bundle, bundle_version), " +
                "data_sha256 = COALESCE(@sha, data_sha256), data_first = COALESCE(@first, data_first), data_last = COALESCE(@last, data_last), " +
                "data_candles = COALESCE(@candles, data_candles), updated_utc = @ended WHERE name = @name",
                null);
            Add(command, "name", claim.Unit.Name);
            Add(command, "state", completion.State.Text());
            Add(command, "exit_code", completion.ExitCode);
            Add(command, "error", completion.Error);
            AddTime(command, "ended", ended);
            Add(command, "duration", (ended - claim.StartedUtc).TotalSeconds);
            Add(command, "speed", completion.SamplesPerSecond);
            Add(command, "metrics", completion.MetricsJson);
            Add(command, "bundle", completion.BundleVersion);
            AddData(command, completion.Data);
            command.ExecuteNonQuery();
        }
        finally
        {
            claim.Dispose();
        }
    }

    public void Abandon(UnitClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        try
        {
            var previous = claim.Previous;
            using var command = Command(
                "UPDATE batch_units SET state = @state, attempts = @attempts, exit_code = @exit_code, error = @error, started_utc = @started, " +
                "ended_utc = @ended, duration_s = @duration, samples_per_second = @speed, data_sha256 = @sha, data_first = @first, data_last = @last, data_candles = @candles, " +
                "worker_host = @host, worker_pid = @pid, worker_started_utc = @worker_started, updated_utc = @now WHERE name = @name",
                null);
            Add(command, "name", previous.Name);
            Add(command, "state", previous.State.Text());
            Add(command, "attempts", previous.Attempts);
            Add(command, "exit_code", previous.ExitCode);
            Add(command, "error", previous.Error);
            AddTime(command, "started", previous.StartedUtc);
            AddTime(command, "ended", previous.EndedUtc);
            Add(command, "duration", previous.DurationSeconds);
            Add(command, "speed", previous.SamplesPerSecond);
            AddData(command, previous.Data);
            AddWorker(command, previous.Worker);
            AddTime(command, "now", DateTimeOffset.UtcNow);
            command.ExecuteNonQuery();
        }
        finally
        {
            claim.Dispose();
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Connection.Dispose();
        }
    }

    /// <summary>A write transaction (SQLite: BEGIN IMMEDIATE, so two writers never deadlock upgrading a read).</summary>
    protected abstract DbTransaction BeginWrite();

    /// <summary>The parameter reference for a JSON value (PostgreSQL casts it to jsonb).</summary>
    protected virtual string JsonParameter(string name) => "@" + name;

    protected abstract DateTimeOffset? ReadTime(DbDataReader reader, int ordinal);

    protected abstract object TimeValue(DateTimeOffset time);

    /// <summary>
    /// Marks the claimed unit running for this worker in <paramref name="transaction"/>: attempts + 1, the start,
    /// the candles, the worker; the last attempt's exit code, error and end are cleared.
    /// </summary>
    protected void WriteClaim(DbTransaction transaction, BatchUnit unit, DataFingerprint? data, DateTimeOffset started)
    {
        ArgumentNullException.ThrowIfNull(unit);
        using var command = Command(
            "UPDATE batch_units SET state = 'running', attempts = attempts + 1, exit_code = NULL, error = NULL, started_utc = @started, " +
            "ended_utc = NULL, duration_s = NULL, samples_per_second = NULL, data_sha256 = COALESCE(@sha, data_sha256), " +
            "data_first = COALESCE(@first, data_first), data_last = COALESCE(@last, data_last), data_candles = COALESCE(@candles, data_candles), " +
            "worker_host = @host, worker_pid = @pid, worker_started_utc = @worker_started, updated_utc = @started WHERE name = @name",
            transaction);
        Add(command, "name", unit.Name);
        AddTime(command, "started", started);
        AddData(command, data);
        AddWorker(command, BatchWorkerId.Current);
        command.ExecuteNonQuery();
    }

    /// <summary>The unit's entry in <paramref name="transaction"/>, with <paramref name="suffix"/> appended to the SELECT (row locks).</summary>
    protected LedgerEntry? Select(DbTransaction transaction, string name, string suffix)
    {
        using var command = Command($"SELECT {Columns} FROM batch_units WHERE name = @name {suffix}", transaction);
        Add(command, "name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEntry(reader) : null;
    }

    protected DbCommand Command(string sql, DbTransaction? transaction)
    {
        var command = Connection.CreateCommand();
#pragma warning disable CA2100 // Every statement is a constant of this class; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    protected static void Add(DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private void AddTime(DbCommand command, string name, DateTimeOffset? time) => Add(command, name, time is { } t ? TimeValue(t) : null);

    private void AddData(DbCommand command, DataFingerprint? data)
    {
        Add(command, "sha", data?.Sha256);
        AddTime(command, "first", data is null ? null : Utc(data.First));
        AddTime(command, "last", data is null ? null : Utc(data.Last));
        Add(command, "candles", data?.Candles);
    }

    private void AddWorker(DbCommand command, BatchWorkerId? worker)
    {
        Add(command, "host", worker?.Host);
        Add(command, "pid", worker?.ProcessId);
        AddTime(command, "worker_started", worker?.ProcessStartedUtc);
    }

    private LedgerEntry ReadEntry(DbDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        int? Int(int i) => reader.IsDBNull(i) ? null : Convert.ToInt32(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        double? Real(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
        var sha = Text(13);
        var host = Text(17);
        return new LedgerEntry
        {
            Name = reader.GetString(0),
            Symbol = reader.GetString(1),
            Interval = reader.GetString(2),
            Model = reader.GetString(3),
            State = UnitStates.Parse(reader.GetString(4)),
            Attempts = Int(5) ?? 0,
            ExitCode = Int(6),
            Error = Text(7),
            StartedUtc = ReadTime(reader, 8),
            EndedUtc = ReadTime(reader, 9),
            DurationSeconds = Real(10),
            SamplesPerSecond = Real(11),
            MetricsJson = Text(12),
            Data = sha is null ? null : new DataFingerprint(sha, ReadTime(reader, 14)!.Value.UtcDateTime, ReadTime(reader, 15)!.Value.UtcDateTime, Int(16) ?? 0),
            Worker = host is null ? null : new BatchWorkerId(host, Int(18) ?? 0, ReadTime(reader, 19) ?? DateTimeOffset.MinValue),
            BundleVersion = Text(20),
        };
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}

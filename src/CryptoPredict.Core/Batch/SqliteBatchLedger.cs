using System.Data.Common;
using System.Globalization;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Training;
using Microsoft.Data.Sqlite;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// The ledger of one machine: a SQLite file (WAL mode, so readers never wait for the writer), by default beside the
/// models folder (<see cref="DefaultPath"/>).
/// <para>
/// A unit is a worker's while the worker holds the unit's <see cref="RunLock"/> in <c>LEDGER.locks/UNIT/</c>, an OS
/// file lock that the kernel frees however the worker ends, kill -9 included. The lock is taken before the row is
/// read and released only after the attempt's end is committed, so whoever gets the lock and finds the row
/// <c>running</c> knows its worker is dead, and reclaims it; host and pid in the row only say who that was. This
/// holds for every process of one machine, and across machines only on a shared file system whose locks are
/// coherent; for many machines use <see cref="PostgresBatchLedger"/>.
/// </para>
/// </summary>
public sealed class SqliteBatchLedger : SqlBatchLedger
{
    private readonly SqliteConnection _connection;
    private readonly string _locks;

    private SqliteBatchLedger(string path, SqliteConnection connection)
    {
        Location = path;
        _connection = connection;
        _locks = path + ".locks";
    }

    public override string Location { get; }

    protected override DbConnection Connection => _connection;

    /// <summary><c>MODELS.ledger.sqlite</c> beside <paramref name="modelsDirectory"/>: one ledger per models folder.</summary>
    public static string DefaultPath(string modelsDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelsDirectory);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelsDirectory));
        var parent = Path.GetDirectoryName(full) ?? full;
        return Path.Combine(parent, Path.GetFileName(full) + ".ledger.sqlite");
    }

    /// <summary>Opens (or creates) the ledger file at <paramref name="path"/>, its folder included.</summary>
    public static SqliteBatchLedger Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, DefaultTimeout = 120 };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var ledger = new SqliteBatchLedger(full, connection);
            ledger.CreateSchema();
            return ledger;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override ClaimResult TryClaim(BatchUnit unit, DataFingerprint? data, Func<LedgerEntry, bool, ClaimDecision> decide)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(decide);
        Register([unit]);
        if (!RunLock.TryAcquire(Path.Combine(_locks, unit.Name), "batch " + unit.Name, out var runLock, out var holder))
        {
            return new ClaimBusy(Find(unit.Name)?.Worker?.ToString() ?? holder?.ToString() ?? "another batch worker");
        }

        try
        {
            using var transaction = BeginWrite();
            var entry = Select(transaction, unit.Name, "") ?? throw new InvalidOperationException($"{Location}: unit {unit.Name} vanished while it was claimed.");
            var reclaimed = entry.State == UnitState.Running;
            var decision = decide(entry, reclaimed);
            if (decision.Verdict != ClaimVerdict.Train)
            {
                transaction.Rollback();
                runLock.Dispose();
                return new ClaimDeclined(decision, entry);
            }

            var started = Now();
            WriteClaim(transaction, unit, data, started);
            transaction.Commit();
            return new ClaimGranted(new LockClaim(runLock, unit, entry, decision, reclaimed, started));
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    protected override DbTransaction BeginWrite() => _connection.BeginTransaction(deferred: false);

    protected override DateTimeOffset? ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    protected override object TimeValue(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private void CreateSchema()
    {
        using (var wal = Command("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", null))
        {
            wal.ExecuteNonQuery();
        }

        using var transaction = BeginWrite();
        using var command = Command(
            "CREATE TABLE IF NOT EXISTS batch_units (" +
            "name TEXT PRIMARY KEY, symbol TEXT NOT NULL, candle_interval TEXT NOT NULL, model TEXT NOT NULL, state TEXT NOT NULL, " +
            "attempts INTEGER NOT NULL DEFAULT 0, exit_code INTEGER, error TEXT, started_utc TEXT, ended_utc TEXT, duration_s REAL, " +
            "samples_per_second REAL, metrics TEXT, data_sha256 TEXT, data_first TEXT, data_last TEXT, data_candles INTEGER, " +
            "worker_host TEXT, worker_pid INTEGER, worker_started_utc TEXT, bundle_version TEXT, updated_utc TEXT NOT NULL)",
            transaction);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>The unit's lock file, held from before its row was read until after its end was written.</summary>
    private sealed class LockClaim(RunLock runLock, BatchUnit unit, LedgerEntry previous, ClaimDecision decision, bool reclaimed, DateTimeOffset started)
        : UnitClaim(unit, previous, decision, reclaimed, started)
    {
        protected override void Release() => runLock.Dispose();
    }
}

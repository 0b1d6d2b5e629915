using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using CryptoPredict.Core.Training;
using Npgsql;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// The ledger of many machines: a table in a PostgreSQL database that every worker connects to.
/// <para>
/// A unit is a worker's while the worker's connection holds the unit's session advisory lock
/// (<c>pg_try_advisory_lock</c> on a key hashed from its name). The server frees a session's advisory locks when the
/// session ends, however the worker ended (kill -9, a machine lost: the session sets TCP keepalives so the server
/// notices a silent peer within about a minute). The lock is taken before the row is read (<c>SELECT ... FOR UPDATE
/// SKIP LOCKED</c>) and released only after the attempt's end is committed, so a worker that gets the lock and finds
/// the row <c>running</c> knows its worker is gone, and reclaims it. Connections are not pooled: closing one must
/// end its session and so its locks.
/// </para>
/// </summary>
public sealed class PostgresBatchLedger : SqlBatchLedger
{
    // One key for the schema's creation, so concurrent first runs do not race on CREATE TABLE.
    private const long SchemaLockKey = 0x43_50_42_61_74_63_68; // "CPBatch"

    private readonly NpgsqlConnection _connection;

    private PostgresBatchLedger(string location, NpgsqlConnection connection)
    {
        Location = location;
        _connection = connection;
    }

    public override string Location { get; }

    protected override DbConnection Connection => _connection;

    public static bool IsUrl(string text) =>
        text is not null && (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Connects to <c>postgres://user[:password]@host[:port]/database[?sslmode=...]</c> (the password may instead
    /// come from PGPASSWORD or ~/.pgpass) and creates the table when it is missing.
    /// </summary>
    public static PostgresBatchLedger Open(string url)
    {
        var builder = ConnectionString(url);
        var location = Describe(builder);
        var connection = new NpgsqlConnection(builder.ToString());
        try
        {
            connection.Open();
            var ledger = new PostgresBatchLedger(location, connection);
            ledger.Prepare();
            return ledger;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The connection settings of <paramref name="url"/>; <see cref="ArgumentException"/> says what is wrong with it.</summary>
    public static NpgsqlConnectionStringBuilder ConnectionString(string url)
    {
        if (!IsUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"--ledger '{Redact(url)}' is not a PostgreSQL URL: use postgres://user@host:port/database.");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"--ledger '{Redact(url)}' names no database: add it as the path, such as postgres://user@host:5432/cryptopredict.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            Pooling = false,
            ApplicationName = "cryptopredict batch",
            KeepAlive = 30,
        };
        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user[0]);
        }

        if (user.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(user[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            try
            {
                builder[key] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            }
            catch (ArgumentException)
            {
                throw new ArgumentException($"--ledger '{Redact(url)}': '{key}' is not a PostgreSQL connection setting (such as sslmode, timeout).");
            }
        }

        return builder;
    }

    public override ClaimResult TryClaim(BatchUnit unit, DataFingerprint? data, Func<LedgerEntry, bool, ClaimDecision> decide)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(decide);
        Register([unit]);
        var key = LockKey(unit.Name);
        using var transaction = _connection.BeginTransaction();

        // The lock first, the row second: the row is then read after its last holder's end was committed.
        if (!Scalar<bool>("SELECT pg_try_advisory_lock(@key)", transaction, key))
        {
            var holder = Find(unit.Name)?.Worker;
            transaction.Rollback();
            return new ClaimBusy(holder?.ToString() ?? "another batch worker");
        }

        var kept = false;
        try
        {
            var entry = Select(transaction, unit.Name, "FOR UPDATE SKIP LOCKED");
            if (entry is null)
            {
                transaction.Rollback();
                return new ClaimBusy("another batch worker, registering it right now");
            }

            var reclaimed = entry.State == UnitState.Running;
            var decision = decide(entry, reclaimed);
            if (decision.Verdict != ClaimVerdict.Train)
            {
                transaction.Rollback();
                return new ClaimDeclined(decision, entry);
            }

            var started = Now();
            WriteClaim(transaction, unit, data, started);
            transaction.Commit();
            kept = true;
            return new ClaimGranted(new AdvisoryClaim(this, key, unit, entry, decision, reclaimed, started));
        }
        finally
        {
            if (!kept)
            {
                Unlock(key);
            }
        }
    }

    protected override DbTransaction BeginWrite() => _connection.BeginTransaction();

    protected override string JsonParameter(string name) => $"CAST(@{name} AS jsonb)";

    protected override DateTimeOffset? ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));
    }

    protected override object TimeValue(DateTimeOffset time) => time.UtcDateTime;

    /// <summary>A 64-bit advisory lock key from SHA-256 of the unit name (stable across processes and machines).</summary>
    internal static long LockKey(string name) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("cryptopredict batch unit " + name)));

    private static DateTimeOffset Now()
    {
        // timestamptz keeps microseconds.
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
    }

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"postgres://{(builder.Username is { Length: > 0 } user ? user + "@" : "")}{builder.Host}:{builder.Port}/{builder.Database}";

    private static string Redact(string url)
    {
        if (url is null)
        {
            return "";
        }

        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var colon = scheme < 0 || at < 0 ? -1 : url.IndexOf(':', scheme + 3, at - scheme - 3);
        return colon < 0 ? url : string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at));
    }

    private void Prepare()
    {
        // The server drops the session of a machine that vanished (no FIN) after idle + interval x count seconds.
        using (var keepalive = Command("SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3", null))
        {
            keepalive.ExecuteNonQuery();
        }

        using var transaction = _connection.BeginTransaction();
        Scalar<object>("SELECT pg_advisory_xact_lock(@key)", transaction, SchemaLockKey);
        using var command = Command(
            "CREATE TABLE IF NOT EXISTS batch_units (" +
            "name text PRIMARY KEY, symbol text NOT NULL, candle_interval text NOT NULL, model text NOT NULL, state text NOT NULL, " +
            "attempts integer NOT NULL DEFAULT 0, exit_code integer, error text, started_utc timestamptz, ended_utc timestamptz, " +
            "duration_s double precision, samples_per_second double precision, metrics jsonb, data_sha256 text, data_first timestamptz, " +
            "data_last timestamptz, data_candles integer, worker_host text, worker_pid integer, worker_started_utc timestamptz, " +
            "bundle_version text, updated_utc timestamptz NOT NULL)",
            transaction);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private T Scalar<T>(string sql, DbTransaction? transaction, long key)
    {
        using var command = Command(sql, transaction);
        Add(command, "key", key);
        var value = command.ExecuteScalar();
        return value is T typed ? typed : default!;
    }

    private void Unlock(long key)
    {
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            Scalar<bool>("SELECT pg_advisory_unlock(@key)", null, key);
        }
    }

    /// <summary>The unit's advisory lock on this ledger's session, held until the attempt's end is committed.</summary>
    private sealed class AdvisoryClaim(PostgresBatchLedger ledger, long key, BatchUnit unit, LedgerEntry previous, ClaimDecision decision, bool reclaimed, DateTimeOffset started)
        : UnitClaim(unit, previous, decision, reclaimed, started)
    {
        protected override void Release() => ledger.Unlock(key);
    }
}

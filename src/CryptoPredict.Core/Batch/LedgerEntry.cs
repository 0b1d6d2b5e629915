using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// A unit's row in the ledger: its state, how many attempts it took, how the last one ended (exit code, error, start,
/// end, duration, training speed), its test metrics as JSON, the fingerprint of the candles it was last claimed or
/// trained on, who claimed it last, and the bundle version it published.
/// </summary>
public sealed record LedgerEntry
{
    public required string Name { get; init; }

    public required string Symbol { get; init; }

    public required string Interval { get; init; }

    public required string Model { get; init; }

    public UnitState State { get; init; }

    public int Attempts { get; init; }

    public int? ExitCode { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset? StartedUtc { get; init; }

    public DateTimeOffset? EndedUtc { get; init; }

    public double? DurationSeconds { get; init; }

    public double? SamplesPerSecond { get; init; }

    /// <summary>The test metrics as one JSON object (per target: the model next to its baselines), or null.</summary>
    public string? MetricsJson { get; init; }

    public DataFingerprint? Data { get; init; }

    public BatchWorkerId? Worker { get; init; }

    public string? BundleVersion { get; init; }

    public static LedgerEntry Pending(BatchUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new LedgerEntry { Name = unit.Name, Symbol = unit.Symbol, Interval = unit.Interval, Model = unit.Model, State = UnitState.Pending };
    }
}

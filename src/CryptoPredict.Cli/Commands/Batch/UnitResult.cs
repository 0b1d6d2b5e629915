using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// How one unit ended in this run, as <c>batch --json</c> reports it: <see cref="Status"/> is trained, skipped,
/// failed or busy; <see cref="ExitCode"/> is what <c>train</c> would have exited with for it (0 when trained or
/// skipped, 75 when busy); <see cref="Metrics"/> are its test metrics (the bundle's, for an up-to-date unit).
/// </summary>
internal sealed record UnitResult(
    string Symbol,
    string Interval,
    string Model,
    string Name,
    string Status,
    string? Reason,
    int ExitCode,
    JsonElement? Metrics,
    int Attempts,
    double? DurationS,
    double? SamplesPerSecond,
    string? BundleVersion,
    string? Log)
{
    public const string Trained = "trained";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
    public const string Busy = "busy";

    /// <summary>Which of two reports of one unit (from two workers of --max-parallel) says more: trained, failed, skipped, busy.</summary>
    [JsonIgnore]
    public int Weight => Status switch
    {
        Trained => 3,
        Failed => 2,
        Skipped => 1,
        _ => 0,
    };

    public static JsonElement? ParseMetrics(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

/// <summary>How many units ended in each status.</summary>
internal sealed record BatchCounts(int Total, int Trained, int Skipped, int Failed, int Busy)
{
    public static BatchCounts Of(IReadOnlyCollection<UnitResult> units) => new(
        units.Count,
        units.Count(u => u.Status == UnitResult.Trained),
        units.Count(u => u.Status == UnitResult.Skipped),
        units.Count(u => u.Status == UnitResult.Failed),
        units.Count(u => u.Status == UnitResult.Busy));
}

/// <summary><c>batch --json</c>: one object.</summary>
internal sealed record BatchSummary(IReadOnlyList<UnitResult> Units, BatchCounts Counts, string Ledger, string Shard, bool Cancelled)
{
    /// <summary>With --fetch, each candle file's update; absent without it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FetchOutcome>? Fetch { get; init; }
}

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// The contents of an ensemble's <c>ensemble.json</c> (snake_case on disk): which models it averages and where their
/// bundles lie inside the version (<c>members/0</c>, <c>members/1</c>, ..., each a full <c>model.json</c> and
/// <c>weights.cpt</c>). All members forecast the same targets of the same symbol, interval and horizon.
/// </summary>
public sealed record EnsembleDescription
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The model part of the run name, e.g. <c>lstm-x5</c> or <c>ensemble-lstm-cnn-lstm-attn</c>.</summary>
    public required string Name { get; init; }

    public required string Symbol { get; init; }

    public required string Interval { get; init; }

    /// <summary>The members' forecast kind (<c>close</c>, <c>ohlc</c>, <c>volatility</c>, <c>regime</c>).</summary>
    public required string Kind { get; init; }

    public required int Horizon { get; init; }

    public required IReadOnlyList<string> Targets { get; init; }

    public required IReadOnlyList<EnsembleMember> Members { get; init; }

    public required DateTime CreatedUtc { get; init; }

    /// <summary>The members' mean scored on the test part against the baselines, as <c>evaluate</c> scores it; null in ensembles of earlier builds.</summary>
    public TestMetrics? TestMetrics { get; init; }
}

/// <summary>One member: its architecture, the seed it was trained with, and its folder in the version (<c>members/I</c>).</summary>
public sealed record EnsembleMember(string Model, long Seed, string Path);

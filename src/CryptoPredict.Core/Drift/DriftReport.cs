namespace CryptoPredict.Core.Drift;

/// <summary>
/// The outcome of a <see cref="DriftCheck"/>: every feature column and target compared with the training reference,
/// features and targets each sorted by PSI (highest first). Only the features decide <see cref="Drifted"/>: a target's
/// distribution moves with the market the model forecasts, and is shown as a hint.
/// </summary>
public sealed record DriftReport
{
    public required string Symbol { get; init; }

    public required string Interval { get; init; }

    public required string Model { get; init; }

    /// <summary>The bundle version checked; null for a bundle of an earlier build.</summary>
    public string? Version { get; init; }

    public required double PsiThreshold { get; init; }

    public required IReadOnlyList<ColumnDrift> Features { get; init; }

    /// <summary>Empty when the candles give too few samples with a defined target (see <see cref="Notes"/>).</summary>
    public required IReadOnlyList<ColumnDrift> Targets { get; init; }

    /// <summary>The candles checked: how many, and the open times of the first and last.</summary>
    public required int Candles { get; init; }

    public required DateTime From { get; init; }

    public required DateTime To { get; init; }

    /// <summary>Rows of the candles with every feature defined (after the indicators' warm-up): what was compared.</summary>
    public required int Rows { get; init; }

    /// <summary>The training rows the reference was built from, and their range.</summary>
    public required int ReferenceRows { get; init; }

    public required DateTime ReferenceFrom { get; init; }

    public required DateTime ReferenceTo { get; init; }

    /// <summary>Whether the reference was rebuilt from the training candles (a bundle written before drift) instead of read from the bundle.</summary>
    public required bool ReferenceRebuilt { get; init; }

    /// <summary>What the user should know about the comparison (inputs left out and why).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public double MaxPsi => Features.Max(f => f.Psi);

    /// <summary>Whether any feature's PSI is above <see cref="PsiThreshold"/>.</summary>
    public bool Drifted => Features.Any(f => f.Drifted);
}

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// One regression target's scores and the per-sample values a report plots, in the units users read (prices for price
/// targets). <paramref name="Times"/> are the times forecast for (origin + horizon).
/// </summary>
public sealed record TargetEvaluation(
    RegressionComparison Comparison,
    IReadOnlyList<DateTime> Times,
    IReadOnlyList<double> Actual,
    IReadOnlyList<double> Predicted,
    IReadOnlyList<double> Reference,
    bool IsPrice)
{
    /// <summary>The baselines' per-sample forecasts beside <see cref="Reference"/> (persistence), kept for pooling walk-forward folds.</summary>
    public TargetBaselines Baselines { get; init; } = new([], DirectionMeasure.AgainstReference, double.NaN);
}

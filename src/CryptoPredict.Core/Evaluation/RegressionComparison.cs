namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// One target's model metrics next to the naive persistence forecast (prediction = the reference, the last value
/// known at forecast time), as DESIGN.md asks of every forecast metric, and optionally a second baseline.
/// </summary>
/// <param name="Target">Target name, e.g. <c>next_close</c> or <c>realized_vol_24</c>.</param>
/// <param name="Model">The model's metrics.</param>
/// <param name="Persistence">Metrics of predicting the reference itself (its directional accuracy is the share of unmoved samples).</param>
/// <param name="TheilU">The model's RMSE over persistence's RMSE; below 1 beats persistence (see <see cref="RegressionMetrics.TheilU"/>).</param>
/// <param name="SecondBaseline">Another baseline, such as EWMA volatility for a volatility target; null when none.</param>
public sealed record RegressionComparison(
    string Target,
    RegressionMetrics Model,
    RegressionMetrics Persistence,
    double TheilU,
    BaselineResult? SecondBaseline = null)
{
    /// <summary>
    /// Scores <paramref name="predicted"/> and the persistence forecast against <paramref name="actual"/>. For a price
    /// the reference is the last close; for a log-return target it is 0; for realized volatility it is the persistence
    /// volatility of <see cref="VolatilityBaselines.Persistence"/>.
    /// </summary>
    public static RegressionComparison Compute(
        string target, ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, ReadOnlySpan<double> reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return new RegressionComparison(
            target,
            RegressionMetrics.Compute(actual, predicted, reference),
            RegressionMetrics.Compute(actual, reference, reference),
            RegressionMetrics.TheilU(actual, predicted, reference));
    }

    /// <summary>As the other overload, plus a second baseline's forecast <paramref name="baselinePredicted"/> named <paramref name="baselineName"/>.</summary>
    public static RegressionComparison Compute(
        string target,
        ReadOnlySpan<double> actual,
        ReadOnlySpan<double> predicted,
        ReadOnlySpan<double> reference,
        string baselineName,
        ReadOnlySpan<double> baselinePredicted)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baselineName);
        var comparison = Compute(target, actual, predicted, reference);
        var baseline = new BaselineResult(
            baselineName,
            RegressionMetrics.Compute(actual, baselinePredicted, reference),
            RegressionMetrics.TheilU(actual, baselinePredicted, reference));
        return comparison with { SecondBaseline = baseline };
    }
}

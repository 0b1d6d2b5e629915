using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Evaluation.Quantiles;

/// <summary>
/// The naive quantile forecast a model's quantile heads must beat: the quantiles of the target's distribution on the
/// training part, put where the persistence forecast is. For a log return against the last close, the training log
/// returns' quantiles from the last close (price = close · exp(q)). For a realized volatility, the training quantiles
/// of the ratio actual / persistence volatility (the realized volatility of the n candles before), times the
/// persistence volatility: volatility clusters, so a ratio to the recent level is a far stronger baseline than the
/// unconditional level, and it is never negative.
/// </summary>
public static class QuantileBaseline
{
    public const string LogReturnDescription = "training log-return quantiles from the last close";
    public const string VolatilityDescription = "persistence volatility times the training quantiles of actual / persistence";

    /// <summary>The empirical quantiles at <paramref name="levels"/> of the training part's values (log returns or ratios).</summary>
    public static double[] Fit(IReadOnlyList<double> trainingValues, IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(trainingValues);
        ArgumentNullException.ThrowIfNull(levels);
        var finite = trainingValues.Where(double.IsFinite).ToArray();
        return finite.Length == 0
            ? levels.Select(_ => double.NaN).ToArray()
            : levels.Select(level => QuantileMetrics.Empirical(finite, level)).ToArray();
    }

    /// <summary>The baseline's forecast of a log-return target in prices: last close · exp(q).</summary>
    public static double Price(double lastClose, double logReturnQuantile) => PriceTargets.ToPrice(logReturnQuantile, lastClose);

    /// <summary>The training ratios actual / persistence of a volatility target, leaving out persistence 0 (flat candles: no ratio).</summary>
    public static double[] Ratios(IReadOnlyList<double> actual, IReadOnlyList<double> persistence)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(persistence);
        return actual.Zip(persistence, (a, p) => p > 0 ? a / p : double.NaN).Where(double.IsFinite).ToArray();
    }
}

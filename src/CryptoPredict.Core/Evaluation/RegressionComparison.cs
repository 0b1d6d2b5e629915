namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// One target's model metrics next to its baselines: persistence (prediction = the reference, the last value known at
/// forecast time), as DESIGN.md asks of every forecast metric, and the target's other simple forecasts.
/// <see cref="Strongest"/> is the one the model must beat.
/// </summary>
/// <param name="Target">Target name, e.g. <c>next_close</c> or <c>realized_vol_24</c>.</param>
/// <param name="Model">The model's metrics.</param>
/// <param name="Persistence">Metrics of predicting the reference itself; it has no direction, so its directional accuracy is NaN.</param>
/// <param name="TheilU">The model's RMSE over persistence's RMSE; below 1 beats persistence (see <see cref="RegressionMetrics.TheilU"/>).</param>
/// <param name="Baselines">Every baseline, persistence first.</param>
public sealed record RegressionComparison(
    string Target,
    RegressionMetrics Model,
    RegressionMetrics Persistence,
    double TheilU,
    IReadOnlyList<BaselineResult> Baselines)
{
    /// <summary>
    /// The baseline with the lowest MAE on the samples scored (persistence on a tie). Chosen on the same samples the
    /// model is scored on, so it is the hardest of them to beat in hindsight: a conservative yardstick.
    /// </summary>
    public BaselineResult Strongest => Baselines.Where(b => double.IsFinite(b.Metrics.Mae)).MinBy(b => b.Metrics.Mae) ?? Baselines[0];

    /// <summary>The model's MAE over the strongest baseline's: below 1 beats every baseline by MAE; NaN when undefined.</summary>
    public double MaeRatio => Strongest.Metrics.Mae > 0 ? Model.Mae / Strongest.Metrics.Mae : double.NaN;

    /// <summary>
    /// Scores <paramref name="predicted"/>, persistence and <paramref name="baselines"/> against <paramref name="actual"/>.
    /// For a price the reference is the last close; for a log-return target it is 0; for realized volatility it is the
    /// persistence volatility of <see cref="VolatilityBaselines.Persistence"/>. <paramref name="direction"/> says whether
    /// directional accuracy or the excursion hit rate is measured.
    /// </summary>
    public static RegressionComparison Compute(
        string target,
        ReadOnlySpan<double> actual,
        ReadOnlySpan<double> predicted,
        ReadOnlySpan<double> reference,
        IReadOnlyList<BaselineForecast>? baselines = null,
        DirectionMeasure direction = DirectionMeasure.AgainstReference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var persistence = Score(actual, reference, reference, direction) with { DirectionalAccuracy = double.NaN };
        var theilU = RegressionMetrics.TheilU(actual, predicted, reference);
        var results = new List<BaselineResult> { new(BaselineResult.PersistenceName, persistence, double.IsFinite(theilU) ? 1.0 : double.NaN) };
        foreach (var baseline in baselines ?? [])
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(baseline.Name);
            var values = baseline.Values.ToArray();
            results.Add(new BaselineResult(baseline.Name, Score(actual, values, reference, direction), RegressionMetrics.TheilU(actual, values, reference)));
        }

        return new RegressionComparison(target, Score(actual, predicted, reference, direction), persistence, theilU, results);
    }

    /// <summary>As the general overload, with one further baseline <paramref name="baselineName"/>.</summary>
    public static RegressionComparison Compute(
        string target,
        ReadOnlySpan<double> actual,
        ReadOnlySpan<double> predicted,
        ReadOnlySpan<double> reference,
        string baselineName,
        ReadOnlySpan<double> baselinePredicted)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baselineName);
        return Compute(target, actual, predicted, reference, [new BaselineForecast(baselineName, baselinePredicted.ToArray())]);
    }

    private static RegressionMetrics Score(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, ReadOnlySpan<double> reference, DirectionMeasure direction)
    {
        var metrics = RegressionMetrics.Compute(actual, predicted, reference);
        return direction == DirectionMeasure.AgainstReference
            ? metrics
            : metrics with { DirectionalAccuracy = double.NaN, HitRate = CryptoPredict.Core.Evaluation.Baselines.ExcursionBaseline.HitRate(direction == DirectionMeasure.HighExcursion, actual, predicted) };
    }
}

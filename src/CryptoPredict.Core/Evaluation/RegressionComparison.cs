using CryptoPredict.Core.Evaluation.Baselines;

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
    /// <summary><see cref="StrongestChosenOn"/> when every baseline has a validation MAE.</summary>
    public const string ChosenOnValidation = "validation";

    /// <summary><see cref="StrongestChosenOn"/> when some baseline has none (the candles hold no validation sample).</summary>
    public const string ChosenOnScored = "scored";

    /// <summary>
    /// The baseline the model must beat: the lowest MAE on the bundle's validation part, so the choice does not look at
    /// the samples scored; where the candles give no validation sample, the lowest MAE on the scored samples themselves
    /// (the hardest to beat in hindsight, see <see cref="StrongestChosenOn"/>). Persistence wins a tie.
    /// </summary>
    public BaselineResult Strongest => StrongestChosenOn == ChosenOnValidation
        ? Baselines.MinBy(b => b.ValidationMae)!
        : Baselines.Where(b => double.IsFinite(b.Metrics.Mae)).MinBy(b => b.Metrics.Mae) ?? Baselines[0];

    /// <summary>Where <see cref="Strongest"/> was chosen: <see cref="ChosenOnValidation"/> or <see cref="ChosenOnScored"/>.</summary>
    public string StrongestChosenOn => Baselines.All(b => double.IsFinite(b.ValidationMae)) ? ChosenOnValidation : ChosenOnScored;

    /// <summary>The model's MAE over the strongest baseline's: below 1 beats it by MAE; NaN when undefined.</summary>
    public double MaeRatio => Strongest.Metrics.Mae > 0 ? Model.Mae / Strongest.Metrics.Mae : double.NaN;

    /// <summary>
    /// Scores <paramref name="predicted"/>, persistence and <paramref name="baselines"/> against <paramref name="actual"/>.
    /// For a price the reference is the last close; for a log-return target it is 0; for realized volatility it is the
    /// persistence volatility of <see cref="VolatilityBaselines.Persistence"/>. <paramref name="direction"/> says whether
    /// directional accuracy or the excursion hit rate is measured; <paramref name="persistenceValidationMae"/> is
    /// persistence's MAE on the validation part (NaN when unknown), the other baselines carry theirs.
    /// </summary>
    public static RegressionComparison Compute(
        string target,
        ReadOnlySpan<double> actual,
        ReadOnlySpan<double> predicted,
        ReadOnlySpan<double> reference,
        IReadOnlyList<BaselineForecast>? baselines = null,
        DirectionMeasure direction = DirectionMeasure.AgainstReference,
        double persistenceValidationMae = double.NaN)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var persistence = Score(actual, reference, reference, direction) with { DirectionalAccuracy = double.NaN };
        var theilU = RegressionMetrics.TheilU(actual, predicted, reference);
        var results = new List<BaselineResult>
        {
            new(BaselineResult.PersistenceName, persistence, double.IsFinite(theilU) ? 1.0 : double.NaN) { ValidationMae = persistenceValidationMae },
        };
        foreach (var baseline in baselines ?? [])
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(baseline.Name);
            var values = baseline.Values.ToArray();
            results.Add(new BaselineResult(baseline.Name, Score(actual, values, reference, direction), RegressionMetrics.TheilU(actual, values, reference))
            {
                ValidationMae = baseline.ValidationMae,
            });
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

    // Value equality over the baselines too (a record compares a list by reference): folds loaded again must compare equal.
    public bool Equals(RegressionComparison? other) =>
        other is not null && Target == other.Target && Model.Equals(other.Model) && Persistence.Equals(other.Persistence)
        && TheilU.Equals(other.TheilU) && Baselines.SequenceEqual(other.Baselines);

    public override int GetHashCode() => HashCode.Combine(Target, Model, Persistence, TheilU, Baselines.Count);

    private static RegressionMetrics Score(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted, ReadOnlySpan<double> reference, DirectionMeasure direction)
    {
        var metrics = RegressionMetrics.Compute(actual, predicted, reference);
        return direction == DirectionMeasure.AgainstReference
            ? metrics
            : metrics with { DirectionalAccuracy = double.NaN, HitRate = ExcursionBaseline.HitRate(direction == DirectionMeasure.HighExcursion, actual, predicted) };
    }
}

using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Core.Evaluation;

/// <summary>Condenses an <see cref="EvaluationResult"/> into the <see cref="TestMetrics"/> a bundle records; NaN metrics are left out.</summary>
public static class TestMetricsSummary
{
    public static TestMetrics Of(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var samples = result.Samples;
        IReadOnlyList<TargetTestMetrics> targets = result.Classification is { } classification
            ? [Classification(classification)]
            : [.. result.Regression.Select(r => Regression(r.Comparison))];
        return new TestMetrics(samples.Count, samples.From, samples.To, targets);
    }

    private static TargetTestMetrics Regression(RegressionComparison comparison)
    {
        var strongest = comparison.Strongest;
        return new()
        {
            Name = comparison.Target,
            Kind = TargetTestMetrics.RegressionKind,
            Baseline = TargetTestMetrics.PersistenceBaseline,
            Mae = Defined(comparison.Model.Mae),
            Rmse = Defined(comparison.Model.Rmse),
            Mape = Defined(comparison.Model.Mape),
            R2 = Defined(comparison.Model.R2),
            DirectionalAccuracy = Defined(comparison.Model.DirectionalAccuracy),
            HitRate = Defined(comparison.Model.HitRate),
            TheilU = Defined(comparison.TheilU),
            BaselineMae = Defined(comparison.Persistence.Mae),
            BaselineRmse = Defined(comparison.Persistence.Rmse),
            BaselineDirectionalAccuracy = Defined(comparison.Persistence.DirectionalAccuracy),
            BaselineHitRate = Defined(comparison.Persistence.HitRate),
            StrongestBaseline = strongest.Name,
            StrongestBaselineChosenOn = comparison.StrongestChosenOn,
            StrongestBaselineMae = Defined(strongest.Metrics.Mae),
            StrongestBaselineRmse = Defined(strongest.Metrics.Rmse),
            StrongestBaselineR2 = Defined(strongest.Metrics.R2),
            StrongestBaselineDirectionalAccuracy = Defined(strongest.Metrics.DirectionalAccuracy),
            StrongestBaselineHitRate = Defined(strongest.Metrics.HitRate),
        };
    }

    private static TargetTestMetrics Classification(ClassificationSection section) => new()
    {
        Name = section.Target,
        Kind = TargetTestMetrics.ClassificationKind,
        Baseline = section.Baseline is null ? null : TargetTestMetrics.MajorityClassBaseline,
        Accuracy = Defined(section.Model.Accuracy),
        LogLoss = Defined(section.Model.LogLoss),
        Auc = Defined(section.Model.Auc),
        BaselineAccuracy = section.Baseline is { } baseline ? Defined(baseline.Accuracy) : null,
        BaselineLogLoss = section.Baseline is { } b ? Defined(b.LogLoss) : null,
        StrongestBaseline = section.Strongest?.Name,
        StrongestBaselineChosenOn = section.Strongest is null ? null : section.StrongestChosenOn,
        StrongestBaselineAccuracy = section.Strongest is { } s ? Defined(s.Metrics.Accuracy) : null,
        StrongestBaselineLogLoss = section.Strongest is { } l ? Defined(l.Metrics.LogLoss) : null,
    };

    private static double? Defined(double value) => double.IsFinite(value) ? value : null;
}

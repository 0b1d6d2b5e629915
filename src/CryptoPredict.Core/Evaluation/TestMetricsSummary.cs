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

    private static TargetTestMetrics Regression(RegressionComparison comparison) => new()
    {
        Name = comparison.Target,
        Kind = TargetTestMetrics.RegressionKind,
        Baseline = TargetTestMetrics.PersistenceBaseline,
        Mae = Defined(comparison.Model.Mae),
        Rmse = Defined(comparison.Model.Rmse),
        Mape = Defined(comparison.Model.Mape),
        DirectionalAccuracy = Defined(comparison.Model.DirectionalAccuracy),
        TheilU = Defined(comparison.TheilU),
        BaselineMae = Defined(comparison.Persistence.Mae),
        BaselineRmse = Defined(comparison.Persistence.Rmse),
        BaselineDirectionalAccuracy = Defined(comparison.Persistence.DirectionalAccuracy),
    };

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
    };

    private static double? Defined(double value) => double.IsFinite(value) ? value : null;
}

using CryptoPredict.Torch;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// A bundle scored on <see cref="Samples"/>: per regression target its metrics next to the baselines, or the classifier's
/// section, on the <see cref="Device"/> it ran on. <see cref="EvaluationReports.Build"/> turns it into a report.
/// </summary>
public sealed record EvaluationResult(
    EvaluationSamples Samples,
    IReadOnlyList<TargetEvaluation> Regression,
    ClassificationSection? Classification,
    Device Device)
{
    /// <summary>Per regression target, its quantile forecasts scored against the empirical-quantile baseline; empty for a model without quantile heads.</summary>
    public IReadOnlyList<Quantiles.QuantileEvaluation> Quantiles { get; init; } = [];
}

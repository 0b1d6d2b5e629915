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
    Device Device);

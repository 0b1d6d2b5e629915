namespace CryptoPredict.Core.Evaluation;

/// <summary>The classification part of a report: model metrics, an optional baseline, and the confusion matrix.</summary>
/// <param name="Target">Target name, e.g. <c>regime_h4</c>.</param>
/// <param name="ClassNames">A name per class index; missing names show as the index.</param>
/// <param name="Model">The model's metrics (their confusion matrix is the one shown).</param>
/// <param name="Baseline">A baseline's metrics, e.g. <see cref="ClassificationMetrics.MajorityBaseline"/>; null when none.</param>
/// <param name="BaselineName">Name shown for <paramref name="Baseline"/>.</param>
public sealed record ClassificationSection(
    string Target,
    IReadOnlyList<string> ClassNames,
    ClassificationMetrics Model,
    ClassificationMetrics? Baseline = null,
    string BaselineName = "majority class");

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
    string BaselineName = "majority class")
{
    public const string LastRegimeName = "last regime";

    /// <summary>The last-observed-regime baseline (<see cref="ClassificationMetrics.LastObservedBaseline"/>); null when not scored.</summary>
    public ClassificationMetrics? LastRegime { get; init; }

    /// <summary>The baseline with the higher accuracy (the majority class on a tie), with its name; null when there is none.</summary>
    public (string Name, ClassificationMetrics Metrics)? Strongest =>
        (Baseline, LastRegime) switch
        {
            ({ } majority, { } last) => last.Accuracy > majority.Accuracy ? (LastRegimeName, last) : (BaselineName, majority),
            ({ } majority, null) => (BaselineName, majority),
            (null, { } last) => (LastRegimeName, last),
            _ => null,
        };
}

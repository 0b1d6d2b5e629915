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

    /// <summary>The majority class's accuracy on the bundle's validation part; NaN when unknown.</summary>
    public double BaselineValidationAccuracy { get; init; } = double.NaN;

    /// <summary>The last observed regime's accuracy on the bundle's validation part; NaN when unknown.</summary>
    public double LastRegimeValidationAccuracy { get; init; } = double.NaN;

    /// <summary>
    /// Where <see cref="Strongest"/> was chosen: on the validation part when both baselines have an accuracy there
    /// (<see cref="RegressionComparison.ChosenOnValidation"/>), else on the scored samples.
    /// </summary>
    public string StrongestChosenOn =>
        double.IsFinite(BaselineValidationAccuracy) && double.IsFinite(LastRegimeValidationAccuracy)
            ? RegressionComparison.ChosenOnValidation
            : RegressionComparison.ChosenOnScored;

    /// <summary>
    /// The baseline the model must beat, with its name: the higher accuracy on the validation part (on the scored samples
    /// where that is unknown, see <see cref="StrongestChosenOn"/>), the majority class on a tie; null when there is none.
    /// </summary>
    public (string Name, ClassificationMetrics Metrics)? Strongest =>
        (Baseline, LastRegime) switch
        {
            ({ } majority, { } last) => LastIsStronger(majority, last) ? (LastRegimeName, last) : (BaselineName, majority),
            ({ } majority, null) => (BaselineName, majority),
            (null, { } last) => (LastRegimeName, last),
            _ => null,
        };

    private bool LastIsStronger(ClassificationMetrics majority, ClassificationMetrics last) =>
        StrongestChosenOn == RegressionComparison.ChosenOnValidation
            ? LastRegimeValidationAccuracy > BaselineValidationAccuracy
            : last.Accuracy > majority.Accuracy;
}

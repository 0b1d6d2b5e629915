using System.Text.Json.Serialization;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// One target's test scores and its baselines'. A regression target has MAE, RMSE, MAPE, R², directional accuracy (or,
/// for a next high or low, the excursion hit rate) and Theil's U, with persistence's (the last known value) in the
/// <c>baseline_*</c> fields; the regime classifier has accuracy, log loss and AUC, with the majority class of the
/// training labels there. <see cref="StrongestBaseline"/> names the baseline with the lowest MAE (highest accuracy for a
/// classifier) on the validation part (<see cref="StrongestBaselineChosenOn"/>), scored on the test part in the
/// <c>strongest_baseline_*</c> fields; bundles made before it have none.
/// A metric undefined for the samples (Theil's U when nothing moved, an AUC with one class present, persistence's
/// direction) is absent, never made up; so are the other kind's fields.
/// </summary>
public sealed record TargetTestMetrics
{
    public const string RegressionKind = "regression";
    public const string ClassificationKind = "classification";
    public const string PersistenceBaseline = "persistence";
    public const string MajorityClassBaseline = "majority_class";

    public required string Name { get; init; }

    /// <summary><see cref="RegressionKind"/> or <see cref="ClassificationKind"/>.</summary>
    public required string Kind { get; init; }

    /// <summary><see cref="PersistenceBaseline"/>, <see cref="MajorityClassBaseline"/>, or null when there is none (a classifier without training class counts).</summary>
    public string? Baseline { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Mae { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Rmse { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Mape { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DirectionalAccuracy { get; init; }

    /// <summary>RMSE over persistence's RMSE: below 1 beats it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TheilU { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BaselineMae { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BaselineRmse { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BaselineDirectionalAccuracy { get; init; }

    /// <summary>Coefficient of determination of the model; may be negative.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? R2 { get; init; }

    /// <summary>Next high or low only: the share of test candles whose extreme reached the forecast one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? HitRate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BaselineHitRate { get; init; }

    /// <summary>The strongest baseline's name, e.g. <c>har_rv</c>, <c>median_excursion_24</c>, <c>persistence</c>, <c>last regime</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StrongestBaseline { get; init; }

    /// <summary>
    /// Where <see cref="StrongestBaseline"/> was chosen: <c>validation</c> (the run's validation part) or <c>scored</c>
    /// (the test part itself, when no validation sample was there); present with it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StrongestBaselineChosenOn { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StrongestBaselineMae { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StrongestBaselineRmse { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StrongestBaselineR2 { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StrongestBaselineDirectionalAccuracy { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StrongestBaselineHitRate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StrongestBaselineAccuracy { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StrongestBaselineLogLoss { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Accuracy { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? LogLoss { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Auc { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BaselineAccuracy { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BaselineLogLoss { get; init; }

    /// <summary>
    /// The metric a one-line summary shows (RMSE of a regression target, accuracy of a classifier), with the strongest
    /// baseline's (the recorded baseline's in bundles that name none) and that baseline's name; null where unknown.
    /// </summary>
    [JsonIgnore]
    public (string Metric, double? Model, double? Baseline) Headline =>
        Kind == ClassificationKind
            ? ("accuracy", Accuracy, StrongestBaseline is null ? BaselineAccuracy : StrongestBaselineAccuracy)
            : ("rmse", Rmse, StrongestBaseline is null ? BaselineRmse : StrongestBaselineRmse);

    /// <summary>The name of the baseline <see cref="Headline"/> compares with.</summary>
    [JsonIgnore]
    public string? HeadlineBaseline => StrongestBaseline ?? Baseline;
}

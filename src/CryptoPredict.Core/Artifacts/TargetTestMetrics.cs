using System.Text.Json.Serialization;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// One target's test scores and its baseline's. A regression target has MAE, RMSE, MAPE, directional accuracy and
/// Theil's U against persistence (the last known value); the regime classifier has accuracy, log loss and AUC against
/// the majority class of the training labels. A metric undefined for the samples (Theil's U when nothing moved, an AUC
/// with one class present) is absent, never made up; so are the other kind's fields.
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

    /// <summary>The metric a one-line summary shows (RMSE of a regression target, accuracy of a classifier), with the baseline's; null where unknown.</summary>
    [JsonIgnore]
    public (string Metric, double? Model, double? Baseline) Headline =>
        Kind == ClassificationKind ? ("accuracy", Accuracy, BaselineAccuracy) : ("rmse", Rmse, BaselineRmse);
}

using System.Text.Json.Serialization;
using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>evaluate --json</c>. <see cref="Range"/> holds the open times of the last input candle of the first and last
/// sample scored (as the bundle's split does); <see cref="Targets"/> maps each target name to a
/// <see cref="RegressionTargetSummary"/> or a <see cref="ClassificationTargetSummary"/>. Undefined metrics are null.
/// </summary>
internal sealed record EvaluateSummary(
    string Symbol,
    string Interval,
    string Model,
    string Data,
    string Part,
    EvaluateRange Range,
    int Samples,
    IReadOnlyDictionary<string, object> Targets,
    string? Report)
{
    /// <summary>Residual diagnostics per regression target (none for a classifier).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, DiagnosticsSummary>? Diagnostics { get; init; }

    /// <summary>An ensemble's members and their spread (the other fields score the members' mean); null for one model.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EnsembleScores? Ensemble { get; init; }

    /// <summary>Permutation importance, with --importance.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ImportanceSummary? Importance { get; init; }

    /// <summary>Quantile forecasts per target (see <see cref="QuantileSummary"/>); null for a model without quantile heads.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, QuantileSummary>? Quantiles { get; init; }

    public static EvaluateSummary From(EvaluationResult evaluation, string candlePath, string? report)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var targets = TargetsOf(evaluation.Regression.Select(r => r.Comparison), evaluation.Classification);
        var samples = evaluation.Samples;
        var description = samples.Bundle.Description;
        return new EvaluateSummary(
            description.Symbol,
            description.Interval,
            description.Architecture.Name,
            candlePath,
            samples.Part.Name,
            new EvaluateRange(samples.From, samples.To),
            samples.Count,
            targets,
            report)
        {
            Quantiles = QuantileSummary.Of(evaluation.Quantiles),
        };
    }

    /// <summary>Each target's scores by name: a <see cref="RegressionTargetSummary"/> or a <see cref="ClassificationTargetSummary"/>.</summary>
    public static IReadOnlyDictionary<string, object> TargetsOf(IEnumerable<RegressionComparison> regression, ClassificationSection? classification)
    {
        var targets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var comparison in regression)
        {
            targets[comparison.Target] = RegressionTargetSummary.From(comparison);
        }

        if (classification is { } section)
        {
            targets[section.Target] = new ClassificationTargetSummary(
                ClassificationScores.From(section.Model),
                section.Baseline is { } baseline ? ClassificationScores.From(baseline) : null,
                section.LastRegime is { } last ? ClassificationScores.From(last) : null,
                section.Strongest?.Name,
                section.Strongest is null ? null : section.StrongestChosenOn);
        }

        return targets;
    }
}

internal sealed record EvaluateRange(DateTime From, DateTime To);

/// <summary>A forecast's scores; <see cref="HitRate"/> only for a next high or low (whose direction is trivial and null).</summary>
internal sealed record RegressionScores(
    double? Mae,
    double? Rmse,
    double? Mape,
    double? R2,
    double? DirectionalAccuracy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? HitRate = null)
{
    public static RegressionScores From(RegressionMetrics metrics) => new(
        Finite(metrics.Mae), Finite(metrics.Rmse), Finite(metrics.Mape), Finite(metrics.R2), Finite(metrics.DirectionalAccuracy), Finite(metrics.HitRate));

    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

internal sealed record BaselineScores(
    string Name,
    double? Mae,
    double? Rmse,
    double? Mape,
    double? R2,
    double? DirectionalAccuracy,
    double? TheilU,
    double? ValidationMae,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? HitRate = null)
{
    public static BaselineScores From(BaselineResult baseline)
    {
        var scores = RegressionScores.From(baseline.Metrics);
        return new BaselineScores(
            baseline.Name, scores.Mae, scores.Rmse, scores.Mape, scores.R2, scores.DirectionalAccuracy, RegressionScores.Finite(baseline.TheilU),
            RegressionScores.Finite(baseline.ValidationMae), scores.HitRate);
    }
}

/// <summary>
/// A regression target's scores: the model, persistence (kept apart, as before), every baseline (persistence first, each
/// with its MAE on the validation part), the strongest one's name, where it was chosen (<c>validation</c>: lowest
/// validation MAE; <c>scored</c>: lowest MAE on these samples, when the candles hold no validation sample) and the
/// model's MAE over its MAE here (below 1 beats it).
/// </summary>
internal sealed record RegressionTargetSummary(
    RegressionScores Model,
    RegressionScores Persistence,
    double? TheilU,
    IReadOnlyList<BaselineScores> Baselines,
    string StrongestBaseline,
    string StrongestChosenOn,
    double? MaeVsStrongest)
{
    public static RegressionTargetSummary From(RegressionComparison comparison) => new(
        RegressionScores.From(comparison.Model),
        RegressionScores.From(comparison.Persistence),
        RegressionScores.Finite(comparison.TheilU),
        [.. comparison.Baselines.Select(BaselineScores.From)],
        comparison.Strongest.Name,
        comparison.StrongestChosenOn,
        RegressionScores.Finite(comparison.MaeRatio));
}

internal sealed record ClassificationScores(double? Accuracy, double? LogLoss, double? Auc, IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix)
{
    public static ClassificationScores From(ClassificationMetrics metrics) => new(
        RegressionScores.Finite(metrics.Accuracy), RegressionScores.Finite(metrics.LogLoss), RegressionScores.Finite(metrics.Auc), metrics.ConfusionMatrix);
}

/// <summary>
/// A classifier's scores next to the majority-class baseline (null when the bundle has no training class counts) and
/// the last observed regime, the name of the stronger of the two by accuracy and where that was chosen (as for a
/// regression target).
/// </summary>
internal sealed record ClassificationTargetSummary(
    ClassificationScores Model,
    ClassificationScores? Majority,
    ClassificationScores? LastRegime,
    string? StrongestBaseline,
    string? StrongestChosenOn);

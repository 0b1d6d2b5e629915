using CryptoPredict.Core.Evaluation.Quantiles;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>evaluate --json</c>'s <c>quantiles</c>, per target: the baseline and how many training samples it was taken from,
/// the pinball loss per level (keyed by level text, e.g. <c>"0.1"</c>), and each central interval's coverage and mean
/// width (keyed <c>"0.1-0.9"</c>), model beside baseline. Undefined values are null.
/// </summary>
internal sealed record QuantileSummary(
    string Baseline,
    int BaselineSamples,
    IReadOnlyDictionary<string, QuantileLevelSummary> Pinball,
    IReadOnlyDictionary<string, IntervalSummary> Intervals)
{
    public static IReadOnlyDictionary<string, QuantileSummary>? Of(IReadOnlyList<QuantileEvaluation> quantiles)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        return quantiles.Count == 0
            ? null
            : quantiles.ToDictionary(q => q.Target, q => new QuantileSummary(
                q.Baseline,
                q.BaselineSamples,
                q.Levels.ToDictionary(l => ForecastHeads.LevelText(l.Level), l => new QuantileLevelSummary(Finite(l.Pinball), Finite(l.BaselinePinball)), StringComparer.Ordinal),
                q.Intervals.ToDictionary(
                    i => ForecastHeads.LevelText(i.Lower) + "-" + ForecastHeads.LevelText(i.Upper),
                    i => new IntervalSummary(i.Nominal, Finite(i.Coverage), Finite(i.MeanWidth), Finite(i.BaselineCoverage), Finite(i.BaselineMeanWidth)),
                    StringComparer.Ordinal)),
                StringComparer.Ordinal);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

internal sealed record QuantileLevelSummary(double? Model, double? Baseline);

internal sealed record IntervalSummary(double Nominal, double? Coverage, double? MeanWidth, double? BaselineCoverage, double? BaselineMeanWidth);

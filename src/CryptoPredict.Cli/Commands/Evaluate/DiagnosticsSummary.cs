using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>evaluate --json</c> <c>diagnostics.TARGET</c>: the residuals' mean and spread (in <see cref="Unit"/>), their
/// autocorrelation at lags 1..L (index 0 is lag 1), the ±1.96/√n white-noise band and the Ljung-Box test up to lag L.
/// </summary>
internal sealed record DiagnosticsSummary(
    string Unit,
    int Samples,
    double? ResidualMean,
    double? ResidualStd,
    IReadOnlyList<double?> Autocorrelation,
    double? Band,
    LjungBoxSummary? LjungBox)
{
    public static IReadOnlyDictionary<string, DiagnosticsSummary>? Of(EvaluationResult evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (evaluation.Regression.Count == 0)
        {
            return null;
        }

        return evaluation.Regression.Select(ResidualDiagnostics.Of).ToDictionary(d => d.Target, From, StringComparer.Ordinal);
    }

    private static DiagnosticsSummary From(ResidualDiagnostics d) => new(
        d.Unit,
        d.Residuals.Count,
        RegressionScores.Finite(d.Mean),
        RegressionScores.Finite(d.StandardDeviation),
        d.Autocorrelations.Select(RegressionScores.Finite).ToArray(),
        RegressionScores.Finite(d.Band),
        d.Test is { } test ? new LjungBoxSummary(test.Lags, RegressionScores.Finite(test.Statistic), RegressionScores.Finite(test.PValue)) : null);
}

/// <summary>The Ljung-Box test up to <see cref="Lags"/>: statistic Q and its chi-squared p-value.</summary>
internal sealed record LjungBoxSummary(int Lags, double? Q, double? PValue);

/// <summary>
/// <c>evaluate --importance --json</c> <c>importance</c>: what the losses are of (<c>mae</c>: its increase;
/// <c>accuracy</c>: its drop), the unshuffled score, and per feature column the mean, std, min and max loss over the
/// repeats, most important first.
/// </summary>
internal sealed record ImportanceSummary(string Metric, double? Score, int Repeats, long Seed, IReadOnlyList<FeatureImportanceSummary> Features)
{
    public static ImportanceSummary Of(PermutationImportanceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ImportanceSummary(
            result.Metric,
            RegressionScores.Finite(result.Score),
            result.Repeats,
            result.Seed,
            result.Features.Select(f => new FeatureImportanceSummary(
                f.Feature, RegressionScores.Finite(f.Mean) ?? 0, RegressionScores.Finite(f.StandardDeviation) ?? 0, RegressionScores.Finite(f.Minimum), RegressionScores.Finite(f.Maximum))).ToArray());
    }
}

internal sealed record FeatureImportanceSummary(string Feature, double Mean, double Std, double? Min, double? Max);

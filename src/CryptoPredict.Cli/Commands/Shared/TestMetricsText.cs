using System.Globalization;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Commands;

/// <summary>One target's test metrics beside its baseline's, in one line, as train's summary and the models table show them.</summary>
internal static class TestMetricsText
{
    public static string Of(TargetTestMetrics target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind == TargetTestMetrics.ClassificationKind)
        {
            var baseline = target.Baseline is null ? " (no baseline)" : $" vs {Percent(target.BaselineAccuracy)} majority class";
            return $"accuracy {Percent(target.Accuracy)}{baseline}, log loss {Number(target.LogLoss)}" +
                (target.Baseline is null ? "" : $" vs {Number(target.BaselineLogLoss)}") + $", AUC {Number(target.Auc)}";
        }

        var strongest = target.StrongestBaseline is { } name && name != TargetTestMetrics.PersistenceBaseline
            ? $" ({name}: RMSE {Number(target.StrongestBaselineRmse)}, MAE {Number(target.StrongestBaselineMae)})"
            : "";
        var direction = target.HitRate is { } hit ? $"hit rate {Percent(hit)}" : $"direction {Percent(target.DirectionalAccuracy)}";
        return $"RMSE {Number(target.Rmse)} vs {Number(target.BaselineRmse)} persistence, MAE {Number(target.Mae)} vs {Number(target.BaselineMae)}{strongest}, " +
            $"{direction}, Theil's U {Number(target.TheilU)}";
    }

    private static string Number(double? value) => value switch
    {
        null => "n/a",
        { } v when Math.Abs(v) >= 100 => v.ToString("#,0.0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 1 => v.ToString("0.###", CultureInfo.InvariantCulture),
        { } v => v.ToString("G4", CultureInfo.InvariantCulture),
    };

    private static string Percent(double? value) => value is { } v ? v.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a";
}

using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// A trained unit's test metrics, the one place they are taken from: its new bundle scored by Core's Evaluator on the
/// test part of the candles it was trained on, in the shape of <c>evaluate --json</c>'s <c>targets</c> (per target the
/// model next to persistence, Theil's U; classifiers against the majority class), plus the number of test samples.
/// </summary>
internal static class UnitMetrics
{
    public static string Measure(TrainingRunResult result, CandleSeries series, Device device)
    {
        ArgumentNullException.ThrowIfNull(result);
        var bundle = ModelBundle.Load(result.BundleVersion ?? result.ModelDirectory!);
        using var forecaster = new Forecaster(bundle, device);
        var evaluation = Evaluator.Evaluate(forecaster, series, EvaluationPart.Test);
        var summary = EvaluateSummary.From(evaluation, "", null);
        return JsonSerializer.Serialize(new { test_samples = summary.Samples, targets = summary.Targets }, CliJson.Options);
    }
}

using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Training;

/// <summary>
/// Scores the weights a run is about to publish on the test part of its split, with the <see cref="Evaluator"/> that
/// <c>evaluate</c> uses on the published bundle, so model.json's <c>test_metrics</c> are what <c>evaluate</c> reports
/// for the same candles.
/// </summary>
internal static class TestScore
{
    public static TestMetrics? Of(
        CandleSeries series, TrainingData data, ModelDescription description, byte[] weights, string runDirectory, Device device, ITrainingObserver? observer)
    {
        var bundle = ModelBundle.Unpublished(runDirectory, description, weights);
        using var forecaster = new Forecaster(bundle, device);
        EvaluationSamples samples;
        try
        {
            samples = Evaluator.SelectSamples(bundle, series, data.Dataset.Features, EvaluationPart.Test, note =>
            {
                if (note.IsWarning)
                {
                    observer?.OnWarning(note.Message);
                }
            });
        }
        catch (ForecastDataException e)
        {
            // Volatility baselines may leave no test sample of a tiny split; the model is still worth publishing.
            observer?.OnWarning($"no test metrics recorded: {e.Message}");
            return null;
        }

        var metrics = TestMetricsSummary.Of(Evaluator.Score(forecaster, samples));
        observer?.OnMessage(Describe(metrics));
        return metrics;
    }

    /// <summary>One line of the headline figures: <c>test part (N samples): TARGET METRIC X vs BASELINE Y; ...</c>.</summary>
    internal static string Describe(TestMetrics metrics)
    {
        var targets = metrics.Targets.Select(t =>
        {
            var (metric, model, baseline) = t.Headline;
            var against = t.HeadlineBaseline is null ? "" : string.Create(CultureInfo.InvariantCulture, $" vs {t.HeadlineBaseline} {Number(baseline)}");
            return string.Create(CultureInfo.InvariantCulture, $"{t.Name} {metric} {Number(model)}{against}");
        });
        return string.Create(CultureInfo.InvariantCulture, $"test part ({metrics.Samples} samples): {string.Join("; ", targets)}");
    }

    private static string Number(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "n/a";
}

using System.Globalization;

namespace CryptoPredict.Core.Evaluation;

/// <summary>The report model of an <see cref="EvaluationResult"/>: what <see cref="HtmlReport.Render"/> shows of it.</summary>
public static class EvaluationReports
{
    /// <summary>Metrics, details, the predicted-vs-actual chart, error histograms and the training curve; <paramref name="candlePath"/> is the data file shown.</summary>
    public static EvaluationReport Build(EvaluationResult evaluation, string candlePath)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var samples = evaluation.Samples;
        var description = samples.Bundle.Description;
        var dataset = samples.Dataset;
        var first = samples.Samples[0];
        var last = samples.Samples[^1];
        var history = description.Metrics.History;
        var details = new List<ReportField>
        {
            new("Data", candlePath),
            new("Scored", samples.Part.Description),
            new("Forecast origins (UTC)", $"{Time(samples.From)} to {Time(samples.To)}"),
            new("Targets", string.Join(", ", description.Targets)),
            new("Features", $"{description.Features} ({description.FeatureColumns.Count} columns)"),
            new("Window / horizon", Invariant($"{description.Window} / {description.Horizon} candles")),
            new("Network", Invariant($"{description.Architecture.Network}, {description.Architecture.Parameters:N0} parameters")),
            new("Trained on", description.TrainingData.ToString()),
            new("Training", Invariant($"{description.Metrics.EpochsRun} epochs, best {description.Metrics.BestEpoch} (validation loss {description.Metrics.BestValidationLoss:0.000000})")),
            new("Created (UTC)", Time(description.CreatedUtc)),
            new("Device", evaluation.Device.ToString()),
        };
        var histograms = evaluation.Regression
            .Select(r => new ErrorHistogram($"{r.Comparison.Target} error (actual - predicted)", r.Actual.Zip(r.Predicted, (a, p) => a - p).ToArray()))
            .ToArray();
        return new EvaluationReport($"{description.Architecture.Name} on {description.Symbol} {description.Interval}: evaluation")
        {
            Symbol = description.Symbol,
            Interval = description.Interval,
            Model = description.Architecture.Name,
            DataStart = dataset.Features.OpenTimes[dataset.StartRow(first)],
            DataEnd = dataset.Features.OpenTimes[dataset.EndRow(last) + dataset.Horizon],
            Samples = samples.Count,
            Details = details,
            Regression = evaluation.Regression.Select(r => r.Comparison).ToArray(),
            Classification = evaluation.Classification,
            Charts = evaluation.Regression.Count > 0 ? [Chart(evaluation.Regression[^1])] : [],
            Training = history.Count == 0
                ? null
                : new TrainingCurve(history.Select(h => h.Epoch).ToArray(), history.Select(h => h.TrainLoss).ToArray(), history.Select(h => h.ValidationLoss).ToArray()),
            Histograms = histograms,
            Diagnostics = evaluation.Regression.Select(ResidualDiagnostics.Of).ToArray(),
            Quantiles = evaluation.Quantiles,
        };
    }

    /// <summary>One chart of the value users watch: the close for price models (the last price target), the volatility otherwise.</summary>
    private static ReportChart Chart(TargetEvaluation shown)
    {
        var series = new List<ReportSeries>
        {
            new("actual", shown.Times, shown.Actual),
            new("predicted", shown.Times, shown.Predicted),
        };
        if (!shown.IsPrice)
        {
            series.Add(new ReportSeries("persistence", shown.Times, shown.Reference));
        }

        return new ReportChart($"{shown.Comparison.Target}: predicted vs actual", series, shown.IsPrice ? "price" : "volatility");
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

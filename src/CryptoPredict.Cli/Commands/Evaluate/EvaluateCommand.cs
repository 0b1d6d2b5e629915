using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;
using Serilog;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>evaluate</c>: scores a bundle against the naive baselines. Without <c>--data</c> it rebuilds the training split
/// from the default candle file and scores the test part (taken by the recorded time range when the candles are not the
/// ones trained on); with <c>--data FILE</c> it scores every sample of that file with the bundle's scalers. Prints a
/// table or one JSON object, and with <c>--report</c> writes a self-contained HTML page atomically.
/// </summary>
public static class EvaluateCommand
{
    private const string EwmaName = "ewma_0.94";

    private static readonly string[] RegimeNames = ["bearish", "neutral", "bullish"];

    public static Command Create()
    {
        var symbol = CommonOptions.Symbol();
        var interval = CommonOptions.Interval();
        var model = VerbSupport.Model();
        var data = VerbSupport.Data();
        data.Description = "Candle file whose every sample is scored (e.g. later candles the model never saw); default: the test part of DATA_DIR/SYMBOL_INTERVAL.csv.";
        var dataDir = CommonOptions.DataDir();
        var modelsDir = CommonOptions.ModelsDir();
        var checkpointsDir = CommonOptions.CheckpointsDir();
        checkpointsDir.Description += " Not read by evaluate; accepted so the same options work for every verb.";
        var device = VerbSupport.Device();
        var json = CommonOptions.Json();
        var report = new Option<string?>("--report") { Description = "HTML report to write (metrics, predicted vs actual, training curves, error histogram)." };
        var command = new Command("evaluate", "Score a trained model against persistence (and EWMA or majority-class) baselines.")
        {
            symbol, interval, model, data, dataDir, modelsDir, checkpointsDir, device, json, report,
        };
        command.SetAction(parse =>
        {
            var request = new EvaluateRequest
            {
                Symbol = parse.GetValue(symbol)!,
                SymbolGiven = parse.GetResult(symbol) is { Implicit: false },
                Interval = parse.GetValue(interval)!,
                IntervalGiven = parse.GetResult(interval) is { Implicit: false },
                Model = parse.GetValue(model)!,
                DataFile = parse.GetValue(data),
                DataDir = parse.GetValue(dataDir)!,
                ModelsDir = parse.GetValue(modelsDir)!,
                Device = parse.GetValue(device)!,
                Json = parse.GetValue(json),
                Report = parse.GetValue(report),
            };
            return Run(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    internal static int Run(EvaluateRequest request, TextWriter output, TextWriter error)
    {
        if (!VerbSupport.TryArchitecture(request.Model, error, out var architecture, out var code))
        {
            return code;
        }

        if (request.Report is not null && ReportProblem(request.Report) is { } problem)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--report '{request.Report}': {problem}");
        }

        var interval = CandleInterval.Parse(request.Interval);
        if (!BundleLookup.TryFind(request.ModelsDir, request.DataDir, request.DataFile, request.Symbol, interval, architecture.Name, error, out var bundleDirectory, out code)
            || !VerbSupport.TryCandlePath(request.DataDir, request.DataFile, request.Symbol, interval, error, out var candlePath, out code))
        {
            return code;
        }

        if (request.Report is not null && string.Equals(Path.GetFullPath(request.Report), Path.GetFullPath(candlePath), StringComparison.Ordinal))
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--report '{request.Report}' would overwrite the candle file.");
        }

        if (!VerbSupport.TryDevice(request.Device, error, out var device, out code))
        {
            return code;
        }

        try
        {
            var bundle = ModelBundle.Load(bundleDirectory);
            var series = VerbSupport.ReadCandles(candlePath, request.Symbol, interval, request.DataFile is not null, request.SymbolGiven, request.IntervalGiven);
            Log.Information("read {Count} candles of {Symbol} {Interval} from {Path} ({First:yyyy-MM-dd HH:mm} .. {Last:yyyy-MM-dd HH:mm} UTC)",
                series.Count, series.Symbol, series.Interval, candlePath, series.OpenTimes[0], series.OpenTimes[^1]);
            using var forecaster = new Forecaster(bundle, device);
            var features = forecaster.ComputeFeatures(series);
            var (dataset, samples, part) = request.DataFile is null ? TestPart(series, features, bundle) : AllSamples(series, features, bundle);
            samples = UsableSamples(series, dataset, samples, bundle);
            if (samples.Count == 0)
            {
                return VerbSupport.Fail(error, ExitCodes.BadData, NoSamplesMessage(candlePath, series, bundle, part));
            }

            var endRows = samples.Select(dataset.EndRow).ToArray();
            Log.Information("scoring {Model} on {Samples} samples ({Part}) on {Device}", bundle.Architecture.Name, samples.Count, part, device);
            var raw = forecaster.Forecast(features, endRows);
            var evaluation = Score(series, dataset, samples, endRows, raw, bundle);
            var context = new EvaluationContext(request, candlePath, part, bundle, dataset, samples, device);
            if (request.Report is not null)
            {
                AtomicFile.WriteAllText(request.Report, HtmlReport.Render(BuildReport(context, evaluation)));
                Log.Information("report written to {Path}", request.Report);
            }

            WriteSummary(output, context, evaluation);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (ForecastFailures.Handles(e))
        {
            return ForecastFailures.Fail(e, error, candlePath, bundleDirectory);
        }
    }

    /// <summary>
    /// The split exactly as training built it; its test samples are those whose end time lies in the bundle's recorded
    /// test range. On candles other than the ones trained on, the split itself moves, so the range is applied to every
    /// sample instead.
    /// </summary>
    private static (WindowedDataset Dataset, IReadOnlyList<int> Samples, string Part) TestPart(CandleSeries series, FeatureMatrix features, ModelBundle bundle)
    {
        var description = bundle.Description;
        var split = TrainingData.BuildSplit(series, description.Training, bundle.Architecture);
        var dataset = split.Dataset;
        RequireSameRows(dataset, features);
        var from = description.Split.TestFrom;
        var to = description.Split.TestTo;
        bool InRange(int sample) => dataset.EndTime(sample) >= from && dataset.EndTime(sample) <= to;
        var fingerprint = DataFingerprint.Of(series);
        int[] samples;
        if (string.Equals(fingerprint.Sha256, description.TrainingData.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            samples = split.Test.Where(InRange).ToArray();
            if (samples.Length != description.Split.TestSamples)
            {
                Log.Warning("the rebuilt test part has {Count} samples in {From:yyyy-MM-dd HH:mm} .. {To:yyyy-MM-dd HH:mm} UTC; the bundle recorded {Recorded}",
                    samples.Length, from, to, description.Split.TestSamples);
            }
        }
        else
        {
            Log.Warning("the candles ({Now}) are not the ones the model was trained on ({Trained}); the test part is taken by time range {From:yyyy-MM-dd HH:mm} .. {To:yyyy-MM-dd HH:mm} UTC",
                fingerprint, description.TrainingData, from, to);
            samples = Enumerable.Range(0, dataset.Count).Where(InRange).ToArray();
        }

        return (dataset, samples, "test");
    }

    /// <summary>Every sample of a file, windows and targets built with the bundle's settings (its scalers apply in the forecaster).</summary>
    private static (WindowedDataset Dataset, IReadOnlyList<int> Samples, string Part) AllSamples(CandleSeries series, FeatureMatrix features, ModelBundle bundle)
    {
        var description = bundle.Description;
        var targets = bundle.Architecture.Targets(description.Horizon, description.RegimeThreshold).Compute(series);
        if (!targets.ColumnNames.SequenceEqual(description.Targets, StringComparer.Ordinal))
        {
            throw new ModelBundleException(
                $"'{Path.Combine(bundle.Directory, ModelBundle.DescriptionFileName)}' records targets [{string.Join(", ", description.Targets)}] " +
                $"but its settings give [{string.Join(", ", targets.ColumnNames)}].");
        }

        var dataset = new WindowedDataset(features, targets, description.Window);
        if (string.Equals(DataFingerprint.Of(series).Sha256, description.TrainingData.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            Log.Warning("these are the candles the model was trained on: the metrics include its training and validation samples (omit --data to score the test part only)");
        }

        return (dataset, Enumerable.Range(0, dataset.Count).ToArray(), "all");
    }

    private static void RequireSameRows(WindowedDataset dataset, FeatureMatrix features)
    {
        var rebuilt = dataset.Features;
        if (rebuilt.RowCount != features.RowCount
            || !rebuilt.ColumnNames.SequenceEqual(features.ColumnNames, StringComparer.Ordinal)
            || !rebuilt.OpenTimes.SequenceEqual(features.OpenTimes))
        {
            throw new ModelBundleException(
                $"The training settings of the bundle give features [{string.Join(", ", rebuilt.ColumnNames)}] over {rebuilt.RowCount} rows " +
                $"but the model reads [{string.Join(", ", features.ColumnNames)}] over {features.RowCount}; the bundle is inconsistent.");
        }
    }

    /// <summary>
    /// The volatility baselines read the n candles before each end row: samples without n contiguous candles there
    /// (the first ones, or those just after a gap when the window is shorter than n + 1) are left out, with a log line.
    /// </summary>
    private static IReadOnlyList<int> UsableSamples(CandleSeries series, WindowedDataset dataset, IReadOnlyList<int> samples, ModelBundle bundle)
    {
        if (bundle.Architecture.Kind != ForecastKind.Volatility || dataset.Targets.Specs[0] is not RealizedVolatilityTarget volatility)
        {
            return samples;
        }

        var n = volatility.Candles;
        var gaps = new GapMap(series);
        var usable = samples.Where(s => dataset.EndRow(s) >= n && gaps.IsContiguous(dataset.EndRow(s) - n, dataset.EndRow(s))).ToArray();
        if (usable.Length < samples.Count)
        {
            Log.Information("left out {Dropped} of {Count} samples whose end row has fewer than {N} contiguous returns before it (the volatility baselines need them)",
                samples.Count - usable.Length, samples.Count, n);
        }

        return usable;
    }

    private static string NoSamplesMessage(string candlePath, CandleSeries series, ModelBundle bundle, string part)
    {
        var description = bundle.Description;
        var needs = $"each sample needs {description.Window} contiguous candles after the indicators' warm-up plus {description.Horizon} more for the target";
        return part == "test"
            ? $"{candlePath}: no sample to score: the {series.Count} candles ({Time(series.OpenTimes[0])} .. {Time(series.OpenTimes[^1])} UTC) " +
                $"give no test sample in the model's test range {Time(description.Split.TestFrom)} .. {Time(description.Split.TestTo)} UTC ({needs}). " +
                "Pass --data FILE to score other candles."
            : $"{candlePath}: too few candles: {series.Count} candles give no complete sample ({needs}).";
    }

    private static EvaluationResult Score(CandleSeries series, WindowedDataset dataset, IReadOnlyList<int> samples, int[] endRows, double[] raw, ModelBundle bundle)
    {
        var specs = dataset.Targets.Specs;
        var outputs = raw.Length / samples.Count;
        var closes = series.Close;
        if (bundle.Architecture.IsClassifier)
        {
            var labels = samples.Select(s => (int)dataset.Target(s)[0]).ToArray();
            var model = ClassificationMetrics.Compute(labels, raw, outputs);
            ClassificationMetrics? majority = null;
            if (bundle.Description.TrainClassCounts is { } counts && counts.Sum() > 0 && counts.Count == outputs)
            {
                var trainLabels = counts.SelectMany((count, label) => Enumerable.Repeat(label, count)).ToArray();
                majority = ClassificationMetrics.MajorityBaseline(trainLabels, labels, outputs);
            }
            else
            {
                Log.Warning("the bundle records no training class counts: no majority-class baseline");
            }

            return new EvaluationResult([], new ClassificationSection(specs[0].Name, RegimeNames, model, majority));
        }

        var results = new List<TargetResult>();
        for (var j = 0; j < specs.Count; j++)
        {
            var spec = specs[j];
            var actual = new double[samples.Count];
            var predicted = new double[samples.Count];
            var reference = new double[samples.Count];
            var times = new DateTime[samples.Count];
            for (var i = 0; i < samples.Count; i++)
            {
                var t = endRows[i];
                var value = dataset.Target(samples[i])[j];
                var forecast = raw[(i * outputs) + j];
                times[i] = series.OpenTimes[t] + (series.Interval.Duration * spec.Horizon);
                if (spec.IsPriceLogReturn)
                {
                    actual[i] = PriceTargets.ToPrice(value, closes[t]);
                    predicted[i] = PriceTargets.ToPrice(forecast, closes[t]);
                    reference[i] = closes[t];
                }
                else
                {
                    actual[i] = value;

                    // A volatility cannot be negative; predict clamps the same way.
                    predicted[i] = Math.Max(0, forecast);
                }
            }

            RegressionComparison comparison;
            double[]? baseline = null;
            if (spec is RealizedVolatilityTarget volatility)
            {
                reference = VolatilityBaselines.Persistence(closes, endRows, volatility.Candles);
                baseline = VolatilityBaselines.Ewma(closes, endRows, volatility.Candles);
                comparison = RegressionComparison.Compute(spec.Name, actual, predicted, reference, EwmaName, baseline);
            }
            else
            {
                comparison = RegressionComparison.Compute(spec.Name, actual, predicted, reference);
            }

            results.Add(new TargetResult(comparison, times, actual, predicted, reference, spec.IsPriceLogReturn));
        }

        return new EvaluationResult(results, null);
    }

    private static EvaluationReport BuildReport(EvaluationContext context, EvaluationResult evaluation)
    {
        var bundle = context.Bundle;
        var description = bundle.Description;
        var dataset = context.Dataset;
        var first = context.Samples[0];
        var last = context.Samples[^1];
        var history = description.Metrics.History;
        var details = new List<ReportField>
        {
            new("Data", context.CandlePath),
            new("Scored", context.Part == "test" ? "test part of the training split" : "every sample of the file"),
            new("Forecast origins (UTC)", $"{Time(dataset.EndTime(first))} to {Time(dataset.EndTime(last))}"),
            new("Targets", string.Join(", ", description.Targets)),
            new("Features", $"{description.Features} ({description.FeatureColumns.Count} columns)"),
            new("Window / horizon", Invariant($"{description.Window} / {description.Horizon} candles")),
            new("Network", Invariant($"{description.Architecture.Network}, {description.Architecture.Parameters:N0} parameters")),
            new("Trained on", description.TrainingData.ToString()),
            new("Training", Invariant($"{description.Metrics.EpochsRun} epochs, best {description.Metrics.BestEpoch} (validation loss {description.Metrics.BestValidationLoss:0.000000})")),
            new("Created (UTC)", Time(description.CreatedUtc)),
            new("Device", context.Device.ToString()),
        };
        var charts = new List<ReportChart>();
        var histograms = new List<ErrorHistogram>();
        foreach (var result in evaluation.Regression)
        {
            var name = result.Comparison.Target;
            histograms.Add(new ErrorHistogram($"{name} error (actual - predicted)", result.Actual.Zip(result.Predicted, (a, p) => a - p).ToArray()));
        }

        // One chart of the value users watch: the close for price models (the last price target), the volatility otherwise.
        if (evaluation.Regression.Count > 0)
        {
            var shown = evaluation.Regression[^1];
            var series = new List<ReportSeries>
            {
                new("actual", shown.Times, shown.Actual),
                new("predicted", shown.Times, shown.Predicted),
            };
            if (!shown.IsPrice)
            {
                series.Add(new ReportSeries("persistence", shown.Times, shown.Reference));
            }

            charts.Add(new ReportChart($"{shown.Comparison.Target}: predicted vs actual", series, shown.IsPrice ? "price" : "volatility"));
        }

        return new EvaluationReport($"{description.Architecture.Name} on {description.Symbol} {description.Interval}: evaluation")
        {
            Symbol = description.Symbol,
            Interval = description.Interval,
            Model = description.Architecture.Name,
            DataStart = dataset.Features.OpenTimes[dataset.StartRow(first)],
            DataEnd = dataset.Features.OpenTimes[dataset.EndRow(last) + dataset.Horizon],
            Samples = context.Samples.Count,
            Details = details,
            Regression = evaluation.Regression.Select(r => r.Comparison).ToArray(),
            Classification = evaluation.Classification,
            Charts = charts,
            Training = history.Count == 0
                ? null
                : new TrainingCurve(history.Select(h => h.Epoch).ToArray(), history.Select(h => h.TrainLoss).ToArray(), history.Select(h => h.ValidationLoss).ToArray()),
            Histograms = histograms,
        };
    }

    private static void WriteSummary(TextWriter output, EvaluationContext context, EvaluationResult evaluation)
    {
        var description = context.Bundle.Description;
        var dataset = context.Dataset;
        var from = dataset.EndTime(context.Samples[0]);
        var to = dataset.EndTime(context.Samples[^1]);
        if (context.Request.Json)
        {
            var targets = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var result in evaluation.Regression)
            {
                targets[result.Comparison.Target] = RegressionTargetSummary.From(result.Comparison);
            }

            if (evaluation.Classification is { } section)
            {
                targets[section.Target] = new ClassificationTargetSummary(
                    ClassificationScores.From(section.Model),
                    section.Baseline is { } baseline ? ClassificationScores.From(baseline) : null);
            }

            var summary = new EvaluateSummary(
                description.Symbol,
                description.Interval,
                description.Architecture.Name,
                context.CandlePath,
                context.Part,
                new EvaluateRange(from, to),
                context.Samples.Count,
                targets,
                context.Request.Report);
            output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
            return;
        }

        var console = CliConsole.Create(output);
        var header = new Table().AddColumn("evaluate").AddColumn("");
        header.AddRow("model", Markup.Escape($"{description.Architecture.Name} ({description.Symbol} {description.Interval}) on {context.Device}"));
        header.AddRow("data", Markup.Escape(context.CandlePath));
        header.AddRow("scored", context.Part == "test" ? "test part of the training split" : "every sample of the file");
        header.AddRow("samples", Invariant($"{context.Samples.Count}, forecasts made at {Time(from)} .. {Time(to)}"));
        if (context.Request.Report is not null)
        {
            header.AddRow("report", Markup.Escape(context.Request.Report));
        }

        console.Write(header);
        foreach (var result in evaluation.Regression)
        {
            var comparison = result.Comparison;
            var table = new Table().Title(Markup.Escape(comparison.Target))
                .AddColumn(new TableColumn("forecast").NoWrap()).AddColumn("MAE").AddColumn("RMSE").AddColumn("MAPE %").AddColumn("R²").AddColumn("dir. acc.").AddColumn("Theil U");
            AddRow(table, "model", comparison.Model, comparison.TheilU);
            AddRow(table, "persistence", comparison.Persistence, double.IsFinite(comparison.TheilU) ? 1.0 : double.NaN);
            if (comparison.SecondBaseline is { } baseline)
            {
                AddRow(table, baseline.Name, baseline.Metrics, baseline.TheilU);
            }

            console.Write(table);
        }

        if (evaluation.Classification is { } classification)
        {
            var table = new Table().Title(Markup.Escape(classification.Target)).AddColumn(new TableColumn("classifier").NoWrap()).AddColumn("accuracy").AddColumn("log loss").AddColumn("macro AUC");
            AddRow(table, "model", classification.Model);
            if (classification.Baseline is { } majority)
            {
                AddRow(table, "majority class", majority);
            }

            console.Write(table);
            var matrix = new Table().Title("confusion matrix (rows: actual, columns: predicted)").AddColumn("actual");
            foreach (var name in classification.ClassNames)
            {
                matrix.AddColumn(name);
            }

            for (var a = 0; a < classification.Model.Classes; a++)
            {
                matrix.AddRow([classification.ClassNames[a], .. classification.Model.ConfusionMatrix[a].Select(c => c.ToString(CultureInfo.InvariantCulture))]);
            }

            console.Write(matrix);
        }
    }

    private static void AddRow(Table table, string name, RegressionMetrics metrics, double theilU) =>
        table.AddRow(Markup.Escape(name), Number(metrics.Mae), Number(metrics.Rmse), Number(metrics.Mape), Number(metrics.R2), Number(metrics.DirectionalAccuracy), Number(theilU));

    private static void AddRow(Table table, string name, ClassificationMetrics metrics) =>
        table.AddRow(Markup.Escape(name), Number(metrics.Accuracy), Number(metrics.LogLoss), Number(metrics.Auc));

    /// <summary>Four significant digits (one decimal from 1,000 up), so a metrics table fits an 80-column terminal.</summary>
    private static string Number(double value) =>
        !double.IsFinite(value) ? "n/a"
        : Math.Abs(value) >= 1000 ? value.ToString("#,0.0", CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static string? ReportProblem(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            return $"folder '{directory}' does not exist.";
        }

        return Directory.Exists(full) ? "is a folder." : null;
    }

    /// <summary>One regression target's scores and the per-sample values the report plots (prices for price targets).</summary>
    private sealed record TargetResult(RegressionComparison Comparison, DateTime[] Times, double[] Actual, double[] Predicted, double[] Reference, bool IsPrice);

    private sealed record EvaluationResult(IReadOnlyList<TargetResult> Regression, ClassificationSection? Classification);

    private sealed record EvaluationContext(
        EvaluateRequest Request,
        string CandlePath,
        string Part,
        ModelBundle Bundle,
        WindowedDataset Dataset,
        IReadOnlyList<int> Samples,
        Device Device);
}

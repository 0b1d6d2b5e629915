using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Scores a bundle on candles against the naive baselines (DESIGN.md: every forecast metric next to persistence): the
/// test part of the training split rebuilt from the candles, or every sample of them. Features are computed once, with
/// the bundle's feature set, and feed both the windows and the forecasts. What the user should know on the way goes to
/// <c>log</c>; candles that give no sample are a <see cref="ForecastDataException"/> saying why.
/// </summary>
public static class Evaluator
{
    /// <summary>The second volatility baseline: RiskMetrics' EWMA.</summary>
    public const string EwmaName = "ewma_0.94";

    public static EvaluationResult Evaluate(Forecaster forecaster, CandleSeries series, EvaluationPart part, Action<EvaluationNote>? log = null)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        var samples = SelectSamples(forecaster.Bundle, series, forecaster.ComputeFeatures(series), part, log);
        log?.Invoke(Note(false, $"scoring {forecaster.Bundle.Architecture.Name} on {samples.Count} samples ({part.Name}) on {forecaster.Device}"));
        return Score(forecaster, samples, log);
    }

    /// <summary>
    /// The samples of <paramref name="part"/>, over <paramref name="features"/> (the bundle's features of
    /// <paramref name="series"/>, see <see cref="Forecaster.ComputeFeatures"/>). The test part is the split exactly as
    /// training built it, cut to the bundle's recorded test range; on candles other than the ones trained on the split
    /// itself moves, so the range is applied to every sample instead. Volatility models leave out the samples their
    /// baselines cannot score.
    /// </summary>
    public static EvaluationSamples SelectSamples(ModelBundle bundle, CandleSeries series, FeatureMatrix features, EvaluationPart part, Action<EvaluationNote>? log = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(part);
        var configuration = TrainingSettings(bundle);
        var dataset = TrainingData.BuildDataset(series, features, configuration, bundle.Architecture);
        RequireRecordedTargets(bundle, dataset);
        var description = bundle.Description;
        var fingerprint = DataFingerprint.Of(series);
        var trainedOn = string.Equals(fingerprint.Sha256, description.TrainingData.Sha256, StringComparison.OrdinalIgnoreCase);
        int[] samples;
        var split = description.Split;
        var trained = trainedOn ? TrainingData.ChronologicalSplit(dataset, configuration) : null;
        var training = trained?.Train.ToArray() ?? InTimeRange(dataset, split.TrainFrom, split.TrainTo);
        var validation = trained?.Validation.ToArray() ?? InTimeRange(dataset, split.ValidationFrom, split.ValidationTo);
        if (part == EvaluationPart.All)
        {
            if (trainedOn)
            {
                log?.Invoke(Note(true, $"these are the candles the model was trained on: the metrics include its training and validation samples (omit --data to score the test part only)"));
            }

            samples = Enumerable.Range(0, dataset.Count).ToArray();
        }
        else
        {
            samples = TestPart(dataset, configuration, description, fingerprint, trainedOn, log);
        }

        samples = UsableByBaselines(series, dataset, samples, bundle.Architecture, log);
        if (samples.Length == 0)
        {
            throw new ForecastDataException(NoSamplesMessage(series, description, part));
        }

        return new EvaluationSamples(
            bundle,
            series,
            dataset,
            part,
            samples,
            UsableByBaselines(series, dataset, training, bundle.Architecture, null),
            UsableByBaselines(series, dataset, validation, bundle.Architecture, null));
    }

    private static int[] InTimeRange(WindowedDataset dataset, DateTime from, DateTime to) =>
        Enumerable.Range(0, dataset.Count).Where(s => dataset.EndTime(s) >= from && dataset.EndTime(s) <= to).ToArray();

    /// <summary>
    /// The test block of a walk-forward fold: the samples of <paramref name="series"/> from <paramref name="testFrom"/>
    /// on, less the purge gap after the validation part the bundle's settings give before it (the candles end with the
    /// block, see <see cref="WalkForwardFold.Candles"/>). The same samples whichever fold's model is scored on them.
    /// </summary>
    public static EvaluationSamples SelectBlock(ModelBundle bundle, CandleSeries series, FeatureMatrix features, DateTime testFrom, Action<EvaluationNote>? log = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(features);
        var configuration = TrainingSettings(bundle) with { TestFrom = testFrom };
        var dataset = TrainingData.BuildDataset(series, features, configuration, bundle.Architecture);
        RequireRecordedTargets(bundle, dataset);
        var split = TrainingData.ChronologicalSplit(dataset, configuration);
        var block = split.Test.ToArray();
        var samples = UsableByBaselines(series, dataset, block, bundle.Architecture, log);
        if (samples.Length == 0)
        {
            throw new ForecastDataException(
                $"no sample to score in the fold from {Time(testFrom)} UTC: the {series.Count} candles end at {Time(series.OpenTimes[^1])} UTC.");
        }

        return new EvaluationSamples(
            bundle,
            series,
            dataset,
            EvaluationPart.Fold,
            samples,
            UsableByBaselines(series, dataset, split.Train.ToArray(), bundle.Architecture, null),
            UsableByBaselines(series, dataset, split.Validation.ToArray(), bundle.Architecture, null));
    }

    /// <summary>Runs the model on <paramref name="samples"/> and scores it and the baselines against the actual targets.</summary>
    public static EvaluationResult Score(Forecaster forecaster, EvaluationSamples samples, Action<EvaluationNote>? log = null)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(samples);
        return ScoreForecasts(samples, forecaster.Forecast(samples.Dataset.Windows, samples.EndRows), forecaster.Device, log);
    }

    /// <summary>
    /// Scores forecasts made for <paramref name="samples"/> elsewhere (an ensemble's mean, a model run on shuffled inputs):
    /// <paramref name="raw"/> in target units, row-major [samples, outputs], as <see cref="Forecaster.Forecast"/> returns them.
    /// </summary>
    public static EvaluationResult ScoreForecasts(EvaluationSamples samples, double[] raw, Torch.Device device, Action<EvaluationNote>? log = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Length == 0 || raw.Length % samples.Count != 0)
        {
            throw new ArgumentException($"{raw.Length} forecast values do not fill {samples.Count} samples.", nameof(raw));
        }

        var outputs = raw.Length / samples.Count;
        return samples.Bundle.Architecture.IsClassifier
            ? new EvaluationResult(samples, [], Classify(samples, raw, outputs, log), device)
            : new EvaluationResult(samples, Regress(samples, raw, outputs, log), null, device) { Quantiles = Quantiles.QuantileScoring.Score(samples, raw, outputs) };
    }

    /// <summary>
    /// The bundle's training settings, checked to agree with the top-level fields the forecaster reads, so the rebuilt
    /// windows are the ones the model is run on.
    /// </summary>
    private static TrainingConfiguration TrainingSettings(ModelBundle bundle)
    {
        var description = bundle.Description;
        var training = description.Training;
        string? field =
            !string.Equals(training.Features, description.Features, StringComparison.Ordinal) ? $"features '{training.Features}' but 'features' is '{description.Features}'"
            : training.Window != description.Window ? Invariant($"window {training.Window} but 'window' is {description.Window}")
            : training.Horizon != description.Horizon ? Invariant($"horizon {training.Horizon} but 'horizon' is {description.Horizon}")
            : !training.RegimeThreshold.Equals(description.RegimeThreshold) ? Invariant($"regime_threshold {training.RegimeThreshold} but 'regime_threshold' is {description.RegimeThreshold}")
            : null;
        return field is null
            ? training
            : throw new ModelBundleException($"'{DescriptionPath(bundle)}': 'training' records {field}; the bundle is inconsistent.");
    }

    private static void RequireRecordedTargets(ModelBundle bundle, WindowedDataset dataset)
    {
        var recorded = bundle.Description.Targets;
        if (!dataset.Targets.ColumnNames.SequenceEqual(recorded, StringComparer.Ordinal))
        {
            throw new ModelBundleException(
                $"'{DescriptionPath(bundle)}' records targets [{string.Join(", ", recorded)}] " +
                $"but its settings give [{string.Join(", ", dataset.Targets.ColumnNames)}].");
        }
    }

    private static int[] TestPart(
        WindowedDataset dataset,
        TrainingConfiguration configuration,
        ModelDescription description,
        DataFingerprint fingerprint,
        bool trainedOn,
        Action<EvaluationNote>? log)
    {
        var from = description.Split.TestFrom;
        var to = description.Split.TestTo;
        bool InRange(int sample) => dataset.EndTime(sample) >= from && dataset.EndTime(sample) <= to;
        if (!trainedOn)
        {
            log?.Invoke(Note(true, $"the candles ({fingerprint}) are not the ones the model was trained on ({description.TrainingData}); the test part is taken by time range {Time(from)} .. {Time(to)} UTC"));
            return Enumerable.Range(0, dataset.Count).Where(InRange).ToArray();
        }

        var samples = TrainingData.ChronologicalSplit(dataset, configuration).Test.Where(InRange).ToArray();
        if (samples.Length != description.Split.TestSamples)
        {
            log?.Invoke(Note(true, $"the rebuilt test part has {samples.Length} samples in {Time(from)} .. {Time(to)} UTC; the bundle recorded {description.Split.TestSamples}"));
        }

        return samples;
    }

    /// <summary>
    /// The volatility baselines read the n candles before each end row: samples without n contiguous candles there
    /// (the first ones, or those just after a gap when the window is shorter than n + 1) are left out.
    /// </summary>
    private static int[] UsableByBaselines(CandleSeries series, WindowedDataset dataset, int[] samples, ModelArchitecture architecture, Action<EvaluationNote>? log)
    {
        if (architecture.Kind != ForecastKind.Volatility || dataset.Targets.Specs[0] is not RealizedVolatilityTarget volatility)
        {
            return samples;
        }

        var n = volatility.Candles;
        var gaps = dataset.Windows.Gaps;
        var usable = samples.Where(s => dataset.EndRow(s) >= n && gaps.IsContiguous(dataset.EndRow(s) - n, dataset.EndRow(s))).ToArray();
        if (usable.Length < samples.Length)
        {
            log?.Invoke(Note(false, $"left out {samples.Length - usable.Length} of {samples.Length} samples whose end row has fewer than {n} contiguous returns before it (the volatility baselines need them)"));
        }

        return usable;
    }

    private static string NoSamplesMessage(CandleSeries series, ModelDescription description, EvaluationPart part)
    {
        var needs = $"each sample needs {description.Window} contiguous candles after the indicators' warm-up plus {description.Horizon} more for the target";
        return part == EvaluationPart.Test
            ? $"no sample to score: the {series.Count} candles ({Time(series.OpenTimes[0])} .. {Time(series.OpenTimes[^1])} UTC) " +
                $"give no test sample in the model's test range {Time(description.Split.TestFrom)} .. {Time(description.Split.TestTo)} UTC ({needs}). " +
                "Pass --data FILE to score other candles."
            : $"too few candles: {series.Count} candles give no complete sample ({needs}).";
    }

    private static ClassificationSection Classify(EvaluationSamples samples, double[] probabilities, int classes, Action<EvaluationNote>? log)
    {
        var dataset = samples.Dataset;
        var labels = Labels(samples, samples.Samples);
        var model = ClassificationMetrics.Compute(labels, probabilities, classes);
        ClassificationMetrics? majority = null;
        var validation = Labels(samples, samples.ValidationSamples);
        var majorityValidation = double.NaN;
        if (samples.Bundle.Description.TrainClassCounts is { } counts && counts.Sum() > 0 && counts.Count == classes)
        {
            var trainLabels = counts.SelectMany((count, label) => Enumerable.Repeat(label, count)).ToArray();
            majority = ClassificationMetrics.MajorityBaseline(trainLabels, labels, classes);
            if (validation.Length > 0)
            {
                majorityValidation = ClassificationMetrics.MajorityBaseline(trainLabels, validation, classes).Accuracy;
            }
        }
        else
        {
            log?.Invoke(Note(true, $"the bundle records no training class counts: no majority-class baseline"));
        }

        var lastValidation = validation.Length > 0
            ? ClassificationMetrics.LastObservedBaseline(LastObservedRegimes(samples, samples.ValidationSamples), validation, classes).Accuracy
            : double.NaN;
        return new ClassificationSection(dataset.Targets.Specs[0].Name, ForecastDecoding.RegimeNames, model, majority)
        {
            LastRegime = ClassificationMetrics.LastObservedBaseline(LastObservedRegimes(samples, samples.Samples), labels, classes),
            BaselineValidationAccuracy = majorityValidation,
            LastRegimeValidationAccuracy = lastValidation,
        };
    }

    private static int[] Labels(EvaluationSamples samples, IReadOnlyList<int> part) =>
        part.Select(s => (int)samples.Dataset.Target(s)[0]).ToArray();

    /// <summary>
    /// Per sample of <paramref name="part"/>, the regime label of the h candles that closed at its end row t (the target
    /// at row t − h, known at t); neutral where those candles are not all there (the series' start, or a gap).
    /// </summary>
    internal static int[] LastObservedRegimes(EvaluationSamples samples, IReadOnlyList<int> part)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(part);
        var dataset = samples.Dataset;
        var spec = (RegimeTarget)dataset.Targets.Specs[0];
        var gaps = dataset.Windows.Gaps;
        return part.Select(s =>
        {
            var t = dataset.EndRow(s);
            var from = t - spec.Horizon;
            return from >= 0 && gaps.IsContiguous(from, t) ? (int)spec.ValueAt(samples.Series, from) : (int)MarketRegime.Neutral;
        }).ToArray();
    }

    private static TargetEvaluation[] Regress(EvaluationSamples samples, double[] raw, int outputs, Action<EvaluationNote>? log)
    {
        var dataset = samples.Dataset;
        var series = samples.Series;
        var closes = series.Close;
        var endRows = samples.EndRows;
        var kind = samples.Bundle.Architecture.Kind;
        var isPrice = ForecastDecoding.IsPrice(kind);
        var specs = dataset.Targets.Specs;
        var results = new TargetEvaluation[specs.Count];
        for (var j = 0; j < specs.Count; j++)
        {
            var spec = specs[j];
            var actual = new double[samples.Count];
            var predicted = new double[samples.Count];
            var times = new DateTime[samples.Count];
            for (var i = 0; i < samples.Count; i++)
            {
                var t = endRows[i];
                times[i] = series.OpenTimes[t] + (series.Interval.Duration * spec.Horizon);
                actual[i] = ForecastDecoding.Decode(spec, kind, dataset.Target(samples.Samples[i])[j], closes[t]);
                predicted[i] = ForecastDecoding.Decode(spec, kind, raw[(i * outputs) + j], closes[t]);
            }

            // A log-volatility model is scored as the volatility it forecasts, under that name.
            var name = spec is RealizedVolatilityTarget volatility ? volatility.VolatilityName : spec.Name;
            var reference = RegressionBaselines.Persistence(samples, spec, endRows);
            var baselines = RegressionBaselines.For(samples, j, log);
            var comparison = RegressionComparison.Compute(name, actual, predicted, reference, baselines.Forecasts, baselines.Direction, baselines.PersistenceValidationMae);
            results[j] = new TargetEvaluation(comparison, times, actual, predicted, reference, isPrice) { Baselines = baselines };
        }

        return results;
    }

    private static string DescriptionPath(ModelBundle bundle) => Path.Combine(bundle.Directory, ModelBundle.DescriptionFileName);

    private static EvaluationNote Note(bool isWarning, FormattableString message) => new(isWarning, Invariant(message));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

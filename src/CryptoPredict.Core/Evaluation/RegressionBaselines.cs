using CryptoPredict.Core.Evaluation.Baselines;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// The baselines of one regression target beside persistence, fitted on the bundle's training part only
/// (<see cref="EvaluationSamples.TrainingSamples"/>), forecast at the scored samples from candles up to each end row,
/// and scored on the validation part (<see cref="EvaluationSamples.ValidationSamples"/>) where the strongest is chosen:
/// the median excursion for a next high or low; EWMA, HAR-RV and GARCH(1,1) for realized volatility; none for a close
/// or an open, whose strongest simple forecast is the last close itself. A fitted baseline the training part cannot
/// support (too few samples) is left out with a note saying why.
/// </summary>
internal static class RegressionBaselines
{
    public static TargetBaselines For(EvaluationSamples samples, int target, Action<EvaluationNote>? log)
    {
        var spec = samples.Dataset.Targets.Specs[target];
        var validation = new Part(samples, samples.ValidationSamples, target);
        var persistence = validation.Mae(rows => Persistence(samples, spec, rows));
        return spec switch
        {
            NextCandleTarget { Field: PriceField.High } => new(Excursion(samples, validation, target, isHigh: true, log), DirectionMeasure.HighExcursion, persistence),
            NextCandleTarget { Field: PriceField.Low } => new(Excursion(samples, validation, target, isHigh: false, log), DirectionMeasure.LowExcursion, persistence),
            RealizedVolatilityTarget volatility => new(Volatility(samples, validation, target, volatility, log), DirectionMeasure.AgainstReference, persistence),
            _ => new([], DirectionMeasure.AgainstReference, persistence),
        };
    }

    /// <summary>
    /// The persistence forecast at <paramref name="rows"/>: the last close for a price, the realized volatility of the
    /// candles that just closed for a volatility (<see cref="VolatilityBaselines.Persistence"/>), else 0 (a log return).
    /// </summary>
    public static double[] Persistence(EvaluationSamples samples, TargetSpec spec, IReadOnlyList<int> rows)
    {
        var series = samples.Series;
        if (spec is RealizedVolatilityTarget volatility)
        {
            return VolatilityBaselines.Persistence(series.Close, rows, volatility.Candles);
        }

        var isPrice = ForecastDecoding.IsPrice(samples.Bundle.Architecture.Kind);
        return rows.Select(t => isPrice ? series.Close[t] : 0).ToArray();
    }

    private static BaselineForecast[] Excursion(EvaluationSamples samples, Part validation, int target, bool isHigh, Action<EvaluationNote>? log)
    {
        var series = samples.Series;
        var training = new Part(samples, samples.TrainingSamples, target);
        if (training.Rows.Length == 0)
        {
            Note(log, "the candles hold no sample of the model's training part: no median-excursion baseline");
            return [];
        }

        var excursions = ExcursionBaseline.Excursions(isHigh ? series.High : series.Low, series.Close);
        var baseline = ExcursionBaseline.Choose(isHigh, excursions, series.Close, training.Rows, training.Actual);
        return [validation.Forecast(baseline.Name, "median_excursion", rows => baseline.Forecast(excursions, series.Close, rows))];
    }

    private static BaselineForecast[] Volatility(EvaluationSamples samples, Part validation, int target, RealizedVolatilityTarget spec, Action<EvaluationNote>? log)
    {
        var series = samples.Series;
        var n = spec.Candles;
        var result = new List<BaselineForecast> { validation.Forecast(Evaluator.EwmaName, Evaluator.EwmaName, rows => VolatilityBaselines.Ewma(series.Close, rows, n)) };
        var returns = LogReturns.Of(series.Close);
        var segments = samples.Dataset.Windows.Gaps.SegmentStarts.ToArray();
        var training = new Part(samples, samples.TrainingSamples, target);
        try
        {
            var components = training.Rows.Select(t => HarRvBaseline.Components(returns, t, n, segments[t])).ToArray();
            var har = HarRvBaseline.Fit(components, training.Actual, n);
            result.Add(validation.Forecast(HarRvBaseline.Name, HarRvBaseline.Name, rows => har.Forecast(returns, rows, segments)));
        }
        catch (ArgumentException e)
        {
            Note(log, $"no HAR-RV baseline: {e.Message}");
        }

        try
        {
            var garch = Garch11Baseline.Fit(TrainingReturns(samples, returns, segments, n));
            result.Add(validation.Forecast(Garch11Baseline.Name, Garch11Baseline.Name, rows => garch.Forecast(returns, rows, n, segments)));
        }
        catch (ArgumentException e)
        {
            Note(log, $"no GARCH(1,1) baseline: {e.Message}");
        }

        return [.. result];
    }

    /// <summary>
    /// The returns the training part covers, from its first input candle to its last label candle, less those that span
    /// a gap: the purge gap keeps the validation and test parts after them.
    /// </summary>
    private static double[] TrainingReturns(EvaluationSamples samples, double[] returns, int[] segments, int candles)
    {
        var training = samples.TrainingSamples;
        if (training.Count == 0)
        {
            return [];
        }

        var dataset = samples.Dataset;
        var first = dataset.StartRow(training[0]) + 1;
        var last = Math.Min(dataset.EndRow(training[^1]) + candles, returns.Length - 1);
        var result = new List<double>();
        for (var k = first; k <= last; k++)
        {
            if (segments[k] != k)
            {
                result.Add(returns[k]);
            }
        }

        return [.. result];
    }

    private static void Note(Action<EvaluationNote>? log, string message) => log?.Invoke(new EvaluationNote(true, message));

    /// <summary>Some samples of the dataset (a training or validation part): their end rows and actual values in the units scored.</summary>
    private sealed class Part
    {
        private readonly EvaluationSamples _samples;

        public Part(EvaluationSamples samples, IReadOnlyList<int> part, int target)
        {
            _samples = samples;
            var dataset = samples.Dataset;
            var spec = dataset.Targets.Specs[target];
            var kind = samples.Bundle.Architecture.Kind;
            Rows = part.Select(dataset.EndRow).ToArray();
            Actual = part.Select(s => ForecastDecoding.Decode(spec, kind, dataset.Target(s)[target], samples.Series.Close[dataset.EndRow(s)])).ToArray();
        }

        public int[] Rows { get; }

        public double[] Actual { get; }

        /// <summary>The forecast at the scored samples, with its MAE on this part.</summary>
        public BaselineForecast Forecast(string name, string family, Func<IReadOnlyList<int>, double[]> forecast) =>
            new(name, family, forecast(_samples.EndRows)) { ValidationMae = Mae(forecast) };

        /// <summary>MAE of <paramref name="forecast"/> on this part; NaN when it has no sample.</summary>
        public double Mae(Func<IReadOnlyList<int>, double[]> forecast)
        {
            if (Rows.Length == 0)
            {
                return double.NaN;
            }

            var values = forecast(Rows);
            return values.Select((v, i) => Math.Abs(Actual[i] - v)).Average();
        }
    }
}

using CryptoPredict.Core.Evaluation.Baselines;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// The baselines of one regression target beside persistence, fitted on the bundle's training part only
/// (<see cref="EvaluationSamples.TrainingSamples"/>) and forecast at the scored samples from candles up to each end row:
/// the median excursion for a next high or low; EWMA, HAR-RV and GARCH(1,1) for realized volatility; none for a close
/// or an open, whose strongest simple forecast is the last close itself. A fitted baseline the training part cannot
/// support (too few samples) is left out with a note saying why.
/// </summary>
internal static class RegressionBaselines
{
    public static (IReadOnlyList<BaselineForecast> Baselines, DirectionMeasure Direction) For(EvaluationSamples samples, int target, Action<EvaluationNote>? log)
    {
        var spec = samples.Dataset.Targets.Specs[target];
        return spec switch
        {
            NextCandleTarget { Field: PriceField.High } => (Excursion(samples, target, isHigh: true, log), DirectionMeasure.HighExcursion),
            NextCandleTarget { Field: PriceField.Low } => (Excursion(samples, target, isHigh: false, log), DirectionMeasure.LowExcursion),
            RealizedVolatilityTarget volatility => (Volatility(samples, target, volatility, log), DirectionMeasure.AgainstReference),
            _ => ([], DirectionMeasure.AgainstReference),
        };
    }

    private static BaselineForecast[] Excursion(EvaluationSamples samples, int target, bool isHigh, Action<EvaluationNote>? log)
    {
        var series = samples.Series;
        var trainRows = samples.TrainingSamples.Select(samples.Dataset.EndRow).ToArray();
        if (trainRows.Length == 0)
        {
            Note(log, "the candles hold no sample of the model's training part: no median-excursion baseline");
            return [];
        }

        var excursions = ExcursionBaseline.Excursions(isHigh ? series.High : series.Low, series.Close);
        var actual = TrainingActuals(samples, target);
        var baseline = ExcursionBaseline.Choose(isHigh, excursions, series.Close, trainRows, actual);
        return [new BaselineForecast(baseline.Name, "median_excursion", baseline.Forecast(excursions, series.Close, samples.EndRows))];
    }

    private static BaselineForecast[] Volatility(EvaluationSamples samples, int target, RealizedVolatilityTarget spec, Action<EvaluationNote>? log)
    {
        var series = samples.Series;
        var closes = series.Close;
        var n = spec.Candles;
        var result = new List<BaselineForecast> { new(Evaluator.EwmaName, VolatilityBaselines.Ewma(closes, samples.EndRows, n)) };
        var returns = LogReturns.Of(closes);
        var segments = samples.Dataset.Windows.Gaps.SegmentStarts.ToArray();
        var training = samples.TrainingSamples;
        var trainRows = training.Select(samples.Dataset.EndRow).ToArray();
        try
        {
            var components = trainRows.Select(t => HarRvBaseline.Components(returns, t, n, segments[t])).ToArray();
            var har = HarRvBaseline.Fit(components, TrainingActuals(samples, target), n);
            result.Add(new BaselineForecast(HarRvBaseline.Name, har.Forecast(returns, samples.EndRows, segments)));
        }
        catch (ArgumentException e)
        {
            Note(log, $"no HAR-RV baseline: {e.Message}");
        }

        try
        {
            var garch = Garch11Baseline.Fit(TrainingReturns(samples, returns, segments, n));
            result.Add(new BaselineForecast(Garch11Baseline.Name, garch.Forecast(returns, samples.EndRows, n, segments)));
        }
        catch (ArgumentException e)
        {
            Note(log, $"no GARCH(1,1) baseline: {e.Message}");
        }

        return [.. result];
    }

    /// <summary>The training samples' actual values in the units scored (prices, volatilities).</summary>
    private static double[] TrainingActuals(EvaluationSamples samples, int target)
    {
        var dataset = samples.Dataset;
        var spec = dataset.Targets.Specs[target];
        var kind = samples.Bundle.Architecture.Kind;
        return samples.TrainingSamples.Select(s => ForecastDecoding.Decode(spec, kind, dataset.Target(s)[target], samples.Series.Close[dataset.EndRow(s)])).ToArray();
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
}

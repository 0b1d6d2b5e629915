using CryptoPredict.Core.Features;
using CryptoPredict.Core.Prediction;

namespace CryptoPredict.Core.Evaluation.Quantiles;

/// <summary>
/// Scores a quantile model's forecasts (<see cref="Models.ForecastHeads"/> columns, in target units as the engines return
/// them) on the evaluated samples, target by target, against <see cref="QuantileBaseline"/> fitted on the samples of the
/// bundle's recorded training range (the training part itself when the candles are the ones trained on).
/// </summary>
public static class QuantileScoring
{
    public static IReadOnlyList<QuantileEvaluation> Score(EvaluationSamples samples, double[] raw, int outputs)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(raw);
        var bundle = samples.Bundle;
        var heads = bundle.Heads;
        if (!heads.HasQuantiles || bundle.Architecture.IsClassifier || outputs != heads.Outputs)
        {
            return [];
        }

        var dataset = samples.Dataset;
        var closes = samples.Series.Close.ToArray();
        var kind = bundle.Architecture.Kind;
        var training = TrainingSamples(samples);
        var result = new List<QuantileEvaluation>();
        for (var t = 0; t < heads.Targets; t++)
        {
            var spec = dataset.Targets.Specs[t];
            var actual = samples.Samples.Select((s, i) => ForecastDecoding.Decode(spec, kind, dataset.Target(s)[t], closes[samples.EndRows[i]])).ToArray();
            var model = new double[heads.Quantiles.Count][];
            for (var q = 0; q < heads.Quantiles.Count; q++)
            {
                var column = heads.QuantileColumn(t, q);
                model[q] = samples.EndRows.Select((row, i) => ForecastDecoding.Decode(spec, kind, raw[(i * outputs) + column], closes[row])).ToArray();
            }

            var (baseline, baselineName, baselineSamples) = Baseline(samples, training, spec, t);
            var name = spec is RealizedVolatilityTarget volatility ? volatility.VolatilityName : spec.Name; // as the regression section names it
            result.Add(Evaluate(name, baselineName, baselineSamples, heads.Quantiles, actual, model, baseline));
        }

        return result;
    }

    /// <summary>Pinball loss per level and each central interval's coverage and width, for forecasts already in the units of <paramref name="actual"/>.</summary>
    public static QuantileEvaluation Evaluate(
        string target, string baselineName, int baselineSamples, IReadOnlyList<double> levels,
        IReadOnlyList<double> actual, IReadOnlyList<double[]> model, IReadOnlyList<double[]> baseline)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseline);
        var scores = levels.Select((level, q) => new QuantileLevelScore(
            level, QuantileMetrics.Pinball(actual, model[q], level), QuantileMetrics.Pinball(actual, baseline[q], level))).ToArray();
        var intervals = new Models.ForecastHeads(1, levels).CentralIntervals().Select(i => new CentralIntervalScore(
            levels[i.Lower], levels[i.Upper], i.Nominal,
            QuantileMetrics.Coverage(actual, model[i.Lower], model[i.Upper]), QuantileMetrics.MeanWidth(model[i.Lower], model[i.Upper]),
            QuantileMetrics.Coverage(actual, baseline[i.Lower], baseline[i.Upper]), QuantileMetrics.MeanWidth(baseline[i.Lower], baseline[i.Upper])))
            .ToArray();
        return new QuantileEvaluation(target, baselineName, baselineSamples, scores, intervals);
    }

    /// <summary>Per level, the baseline's forecast for every evaluated sample, in the units users read.</summary>
    private static (double[][] Values, string Name, int Samples) Baseline(EvaluationSamples samples, int[] training, TargetSpec spec, int target)
    {
        var dataset = samples.Dataset;
        var closes = samples.Series.Close.ToArray();
        var levels = samples.Bundle.Heads.Quantiles;
        if (spec is RealizedVolatilityTarget volatility)
        {
            var n = volatility.Candles;
            var usable = training.Where(s => dataset.EndRow(s) >= n && dataset.Windows.Gaps.IsContiguous(dataset.EndRow(s) - n, dataset.EndRow(s))).ToArray();
            var trainActual = usable.Select(s => volatility.ToVolatility(dataset.Target(s)[target])).ToArray(); // a log target in volatility units
            var trainPersistence = VolatilityBaselines.Persistence(closes, usable.Select(dataset.EndRow).ToArray(), n);
            var ratios = QuantileBaseline.Ratios(trainActual, trainPersistence);
            var fitted = QuantileBaseline.Fit(ratios, levels);
            var persistence = VolatilityBaselines.Persistence(closes, samples.EndRows, n);
            return (fitted.Select(r => persistence.Select(p => p * r).ToArray()).ToArray(), QuantileBaseline.VolatilityDescription, ratios.Length);
        }

        var returns = training.Select(s => dataset.Target(s)[target]).ToArray();
        var quantiles = QuantileBaseline.Fit(returns, levels);
        return (quantiles.Select(q => samples.EndRows.Select(row => double.IsFinite(q) ? QuantileBaseline.Price(closes[row], q) : double.NaN).ToArray()).ToArray(),
            QuantileBaseline.LogReturnDescription, returns.Length);
    }

    /// <summary>The samples whose forecast origin lies in the bundle's recorded training range.</summary>
    private static int[] TrainingSamples(EvaluationSamples samples)
    {
        var split = samples.Bundle.Description.Split;
        var dataset = samples.Dataset;
        return Enumerable.Range(0, dataset.Count).Where(s => dataset.EndTime(s) >= split.TrainFrom && dataset.EndTime(s) <= split.TrainTo).ToArray();
    }
}

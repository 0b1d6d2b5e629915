using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Prediction;

/// <summary>
/// The parts of a prediction that quantile and multi-horizon heads add: each value's quantiles in its own units (the
/// engines return them sorted, see <see cref="ForecastHeads.ToTargetUnits"/>), and each horizon's target time.
/// </summary>
internal static class PredictionQuantiles
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Of(
        ModelBundle bundle, double[] raw, IReadOnlyList<ForecastValue> values, double lastClose)
    {
        var heads = bundle.Heads;
        if (!heads.HasQuantiles || bundle.Architecture.IsClassifier)
        {
            return null;
        }

        var kind = bundle.Architecture.Kind;
        var result = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        for (var t = 0; t < heads.Targets; t++)
        {
            var levels = new Dictionary<string, double>(StringComparer.Ordinal);
            var spec = Features.TargetSet.ParseOne(bundle.Description.Targets[t]);
            for (var q = 0; q < heads.Quantiles.Count; q++)
            {
                var value = ForecastDecoding.Decode(spec, kind, raw[heads.QuantileColumn(t, q)], lastClose);
                if (!double.IsFinite(value))
                {
                    throw new ModelBundleException(
                        $"The model in '{bundle.Directory}' produced a non-finite {ForecastHeads.LevelText(heads.Quantiles[q])} quantile of {values[t].Name} ({value}); retrain it.");
                }

                levels[ForecastHeads.LevelText(heads.Quantiles[q])] = value;
            }

            result[values[t].Name] = levels;
        }

        return result;
    }

    public static IReadOnlyList<HorizonForecast>? Horizons(ModelDescription description, IReadOnlyList<ForecastValue> values, DateTime lastTime, TimeSpan step, double lastClose)
    {
        if (description.Training.Horizons is not { } horizons)
        {
            return null;
        }

        return horizons.Select((h, i) => new HorizonForecast(values[i].Name, h, lastTime + (step * h), values[i].Value, (values[i].Value / lastClose) - 1)).ToArray();
    }
}

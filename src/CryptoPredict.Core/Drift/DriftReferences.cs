using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Drift;

/// <summary>
/// The drift reference of a bundle: the one stored in its <c>model.json</c>, or, for a bundle of a build before drift,
/// one rebuilt from the candles it was trained on: found among the candidates by the recorded training fingerprint
/// (the whole series, or its candles within the recorded range, for a file that has grown since), split again with
/// the recorded settings and checked to give the recorded training part.
/// </summary>
public static class DriftReferences
{
    /// <summary>The reference, and whether it had to be rebuilt; a <see cref="ModelBundleException"/> saying to retrain when it cannot be had.</summary>
    public static (DriftReference Reference, bool Rebuilt) Of(ModelBundle bundle, IEnumerable<CandleSeries> trainingCandidates)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(trainingCandidates);
        if (bundle.Description.DriftReference is { } stored)
        {
            return (stored, false);
        }

        var description = bundle.Description;
        var seen = new List<string>();
        foreach (var candidate in trainingCandidates)
        {
            if (TrainingCandles(candidate, description.TrainingData) is { } training)
            {
                return (Rebuild(bundle, training), true);
            }

            seen.Add(DataFingerprint.Of(candidate).ToString());
        }

        var given = seen.Count == 0 ? "no candles were given" : "the candles given are " + string.Join(" and ", seen);
        throw new ModelBundleException(
            $"'{bundle.DescriptionPath}' has no drift_reference (the bundle was written by a build before drift) and it cannot be rebuilt: " +
            $"the model was trained on {description.TrainingData}, but {given}. " +
            $"Retrain the model to store one: cryptopredict train --symbol {description.Symbol} --interval {description.Interval} --model {description.Architecture.Name}");
    }

    /// <summary>The candles of <paramref name="series"/> that are exactly the ones fingerprinted, or null.</summary>
    private static CandleSeries? TrainingCandles(CandleSeries series, DataFingerprint recorded)
    {
        if (series.Count == 0)
        {
            return null;
        }

        if (Same(DataFingerprint.Of(series), recorded))
        {
            return series;
        }

        var times = series.OpenTimes;
        var first = LowerBound(times, recorded.First);
        var end = LowerBound(times, recorded.Last.AddTicks(1));
        if (end - first != recorded.Candles || end - first == series.Count)
        {
            return null;
        }

        var slice = series.Slice(first, end - first);
        return Same(DataFingerprint.Of(slice), recorded) ? slice : null;
    }

    private static DriftReference Rebuild(ModelBundle bundle, CandleSeries training)
    {
        var description = bundle.Description;
        var split = TrainingData.BuildSplit(training, description.Training, bundle.Architecture);
        var recorded = description.Split;
        var train = split.Train;
        if (train.Count != recorded.TrainSamples
            || split.Dataset.EndTime(train[0]) != recorded.TrainFrom
            || split.Dataset.EndTime(train[^1]) != recorded.TrainTo)
        {
            var rebuilt = train.Count == 0
                ? "no training sample"
                : string.Create(CultureInfo.InvariantCulture, $"{train.Count} training samples {Time(split.Dataset.EndTime(train[0]))} .. {Time(split.Dataset.EndTime(train[^1]))}");
            throw new ModelBundleException(
                $"'{bundle.DescriptionPath}' has no drift_reference, and its training candles now give {rebuilt} UTC " +
                string.Create(CultureInfo.InvariantCulture, $"instead of the recorded {recorded.TrainSamples} ({Time(recorded.TrainFrom)} .. {Time(recorded.TrainTo)} UTC), ") +
                "so the reference cannot be rebuilt. Retrain the model to store one.");
        }

        return DriftReference.Build(split);
    }

    private static bool Same(DataFingerprint a, DataFingerprint b) => string.Equals(a.Sha256, b.Sha256, StringComparison.OrdinalIgnoreCase);

    private static int LowerBound(ReadOnlySpan<DateTime> times, DateTime time)
    {
        int low = 0, high = times.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (times[middle] < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

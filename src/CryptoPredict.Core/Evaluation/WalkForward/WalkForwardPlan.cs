using System.Globalization;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// The folds of an expanding-window walk-forward evaluation, laid out as scikit-learn's <c>TimeSeriesSplit</c>: the
/// samples (windows with a label) are cut into K + 1 blocks of n / (K + 1), the remainder going to the first; fold k
/// trains on blocks 0..k-1 and tests on block k. Folds never overlap, and each reads only the candles up to its last
/// label (<see cref="WalkForwardFold.Candles"/>).
/// </summary>
public sealed class WalkForwardPlan
{
    /// <summary>The most folds one evaluation may ask for.</summary>
    public const int MaxFolds = 100;

    private WalkForwardPlan(IReadOnlyList<WalkForwardFold> folds, int samples) => (Folds, Samples) = (folds, samples);

    public IReadOnlyList<WalkForwardFold> Folds { get; }

    /// <summary>Samples of the whole series the blocks were cut from.</summary>
    public int Samples { get; }

    /// <summary>
    /// Lays out <paramref name="folds"/> folds over <paramref name="series"/> with <paramref name="configuration"/>'s
    /// features, window and horizon. Throws <see cref="ArgumentOutOfRangeException"/> for a fold count outside 2..100,
    /// <see cref="TrainingDataException"/> when the blocks would be too short to keep a test sample after the purge gap.
    /// </summary>
    public static WalkForwardPlan Create(CandleSeries series, TrainingConfiguration configuration, int folds)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(configuration);
        if (folds is < 2 or > MaxFolds)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"--walk-forward takes 2 to {MaxFolds} folds (got {folds}).");
        }

        var architecture = ModelCatalog.Get(configuration.Model);
        var features = FeatureSet.Parse(configuration.Features).Compute(series);
        var dataset = TrainingData.BuildDataset(series, features, configuration, architecture);
        var block = dataset.Count / (folds + 1);

        // A test block loses its first window + horizon samples to the purge gap; it must keep some after that.
        var purge = configuration.Window + configuration.Horizon;
        if (block <= purge)
        {
            throw new TrainingDataException(string.Create(CultureInfo.InvariantCulture,
                $"{series.Count} candles give {dataset.Count} samples: {folds} folds leave blocks of {block}, and each test block loses " +
                $"{purge} samples (window + horizon) to the purge gap. Use fewer folds or more candles."));
        }

        var list = new WalkForwardFold[folds];
        for (var k = 1; k <= folds; k++)
        {
            var first = dataset.Count - ((folds - k + 1) * block);
            var last = first + block - 1;
            var lastLabelRow = Math.Min(series.Count - 1, dataset.EndRow(last) + dataset.Horizon);
            list[k - 1] = new WalkForwardFold(k, dataset.EndTime(first), dataset.EndTime(last), lastLabelRow + 1);
        }

        return new WalkForwardPlan(list, dataset.Count);
    }

    /// <summary>A plan with the given folds, for re-running some of them on fewer candles (the truncation test).</summary>
    public static WalkForwardPlan Of(IReadOnlyList<WalkForwardFold> folds, int samples)
    {
        ArgumentNullException.ThrowIfNull(folds);
        return new WalkForwardPlan(folds.ToArray(), samples);
    }
}

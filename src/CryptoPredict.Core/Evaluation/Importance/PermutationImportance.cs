using CryptoPredict.Core.Features;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Permutation importance on the scored samples: for each feature column and repeat, sample i is given the column's
/// values from the window of sample π(i) (π a seeded shuffle) and every other column from its own window, the model is
/// run again and scored as <see cref="Evaluator.ScoreForecasts"/> scores it. Shuffling whole windows keeps each
/// column's sequence within a window intact and breaks only its link with the target. The windows are laid end to end
/// in a matrix of their own, so the forecaster reads them exactly as it reads the candles' windows.
/// </summary>
public static class PermutationImportance
{
    public const int DefaultRepeats = 5;

    public const long DefaultSeed = 42;

    public const string MaeMetric = "mae";

    public const string AccuracyMetric = "accuracy";

    public static PermutationImportanceResult Compute(Forecaster forecaster, EvaluationSamples samples, int repeats = DefaultRepeats, long seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(samples);
        var classifier = samples.Bundle.Architecture.IsClassifier;
        var length = samples.Dataset.Windows.Length;
        double Score(FeatureMatrix laidOut, int[] endRows)
        {
            var raw = forecaster.Forecast(new InputWindows(laidOut, length), endRows);
            var result = Evaluator.ScoreForecasts(samples, raw, forecaster.Device);
            return classifier ? result.Classification!.Model.Accuracy : result.Regression.Average(r => r.Comparison.Model.Mae);
        }

        return Compute(samples.Dataset.Windows.Features, samples.EndRows, length, Score, classifier ? AccuracyMetric : MaeMetric, higherIsBetter: classifier, repeats, seed);
    }

    /// <summary>
    /// The importance of every column of <paramref name="features"/> for the windows of <paramref name="length"/> rows
    /// ending at <paramref name="endRows"/>: <paramref name="score"/> is given the windows laid end to end and the end
    /// rows there (window i ends at row i·length + length - 1), unshuffled once, then with each column shuffled.
    /// </summary>
    internal static PermutationImportanceResult Compute(
        FeatureMatrix features,
        IReadOnlyList<int> endRows,
        int length,
        Func<FeatureMatrix, int[], double> score,
        string metric,
        bool higherIsBetter,
        int repeats,
        long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var laidOut = LayOut(features, endRows, length);
        var laidOutEnds = Enumerable.Range(0, endRows.Count).Select(i => (i * length) + length - 1).ToArray();
        var unshuffled = score(laidOut, laidOutEnds);
        var columns = laidOut.ColumnNames;
        var result = new List<FeatureImportance>(columns.Count);
        for (var c = 0; c < columns.Count; c++)
        {
            var losses = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                // One stream per (seed, column, repeat): a column's shuffles do not depend on the columns before it.
                var order = ShuffleOrder.Permutation(endRows.Count, unchecked((seed * 1_000_003) + c), r);
                var shuffled = score(Shuffle(laidOut, c, order, length), laidOutEnds);
                losses[r] = higherIsBetter ? unshuffled - shuffled : shuffled - unshuffled;
            }

            result.Add(FeatureImportance.Of(columns[c], losses));
        }

        var ranked = result.OrderByDescending(f => f.Mean).ThenBy(f => f.Feature, StringComparer.Ordinal).ToArray();
        return new PermutationImportanceResult(metric, unshuffled, repeats, seed, ranked);
    }

    /// <summary>The windows ending at <paramref name="endRows"/> one after another, on consecutive synthetic candle times.</summary>
    internal static FeatureMatrix LayOut(FeatureMatrix features, IReadOnlyList<int> endRows, int length)
    {
        var width = features.ColumnCount;
        var values = new double[endRows.Count * length * width];
        for (var i = 0; i < endRows.Count; i++)
        {
            features.Rows(endRows[i] - length + 1, length).CopyTo(values.AsSpan(i * length * width, length * width));
        }

        return new FeatureMatrix(features.ColumnNames, values, Times(features, endRows.Count * length), features.Interval);
    }

    /// <summary>A copy of <paramref name="laidOut"/> whose window i holds column <paramref name="column"/> of window order[i].</summary>
    private static FeatureMatrix Shuffle(FeatureMatrix laidOut, int column, int[] order, int length)
    {
        var width = laidOut.ColumnCount;
        var source = laidOut.Values;
        var values = source.ToArray();
        for (var i = 0; i < order.Length; i++)
        {
            for (var k = 0; k < length; k++)
            {
                values[(((i * length) + k) * width) + column] = source[(((order[i] * length) + k) * width) + column];
            }
        }

        return new FeatureMatrix(laidOut.ColumnNames, values, laidOut.OpenTimes.ToArray(), laidOut.Interval);
    }

    private static DateTime[] Times(FeatureMatrix features, int rows)
    {
        var start = features.OpenTimes[0];
        var step = features.Interval.Duration;
        var times = new DateTime[rows];
        for (var r = 0; r < rows; r++)
        {
            times[r] = start + (step * r);
        }

        return times;
    }
}

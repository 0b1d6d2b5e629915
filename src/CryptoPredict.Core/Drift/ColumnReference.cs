namespace CryptoPredict.Core.Drift;

/// <summary>
/// How one model input (a feature column, or a target) was distributed on the training part, as <c>model.json</c>
/// stores it under <c>drift_reference</c>: the range, the decile bins and how many training values fell in each, and a
/// sorted sample for the Kolmogorov-Smirnov test.
/// </summary>
/// <param name="Name">The column's name, as in <c>feature_columns</c> or <c>targets</c>.</param>
/// <param name="Rows">How many training values the reference was built from.</param>
/// <param name="Min">The smallest training value.</param>
/// <param name="Max">The largest training value.</param>
/// <param name="Edges">
/// The inner cut points: the 10th, 20th, ..., 90th percentiles (linear interpolation between order statistics, as
/// numpy's default), strictly increasing, so fewer than 9 where values repeat. Bin i holds the values v with
/// Edges[i-1] &lt; v &lt;= Edges[i]; the first bin is open below and the last above.
/// </param>
/// <param name="Counts">Training values per bin (Edges.Count + 1 bins), summing to <paramref name="Rows"/>.</param>
/// <param name="Sample">
/// Sorted: every training value when there are at most <see cref="SampleSize"/>, else the order statistics at ranks
/// floor((k + 0.5) Rows / SampleSize), k = 0..SampleSize-1, each standing for an equal share of the values.
/// </param>
public sealed record ColumnReference(
    string Name,
    int Rows,
    double Min,
    double Max,
    IReadOnlyList<double> Edges,
    IReadOnlyList<int> Counts,
    IReadOnlyList<double> Sample)
{
    public const int Deciles = 10;

    /// <summary>Stored values per column: the empirical CDF they give is within 1/1000 of the training one.</summary>
    public const int SampleSize = 500;

    /// <summary>The reference of <paramref name="values"/> (finite, at least one); the array is sorted in place.</summary>
    public static ColumnReference Of(string name, double[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException($"Column '{name}' has no value to build a reference from.", nameof(values));
        }

        var bad = Array.FindIndex(values, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException($"Column '{name}' has the non-finite value {values[bad]} at position {bad}.", nameof(values));
        }

        Array.Sort(values);
        var edges = new List<double>(Deciles - 1);
        for (var d = 1; d < Deciles; d++)
        {
            var edge = SortedValues.Quantile(values, d / (double)Deciles);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        return new ColumnReference(name, values.Length, values[0], values[^1], edges, CountInBins(edges, values), SortedValues.Sample(values, SampleSize));
    }

    /// <summary>How many of <paramref name="values"/> fall in each of this reference's bins.</summary>
    public int[] CountInBins(ReadOnlySpan<double> values) => CountInBins(Edges, values);

    /// <summary>The bin of <paramref name="value"/>: the number of edges below it.</summary>
    public static int BinOf(IReadOnlyList<double> edges, double value)
    {
        ArgumentNullException.ThrowIfNull(edges);
        int low = 0, high = edges.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (edges[middle] < value)
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

    private static int[] CountInBins(IReadOnlyList<double> edges, ReadOnlySpan<double> values)
    {
        var counts = new int[edges.Count + 1];
        foreach (var value in values)
        {
            counts[BinOf(edges, value)]++;
        }

        return counts;
    }
}

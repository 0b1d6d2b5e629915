namespace CryptoPredict.Core.Drift;

/// <summary>Quantiles and equal-share samples of values sorted ascending.</summary>
internal static class SortedValues
{
    /// <summary>
    /// The <paramref name="p"/>-quantile by linear interpolation between order statistics (Hyndman and Fan's type 7,
    /// numpy's and R's default): h = (n - 1) p, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
    /// </summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("No values to take a quantile of.", nameof(sorted));
        }

        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be between 0 and 1.");
        }

        var h = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(h);
        if (below >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        return sorted[below] + ((h - below) * (sorted[below + 1] - sorted[below]));
    }

    /// <summary>
    /// All values when there are at most <paramref name="size"/>, else the order statistics at ranks
    /// floor((k + 0.5) n / size): actual values (a label stays a label), each standing for 1/size of the data.
    /// </summary>
    public static double[] Sample(ReadOnlySpan<double> sorted, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (sorted.Length <= size)
        {
            return sorted.ToArray();
        }

        var sample = new double[size];
        for (var k = 0; k < size; k++)
        {
            sample[k] = sorted[(int)Math.Floor((k + 0.5) * sorted.Length / size)];
        }

        return sample;
    }
}

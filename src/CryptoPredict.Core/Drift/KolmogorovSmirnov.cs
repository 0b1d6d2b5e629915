namespace CryptoPredict.Core.Drift;

/// <summary>
/// The two-sample Kolmogorov-Smirnov test: D = the largest distance between the two empirical CDFs, and its
/// asymptotic p-value Q((sqrt(Ne) + 0.12 + 0.11 / sqrt(Ne)) D) with Ne = n m / (n + m) and Q the Kolmogorov
/// distribution's survival function (<see cref="KolmogorovDistribution"/>): Stephens' (1970) small-sample correction,
/// as in Numerical Recipes' <c>kstwo</c>. Ties are handled exactly in D; the p-value assumes continuous data and is
/// conservative for data with ties.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>D of two samples, each sorted ascending (each value weighing 1/n of its sample).</summary>
    public static double Statistic(ReadOnlySpan<double> sortedA, ReadOnlySpan<double> sortedB)
    {
        if (sortedA.IsEmpty || sortedB.IsEmpty)
        {
            throw new ArgumentException($"Both samples need at least one value; got {sortedA.Length} and {sortedB.Length}.");
        }

        RequireSorted(sortedA, nameof(sortedA));
        RequireSorted(sortedB, nameof(sortedB));
        double n = sortedA.Length;
        double m = sortedB.Length;
        int i = 0, j = 0;
        var d = 0.0;
        while (i < sortedA.Length && j < sortedB.Length)
        {
            // Step past every copy of the next value in both samples before comparing, so ties count once.
            var x = Math.Min(sortedA[i], sortedB[j]);
            while (i < sortedA.Length && sortedA[i] <= x)
            {
                i++;
            }

            while (j < sortedB.Length && sortedB[j] <= x)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs((i / n) - (j / m)));
        }

        return d;
    }

    /// <summary>The asymptotic p-value of <paramref name="statistic"/> for samples of <paramref name="n"/> and <paramref name="m"/> values.</summary>
    public static double PValue(double statistic, int n, int m)
    {
        if (!(statistic >= 0 && statistic <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(statistic), statistic, "D must be between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        var effective = Math.Sqrt(n * (double)m / (n + (double)m));
        return KolmogorovDistribution.Survival((effective + 0.12 + (0.11 / effective)) * statistic);
    }

    private static void RequireSorted(ReadOnlySpan<double> values, string name)
    {
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]) || (k > 0 && values[k] < values[k - 1]))
            {
                throw new ArgumentException($"The sample must be finite and sorted ascending; value {k} is {values[k]}.", name);
            }
        }
    }
}

namespace CryptoPredict.Core.Drift;

/// <summary>What PSI and JS share: two distributions over the same bins, turned from counts into fractions.</summary>
internal static class Binned
{
    public static (double[] Expected, double[] Actual) Fractions(IReadOnlyList<int> expectedCounts, IReadOnlyList<int> actualCounts)
    {
        ArgumentNullException.ThrowIfNull(expectedCounts);
        ArgumentNullException.ThrowIfNull(actualCounts);
        return (Fractions(expectedCounts, nameof(expectedCounts)), Fractions(actualCounts, nameof(actualCounts)));
    }

    public static void RequireSameBins(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Count == 0 || expected.Count != actual.Count)
        {
            throw new ArgumentException($"Both distributions need the same bins, at least one; got {expected.Count} and {actual.Count}.", nameof(actual));
        }
    }

    private static double[] Fractions(IReadOnlyList<int> counts, string name)
    {
        long total = 0;
        foreach (var count in counts)
        {
            if (count < 0)
            {
                throw new ArgumentException($"Bin counts must be >= 0; got {count}.", name);
            }

            total += count;
        }

        if (total == 0)
        {
            throw new ArgumentException("A distribution needs at least one counted value.", name);
        }

        return counts.Select(c => c / (double)total).ToArray();
    }
}

namespace CryptoPredict.Core.Drift;

/// <summary>
/// The Jensen-Shannon divergence of two binned distributions in bits: JS = (KL(P || M) + KL(Q || M)) / 2 with
/// M = (P + Q) / 2 and log base 2, so it lies in 0..1 (0 for equal distributions, 1 for ones without a common bin).
/// Unlike PSI it needs no floor: M is positive wherever P or Q is, and 0 log 0 counts as 0.
/// </summary>
public static class JensenShannon
{
    public static double FromCounts(IReadOnlyList<int> expectedCounts, IReadOnlyList<int> actualCounts)
    {
        var (expected, actual) = Binned.Fractions(expectedCounts, actualCounts);
        return FromFractions(expected, actual);
    }

    public static double FromFractions(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        Binned.RequireSameBins(p, q);
        var divergence = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            var m = (p[i] + q[i]) / 2;
            divergence += (Term(p[i], m) + Term(q[i], m)) / 2;
        }

        // Rounding can leave it a hair outside the range the definition guarantees.
        return Math.Clamp(divergence, 0, 1);
    }

    private static double Term(double x, double m) => x > 0 ? x * Math.Log2(x / m) : 0;
}

namespace CryptoPredict.Core.Portfolio;

/// <summary>
/// The long-only weights a portfolio may hold: 0 &lt;= w_i &lt;= cap_i and sum w &lt;= 1, the rest in cash. The
/// Euclidean projection onto that set is exact and cheap: clip to the box; if the clipped weights already fit the
/// budget they are the projection, otherwise it is clip(v - tau, 0, cap) with the tau &gt; 0 that makes them sum to 1
/// exactly (the budget's multiplier), found by bisection since the sum falls monotonically in tau.
/// </summary>
public static class CappedSimplex
{
    private const int BisectionSteps = 200;

    public static double[] Project(IReadOnlyList<double> point, IReadOnlyList<double> caps)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(caps);
        if (point.Count != caps.Count)
        {
            throw new ArgumentException($"There are {point.Count} weights but {caps.Count} caps; each symbol needs one.", nameof(caps));
        }

        var clipped = Shifted(point, caps, 0);
        if (clipped.Sum() <= 1)
        {
            return clipped;
        }

        // Sum(tau = 0) > 1 and Sum(tau = max point) = 0: the root lies between.
        var low = 0.0;
        var high = point.Max();
        for (var step = 0; step < BisectionSteps && high - low > 0; step++)
        {
            var middle = (low + high) / 2;
            if (middle <= low || middle >= high)
            {
                break;
            }

            if (Shifted(point, caps, middle).Sum() > 1)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        // high always gives a sum <= 1, so the result never breaks the budget by a rounding.
        return Shifted(point, caps, high);
    }

    /// <summary>Whether <paramref name="weights"/> lie in the set, up to <paramref name="tolerance"/>.</summary>
    public static bool Contains(IReadOnlyList<double> weights, IReadOnlyList<double> caps, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(caps);
        return weights.Count == caps.Count
            && weights.Select((w, i) => w >= -tolerance && w <= caps[i] + tolerance).All(ok => ok)
            && weights.Sum() <= 1 + tolerance;
    }

    private static double[] Shifted(IReadOnlyList<double> point, IReadOnlyList<double> caps, double tau)
    {
        var result = new double[point.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Clamp(point[i] - tau, 0, caps[i]);
        }

        return result;
    }
}

namespace CryptoPredict.Core.Drift;

/// <summary>
/// The limiting distribution of sqrt(n) times the Kolmogorov-Smirnov statistic:
/// Q(λ) = P(K > λ) = 2 Σ_{j≥1} (-1)^(j-1) exp(-2 j² λ²). That alternating series converges fast for large λ; for
/// small λ its terms barely shrink, so there the equivalent (Jacobi theta) form
/// P(K ≤ λ) = sqrt(2π) / λ Σ_{j≥1} exp(-(2j-1)² π² / (8 λ²)) is used instead, the split at λ = 1.18 of Numerical
/// Recipes (3rd ed., 6.14), where four terms of either reach double precision.
/// </summary>
public static class KolmogorovDistribution
{
    private const double Split = 1.18;

    /// <summary>Q(λ) = P(K &gt; λ): 1 at λ = 0, falling to 0 (about 0.27 at λ = 1, 0.05 at λ = 1.358).</summary>
    public static double Survival(double lambda)
    {
        if (double.IsNaN(lambda) || lambda < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be a number >= 0.");
        }

        if (lambda < Split)
        {
            return 1 - Cdf(lambda);
        }

        var x = Math.Exp(-2 * lambda * lambda);
        return Math.Clamp(2 * (x - Math.Pow(x, 4) + Math.Pow(x, 9) - Math.Pow(x, 16)), 0, 1);
    }

    /// <summary>P(K ≤ λ) for λ below the split.</summary>
    private static double Cdf(double lambda)
    {
        // exp(-π²/(8λ²)) underflows to 0 well before this; the CDF is 0 to double precision there.
        if (lambda < 0.04)
        {
            return 0;
        }

        var y = Math.Exp(-Math.PI * Math.PI / (8 * lambda * lambda));
        var sum = y + Math.Pow(y, 9) + Math.Pow(y, 25) + Math.Pow(y, 49);
        return Math.Clamp(Math.Sqrt(2 * Math.PI) / lambda * sum, 0, 1);
    }
}

namespace CryptoPredict.Core.Evaluation.Quantiles;

/// <summary>Scores of quantile forecasts against actual values: pinball loss, interval coverage and width, and empirical quantiles.</summary>
public static class QuantileMetrics
{
    /// <summary>
    /// Mean pinball loss of the <paramref name="level"/>-quantile forecasts: per sample, level·(y − q) when y ≥ q, else
    /// (1 − level)·(q − y). Lower is better; at level 0.5 it is half the mean absolute error.
    /// </summary>
    public static double Pinball(IReadOnlyList<double> actual, IReadOnlyList<double> quantile, double level)
    {
        RequireSameLength(actual, quantile);
        var sum = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            var error = actual[i] - quantile[i];
            sum += error >= 0 ? level * error : (level - 1) * error;
        }

        return actual.Count == 0 ? double.NaN : sum / actual.Count;
    }

    /// <summary>Fraction of samples whose actual value lies in [lower, upper], both ends included.</summary>
    public static double Coverage(IReadOnlyList<double> actual, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        RequireSameLength(actual, lower);
        RequireSameLength(actual, upper);
        var inside = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            inside += actual[i] >= lower[i] && actual[i] <= upper[i] ? 1 : 0;
        }

        return actual.Count == 0 ? double.NaN : inside / (double)actual.Count;
    }

    /// <summary>Mean of upper − lower.</summary>
    public static double MeanWidth(IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        RequireSameLength(lower, upper);
        var sum = 0.0;
        for (var i = 0; i < lower.Count; i++)
        {
            sum += upper[i] - lower[i];
        }

        return lower.Count == 0 ? double.NaN : sum / lower.Count;
    }

    /// <summary>
    /// The <paramref name="level"/>-quantile of <paramref name="values"/> by linear interpolation between order
    /// statistics (Hyndman and Fan's type 7, numpy's and R's default): position (n − 1)·level in the sorted values.
    /// </summary>
    public static double Empirical(IReadOnlyList<double> values, double level)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("An empirical quantile needs at least one value.", nameof(values));
        }

        if (!(level >= 0 && level <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A quantile level lies in [0, 1].");
        }

        var sorted = values.Order().ToArray();
        var position = (sorted.Length - 1) * level;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private static void RequireSameLength(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"{a.Count} actual values but {b.Count} forecasts.", nameof(b));
        }
    }
}

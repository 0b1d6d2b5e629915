namespace CryptoPredict.Core.Evaluation;

/// <summary>Sample autocorrelations as Box and Jenkins define them (one overall mean, divided by the lag-0 sum of squares).</summary>
public static class Autocorrelation
{
    /// <summary>
    /// r_1..r_<paramref name="lags"/> of <paramref name="values"/> (index 0 is lag 1):
    /// r_k = Σ_{t=k..n-1} (x_t - x̄)(x_{t-k} - x̄) / Σ_t (x_t - x̄)². NaN for every lag when the values do not vary.
    /// </summary>
    public static double[] Of(IReadOnlyList<double> values, int lags)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (lags < 1 || lags >= values.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(lags), lags, $"Autocorrelation lags must be 1 to n - 1 = {values.Count - 1}.");
        }

        var n = values.Count;
        var mean = 0.0;
        for (var t = 0; t < n; t++)
        {
            mean += values[t];
        }

        mean /= n;
        var denominator = 0.0;
        for (var t = 0; t < n; t++)
        {
            denominator += (values[t] - mean) * (values[t] - mean);
        }

        var result = new double[lags];
        for (var k = 1; k <= lags; k++)
        {
            var numerator = 0.0;
            for (var t = k; t < n; t++)
            {
                numerator += (values[t] - mean) * (values[t - k] - mean);
            }

            result[k - 1] = denominator > 0 ? numerator / denominator : double.NaN;
        }

        return result;
    }
}

using MathNet.Numerics.Distributions;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// The Ljung-Box portmanteau test of a series (here: forecast residuals) for autocorrelation up to a lag h:
/// Q = n (n + 2) Σ_{k=1..h} r_k² / (n - k), compared with a chi-squared distribution of h degrees of freedom (no
/// parameters are fitted to the residuals, so none are subtracted). A small p-value says the residuals are not white
/// noise: the errors follow a pattern the model left on the table.
/// </summary>
/// <param name="Lags">h, the largest lag tested.</param>
/// <param name="Samples">n, the length of the series.</param>
/// <param name="Statistic">Q.</param>
/// <param name="PValue">P(χ²_h ≥ Q).</param>
public sealed record LjungBox(int Lags, int Samples, double Statistic, double PValue)
{
    /// <summary>The test up to <paramref name="lags"/> from the sample autocorrelations of <paramref name="values"/>.</summary>
    public static LjungBox Test(IReadOnlyList<double> values, int lags)
    {
        ArgumentNullException.ThrowIfNull(values);
        var correlations = Autocorrelation.Of(values, lags);
        return FromAutocorrelations(correlations, values.Count);
    }

    /// <summary>The test from autocorrelations r_1..r_h (index 0 is lag 1) of a series of <paramref name="samples"/> values.</summary>
    public static LjungBox FromAutocorrelations(IReadOnlyList<double> correlations, int samples)
    {
        ArgumentNullException.ThrowIfNull(correlations);
        if (correlations.Count < 1 || samples <= correlations.Count)
        {
            throw new ArgumentException($"The Ljung-Box test needs at least one lag and more samples than lags; got {correlations.Count} lags of {samples} samples.", nameof(correlations));
        }

        var sum = 0.0;
        for (var k = 1; k <= correlations.Count; k++)
        {
            sum += correlations[k - 1] * correlations[k - 1] / (samples - k);
        }

        var q = samples * (samples + 2.0) * sum;
        var p = double.IsFinite(q) ? ChiSquared.CDF(correlations.Count, q) : double.NaN;
        return new LjungBox(correlations.Count, samples, q, double.IsFinite(p) ? 1 - p : double.NaN);
    }
}

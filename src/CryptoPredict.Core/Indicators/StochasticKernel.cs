namespace CryptoPredict.Core.Indicators;

/// <summary>
/// TA-Lib's STOCH with SMA smoothing: fast %K over <c>kPeriod</c> rows (0 when the range is flat), slow %K = SMA of
/// fast %K over <c>slowK</c>, %D = SMA of slow %K over <c>slowD</c>; both outputs start at the same row.
/// </summary>
internal static class StochasticKernel
{
    public static void Compute(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        int kPeriod,
        int slowK,
        int slowD,
        Span<double> k,
        Span<double> d)
    {
        var n = close.Length;
        var fastStart = kPeriod - 1;
        var firstRow = fastStart + slowK - 1 + slowD - 1;
        if (n <= firstRow)
        {
            Outputs.WarmUp(k, n);
            Outputs.WarmUp(d, n);
            return;
        }

        // k holds the highest high and d the lowest low, then k becomes fast %K, d the slow %K, then the roles settle.
        RollingExtremes.Max(high, kPeriod, k);
        RollingExtremes.Min(low, kPeriod, d);
        for (var i = fastStart; i < n; i++)
        {
            var lowest = d[i];
            var range = (k[i] - lowest) / 100.0;
            k[i] = range != 0 ? (close[i] - lowest) / range : 0.0;
        }

        MovingAverageKernels.Sma(k[fastStart..], slowK, d[fastStart..]);
        var slowKStart = fastStart + slowK - 1;
        MovingAverageKernels.Sma(d[slowKStart..], slowD, k[slowKStart..]);

        // Now d holds slow %K and k holds %D: swap them row by row.
        for (var i = firstRow; i < n; i++)
        {
            (k[i], d[i]) = (d[i], k[i]);
        }

        Outputs.WarmUp(k, firstRow);
        Outputs.WarmUp(d, firstRow);
    }
}

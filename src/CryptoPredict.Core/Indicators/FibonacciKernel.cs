namespace CryptoPredict.Core.Indicators;

/// <summary>Fibonacci retracement levels over the rolling highest high and lowest low of <c>lookback</c> rows.</summary>
internal static class FibonacciKernel
{
    public static void Compute(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        int lookback,
        Span<double> level236,
        Span<double> level382,
        Span<double> level500,
        Span<double> level618,
        Span<double> level786)
    {
        var n = close.Length;
        Outputs.WarmUp(level382, lookback - 1);
        Outputs.WarmUp(level500, lookback - 1);
        Outputs.WarmUp(level618, lookback - 1);

        // The first and last outputs hold the rolling high and low until they are overwritten row by row.
        RollingExtremes.Max(high, lookback, level236);
        RollingExtremes.Min(low, lookback, level786);
        for (var i = lookback - 1; i < n; i++)
        {
            var highest = level236[i];
            var range = highest - level786[i];
            var c = close[i];
            level236[i] = Distance(c, highest - (0.236 * range));
            level382[i] = Distance(c, highest - (0.382 * range));
            level500[i] = Distance(c, highest - (0.5 * range));
            level618[i] = Distance(c, highest - (0.618 * range));
            level786[i] = Distance(c, highest - (0.786 * range));
        }
    }

    private static double Distance(double close, double level) => (close - level) / close;
}

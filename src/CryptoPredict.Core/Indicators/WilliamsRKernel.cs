namespace CryptoPredict.Core.Indicators;

/// <summary>TA-Lib's WILLR: -100 * (highest high - close) / (highest high - lowest low), 0 when the range is flat.</summary>
internal static class WilliamsRKernel
{
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        var n = close.Length;
        if (n < period)
        {
            Outputs.WarmUp(output, n);
            return;
        }

        var lowest = Outputs.New(n);
        RollingExtremes.Max(high, period, output);
        RollingExtremes.Min(low, period, lowest);
        for (var i = period - 1; i < n; i++)
        {
            var highest = output[i];
            var range = (highest - lowest[i]) * -0.01;
            output[i] = range != 0.0 ? (highest - close[i]) / range : 0.0;
        }
    }
}

namespace CryptoPredict.Core.Indicators;

/// <summary>On-balance volume. As in TA-Lib it starts at the first candle's volume, not at 0.</summary>
internal static class ObvKernel
{
    public static void Compute(ReadOnlySpan<double> close, ReadOnlySpan<double> volume, Span<double> output)
    {
        var n = close.Length;
        if (n == 0)
        {
            return;
        }

        var obv = volume[0];
        var previous = close[0];
        for (var i = 0; i < n; i++)
        {
            var value = close[i];
            if (value > previous)
            {
                obv += volume[i];
            }
            else if (value < previous)
            {
                obv -= volume[i];
            }

            output[i] = obv;
            previous = value;
        }
    }
}

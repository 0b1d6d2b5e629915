namespace CryptoPredict.Core.Indicators;

/// <summary>
/// Wilder's ATR as TA-Lib computes it: row 0 has no true range; the first ATR (row <c>period</c>) is the mean of
/// the true ranges of rows 1..period, then atr = (previous * (period - 1) + tr) / period.
/// </summary>
internal static class AtrKernel
{
    public static void Atr(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        var n = close.Length;
        Outputs.WarmUp(output, period);
        if (n <= period)
        {
            return;
        }

        var total = 0.0;
        for (var i = 1; i <= period; i++)
        {
            total += TaLib.TrueRange(high[i], low[i], close[i - 1]);
        }

        var atr = total / period;
        output[period] = atr;
        for (var i = period + 1; i < n; i++)
        {
            atr *= period - 1;
            atr += TaLib.TrueRange(high[i], low[i], close[i - 1]);
            atr /= period;
            output[i] = atr;
        }
    }

    /// <summary>ATR as a percentage of the close (TA-Lib's NATR), 0 where the close is 0.</summary>
    public static void Natr(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        Atr(high, low, close, period, output);
        for (var i = period; i < close.Length; i++)
        {
            output[i] = TaLib.IsZero(close[i]) ? 0.0 : output[i] / close[i] * 100.0;
        }
    }
}

namespace CryptoPredict.Core.Indicators;

/// <summary>
/// TA-Lib's CCI over the typical price (H+L+C)/3: (tp - SMA(tp)) / (0.015 * mean absolute deviation), 0 when either
/// is 0. The window is kept in a circular buffer and summed in buffer order, as TA-Lib does, so rounding matches.
/// </summary>
internal static class CciKernel
{
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, Span<double> output)
    {
        var n = close.Length;
        Outputs.WarmUp(output, period - 1);
        if (n < period)
        {
            return;
        }

        Span<double> window = period <= 256 ? stackalloc double[period] : new double[period];
        var slot = 0;
        for (var i = 0; i < period - 1; i++)
        {
            window[slot++] = (high[i] + low[i] + close[i]) / 3;
        }

        for (var i = period - 1; i < n; i++)
        {
            var typical = (high[i] + low[i] + close[i]) / 3;
            window[slot] = typical;
            var average = 0.0;
            for (var j = 0; j < period; j++)
            {
                average += window[j];
            }

            average /= period;
            var deviation = 0.0;
            for (var j = 0; j < period; j++)
            {
                deviation += Math.Abs(window[j] - average);
            }

            var distance = typical - average;
            output[i] = distance != 0.0 && deviation != 0.0 ? distance / (0.015 * (deviation / period)) : 0.0;
            slot++;
            if (slot == period)
            {
                slot = 0;
            }
        }
    }
}

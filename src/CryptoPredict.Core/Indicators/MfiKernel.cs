namespace CryptoPredict.Core.Indicators;

/// <summary>
/// TA-Lib's MFI: money flow tp*volume counts as positive when the typical price rose, negative when it fell;
/// MFI = 100 * positive / (positive + negative) over the last <c>period</c> flows, with TA-Lib's quirk of
/// returning 0 whenever that total flow is below 1.0. Sums run with subtraction, as in TA-Lib.
/// </summary>
internal static class MfiKernel
{
    public static void Compute(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        ReadOnlySpan<double> volume,
        int period,
        Span<double> output)
    {
        var n = close.Length;
        Outputs.WarmUp(output, period);
        if (n <= period)
        {
            return;
        }

        var positive = new double[period];
        var negative = new double[period];
        var slot = 0;
        var positiveSum = 0.0;
        var negativeSum = 0.0;
        var previous = (high[0] + low[0] + close[0]) / 3.0;
        for (var i = 1; i < n; i++)
        {
            if (i > period)
            {
                positiveSum -= positive[slot];
                negativeSum -= negative[slot];
            }

            var typical = (high[i] + low[i] + close[i]) / 3.0;
            var change = typical - previous;
            previous = typical;
            var flow = typical * volume[i];
            positive[slot] = 0;
            negative[slot] = 0;
            if (change < 0)
            {
                negative[slot] = flow;
                negativeSum += flow;
            }
            else if (change > 0)
            {
                positive[slot] = flow;
                positiveSum += flow;
            }

            if (i >= period)
            {
                var total = positiveSum + negativeSum;
                output[i] = total < 1.0 ? 0.0 : 100.0 * (positiveSum / total);
            }

            slot++;
            if (slot == period)
            {
                slot = 0;
            }
        }
    }
}

namespace CryptoPredict.Core.Indicators;

/// <summary>
/// Volume-weighted average price of the typical price (H+L+C)/3, over a rolling window or cumulated from each
/// UTC midnight. Where the volume of the span is zero the typical price itself is returned, so the output has
/// no NaN after warm-up.
/// </summary>
internal static class VwapKernels
{
    public static void Rolling(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        ReadOnlySpan<double> volume,
        int period,
        Span<double> output)
    {
        var n = close.Length;
        Outputs.WarmUp(output, period - 1);
        if (n < period)
        {
            return;
        }

        var priceVolume = 0.0;
        var totalVolume = 0.0;
        var tradedRows = 0; // rows with volume > 0 in the window: an exact test for "no volume at all"
        for (var i = 0; i < n; i++)
        {
            var typical = (high[i] + low[i] + close[i]) / 3;
            priceVolume += typical * volume[i];
            totalVolume += volume[i];
            if (volume[i] > 0)
            {
                tradedRows++;
            }

            if (i >= period)
            {
                var old = i - period;
                priceVolume -= ((high[old] + low[old] + close[old]) / 3) * volume[old];
                totalVolume -= volume[old];
                if (volume[old] > 0)
                {
                    tradedRows--;
                }
            }

            // Running sums drift by rounding; recomputing the window every `period` rows keeps them exact enough
            // at O(1) amortised cost.
            if (i % period == period - 1)
            {
                (priceVolume, totalVolume) = WindowSums(high, low, close, volume, i - period + 1, i + 1);
            }

            if (i >= period - 1)
            {
                output[i] = tradedRows == 0 ? typical : priceVolume / totalVolume;
            }
        }
    }

    public static void Daily(
        ReadOnlySpan<DateTime> openTimes,
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        ReadOnlySpan<double> volume,
        Span<double> output)
    {
        var day = long.MinValue;
        var priceVolume = 0.0;
        var totalVolume = 0.0;
        for (var i = 0; i < close.Length; i++)
        {
            var candleDay = openTimes[i].Ticks / TimeSpan.TicksPerDay;
            if (candleDay != day)
            {
                day = candleDay;
                priceVolume = 0.0;
                totalVolume = 0.0;
            }

            var typical = (high[i] + low[i] + close[i]) / 3;
            priceVolume += typical * volume[i];
            totalVolume += volume[i];
            output[i] = totalVolume > 0 ? priceVolume / totalVolume : typical;
        }
    }

    private static (double PriceVolume, double Volume) WindowSums(
        ReadOnlySpan<double> high,
        ReadOnlySpan<double> low,
        ReadOnlySpan<double> close,
        ReadOnlySpan<double> volume,
        int start,
        int end)
    {
        var priceVolume = 0.0;
        var totalVolume = 0.0;
        for (var i = start; i < end; i++)
        {
            priceVolume += ((high[i] + low[i] + close[i]) / 3) * volume[i];
            totalVolume += volume[i];
        }

        return (priceVolume, totalVolume);
    }
}

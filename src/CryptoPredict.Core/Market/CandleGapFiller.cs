namespace CryptoPredict.Core.Market;

/// <summary>Forward-fills missing candles, for users who prefer a complete grid to refusing windows over gaps.</summary>
public static class CandleGapFiller
{
    /// <summary>
    /// Inserts one candle per missing interval with open = high = low = close = the previous close and volume 0
    /// (no trade happened); extra columns carry their previous value forward. Returns the series itself when
    /// it has no gap. Spacings that are not whole intervals are left as they are.
    /// </summary>
    public static CandleSeries FillGaps(this CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var map = new GapMap(series);
        if (map.MissingCandles == 0)
        {
            return series;
        }

        var n = series.Count + map.MissingCandles;
        var times = new DateTime[n];
        var open = new double[n];
        var high = new double[n];
        var low = new double[n];
        var close = new double[n];
        var volume = new double[n];
        var extras = series.ExtraColumns.ToDictionary(kv => kv.Key, _ => new double[n], StringComparer.OrdinalIgnoreCase);
        var step = series.Interval.Duration;
        var j = 0;
        for (var i = 0; i < series.Count; i++)
        {
            if (i > 0)
            {
                var missing = (int)((series.OpenTimes[i] - series.OpenTimes[i - 1]).Ticks / step.Ticks) - 1;
                var isWhole = (series.OpenTimes[i] - series.OpenTimes[i - 1]).Ticks % step.Ticks == 0;
                for (var k = 1; isWhole && k <= missing; k++, j++)
                {
                    var previousClose = series.Close[i - 1];
                    times[j] = series.OpenTimes[i - 1] + (step * k);
                    open[j] = high[j] = low[j] = close[j] = previousClose;
                    volume[j] = 0;
                    foreach (var (name, values) in extras)
                    {
                        values[j] = series.ExtraColumns[name][i - 1];
                    }
                }
            }

            times[j] = series.OpenTimes[i];
            open[j] = series.Open[i];
            high[j] = series.High[i];
            low[j] = series.Low[i];
            close[j] = series.Close[i];
            volume[j] = series.Volume[i];
            foreach (var (name, values) in extras)
            {
                values[j] = series.ExtraColumns[name][i];
            }

            j++;
        }

        // Non-whole spacings were not filled, so the arrays may be longer than the rows written.
        return j == n
            ? new CandleSeries(series.Symbol, series.Interval, times, open, high, low, close, volume, extras)
            : new CandleSeries(series.Symbol, series.Interval, times[..j], open[..j], high[..j], low[..j], close[..j], volume[..j],
                extras.ToDictionary(kv => kv.Key, kv => kv.Value[..j], StringComparer.OrdinalIgnoreCase));
    }
}

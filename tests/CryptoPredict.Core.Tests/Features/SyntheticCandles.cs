using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Features;

/// <summary>Seeded random-walk candles with valid OHLC relations, optionally with missing candles.</summary>
internal static class SyntheticCandles
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <param name="missingAfter">For each entry (row, k): k candles are missing right after that row.</param>
    public static CandleSeries Create(int count, int seed, params (int Row, int Missing)[] missingAfter) =>
        Create(count, seed, CandleInterval.OneHour, missingAfter);

    public static CandleSeries Create(int count, int seed, CandleInterval interval, params (int Row, int Missing)[] missingAfter)
    {
        var random = new Random(seed);
        var times = new DateTime[count];
        var open = new double[count];
        var high = new double[count];
        var low = new double[count];
        var close = new double[count];
        var volume = new double[count];
        var time = Start;
        var price = 100.0;
        for (var i = 0; i < count; i++)
        {
            times[i] = time;
            var skip = missingAfter.Where(m => m.Row == i).Sum(m => m.Missing);
            time += interval.Duration * (1 + skip);
            open[i] = price;
            price *= Math.Exp((random.NextDouble() - 0.5) * 0.04);
            close[i] = price;
            high[i] = Math.Max(open[i], close[i]) * (1 + (random.NextDouble() * 0.01));
            low[i] = Math.Min(open[i], close[i]) * (1 - (random.NextDouble() * 0.01));
            volume[i] = random.Next(0, 4) == 0 ? Math.Round(random.NextDouble() * 10) : 1 + (random.NextDouble() * 100);
        }

        return new CandleSeries("TESTUSDT", interval, times, open, high, low, close, volume);
    }

    /// <summary>A copy of <paramref name="series"/> whose candles after row <paramref name="t"/> are replaced by other valid candles.</summary>
    public static CandleSeries WithFutureChanged(CandleSeries series, int t, int seed)
    {
        var random = new Random(seed);
        var n = series.Count;
        var open = series.Open.ToArray();
        var high = series.High.ToArray();
        var low = series.Low.ToArray();
        var close = series.Close.ToArray();
        var volume = series.Volume.ToArray();
        for (var i = t + 1; i < n; i++)
        {
            var factor = Math.Exp((random.NextDouble() - 0.5) * 0.6);
            open[i] *= factor;
            close[i] *= Math.Exp((random.NextDouble() - 0.5) * 0.6);
            high[i] = Math.Max(open[i], close[i]) * (1 + (random.NextDouble() * 0.05));
            low[i] = Math.Min(open[i], close[i]) * (1 - (random.NextDouble() * 0.05));
            volume[i] = random.NextDouble() * 1000;
        }

        var extras = series.ExtraColumns.ToDictionary(
            kv => kv.Key,
            kv =>
            {
                var values = kv.Value.ToArray();
                for (var i = t + 1; i < n; i++)
                {
                    values[i] = random.NextDouble();
                }

                return values;
            });
        return new CandleSeries(series.Symbol, series.Interval, series.OpenTimes.ToArray(), open, high, low, close, volume, extras);
    }
}

using CryptoPredict.Core.Market;

namespace CryptoPredict.Bench.Indicators;

/// <summary>A seeded geometric random walk of hourly candles, valid by construction, with some zero-volume hours.</summary>
internal static class SyntheticMarket
{
    public static CandleSeries Generate(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var times = new DateTime[count];
        var open = new double[count];
        var high = new double[count];
        var low = new double[count];
        var close = new double[count];
        var volume = new double[count];
        var price = 30_000.0;
        for (var i = 0; i < count; i++)
        {
            times[i] = start.AddHours(i);
            open[i] = price;
            price *= Math.Exp((random.NextDouble() - 0.5) * 0.02);
            close[i] = price;
            high[i] = Math.Max(open[i], close[i]) * (1 + (random.NextDouble() * 0.005));
            low[i] = Math.Min(open[i], close[i]) * (1 - (random.NextDouble() * 0.005));
            volume[i] = random.Next(100) == 0 ? 0.0 : random.NextDouble() * 2_000;
        }

        return new CandleSeries("SYNTH", CandleInterval.OneHour, times, open, high, low, close, volume);
    }
}

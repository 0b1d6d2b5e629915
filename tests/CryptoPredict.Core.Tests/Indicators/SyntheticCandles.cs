using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Indicators;

/// <summary>Seeded random-walk candles that satisfy the series invariants (positive prices, low &lt;= open/close &lt;= high).</summary>
internal static class SyntheticCandles
{
    public static CandleSeries Create(int count, int seed, DateTime? start = null, TimeSpan? step = null)
    {
        var random = new Random(seed);
        var first = start ?? new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var spacing = step ?? TimeSpan.FromHours(1);
        var times = new DateTime[count];
        var open = new double[count];
        var high = new double[count];
        var low = new double[count];
        var close = new double[count];
        var volume = new double[count];
        var price = 100.0;
        for (var i = 0; i < count; i++)
        {
            times[i] = first + (spacing * i);
            open[i] = price;
            price *= Math.Exp((random.NextDouble() - 0.5) * 0.04);
            close[i] = price;
            high[i] = Math.Max(open[i], close[i]) * (1 + (random.NextDouble() * 0.01));
            low[i] = Math.Min(open[i], close[i]) * (1 - (random.NextDouble() * 0.01));
            volume[i] = random.Next(0, 5) == 0 ? 0.0 : random.NextDouble() * 1000;
        }

        return new CandleSeries("TEST", new CandleInterval(spacing), times, open, high, low, close, volume);
    }

    /// <summary>A series from explicit columns, hourly from 2024-01-01 unless times are given.</summary>
    public static CandleSeries FromColumns(double[] high, double[] low, double[] close, double[] volume, DateTime[]? times = null)
    {
        var n = close.Length;
        times ??= Enumerable.Range(0, n).Select(i => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i)).ToArray();
        return new CandleSeries("TEST", CandleInterval.OneHour, times, (double[])close.Clone(), high, low, close, volume);
    }
}

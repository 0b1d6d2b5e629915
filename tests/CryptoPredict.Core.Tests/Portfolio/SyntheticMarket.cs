using CryptoPredict.Core.Market;
using CryptoPredict.Core.Portfolio;

namespace CryptoPredict.Core.Tests.Portfolio;

/// <summary>Seeded random walks of a few symbols, with forecasts that are noisy looks at the next return.</summary>
internal static class SyntheticMarket
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static (DateTime[] Times, double[][] Closes, double[][] Forecasts) Walks(int symbols, int rows, int seed)
    {
        var random = new Random(seed);
        var times = Enumerable.Range(0, rows).Select(k => Start.AddHours(k)).ToArray();
        var closes = new double[symbols][];
        var forecasts = new double[symbols][];
        for (var i = 0; i < symbols; i++)
        {
            closes[i] = new double[rows];
            forecasts[i] = new double[rows];
            closes[i][0] = 100 * (i + 1);
            for (var k = 1; k < rows; k++)
            {
                var move = 0.01 * (random.NextDouble() - 0.5 + (0.3 * i * (random.NextDouble() - 0.5)));
                closes[i][k] = closes[i][k - 1] * (1 + move);
                forecasts[i][k] = (0.5 * move) + (0.004 * (random.NextDouble() - 0.5));
            }
        }

        return (times, closes, forecasts);
    }

    public static PortfolioMarket Of(DateTime[] times, double[][] closes, double[][] forecasts, int firstTraded) =>
        new(Enumerable.Range(0, closes.Length).Select(i => $"SYM{i}USDT").ToArray(), CandleInterval.OneHour, times, closes, forecasts, firstTraded, times.Length - 1);
}

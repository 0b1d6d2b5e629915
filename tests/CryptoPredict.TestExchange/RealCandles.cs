using CryptoPredict.Core.Market;

namespace CryptoPredict.TestExchange;

/// <summary>The bundled BTCUSDT 1h candles (real Binance data, 2020-01-01 onwards), which the stand-in serves.</summary>
public static class RealCandles
{
    private static readonly Lazy<CandleSeries> Btc = new(() =>
        CandleFileReader.Read(Path, new CandleReadOptions { Symbol = "BTCUSDT", Interval = CandleInterval.OneHour }).Series);

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "StandInData", "BTCUSDT_1h.csv");

    public static CandleSeries Btc1h => Btc.Value;

    /// <summary>The data rows of the bundled file, as text, for byte-for-byte comparisons with a fetched file.</summary>
    public static IReadOnlyList<string> Btc1hLines(int start, int count) => File.ReadLines(Path).Skip(1 + start).Take(count).ToArray();
}

namespace CryptoPredict.Core.Market.Binance;

/// <summary>The kline intervals Binance serves, spelled as its <c>interval</c> parameter wants them.</summary>
public static class BinanceIntervals
{
    // 1s and 1M exist too, but CandleInterval has no seconds or months (a month is not a fixed duration).
    private static readonly string[] Names = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w"];

    public static IReadOnlyList<string> Supported => Names;

    /// <summary>The parameter value for <paramref name="interval"/>, or false when Binance has no such interval.</summary>
    public static bool TryName(CandleInterval interval, out string name)
    {
        name = interval.ToString();
        return Names.Contains(name, StringComparer.Ordinal);
    }
}

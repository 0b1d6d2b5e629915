using CryptoPredict.Core.Market;
using CryptoPredict.TestExchange;

namespace CryptoPredict.Core.Tests.Market.Binance;

/// <summary>The real candles the fetch tests serve, and instants around them.</summary>
internal static class StandInTimes
{
    /// <summary>The first <paramref name="count"/> bundled BTCUSDT 1h candles.</summary>
    public static IReadOnlyList<Candle> Btc(int count) => RealCandles.Btc1h.Take(count).ToArray();

    /// <summary>A moment well after the first few thousand candles: all of them have closed.</summary>
    public static readonly DateTime Later = new(2020, 9, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime FirstOpen = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}

namespace CryptoPredict.Core.Market.Binance;

/// <summary>
/// One page request: candles of <paramref name="Symbol"/> and <paramref name="Interval"/> whose open time lies in
/// <c>[Start, End]</c> (both inclusive, as Binance reads <c>startTime</c> and <c>endTime</c>), at most
/// <paramref name="Limit"/> of them, oldest first.
/// </summary>
public sealed record KlineQuery(string Symbol, CandleInterval Interval, DateTime Start, DateTime End, int Limit = KlineQuery.MaxLimit)
{
    /// <summary>The most rows Binance returns for one request.</summary>
    public const int MaxLimit = 1000;
}

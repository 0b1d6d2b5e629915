namespace CryptoPredict.Core.Market.Binance;

/// <summary>
/// One row of Binance's <c>/api/v3/klines</c>: the candle, and its close time (the last millisecond of the candle),
/// which tells a closed candle from one still forming.
/// </summary>
public readonly record struct Kline(Candle Candle, DateTime CloseTime)
{
    public DateTime OpenTime => Candle.OpenTime;

    /// <summary>True when the candle has closed before <paramref name="now"/>: only such candles are final.</summary>
    public bool IsClosedAt(DateTime now) => CloseTime < now;
}

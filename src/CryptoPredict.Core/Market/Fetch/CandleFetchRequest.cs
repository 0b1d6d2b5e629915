namespace CryptoPredict.Core.Market.Fetch;

/// <summary>
/// Which candles to fetch into <c>DataDirectory/SYMBOL_INTERVAL.csv</c>. A new file needs <see cref="Since"/>; an
/// existing one continues from its last candle (<see cref="Since"/>, when given, must lie inside the file: the
/// candles from there to its end are fetched again and compared). <see cref="Until"/> is exclusive and defaults to
/// now; candles still forming are never stored.
/// </summary>
public sealed record CandleFetchRequest(string Symbol, CandleInterval Interval, string DataDirectory)
{
    /// <summary>Earliest open time to fetch (UTC).</summary>
    public DateTime? Since { get; init; }

    /// <summary>Candles opening at or after this instant (UTC) are not fetched; null: now.</summary>
    public DateTime? Until { get; init; }
}

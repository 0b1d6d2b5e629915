using CryptoPredict.Core.Market.Binance;

namespace CryptoPredict.Core.Market.Fetch;

/// <summary>What a fetch did to <see cref="Path"/>, and what it cost.</summary>
public sealed record CandleFetchResult
{
    public required string Path { get; init; }

    public required string Symbol { get; init; }

    public required CandleInterval Interval { get; init; }

    /// <summary>True when the file did not exist before this fetch.</summary>
    public required bool Created { get; init; }

    /// <summary>First open time asked for and the exclusive end of the range.</summary>
    public required DateTime From { get; init; }

    public required DateTime Until { get; init; }

    /// <summary>Candles appended to the file (0: it was up to date and was not rewritten).</summary>
    public required int CandlesAdded { get; init; }

    /// <summary>Open times of the first and last appended candle; null when none was.</summary>
    public DateTime? FirstAdded { get; init; }

    public DateTime? LastAdded { get; init; }

    /// <summary>Fetched candles that were already stored and matched what is stored.</summary>
    public required int CandlesVerified { get; init; }

    /// <summary>Candles the service returned that were still forming (close time not yet past), not stored.</summary>
    public required int FormingDropped { get; init; }

    /// <summary>Candles in the file after the fetch, and its first and last open time.</summary>
    public required int CandlesInFile { get; init; }

    public DateTime? FileFirst { get; init; }

    public DateTime? FileLast { get; init; }

    /// <summary>Pages asked for, HTTP requests sent (retries included), and the retries with their waits.</summary>
    public required int Requests { get; init; }

    public required int Attempts { get; init; }

    public required IReadOnlyList<KlineRetry> Retries { get; init; }

    /// <summary>Temporary files of earlier, killed fetches that were removed.</summary>
    public int LeftoversRemoved { get; init; }
}

namespace CryptoPredict.Core.Market.Binance;

/// <summary>What happened during one request (one page) across its attempts: filled by the resilience pipeline's callbacks.</summary>
internal sealed class BinanceRequestLog(long startedTimestamp)
{
    public long StartedTimestamp { get; } = startedTimestamp;

    public int Attempts { get; set; }

    public List<KlineRetry> Retries { get; } = [];

    /// <summary>The whole-request budget ran out (as opposed to the last attempt timing out).</summary>
    public bool BudgetSpent { get; set; }

    /// <summary>A throttling answer asked for a wait the remaining budget could not hold; retrying was pointless.</summary>
    public TimeSpan? RefusedWait { get; set; }
}

using CryptoPredict.Core.Market.Binance;

namespace CryptoPredict.Core.Market.Fetch;

/// <summary>Hears how a fetch goes, for progress bars and logs. Calls come from the fetching task, one at a time.</summary>
public interface ICandleFetchObserver
{
    void OnStart(CandleFetchPlan plan);

    void OnPage(CandleFetchPage page);

    void OnRetry(KlineRetry retry);
}

/// <summary>
/// The range a fetch will ask for and how many candles and pages that is at most (the service may have fewer: a
/// symbol listed later, or gaps), with the file's state before it.
/// </summary>
public sealed record CandleFetchPlan(string Path, DateTime From, DateTime Until, int ExpectedCandles, int ExpectedPages, int StoredCandles, DateTime? StoredLast);

/// <summary>One page received: its number (from 1), its rows, all new candles so far, and the last open time in it.</summary>
public sealed record CandleFetchPage(int Number, int Rows, int NewCandles, DateTime? LastOpenTime);

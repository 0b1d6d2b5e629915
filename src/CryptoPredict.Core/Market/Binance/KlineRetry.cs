namespace CryptoPredict.Core.Market.Binance;

/// <summary>
/// A retry the client made: which attempt failed (1 is the first request), why (<c>HTTP 429</c>, <c>timeout</c>,
/// <c>connection refused</c>...), and how long it waited before the next one.
/// </summary>
public sealed record KlineRetry(int FailedAttempt, string Reason, TimeSpan Delay);

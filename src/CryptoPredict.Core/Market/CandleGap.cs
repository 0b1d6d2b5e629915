namespace CryptoPredict.Core.Market;

/// <summary>
/// Missing candles between two rows of a series: <paramref name="Start"/> and <paramref name="End"/> are the open
/// times of the first and last missing candle (equal when one is missing).
/// </summary>
public sealed record CandleGap(DateTime Start, DateTime End, int MissingCount);

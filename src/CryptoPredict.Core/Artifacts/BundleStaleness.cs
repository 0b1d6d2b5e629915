namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// How far a bundle is behind: the age of the last candle it was trained on (from that candle's close to now), and
/// the candles the data folder's file has after it, read the way <c>predict</c> reads them. When the file cannot be
/// read, <see cref="Error"/> says why and the file's fields are null.
/// </summary>
/// <param name="Age">From the close of the training data's last candle to now.</param>
/// <param name="DataFile">The candle file read, or null when there is none to read.</param>
/// <param name="DataLastCandle">Open time of the file's last candle (at the model's interval).</param>
/// <param name="NewerCandles">Candles of the file (at the model's interval) that open after the training data's last one.</param>
/// <param name="Error">Why the data folder gave no candles; null when it did.</param>
public sealed record BundleStaleness(TimeSpan Age, string? DataFile, DateTime? DataLastCandle, int? NewerCandles, string? Error);

namespace CryptoPredict.Core.Indicators;

/// <summary>
/// Relative distance of the close to each Fibonacci retracement level of the rolling high/low range,
/// (close - level) / close, one value per candle. Level r is high - r * (high - low).
/// </summary>
public sealed record FibonacciResult(double[] Level236, double[] Level382, double[] Level500, double[] Level618, double[] Level786);

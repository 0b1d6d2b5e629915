namespace CryptoPredict.Core.Indicators;

/// <summary>MACD line, its signal line and the histogram (line minus signal), one value per candle.</summary>
public sealed record MacdResult(double[] Macd, double[] Signal, double[] Histogram);

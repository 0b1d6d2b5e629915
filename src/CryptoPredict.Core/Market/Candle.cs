namespace CryptoPredict.Core.Market;

/// <summary>One OHLCV candle. <see cref="OpenTime"/> is the candle's open time in UTC.</summary>
public readonly record struct Candle(DateTime OpenTime, double Open, double High, double Low, double Close, double Volume);

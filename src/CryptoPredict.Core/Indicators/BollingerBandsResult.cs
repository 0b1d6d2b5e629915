namespace CryptoPredict.Core.Indicators;

/// <summary>
/// Bollinger Bands, one value per candle. <see cref="Width"/> is (upper - lower) / middle;
/// <see cref="PercentB"/> is (close - lower) / (upper - lower), 0.5 when the bands coincide.
/// </summary>
public sealed record BollingerBandsResult(double[] Upper, double[] Middle, double[] Lower, double[] Width, double[] PercentB);

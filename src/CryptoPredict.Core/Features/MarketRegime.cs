namespace CryptoPredict.Core.Features;

/// <summary>
/// Direction of the market over a horizon (seed 004). The numeric values are the class indices a
/// regime target column holds.
/// </summary>
public enum MarketRegime
{
    Bearish = 0,
    Neutral = 1,
    Bullish = 2,
}

namespace CryptoPredict.Core.Features;

/// <summary>One of a candle's four prices.</summary>
public enum PriceField
{
    Open,
    High,
    Low,
    Close,
}

namespace CryptoPredict.Core.Prediction;

public enum TradeSignal
{
    Hold,
    Buy,
    Sell,
}

namespace CryptoPredict.Core.Features;

/// <summary>
/// Price targets are learned as the log return against the last known close,
/// <c>ln(price / close_t)</c>, so a model cannot score by copying the last price and the target's
/// scale does not drift with the market (DESIGN.md, data semantics). These turn them back.
/// </summary>
public static class PriceTargets
{
    public static double ToLogReturn(double price, double lastClose)
    {
        RequirePositive(price, nameof(price));
        RequirePositive(lastClose, nameof(lastClose));
        return Math.Log(price / lastClose);
    }

    public static double ToPrice(double logReturn, double lastClose)
    {
        RequirePositive(lastClose, nameof(lastClose));
        return lastClose * Math.Exp(logReturn);
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite price, got {value}.");
        }
    }
}

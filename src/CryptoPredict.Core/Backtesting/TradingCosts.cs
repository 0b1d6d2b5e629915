using System.Globalization;

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// What a change of position costs, in basis points of the traded notional: the exchange fee plus the slippage
/// assumed on top. Both are charged on every change, |position_t - position_{t-1}|, so reversing from long to short
/// pays twice.
/// </summary>
public sealed record TradingCosts
{
    /// <summary>Binance's spot taker fee, 0.1%.</summary>
    public const double DefaultFeeBps = 10;

    public TradingCosts(double feeBps, double slippageBps)
    {
        Require(feeBps, nameof(feeBps));
        Require(slippageBps, nameof(slippageBps));
        FeeBps = feeBps;
        SlippageBps = slippageBps;
    }

    public double FeeBps { get; }

    public double SlippageBps { get; }

    /// <summary>Fraction of equity paid per unit of position changed: (fee + slippage) / 10,000.</summary>
    public double PerUnitTurnover => (FeeBps + SlippageBps) / 10_000;

    public static TradingCosts None { get; } = new(0, 0);

    private static void Require(double bps, string name)
    {
        if (!(bps >= 0 && bps < 10_000))
        {
            throw new ArgumentOutOfRangeException(name, bps, string.Create(CultureInfo.InvariantCulture, $"{name} must be at least 0 and below 10000 basis points, got {bps}."));
        }
    }
}

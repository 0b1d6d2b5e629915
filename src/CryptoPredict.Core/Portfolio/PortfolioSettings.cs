using System.Globalization;
using CryptoPredict.Core.Backtesting;

namespace CryptoPredict.Core.Portfolio;

/// <summary>
/// How the portfolio is built and traded: the cap on each weight, the risk aversion L of the mean-variance
/// objective, how many candles pass between rebalances, how many trailing returns the covariance is estimated from,
/// and the costs of trading.
/// </summary>
public sealed record PortfolioSettings
{
    public const double DefaultMaxWeight = 0.5;

    /// <summary>
    /// With hourly returns of about 1% (variance 1e-4), L = 10 puts a full unit of weight on a symbol forecast to rise
    /// 0.1% in the next candle when uncorrelated with the rest: w = mu / (L sigma^2).
    /// </summary>
    public const double DefaultRiskAversion = 10;

    public const int DefaultRebalanceEvery = 24;

    public const int DefaultLookback = 168;

    public PortfolioSettings(double maxWeight, double riskAversion, int rebalanceEvery, int lookback, TradingCosts costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        if (Problem(maxWeight, riskAversion, rebalanceEvery, lookback) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWeight), problem);
        }

        MaxWeight = maxWeight;
        RiskAversion = riskAversion;
        RebalanceEvery = rebalanceEvery;
        Lookback = lookback;
        Costs = costs;
    }

    public static PortfolioSettings Default { get; } = new(DefaultMaxWeight, DefaultRiskAversion, DefaultRebalanceEvery, DefaultLookback, new TradingCosts(TradingCosts.DefaultFeeBps, 0));

    public double MaxWeight { get; }

    public double RiskAversion { get; }

    public int RebalanceEvery { get; }

    public int Lookback { get; }

    public TradingCosts Costs { get; }

    /// <summary>What is wrong with these settings, in words naming the option; null when they are usable.</summary>
    public static string? Problem(double maxWeight, double riskAversion, int rebalanceEvery, int lookback) =>
        !(maxWeight > 0 && maxWeight <= 1) ? Invariant($"--max-weight {maxWeight}: use a fraction above 0 and at most 1, such as 0.5.")
        : !(riskAversion > 0) || !double.IsFinite(riskAversion) ? Invariant($"--risk-aversion {riskAversion}: use a finite number above 0, such as 10.")
        : rebalanceEvery < 1 ? Invariant($"--rebalance-every {rebalanceEvery}: use a number of candles of at least 1, such as 24.")
        : lookback < 2 ? Invariant($"--lookback {lookback}: the covariance needs at least 2 trailing returns; use a number of candles such as 168.")
        : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

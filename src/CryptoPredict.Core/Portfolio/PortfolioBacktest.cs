using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Failures;
using MathNet.Numerics.LinearAlgebra;

namespace CryptoPredict.Core.Portfolio;

/// <summary>
/// Trades mean-variance weights built from the models' forecasts, rebalanced every N candles, beside equal weight
/// (rebalanced on the same schedule, ignoring the cap) and buy-and-hold of the first symbol. At the rebalance on
/// traded row k the expected returns are the forecasts of row k (made at the close before it) and the covariance is
/// the shrunk covariance (<see cref="LedoitWolfCovariance"/>) of the last <see cref="PortfolioSettings.Lookback"/>
/// returns before row k (rows before the traded part count, row k itself never does): nothing a weight depends on
/// comes from its own candle or later.
/// </summary>
public static class PortfolioBacktest
{
    public static PortfolioResult Run(PortfolioMarket market, PortfolioSettings settings)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(settings);
        var p = market.Symbols.Count;
        if (market.FirstTraded - 1 < 2)
        {
            throw new RequestException(FailureKind.BadData, $"The covariance needs at least 2 returns before the first traded candle ({market.Times[market.FirstTraded]:yyyy-MM-dd HH:mm} UTC); the candles all symbols share give {market.FirstTraded - 1}.");
        }

        var returns = market.TradedReturns();
        var rebalances = new List<Rebalance>();
        for (var t = 0; t < market.Count; t += settings.RebalanceEvery)
        {
            rebalances.Add(Rebalance(market, settings, market.FirstTraded + t));
        }

        var targets = rebalances.Select(r => r.Weights).ToArray();
        var equal = Enumerable.Repeat(1.0 / p, p).ToArray();
        var first = Enumerable.Range(0, p).Select(i => i == 0 ? 1.0 : 0).ToArray();
        var cost = settings.Costs.PerUnitTurnover;
        var periods = market.PeriodsPerYear;
        PortfolioRun Trade(Func<int, IReadOnlyList<double>?> targetAt) => PortfolioRun.Of(PortfolioAccounting.Simulate(returns, targetAt, cost), periods);

        return new PortfolioResult(
            market,
            settings,
            Trade(t => t % settings.RebalanceEvery == 0 ? targets[t / settings.RebalanceEvery] : null),
            Trade(t => t % settings.RebalanceEvery == 0 ? equal : null),
            Trade(t => t == 0 ? first : null),
            rebalances);
    }

    private static Rebalance Rebalance(PortfolioMarket market, PortfolioSettings settings, int row)
    {
        var p = market.Symbols.Count;
        var from = Math.Max(1, row - settings.Lookback);
        var history = Matrix<double>.Build.Dense(row - from, p, (r, i) => market.Return(i, from + r));
        var covariance = LedoitWolfCovariance.Estimate(history);
        var mu = new double[p];
        var caps = new double[p];
        for (var i = 0; i < p; i++)
        {
            var forecast = market.Forecast(i, row);
            mu[i] = double.IsNaN(forecast) ? 0 : forecast;
            caps[i] = double.IsNaN(forecast) ? 0 : settings.MaxWeight;
        }

        var weights = MeanVarianceWeights.Solve(mu, covariance.Covariance, settings.RiskAversion, caps);
        return new Rebalance(market.Times[row], mu, weights, covariance.Shrinkage, row - from);
    }
}

/// <summary>One rebalance: when, the expected returns, the weights chosen, the shrinkage and how many returns it looked back on.</summary>
public sealed record Rebalance(DateTime Time, IReadOnlyList<double> ExpectedReturns, IReadOnlyList<double> Weights, double Shrinkage, int Returns);

/// <summary>One portfolio's curve and figures.</summary>
public sealed record PortfolioRun(PortfolioCurve Curve, PerformanceMetrics Metrics)
{
    public static PortfolioRun Of(PortfolioCurve curve, double periodsPerYear) => new(curve, curve.Metrics(periodsPerYear));
}

/// <summary>The mean-variance portfolio beside equal weight and buy-and-hold of the first symbol, over the same candles.</summary>
public sealed record PortfolioResult(
    PortfolioMarket Market,
    PortfolioSettings Settings,
    PortfolioRun Strategy,
    PortfolioRun EqualWeight,
    PortfolioRun BuyAndHold,
    IReadOnlyList<Rebalance> Rebalances);

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// Trades a model's forecasts with a <see cref="PositionRule"/> and sets the result beside the two strategies any
/// signal has to beat: buy-and-hold (long 1 over every candle, paying the entry like the strategy does) and
/// always-flat; then asks how often a random-sign strategy with the same exposure does as well
/// (<see cref="RandomSignTest"/>).
/// </summary>
public static class Backtest
{
    public static BacktestResult Run(ModelForecasts forecasts, PositionRule rule, TradingCosts costs, RandomSignTest? randomTest = null)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(costs);
        var test = randomTest ?? RandomSignTest.Default;
        var priceReturns = forecasts.PriceReturns();
        var periods = forecasts.PeriodsPerYear;
        var positions = rule.Positions(forecasts);
        StrategyRun Trade(double[] held) => StrategyRun.Of(EquityCurve.Simulate(priceReturns, held, costs.PerUnitTurnover), periods);

        var strategy = Trade(positions);
        var buyAndHold = Trade(Enumerable.Repeat(1.0, forecasts.Count).ToArray());
        var flat = Trade(new double[forecasts.Count]);
        var pValue = test.PValue(priceReturns, positions, costs.PerUnitTurnover, periods);
        return new BacktestResult(forecasts, rule, costs, test, strategy, buyAndHold, flat, pValue);
    }
}

/// <summary>One strategy's equity curve and its figures.</summary>
public sealed record StrategyRun(EquityCurve Curve, PerformanceMetrics Metrics)
{
    public static StrategyRun Of(EquityCurve curve, double periodsPerYear) => new(curve, PerformanceMetrics.Compute(curve, periodsPerYear));
}

/// <summary>
/// A backtest: what was traded and how, the strategy next to buy-and-hold and always-flat over the same candles, and
/// the p-value of the strategy's Sharpe (NaN when it never holds a position).
/// </summary>
public sealed record BacktestResult(
    ModelForecasts Forecasts,
    PositionRule Rule,
    TradingCosts Costs,
    RandomSignTest RandomTest,
    StrategyRun Strategy,
    StrategyRun BuyAndHold,
    StrategyRun Flat,
    double PValue);

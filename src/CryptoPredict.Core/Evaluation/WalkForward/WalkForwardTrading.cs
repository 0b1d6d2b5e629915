using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// How each walk-forward fold's forecasts are traded on its test block, with <c>backtest</c>'s rules and defaults:
/// price models long above +threshold and short below -threshold, the regime model by class, the volatility model
/// scaled to an annual volatility target; the same fee per unit of position changed.
/// </summary>
public sealed record WalkForwardTrading
{
    public double Threshold { get; init; } = Predictor.DefaultThreshold;

    public bool LongOnly { get; init; }

    public double VolatilityTarget { get; init; } = VolatilityTargetRule.DefaultAnnualTarget;

    public TradingCosts Costs { get; init; } = new(TradingCosts.DefaultFeeBps, 0);

    public PositionRule RuleFor(ForecastKind kind, double periodsPerYear) => kind switch
    {
        ForecastKind.Regime => new RegimeRule(LongOnly),
        ForecastKind.Volatility => new VolatilityTargetRule(VolatilityTarget, periodsPerYear),
        _ => new ThresholdRule(Threshold, LongOnly),
    };
}

/// <summary>
/// The folds' trading taken together: their test candles one after another (the purge gaps between blocks are not
/// traded), the strategy's positions as each fold's model set them, beside buy-and-hold and flat over the same candles.
/// </summary>
public sealed record WalkForwardTradingResult(StrategyRun Strategy, StrategyRun BuyAndHold, StrategyRun Flat, int Candles)
{
    public static WalkForwardTradingResult Pool(IReadOnlyList<BacktestResult> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Count == 0)
        {
            throw new ArgumentException("There is no fold to pool.", nameof(folds));
        }

        var returns = folds.SelectMany(f => f.Forecasts.PriceReturns()).ToArray();
        var positions = folds.SelectMany(f => f.Strategy.Curve.Positions).ToArray();
        var cost = folds[0].Costs.PerUnitTurnover;
        var periods = folds[0].Forecasts.PeriodsPerYear;
        StrategyRun Trade(double[] held) => StrategyRun.Of(EquityCurve.Simulate(returns, held, cost), periods);
        return new WalkForwardTradingResult(Trade(positions), Trade(Enumerable.Repeat(1.0, returns.Length).ToArray()), Trade(new double[returns.Length]), returns.Length);
    }
}

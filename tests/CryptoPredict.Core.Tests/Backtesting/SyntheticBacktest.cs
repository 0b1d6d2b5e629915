using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Tests.Backtesting;

/// <summary>A backtest of made-up forecasts over 600 hourly candles of a wavy price, for the report tests (no model needed).</summary>
internal static class SyntheticBacktest
{
    public static BacktestReport Report(bool withSweep = false, string title = "lstm on BTCUSDT 1h: backtest")
    {
        var n = 600;
        var closes = Enumerable.Range(1, n).Select(i => 100 * (1 + (0.2 * Math.Sin(i / 40.0)) + (0.0004 * i))).ToArray();

        // The forecast sees the slope of the wave a little late (from the close before), with noise by index.
        var changes = Enumerable.Range(1, n).Select(i => (0.2 * Math.Cos((i - 3) / 40.0) / 40) + (0.001 * Math.Sin(i * 1.7))).ToArray();
        var forecasts = TinySeries.Prices(100, closes, changes);
        var rule = new ThresholdRule(0.002, longOnly: false);
        var result = Backtest.Run(forecasts, rule, new TradingCosts(10, 2));
        SweepChoice? sweep = withSweep ? new ThresholdSweep(0.00005, 0.00305, 4).Choose(forecasts, false, new TradingCosts(10, 2)) : null;
        return new BacktestReport(
            title,
            [new ReportField("Model", "lstm"), new ReportField("Rule", rule.Description), new ReportField("Costs", "10 bps fee + 2 bps slippage")],
            result,
            sweep);
    }
}

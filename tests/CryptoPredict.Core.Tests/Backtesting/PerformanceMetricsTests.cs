using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Backtesting;

public class PerformanceMetricsTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData("1h", 8760)]
    [InlineData("15m", 35040)]
    [InlineData("4h", 2190)]
    [InlineData("1d", 365)]
    public void A_year_is_365_days_of_candles(string interval, double periods) =>
        Annualisation.PeriodsPerYear(CandleInterval.Parse(interval)).Should().Be(periods);

    [Fact]
    public void Every_figure_matches_the_hand_computed_value()
    {
        // Net returns 0.099, 0.098, -0.001, 0.099 (see EquityCurveTests), 1h candles.
        var curve = EquityCurve.Simulate([0.1, -0.1, 0, 0.1], [1, -1, 0, 1], 0.001);

        var metrics = PerformanceMetrics.Compute(curve, 8760);

        // Mean 0.07375; deviations 0.02525, 0.02425, -0.07475, 0.02525; sum of squares 0.00745075; sample std
        // sqrt(0.00745075 / 3) = 0.0498355629...; Sharpe 0.07375 / 0.0498355629 x sqrt(8760) = 138.5079525...
        metrics.Sharpe.Should().BeApproximately(0.07375 / Math.Sqrt(0.00745075 / 3) * Math.Sqrt(8760), Tolerance);
        metrics.Sharpe.Should().BeApproximately(138.5079525060761, 1e-9);

        // Downside: only -0.001; sqrt(0.000001 / 4) = 0.0005.
        metrics.Sortino.Should().BeApproximately(0.07375 / 0.0005 * Math.Sqrt(8760), 1e-7);
        metrics.TotalReturn.Should().BeApproximately((1.099 * 1.098 * 0.999 * 1.099) - 1, Tolerance);
        metrics.TotalReturn.Should().BeApproximately(0.3248393325020003, 1e-12);

        // The only drawdown is the -0.1% candle.
        metrics.MaxDrawdown.Should().BeApproximately(0.001, Tolerance);
        // Four hours compounded over a year: a huge but finite CAGR, compared relatively.
        (metrics.Cagr / (Math.Pow(1.3248393325020003, 8760 / 4.0) - 1)).Should().BeApproximately(1, 1e-9);
        metrics.Calmar.Should().BeApproximately(metrics.Cagr / 0.001, Math.Abs(metrics.Calmar) * 1e-12);

        // In the market on candles 0, 1 and 3, all with a gain.
        metrics.HitRate.Should().Be(1.0);
        metrics.Trades.Should().Be(4);
        metrics.Turnover.Should().Be(5);
        metrics.Exposure.Should().Be(0.75);
    }

    [Fact]
    public void Daily_figures_of_a_long_curve_with_a_drawdown()
    {
        // Equity 1.2, 0.9, 1.0, 1.3, 1.04 over five daily candles, no costs.
        var curve = EquityCurve.Simulate([0.2, -0.25, 1 / 9.0, 0.3, -0.2], [1, 1, 1, 1, 1], 0);

        var metrics = PerformanceMetrics.Compute(curve, 365);

        metrics.TotalReturn.Should().BeApproximately(0.04, Tolerance);
        metrics.Cagr.Should().BeApproximately(Math.Pow(1.04, 365 / 5.0) - 1, 1e-9);
        metrics.Cagr.Should().BeApproximately(16.51595290392506, 1e-9);
        metrics.MaxDrawdown.Should().BeApproximately(0.25, Tolerance);
        metrics.Calmar.Should().BeApproximately(16.51595290392506 / 0.25, 1e-8);
        metrics.Sharpe.Should().BeApproximately(2.515007499807544, 1e-9);
        metrics.Sortino.Should().BeApproximately(4.299569665377864, 1e-9);
        metrics.HitRate.Should().Be(0.6);
        metrics.Trades.Should().Be(1, "buying at the start is the only trade");
        metrics.Turnover.Should().Be(1);
        metrics.Exposure.Should().Be(1);
    }

    [Fact]
    public void Always_flat_has_zero_returns_and_undefined_ratios()
    {
        var metrics = PerformanceMetrics.Compute(EquityCurve.Simulate([0.1, -0.2, 0.05], [0, 0, 0], 0.001), 8760);

        metrics.TotalReturn.Should().Be(0);
        metrics.Cagr.Should().Be(0);
        metrics.MaxDrawdown.Should().Be(0);
        metrics.Sharpe.Should().Be(double.NaN, "returns that never vary have no Sharpe");
        metrics.Sortino.Should().Be(double.NaN);
        metrics.Calmar.Should().Be(double.NaN);
        metrics.HitRate.Should().Be(double.NaN, "never in the market");
        metrics.Trades.Should().Be(0);
        metrics.Turnover.Should().Be(0);
        metrics.Exposure.Should().Be(0);
    }

    [Fact]
    public void A_curve_without_losses_has_no_sortino_and_a_lost_equity_has_a_cagr_of_minus_one()
    {
        var gains = PerformanceMetrics.Compute(EquityCurve.Simulate([0.01, 0.02], [1, 1], 0), 8760);
        gains.Sortino.Should().Be(double.NaN);
        gains.Calmar.Should().Be(double.NaN, "no drawdown");
        gains.Sharpe.Should().BeApproximately(0.015 / Math.Sqrt(0.00005) * Math.Sqrt(8760), 1e-9);

        // A short through a price that triples loses twice the equity.
        var ruined = PerformanceMetrics.Compute(EquityCurve.Simulate([2.0], [-1], 0), 8760);
        ruined.TotalReturn.Should().Be(-2);
        ruined.Cagr.Should().Be(-1);
        ruined.Sharpe.Should().Be(double.NaN, "one candle has no sample deviation");
    }
}

using CryptoPredict.Core.Portfolio;

namespace CryptoPredict.Core.Tests.Portfolio;

public class PortfolioAccountingTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Two_symbols_drift_between_rebalances_and_pay_the_fee_on_every_weight_changed()
    {
        // Returns per candle (A, B): (+10%, 0), (-10%, +20%), (+5%, -5%). Targets (0.5, 0.5) at candle 0 and
        // (0.5, 0.25) at candle 2; 10 bps.
        double[][] returns = [[0.10, 0.00], [-0.10, 0.20], [0.05, -0.05]];
        double[][] targets = [[0.5, 0.5], [], [0.5, 0.25]];

        var curve = PortfolioAccounting.Simulate(returns, t => targets[t].Length > 0 ? targets[t] : null, 0.001);

        // Candle 0: entering from cash trades 1 unit; gross 0.05. Weights drift to (0.55, 0.5) / 1.05.
        curve.Traded[0].Should().BeApproximately(1, Tolerance);
        curve.Curve.Returns[0].Should().BeApproximately(0.05 - 0.001, Tolerance);

        // Candle 1: no trade, the drifted weights earn (0.55 x -0.1 + 0.5 x 0.2) / 1.05; they drift to (0.495, 0.6) / 1.095.
        curve.Weights[1][0].Should().BeApproximately(0.55 / 1.05, Tolerance);
        curve.Weights[1][1].Should().BeApproximately(0.5 / 1.05, Tolerance);
        curve.Traded[1].Should().Be(0);
        curve.Curve.Returns[1].Should().BeApproximately(0.045 / 1.05, Tolerance);

        // Candle 2: back to (0.5, 0.25) from the drifted weights.
        var change = Math.Abs(0.5 - (0.495 / 1.095)) + Math.Abs(0.25 - (0.6 / 1.095));
        curve.Traded[2].Should().BeApproximately(change, Tolerance);
        curve.Curve.Returns[2].Should().BeApproximately((0.5 * 0.05) + (0.25 * -0.05) - (0.001 * change), Tolerance);
        curve.Curve.Equity[2].Should().BeApproximately(1.049 * (1 + (0.045 / 1.05)) * (1 + 0.0125 - (0.001 * change)), Tolerance);

        var metrics = curve.Metrics(8760);
        metrics.Trades.Should().Be(2, "two candles traded weight");
        metrics.Turnover.Should().BeApproximately(1 + change, Tolerance);
        metrics.Exposure.Should().BeApproximately((1 + 1 + 0.75) / 3, Tolerance, "the invested fraction: drift moves no money to cash");
        metrics.TotalReturn.Should().BeApproximately(curve.Curve.Equity[2] - 1, Tolerance);
        curve.MeanWeights()[1].Should().BeApproximately((0.5 + (0.5 / 1.05) + 0.25) / 3, Tolerance);
    }

    [Fact]
    public void Going_to_cash_pays_for_the_exit_and_holding_one_symbol_never_trades_again()
    {
        double[][] returns = [[0.02, 0.01], [0.03, -0.01], [-0.01, 0.04]];

        var exit = PortfolioAccounting.Simulate(returns, t => t == 0 ? [0.4, 0] : t == 2 ? [0.0, 0.0] : null, 0.001);
        exit.Curve.Returns[2].Should().BeApproximately(-0.001 * (0.4 * 1.02 * 1.03 / ((1 + 0.008) * (1 + (0.4 * 1.02 / 1.008 * 0.03)))), Tolerance);
        exit.Curve.Positions[2].Should().Be(0);

        var hold = PortfolioAccounting.Simulate(returns, t => t == 0 ? [1.0, 0] : null, 0.001);
        hold.Traded.Skip(1).Should().OnlyContain(c => c == 0);
        hold.Weights.Should().OnlyContain(w => Math.Abs(w[0] - 1) < Tolerance && w[1] == 0, "a single symbol's weight stays 1 as its price moves");
        hold.Curve.Equity[2].Should().BeApproximately((1.02 - 0.001) * 1.03 * 0.99, Tolerance);
    }

    [Fact]
    public void Weights_outside_the_budget_are_refused()
    {
        var act = () => PortfolioAccounting.Simulate([[0.01, 0.01]], _ => [0.7, 0.6], 0);

        act.Should().Throw<ArgumentException>().WithMessage("*candle 0*summing to at most 1*");
    }
}

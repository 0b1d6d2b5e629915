using CryptoPredict.Core.Backtesting;

namespace CryptoPredict.Core.Tests.Backtesting;

public class EquityCurveTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Long_short_and_flat_pay_the_cost_on_every_change_of_position()
    {
        // Closes 100 -> 110 -> 99 -> 99 -> 108.9: moves +10%, -10%, 0, +10%. Positions long, short, flat, long at
        // 10 bps: changes 1, 2 (a reversal pays twice), 1, 1.
        double[] moves = [0.1, -0.1, 0, 0.1];
        double[] positions = [1, -1, 0, 1];

        var curve = EquityCurve.Simulate(moves, positions, 0.001);

        curve.Returns[0].Should().BeApproximately(0.1 - 0.001, Tolerance);
        curve.Returns[1].Should().BeApproximately(0.1 - 0.002, Tolerance, "short over a 10% fall earns 10%, less two units of cost");
        curve.Returns[2].Should().BeApproximately(-0.001, Tolerance, "going flat still pays for the exit");
        curve.Returns[3].Should().BeApproximately(0.099, Tolerance);
        curve.Equity[0].Should().BeApproximately(1.099, Tolerance);
        curve.Equity[1].Should().BeApproximately(1.099 * 1.098, Tolerance);
        curve.Equity[2].Should().BeApproximately(1.099 * 1.098 * 0.999, Tolerance);
        curve.Equity[3].Should().BeApproximately(1.099 * 1.098 * 0.999 * 1.099, Tolerance);
        curve.Positions.Should().Equal(positions);
    }

    [Fact]
    public void Holding_a_position_costs_nothing_and_a_flat_curve_stays_at_one()
    {
        var held = EquityCurve.Simulate([0.02, -0.01, 0.03], [0.5, 0.5, 0.5], 0.01);
        held.Returns.Should().Equal([(0.5 * 0.02) - (0.01 * 0.5), 0.5 * -0.01, 0.5 * 0.03], "only the entry pays");

        var flat = EquityCurve.Simulate([0.02, -0.01, 0.03], [0, 0, 0], 0.01);
        flat.Returns.Should().OnlyContain(r => r == 0);
        flat.Equity.Should().OnlyContain(e => e == 1);
        flat.Drawdowns().Should().OnlyContain(d => d == 0);
    }

    [Fact]
    public void Drawdown_is_measured_from_the_running_peak_including_the_start()
    {
        // Equity 1 -> 0.9 -> 1.2 -> 0.9 -> 1.3: the start is the first peak.
        var curve = EquityCurve.Simulate([-0.1, 1.2 / 0.9 - 1, -0.25, 1.3 / 0.9 - 1], [1, 1, 1, 1], 0);

        var drawdowns = curve.Drawdowns();

        drawdowns[0].Should().BeApproximately(0.1, Tolerance);
        drawdowns[1].Should().BeApproximately(0, Tolerance);
        drawdowns[2].Should().BeApproximately(0.25, Tolerance);
        drawdowns[3].Should().BeApproximately(0, Tolerance);
    }

    [Fact]
    public void Mismatched_or_non_finite_inputs_are_refused_with_the_index()
    {
        var lengths = () => EquityCurve.Simulate([0.1, 0.2], [1], 0);
        lengths.Should().Throw<ArgumentException>().WithMessage("*2 candles but 1 positions*");

        var nan = () => EquityCurve.Simulate([0.1, 0.2], [1, double.NaN], 0);
        nan.Should().Throw<ArgumentException>().WithMessage("positions[1] is NaN*");

        var cost = () => EquityCurve.Simulate([0.1], [1], -0.001);
        cost.Should().Throw<ArgumentOutOfRangeException>();
    }
}

using CryptoPredict.Core.Backtesting;

namespace CryptoPredict.Core.Tests.Backtesting;

public class RandomSignTestTests
{
    /// <summary>200 hourly moves of +-1% in a fixed zig-zag pattern with a little drift.</summary>
    private static readonly double[] Moves = Enumerable.Range(0, 200).Select(i => ((i * 7 % 5) < 2 ? -0.01 : 0.01) + 0.0001).ToArray();

    [Fact]
    public void The_same_seed_gives_the_same_p_value_and_another_seed_a_close_one()
    {
        var positions = Moves.Select((_, i) => i % 10 < 6 ? 1.0 : -1.0).ToArray();

        var first = new RandomSignTest(1000, 7).PValue(Moves, positions, 0.001, 8760);
        var again = new RandomSignTest(1000, 7).PValue(Moves, positions, 0.001, 8760);
        var other = new RandomSignTest(1000, 8).PValue(Moves, positions, 0.001, 8760);

        again.Should().Be(first);
        first.Should().BeInRange(1 / 1001.0, 1);
        other.Should().BeApproximately(first, 0.06, "two seeds estimate the same probability (binomial sd <= 0.016 at N = 1000)");
    }

    [Fact]
    public void Perfect_foresight_is_significant_and_its_mirror_is_not()
    {
        var foresight = Moves.Select(m => (double)Math.Sign(m)).ToArray();
        var mirror = foresight.Select(p => -p).ToArray();
        var test = new RandomSignTest(1000, 42);

        test.PValue(Moves, foresight, 0, 8760).Should().Be(1 / 1001.0, "no coin-flip strategy beats knowing every move");
        test.PValue(Moves, mirror, 0, 8760).Should().Be(1.0, "every coin-flip strategy does at least as well as always being wrong");
    }

    [Fact]
    public void A_single_holding_has_two_sign_patterns_and_flat_has_no_p_value()
    {
        var test = new RandomSignTest(1000, 42);
        var alwaysLong = Enumerable.Repeat(1.0, Moves.Length).ToArray();

        var p = test.PValue(Moves, alwaysLong, 0.001, 8760);

        // Half the draws are the strategy itself (counted), half its mirror (worse: the moves drift up).
        p.Should().BeInRange(0.45, 0.55);
        test.PValue(Moves, new double[Moves.Length], 0.001, 8760).Should().Be(double.NaN);
    }

    [Fact]
    public void The_number_of_strategies_is_bounded()
    {
        var act = () => new RandomSignTest(0, 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 1 and 1000000*");
    }
}

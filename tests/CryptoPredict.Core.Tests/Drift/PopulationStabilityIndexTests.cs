using CryptoPredict.Core.Drift;

namespace CryptoPredict.Core.Tests.Drift;

public sealed class PopulationStabilityIndexTests
{
    [Fact]
    public void Two_bins_by_hand()
    {
        // e = (0.5, 0.5), a = (0.8, 0.2): 0.3 ln(0.8/0.5) + (-0.3) ln(0.2/0.5) = 0.3 ln 4.
        PopulationStabilityIndex.FromCounts([50, 50], [80, 20]).Should().BeApproximately(0.3 * Math.Log(4), 1e-12);
        PopulationStabilityIndex.FromFractions([0.5, 0.5], [0.8, 0.2]).Should().BeApproximately(0.415888308335967, 1e-12);
    }

    [Fact]
    public void Ten_bins_by_hand()
    {
        // The reference's deciles hold 10% each; the new data piles 30% into the top bin, taken evenly from bins 0-2.
        double[] expected = [.1, .1, .1, .1, .1, .1, .1, .1, .1, .1];
        double[] actual = [.0333, .0333, .0334, .1, .1, .1, .1, .1, .1, .3];
        var byHand = (2 * (0.0333 - 0.1) * Math.Log(0.0333 / 0.1)) + ((0.0334 - 0.1) * Math.Log(0.0334 / 0.1)) + ((0.3 - 0.1) * Math.Log(0.3 / 0.1));

        PopulationStabilityIndex.FromFractions(expected, actual).Should().BeApproximately(byHand, 1e-12).And.BeApproximately(0.439445, 1e-6);
    }

    [Fact]
    public void Empty_bins_are_floored_at_1e_minus_4_instead_of_infinite()
    {
        // e = (1, 0 -> 1e-4), a = (0.5, 0.5).
        var byHand = ((0.5 - 1) * Math.Log(0.5 / 1)) + ((0.5 - 1e-4) * Math.Log(0.5 / 1e-4));

        PopulationStabilityIndex.FromCounts([10, 0], [5, 5]).Should().BeApproximately(byHand, 1e-12).And.BeApproximately(4.6043185, 1e-6);
    }

    [Fact]
    public void Identical_distributions_give_0_and_the_index_is_symmetric()
    {
        PopulationStabilityIndex.FromCounts([3, 7, 0, 12], [30, 70, 0, 120]).Should().Be(0);
        PopulationStabilityIndex.FromCounts([10, 20, 30], [30, 20, 10])
            .Should().BeApproximately(PopulationStabilityIndex.FromCounts([30, 20, 10], [10, 20, 30]), 1e-15);
    }

    [Fact]
    public void Bins_must_match_and_hold_a_value()
    {
        var act = () => PopulationStabilityIndex.FromCounts([1, 2], [1, 2, 3]);
        act.Should().Throw<ArgumentException>().WithMessage("*same bins*");
        var empty = () => PopulationStabilityIndex.FromCounts([0, 0], [1, 2]);
        empty.Should().Throw<ArgumentException>().WithMessage("*at least one counted value*");
        var negative = () => PopulationStabilityIndex.FromCounts([1, -1], [1, 2]);
        negative.Should().Throw<ArgumentException>().WithMessage("*>= 0*");
    }
}

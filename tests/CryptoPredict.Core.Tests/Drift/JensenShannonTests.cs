using CryptoPredict.Core.Drift;

namespace CryptoPredict.Core.Tests.Drift;

public sealed class JensenShannonTests
{
    [Fact]
    public void Half_and_half_against_one_bin_by_hand()
    {
        // P = (1/2, 1/2), Q = (1, 0), M = (3/4, 1/4):
        // KL(P||M) = 1/2 log2(2/3) + 1/2 log2(2) and KL(Q||M) = log2(4/3), so JS = 3/2 - 3/4 log2(3).
        var byHand = ((0.5 * Math.Log2(2.0 / 3)) + (0.5 * Math.Log2(2)) + Math.Log2(4.0 / 3)) / 2;

        JensenShannon.FromFractions([0.5, 0.5], [1, 0]).Should().BeApproximately(byHand, 1e-12);
        JensenShannon.FromCounts([5, 5], [8, 0]).Should().BeApproximately(1.5 - (0.75 * Math.Log2(3)), 1e-12).And.BeApproximately(0.3112781, 1e-7);
    }

    [Fact]
    public void Identical_distributions_give_0_and_disjoint_ones_1_bit()
    {
        JensenShannon.FromCounts([1, 2, 3, 0], [10, 20, 30, 0]).Should().Be(0);
        JensenShannon.FromCounts([4, 6, 0, 0], [0, 0, 1, 9]).Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void It_is_symmetric_and_bounded()
    {
        var ab = JensenShannon.FromCounts([1, 5, 9, 2], [7, 1, 1, 8]);
        ab.Should().BeApproximately(JensenShannon.FromCounts([7, 1, 1, 8], [1, 5, 9, 2]), 1e-15);
        ab.Should().BeInRange(0, 1);
    }
}

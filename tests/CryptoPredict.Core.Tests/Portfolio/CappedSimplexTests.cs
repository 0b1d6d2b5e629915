using CryptoPredict.Core.Portfolio;

namespace CryptoPredict.Core.Tests.Portfolio;

public class CappedSimplexTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void A_point_inside_the_budget_is_only_clipped_to_the_box()
    {
        CappedSimplex.Project([-0.2, 0.3, 0.9], [1, 1, 0.5]).Should().Equal(0, 0.3, 0.5);
    }

    [Fact]
    public void A_point_over_the_budget_is_shifted_down_equally_until_it_sums_to_one()
    {
        // (0.8, 0.6) - tau with tau = 0.2 sums to 1; the third stays at 0.
        var projected = CappedSimplex.Project([0.8, 0.6, -0.5], [1, 1, 1]);

        projected[0].Should().BeApproximately(0.6, Tolerance);
        projected[1].Should().BeApproximately(0.4, Tolerance);
        projected[2].Should().Be(0);
        projected.Sum().Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public void A_cap_holds_while_the_rest_shares_the_budget()
    {
        // (2, 0.9, 0.7) - tau with the first capped at 0.5: 0.5 + (0.9 - tau) + (0.7 - tau) = 1 gives tau = 0.55.
        var projected = CappedSimplex.Project([2, 0.9, 0.7], [0.5, 0.5, 0.5]);

        projected[0].Should().Be(0.5);
        projected[1].Should().BeApproximately(0.35, Tolerance);
        projected[2].Should().BeApproximately(0.15, Tolerance);
        CappedSimplex.Contains(projected, [0.5, 0.5, 0.5]).Should().BeTrue();
    }
}

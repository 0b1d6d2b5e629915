using CryptoPredict.Core.Portfolio;
using MathNet.Numerics.LinearAlgebra;

namespace CryptoPredict.Core.Tests.Portfolio;

public class LedoitWolfCovarianceTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void A_two_symbol_case_shrinks_by_the_hand_computed_amount()
    {
        // Means 1 and 1, so the demeaned rows are (1, 2), (-1, 0), (1, 0), (-1, -2).
        // S = [[1, 1], [1, 2]] (divisor n = 4), m = tr(S) / 2 = 1.5.
        // d^2 = ||S - 1.5 I||^2 / 2 = (0.25 + 1 + 1 + 0.25) / 2 = 1.25.
        // Each ||x_k x_k' - S||^2 is 6 (e.g. [[1, 2], [2, 4]] - S = [[0, 1], [1, 2]]), so b^2 = 24 / 16 / 2 = 0.75.
        // Shrinkage 0.75 / 1.25 = 0.6: 0.6 x 1.5 I + 0.4 S = [[1.3, 0.4], [0.4, 1.7]].
        var returns = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 3 }, { 0, 1 }, { 2, 1 }, { 0, -1 } });

        var estimate = LedoitWolfCovariance.Estimate(returns);

        estimate.Shrinkage.Should().BeApproximately(0.6, Tolerance);
        estimate.Sample.ToArray().Should().BeEquivalentTo(new double[,] { { 1, 1 }, { 1, 2 } });
        var shrunk = estimate.Covariance;
        shrunk[0, 0].Should().BeApproximately(1.3, Tolerance);
        shrunk[0, 1].Should().BeApproximately(0.4, Tolerance);
        shrunk[1, 0].Should().BeApproximately(0.4, Tolerance);
        shrunk[1, 1].Should().BeApproximately(1.7, Tolerance);
        shrunk.Trace().Should().BeApproximately(estimate.Sample.Trace(), Tolerance, "shrinking toward m I keeps the total variance");
    }

    [Fact]
    public void Few_noisy_observations_shrink_fully_and_a_scaled_identity_is_left_alone()
    {
        // Nearly m I with a little noise: S = [[1, 0.1], [0.1, 1.22]], d^2 = 0.0221, but the observations scatter
        // far more (b^2 before the cap 0.30855), so the estimate is the target itself: 1.11 I.
        var noisy = LedoitWolfCovariance.Estimate(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1.2 }, { -1, 1 }, { 1, -1 }, { -1, -1.2 } }));
        noisy.Shrinkage.Should().Be(1);
        noisy.Covariance[0, 0].Should().BeApproximately(1.11, Tolerance);
        noisy.Covariance[1, 1].Should().BeApproximately(1.11, Tolerance);
        noisy.Covariance[0, 1].Should().BeApproximately(0, Tolerance);

        // Uncorrelated, equal variances: S is already m I (d^2 = 0), nothing to shrink.
        var identity = LedoitWolfCovariance.Estimate(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 }, { -1, 1 }, { 1, -1 }, { -1, -1 } }));
        identity.Shrinkage.Should().Be(0);
        identity.Covariance.ToArray().Should().BeEquivalentTo(new double[,] { { 1, 0 }, { 0, 1 } });
    }

    [Fact]
    public void One_observation_is_refused()
    {
        var act = () => LedoitWolfCovariance.Estimate(Matrix<double>.Build.Dense(1, 2));

        act.Should().Throw<ArgumentException>().WithMessage("*at least two observations*1 x 2*");
    }
}

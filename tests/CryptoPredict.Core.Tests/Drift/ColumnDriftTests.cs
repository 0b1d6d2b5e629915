using CryptoPredict.Core.Drift;

namespace CryptoPredict.Core.Tests.Drift;

/// <summary>Synthetic normal samples: the same distribution must pass, a shifted or widened one must not.</summary>
public sealed class ColumnDriftTests
{
    private static double[] Normal(int seed, int count, double mean = 0, double deviation = 1)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box-Muller.
            var u = 1 - random.NextDouble();
            values[i] = mean + (deviation * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return values;
    }

    private static readonly ColumnReference Reference = ColumnReference.Of("x", Normal(seed: 1, count: 5000));

    [Fact]
    public void The_training_values_themselves_show_no_drift()
    {
        var drift = ColumnDrift.Compare(Reference, Normal(seed: 1, count: 5000), DriftCheck.DefaultPsiThreshold);

        drift.Psi.Should().Be(0);
        drift.Js.Should().Be(0);
        drift.Ks.Should().BeLessThan(0.002, "the 500-value sample stands for the 5,000 values to within 1/1000");
        drift.KsPValue.Should().BeApproximately(1, 1e-9);
        drift.Drifted.Should().BeFalse();
        (drift.Rows, drift.ReferenceRows).Should().Be((5000, 5000));
    }

    [Fact]
    public void Another_draw_of_the_same_distribution_shows_no_drift()
    {
        var drift = ColumnDrift.Compare(Reference, Normal(seed: 2, count: 2000), DriftCheck.DefaultPsiThreshold);

        drift.Psi.Should().BeLessThan(0.02);
        drift.Js.Should().BeLessThan(0.01);
        drift.KsPValue.Should().BeGreaterThan(0.05);
        drift.Drifted.Should().BeFalse();
    }

    [Fact]
    public void A_shifted_mean_is_drift()
    {
        // For normals one standard deviation apart, the symmetric KL divergence PSI approximates is 1.
        var drift = ColumnDrift.Compare(Reference, Normal(seed: 3, count: 2000, mean: 1), DriftCheck.DefaultPsiThreshold);

        drift.Psi.Should().BeInRange(0.6, 1.2);
        drift.Ks.Should().BeInRange(0.33, 0.43, "the CDFs of N(0,1) and N(1,1) are at most 2Φ(0.5) - 1 = 0.383 apart");
        drift.KsPValue.Should().BeLessThan(1e-12);
        drift.Js.Should().BeInRange(0.1, 0.3);
        drift.Drifted.Should().BeTrue();
    }

    [Fact]
    public void A_wider_spread_is_drift_that_the_mean_does_not_show()
    {
        var drift = ColumnDrift.Compare(Reference, Normal(seed: 4, count: 2000, deviation: 2), DriftCheck.DefaultPsiThreshold);

        drift.Psi.Should().BeGreaterThan(DriftCheck.DefaultPsiThreshold);
        drift.Drifted.Should().BeTrue();
    }

    [Fact]
    public void Values_outside_the_training_range_all_land_in_the_outer_bin()
    {
        var drift = ColumnDrift.Compare(Reference, Enumerable.Repeat(100.0, 60).ToArray(), DriftCheck.DefaultPsiThreshold);

        // All mass in the top decile: (1 - 0.1) ln(1 / 0.1) + 9 (1e-4 - 0.1) ln(1e-4 / 0.1).
        var byHand = (0.9 * Math.Log(10)) + (9 * (1e-4 - 0.1) * Math.Log(1e-4 / 0.1));
        drift.Psi.Should().BeApproximately(byHand, 1e-9);
        drift.Ks.Should().Be(1);
        drift.Js.Should().BeApproximately(JensenShannon.FromFractions([.1, .1, .1, .1, .1, .1, .1, .1, .1, .1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), 1e-9);
    }
}

using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Tests.Evaluation;

public sealed class LjungBoxTests
{
    [Fact]
    public void Autocorrelations_and_q_match_a_hand_computed_case()
    {
        // x = 1..5: mean 3, deviations -2 -1 0 1 2, sum of squares 10.
        // r1 = ((-1)(-2) + 0(-1) + 1(0) + 2(1)) / 10 = 0.4; r2 = (0(-2) + 1(-1) + 2(0)) / 10 = -0.1.
        double[] x = [1, 2, 3, 4, 5];

        Autocorrelation.Of(x, 2).Should().Equal([0.4, -0.1], (a, b) => Math.Abs(a - b) < 1e-12);

        // Q = n(n+2) (r1²/(n-1) + r2²/(n-2)) = 35 (0.16/4 + 0.01/3); with 2 degrees of freedom P(χ² ≥ Q) = exp(-Q/2).
        var test = LjungBox.Test(x, 2);
        var q = 35 * ((0.16 / 4) + (0.01 / 3));
        test.Statistic.Should().BeApproximately(q, 1e-12);
        test.PValue.Should().BeApproximately(Math.Exp(-q / 2), 1e-9);
        test.Lags.Should().Be(2);
        test.Samples.Should().Be(5);
    }

    [Fact]
    public void One_degree_of_freedom_matches_the_normal_tail()
    {
        // χ²_1 is the square of a standard normal: P(χ²_1 ≥ 1.96²) = 0.05.
        var samples = 100;
        var r1 = Math.Sqrt(1.96 * 1.96 * (samples - 1) / (samples * (samples + 2.0)));

        var test = LjungBox.FromAutocorrelations([r1], samples);

        test.Statistic.Should().BeApproximately(1.96 * 1.96, 1e-9);
        test.PValue.Should().BeApproximately(0.04999579, 1e-6);
    }

    [Fact]
    public void White_noise_passes_and_an_ar1_series_is_rejected()
    {
        var random = new Random(20240613);
        var noise = Enumerable.Range(0, 2000).Select(_ => Normal(random)).ToArray();
        var ar = new double[noise.Length];
        for (var t = 1; t < ar.Length; t++)
        {
            ar[t] = (0.5 * ar[t - 1]) + noise[t];
        }

        var white = LjungBox.Test(noise, 20);
        var correlated = LjungBox.Test(ar, 20);

        white.PValue.Should().BeGreaterThan(0.05);
        correlated.PValue.Should().BeLessThan(1e-12);
        correlated.Statistic.Should().BeGreaterThan(400, "r1 ≈ 0.5 alone gives n r1² ≈ 500");
        Autocorrelation.Of(ar, 1)[0].Should().BeApproximately(0.5, 0.05);
    }

    [Fact]
    public void A_constant_series_has_no_defined_autocorrelation()
    {
        var test = LjungBox.Test([2.0, 2, 2, 2, 2], 3);

        test.Statistic.Should().Be(double.NaN);
        test.PValue.Should().Be(double.NaN);
    }

    [Fact]
    public void Lags_must_be_fewer_than_the_samples()
    {
        var act = () => LjungBox.Test([1.0, 2, 3], 3);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1 to n - 1 = 2*");
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

using CryptoPredict.Core.Drift;

namespace CryptoPredict.Core.Tests.Drift;

public sealed class KolmogorovSmirnovTests
{
    /// <summary>Q(λ) straight from its definition, 2 Σ (-1)^(j-1) exp(-2 j² λ²), summed far enough to be exact.</summary>
    private static double SeriesSurvival(double lambda)
    {
        var sum = 0.0;
        for (var j = 1; j <= 2000; j++)
        {
            sum += (j % 2 == 1 ? 1 : -1) * Math.Exp(-2.0 * j * j * lambda * lambda);
        }

        return 2 * sum;
    }

    [Fact]
    public void Statistic_by_hand()
    {
        // F_a - F_b at 2, 3 and 4 is 0.5 each time.
        KolmogorovSmirnov.Statistic([1, 2, 3, 4], [3, 4, 5, 6]).Should().Be(0.5);

        // Unequal sizes: at 1, F_a = 1/3 and F_b = 0; at 2.5, F_a = 2/3 and F_b = 1.
        KolmogorovSmirnov.Statistic([1, 2, 3], [1.5, 2.5]).Should().BeApproximately(1.0 / 3, 1e-15);
    }

    [Fact]
    public void Ties_are_stepped_over_together()
    {
        // At 1: F_a = 2/4, F_b = 1/4; at 2 both are 1. Comparing inside a run of ties would report 0.5 or more.
        KolmogorovSmirnov.Statistic([1, 1, 2, 2], [1, 2, 2, 2]).Should().Be(0.25);
        KolmogorovSmirnov.Statistic([5, 5, 5], [5, 5]).Should().Be(0);
    }

    [Fact]
    public void Identical_samples_give_0_and_p_1_disjoint_ones_give_1()
    {
        double[] values = [0.3, 1.7, 2.2, 9.1, 12];
        KolmogorovSmirnov.Statistic(values, values).Should().Be(0);
        KolmogorovSmirnov.PValue(0, values.Length, values.Length).Should().Be(1);

        KolmogorovSmirnov.Statistic([1, 2], [3, 4]).Should().Be(1);
        KolmogorovSmirnov.Statistic([3, 4], [1, 2]).Should().Be(1);
    }

    [Theory]
    [InlineData(1.0, 0.26999967167735456)]
    [InlineData(0.5, 0.9639452436648751)]
    [InlineData(1.3580986393225505, 0.05)]
    [InlineData(1.6276236115189502, 0.01)]
    public void Kolmogorov_survival_matches_tabulated_values(double lambda, double expected)
    {
        // Q(1) = 1 - 0.7300003283; 1.3581 and 1.6276 are the asymptotic 5% and 1% critical values.
        KolmogorovDistribution.Survival(lambda).Should().BeApproximately(expected, 1e-9);
    }

    [Fact]
    public void Kolmogorov_survival_matches_its_defining_series_on_both_sides_of_the_split()
    {
        for (var lambda = 0.25; lambda <= 3.0; lambda += 0.05)
        {
            KolmogorovDistribution.Survival(lambda).Should().BeApproximately(SeriesSurvival(lambda), 1e-12, "at λ = {0}", lambda);
        }

        KolmogorovDistribution.Survival(0).Should().Be(1);
        KolmogorovDistribution.Survival(0.01).Should().Be(1);
        KolmogorovDistribution.Survival(10).Should().BeLessThan(1e-80);
    }

    [Fact]
    public void P_value_uses_the_effective_size_with_stephens_correction()
    {
        // D = 1 with n = m = 4: Ne = 2, λ = (√2 + 0.12 + 0.11/√2) · 1.
        var lambda = Math.Sqrt(2) + 0.12 + (0.11 / Math.Sqrt(2));
        KolmogorovSmirnov.PValue(1, 4, 4).Should().BeApproximately(SeriesSurvival(lambda), 1e-12).And.BeApproximately(0.011066, 1e-6);

        // D = 0.1 with n = 1000, m = 500: Ne = 333.33.
        var ne = 1000.0 * 500 / 1500;
        KolmogorovSmirnov.PValue(0.1, 1000, 500).Should().BeApproximately(SeriesSurvival((Math.Sqrt(ne) + 0.12 + (0.11 / Math.Sqrt(ne))) * 0.1), 1e-12);
    }

    [Fact]
    public void Unsorted_or_empty_samples_are_refused()
    {
        var unsorted = () => KolmogorovSmirnov.Statistic([2, 1], [1, 2]);
        unsorted.Should().Throw<ArgumentException>().WithMessage("*sorted*value 1*");
        var empty = () => KolmogorovSmirnov.Statistic([], [1]);
        empty.Should().Throw<ArgumentException>().WithMessage("*at least one value*");
        var d = () => KolmogorovSmirnov.PValue(1.5, 3, 3);
        d.Should().Throw<ArgumentOutOfRangeException>();
    }
}

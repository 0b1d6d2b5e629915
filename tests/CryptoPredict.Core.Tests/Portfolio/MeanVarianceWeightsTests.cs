using CryptoPredict.Core.Portfolio;
using MathNet.Numerics.LinearAlgebra;

namespace CryptoPredict.Core.Tests.Portfolio;

public class MeanVarianceWeightsTests
{
    private const double Tolerance = 1e-9;

    private static Matrix<double> Diagonal(params double[] variances) => Matrix<double>.Build.DenseOfDiagonalArray(variances);

    [Fact]
    public void Two_uncorrelated_symbols_inside_the_constraints_get_mu_over_L_sigma_squared()
    {
        // w_i = mu_i / (L sigma_i^2) = 0.02 / (2 x 0.04), 0.01 / (2 x 0.01): 0.25 and 0.5, 0.25 left in cash.
        var weights = MeanVarianceWeights.Solve([0.02, 0.01], Diagonal(0.04, 0.01), 2, [1, 1]);

        weights[0].Should().BeApproximately(0.25, Tolerance);
        weights[1].Should().BeApproximately(0.5, Tolerance);
    }

    [Fact]
    public void A_binding_cap_holds_the_weight_there_and_leaves_an_uncorrelated_symbol_alone()
    {
        // Unconstrained 1 and 0.25; the first is capped at 0.4.
        var weights = MeanVarianceWeights.Solve([0.02, 0.02], Diagonal(0.01, 0.04), 2, [0.4, 0.4]);

        weights[0].Should().BeApproximately(0.4, Tolerance);
        weights[1].Should().BeApproximately(0.25, Tolerance);
    }

    [Fact]
    public void A_binding_budget_shares_one_unit_by_the_budget_multiplier()
    {
        // Unconstrained 2.5 and 2; with sum w = 1: w_i = (mu_i - nu) / (L sigma^2), nu = 0.035: 0.75 and 0.25.
        var weights = MeanVarianceWeights.Solve([0.05, 0.04], Diagonal(0.01, 0.01), 2, [1, 1]);

        weights[0].Should().BeApproximately(0.75, Tolerance);
        weights[1].Should().BeApproximately(0.25, Tolerance);
        weights.Sum().Should().BeLessThanOrEqualTo(1 + 1e-12);
    }

    [Fact]
    public void Symbols_forecast_to_fall_get_nothing_and_all_falling_is_all_cash()
    {
        MeanVarianceWeights.Solve([-0.01, -0.002, -0.03], Diagonal(0.01, 0.02, 0.03), 10, [0.5, 0.5, 0.5]).Should().OnlyContain(w => w == 0);

        var mixed = MeanVarianceWeights.Solve([0.01, -0.01], Diagonal(0.01, 0.01), 2, [1, 1]);
        mixed[0].Should().BeApproximately(0.5, Tolerance);
        mixed[1].Should().Be(0);
    }

    [Fact]
    public void A_zero_cap_keeps_a_symbol_out_and_a_covariance_without_variance_fills_the_best_first()
    {
        MeanVarianceWeights.Solve([0.05, 0.01], Diagonal(0.01, 0.01), 2, [0, 1])[0].Should().Be(0);

        MeanVarianceWeights.Solve([0.01, 0.03, 0.02], Diagonal(0, 0, 0), 5, [0.5, 0.5, 0.5]).Should().Equal(0, 0.5, 0.5);
    }

    [Theory]
    [InlineData(0.5, 3.0)]
    [InlineData(0.35, 1.0)]
    [InlineData(1.0, 20.0)]
    public void Correlated_symbols_meet_the_KKT_conditions(double cap, double riskAversion)
    {
        // Three correlated symbols: no closed form, so check optimality itself. With g = mu - L Sigma w and the
        // budget multiplier nu >= 0: g_i = nu where 0 < w_i < cap, g_i <= nu at 0, g_i >= nu at the cap, and nu = 0
        // unless the budget binds.
        double[] mu = [0.012, 0.010, 0.004];
        var sigma = Matrix<double>.Build.DenseOfArray(new[,] { { 0.010, 0.006, 0.002 }, { 0.006, 0.012, 0.001 }, { 0.002, 0.001, 0.004 } });
        double[] caps = [cap, cap, cap];

        var w = MeanVarianceWeights.Solve(mu, sigma, riskAversion, caps);

        CappedSimplex.Contains(w, caps).Should().BeTrue();
        var g = (Vector<double>.Build.DenseOfArray(mu) - (riskAversion * (sigma * Vector<double>.Build.DenseOfArray(w)))).ToArray();
        var budgetBinds = w.Sum() > 1 - 1e-9;
        var free = Enumerable.Range(0, 3).Where(i => w[i] > 1e-9 && w[i] < cap - 1e-9).ToArray();
        var nu = budgetBinds ? (free.Length > 0 ? g[free[0]] : Enumerable.Range(0, 3).Where(i => w[i] >= cap - 1e-9).Min(i => g[i])) : 0;
        nu.Should().BeGreaterThanOrEqualTo(-1e-9);
        for (var i = 0; i < 3; i++)
        {
            if (w[i] <= 1e-9)
            {
                g[i].Should().BeLessThanOrEqualTo(nu + 1e-9, "symbol {0} at 0", i);
            }
            else if (w[i] >= cap - 1e-9)
            {
                g[i].Should().BeGreaterThanOrEqualTo(nu - 1e-9, "symbol {0} at the cap", i);
            }
            else
            {
                g[i].Should().BeApproximately(nu, 1e-9, "symbol {0} between the bounds", i);
            }
        }

        // And no feasible point nearby does better.
        double Objective(double[] x) => mu.Zip(x, (m, v) => m * v).Sum() - (riskAversion / 2 * (Vector<double>.Build.DenseOfArray(x) * sigma * Vector<double>.Build.DenseOfArray(x)));
        var best = Objective(w);
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                var moved = (double[])w.Clone();
                moved[i] += 0.01;
                moved[j] -= i == j ? 0 : 0.01;
                var feasible = CappedSimplex.Project(moved, caps);
                Objective(feasible).Should().BeLessThanOrEqualTo(best + 1e-12);
            }
        }
    }

    [Fact]
    public void Bad_arguments_are_refused_with_the_rule()
    {
        var noAversion = () => MeanVarianceWeights.Solve([0.01], Diagonal(0.01), 0, [1]);
        noAversion.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*risk aversion must be a finite number above 0*");

        var badCap = () => MeanVarianceWeights.Solve([0.01], Diagonal(0.01), 1, [1.5]);
        badCap.Should().Throw<ArgumentException>().WithMessage("*cap within 0..1*");
    }
}

using CryptoPredict.Core.Evaluation.Baselines;

namespace CryptoPredict.Core.Tests.Evaluation.Baselines;

public class Garch11BaselineTests
{
    [Fact]
    public void The_likelihood_follows_the_variance_recursion()
    {
        // ω = 1e-5, α = 0.1, β = 0.8, σ²₁ = 1e-4; r = 0.01, -0.02, 0.005.
        // σ²₂ = 1e-5 + 0.1·1e-4 + 0.8·1e-4 = 1e-4; σ²₃ = 1e-5 + 0.1·4e-4 + 0.8·1e-4 = 1.3e-4.
        double[] returns = [0.01, -0.02, 0.005];
        var expected = -0.5 * (
            (Math.Log(2 * Math.PI) + Math.Log(1e-4) + (1e-4 / 1e-4)) +
            (Math.Log(2 * Math.PI) + Math.Log(1e-4) + (4e-4 / 1e-4)) +
            (Math.Log(2 * Math.PI) + Math.Log(1.3e-4) + (2.5e-5 / 1.3e-4))) / 3;

        Garch11Baseline.MeanLogLikelihood(returns, 1e-5, 0.1, 0.8, 1e-4).Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void The_likelihood_matches_an_independent_numpy_computation()
    {
        // r_k = 0.01·sin(0.37k)·(1 + 0.5·cos(0.05k)), k = 1..200, at ω = 1e-5, α = 0.1, β = 0.85, σ²₁ = mean(r²); reference
        // from a plain numpy 1.24 loop: s += log(2π) + log(v) + r²/v; v = ω + α·r² + β·v; result −s / (2·200).
        var returns = Enumerable.Range(1, 200).Select(k => 0.01 * Math.Sin(0.37 * k) * (1 + (0.5 * Math.Cos(0.05 * k)))).ToArray();
        var meanSquare = returns.Average(r => r * r);

        meanSquare.Should().BeApproximately(5.394074151846994e-05, 1e-19);
        Garch11Baseline.MeanLogLikelihood(returns, 1e-5, 0.1, 0.85, meanSquare).Should().BeApproximately(3.4407514856175156, 1e-12);
    }

    [Fact]
    public void The_fitted_parameters_beat_every_nearby_perturbation()
    {
        var returns = Simulate(2e-6, 0.08, 0.9, count: 5_000, seed: 23);
        var fit = Garch11Baseline.Fit(returns);
        double Likelihood(double omega, double alpha, double beta) => Garch11Baseline.MeanLogLikelihood(returns, omega, alpha, beta, fit.InitialVariance);
        var best = Likelihood(fit.Omega, fit.Alpha, fit.Beta);

        foreach (var sign in new[] { -1.0, 1.0 })
        {
            Likelihood(fit.Omega * (1 + (sign * 0.05)), fit.Alpha, fit.Beta).Should().BeLessThan(best, "ω moved 5%");
            Likelihood(fit.Omega, fit.Alpha + (sign * 0.005), fit.Beta).Should().BeLessThan(best, "α moved 0.005");
            Likelihood(fit.Omega, fit.Alpha, fit.Beta + (sign * 0.002)).Should().BeLessThan(best, "β moved 0.002");
        }

        (fit.Alpha + fit.Beta).Should().BeLessThan(1, "the fit stays stationary");
    }

    [Fact]
    public void The_fit_recovers_the_parameters_of_a_simulated_process()
    {
        const double Omega = 2e-6, Alpha = 0.08, Beta = 0.9;
        var returns = Simulate(Omega, Alpha, Beta, count: 20_000, seed: 17);

        var fit = Garch11Baseline.Fit(returns);

        fit.Alpha.Should().BeApproximately(Alpha, 0.02);
        fit.Beta.Should().BeApproximately(Beta, 0.03);
        fit.LongRunVariance.Should().BeApproximately(Omega / (1 - Alpha - Beta), 2e-5);
        Garch11Baseline.MeanLogLikelihood(returns, fit.Omega, fit.Alpha, fit.Beta, fit.InitialVariance)
            .Should().BeGreaterThanOrEqualTo(Garch11Baseline.MeanLogLikelihood(returns, Omega, Alpha, Beta, fit.InitialVariance), "the fit maximises the likelihood");
    }

    [Fact]
    public void The_n_step_forecast_is_the_root_of_the_mean_expected_variance()
    {
        var garch = new Garch11Baseline(Omega: 1e-5, Alpha: 0.1, Beta: 0.8, InitialVariance: 1e-4);

        // σ̄² = 1e-5 / 0.1 = 1e-4; from σ²_{t+1} = 3e-4: h = 1: 3e-4, h = 2: 1e-4 + 0.9·2e-4 = 2.8e-4.
        garch.MeanVariance(3e-4, 1).Should().BeApproximately(3e-4, 1e-18);
        garch.MeanVariance(3e-4, 2).Should().BeApproximately((3e-4 + 2.8e-4) / 2, 1e-18);

        // At row 1 the filter has read r₁ = 0.02: σ²₂ = 1e-5 + 0.1·4e-4 + 0.8·1e-4 = 1.3e-4.
        double[] returns = [double.NaN, 0.02, 0.0];
        garch.Forecast(returns, [1], candles: 1, segmentStarts: [0, 0, 0])[0].Should().BeApproximately(Math.Sqrt(1.3e-4), 1e-15);
    }

    [Fact]
    public void A_forecast_reads_no_return_after_its_end_row_and_skips_returns_across_gaps()
    {
        var returns = new[] { double.NaN }.Concat(Simulate(2e-6, 0.08, 0.9, count: 300, seed: 4)).ToArray();
        var garch = Garch11Baseline.Fit(returns.AsSpan(1, 200));
        var starts = new int[returns.Length];
        var before = garch.Forecast(returns, [250], 24, starts)[0];

        var changed = (double[])returns.Clone();
        for (var k = 251; k < changed.Length; k++)
        {
            changed[k] = 0.3;
        }

        garch.Forecast(changed, [250], 24, starts)[0].Should().Be(before);

        // Row 250 starts a new run (its return spans a gap): it must not move the variance.
        starts[250] = 250;
        changed[250] = 5.0;
        garch.Forecast(changed, [250], 24, starts)[0].Should().Be(garch.Forecast(returns, [249], 24, starts)[0]);
    }

    [Fact]
    public void The_fit_refuses_too_few_or_flat_returns()
    {
        var few = () => Garch11Baseline.Fit(new double[10]);
        few.Should().Throw<ArgumentException>().WithMessage("*at least 50*");
        var flat = () => Garch11Baseline.Fit(new double[100]);
        flat.Should().Throw<ArgumentException>().WithMessage("*every training return is zero*");
    }

    private static double[] Simulate(double omega, double alpha, double beta, int count, int seed)
    {
        var random = new Random(seed);
        var returns = new double[count];
        var variance = omega / (1 - alpha - beta);
        for (var k = 0; k < count; k++)
        {
            // Box–Muller standard normal.
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            returns[k] = Math.Sqrt(variance) * z;
            variance = omega + (alpha * returns[k] * returns[k]) + (beta * variance);
        }

        return returns;
    }
}

using CryptoPredict.Core.Evaluation.Baselines;

namespace CryptoPredict.Core.Tests.Evaluation.Baselines;

public class HarRvBaselineTests
{
    [Fact]
    public void Components_average_non_overlapping_windows_of_the_last_n_returns()
    {
        // n = 2, t = 6: windows (r5, r6), (r3, r4), (r1, r2); the std of two values a, b is |a - b| / sqrt(2).
        double[] returns = [double.NaN, 0.01, 0.03, -0.02, 0.02, 0.00, 0.04];
        var (daily, weekly, monthly) = HarRvBaseline.Components(returns, t: 6, candles: 2);

        var w1 = 0.04 / Math.Sqrt(2);
        var w2 = 0.04 / Math.Sqrt(2);
        var w3 = 0.02 / Math.Sqrt(2);
        daily.Should().BeApproximately(w1, 1e-15);
        weekly.Should().BeApproximately((w1 + w2 + w3) / 3, 1e-15, "three whole windows fit before row 0");
        monthly.Should().BeApproximately((w1 + w2 + w3) / 3, 1e-15);
    }

    [Fact]
    public void Components_stop_at_the_first_row_of_the_contiguous_run()
    {
        double[] returns = [double.NaN, 0.01, 0.03, -0.02, 0.02, 0.00, 0.04];

        // A gap before row 2: r2 spans it, so only the windows (r5, r6) and (r3, r4) count.
        var (_, weekly, _) = HarRvBaseline.Components(returns, t: 6, candles: 2, firstRow: 2);

        weekly.Should().BeApproximately(0.04 / Math.Sqrt(2), 1e-15);
        var act = () => HarRvBaseline.Components(returns, t: 6, candles: 2, firstRow: 5);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*2 contiguous returns after row 5*");
    }

    [Fact]
    public void Fit_recovers_the_coefficients_of_an_exact_linear_relation()
    {
        var random = new Random(3);
        var components = Enumerable.Range(0, 40).Select(_ => (random.NextDouble(), random.NextDouble(), random.NextDouble())).ToArray();
        var targets = components.Select(c => 0.001 + (0.4 * c.Item1) + (0.3 * c.Item2) + (0.2 * c.Item3)).ToArray();

        var fit = HarRvBaseline.Fit(components, targets, candles: 24);

        fit.Intercept.Should().BeApproximately(0.001, 1e-10);
        fit.Daily.Should().BeApproximately(0.4, 1e-10);
        fit.Weekly.Should().BeApproximately(0.3, 1e-10);
        fit.Monthly.Should().BeApproximately(0.2, 1e-10);
    }

    [Fact]
    public void Fit_matches_the_normal_equations_on_noisy_data()
    {
        var random = new Random(11);
        var components = Enumerable.Range(0, 60).Select(_ => (random.NextDouble(), random.NextDouble(), random.NextDouble())).ToArray();
        var targets = components.Select(c => 0.2 + c.Item1 - (0.5 * c.Item3) + ((random.NextDouble() - 0.5) * 0.3)).ToArray();

        var fit = HarRvBaseline.Fit(components, targets, candles: 24);

        var expected = NormalEquations(components.Select(c => new[] { 1, c.Item1, c.Item2, c.Item3 }).ToArray(), targets);
        new[] { fit.Intercept, fit.Daily, fit.Weekly, fit.Monthly }.Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void A_forecast_reads_no_return_after_its_end_row()
    {
        var random = new Random(5);
        var returns = Enumerable.Range(0, 200).Select(k => k == 0 ? double.NaN : (random.NextDouble() - 0.5) * 0.02).ToArray();
        var starts = new int[returns.Length];
        var har = new HarRvBaseline(4, 0.001, 0.5, 0.3, 0.1);
        var before = har.Forecast(returns, [150], starts)[0];

        for (var k = 151; k < returns.Length; k++)
        {
            returns[k] = 0.5;
        }

        har.Forecast(returns, [150], starts)[0].Should().Be(before);
    }

    [Fact]
    public void Fit_refuses_too_few_samples()
    {
        var act = () => HarRvBaseline.Fit([(1, 1, 1), (2, 2, 2)], [1, 2], candles: 24);
        act.Should().Throw<ArgumentException>().WithMessage("*at least 5 training samples*");
    }

    /// <summary>(XᵀX)⁻¹Xᵀy by Gauss–Jordan elimination with partial pivoting: an independent least-squares solve.</summary>
    private static double[] NormalEquations(double[][] x, double[] y)
    {
        var p = x[0].Length;
        var a = new double[p, p + 1];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                a[i, j] = x.Sum(row => row[i] * row[j]);
            }

            a[i, p] = x.Select((row, r) => row[i] * y[r]).Sum();
        }

        for (var c = 0; c < p; c++)
        {
            var pivot = Enumerable.Range(c, p - c).MaxBy(r => Math.Abs(a[r, c]));
            for (var j = 0; j <= p; j++)
            {
                (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            }

            for (var r = 0; r < p; r++)
            {
                if (r != c)
                {
                    var factor = a[r, c] / a[c, c];
                    for (var j = 0; j <= p; j++)
                    {
                        a[r, j] -= factor * a[c, j];
                    }
                }
            }
        }

        return Enumerable.Range(0, p).Select(i => a[i, p] / a[i, i]).ToArray();
    }
}

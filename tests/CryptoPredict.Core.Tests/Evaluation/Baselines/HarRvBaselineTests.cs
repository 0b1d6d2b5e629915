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
    public void Components_match_numpy_on_a_fixed_series()
    {
        // r_k = 0.01·sin(0.7k) + 0.002·cos(1.3k), k = 1..40; n = 3, t = 40 leaves 13 whole windows. Reference values from
        // numpy 1.24: vols = [np.std(r[t-(j+1)*n+1 : t-j*n+1], ddof=1) for j in range(13)]; d = vols[0],
        // w = np.mean(vols[:7]), m = np.mean(vols).
        var returns = Enumerable.Range(0, 41).Select(k => k == 0 ? double.NaN : (0.01 * Math.Sin(0.7 * k)) + (0.002 * Math.Cos(1.3 * k))).ToArray();

        var (daily, weekly, monthly) = HarRvBaseline.Components(returns, t: 40, candles: 3);

        daily.Should().BeApproximately(0.004816472856709633, 1e-15);
        weekly.Should().BeApproximately(0.00468200181131277, 1e-15);
        monthly.Should().BeApproximately(0.004929956634779791, 1e-15);
    }

    [Fact]
    public void Fit_matches_numpy_least_squares_on_a_fixed_sample()
    {
        // Twelve (d, w, m) rows and targets drawn once with numpy (default_rng(7), rounded), and the coefficients of
        // np.linalg.lstsq(np.column_stack([np.ones(12), X]), y) printed at full precision (numpy 1.24).
        (double, double, double)[] components =
        [
            (0.0206, 0.0274, 0.0244), (0.0106, 0.0125, 0.0268), (0.0051, 0.0255, 0.0249), (0.0167, 0.0126, 0.012),
            (0.0114, 0.0161, 0.0176), (0.0188, 0.0299, 0.0248), (0.0206, 0.0297, 0.0104), (0.009, 0.0203, 0.0061),
            (0.0059, 0.0179, 0.0167), (0.0279, 0.0207, 0.0179), (0.0174, 0.0112, 0.0053), (0.0098, 0.0223, 0.01),
        ];
        double[] targets = [0.02134, 0.01366, 0.01646, 0.01416, 0.01407, 0.02307, 0.02238, 0.01075, 0.01214, 0.02667, 0.0115, 0.01631];

        var fit = HarRvBaseline.Fit(components, targets, candles: 24);

        fit.Intercept.Should().BeApproximately(-0.0007360323587213605, 1e-12);
        fit.Daily.Should().BeApproximately(0.4980387821641491, 1e-10);
        fit.Weekly.Should().BeApproximately(0.3657432676492208, 1e-10);
        fit.Monthly.Should().BeApproximately(0.17660655051326113, 1e-10);
    }

    [Fact]
    public void The_forecast_applies_the_coefficients_to_the_components_and_floors_at_zero()
    {
        var returns = Enumerable.Range(0, 41).Select(k => k == 0 ? double.NaN : (0.01 * Math.Sin(0.7 * k)) + (0.002 * Math.Cos(1.3 * k))).ToArray();
        var starts = new int[returns.Length];

        var forecast = new HarRvBaseline(3, 0.001, 0.5, 0.3, 0.1).Forecast(returns, [40], starts)[0];
        var negative = new HarRvBaseline(3, -1, 0.5, 0.3, 0.1).Forecast(returns, [40], starts)[0];

        forecast.Should().BeApproximately(0.001 + (0.5 * 0.004816472856709633) + (0.3 * 0.00468200181131277) + (0.1 * 0.004929956634779791), 1e-15);
        negative.Should().Be(0);
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

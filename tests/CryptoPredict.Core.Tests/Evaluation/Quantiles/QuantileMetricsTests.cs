using CryptoPredict.Core.Evaluation.Quantiles;

namespace CryptoPredict.Core.Tests.Evaluation.Quantiles;

public class QuantileMetricsTests
{
    [Fact]
    public void Pinball_loss_equals_a_hand_computation()
    {
        double[] actual = [1, 2, 3, 10];
        double[] quantile = [2, 2, 2, 4];

        // Level 0.1, errors y - q = -1, 0, 1, 6: 0.9*1 + 0 + 0.1*1 + 0.1*6 = 1.6, over 4 samples.
        QuantileMetrics.Pinball(actual, quantile, 0.1).Should().BeApproximately(0.4, 1e-12);

        // Level 0.9: 0.1*1 + 0 + 0.9*1 + 0.9*6 = 6.4, over 4.
        QuantileMetrics.Pinball(actual, quantile, 0.9).Should().BeApproximately(1.6, 1e-12);

        // Level 0.5 is half the mean absolute error: (1 + 0 + 1 + 6) / 4 / 2.
        QuantileMetrics.Pinball(actual, quantile, 0.5).Should().BeApproximately(1.0, 1e-12);
    }

    [Fact]
    public void Pinball_loss_equals_a_plain_loop_on_random_values()
    {
        var random = new Random(7);
        var actual = Enumerable.Range(0, 50).Select(_ => random.NextDouble() * 10).ToArray();
        var quantile = Enumerable.Range(0, 50).Select(_ => random.NextDouble() * 10).ToArray();
        var expected = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            expected += Math.Max(0.25 * (actual[i] - quantile[i]), (0.25 - 1) * (actual[i] - quantile[i]));
        }

        QuantileMetrics.Pinball(actual, quantile, 0.25).Should().BeApproximately(expected / actual.Length, 1e-12);
    }

    [Fact]
    public void Coverage_counts_both_ends_inside_and_width_is_the_mean_distance()
    {
        double[] actual = [1, 5, 3, 10];
        double[] lower = [0, 0, 3, 0];
        double[] upper = [2, 4, 4, 9];

        // 1 in [0, 2]; 5 above [0, 4]; 3 on the lower end of [3, 4]; 10 above [0, 9]: 2 of 4.
        QuantileMetrics.Coverage(actual, lower, upper).Should().Be(0.5);

        // Widths 2, 4, 1, 9.
        QuantileMetrics.MeanWidth(lower, upper).Should().Be(4);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 1.75)] // position 3 * 0.25 = 0.75 between 1 and 2
    [InlineData(0.5, 2.5)]
    [InlineData(0.9, 3.7)]   // position 2.7 between 3 and 4
    [InlineData(1.0, 4.0)]
    public void Empirical_quantiles_interpolate_between_order_statistics(double level, double expected)
    {
        QuantileMetrics.Empirical([4, 1, 3, 2], level).Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void The_log_return_baseline_puts_the_training_quantiles_at_the_last_close()
    {
        // Sorted: -0.02, -0.01, 0, 0.01, 0.03. Level 0.1 at position 0.4: -0.02 + 0.4 * 0.01; level 0.9 at 3.6: 0.01 + 0.6 * 0.02.
        var fitted = QuantileBaseline.Fit([0.01, -0.02, 0.03, 0.0, -0.01, double.NaN], [0.1, 0.5, 0.9]);

        fitted[0].Should().BeApproximately(-0.016, 1e-12);
        fitted[1].Should().BeApproximately(0.0, 1e-12);
        fitted[2].Should().BeApproximately(0.022, 1e-12);
        QuantileBaseline.Price(100, fitted[2]).Should().BeApproximately(100 * Math.Exp(0.022), 1e-9);
    }

    [Fact]
    public void The_volatility_baseline_uses_ratios_to_persistence_and_skips_flat_candles()
    {
        var ratios = QuantileBaseline.Ratios([0.02, 0.03, 0.01], [0.01, 0.0, 0.02]);

        ratios.Should().Equal(2.0, 0.5);
        QuantileBaseline.Fit(ratios, [0.5])[0].Should().BeApproximately(1.25, 1e-12);
        QuantileBaseline.Fit([], [0.5])[0].Should().Be(double.NaN);
    }

    [Fact]
    public void Evaluate_scores_each_level_and_the_central_interval_of_mirrored_levels()
    {
        double[] actual = [1, 5, 3, 10];
        double[][] model = [[0, 0, 3, 0], [1, 2, 3, 5], [2, 4, 4, 9]];
        double[][] baseline = [[0, 0, 0, 0], [1, 1, 1, 1], [20, 20, 20, 20]];

        var result = QuantileScoring.Evaluate("close_h1", "test", 4, [0.1, 0.5, 0.9], actual, model, baseline);

        result.Levels.Select(l => l.Level).Should().Equal(0.1, 0.5, 0.9);
        result.Levels[1].Pinball.Should().BeApproximately((0 + 3 + 0 + 5) / 4.0 / 2, 1e-12);
        var interval = result.Intervals.Should().ContainSingle().Subject;
        (interval.Lower, interval.Upper).Should().Be((0.1, 0.9));
        interval.Nominal.Should().BeApproximately(0.8, 1e-12);
        interval.Coverage.Should().Be(0.5);
        interval.MeanWidth.Should().Be(4);
        interval.BaselineCoverage.Should().Be(1);
        interval.BaselineMeanWidth.Should().Be(20);
    }
}

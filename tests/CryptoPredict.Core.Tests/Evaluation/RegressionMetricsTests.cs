using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Tests.Evaluation;

public class RegressionMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Mae_rmse_mape_and_r2_match_hand_values()
    {
        // scikit-learn's documentation example: MAE 0.5, MSE 0.375, R2 0.948608..., MAPE 0.327380...
        double[] actual = [3, -0.5, 2, 7];
        double[] predicted = [2.5, 0.0, 2, 8];

        var metrics = RegressionMetrics.Compute(actual, predicted, actual);

        metrics.Samples.Should().Be(4);
        metrics.Mae.Should().BeApproximately(0.5, Tolerance);
        metrics.Rmse.Should().BeApproximately(Math.Sqrt(0.375), Tolerance);
        metrics.Mape.Should().BeApproximately(100.0 * ((0.5 / 3) + (0.5 / 0.5) + 0 + (1.0 / 7)) / 4, Tolerance);
        metrics.Mape.Should().BeApproximately(32.73809523809524, 1e-9);
        metrics.MapeSamples.Should().Be(4);
        // SSres = 1.5; mean 2.875, SStot = 29.1875.
        metrics.R2.Should().BeApproximately(1 - (1.5 / 29.1875), Tolerance);
        metrics.R2.Should().BeApproximately(0.9486081370449679, 1e-12);
    }

    [Fact]
    public void Mape_skips_zero_actuals_and_is_undefined_when_all_are_zero()
    {
        var metrics = RegressionMetrics.Compute([0, 2, 4], [1, 1, 5], [0, 0, 0]);
        metrics.Mape.Should().BeApproximately(100.0 * (0.5 + 0.25) / 2, Tolerance);
        metrics.MapeSamples.Should().Be(2);
        metrics.Mae.Should().BeApproximately(1.0, Tolerance);

        var zeros = RegressionMetrics.Compute([0, 0], [1, -1], [0, 0]);
        zeros.Mape.Should().Be(double.NaN);
        zeros.MapeSamples.Should().Be(0);
    }

    [Fact]
    public void R2_is_negative_when_worse_than_the_mean_and_undefined_for_constant_actuals()
    {
        // SSres = 4 + 0 + 4 = 8, SStot = 2.
        RegressionMetrics.Compute([1, 2, 3], [3, 2, 1], [0, 0, 0]).R2.Should().BeApproximately(-3.0, Tolerance);
        RegressionMetrics.Compute([5, 5, 5], [5, 5, 5], [5, 5, 5]).R2.Should().Be(double.NaN);
        RegressionMetrics.Compute([5], [4], [5]).R2.Should().Be(double.NaN);
    }

    [Fact]
    public void Directional_accuracy_compares_three_valued_signs_against_the_reference()
    {
        double[] reference = [10, 10, 10, 10, 10, 10];
        double[] actual = [11, 9, 10, 10, 12, 8];
        double[] predicted = [12, 8, 10, 11, 10, 9];
        // up/up ok, down/down ok, flat/flat ok, flat/up wrong, up/flat wrong, down/down ok.
        RegressionMetrics.Compute(actual, predicted, reference).DirectionalAccuracy.Should().BeApproximately(4.0 / 6, Tolerance);

        // Persistence never predicts a move, so it is right exactly on the unmoved samples.
        RegressionMetrics.Compute(actual, reference, reference).DirectionalAccuracy.Should().BeApproximately(2.0 / 6, Tolerance);
    }

    [Fact]
    public void Theil_u_is_one_for_persistence_and_below_one_for_a_better_forecast()
    {
        double[] reference = [10, 10, 10];
        double[] actual = [11, 9, 12];

        RegressionMetrics.TheilU(actual, reference, reference).Should().Be(1.0);
        // Model SSE 0.25 + 0.25 + 1 = 1.5, persistence SSE 1 + 1 + 4 = 6: U = sqrt(1.5 / 6) = 0.5.
        RegressionMetrics.TheilU(actual, [10.5, 9.5, 11], reference).Should().BeApproximately(0.5, Tolerance);
        // Twice persistence's error in every sample: U = 2.
        RegressionMetrics.TheilU(actual, [9, 11, 8], reference).Should().BeApproximately(2.0, Tolerance);
    }

    [Fact]
    public void Theil_u_is_undefined_when_nothing_moved()
    {
        RegressionMetrics.TheilU([10, 10], [11, 9], [10, 10]).Should().Be(double.NaN);
        RegressionMetrics.TheilU([], [], []).Should().Be(double.NaN);
    }

    [Fact]
    public void No_samples_give_undefined_metrics()
    {
        var metrics = RegressionMetrics.Compute([], [], []);
        metrics.Samples.Should().Be(0);
        metrics.Mae.Should().Be(double.NaN);
        metrics.Rmse.Should().Be(double.NaN);
        metrics.R2.Should().Be(double.NaN);
        metrics.DirectionalAccuracy.Should().Be(double.NaN);
    }

    [Fact]
    public void Bad_input_names_the_argument_and_sample()
    {
        var mismatch = () => RegressionMetrics.Compute([1, 2], [1], [1, 2]);
        mismatch.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("predicted");

        var nan = () => RegressionMetrics.Compute([1, 2], [1, double.NaN], [1, 2]);
        nan.Should().Throw<ArgumentException>().WithMessage("predicted[1] is NaN*");

        var infinite = () => RegressionMetrics.TheilU([1, 2], [1, 2], [double.PositiveInfinity, 2]);
        infinite.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("reference");
    }
}

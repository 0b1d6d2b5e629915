using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Tests.Evaluation;

public sealed class ResidualDiagnosticsTests
{
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Price_targets_are_diagnosed_as_log_returns_against_the_last_close()
    {
        double[] last = [100, 200, 50, 80];
        double[] actual = [110, 190, 55, 80];
        double[] predicted = [101, 202, 50, 88];

        var d = ResidualDiagnostics.Of(Target(actual, predicted, last, isPrice: true));

        d.Unit.Should().Be(ResidualDiagnostics.LogReturnUnit);
        d.Actual.Should().Equal([Math.Log(1.1), Math.Log(0.95), Math.Log(1.1), 0], (a, b) => Math.Abs(a - b) < 1e-12);
        d.Predicted.Should().Equal([Math.Log(1.01), Math.Log(1.01), 0, Math.Log(1.1)], (a, b) => Math.Abs(a - b) < 1e-12);
        d.Residuals.Should().Equal(d.Actual.Zip(d.Predicted, (a, p) => a - p), (a, b) => Math.Abs(a - b) < 1e-15);
        d.Autocorrelations.Should().HaveCount(3, "with 4 samples lags 1..3 are defined");
        d.Test!.Statistic.Should().BeApproximately(LjungBox.Test(d.Residuals, 3).Statistic, 1e-12);
        d.Band.Should().BeApproximately(1.96 / 2, 1e-12);
    }

    [Fact]
    public void Volatility_targets_keep_their_units_and_lags_stop_at_twenty()
    {
        var n = 50;
        var actual = Enumerable.Range(0, n).Select(i => 0.01 + (0.001 * (i % 7))).ToArray();
        var predicted = Enumerable.Repeat(0.012, n).ToArray();

        var d = ResidualDiagnostics.Of(Target(actual, predicted, predicted, isPrice: false));

        d.Unit.Should().Be("realized_vol_24");
        d.Residuals.Should().Equal(actual.Select(a => a - 0.012), (a, b) => Math.Abs(a - b) < 1e-15);
        d.Autocorrelations.Should().HaveCount(ResidualDiagnostics.MaxLag);
        d.Test!.Lags.Should().Be(20);
        d.Test.PValue.Should().BeLessThan(0.001, "a period-7 pattern is anything but white noise");
    }

    [Fact]
    public void Two_samples_give_residuals_but_no_test()
    {
        var d = ResidualDiagnostics.Of(Target([1.0, 2], [1.5, 1.5], [1.5, 1.5], isPrice: false));

        d.Residuals.Should().Equal(-0.5, 0.5);
        d.Test.Should().BeNull();
        d.Autocorrelations.Should().BeEmpty();
    }

    private static TargetEvaluation Target(double[] actual, double[] predicted, double[] reference, bool isPrice)
    {
        var name = isPrice ? "close_t+1" : "realized_vol_24";
        var times = Enumerable.Range(0, actual.Length).Select(i => Start.AddHours(i)).ToArray();
        return new TargetEvaluation(RegressionComparison.Compute(name, actual, predicted, reference), times, actual, predicted, reference, isPrice);
    }
}

using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Tests.Evaluation;

public class RegressionComparisonTests
{
    private static readonly double[] Actual = [11, 9, 12, 10];
    private static readonly double[] Reference = [10, 10, 10, 10];
    private static readonly double[] Predicted = [10.5, 9.5, 11, 10];

    [Fact]
    public void Persistence_is_scored_as_predicting_the_reference()
    {
        var comparison = RegressionComparison.Compute("next_close", Actual, Predicted, Reference);

        comparison.Target.Should().Be("next_close");
        comparison.Model.Should().Be(RegressionMetrics.Compute(Actual, Predicted, Reference));
        comparison.Persistence.Should().Be(RegressionMetrics.Compute(Actual, Reference, Reference));
        comparison.Persistence.Mae.Should().BeApproximately((1 + 1 + 2 + 0) / 4.0, 1e-12);
        comparison.TheilU.Should().BeApproximately(0.5, 1e-12);
        comparison.SecondBaseline.Should().BeNull();
    }

    [Fact]
    public void A_second_baseline_gets_its_metrics_and_theil_u()
    {
        double[] ewma = [12, 8, 14, 10];
        var comparison = RegressionComparison.Compute("realized_vol_24", Actual, Predicted, Reference, "ewma_0.94", ewma);

        comparison.SecondBaseline.Should().NotBeNull();
        comparison.SecondBaseline!.Name.Should().Be("ewma_0.94");
        comparison.SecondBaseline.Metrics.Should().Be(RegressionMetrics.Compute(Actual, ewma, Reference));
        // Errors 1, 1, 2, 0 against persistence's 1, 1, 2, 0: U = 1.
        comparison.SecondBaseline.TheilU.Should().BeApproximately(1.0, 1e-12);
        comparison.TheilU.Should().BeApproximately(0.5, 1e-12);
    }

    [Fact]
    public void The_target_name_is_required()
    {
        var act = () => RegressionComparison.Compute(" ", Actual, Predicted, Reference);
        act.Should().Throw<ArgumentException>();
    }
}

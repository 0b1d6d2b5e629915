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
        comparison.Persistence.Should().Be(RegressionMetrics.Compute(Actual, Reference, Reference) with { DirectionalAccuracy = double.NaN });
        comparison.Persistence.Mae.Should().BeApproximately((1 + 1 + 2 + 0) / 4.0, 1e-12);
        comparison.TheilU.Should().BeApproximately(0.5, 1e-12);
        comparison.Baselines.Select(b => b.Name).Should().Equal("persistence");
        comparison.Strongest.Name.Should().Be("persistence");
        comparison.MaeRatio.Should().BeApproximately(0.5 / 1.0, 1e-12);
    }

    [Fact]
    public void Persistence_has_no_direction_so_its_directional_accuracy_is_undefined_not_zero()
    {
        var comparison = RegressionComparison.Compute("next_close", Actual, Predicted, Reference);

        double.IsNaN(comparison.Persistence.DirectionalAccuracy).Should().BeTrue();
        // Model moves +, -, +, 0 from the reference, as the actuals do.
        comparison.Model.DirectionalAccuracy.Should().Be(1.0);
    }

    [Fact]
    public void The_strongest_baseline_is_the_one_with_the_lowest_mae()
    {
        double[] close = [10.9, 9.1, 11.9, 10];
        double[] far = [15, 5, 15, 5];
        var comparison = RegressionComparison.Compute("realized_vol_24", Actual, Predicted, Reference,
            [new BaselineForecast("far", far), new BaselineForecast("close", close)]);

        comparison.Baselines.Select(b => b.Name).Should().Equal("persistence", "far", "close");
        comparison.Strongest.Name.Should().Be("close");
        // Model MAE (0.5 + 0.5 + 1 + 0) / 4 = 0.5; close's (0.1 + 0.1 + 0.1 + 0) / 4 = 0.075.
        comparison.MaeRatio.Should().BeApproximately(0.5 / 0.075, 1e-9);
    }

    [Fact]
    public void A_high_is_judged_by_the_excursion_hit_rate_not_by_its_trivial_sign()
    {
        double[] actualHigh = [105, 103, 108, 101];
        double[] lastClose = [100, 100, 100, 100];
        double[] model = [104, 104, 104, 104];
        var comparison = RegressionComparison.Compute("next_high", actualHigh, model, lastClose, direction: DirectionMeasure.HighExcursion);

        double.IsNaN(comparison.Model.DirectionalAccuracy).Should().BeTrue();
        comparison.Model.HitRate.Should().Be(0.5, "105 and 108 reached the forecast 104; 103 and 101 did not");
        comparison.Persistence.HitRate.Should().Be(1.0, "every high reached the last close");
    }

    [Fact]
    public void A_second_baseline_gets_its_metrics_and_theil_u()
    {
        double[] ewma = [12, 8, 14, 10];
        var comparison = RegressionComparison.Compute("realized_vol_24", Actual, Predicted, Reference, "ewma_0.94", ewma);

        var second = comparison.Baselines[1];
        second.Name.Should().Be("ewma_0.94");
        second.Metrics.Should().Be(RegressionMetrics.Compute(Actual, ewma, Reference));
        // Errors 1, 1, 2, 0 against persistence's 1, 1, 2, 0: U = 1.
        second.TheilU.Should().BeApproximately(1.0, 1e-12);
        comparison.TheilU.Should().BeApproximately(0.5, 1e-12);
    }

    [Fact]
    public void The_strongest_baseline_is_chosen_on_the_validation_part_not_on_the_scored_samples()
    {
        // "close" is best on the scored samples (MAE 0.075) but "far" was best on validation: the choice must not peek.
        double[] close = [10.9, 9.1, 11.9, 10];
        double[] far = [15, 5, 15, 5];
        var comparison = RegressionComparison.Compute("realized_vol_24", Actual, Predicted, Reference,
            [new BaselineForecast("far", far) { ValidationMae = 0.2 }, new BaselineForecast("close", close) { ValidationMae = 0.3 }],
            persistenceValidationMae: 0.4);

        comparison.StrongestChosenOn.Should().Be(RegressionComparison.ChosenOnValidation);
        comparison.Strongest.Name.Should().Be("far");
        comparison.Baselines.Select(b => b.ValidationMae).Should().Equal(0.4, 0.2, 0.3);
        // Far's MAE here is (4 + 4 + 3 + 5) / 4 = 4; the model's 0.5.
        comparison.MaeRatio.Should().BeApproximately(0.5 / 4, 1e-12);
    }

    [Fact]
    public void Persistence_wins_a_validation_tie_and_a_missing_validation_mae_falls_back_to_the_scored_samples()
    {
        double[] close = [10.9, 9.1, 11.9, 10];
        var tie = RegressionComparison.Compute("realized_vol_24", Actual, Predicted, Reference,
            [new BaselineForecast("close", close) { ValidationMae = 0.3 }], persistenceValidationMae: 0.3);
        tie.Strongest.Name.Should().Be("persistence");

        var unknown = RegressionComparison.Compute("realized_vol_24", Actual, Predicted, Reference,
            [new BaselineForecast("close", close) { ValidationMae = 0.3 }]);
        unknown.StrongestChosenOn.Should().Be(RegressionComparison.ChosenOnScored);
        unknown.Strongest.Name.Should().Be("close");
    }

    [Fact]
    public void Comparisons_with_equal_baselines_are_equal()
    {
        double[] ewma = [12, 8, 14, 10];
        var first = RegressionComparison.Compute("realized_vol_24", Actual, Predicted, Reference, [new BaselineForecast("ewma_0.94", ewma) { ValidationMae = 1 }]);
        var again = RegressionComparison.Compute("realized_vol_24", Actual, Predicted, Reference, [new BaselineForecast("ewma_0.94", ewma.ToArray()) { ValidationMae = 1 }]);
        var other = RegressionComparison.Compute("realized_vol_24", Actual, Predicted, Reference, [new BaselineForecast("ewma_0.94", ewma) { ValidationMae = 2 }]);

        again.Should().Be(first);
        other.Should().NotBe(first);
    }

    [Fact]
    public void The_target_name_is_required()
    {
        var act = () => RegressionComparison.Compute(" ", Actual, Predicted, Reference);
        act.Should().Throw<ArgumentException>();
    }
}

using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Tests.Evaluation;

public class ClassificationMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Perfect_ranking_gives_auc_one_and_full_accuracy()
    {
        int[] actual = [0, 1, 2, 0];
        double[] probabilities = [0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.7, 0.2, 0.1];

        var metrics = ClassificationMetrics.Compute(actual, probabilities, 3);

        metrics.Accuracy.Should().Be(1.0);
        metrics.Auc.Should().Be(1.0);
        metrics.ClassAuc.Should().Equal(1.0, 1.0, 1.0);
    }

    [Fact]
    public void Reversed_ranking_gives_auc_zero()
    {
        int[] actual = [0, 0, 1, 1];
        double[] probabilities = [0.1, 0.9, 0.2, 0.8, 0.8, 0.2, 0.9, 0.1];

        var metrics = ClassificationMetrics.Compute(actual, probabilities, 2);

        metrics.Auc.Should().Be(0.0);
        metrics.Accuracy.Should().Be(0.0);
    }

    [Fact]
    public void Scores_that_all_tie_give_auc_one_half()
    {
        int[] actual = [0, 1, 1, 0, 1];
        var probabilities = Enumerable.Repeat(0.5, 10).ToArray();

        ClassificationMetrics.Compute(actual, probabilities, 2).Auc.Should().Be(0.5);
    }

    [Fact]
    public void Auc_counts_a_tie_between_a_positive_and_a_negative_as_one_half()
    {
        // Positives score 0.9, 0.7, 0.5; negatives 0.7, 0.3, 0.1. Wins: 3 + (0.5 + 2) + 2 = 7.5 of 9 pairs.
        int[] actual = [1, 0, 1, 0, 1, 0];
        double[] positive = [0.9, 0.7, 0.7, 0.3, 0.5, 0.1];
        var probabilities = positive.SelectMany(p => new[] { 1 - p, p }).ToArray();

        var metrics = ClassificationMetrics.Compute(actual, probabilities, 2);

        metrics.ClassAuc[1].Should().BeApproximately(7.5 / 9, Tolerance);
        metrics.ClassAuc[0].Should().BeApproximately(7.5 / 9, Tolerance);
        metrics.Auc.Should().BeApproximately(7.5 / 9, Tolerance);
    }

    [Fact]
    public void Macro_auc_skips_classes_absent_from_the_actual_labels()
    {
        // Class 0 (scores .6 .2 .4 .5, positives .6 .4): 3 of 4 pairs. Class 1 (scores .3 .5 .4 .3, positives .5 .3): 2.5 of 4.
        int[] actual = [0, 1, 0, 1];
        double[] probabilities = [0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.4, 0.4, 0.2, 0.5, 0.3, 0.2];

        var metrics = ClassificationMetrics.Compute(actual, probabilities, 3);

        metrics.ClassAuc[0].Should().BeApproximately(0.75, Tolerance);
        metrics.ClassAuc[1].Should().BeApproximately(0.625, Tolerance);
        metrics.ClassAuc[2].Should().Be(double.NaN);
        metrics.Auc.Should().BeApproximately(0.6875, Tolerance);
    }

    [Fact]
    public void Auc_is_undefined_when_every_sample_has_the_same_class()
    {
        ClassificationMetrics.Compute([1, 1], [0.3, 0.7, 0.6, 0.4], 2).Auc.Should().Be(double.NaN);
    }

    [Fact]
    public void Log_loss_is_the_mean_negative_log_probability_of_the_actual_class()
    {
        int[] actual = [0, 1, 2];
        double[] probabilities = [0.7, 0.2, 0.1, 0.3, 0.6, 0.1, 0.2, 0.2, 0.6];

        var metrics = ClassificationMetrics.Compute(actual, probabilities, 3);

        metrics.LogLoss.Should().BeApproximately(-(Math.Log(0.7) + Math.Log(0.6) + Math.Log(0.6)) / 3, Tolerance);
        metrics.LogLoss.Should().BeApproximately(0.4594420638235713, Tolerance);
    }

    [Fact]
    public void Log_loss_clips_probabilities_like_scikit_learn()
    {
        ClassificationMetrics.Compute([0], [0.0, 1.0], 2).LogLoss.Should().BeApproximately(34.538776394910684, 1e-9);
        ClassificationMetrics.Compute([1], [0.0, 1.0], 2).LogLoss.Should().BeApproximately(1e-15, 1e-16);
    }

    [Fact]
    public void Confusion_matrix_has_actual_rows_and_predicted_columns()
    {
        int[] actual = [0, 0, 1, 2, 2, 2];
        double[][] probabilities =
        [
            [0.6, 0.3, 0.1], // 0 -> 0
            [0.2, 0.5, 0.3], // 0 -> 1
            [0.1, 0.8, 0.1], // 1 -> 1
            [0.1, 0.1, 0.8], // 2 -> 2
            [0.5, 0.2, 0.3], // 2 -> 0
            [0.3, 0.3, 0.4], // 2 -> 2
        ];

        var metrics = ClassificationMetrics.Compute(actual, probabilities, 3);

        metrics.Samples.Should().Be(6);
        metrics.Classes.Should().Be(3);
        metrics.ConfusionMatrix[0].Should().Equal(1, 1, 0);
        metrics.ConfusionMatrix[1].Should().Equal(0, 1, 0);
        metrics.ConfusionMatrix[2].Should().Equal(1, 0, 2);
        metrics.ActualCounts.Should().Equal(2, 1, 3);
        metrics.PredictedCounts.Should().Equal(2, 2, 2);
        metrics.Accuracy.Should().BeApproximately(4.0 / 6, Tolerance);

        var flat = ClassificationMetrics.Compute(actual, probabilities.SelectMany(p => p).ToArray(), 3);
        flat.LogLoss.Should().Be(metrics.LogLoss);
        flat.Auc.Should().Be(metrics.Auc);
    }

    [Fact]
    public void A_tie_in_probabilities_predicts_the_lowest_class()
    {
        var metrics = ClassificationMetrics.Compute([1], [0.4, 0.4, 0.2], 3);
        metrics.PredictedCounts.Should().Equal(1, 0, 0);
    }

    [Fact]
    public void Majority_baseline_predicts_the_train_majority_with_train_frequencies()
    {
        // Train frequencies 0.2, 0.6, 0.2: always class 1.
        int[] train = [0, 1, 1, 2, 1];
        int[] test = [1, 0, 2, 1];

        var baseline = ClassificationMetrics.MajorityBaseline(train, test, 3);

        baseline.Accuracy.Should().BeApproximately(0.5, Tolerance);
        baseline.PredictedCounts.Should().Equal(0, 4, 0);
        baseline.LogLoss.Should().BeApproximately(-((2 * Math.Log(0.6)) + (2 * Math.Log(0.2))) / 4, Tolerance);
        baseline.LogLoss.Should().BeApproximately(1.0601317681000455, Tolerance);
        baseline.Auc.Should().Be(0.5);
    }

    [Fact]
    public void Majority_baseline_gives_an_unseen_class_the_clipped_loss()
    {
        var baseline = ClassificationMetrics.MajorityBaseline([0, 0, 1], [2], 3);
        baseline.LogLoss.Should().BeApproximately(34.538776394910684, 1e-9);
        var empty = () => ClassificationMetrics.MajorityBaseline([], [0], 3);
        empty.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("trainLabels");
    }

    [Fact]
    public void No_samples_give_undefined_metrics()
    {
        var metrics = ClassificationMetrics.Compute([], ReadOnlySpan<double>.Empty, 3);
        metrics.Samples.Should().Be(0);
        metrics.Accuracy.Should().Be(double.NaN);
        metrics.LogLoss.Should().Be(double.NaN);
        metrics.Auc.Should().Be(double.NaN);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_rule()
    {
        var label = () => ClassificationMetrics.Compute([3], [0.5, 0.5, 0.0], 3);
        label.Should().Throw<ArgumentException>().WithMessage("actual[0] is class 3*");
        var logits = () => ClassificationMetrics.Compute([0], [2.0, 1.0], 2);
        logits.Should().Throw<ArgumentException>().WithMessage("*sum to 3, not 1; pass softmax*");
        var negative = () => ClassificationMetrics.Compute([0], [1.5, -0.5], 2);
        negative.Should().Throw<ArgumentException>().WithMessage("*finite and non-negative*");
        var size = () => ClassificationMetrics.Compute([0, 1], [0.5, 0.5], 2);
        size.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("rowMajorProbabilities");
        var classes = () => ClassificationMetrics.Compute([0], [1.0], 1);
        classes.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("classes");
        var ragged = () => ClassificationMetrics.Compute([0], new[] { new[] { 1.0 } }, 2);
        ragged.Should().Throw<ArgumentException>().WithMessage("probabilities[0] has 1 values*");
    }

    [Fact]
    public void The_last_regime_baseline_is_certain_of_the_last_observed_class()
    {
        // Last observed 0, 1, 1, 2 against actual 0, 1, 2, 2: three right; the wrong one pays -ln(1e-15).
        var baseline = ClassificationMetrics.LastObservedBaseline([0, 1, 1, 2], [0, 1, 2, 2], 3);

        baseline.Accuracy.Should().Be(0.75);
        baseline.LogLoss.Should().BeApproximately(-Math.Log(1e-15) / 4, 1e-9);
        baseline.ConfusionMatrix[2].Should().Equal(0, 1, 1);
    }

    [Fact]
    public void The_stronger_regime_baseline_is_chosen_by_validation_accuracy()
    {
        var model = ClassificationMetrics.LastObservedBaseline([0, 1, 1, 2], [0, 1, 2, 2], 3);
        var majority = ClassificationMetrics.MajorityBaseline([1, 1, 0], [1, 1, 2, 2], 3);
        var last = ClassificationMetrics.LastObservedBaseline([0, 1, 1, 2], [0, 1, 2, 2], 3);
        var section = new ClassificationSection("regime_h4", ["bearish", "neutral", "bullish"], model, majority) { LastRegime = last };

        // On the scored samples the last regime is right 3 times in 4, the majority class (neutral) twice.
        section.StrongestChosenOn.Should().Be(RegressionComparison.ChosenOnScored);
        section.Strongest!.Value.Name.Should().Be(ClassificationSection.LastRegimeName);

        var validated = section with { BaselineValidationAccuracy = 0.6, LastRegimeValidationAccuracy = 0.5 };
        validated.StrongestChosenOn.Should().Be(RegressionComparison.ChosenOnValidation);
        validated.Strongest!.Value.Name.Should().Be("majority class");
        (validated with { LastRegimeValidationAccuracy = 0.6 }).Strongest!.Value.Name.Should().Be("majority class", "the majority class wins a tie");
    }
}

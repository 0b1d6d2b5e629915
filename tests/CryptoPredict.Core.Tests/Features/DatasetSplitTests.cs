using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Tests.Features;

public class DatasetSplitTests
{
    private static WindowedDataset Dataset(int window, int horizon, int count = 600, int stride = 1)
    {
        var series = SyntheticCandles.Create(count, seed: 21, (100, 1), (420, 3));
        var features = FeatureTestData.CloseAndMean(series);
        var targets = new TargetSet([new CloseAtHorizonTarget(horizon)]).Compute(series);
        return new WindowedDataset(features, targets, window, stride);
    }

    [Theory]
    [InlineData(10, 1, 1)]
    [InlineData(30, 6, 1)]
    [InlineData(12, 4, 5)]
    public void Parts_are_chronological_with_a_purge_gap_of_window_plus_horizon(int window, int horizon, int stride)
    {
        var dataset = Dataset(window, horizon, stride: stride);
        var split = DatasetSplit.Chronological(dataset);

        split.Train.Should().NotBeEmpty();
        split.Validation.Should().NotBeEmpty();
        split.Test.Should().NotBeEmpty();
        split.PurgeRows.Should().Be(window + horizon);
        foreach (var (earlier, later) in new[] { (split.Train, split.Validation), (split.Validation, split.Test) })
        {
            var lastEnd = dataset.EndRow(earlier[^1]);
            var firstEnd = dataset.EndRow(later[0]);
            (firstEnd - lastEnd).Should().BeGreaterThanOrEqualTo(window + horizon);
            // No label row of the earlier part is an input row of the later part.
            dataset.StartRow(later[0]).Should().BeGreaterThan(lastEnd + horizon);
        }

        split.Train.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        split.Train.Concat(split.Validation).Concat(split.Test).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        // 70/15/15 of the samples, less what the purge removes.
        split.Train.Count.Should().Be((int)Math.Floor(dataset.Count * 0.70));
        var purgeSamples = (window + horizon) / stride + 1;
        split.Validation.Count.Should().BeInRange((int)(dataset.Count * 0.15) - purgeSamples, (int)(dataset.Count * 0.15));
        split.Test.Count.Should().BeInRange(dataset.Count - (int)(dataset.Count * 0.85) - purgeSamples - 1, dataset.Count - (int)(dataset.Count * 0.85));
    }

    [Fact]
    public void Training_rows_are_the_rows_of_the_training_windows_and_come_before_validation()
    {
        var dataset = Dataset(window: 20, horizon: 3);
        var split = DatasetSplit.Chronological(dataset);
        var rows = split.TrainingRows();

        var expected = split.Train.SelectMany(s => Enumerable.Range(dataset.StartRow(s), 20)).Distinct().Order().ToList();
        rows.Should().Equal(expected);
        rows[^1].Should().BeLessThan(dataset.StartRow(split.Validation[0]));
    }

    [Fact]
    public void Without_validation_the_test_part_is_purged_against_training()
    {
        var dataset = Dataset(window: 10, horizon: 2);
        var split = DatasetSplit.Chronological(dataset, trainFraction: 0.8, validationFraction: 0);

        split.Validation.Should().BeEmpty();
        (dataset.EndRow(split.Test[0]) - dataset.EndRow(split.Train[^1])).Should().BeGreaterThanOrEqualTo(12);
    }

    [Theory]
    [InlineData(0.0, 0.15)]
    [InlineData(0.9, 0.2)]
    [InlineData(-0.1, 0.1)]
    [InlineData(0.7, 1.5)]
    public void Bad_fractions_are_refused(double train, double validation)
    {
        var dataset = Dataset(window: 10, horizon: 1, count: 100);
        FluentActions.Invoking(() => DatasetSplit.Chronological(dataset, train, validation))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Fraction*");
    }
}

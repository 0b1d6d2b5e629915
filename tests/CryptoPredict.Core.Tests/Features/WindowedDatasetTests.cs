using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Tests.Features;

public class WindowedDatasetTests
{
    [Theory]
    [InlineData(5, 1, 1)]
    [InlineData(8, 4, 1)]
    [InlineData(5, 1, 3)]
    [InlineData(1, 2, 2)]
    public void Samples_are_exactly_the_end_rows_whose_window_and_target_span_have_no_gap(int window, int horizon, int stride)
    {
        var series = SyntheticCandles.Create(200, seed: 11, (30, 1), (31, 2), (90, 5), (150, 1), (157, 1));
        var features = FeatureTestData.CloseAndMean(series);
        var targets = new TargetSet([new CloseAtHorizonTarget(horizon)]).Compute(series);
        var dataset = new WindowedDataset(features, targets, window, stride);

        // Brute force over every row: valid = warm-up done, whole span consecutive, inside the series.
        var valid = Enumerable.Range(0, series.Count)
            .Where(t => t - window + 1 >= 2 && t + horizon < series.Count && FeatureTestData.Consecutive(series, t - window + 1, t + horizon))
            .ToList();
        var expected = valid.Where((_, i) => i % stride == 0).ToList();

        dataset.EndRows.Should().Equal(expected);
        dataset.Count.Should().BeGreaterThan(10);
        dataset.Horizon.Should().Be(horizon);
        // The gap rows really were excluded: no sample may end right before a gap.
        dataset.EndRows.Should().NotContain(30).And.NotContain(90 - horizon + 1);
    }

    [Fact]
    public void Input_and_target_spans_hold_the_right_rows()
    {
        var series = SyntheticCandles.Create(60, seed: 3, (40, 2));
        var features = FeatureTestData.CloseAndMean(series);
        var targets = TargetSet.Parse("next_close,close_h3").Compute(series);
        var dataset = new WindowedDataset(features, targets, windowLength: 4);

        for (var s = 0; s < dataset.Count; s++)
        {
            var t = dataset.EndRow(s);
            var input = dataset.Input(s);
            input.Length.Should().Be(4 * 2);
            for (var k = 0; k < 4; k++)
            {
                input[2 * k].Should().Be(series.Close[t - 3 + k]);
            }

            dataset.Target(s)[1].Should().Be(Math.Log(series.Close[t + 3] / series.Close[t]));
            dataset.EndTime(s).Should().Be(series.OpenTimes[t]);
        }
    }

    [Fact]
    public void Rows_with_missing_feature_values_never_enter_a_window()
    {
        var series = SyntheticCandles.Create(50, seed: 5);
        var close = series.Close.ToArray();
        close[20] = double.NaN;
        var features = FeatureMatrix.FromColumns(["x"], [close], series.OpenTimes.ToArray(), series.Interval);
        var targets = new TargetSet([new CloseAtHorizonTarget(1)]).Compute(series);
        var dataset = new WindowedDataset(features, targets, windowLength: 5);

        dataset.EndRows.Should().NotContain(Enumerable.Range(20, 5));
        dataset.EndRows.Should().Contain(19).And.Contain(25);
    }

    [Fact]
    public void Parameters_are_validated_by_name()
    {
        var series = SyntheticCandles.Create(20, seed: 1);
        var features = FeatureTestData.CloseAndMean(series);
        var targets = TargetSet.Parse("next_close").Compute(series);

        FluentActions.Invoking(() => new WindowedDataset(features, targets, 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*windowLength*0*");
        FluentActions.Invoking(() => new WindowedDataset(features, targets, 3, stride: 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*stride*");
        var shorter = TargetSet.Parse("next_close").Compute(series.Slice(0, 10));
        FluentActions.Invoking(() => new WindowedDataset(features, shorter, 3))
            .Should().Throw<ArgumentException>().WithMessage("*same series*");
    }
}

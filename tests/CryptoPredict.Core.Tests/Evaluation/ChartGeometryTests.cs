using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Tests.Evaluation;

public class ChartGeometryTests
{
    [Fact]
    public void Axis_ranges_widen_to_round_steps_with_an_exact_zero()
    {
        var axis = ChartAxis.Nice(0.03, 0.97);
        axis.Step.Should().BeApproximately(0.2, 1e-15);
        axis.Low.Should().Be(0);
        axis.High.Should().BeApproximately(1.0, 1e-15);
        axis.Ticks().Should().HaveCount(6);
        axis.Ticks().First().Should().Be(0);

        var negative = ChartAxis.Nice(-0.0031, 0.0042);
        negative.Ticks().Should().Contain(0.0).And.OnlyContain(t => t >= negative.Low && t <= negative.High);
        negative.Low.Should().BeLessThanOrEqualTo(-0.0031);
        negative.High.Should().BeGreaterThanOrEqualTo(0.0042);
    }

    [Fact]
    public void A_single_value_gets_a_range_around_it()
    {
        var axis = ChartAxis.Nice(42, 42);
        axis.Low.Should().BeLessThan(42);
        axis.High.Should().BeGreaterThan(42);
        var zero = ChartAxis.Nice(0, 0);
        zero.Low.Should().BeLessThan(0);
        zero.High.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Epoch_axes_step_by_whole_numbers()
    {
        ChartAxis.Nice(1, 3, minimumStep: 1).Step.Should().Be(1);
    }

    [Fact]
    public void Thinning_keeps_each_bucket_extremes_in_order_and_short_series_untouched()
    {
        var x = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        double[] y = [5, 1, 9, 3, 4, 8, 2, 7, 6, 0];

        // Two buckets of five: bucket 0 keeps min at 1 and max at 2, bucket 1 keeps max at 5 and min at 9.
        var (thinX, thinY) = SeriesDownsampler.Thin(x, y, maxPoints: 4);
        thinX.Should().Equal(1, 2, 5, 9);
        thinY.Should().Equal(1, 9, 8, 0);

        SeriesDownsampler.Thin(x, y).X.Should().BeSameAs(x);
    }

    [Fact]
    public void Thinning_a_long_series_is_bounded_and_deterministic()
    {
        var x = Enumerable.Range(0, 12_345).Select(i => (double)i).ToArray();
        var y = x.Select(v => Math.Sin(v / 37.0)).ToArray();
        var first = SeriesDownsampler.Thin(x, y);
        var second = SeriesDownsampler.Thin(x, y);
        first.X.Length.Should().BeLessThanOrEqualTo(SeriesDownsampler.MaxPoints);
        first.X.Should().Equal(second.X);
        first.X.Should().BeInAscendingOrder();
    }
}

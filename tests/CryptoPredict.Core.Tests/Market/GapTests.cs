using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

public class GapTests
{
    [Fact]
    public void Gap_map_lists_gaps_and_the_start_of_each_contiguous_run()
    {
        var series = SeriesBuilder.HourlyAt(CandleInterval.OneHour, 0, 1, 2, 5, 6, 9);

        var map = series.GetGapMap();

        map.SegmentStarts.ToArray().Should().Equal(0, 0, 0, 3, 3, 5);
        series.SegmentStart().Should().Equal(0, 0, 0, 3, 3, 5);
        map.SegmentCount.Should().Be(3);
        map.Gaps.Should().Equal(
            new CandleGap(SeriesBuilder.Day.AddHours(3), SeriesBuilder.Day.AddHours(4), 2),
            new CandleGap(SeriesBuilder.Day.AddHours(7), SeriesBuilder.Day.AddHours(8), 2));
        map.MissingCandles.Should().Be(4);
        map.IsContiguous(0, 2).Should().BeTrue();
        map.IsContiguous(2, 3).Should().BeFalse();
        map.IsContiguous(3, 4).Should().BeTrue();
        map.IsContiguous(4, 5).Should().BeFalse();
        map.IsContiguous(5, 5).Should().BeTrue();
    }

    [Fact]
    public void Is_contiguous_agrees_with_checking_every_spacing()
    {
        var random = new Random(20240201);
        var steps = new List<int>();
        var step = 0;
        for (var i = 0; i < 60; i++)
        {
            step += random.Next(10) == 0 ? 1 + random.Next(1, 4) : 1;
            steps.Add(step);
        }

        var series = SeriesBuilder.HourlyAt(CandleInterval.OneHour, [.. steps]);
        var map = series.GetGapMap();

        for (var start = 0; start < series.Count; start++)
        {
            for (var end = start; end < series.Count; end++)
            {
                var expected = true;
                for (var k = start + 1; k <= end; k++)
                {
                    expected &= series.OpenTimes[k] - series.OpenTimes[k - 1] == TimeSpan.FromHours(1);
                }

                map.IsContiguous(start, end).Should().Be(expected, $"rows {start} to {end}");
            }
        }
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(2, 1)]
    [InlineData(0, 3)]
    public void Is_contiguous_refuses_ranges_outside_the_series(int start, int end)
    {
        var map = SeriesBuilder.HourlyAt(CandleInterval.OneHour, 0, 1, 2).GetGapMap();

        var act = () => map.IsContiguous(start, end);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*[{start}, {end}]*");
    }

    [Fact]
    public void Fill_gaps_forward_fills_the_previous_close_with_zero_volume()
    {
        var times = new[] { 0, 1, 4 }.Select(h => SeriesBuilder.Day.AddHours(h)).ToArray();
        var series = new CandleSeries("TESTUSDT", CandleInterval.OneHour, times,
            [1, 2, 3], [2, 3, 4], [0.5, 1.5, 2.5], [1.5, 2.5, 3.5], [10, 20, 30],
            new Dictionary<string, double[]> { ["funding"] = [0.1, 0.2, 0.3] });

        var filled = series.FillGaps();

        filled.Should().Equal(
            new Candle(SeriesBuilder.Day, 1, 2, 0.5, 1.5, 10),
            new Candle(SeriesBuilder.Day.AddHours(1), 2, 3, 1.5, 2.5, 20),
            new Candle(SeriesBuilder.Day.AddHours(2), 2.5, 2.5, 2.5, 2.5, 0),
            new Candle(SeriesBuilder.Day.AddHours(3), 2.5, 2.5, 2.5, 2.5, 0),
            new Candle(SeriesBuilder.Day.AddHours(4), 3, 4, 2.5, 3.5, 30));
        filled.ExtraColumns["funding"].Should().Equal(0.1, 0.2, 0.2, 0.2, 0.3);
        filled.GetGapMap().Gaps.Should().BeEmpty();
    }

    [Fact]
    public void Fill_gaps_returns_a_series_without_gaps_unchanged()
    {
        var series = SeriesBuilder.HourlyAt(CandleInterval.OneHour, 0, 1, 2);

        series.FillGaps().Should().BeSameAs(series);
    }
}

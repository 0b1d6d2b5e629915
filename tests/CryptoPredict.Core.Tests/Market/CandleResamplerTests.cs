using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

public class CandleResamplerTests
{
    [Fact]
    public void One_hour_to_four_hours_matches_a_hand_computation_and_drops_partial_buckets()
    {
        // Hours 1-16 of one day, hour 6 missing. Buckets [0,4) and [16,20) are cut by the range, [4,8) by the gap.
        var series = SeriesBuilder.Hourly(
            SeriesBuilder.Plain(1), SeriesBuilder.Plain(2), SeriesBuilder.Plain(3),
            SeriesBuilder.Plain(4), SeriesBuilder.Plain(5), SeriesBuilder.Plain(7),
            (8, 10, 12, 9, 11, 1),
            (9, 11, 15, 10.5, 14, 2),
            (10, 14, 14.5, 8, 9, 3),
            (11, 9, 10, 8.5, 9.5, 4),
            SeriesBuilder.Plain(12), SeriesBuilder.Plain(13), SeriesBuilder.Plain(14), SeriesBuilder.Plain(15),
            SeriesBuilder.Plain(16));

        var resampled = series.Resample(CandleInterval.FourHours, out var dropped);

        resampled.Interval.Should().Be(CandleInterval.FourHours);
        resampled.Symbol.Should().Be("TESTUSDT");
        dropped.Should().Be(3);
        resampled.Should().Equal(
            new Candle(SeriesBuilder.Day.AddHours(8), 10, 15, 8, 9.5, 10),
            // Plain(h) = (h, h + 1, h - 0.5, h + 0.5, 1): open 12, high 15 + 1, low 12 - 0.5, close 15 + 0.5, volume 4.
            new Candle(SeriesBuilder.Day.AddHours(12), 12, 16, 11.5, 15.5, 4));
    }

    [Fact]
    public void Buckets_are_aligned_to_utc_midnight_for_daily_candles()
    {
        var series = SeriesBuilder.HourlyAt(CandleInterval.FourHours, Enumerable.Range(0, 6 * 3).ToArray());
        var shifted = SeriesBuilder.HourlyAt(CandleInterval.FourHours, Enumerable.Range(1, 6 * 3).ToArray());

        series.Resample(CandleInterval.OneDay).OpenTimes.ToArray()
            .Should().Equal(SeriesBuilder.Day, SeriesBuilder.Day.AddDays(1), SeriesBuilder.Day.AddDays(2));
        // 04:00 on day 1 to 00:00 on day 4: days 1 and 4 are cut, days 2 and 3 are whole.
        shifted.Resample(CandleInterval.OneDay, out var dropped).OpenTimes.ToArray()
            .Should().Equal(SeriesBuilder.Day.AddDays(1), SeriesBuilder.Day.AddDays(2));
        dropped.Should().Be(2);
    }

    [Fact]
    public void Fifteen_minutes_to_one_hour_sums_volume()
    {
        var series = SeriesBuilder.HourlyAt(CandleInterval.FifteenMinutes, 0, 1, 2, 3, 4, 5, 6, 7);

        var hourly = series.Resample(CandleInterval.OneHour);

        hourly.Count.Should().Be(2);
        hourly.Volume.ToArray().Should().Equal(40, 40);
    }

    [Fact]
    public void Extra_columns_take_the_value_known_at_the_bucket_close()
    {
        var times = Enumerable.Range(0, 4).Select(h => SeriesBuilder.Day.AddHours(h)).ToArray();
        double[] ones = [1, 1, 1, 1];
        var series = new CandleSeries("TESTUSDT", CandleInterval.OneHour, times, ones, [2, 2, 2, 2], [0.5, 0.5, 0.5, 0.5], ones, ones,
            new Dictionary<string, double[]> { ["funding"] = [0.1, 0.2, 0.3, 0.4] });

        series.Resample(CandleInterval.FourHours).ExtraColumns["funding"].Should().Equal(0.4);
    }

    [Theory]
    [InlineData("90m")]
    [InlineData("30m")]
    public void A_target_that_is_not_a_multiple_of_the_source_is_refused(string target)
    {
        var series = SeriesBuilder.HourlyAt(CandleInterval.OneHour, 0, 1, 2);

        var act = () => series.Resample(CandleInterval.Parse(target));

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "target").WithMessage($"*{target}*");
    }
}

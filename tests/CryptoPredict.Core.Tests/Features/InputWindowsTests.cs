using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Tests.Features;

public class InputWindowsTests
{
    private static readonly FeatureMatrix Ohlc13 = FeatureSet.Parse("ohlc13").Compute(RealCandles.BtcHead2000);

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(60)]
    public void A_window_is_usable_exactly_when_its_rows_are_consecutive_candles_with_finite_features(int window)
    {
        var candles = RealCandles.BtcHead2000;
        var windows = new InputWindows(Ohlc13, window);

        // Brute force from the candle times and the values themselves.
        for (var t = -1; t <= candles.Count; t++)
        {
            var first = t - window + 1;
            var expected = first >= 0 && t < candles.Count && FeatureTestData.Consecutive(candles, first, t)
                && Enumerable.Range(first, window).All(r => Enumerable.Range(0, Ohlc13.ColumnCount).All(c => double.IsFinite(Ohlc13[r, c])));
            windows.IsUsable(t).Should().Be(expected, $"row {t}");
            (windows.Problem(t) is null).Should().Be(expected, $"row {t}");
        }

        Enumerable.Range(0, candles.Count).Count(windows.IsUsable).Should().BeGreaterThan(1500, "the head has only three gaps and a short warm-up");
    }

    [Fact]
    public void Problems_name_the_candle_at_fault()
    {
        var candles = RealCandles.BtcHead2000;
        var windows = new InputWindows(Ohlc13, 16);
        var afterGap = Enumerable.Range(1, candles.Count - 1).First(i => candles.OpenTimes[i] - candles.OpenTimes[i - 1] > candles.Interval.Duration);

        windows.Problem(afterGap + 3).Should().Contain("not contiguous").And.Contain($"missing after {candles.OpenTimes[afterGap - 1]:yyyy-MM-dd HH:mm} UTC");
        windows.Problem(Ohlc13.FirstCompleteRow + 2).Should().Contain($"includes {candles.OpenTimes[Ohlc13.FirstCompleteRow + 2 - 15]:yyyy-MM-dd HH:mm} UTC", "the first undefined row of the window").And.Contain("undefined");
        windows.Problem(5).Should().Contain("starts before the first candle");
        windows.Problem(candles.Count).Should().Contain("starts before the first candle", "a row past the end has no window either");
    }

    [Fact]
    public void Dataset_samples_are_the_usable_windows_whose_target_span_is_contiguous_and_defined()
    {
        var candles = RealCandles.BtcHead2000;
        var targets = TargetSet.Parse("realized_vol_24").Compute(candles);
        var dataset = new WindowedDataset(Ohlc13, targets, windowLength: 16);

        var expected = Enumerable.Range(0, candles.Count)
            .Where(t => dataset.Windows.IsUsable(t) && t + 24 < candles.Count && FeatureTestData.Consecutive(candles, t, t + 24) && targets.IsRowComplete(t));
        dataset.EndRows.Should().Equal(expected);
        dataset.Windows.Length.Should().Be(16);
    }

    [Fact]
    public void A_window_length_below_one_is_refused_by_name()
    {
        FluentActions.Invoking(() => new InputWindows(Ohlc13, 0)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*windowLength*0*");
    }
}

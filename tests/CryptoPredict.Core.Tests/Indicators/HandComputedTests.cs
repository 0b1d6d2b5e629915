using CryptoPredict.Core.Indicators;

namespace CryptoPredict.Core.Tests.Indicators;

/// <summary>Indicators without TA-Lib golden values, checked against values worked out by hand on tiny series.</summary>
public class HandComputedTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Wma_weights_the_newest_value_heaviest()
    {
        var wma = SeriesIndicators.Wma([1, 2, 3, 4, 5], 3);
        wma[..2].Should().AllSatisfy(v => double.IsNaN(v).Should().BeTrue());
        wma[2].Should().BeApproximately(14.0 / 6, Tolerance); // (1*1 + 2*2 + 3*3) / 6
        wma[3].Should().BeApproximately(20.0 / 6, Tolerance);
        wma[4].Should().BeApproximately(26.0 / 6, Tolerance);
    }

    [Fact]
    public void Bollinger_width_and_percent_b()
    {
        var bands = SeriesIndicators.BollingerBands([1, 2, 3, 5], 3, 2);
        var s = Math.Sqrt(2.0 / 3); // population std of 1, 2, 3
        bands.Middle[2].Should().BeApproximately(2, Tolerance);
        bands.Upper[2].Should().BeApproximately(2 + (2 * s), Tolerance);
        bands.Lower[2].Should().BeApproximately(2 - (2 * s), Tolerance);
        bands.Width[2].Should().BeApproximately(4 * s / 2, Tolerance);
        bands.PercentB[2].Should().BeApproximately((1 + (2 * s)) / (4 * s), Tolerance);

        // 2, 3, 5: mean 10/3, population variance 14/9.
        var s3 = Math.Sqrt(14.0 / 9);
        bands.Width[3].Should().BeApproximately(4 * s3 / (10.0 / 3), 1e-9);
        bands.PercentB[3].Should().BeApproximately((5 - (10.0 / 3) + (2 * s3)) / (4 * s3), 1e-9);
        bands.Width[..2].Should().AllSatisfy(v => double.IsNaN(v).Should().BeTrue());
    }

    [Fact]
    public void Bollinger_percent_b_is_one_half_when_the_bands_coincide()
    {
        var bands = SeriesIndicators.BollingerBands([5, 5, 5, 5], 3, 2);
        bands.PercentB[2..].Should().Equal(0.5, 0.5);
        bands.Width[2..].Should().Equal(0.0, 0.0);
    }

    [Fact]
    public void Log_return_is_undefined_at_the_first_row()
    {
        var r = SeriesIndicators.LogReturn([100, 110, 99]);
        double.IsNaN(r[0]).Should().BeTrue();
        r[1].Should().BeApproximately(Math.Log(1.1), Tolerance);
        r[2].Should().BeApproximately(Math.Log(0.9), Tolerance);
    }

    [Fact]
    public void Historical_volatility_is_the_sample_std_of_log_returns()
    {
        double[] close = [100, 110, 99, 99, 108.9];
        var hv = SeriesIndicators.HistoricalVolatility(close, 3);
        hv[..3].Should().AllSatisfy(v => double.IsNaN(v).Should().BeTrue());

        // Returns: ln 1.1, ln 0.9, 0, ln 1.1.
        hv[3].Should().BeApproximately(SampleStd(Math.Log(1.1), Math.Log(0.9), 0), Tolerance);
        hv[4].Should().BeApproximately(SampleStd(Math.Log(0.9), 0, Math.Log(1.1)), Tolerance);
    }

    [Fact]
    public void Historical_volatility_matches_a_two_pass_computation_on_a_long_series()
    {
        var close = SyntheticCandles.Create(5_000, seed: 7).Close.ToArray();
        const int period = 20;
        var hv = SeriesIndicators.HistoricalVolatility(close, period);
        for (var t = period; t < close.Length; t++)
        {
            var returns = Enumerable.Range(t - period + 1, period).Select(i => Math.Log(close[i] / close[i - 1])).ToArray();
            hv[t].Should().BeApproximately(SampleStd(returns), 1e-12, "row {0}", t);
        }
    }

    [Fact]
    public void Rolling_vwap_weights_typical_price_by_volume_and_falls_back_without_volume()
    {
        // high = p + 1, low = p - 1, close = p, so the typical price is p.
        double[] price = [10, 20, 30, 40, 50];
        var series = SyntheticCandles.FromColumns(
            price.Select(p => p + 1).ToArray(), price.Select(p => p - 1).ToArray(), price, [1, 3, 0, 0, 2]);

        var vwap = series.RollingVwap(2);
        double.IsNaN(vwap[0]).Should().BeTrue();
        vwap[1].Should().BeApproximately(((10 * 1) + (20 * 3)) / 4.0, Tolerance);
        vwap[2].Should().BeApproximately(20, Tolerance);
        vwap[3].Should().Be(40, "no volume in the window: the typical price itself");
        vwap[4].Should().BeApproximately(50, Tolerance);
    }

    [Fact]
    public void Daily_vwap_restarts_at_each_utc_midnight()
    {
        double[] price = [10, 20, 30, 40, 50];
        var start = new DateTime(2024, 3, 1, 22, 0, 0, DateTimeKind.Utc);
        var times = Enumerable.Range(0, 5).Select(i => start.AddHours(i)).ToArray(); // 22:00, 23:00, 00:00, 01:00, 02:00
        var series = SyntheticCandles.FromColumns(
            price.Select(p => p + 1).ToArray(), price.Select(p => p - 1).ToArray(), price, [1, 1, 0, 2, 2], times);

        var vwap = series.DailyVwap();
        vwap[0].Should().BeApproximately(10, Tolerance);
        vwap[1].Should().BeApproximately(15, Tolerance);
        vwap[2].Should().Be(30, "the new day has no volume yet: the typical price itself");
        vwap[3].Should().BeApproximately(40, Tolerance);
        vwap[4].Should().BeApproximately(45, Tolerance);
    }

    [Fact]
    public void Fibonacci_levels_measure_the_close_against_the_rolling_range()
    {
        var series = SyntheticCandles.FromColumns([10, 12, 11, 9], [8, 9, 7, 8], [9, 11, 10, 8.5], [1, 1, 1, 1]);
        var fib = series.FibonacciLevels(3);
        double.IsNaN(fib.Level236[1]).Should().BeTrue();
        double.IsNaN(fib.Level786[1]).Should().BeTrue();

        // Rows 2 and 3: highest high 12, lowest low 7, range 5.
        fib.Level236[2].Should().BeApproximately((10 - (12 - (0.236 * 5))) / 10, Tolerance);
        fib.Level382[2].Should().BeApproximately((10 - (12 - (0.382 * 5))) / 10, Tolerance);
        fib.Level500[2].Should().BeApproximately(0.05, Tolerance);
        fib.Level618[2].Should().BeApproximately((10 - (12 - (0.618 * 5))) / 10, Tolerance);
        fib.Level786[3].Should().BeApproximately((8.5 - 8.07) / 8.5, Tolerance);
    }

    [Fact]
    public void Volume_ratio_divides_by_the_mean_including_the_current_candle()
    {
        var series = SyntheticCandles.FromColumns([2, 2, 2, 2, 2, 2, 2], [1, 1, 1, 1, 1, 1, 1], [1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5], [1, 2, 3, 6, 0, 0, 0]);
        var ratio = series.VolumeRatio(3);
        double.IsNaN(ratio[1]).Should().BeTrue();
        ratio[2].Should().BeApproximately(1.5, Tolerance);
        ratio[3].Should().BeApproximately(18.0 / 11, Tolerance);
        ratio[6].Should().Be(0, "a window without volume");
    }

    [Fact]
    public void Rolling_extremes_match_a_naive_scan_with_ties()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 2_000).Select(_ => (double)random.Next(0, 20)).ToArray();
        foreach (var period in new[] { 1, 2, 3, 14, 50 })
        {
            var max = new double[values.Length];
            var min = new double[values.Length];
            RollingExtremes.Max(values, period, max);
            RollingExtremes.Min(values, period, min);
            for (var i = period - 1; i < values.Length; i++)
            {
                var window = values.AsSpan(i - period + 1, period).ToArray();
                max[i].Should().Be(window.Max(), "max of period {0} at {1}", period, i);
                min[i].Should().Be(window.Min(), "min of period {0} at {1}", period, i);
            }
        }
    }

    private static double SampleStd(params double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}

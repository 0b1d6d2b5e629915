using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Features;

public class FeatureSetTests
{
    [Fact]
    public void Ohlc13_is_seed_001s_list_in_order()
    {
        FeatureSet.Parse("ohlc13").ColumnNames(RealCandles.BtcHead2000).Should().Equal(
            "close", "open", "high", "low", "volume", "atr_14", "bb_upper", "bb_lower", "bb_width", "rsi_14", "macd",
            "volatility_20", "bb_position");
    }

    [Theory]
    [InlineData("hybrid", 20, new[] { "close", "volume", "rsi_14", "macd", "bb_upper", "bb_lower", "obv", "atr_14", "ema_12", "sma_20" })]
    [InlineData("volatility", 18, new[] { "rsi_14", "macd", "bb_width", "sma_20", "ema_12", "volume_ratio_20", "volume_sma_20", "volatility_20" })]
    [InlineData("close", 1, new[] { "close" })]
    [InlineData("regime", 17, new[] { "rsi_14", "macd", "bb_upper", "fib_236", "fib_382", "fib_500", "fib_618", "fib_786", "vwap_20", "vwap_daily" })]
    public void Named_sets_carry_their_seeds_features(string name, int count, string[] required)
    {
        var set = FeatureSet.Parse(name);
        var columns = set.ColumnNames(RealCandles.BtcHead2000);

        set.Name.Should().Be(name);
        columns.Should().HaveCount(count).And.OnlyHaveUniqueItems().And.Contain(required);
        columns.Where(c => !FeatureCatalog.TryResolve(c, out var _)).Should().BeEmpty();
    }

    [Fact]
    public void Regime_adds_every_extra_column_of_the_file()
    {
        var plain = SyntheticCandles.Create(80, seed: 2);
        var withExtras = new CandleSeries(
            plain.Symbol, plain.Interval, plain.OpenTimes.ToArray(), plain.Open.ToArray(), plain.High.ToArray(), plain.Low.ToArray(),
            plain.Close.ToArray(), plain.Volume.ToArray(),
            new Dictionary<string, double[]> { ["sentiment"] = new double[80], ["funding_rate"] = Enumerable.Range(0, 80).Select(i => i * 0.5).ToArray() });
        var set = FeatureSet.Parse("regime");

        set.IncludesExtraColumns.Should().BeTrue();
        set.ColumnNames(plain).Should().HaveCount(17);
        var matrix = set.Compute(withExtras);
        matrix.ColumnNames.Should().HaveCount(19);
        matrix.ColumnNames.TakeLast(2).Should().Equal("funding_rate", "sentiment");
        matrix.Column("funding_rate").Should().Equal(withExtras.ExtraColumns["funding_rate"]);
    }

    [Fact]
    public void Lists_mix_features_sets_and_parametrised_names()
    {
        var set = FeatureSet.Parse(" close, EMA_50 ,rsi_7,close,ohlc13 ");

        set.ColumnNames(RealCandles.BtcHead2000).Take(4).Should().Equal("close", "ema_50", "rsi_7", "open");
        set.ColumnNames(RealCandles.BtcHead2000).Should().HaveCount(3 + 12);
    }

    [Theory]
    [InlineData("ema_0")]
    [InlineData("ema_050")]
    [InlineData("rsi_1")]
    [InlineData("ema")]
    [InlineData("close,bogus")]
    [InlineData("macd_12")]
    public void Unknown_names_are_refused_with_the_known_names(string text)
    {
        FluentActions.Invoking(() => FeatureSet.Parse(text))
            .Should().Throw<FormatException>().WithMessage("*Unknown feature*ohlc13*bb_position*sma_N*rsi_N*ema_50*", "got: " + text);
    }

    [Fact]
    public void A_missing_extra_column_names_the_ones_the_file_has()
    {
        var set = FeatureSet.Parse("close,extra:funding_rate");
        FluentActions.Invoking(() => set.Compute(SyntheticCandles.Create(30, seed: 1)))
            .Should().Throw<KeyNotFoundException>().WithMessage("*funding_rate*no extra columns*");
    }

    [Fact]
    public void Catalog_columns_equal_the_TA_Lib_golden_columns_of_the_same_name()
    {
        var golden = RealCandles.Golden();
        var series = RealCandles.BtcHead2000.Slice(0, 500);
        golden.Remove("timestamp");
        golden.Keys.Should().HaveCountGreaterThan(15);
        var matrix = FeatureSet.Parse(string.Join(",", golden.Keys)).Compute(series);

        foreach (var (name, expected) in golden)
        {
            var actual = matrix.Column(name);
            var tolerance = name == "stddev_20" ? 1e-7 : 1e-9;
            for (var r = 0; r < expected.Length; r++)
            {
                if (double.IsNaN(expected[r]))
                {
                    double.IsNaN(actual[r]).Should().BeTrue($"{name} is in warm-up at row {r}");
                }
                else
                {
                    actual[r].Should().BeApproximately(expected[r], tolerance * Math.Max(1, Math.Abs(expected[r])), $"{name} at row {r}");
                }
            }
        }
    }

    [Fact]
    public void Warm_up_ends_where_the_slowest_feature_starts()
    {
        var series = RealCandles.BtcHead2000;
        // TA-Lib lookbacks (golden file notes): MACD(12,26,9) starts at row 33, the others earlier.
        FeatureSet.Parse("ohlc13").Compute(series).FirstCompleteRow.Should().Be(33);
        FeatureSet.Parse("close").Compute(series).FirstCompleteRow.Should().Be(0);
        FeatureSet.Parse("close,sma_50").Compute(series).FirstCompleteRow.Should().Be(49);
        // Historical volatility over 20 log returns needs 21 closes.
        FeatureSet.Parse("volatility_20").Compute(series).FirstCompleteRow.Should().Be(20);

        var matrix = FeatureSet.Parse("ohlc13").Compute(series);
        var trimmed = matrix.DropWarmUp();
        trimmed.RowCount.Should().Be(series.Count - 33);
        trimmed.OpenTimes[0].Should().Be(series.OpenTimes[33]);
        trimmed.Row(0).ToArray().Should().Equal(matrix.Row(33).ToArray());
        trimmed.FirstCompleteRow.Should().Be(0);
    }

    [Fact]
    public void Real_gaps_are_never_inside_a_window_or_target_span()
    {
        var series = RealCandles.BtcHead2000;
        var map = new GapMap(series);
        // PROVENANCE.md: 2020-02-09 02:00, 2020-02-19 12:00-16:00 and 2020-03-04 10:00 are missing.
        map.Gaps.Select(g => g.Start).Should().Equal(
            new DateTime(2020, 2, 9, 2, 0, 0, DateTimeKind.Utc),
            new DateTime(2020, 2, 19, 12, 0, 0, DateTimeKind.Utc),
            new DateTime(2020, 3, 4, 10, 0, 0, DateTimeKind.Utc));
        var gapRows = Enumerable.Range(1, series.Count - 1).Where(i => map.SegmentStart(i) == i).ToList();
        gapRows.Should().HaveCount(3);

        var dataset = new WindowedDataset(
            FeatureSet.Parse("ohlc13").Compute(series), TargetSet.Parse("next_close,close_h4,realized_vol_6").Compute(series), windowLength: 60);
        dataset.Count.Should().BeGreaterThan(1500);
        for (var s = 0; s < dataset.Count; s++)
        {
            FeatureTestData.Consecutive(series, dataset.StartRow(s), dataset.EndRow(s) + 6).Should().BeTrue();
        }

        // Right before each gap and right after it, no sample can exist.
        foreach (var gapRow in gapRows)
        {
            dataset.EndRows.Should().NotContain(Enumerable.Range(gapRow - 6, 6 + 59));
        }
    }
}

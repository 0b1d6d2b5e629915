using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

/// <summary>The bundled BTCUSDT 1h file against the facts listed in shared/data/PROVENANCE.md.</summary>
public class BundledCandlesTests
{
    private static DateTime Utc(int y, int mo, int d, int h) => new(y, mo, d, h, 0, 0, DateTimeKind.Utc);

    // PROVENANCE.md, BTCUSDT_1h.csv, "Gaps": first and last missing hour and the count of each.
    private static readonly CandleGap[] ProvenanceGaps =
    [
        new(Utc(2020, 2, 9, 2), Utc(2020, 2, 9, 2), 1),
        new(Utc(2020, 2, 19, 12), Utc(2020, 2, 19, 16), 5),
        new(Utc(2020, 3, 4, 10), Utc(2020, 3, 4, 10), 1),
        new(Utc(2020, 4, 25, 2), Utc(2020, 4, 25, 3), 2),
        new(Utc(2020, 6, 28, 2), Utc(2020, 6, 28, 4), 3),
        new(Utc(2020, 11, 30, 6), Utc(2020, 11, 30, 6), 1),
        new(Utc(2020, 12, 21, 14), Utc(2020, 12, 21, 17), 4),
        new(Utc(2020, 12, 25, 2), Utc(2020, 12, 25, 2), 1),
        new(Utc(2021, 2, 11, 4), Utc(2021, 2, 11, 4), 1),
        new(Utc(2021, 3, 6, 2), Utc(2021, 3, 6, 2), 1),
        new(Utc(2021, 4, 20, 2), Utc(2021, 4, 20, 3), 2),
        new(Utc(2021, 4, 25, 5), Utc(2021, 4, 25, 7), 3),
        new(Utc(2021, 8, 13, 2), Utc(2021, 8, 13, 5), 4),
        new(Utc(2021, 9, 29, 7), Utc(2021, 9, 29, 8), 2),
        new(Utc(2023, 3, 24, 13), Utc(2023, 3, 24, 13), 1),
    ];

    [Fact]
    public void Loads_every_row_with_the_documented_range_and_gaps()
    {
        var result = CandleFileReader.Read(MarketTestFiles.BundledBtc1h);

        var series = result.Series;
        var report = result.Report;
        report.Format.Should().Be(CandleFileFormat.Native);
        series.Symbol.Should().Be("BTCUSDT");
        series.Interval.Should().Be(CandleInterval.OneHour);
        series.Count.Should().Be(47896);
        report.RowsRead.Should().Be(47896);
        report.RowsKept.Should().Be(47896);
        report.FirstTime.Should().Be(Utc(2020, 1, 1, 0));
        report.LastTime.Should().Be(Utc(2025, 6, 19, 23));
        // 2020-01-01T00:00:00Z,7195.24,7196.25,7175.46,7177.02,511.814901
        series[0].Should().Be(new Candle(Utc(2020, 1, 1, 0), 7195.24, 7196.25, 7175.46, 7177.02, 511.814901));
        report.Gaps.Should().Equal(ProvenanceGaps);
        report.MissingCandles.Should().Be(32);
        report.DuplicatesDropped.Should().Be(0);
        report.Reversed.Should().BeFalse();
        report.Warnings.Should().BeEmpty();
        // Rows plus missing candles span the whole range hour by hour.
        (series.Count + report.MissingCandles).Should().Be((int)(report.LastTime!.Value - report.FirstTime!.Value).TotalHours + 1);
    }

    [Fact]
    public void Fill_gaps_adds_exactly_the_missing_hours()
    {
        var result = CandleFileReader.Read(MarketTestFiles.BundledBtc1h, new CandleReadOptions { FillGaps = true });

        result.Series.Count.Should().Be(47896 + 32);
        result.Report.FilledCandles.Should().Be(32);
        result.Report.Gaps.Should().HaveCount(15, "the report still lists what was missing in the file");
        result.Series.GetGapMap().SegmentCount.Should().Be(1);
    }

    [Fact]
    public void Resampling_to_4h_agrees_with_the_1h_rows_and_drops_buckets_touched_by_gaps()
    {
        var hourly = CandleFileReader.Read(MarketTestFiles.BundledBtc1h).Series;

        var fourHourly = CandleFileReader.Read(MarketTestFiles.BundledBtc1h, new CandleReadOptions { ResampleTo = CandleInterval.FourHours });

        // PROVENANCE.md: summed to 4h, this file has 11,962 complete candles (cross-checked against two other
        // copies). 2020-01-01 to 2025-06-19 is 1,997 days = 11,982 buckets; one (2020-02-19 12:00) is entirely
        // missing, and the 19 others that the gaps touch are partial and dropped.
        var report = fourHourly.Report;
        report.ResampledTo.Should().Be(CandleInterval.FourHours);
        fourHourly.Series.Count.Should().Be(11962);
        report.PartialBucketsDropped.Should().Be(11982 - 1 - 11962);
        fourHourly.Series.Interval.Should().Be(CandleInterval.FourHours);
        var first = fourHourly.Series[0];
        var slice = hourly.Slice(0, 4);
        first.Open.Should().Be(slice.Open[0]);
        first.Close.Should().Be(slice.Close[3]);
        first.High.Should().Be(slice.High.ToArray().Max());
        first.Low.Should().Be(slice.Low.ToArray().Min());
        first.Volume.Should().BeApproximately(slice.Volume.ToArray().Sum(), 1e-9);
    }
}

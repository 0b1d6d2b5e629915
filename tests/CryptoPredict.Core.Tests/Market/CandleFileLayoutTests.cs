using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

/// <summary>The native and generic layouts, ordering and duplicates, on small hand-written files.</summary>
public sealed class CandleFileLayoutTests : IDisposable
{
    private readonly MarketTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static DateTime Utc(int h, int mi = 0) => new(2020, 1, 1, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Native_layout_keeps_extra_numeric_columns_and_drops_non_numeric_ones_with_a_warning()
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            "timestamp,open,high,low,close,volume,funding_rate,sentiment,note",
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10,0.0001,0.7,calm",
            "2020-01-01T01:00:00Z,1.5,2.5,1.25,2,20,-0.0002,0.2,busy");

        var result = CandleFileReader.Read(path);

        result.Report.Format.Should().Be(CandleFileFormat.Native);
        result.Series.ExtraColumns.Keys.Should().BeEquivalentTo("funding_rate", "sentiment");
        result.Series.ExtraColumns["funding_rate"].Should().Equal(0.0001, -0.0002);
        result.Series.ExtraColumns["SENTIMENT"].Should().Equal(0.7, 0.2);
        result.Report.Warnings.Should().ContainSingle()
            .Which.Should().Be($"{path}:2: extra-column-dropped: extra column 'note' is not kept: 'calm' is not a finite number.");
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData(',')]
    public void Generic_layout_maps_columns_by_name_in_any_order_and_case(char delimiter)
    {
        string Row(params string[] fields) => string.Join(delimiter, fields);
        var path = _files.Write("export.csv",
            Row("Volume", "Close", "Low", "High", "Open", "DateTime"),
            Row("10", "1.5", "0.5", "2", "1", "2020-01-01 00:15:00"),
            Row("20", "2", "1.25", "2.5", "1.5", "2020-01-01 00:30:00"));

        var result = CandleFileReader.Read(path, new CandleReadOptions { Symbol = "ETHUSDT" });

        result.Report.Format.Should().Be(CandleFileFormat.Generic);
        result.Series.Symbol.Should().Be("ETHUSDT");
        result.Series.Interval.Should().Be(CandleInterval.FifteenMinutes);
        result.Series.Should().Equal(
            new Candle(Utc(0, 15), 1, 2, 0.5, 1.5, 10),
            new Candle(Utc(0, 30), 1.5, 2.5, 1.25, 2, 20));
    }

    [Fact]
    public void Generic_layout_accepts_open_time_in_milliseconds_and_iso_times_with_offsets()
    {
        var millis = _files.Write("a.csv", "open_time,open,high,low,close,volume", "1577836800000,1,2,0.5,1.5,10", "1577840400000,1,2,0.5,1.5,10");
        var offsets = _files.Write("b.csv", "time,open,high,low,close,volume", "2020-01-01T02:00:00+02:00,1,2,0.5,1.5,10", "2020-01-01 01:00:00+00:00,1,2,0.5,1.5,10");

        CandleFileReader.Read(millis).Series.OpenTimes.ToArray().Should().Equal(Utc(0), Utc(1));
        CandleFileReader.Read(offsets).Series.OpenTimes.ToArray().Should().Equal(Utc(0), Utc(1));
    }

    [Fact]
    public void A_file_entirely_newest_first_is_reversed_and_reported()
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            "timestamp,open,high,low,close,volume",
            "2020-01-01T02:00:00Z,3,4,2.5,3.5,30",
            "2020-01-01T01:00:00Z,2,3,1.5,2.5,20",
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10");

        var result = CandleFileReader.Read(path);

        result.Report.Reversed.Should().BeTrue();
        result.Series.Close.ToArray().Should().Equal(1.5, 2.5, 3.5);
        result.Series.OpenTimes.ToArray().Should().Equal(Utc(0), Utc(1), Utc(2));
    }

    [Fact]
    public void Identical_duplicates_are_dropped_with_a_warning_naming_both_lines()
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            "timestamp,open,high,low,close,volume",
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T01:00:00Z,2,3,1.5,2.5,20",
            "2020-01-01T01:00:00Z,2,3,1.5,2.5,20",
            "2020-01-01T02:00:00Z,3,4,2.5,3.5,30");

        var result = CandleFileReader.Read(path);

        result.Series.Count.Should().Be(3);
        result.Report.RowsRead.Should().Be(4);
        result.Report.RowsKept.Should().Be(3);
        result.Report.DuplicatesDropped.Should().Be(1);
        result.Report.Warnings.Should().ContainSingle()
            .Which.Should().StartWith($"{path}:4: duplicate-dropped: ").And.Contain("line 3");
        result.Report.Gaps.Should().BeEmpty();
    }

    [Fact]
    public void Identical_duplicates_in_a_newest_first_file_are_dropped_too()
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            "timestamp,open,high,low,close,volume",
            "2020-01-01T02:00:00Z,3,4,2.5,3.5,30",
            "2020-01-01T01:00:00Z,2,3,1.5,2.5,20",
            "2020-01-01T01:00:00Z,2,3,1.5,2.5,20",
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10");

        var result = CandleFileReader.Read(path);

        result.Report.Reversed.Should().BeTrue();
        result.Report.DuplicatesDropped.Should().Be(1);
        result.Series.Close.ToArray().Should().Equal(1.5, 2.5, 3.5);
        result.Report.Warnings.Should().ContainSingle().Which.Should().StartWith($"{path}:4: duplicate-dropped: ");
    }

    [Fact]
    public void Symbol_comes_from_options_then_the_file_then_its_name()
    {
        var path = _files.Write("SOLUSDT_1h.csv", "timestamp,open,high,low,close,volume", "2020-01-01T00:00:00Z,1,2,0.5,1.5,10", "2020-01-01T01:00:00Z,1,2,0.5,1.5,10");

        CandleFileReader.Read(path).Series.Symbol.Should().Be("SOLUSDT");
        CandleFileReader.Read(path, new CandleReadOptions { Symbol = "ADAUSDT" }).Series.Symbol.Should().Be("ADAUSDT");
    }

    [Fact]
    public void A_utf8_byte_order_mark_does_not_hide_the_header_or_the_first_time()
    {
        var native = _files.Write("BTCUSDT_1h.csv", "\uFEFFtimestamp,open,high,low,close,volume", "2020-01-01T00:00:00Z,1,2,0.5,1.5,10", "2020-01-01T01:00:00Z,1,2,0.5,1.5,10");
        var binance = _files.Write("BTCUSDT-1h.csv",
            "\uFEFF1577836800000,1,2,0.5,1.5,10,1577840399999,15,3,5,7.5,0",
            "1577840400000,1,2,0.5,1.5,10,1577843999999,15,3,5,7.5,0");

        CandleFileReader.Read(native).Report.Format.Should().Be(CandleFileFormat.Native);
        var result = CandleFileReader.Read(binance);
        result.Report.Format.Should().Be(CandleFileFormat.BinanceKlines);
        result.Series.OpenTimes[0].Should().Be(Utc(0));
    }
}

using System.Text.Json;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

public sealed class DataQualityReportTests : IDisposable
{
    private readonly MarketTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Json_uses_snake_case_names_and_utc_iso_times()
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            "timestamp,open,high,low,close,volume",
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T01:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T01:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T04:00:00Z,1,2,0.5,1.5,10");
        var report = CandleFileReader.Read(path, new CandleReadOptions { FillGaps = true }).Report;

        using var json = JsonDocument.Parse(report.ToJson());

        var root = json.RootElement;
        root.GetProperty("file").GetString().Should().Be(path);
        root.GetProperty("format").GetString().Should().Be("native");
        root.GetProperty("symbol").GetString().Should().Be("BTCUSDT");
        root.GetProperty("rows_read").GetInt32().Should().Be(4);
        root.GetProperty("rows_kept").GetInt32().Should().Be(3);
        root.GetProperty("candles").GetInt32().Should().Be(5);
        root.GetProperty("first_time").GetString().Should().Be("2020-01-01T00:00:00Z");
        root.GetProperty("last_time").GetString().Should().Be("2020-01-01T04:00:00Z");
        root.GetProperty("interval").GetString().Should().Be("1h");
        root.GetProperty("duplicates_dropped").GetInt32().Should().Be(1);
        root.GetProperty("filled_candles").GetInt32().Should().Be(2);
        root.GetProperty("missing_candles").GetInt32().Should().Be(2);
        root.GetProperty("reversed").GetBoolean().Should().BeFalse();
        var gap = root.GetProperty("gaps").EnumerateArray().Single();
        gap.GetProperty("start").GetString().Should().Be("2020-01-01T02:00:00Z");
        gap.GetProperty("end").GetString().Should().Be("2020-01-01T03:00:00Z");
        gap.GetProperty("missing_count").GetInt32().Should().Be(2);
        root.GetProperty("warnings").EnumerateArray().Single().GetString().Should().Contain("duplicate-dropped");
    }

    [Fact]
    public void Json_round_trips()
    {
        var report = CandleFileReader.Read(MarketTestFiles.Format("cryptodatadownload_Binance_BTCUSDT_1h.csv"),
            new CandleReadOptions { ResampleTo = CandleInterval.FourHours }).Report;

        var copy = DataQualityReport.FromJson(report.ToJson());

        copy.ToJson().Should().Be(report.ToJson());
        copy.Gaps.Should().Equal(report.Gaps);
        copy.Interval.Should().Be(CandleInterval.OneHour);
        copy.ResampledTo.Should().Be(CandleInterval.FourHours);
        copy.FirstTime!.Value.Kind.Should().Be(DateTimeKind.Utc);
    }
}

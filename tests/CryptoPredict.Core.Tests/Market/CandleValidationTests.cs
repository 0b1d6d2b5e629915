using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

/// <summary>Every data rule, each broken by a small file, must name the file, the physical line and the rule.</summary>
public sealed class CandleValidationTests : IDisposable
{
    private const string Header = "timestamp,open,high,low,close,volume";
    private readonly MarketTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("2020-01-01T02:00:00Z,abc,2,0.5,1.5,10", CandleDataRule.UnparsableNumber, "'abc' in column 'open'")]
    [InlineData("2020-01-01T02:00:00Z,1,2,0.5,,10", CandleDataRule.UnparsableNumber, "column 'close'")]
    [InlineData("2020-01-01T02:00:00Z,1,2,0.5,1.5,1'000", CandleDataRule.UnparsableNumber, "column 'volume'")]
    [InlineData("yesterday,1,2,0.5,1.5,10", CandleDataRule.UnparsableTime, "'yesterday'")]
    [InlineData("2020-13-01T02:00:00Z,1,2,0.5,1.5,10", CandleDataRule.UnparsableTime, "'2020-13-01T02:00:00Z'")]
    [InlineData("2020-01-01T02:00:00Z,NaN,2,0.5,1.5,10", CandleDataRule.NotFinite, "'NaN' in column 'open'")]
    [InlineData("2020-01-01T02:00:00Z,1,Infinity,0.5,1.5,10", CandleDataRule.NotFinite, "column 'high'")]
    [InlineData("2020-01-01T02:00:00Z,1,2,0.5,1.5,-Infinity", CandleDataRule.NotFinite, "column 'volume'")]
    [InlineData("2020-01-01T02:00:00Z,1,2,0,1.5,10", CandleDataRule.NonPositivePrice, "column 'low'")]
    [InlineData("2020-01-01T02:00:00Z,-1,2,0.5,1.5,10", CandleDataRule.NonPositivePrice, "column 'open'")]
    [InlineData("2020-01-01T02:00:00Z,1,2,0.5,1.5,-0.1", CandleDataRule.NegativeVolume, "-0.1")]
    [InlineData("2020-01-01T02:00:00Z,1,1.4,0.5,1.5,10", CandleDataRule.HighBelowBody, "high 1.4")]
    [InlineData("2020-01-01T02:00:00Z,1.6,1.55,0.5,1.5,10", CandleDataRule.HighBelowBody, "high 1.55")]
    [InlineData("2020-01-01T02:00:00Z,1,2,1.2,1.5,10", CandleDataRule.LowAboveBody, "low 1.2")]
    [InlineData("2020-01-01T02:00:00Z,1,2", CandleDataRule.MissingColumn, "3 fields")]
    public void A_bad_row_is_reported_with_file_line_and_rule(string badRow, string rule, string detail)
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            Header,
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T01:00:00Z,1,2,0.5,1.5,10",
            badRow,
            "2020-01-01T03:00:00Z,1,2,0.5,1.5,10");

        var error = ReadError(path);

        error.FilePath.Should().Be(path);
        error.LineNumber.Should().Be(4);
        error.Rule.Should().Be(rule);
        error.Message.Should().StartWith($"{path}:4: {rule}: ").And.Contain(detail);
    }

    [Fact]
    public void Line_numbers_count_blank_lines_and_crlf_line_ends()
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            Header + "\r",
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10\r",
            string.Empty,
            "\r",
            "2020-01-01T01:00:00Z,1,2,0.5,1.5,-3\r");

        var error = ReadError(path);

        error.LineNumber.Should().Be(5);
        error.Rule.Should().Be(CandleDataRule.NegativeVolume);
    }

    [Fact]
    public void A_header_without_a_required_column_is_reported_at_the_header_line()
    {
        var path = _files.Write("prices.csv",
            "time,open,high,low,close",
            "2020-01-01T00:00:00Z,1,2,0.5,1.5");

        var error = ReadError(path);

        error.LineNumber.Should().Be(1);
        error.Rule.Should().Be(CandleDataRule.MissingColumn);
        error.Explanation.Should().Contain("volume");
    }

    [Fact]
    public void A_headerless_file_that_is_not_a_binance_dump_is_refused()
    {
        var path = _files.Write("prices.csv", "2020-01-01T00:00:00Z,1,2,0.5,1.5,10");

        var error = ReadError(path);

        error.LineNumber.Should().Be(1);
        error.Rule.Should().Be(CandleDataRule.MissingColumn);
    }

    [Fact]
    public void A_row_earlier_than_the_previous_one_is_out_of_order()
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            Header,
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T02:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T01:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T03:00:00Z,1,2,0.5,1.5,10");

        var error = ReadError(path);

        error.LineNumber.Should().Be(4);
        error.Rule.Should().Be(CandleDataRule.OutOfOrder);
        error.Explanation.Should().Contain("line 3");
    }

    [Fact]
    public void A_stray_row_in_a_newest_first_file_is_out_of_order_not_a_reason_to_reverse()
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            Header,
            "2020-01-01T04:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T03:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T05:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T01:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10");

        var error = ReadError(path);

        error.LineNumber.Should().Be(4);
        error.Rule.Should().Be(CandleDataRule.OutOfOrder);
    }

    [Fact]
    public void A_repeated_timestamp_with_different_values_is_a_conflict_at_the_second_occurrence()
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            Header,
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T01:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T01:00:00Z,1,2,0.5,1.5,11",
            "2020-01-01T02:00:00Z,1,2,0.5,1.5,10");

        var error = ReadError(path);

        error.LineNumber.Should().Be(4);
        error.Rule.Should().Be(CandleDataRule.DuplicateConflict);
        error.Explanation.Should().Contain("line 3");
    }

    [Fact]
    public void A_spacing_that_is_not_a_multiple_of_the_interval_is_irregular()
    {
        var path = _files.Write("BTCUSDT_1h.csv",
            Header,
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T01:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T02:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T02:30:00Z,1,2,0.5,1.5,10",
            "2020-01-01T03:30:00Z,1,2,0.5,1.5,10");

        var error = ReadError(path);

        error.LineNumber.Should().Be(5);
        error.Rule.Should().Be(CandleDataRule.IrregularSpacing);
        error.Explanation.Should().Contain("30m").And.Contain("1h");
    }

    [Fact]
    public void A_file_with_no_lines_is_empty()
    {
        var path = Path.Combine(Path.GetDirectoryName(_files.Write("placeholder.csv"))!, "empty.csv");
        File.WriteAllText(path, string.Empty);

        var error = ReadError(path);

        error.Rule.Should().Be(CandleDataRule.EmptyFile);
        error.LineNumber.Should().BeNull();
        error.Message.Should().StartWith($"{path}: empty-file: ");
    }

    [Fact]
    public void A_file_with_only_a_header_is_empty()
    {
        var path = _files.Write("BTCUSDT_1h.csv", Header);

        ReadError(path).Rule.Should().Be(CandleDataRule.EmptyFile);
    }

    [Fact]
    public void An_interval_that_the_spacing_contradicts_is_refused()
    {
        var path = _files.Write("BTCUSDT_4h.csv",
            Header,
            "2020-01-01T00:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T04:00:00Z,1,2,0.5,1.5,10",
            "2020-01-01T08:00:00Z,1,2,0.5,1.5,10");

        var act = () => CandleFileReader.Read(path, new CandleReadOptions { Interval = CandleInterval.OneHour });

        act.Should().Throw<CandleDataException>().Where(e => e.Rule == CandleDataRule.IntervalMismatch && e.FilePath == path);
    }

    [Fact]
    public void A_single_row_takes_its_interval_from_the_file_name_or_is_refused()
    {
        var named = _files.Write("ETHUSDT_4h.csv", Header, "2020-01-01T00:00:00Z,1,2,0.5,1.5,10");
        var unnamed = _files.Write("prices.csv", Header, "2020-01-01T00:00:00Z,1,2,0.5,1.5,10");

        CandleFileReader.Read(named).Series.Interval.Should().Be(CandleInterval.FourHours);
        ReadError(unnamed).Rule.Should().Be(CandleDataRule.UnknownInterval);
    }

    [Fact]
    public void A_missing_file_is_not_a_data_error()
    {
        var act = () => CandleFileReader.Read("/nonexistent/BTCUSDT_1h.csv");

        act.Should().Throw<FileNotFoundException>().WithMessage("*/nonexistent/BTCUSDT_1h.csv*");
    }

    private static CandleDataException ReadError(string path)
    {
        var act = () => CandleFileReader.Read(path);
        return act.Should().Throw<CandleDataException>().Which;
    }
}

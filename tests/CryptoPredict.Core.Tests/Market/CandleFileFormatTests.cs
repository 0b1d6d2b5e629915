using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Market;

/// <summary>
/// Every real sample in TestData/formats loads with auto-detection. Expected values were read by hand from
/// the raw file text (first data line, last data line, and for newest-first files the bottom line).
/// </summary>
public class CandleFileFormatTests
{
    private static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Binance_spot_without_header_in_milliseconds()
    {
        var result = CandleFileReader.Read(MarketTestFiles.Format("binance-public-data_spot_BTCUSDT-1h-2024-02.csv"));

        var series = result.Series;
        result.Report.Format.Should().Be(CandleFileFormat.BinanceKlines);
        series.Symbol.Should().Be("BTCUSDT");
        series.Interval.Should().Be(CandleInterval.OneHour);
        series.Count.Should().Be(696);
        series.OpenTimes[0].Should().Be(Utc(2024, 2, 1));
        series.OpenTimes[0].Kind.Should().Be(DateTimeKind.Utc);
        series.OpenTimes[^1].Should().Be(Utc(2024, 2, 29, 23));
        // 1706745600000,42580.00000000,42687.63000000,42220.85000000,42474.95000000,1507.53813000,1706749199999,64024220.67803430,55719,...
        series[0].Should().Be(new Candle(Utc(2024, 2, 1), 42580.0, 42687.63, 42220.85, 42474.95, 1507.53813));
        series.ExtraColumns["quote_asset_volume"][0].Should().Be(64024220.67803430);
        series.ExtraColumns["number_of_trades"][0].Should().Be(55719);
        series.ExtraColumns.Keys.Should().BeEquivalentTo("quote_asset_volume", "number_of_trades", "taker_buy_base_volume", "taker_buy_quote_volume");
        result.Report.Gaps.Should().BeEmpty();
        result.Report.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Binance_spot_without_header_in_microseconds()
    {
        var result = CandleFileReader.Read(MarketTestFiles.Format("binance-public-data_spot_BTCUSDT-1h-2025-06_microseconds.csv"));

        var series = result.Series;
        result.Report.Format.Should().Be(CandleFileFormat.BinanceKlines);
        series.Count.Should().Be(456);
        series.Interval.Should().Be(CandleInterval.OneHour);
        series.OpenTimes[0].Should().Be(Utc(2025, 6, 1));
        series.OpenTimes[^1].Should().Be(Utc(2025, 6, 19, 23));
        // 1748736000000000,104591.88000000,104647.11000000,104320.02000000,104446.49000000,293.78295000,...
        series[0].Should().Be(new Candle(Utc(2025, 6, 1), 104591.88, 104647.11, 104320.02, 104446.49, 293.78295));
        // 1750374000000000,104596.29000000,104898.31000000,104463.56000000,104658.59000000,236.39591000,...
        series[^1].Should().Be(new Candle(Utc(2025, 6, 19, 23), 104596.29, 104898.31, 104463.56, 104658.59, 236.39591));
    }

    [Fact]
    public void Binance_futures_with_header_in_one_minute_candles()
    {
        var result = CandleFileReader.Read(MarketTestFiles.Format("binance-public-data_futures-um_ALGOUSDT-1m-2023-02_with-header.csv"));

        var series = result.Series;
        result.Report.Format.Should().Be(CandleFileFormat.BinanceKlines);
        series.Symbol.Should().Be("ALGOUSDT");
        series.Interval.Should().Be(CandleInterval.OneMinute);
        series.Count.Should().Be(500);
        result.Report.RowsRead.Should().Be(500);
        series.OpenTimes[0].Should().Be(Utc(2023, 2, 1));
        series.OpenTimes[^1].Should().Be(Utc(2023, 2, 1, 8, 19));
        // 1675209600000,0.2413,0.2418,0.2413,0.2418,283971.0,1675209659999,68569.21705,270,...
        series[0].Should().Be(new Candle(Utc(2023, 2, 1), 0.2413, 0.2418, 0.2413, 0.2418, 283971.0));
        // The header names the extra columns.
        series.ExtraColumns["quote_volume"][0].Should().Be(68569.21705);
        series.ExtraColumns["count"][0].Should().Be(270);
    }

    [Fact]
    public void CryptoDataDownload_newest_first_with_url_line_is_reversed()
    {
        var result = CandleFileReader.Read(MarketTestFiles.Format("cryptodatadownload_Binance_BTCUSDT_1h.csv"));

        var series = result.Series;
        var report = result.Report;
        report.Format.Should().Be(CandleFileFormat.CryptoDataDownload);
        report.Reversed.Should().BeTrue();
        series.Symbol.Should().Be("BTCUSDT", "the symbol column's BTC/USDT is spelled the project's way");
        series.Interval.Should().Be(CandleInterval.OneHour);
        series.Count.Should().Be(500);
        series.OpenTimes[0].Should().Be(Utc(2020, 12, 9, 1));
        series.OpenTimes[^1].Should().Be(Utc(2020, 12, 30));
        // Bottom line: 1607475600000,2020-12-09 01:00:00,BTC/USDT,18180.00000000,18329.65000000,18032.00000000,18215.49000000,4099.08178400,74590786.79162266,74192
        series[0].Should().Be(new Candle(Utc(2020, 12, 9, 1), 18180.0, 18329.65, 18032.0, 18215.49, 4099.081784));
        series.ExtraColumns["Volume USDT"][0].Should().Be(74590786.79162266);
        series.ExtraColumns["tradecount"][0].Should().Be(74192);
        // Top data line (newest): 1609286400000,2020-12-30 00:00:00,BTC/USDT,27385.00000000,27397.42000000,27384.46000000,27392.05000000,36.52442800,...
        series[^1].Should().Be(new Candle(Utc(2020, 12, 30), 27385.0, 27397.42, 27384.46, 27392.05, 36.524428));
        // Binance was down 2020-12-21 15:00-17:00 (14:00 is CryptoDataDownload's filler row) and 2020-12-25 02:00.
        report.Gaps.Should().Equal(
            new CandleGap(Utc(2020, 12, 21, 15), Utc(2020, 12, 21, 17), 3),
            new CandleGap(Utc(2020, 12, 25, 2), Utc(2020, 12, 25, 2), 1));
    }

    [Fact]
    public void CryptoDataDownload_older_layout_with_crlf_notice_line_and_unix_seconds()
    {
        var result = CandleFileReader.Read(MarketTestFiles.Format("cryptodatadownload_older-layout_Binance_BTCUSDT_1h.csv"));

        var series = result.Series;
        result.Report.Format.Should().Be(CandleFileFormat.CryptoDataDownload);
        result.Report.Reversed.Should().BeTrue();
        series.Symbol.Should().Be("BTCUSDT");
        series.Interval.Should().Be(CandleInterval.OneHour);
        series.Count.Should().Be(500);
        series.OpenTimes[0].Should().Be(Utc(2020, 8, 29, 12));
        series.OpenTimes[^1].Should().Be(Utc(2020, 9, 19, 7));
        // Bottom line: 1598702400.0,2020-08-29 12-PM,BTCUSDT,11447.38,11487,11438.34,11464.3,1304.31,14949987.57
        series[0].Should().Be(new Candle(Utc(2020, 8, 29, 12), 11447.38, 11487, 11438.34, 11464.3, 1304.31));
        series.ExtraColumns["Volume USDT"][0].Should().Be(14949987.57);
        // Top data line: 1600498800.0,2020-09-19 07-AM,BTCUSDT,10944.82,10949.99,10939.46,10940,87.6,958970.4
        series[^1].Should().Be(new Candle(Utc(2020, 9, 19, 7), 10944.82, 10949.99, 10939.46, 10940, 87.6));
        result.Report.Gaps.Should().BeEmpty();
    }

    [Fact]
    public void Yahoo_daily_export()
    {
        var result = CandleFileReader.Read(MarketTestFiles.Format("yahoo-finance_BTC-USD_daily.csv"));

        var series = result.Series;
        result.Report.Format.Should().Be(CandleFileFormat.Yahoo);
        series.Interval.Should().Be(CandleInterval.OneDay);
        series.Count.Should().Be(500);
        series.OpenTimes[0].Should().Be(Utc(2017, 8, 18));
        series.OpenTimes[^1].Should().Be(Utc(2018, 12, 30));
        // 2017-08-18,4324.339844,4370.129883,4015.399902,4160.620117,4160.620117,2941710080
        series[0].Should().Be(new Candle(Utc(2017, 8, 18), 4324.339844, 4370.129883, 4015.399902, 4160.620117, 2941710080));
        series.ExtraColumns["Adj Close"][0].Should().Be(4160.620117);
        // BTC-USD is not a project symbol and the file says none.
        series.Symbol.Should().Be("UNKNOWN");
        result.Report.Warnings.Should().ContainSingle().Which.Should().Contain("unknown-symbol");
    }

    [Theory]
    [InlineData("binance-public-data_spot_BTCUSDT-1h-2024-02.csv", CandleFileFormat.BinanceKlines)]
    [InlineData("binance-public-data_futures-um_ALGOUSDT-1m-2023-02_with-header.csv", CandleFileFormat.BinanceKlines)]
    [InlineData("cryptodatadownload_Binance_BTCUSDT_1h.csv", CandleFileFormat.CryptoDataDownload)]
    [InlineData("yahoo-finance_BTC-USD_daily.csv", CandleFileFormat.Yahoo)]
    public void Forcing_the_detected_format_reads_the_same_candles(string file, CandleFileFormat format)
    {
        var detected = CandleFileReader.Read(MarketTestFiles.Format(file));
        var forced = CandleFileReader.Read(MarketTestFiles.Format(file), new CandleReadOptions { Format = format });

        forced.Report.Format.Should().Be(format);
        forced.Series.Should().Equal(detected.Series);
    }

    [Fact]
    public void Forcing_a_named_layout_on_a_headerless_file_is_refused_at_line_one()
    {
        var path = MarketTestFiles.Format("binance-public-data_spot_BTCUSDT-1h-2024-02.csv");

        var act = () => CandleFileReader.Read(path, new CandleReadOptions { Format = CandleFileFormat.Native });

        act.Should().Throw<CandleDataException>()
            .Where(e => e.Rule == CandleDataRule.MissingColumn && e.LineNumber == 1 && e.FilePath == path);
    }
}

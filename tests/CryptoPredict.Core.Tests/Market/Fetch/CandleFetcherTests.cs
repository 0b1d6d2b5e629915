using CryptoPredict.Core.Failures;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Market.Binance;
using CryptoPredict.Core.Market.Fetch;
using CryptoPredict.Core.Tests.Market.Binance;
using CryptoPredict.TestExchange;

namespace CryptoPredict.Core.Tests.Market.Fetch;

/// <summary>
/// The fetch use case against the stand-in serving the bundled (real) BTCUSDT 1h candles: paging, forming candles,
/// incremental appends that keep the stored bytes, overlaps that disagree, and every refusal leaving the file as it was.
/// </summary>
public sealed class CandleFetcherTests : IAsyncLifetime, IDisposable
{
    private const int Served = 2500;
    private static readonly BinanceClientOptions Relaxed = new() { AttemptTimeout = TimeSpan.FromSeconds(600), RequestBudget = TimeSpan.FromSeconds(3600) };

    private readonly string _data = Directory.CreateTempSubdirectory("cp-fetch-").FullName;
    private FastTime _time = new(StandInTimes.Later);
    private BinanceStandIn _exchange = null!;
    private BinanceKlineClient _client = null!;

    private string FilePath => Path.Combine(_data, "BTCUSDT_1h.csv");

    private static IReadOnlyList<Candle> Candles => StandInTimes.Btc(Served);

    public async Task InitializeAsync() => await Start(_time);

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _exchange.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_new_file_is_paged_in_and_matches_the_real_candles_byte_for_byte()
    {
        var result = await Fetch(since: StandInTimes.FirstOpen);

        result.Created.Should().BeTrue();
        result.CandlesAdded.Should().Be(Served);
        result.Requests.Should().Be(3, "2,500 candles are pages of 1,000, 1,000 and 500");
        result.Attempts.Should().Be(3);
        result.FirstAdded.Should().Be(Candles[0].OpenTime);
        result.LastAdded.Should().Be(Candles[^1].OpenTime);
        result.CandlesInFile.Should().Be(Served);
        _exchange.Requests.Select(r => r.StartTime).Should().Equal(Ms(Candles[0].OpenTime), Ms(Candles[1000].OpenTime), Ms(Candles[2000].OpenTime));
        File.ReadAllLines(FilePath).Should().Equal([NativeHeader, .. RealCandles.Btc1hLines(0, Served)]);
        Directory.EnumerateFiles(_data, ".*").Should().BeEmpty("no temporary file is left");
    }

    [Fact]
    public async Task The_plan_and_every_page_are_reported()
    {
        var observer = new RecordingObserver();

        await Fetch(since: StandInTimes.FirstOpen, until: Candles[2400].OpenTime, observer: observer);

        var plan = observer.Plan!;
        plan.From.Should().Be(StandInTimes.FirstOpen);
        plan.Until.Should().Be(Candles[2400].OpenTime);
        plan.ExpectedCandles.Should().BeGreaterThanOrEqualTo(2400, "the range holds 2,400 candles and the hours of its gaps");
        plan.ExpectedPages.Should().Be(3);
        observer.Pages.Select(p => p.NewCandles).Should().Equal(1000, 2000, 2400);
        observer.Pages.Select(p => p.Number).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task A_candle_still_forming_is_not_stored()
    {
        await Restart(Candles[1199].OpenTime.AddMinutes(30));

        var result = await Fetch(since: StandInTimes.FirstOpen);

        result.FormingDropped.Should().Be(1);
        result.CandlesAdded.Should().Be(1199);
        result.FileLast.Should().Be(Candles[1198].OpenTime);
        File.ReadAllLines(FilePath).Should().Equal([NativeHeader, .. RealCandles.Btc1hLines(0, 1199)]);
    }

    [Fact]
    public async Task A_second_fetch_appends_only_the_new_candles_after_checking_the_last_stored_one()
    {
        await Fetch(since: StandInTimes.FirstOpen, until: Candles[1500].OpenTime);
        var before = File.ReadAllBytes(FilePath);

        var result = await Fetch();

        result.Created.Should().BeFalse();
        result.From.Should().Be(Candles[1499].OpenTime, "the last stored candle is fetched again to check it");
        result.CandlesVerified.Should().Be(1);
        result.CandlesAdded.Should().Be(Served - 1500);
        result.FirstAdded.Should().Be(Candles[1500].OpenTime);
        result.CandlesInFile.Should().Be(Served);
        File.ReadAllBytes(FilePath).AsSpan(0, before.Length).SequenceEqual(before).Should().BeTrue("the stored bytes are kept as they were");
        File.ReadAllLines(FilePath).Should().Equal([NativeHeader, .. RealCandles.Btc1hLines(0, Served)]);
    }

    [Fact]
    public async Task A_crlf_file_without_a_final_line_end_gets_crlf_rows()
    {
        var stored = RealCandles.Btc1hLines(0, 10);
        File.WriteAllText(FilePath, string.Join("\r\n", [NativeHeader, .. stored]));

        var result = await Fetch();

        result.CandlesAdded.Should().Be(Served - 10);
        File.ReadAllText(FilePath).Should().Be(string.Join("\r\n", [NativeHeader, .. RealCandles.Btc1hLines(0, Served)]) + "\r\n");
    }

    [Fact]
    public async Task An_up_to_date_file_is_not_rewritten()
    {
        await Fetch(since: StandInTimes.FirstOpen);
        var written = File.GetLastWriteTimeUtc(FilePath);
        var before = File.ReadAllBytes(FilePath);

        var result = await Fetch();

        result.CandlesAdded.Should().Be(0);
        result.CandlesVerified.Should().Be(1);
        result.Requests.Should().Be(1);
        File.ReadAllBytes(FilePath).Should().Equal(before);
        File.GetLastWriteTimeUtc(FilePath).Should().Be(written);
    }

    [Fact]
    public async Task A_stored_candle_the_service_disagrees_with_is_an_error_naming_candle_and_field_and_the_file_stays()
    {
        await Fetch(since: StandInTimes.FirstOpen, until: Candles[1500].OpenTime);
        var before = File.ReadAllBytes(FilePath);
        var changed = Candles[1499] with { Close = Candles[1499].Close + 1 };
        _exchange.Serve([changed]);

        var act = () => Fetch();

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.BadData);
        error.File.Should().Be(FilePath);
        error.Message.Should().Contain($"the stored candle {Iso(changed.OpenTime)} has close {Candles[1499].Close.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}")
            .And.Contain("never rewrites stored candles");
        File.ReadAllBytes(FilePath).Should().Equal(before);
        Directory.EnumerateFiles(_data, ".*").Should().BeEmpty();
    }

    [Fact]
    public async Task A_start_inside_the_file_checks_every_stored_candle_from_there()
    {
        await Fetch(since: StandInTimes.FirstOpen, until: Candles[1500].OpenTime);
        var changed = Candles[300] with { Volume = Candles[300].Volume * 2, High = Candles[300].High * 2 };
        _exchange.Serve([changed]);

        var verified = await Fetch(since: Candles[400].OpenTime);
        var act = () => Fetch(since: Candles[200].OpenTime);

        verified.CandlesVerified.Should().Be(1100);
        verified.CandlesAdded.Should().Be(Served - 1500);
        (await act.Should().ThrowAsync<RequestException>()).Which.Message.Should()
            .Contain($"the stored candle {Iso(changed.OpenTime)} has high").And.Contain("(and volume differ too)");
    }

    [Fact]
    public async Task A_new_file_without_a_start_is_refused_before_any_request()
    {
        var act = () => Fetch();

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.Usage);
        error.Message.Should().Contain(FilePath).And.Contain("does not exist yet").And.Contain("2024-01-01T00:00:00Z");
        _exchange.Requests.Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(_data).Should().BeEmpty("not even the lock folder is created");
    }

    [Fact]
    public async Task A_start_not_before_the_end_is_a_usage_error()
    {
        var act = () => Fetch(since: Candles[10].OpenTime, until: Candles[10].OpenTime);

        (await act.Should().ThrowAsync<RequestException>()).Which.Kind.Should().Be(FailureKind.Usage);
        _exchange.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_start_outside_the_stored_range_is_refused_and_names_the_range()
    {
        await Fetch(since: Candles[100].OpenTime, until: Candles[200].OpenTime);

        var before = () => Fetch(since: Candles[50].OpenTime);
        var after = () => Fetch(since: Candles[300].OpenTime);

        (await before.Should().ThrowAsync<RequestException>()).Which.Message.Should().Contain($"holds {Iso(Candles[100].OpenTime)} to {Iso(Candles[199].OpenTime)}");
        (await after.Should().ThrowAsync<RequestException>()).Which.Kind.Should().Be(FailureKind.Usage);
    }

    [Theory]
    [InlineData("../BTCUSDT")]
    [InlineData("BTC/USDT")]
    [InlineData("btcusdt")]
    [InlineData("")]
    public async Task A_symbol_that_could_leave_the_data_folder_is_refused(string symbol)
    {
        var act = () => _fetcher().FetchAsync(new CandleFetchRequest(symbol, CandleInterval.OneHour, _data) { Since = StandInTimes.FirstOpen }, null, CancellationToken.None);

        (await act.Should().ThrowAsync<RequestException>()).Which.Kind.Should().Be(FailureKind.Usage);
        _exchange.Requests.Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(_data)!, "*USDT*").Should().BeEmpty();
    }

    [Fact]
    public async Task A_row_that_breaks_a_candle_rule_is_reported_against_the_file_and_nothing_is_written()
    {
        await Fetch(since: StandInTimes.FirstOpen, until: Candles[1000].OpenTime);
        var before = File.ReadAllBytes(FilePath);
        var broken = Candles[1200] with { High = Math.Min(Candles[1200].Open, Candles[1200].Close) / 2, Low = Math.Min(Candles[1200].Open, Candles[1200].Close) / 4 };
        _exchange.Serve([broken]);

        var act = () => Fetch();

        var error = (await act.Should().ThrowAsync<CandleDataException>()).Which;
        error.FilePath.Should().Be(FilePath);
        error.Rule.Should().Be(CandleDataRule.HighBelowBody);
        error.Message.Should().Contain($"the candle {Iso(broken.OpenTime)} from 127.0.0.1 breaks it").And.Contain("Nothing was written.");
        File.ReadAllBytes(FilePath).Should().Equal(before);
        Directory.EnumerateFiles(_data, ".*").Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_in_another_layout_is_not_appended_to()
    {
        File.WriteAllText(FilePath, "open_time,open,high,low,close,volume,close_time,quote_asset_volume,number_of_trades,taker_buy_base_volume,taker_buy_quote_volume,ignore\n"
            + "1577836800000,7195.24,7196.25,7175.46,7177.02,511.814901,1577840399999,3675857.0,7640,226.153126,1624289.0,0\n");

        var act = () => Fetch();

        (await act.Should().ThrowAsync<RequestException>()).Which.Message.Should().Contain("BinanceKlines layout");
        _exchange.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_series_the_service_does_not_have_creates_no_file()
    {
        var act = () => Fetch(since: new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc), until: new DateTime(2019, 6, 1, 0, 0, 0, DateTimeKind.Utc));

        (await act.Should().ThrowAsync<RequestException>()).Which.Message.Should().Contain("has no closed BTCUSDT 1h candles from 2019-01-01T00:00:00Z");
        File.Exists(FilePath).Should().BeFalse();
    }

    [Fact]
    public async Task An_end_in_the_future_stops_at_now()
    {
        var now = Candles[1000].OpenTime.AddMinutes(1);
        await Restart(now);

        var result = await Fetch(since: StandInTimes.FirstOpen, until: new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        result.Until.Should().BeCloseTo(now, TimeSpan.FromMinutes(1));
        result.CandlesAdded.Should().Be(1000);
        result.FormingDropped.Should().Be(1, "the candle opened a minute ago is still forming");
        result.FileLast.Should().Be(Candles[999].OpenTime);
    }

    [Fact]
    public async Task A_killed_fetch_s_temporary_file_is_removed_by_the_next()
    {
        await Fetch(since: StandInTimes.FirstOpen, until: Candles[100].OpenTime);
        var leftover = Path.Combine(_data, $".BTCUSDT_1h.csv.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(leftover, "timestamp,open");

        var result = await Fetch();

        result.LeftoversRemoved.Should().Be(1);
        File.Exists(leftover).Should().BeFalse();
    }

    [Fact]
    public async Task A_fetch_of_a_file_another_fetch_holds_is_busy()
    {
        using var held = RunLock.Acquire(Path.Combine(_data, ".fetch", "BTCUSDT_1h"), "fetch BTCUSDT 1h");

        var act = () => Fetch(since: StandInTimes.FirstOpen);

        await act.Should().ThrowAsync<RunLockedException>();
        FailureClassifier.Classify(new RunLockedException(held.LockPath, held.Holder)).Kind.Should().Be(FailureKind.Busy);
        _exchange.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_service_that_keeps_failing_leaves_the_file_as_it_was()
    {
        await Fetch(since: StandInTimes.FirstOpen, until: Candles[1000].OpenTime);
        var before = File.ReadAllBytes(FilePath);
        _exchange.Always = StandInReply.ServerError(503);
        _client.Dispose();
        _client = new BinanceKlineClient(Relaxed with { BaseAddress = _exchange.BaseAddress, MaxRetries = 2 }, _time);

        var act = () => Fetch(since: Candles[500].OpenTime);

        (await act.Should().ThrowAsync<RequestException>()).Which.Kind.Should().Be(FailureKind.Unavailable);
        File.ReadAllBytes(FilePath).Should().Equal(before);
    }

    private const string NativeHeader = "timestamp,open,high,low,close,volume";

    private Func<CandleFetcher> _fetcher => () => new CandleFetcher(_client, _time);

    private Task<CandleFetchResult> Fetch(DateTime? since = null, DateTime? until = null, ICandleFetchObserver? observer = null) =>
        _fetcher().FetchAsync(new CandleFetchRequest("BTCUSDT", CandleInterval.OneHour, _data) { Since = since, Until = until }, observer, CancellationToken.None);

    private async Task Start(FastTime time)
    {
        _time = time;
        _exchange = await BinanceStandIn.StartAsync(Candles, CandleInterval.OneHour, () => _time.UtcNow);
        _client = new BinanceKlineClient(Relaxed with { BaseAddress = _exchange.BaseAddress }, _time);
    }

    private async Task Restart(DateTime now)
    {
        await DisposeAsync();
        await Start(new FastTime(now, speed: 1));
    }

    private static long Ms(DateTime time) => (time - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class RecordingObserver : ICandleFetchObserver
    {
        public CandleFetchPlan? Plan { get; private set; }

        public List<CandleFetchPage> Pages { get; } = [];

        public List<KlineRetry> Retries { get; } = [];

        public void OnStart(CandleFetchPlan plan) => Plan = plan;

        public void OnPage(CandleFetchPage page) => Pages.Add(page);

        public void OnRetry(KlineRetry retry) => Retries.Add(retry);
    }
}

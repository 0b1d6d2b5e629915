using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Market.Fetch;
using CryptoPredict.TestExchange;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>
/// <c>fetch</c> end to end against the in-process Binance stand-in serving the first 2,500 bundled BTCUSDT 1h
/// candles (real Binance data): paging, appending, throttling, failing services and refusals, with their exit codes
/// and JSON; and a fetch killed at each write step leaving the old file or the new one.
/// </summary>
public sealed class FetchCommandTests : IAsyncLifetime, IDisposable
{
    private const int Served = 2500;
    private readonly string _data = Directory.CreateTempSubdirectory("cp-fetch-cli-").FullName;
    private BinanceStandIn _exchange = null!;

    private string FilePath => Path.Combine(_data, "BTCUSDT_1h.csv");

    private static Candle[] Candles => RealCandles.Btc1h.Take(Served).ToArray();

    public async Task InitializeAsync() =>
        _exchange = await BinanceStandIn.StartAsync(Candles, CandleInterval.OneHour, () => TimeProvider.System.GetUtcNow().UtcDateTime);

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_new_file_is_fetched_in_three_pages_and_reported_as_one_json_object()
    {
        var (code, output, error) = await Fetch("--since", "2020-01-01T00:00:00Z", "--json");

        code.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle();
        using var json = JsonDocument.Parse(lines[0]);
        var root = json.RootElement;
        root.GetProperty("symbol").GetString().Should().Be("BTCUSDT");
        root.GetProperty("interval").GetString().Should().Be("1h");
        root.GetProperty("path").GetString().Should().Be(FilePath);
        root.GetProperty("created").GetBoolean().Should().BeTrue();
        root.GetProperty("candles_added").GetInt32().Should().Be(Served);
        root.GetProperty("first_added").GetDateTime().Should().Be(Candles[0].OpenTime);
        root.GetProperty("last_added").GetDateTime().Should().Be(Candles[^1].OpenTime);
        root.GetProperty("requests").GetInt32().Should().Be(3);
        root.GetProperty("retries").GetInt32().Should().Be(0);
        File.ReadAllLines(FilePath).Should().Equal(["timestamp,open,high,low,close,volume", .. RealCandles.Btc1hLines(0, Served)]);
        error.Should().Contain("up to").And.Contain("candles in");
    }

    [Fact]
    public async Task A_second_fetch_appends_only_new_candles_and_says_so()
    {
        (await Fetch("--since", "2020-01-01T00:00:00Z", "--until", Iso(Candles[1200].OpenTime))).ExitCode.Should().Be(0);

        var (code, output, error) = await Fetch();

        code.Should().Be(0, error);
        output.Should().Contain($"BTCUSDT 1h: 1,300 candles added ({Iso(Candles[1200].OpenTime)} .. {Iso(Candles[^1].OpenTime)}), 1 stored one checked.")
            .And.Contain($"Updated {FilePath}: 2,500 candles");
        File.ReadAllLines(FilePath).Should().Equal(["timestamp,open,high,low,close,volume", .. RealCandles.Btc1hLines(0, Served)]);
    }

    [Fact]
    public async Task Throttling_is_waited_out_as_retry_after_says()
    {
        _exchange.Script(StandInReply.Throttled(429, retryAfterSeconds: 1));

        var (code, output, error) = await Fetch("--since", "2020-01-01T00:00:00Z", "--until", "2020-01-02T00:00:00Z", "--json");

        code.Should().Be(0, error);
        var requests = _exchange.Requests;
        requests.Select(r => r.Status).Should().Equal(429, 200);
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.99));
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("retries").GetInt32().Should().Be(1);
        json.RootElement.GetProperty("retry_wait_seconds").GetDouble().Should().Be(1);
        json.RootElement.GetProperty("retry_log")[0].GetProperty("reason").GetString().Should().Be("HTTP 429");
        error.Should().Contain("attempt 1 failed (HTTP 429); retrying in 1 s");
    }

    [Fact]
    public async Task A_service_that_keeps_failing_exits_69_after_a_bounded_number_of_attempts()
    {
        _exchange.Always = StandInReply.ServerError(503);

        var (code, output, error) = await Fetch("--since", "2020-01-01T00:00:00Z", "--retries", "1", "--json");

        code.Should().Be(ExitCodes.Unavailable, error);
        var failure = output.ShouldBeJsonError("unavailable", 69);
        failure.GetProperty("message").GetString().Should().Contain("HTTP 503").And.Contain("gave up after 2 attempts");
        _exchange.Requests.Should().HaveCount(2);
        File.Exists(FilePath).Should().BeFalse();
    }

    [Fact]
    public async Task An_unknown_symbol_exits_2_naming_it()
    {
        var (code, output, error) = await Fetch("--symbol", "nosuchcoin", "--since", "2020-01-01T00:00:00Z", "--json");

        code.Should().Be(ExitCodes.BadData);
        output.ShouldBeJsonError("bad_data", 2).GetProperty("message").GetString().Should().Contain("'NOSUCHCOIN'").And.Contain("-1121");
        error.Should().Contain("Binance does not know the symbol 'NOSUCHCOIN'");
        _exchange.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_stored_candle_the_service_disagrees_with_exits_2_and_the_file_stays()
    {
        (await Fetch("--since", "2020-01-01T00:00:00Z", "--until", Iso(Candles[1200].OpenTime))).ExitCode.Should().Be(0);
        var before = File.ReadAllBytes(FilePath);
        _exchange.Serve([Candles[1199] with { Open = Candles[1199].Open + 0.01 }]);

        var (code, output, _) = await Fetch("--json");

        code.Should().Be(ExitCodes.BadData);
        var failure = output.ShouldBeJsonError("bad_data", 2);
        failure.GetProperty("file").GetString().Should().Be(FilePath);
        failure.GetProperty("message").GetString().Should().Contain($"the stored candle {Iso(Candles[1199].OpenTime)} has open");
        File.ReadAllBytes(FilePath).Should().Equal(before);
    }

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--until", "2024-13-01")]
    [InlineData("--base-url", "api.binance.com")]
    [InlineData("--base-url", "ftp://api.binance.com")]
    [InlineData("--interval", "10m")]
    [InlineData("--retries", "-1")]
    public async Task Options_that_cannot_work_exit_1_before_any_request(string option, string value)
    {
        var (code, output, error) = await Fetch("--since", "2020-01-01T00:00:00Z", option, value, "--json");

        code.Should().Be(ExitCodes.Usage, error);
        output.ShouldBeJsonError("usage", 1).GetProperty("message").GetString().Should().Contain(option is "--interval" ? "10m" : option);
        _exchange.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_start_not_before_the_end_exits_1()
    {
        var (code, _, error) = await Fetch("--since", "2020-02-01T00:00:00Z", "--until", "2020-01-01T00:00:00Z");

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("--since 2020-02-01T00:00:00Z is not before --until 2020-01-01T00:00:00Z");
    }

    [Fact]
    public async Task A_new_file_without_since_exits_1_saying_how_to_start_it()
    {
        var (code, _, error) = await Fetch();

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain(FilePath).And.Contain("does not exist yet").And.Contain("--since");
        _exchange.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_symbol_with_a_path_in_it_is_refused_by_the_parser()
    {
        var (code, _, error) = await Fetch("--symbol", "../../etc", "--since", "2020-01-01T00:00:00Z");

        code.Should().Be(ExitCodes.Usage);
        error.Should().Contain("--symbol '../../etc' is not a symbol");
        Directory.EnumerateFileSystemEntries(_data).Should().BeEmpty();
    }

    [Theory]
    [InlineData(CandleFileAppendPoints.Downloaded, false)]
    [InlineData(CandleFileAppendPoints.Staged, false)]
    [InlineData(CandleFileAppendPoints.Replaced, true)]
    public async Task A_fetch_killed_at_each_write_step_leaves_the_old_file_or_the_new_one(string point, bool replaced)
    {
        (await Fetch("--since", "2020-01-01T00:00:00Z", "--until", Iso(Candles[1000].OpenTime))).ExitCode.Should().Be(0);
        var before = File.ReadAllLines(FilePath);
        string[] after = ["timestamp,open,high,low,close,volume", .. RealCandles.Btc1hLines(0, Served)];

        var (code, _, error) = await CliProcess.RunAsync(Args(), faultAt: point);

        code.Should().Be(137, error);
        error.Should().Contain(point);
        File.ReadAllLines(FilePath).Should().Equal(replaced ? after : before);
        CandleFileReader.Read(FilePath).Series.Count.Should().Be(replaced ? Served : 1000);

        var (again, _, againError) = await Fetch();

        again.Should().Be(0, againError);
        File.ReadAllLines(FilePath).Should().Equal(after);
        Directory.EnumerateFiles(_data, ".*").Should().BeEmpty("the next fetch removes what the killed one left");
    }

    [Fact]
    public void The_fault_points_are_the_use_case_s()
    {
        CandleFetcher.FaultPoints.Should().Equal(CandleFileAppendPoints.Downloaded, CandleFileAppendPoints.Staged, CandleFileAppendPoints.Replaced);
    }

    [Fact]
    public void Unavailable_is_exit_69_both_ways()
    {
        ExitCodes.Of(Core.Failures.FailureKind.Unavailable).Should().Be(69);
        ExitCodes.KindOf(69).Should().Be(Core.Failures.FailureKind.Unavailable);
    }

    [Fact]
    public async Task Help_lists_the_options()
    {
        var (code, output, _) = await CliRunner.RunAsync("fetch", "--help");

        code.Should().Be(0);
        output.Should().Contain("--since").And.Contain("--until").And.Contain("--base-url").And.Contain("--retries").And.Contain("--data-dir");
    }

    private Task<(int ExitCode, string Output, string Error)> Fetch(params string[] extra) => CliRunner.RunAsync(Args(extra));

    /// <summary>fetch of BTCUSDT 1h from the stand-in into the test's data folder; <paramref name="extra"/> may name another symbol, interval or URL.</summary>
    private string[] Args(params string[] extra)
    {
        string[] defaults = ["--symbol", "BTCUSDT", "--interval", "1h", "--base-url", _exchange.BaseAddress.AbsoluteUri];
        var chosen = defaults.Chunk(2).Where(pair => !extra.Contains(pair[0])).SelectMany(pair => pair);
        return ["fetch", "--data-dir", _data, .. chosen, .. extra];
    }

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>The fault point names of a fetch's write steps, spelled out so a rename breaks a test.</summary>
internal static class CandleFileAppendPoints
{
    public const string Downloaded = "fetch-downloaded";
    public const string Staged = "fetch-staged";
    public const string Replaced = "fetch-replaced";
}

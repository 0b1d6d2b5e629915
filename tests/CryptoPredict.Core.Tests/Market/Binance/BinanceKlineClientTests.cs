using System.Net;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Market.Binance;
using CryptoPredict.TestExchange;

namespace CryptoPredict.Core.Tests.Market.Binance;

/// <summary>
/// The klines client against the in-process stand-in: throttling honours Retry-After, server errors, timeouts and
/// refused connections back off and stop after the retries or the request budget, and Binance's error bodies come
/// out as errors that quote them. Time runs fast (<see cref="FastTime"/>), so waits of seconds take milliseconds.
/// </summary>
public sealed class BinanceKlineClientTests : IAsyncLifetime
{
    /// <summary>
    /// Timeouts far above what a loaded test machine needs for a loopback answer (at 100x, 600 s is 6 s of real
    /// time), so only the tests about timeouts ever see one.
    /// </summary>
    private static readonly BinanceClientOptions Relaxed = new() { AttemptTimeout = TimeSpan.FromSeconds(600), RequestBudget = TimeSpan.FromSeconds(3600) };

    private readonly FastTime _time = new(StandInTimes.Later);
    private BinanceStandIn _exchange = null!;

    public async Task InitializeAsync() =>
        _exchange = await BinanceStandIn.StartAsync(StandInTimes.Btc(50), CandleInterval.OneHour, () => _time.UtcNow);

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Fact]
    public async Task A_page_is_the_candles_in_the_range_oldest_first()
    {
        using var client = Client();

        var page = await client.GetKlinesAsync(Query(StandInTimes.FirstOpen.AddHours(10), StandInTimes.FirstOpen.AddHours(19)), CancellationToken.None);

        page.Should().HaveCount(10);
        page.Select(k => k.Candle).Should().Equal(StandInTimes.Btc(20).Skip(10));
        page[0].CloseTime.Should().Be(StandInTimes.FirstOpen.AddHours(11).AddMilliseconds(-1));
        _exchange.Requests.Single().Query.Should().Be($"?symbol=BTCUSDT&interval=1h&startTime=1577872800000&endTime=1577905200000&limit=1000");
        client.Retries.Should().BeEmpty();
    }

    [Theory]
    [InlineData(429)]
    [InlineData(418)]
    public async Task Throttling_waits_what_retry_after_says_then_succeeds(int status)
    {
        _exchange.Script(StandInReply.Throttled(status, retryAfterSeconds: 7));
        using var client = Client();

        var page = await client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        page.Should().HaveCount(5);
        client.Retries.Should().ContainSingle().Which.Should().Be(new KlineRetry(1, $"HTTP {status}", TimeSpan.FromSeconds(7)));
        _time.Timers.Should().Contain(TimeSpan.FromSeconds(7), "the retry waited on the injected clock");
        var requests = _exchange.Requests;
        requests.Select(r => r.Status).Should().Equal(status, 200);
        // Timers count whole milliseconds: 70 ms of real time may measure a little less, 100 times magnified.
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(6.8), "the second request came after the wait");
    }

    [Fact]
    public async Task A_wait_longer_than_the_request_budget_is_not_waited_for()
    {
        _exchange.Script(StandInReply.Throttled(418, retryAfterSeconds: 7200));
        using var client = Client();

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.Unavailable);
        error.Message.Should().Contain("HTTP 418").And.Contain("asks to wait 7200 s").And.Contain("request budget of 3600 s").And.Contain("1 attempt");
        _exchange.Requests.Should().HaveCount(1);
        _time.Timers.Should().NotContain(TimeSpan.FromSeconds(7200));
    }

    [Fact]
    public async Task Server_errors_back_off_and_retry_until_an_answer()
    {
        _exchange.Script(StandInReply.ServerError(503), StandInReply.ServerError(502));
        using var client = Client();

        var page = await client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        page.Should().HaveCount(5);
        client.Retries.Select(r => r.Reason).Should().Equal("HTTP 503", "HTTP 502");
        client.Retries.Should().OnlyContain(r => r.Delay > TimeSpan.Zero && r.Delay <= TimeSpan.FromSeconds(30));
        client.Attempts.Should().Be(3);
        client.Requests.Should().Be(1);
    }

    [Fact]
    public async Task Persistent_server_errors_stop_after_the_retries_as_unavailable()
    {
        _exchange.Always = StandInReply.ServerError(503);
        using var client = Client(Relaxed with { MaxRetries = 3 });

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.Unavailable);
        error.Message.Should().Contain("HTTP 503").And.Contain("gave up after 4 attempts").And.Contain("Internal error; unable to process your request");
        _exchange.Requests.Should().HaveCount(4);
    }

    [Fact]
    public async Task Persistent_server_errors_stop_when_the_request_budget_is_spent()
    {
        _exchange.Always = StandInReply.ServerError(500);
        var options = Relaxed with { MaxRetries = 100, BaseDelay = TimeSpan.FromSeconds(4), MaxDelay = TimeSpan.FromSeconds(8), RequestBudget = TimeSpan.FromSeconds(30) };
        using var client = Client(options);

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.Unavailable);
        error.Message.Should().Contain("request budget of 30 s");
        _exchange.Requests.Count.Should().BeInRange(1, 20, "of the 101 attempts allowed, only a few fit the 30 s budget with waits of seconds between them");
    }

    [Fact]
    public async Task An_attempt_without_an_answer_times_out_and_is_retried()
    {
        _exchange.Script(StandInReply.NoAnswer);
        using var client = Client(Relaxed with { AttemptTimeout = TimeSpan.FromSeconds(60) });

        var page = await client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        page.Should().HaveCount(5);
        client.Retries.Should().ContainSingle().Which.Reason.Should().Be("timeout");
        _time.Timers.Should().Contain(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_service_that_never_answers_is_unavailable_after_the_retries()
    {
        _exchange.Always = StandInReply.NoAnswer;
        using var client = Client(Relaxed with { MaxRetries = 1, AttemptTimeout = TimeSpan.FromSeconds(30) });

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.Unavailable);
        error.Message.Should().Contain("no answer within 30 s").And.Contain("2 attempts").And.Contain("earlier: timeout");
        _exchange.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_unavailable()
    {
        var closed = _exchange.BaseAddress;
        await _exchange.DisposeAsync();
        _exchange = await BinanceStandIn.StartAsync([], CandleInterval.OneHour, () => _time.UtcNow);
        using var client = Client(Relaxed with { BaseAddress = closed, MaxRetries = 2 });

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.Unavailable);
        error.Message.Should().Contain("could not reach the service").And.Contain("3 attempts").And.Contain(closed.Authority);
        client.Retries.Should().HaveCount(2).And.OnlyContain(r => r.Reason == "connection failed");
    }

    [Fact]
    public async Task An_unknown_symbol_is_bad_data_naming_it_and_is_not_retried()
    {
        using var client = Client();

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)) with { Symbol = "NOSUCHCOIN" }, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.BadData);
        error.Message.Should().Contain("'NOSUCHCOIN'").And.Contain("code -1121: Invalid symbol.");
        _exchange.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Any_other_refusal_quotes_binance_code_and_message_as_a_usage_error()
    {
        _exchange.Script(new StandInReply.Status(400, """{"code":-1130,"msg":"Invalid data sent for a parameter."}"""));
        using var client = Client();

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.Usage);
        error.Message.Should().Contain("HTTP 400").And.Contain("code -1130: Invalid data sent for a parameter.").And.Contain("/api/v3/klines?symbol=BTCUSDT");
        _exchange.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_restricted_location_is_unavailable_and_says_where_else_to_ask()
    {
        _exchange.Script(new StandInReply.Status(451, """{"code":0,"msg":"Service unavailable from a restricted location according to 'b. Eligibility'."}"""));
        using var client = Client();

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.Unavailable);
        error.Message.Should().Contain("HTTP 451").And.Contain("restricted location").And.Contain("--base-url");
    }

    [Theory]
    [InlineData("<html>maintenance</html>", "not JSON")]
    [InlineData("""{"rows":[]}""", "not the array of kline rows")]
    [InlineData("""[[1577836800000,"7195.24","7196.25","7175.46","7177.02"]]""", "row 1 is not an array of at least 7 fields")]
    [InlineData("""[[1577836800000,"7195.24","7196.25","seven","7177.02","511.8",1577840399999]]""", "row 1: low \"seven\" is not a finite number")]
    [InlineData("""[[1577836800000,"7195.24","7196.25","7175.46","7177.02","511.8",1577836800000]]""", "row 1: close time 2020-01-01T00:00:00Z is not after open time")]
    [InlineData("""[[1577750400000,"7195.24","7196.25","7175.46","7177.02","511.8",1577753999999]]""", "row 1 opens at 2019-12-31T00:00:00Z, outside the range asked for")]
    public async Task An_answer_that_is_not_klines_is_bad_data_naming_the_row_and_field(string body, string expected)
    {
        _exchange.Script(new StandInReply.Status(200, body));
        using var client = Client();

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<RequestException>()).Which;
        error.Kind.Should().Be(FailureKind.BadData);
        error.Message.Should().StartWith("GET http://127.0.0.1:").And.Contain(expected);
    }

    [Fact]
    public async Task An_interval_binance_does_not_serve_is_refused_before_any_request()
    {
        using var client = Client();

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)) with { Interval = CandleInterval.Parse("10m") }, CancellationToken.None);

        (await act.Should().ThrowAsync<RequestException>()).Which.Message.Should().Contain("Binance has no 10m klines").And.Contain("15m");
        _exchange.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_retried()
    {
        _exchange.Always = StandInReply.NoAnswer;
        using var client = Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => client.GetKlinesAsync(Query(StandInTimes.FirstOpen, StandInTimes.FirstOpen.AddHours(4)), cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        client.Retries.Should().BeEmpty();
    }

    [Fact]
    public void Settings_that_cannot_work_are_refused_naming_them()
    {
        var bad = new[]
        {
            new BinanceClientOptions { BaseAddress = new Uri("ftp://example.com") },
            new BinanceClientOptions { MaxRetries = -1 },
            new BinanceClientOptions { AttemptTimeout = TimeSpan.Zero },
            new BinanceClientOptions { BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(1) },
        };

        foreach (var options in bad)
        {
            var act = () => new BinanceKlineClient(options, _time).Dispose();
            act.Should().Throw<ArgumentException>();
        }
    }

    private BinanceKlineClient Client(BinanceClientOptions? options = null)
    {
        var seeded = new Random(7);
        return new BinanceKlineClient((options ?? Relaxed) with
        {
            BaseAddress = options?.BaseAddress is { } given && given != BinanceClientOptions.DefaultBaseAddress ? given : _exchange.BaseAddress,
            Randomizer = seeded.NextDouble,
        }, _time);
    }

    private static KlineQuery Query(DateTime start, DateTime end) => new("BTCUSDT", CandleInterval.OneHour, start, end);
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CryptoPredict.Core.Failures;
using Polly;
using Polly.Timeout;

namespace CryptoPredict.Core.Market.Binance;

/// <summary>
/// Binance's public <c>GET /api/v3/klines</c>, one page per call, through <see cref="BinanceResilience"/>. Every
/// failure that survives the retries becomes a <see cref="RequestException"/> whose kind says whose fault it is:
/// <see cref="FailureKind.Unavailable"/> for a service that could not be reached, kept failing or keeps throttling;
/// <see cref="FailureKind.BadData"/> for an unknown symbol or an answer that is not klines;
/// <see cref="FailureKind.Usage"/> for any other request Binance refuses (its code and message quoted).
/// One page at a time: the counters are not synchronised, so a client serves one caller.
/// </summary>
public sealed class BinanceKlineClient : IDisposable
{
    private const long MaxAnswerBytes = 16 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly BinanceClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<BinanceReply> _pipeline;
    private readonly List<KlineRetry> _retries = [];

    /// <summary>A client with its own <see cref="HttpClient"/>, disposed with it.</summary>
    public BinanceKlineClient(BinanceClientOptions options, TimeProvider? time = null)
        : this(CreateHttpClient(), options, time)
    {
        _ownsHttp = true;
    }

    /// <summary>
    /// A client over <paramref name="http"/>, which the caller owns. Its own timeout is not used (set it to
    /// <see cref="Timeout.InfiniteTimeSpan"/>): <see cref="BinanceClientOptions.AttemptTimeout"/> governs.
    /// </summary>
    public BinanceKlineClient(HttpClient http, BinanceClientOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _time = time ?? TimeProvider.System;
        _pipeline = BinanceResilience.Build(options, _time, retry => RetryScheduled?.Invoke(this, retry));
    }

    /// <summary>Raised when a failed attempt is to be retried, before the wait.</summary>
    public event EventHandler<KlineRetry>? RetryScheduled;

    public Uri BaseAddress => _options.BaseAddress;

    /// <summary>Pages asked for (one per <see cref="GetKlinesAsync"/> call).</summary>
    public int Requests { get; private set; }

    /// <summary>HTTP requests sent, retries included.</summary>
    public int Attempts { get; private set; }

    /// <summary>Every retry made so far, oldest first.</summary>
    public IReadOnlyList<KlineRetry> Retries => _retries;

    /// <summary>The candles of <paramref name="query"/>, oldest first; forming candles included (see <see cref="Kline.IsClosedAt"/>).</summary>
    public async Task<IReadOnlyList<Kline>> GetKlinesAsync(KlineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!BinanceIntervals.TryName(query.Interval, out var interval))
        {
            throw new RequestException(FailureKind.Usage,
                $"Binance has no {query.Interval} klines; its intervals are {string.Join(", ", BinanceIntervals.Supported)}.");
        }

        var uri = KlinesUri(query, interval);
        var log = new BinanceRequestLog(_time.GetTimestamp());
        Requests++;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(BinanceResilience.LogKey, log);
        try
        {
            var reply = await _pipeline.ExecuteAsync(
                static (ctx, state) => state.Client.SendAsync(state.Uri, state.Log, ctx.CancellationToken),
                context,
                (Client: this, Uri: uri, Log: log)).ConfigureAwait(false);
            return reply.Status == HttpStatusCode.OK
                ? KlineParser.Parse(reply.Body, query, Describe(uri))
                : throw Refusal(reply, query, uri, log);
        }
        catch (TimeoutRejectedException)
        {
            var why = log.BudgetSpent
                ? $"no answer within the request budget of {Seconds(_options.RequestBudget)}"
                : $"the last attempt got no answer within {Seconds(_options.AttemptTimeout)}";
            throw Unavailable(uri, log, why);
        }
        catch (HttpRequestException e)
        {
            throw Unavailable(uri, log, "could not reach the service: " + e.Message);
        }
        finally
        {
            _retries.AddRange(log.Retries);
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static HttpClient CreateHttpClient()
    {
        var http = new HttpClient
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("cryptopredict", "0.1"));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    private async ValueTask<BinanceReply> SendAsync(Uri uri, BinanceRequestLog log, CancellationToken cancellationToken)
    {
        log.Attempts++;
        Attempts++;
        using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new BinanceReply(response.StatusCode, BinanceReply.RetryAfterOf(response, _time.GetUtcNow()), body);
    }

    private Uri KlinesUri(KlineQuery query, string interval)
    {
        var queryString = string.Create(CultureInfo.InvariantCulture,
            $"symbol={Uri.EscapeDataString(query.Symbol)}&interval={interval}&startTime={UnixMs(query.Start)}&endTime={UnixMs(query.End)}&limit={query.Limit}");
        return new Uri(_options.BaseAddress.AbsoluteUri.TrimEnd('/') + "/api/v3/klines?" + queryString);
    }

    private RequestException Refusal(BinanceReply reply, KlineQuery query, Uri uri, BinanceRequestLog log)
    {
        var status = (int)reply.Status;
        var error = BinanceError.TryParse(reply.Body);
        var said = error is null ? Clip(reply.Body) : error.ToString();
        if (reply.IsThrottled)
        {
            var why = log.RefusedWait is { } wait
                ? $"HTTP {status}, the service asks to wait {Seconds(wait)}, more than the request budget of {Seconds(_options.RequestBudget)} allows"
                : $"HTTP {status} (rate limited) to the last attempt";
            return Unavailable(uri, log, why + (said.Length > 0 ? $" ({said})" : ""));
        }

        if (reply.IsServerError)
        {
            return Unavailable(uri, log, $"HTTP {status} to the last attempt" + (said.Length > 0 ? $" ({said})" : ""));
        }

        if (reply.Status == HttpStatusCode.UnavailableForLegalReasons)
        {
            return Unavailable(uri, log, $"HTTP 451: Binance refuses requests from this location ({said}); use an API this location may reach with --base-url, such as https://api.binance.us");
        }

        if (reply.Status == HttpStatusCode.Forbidden)
        {
            return Unavailable(uri, log, $"HTTP 403: the service's firewall refused the request ({said}); wait before trying again");
        }

        if (error?.Code == BinanceError.InvalidSymbol)
        {
            return new RequestException(FailureKind.BadData,
                $"Binance does not know the symbol '{query.Symbol}' ({error}); check its spelling on the exchange, such as BTCUSDT.");
        }

        return new RequestException(FailureKind.Usage,
            $"{Describe(uri)}: the service refused the request with HTTP {status}" + (said.Length > 0 ? $", {said}" : "")
            + (error is null ? "; is --base-url a Binance API?" : "."));
    }

    private static RequestException Unavailable(Uri uri, BinanceRequestLog log, string why)
    {
        var earlier = log.Retries.Count == 0 ? "" : $" (earlier: {string.Join(", ", log.Retries.Select(r => r.Reason))})";
        return new RequestException(FailureKind.Unavailable,
            $"{Describe(uri)}: {why}; gave up after {log.Attempts} attempt{(log.Attempts == 1 ? "" : "s")}{earlier}. "
            + "The service may be down, rate limiting or unreachable from here; try again later.");
    }

    private static string Describe(Uri uri) => "GET " + uri.AbsoluteUri;

    private static long UnixMs(DateTime time) => (time - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");

    private static string Clip(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 200 ? trimmed : trimmed[..200] + "...";
    }
}

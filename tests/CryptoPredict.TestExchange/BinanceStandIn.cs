using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using CryptoPredict.Core.Market;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoPredict.TestExchange;

/// <summary>
/// Binance's <c>GET /api/v3/klines</c> on a loopback port, serving given candles the way Binance does: rows of 12
/// fields (prices as decimal strings), <c>startTime</c>/<c>endTime</c> inclusive on open times, at most
/// <c>limit</c> rows (default 500, at most 1000), nothing that opens after its clock's now, and the candle holding
/// now as a forming one (close time in the future, volume so far). An unknown symbol gets
/// <c>400 {"code":-1121,"msg":"Invalid symbol."}</c>. Scripted replies (throttling, errors, hangs) are served first,
/// one per request, and every request is recorded.
/// </summary>
public sealed class BinanceStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SortedList<DateTime, Candle> _candles;
    private readonly CandleInterval _interval;
    private readonly string _symbol;
    private readonly Func<DateTime> _now;
    private readonly ConcurrentQueue<StandInReply> _script = new();
    private readonly ConcurrentQueue<StandInRequest> _requests = new();
    private readonly Lock _gate = new();

    private BinanceStandIn(WebApplication app, IEnumerable<Candle> candles, CandleInterval interval, string symbol, Func<DateTime> now)
    {
        _app = app;
        _candles = new SortedList<DateTime, Candle>(candles.ToDictionary(c => c.OpenTime));
        _interval = interval;
        _symbol = symbol;
        _now = now;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Served to every request once the script is used up; null: the klines.</summary>
    public StandInReply? Always { get; set; }

    public IReadOnlyList<StandInRequest> Requests => [.. _requests];

    /// <summary>Starts serving <paramref name="candles"/> of <paramref name="symbol"/>; <paramref name="now"/> is the exchange's clock.</summary>
    public static async Task<BinanceStandIn> StartAsync(IEnumerable<Candle> candles, CandleInterval interval, Func<DateTime> now, string symbol = "BTCUSDT")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var standIn = new BinanceStandIn(app, candles, interval, symbol, now);
        app.MapGet("/api/v3/klines", standIn.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseAddress = new Uri(address);
        return standIn;
    }

    /// <summary>Queues replies for the next requests, in order.</summary>
    public void Script(params StandInReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>Serves <paramref name="candles"/> from now on (new ones added, same open times replaced).</summary>
    public void Serve(IEnumerable<Candle> candles)
    {
        lock (_gate)
        {
            foreach (var candle in candles)
            {
                _candles[candle.OpenTime] = candle;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var symbol = query["symbol"].ToString();
        var interval = query["interval"].ToString();
        var start = Long(query["startTime"], 0);
        var end = Long(query["endTime"], long.MaxValue);
        var limit = (int)Math.Clamp(Long(query["limit"], 500), 1, 1000);
        var reply = _script.TryDequeue(out var scripted) ? scripted : Always;
        var status = reply switch
        {
            StandInReply.Status s => s.Code,
            StandInReply.Hang => 0,
            _ when symbol != _symbol => 400,
            _ when interval != _interval.ToString() => 400,
            _ => 200,
        };
        _requests.Enqueue(new StandInRequest(_now(), context.Request.QueryString.Value ?? "", symbol, interval, start, end, limit, status));
        switch (reply)
        {
            case StandInReply.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case StandInReply.Status s:
                if (s.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await Answer(context, s.Code, s.Body);
                return;
        }

        if (status == 400)
        {
            await Answer(context, 400, symbol != _symbol ? """{"code":-1121,"msg":"Invalid symbol."}""" : """{"code":-1120,"msg":"Invalid interval."}""");
            return;
        }

        await Answer(context, 200, Klines(start, end, limit));
    }

    private string Klines(long start, long end, int limit)
    {
        var now = _now();
        var body = new StringBuilder("[");
        var rows = 0;
        lock (_gate)
        {
            foreach (var (openTime, candle) in _candles)
            {
                var open = Ms(openTime);
                if (open < start || open > end || openTime > now)
                {
                    continue;
                }

                var closeTime = openTime + _interval.Duration - TimeSpan.FromMilliseconds(1);
                var volume = closeTime > now
                    ? candle.Volume * (now - openTime).Ticks / _interval.Duration.Ticks
                    : candle.Volume;
                body.Append(rows++ == 0 ? "" : ",");
                body.Append(CultureInfo.InvariantCulture,
                    $"[{open},\"{Price(candle.Open)}\",\"{Price(candle.High)}\",\"{Price(candle.Low)}\",\"{Price(candle.Close)}\",\"{Price(volume)}\",{Ms(closeTime)},");
                body.Append(CultureInfo.InvariantCulture,
                    $"\"{Price(volume * candle.Close)}\",{(int)(volume * 10) + 1},\"{Price(volume / 2)}\",\"{Price(volume / 2 * candle.Close)}\",\"0\"]");
                if (rows == limit)
                {
                    break;
                }
            }
        }

        return body.Append(']').ToString();
    }

    private static async Task Answer(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.WriteAsync(body);
    }

    private static long Long(string? text, long fallback) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static long Ms(DateTime time) => (time - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;

    private static string Price(double value) => value.ToString("F8", CultureInfo.InvariantCulture);
}

using System.Globalization;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market.Binance;

namespace CryptoPredict.Core.Market.Fetch;

/// <summary>
/// The fetch use case: brings <c>DATA_DIR/SYMBOL_INTERVAL.csv</c> up to date from Binance's klines, page by page.
/// <list type="bullet">
/// <item>A new file starts at <see cref="CandleFetchRequest.Since"/>, which it then needs; an existing one is
/// extended from its last candle, which is fetched again and must match (so a file of another symbol, interval or
/// source, or a candle stored while it was still forming, is caught instead of continued).</item>
/// <item>Fetched candles that are already stored must equal them field for field: a disagreement is an error naming
/// the candle and the field; stored candles are never rewritten. Only candles after the last stored one are added.</item>
/// <item>A candle whose close time is not yet past is still forming and is never stored.</item>
/// <item>The new file is validated with the readers' rules and replaces the old one atomically; a failed or killed
/// fetch leaves the old file as it was. Fetches of one file exclude each other through a run lock in
/// <c>DATA_DIR/.fetch/SYMBOL_INTERVAL/</c>.</item>
/// </list>
/// </summary>
public sealed class CandleFetcher
{
    private readonly BinanceKlineClient _client;
    private readonly TimeProvider _time;

    public CandleFetcher(BinanceKlineClient client, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Fault point names, for tests that kill a fetch at each write step.</summary>
    public static IReadOnlyList<string> FaultPoints { get; } = [CandleFileAppend.DownloadedPoint, CandleFileAppend.StagedPoint, CandleFileAppend.ReplacedPoint];

    public async Task<CandleFetchResult> FetchAsync(CandleFetchRequest request, ICandleFetchObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request with { Since = AsUtc(request.Since), Until = AsUtc(request.Until) };
        if (!BinanceIntervals.TryName(request.Interval, out _))
        {
            throw new RequestException(FailureKind.Usage,
                $"Binance has no {request.Interval} klines; its intervals are {string.Join(", ", BinanceIntervals.Supported)}.");
        }

        var path = CandleFetchTarget.PathOf(request.DataDirectory, request.Symbol, request.Interval);
        var now = _time.GetUtcNow().UtcDateTime;
        var until = Until(request, now);
        if (request.Since is { } since && since >= until)
        {
            throw new RequestException(FailureKind.Usage,
                $"--since {Iso(since)} is not before --until {Iso(until)}" + (request.Until is null || request.Until > now ? " (now)." : "."));
        }

        if (request.Since is null && !File.Exists(path) && !Directory.Exists(path))
        {
            // Said before the lock folder is created: nothing is touched for a request that cannot work.
            _ = From(request, stored: null, path);
        }

        using var runLock = RunLock.Acquire(CandleFetchTarget.LockFolderOf(path), $"fetch {request.Symbol} {request.Interval}");
        var leftovers = RemoveLeftovers(path);
        var stored = File.Exists(path) || Directory.Exists(path) ? StoredCandles.Read(path, request.Symbol, request.Interval) : null;
        var from = From(request, stored, path);
        var expected = (int)Math.Min(int.MaxValue, Math.Max(0, (until - from).Ticks + request.Interval.Duration.Ticks - 1) / request.Interval.Duration.Ticks);
        observer?.OnStart(new CandleFetchPlan(path, from, until, expected, (expected + KlineQuery.MaxLimit - 1) / KlineQuery.MaxLimit,
            stored?.Series.Count ?? 0, stored?.Last));

        var requestsBefore = _client.Requests;
        var attemptsBefore = _client.Attempts;
        var retriesBefore = _client.Retries.Count;
        void Retried(object? sender, KlineRetry retry) => observer?.OnRetry(retry);
        _client.RetryScheduled += Retried;
        Download download;
        try
        {
            download = await DownloadAsync(request, from, until, now, stored, observer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _client.RetryScheduled -= Retried;
        }

        CandleSeries? file = stored?.Series;
        if (download.Added.Count > 0)
        {
            file = CandleFileAppend.Write(path, download.Added, request.Symbol, request.Interval, _client.BaseAddress);
        }
        else if (stored is null)
        {
            throw new RequestException(FailureKind.BadData,
                $"{_client.BaseAddress.Host} has no closed {request.Symbol} {request.Interval} candles from {Iso(from)} to {Iso(until)}; {path} was not created.");
        }

        return new CandleFetchResult
        {
            Path = path,
            Symbol = request.Symbol,
            Interval = request.Interval,
            Created = stored is null,
            From = from,
            Until = until,
            CandlesAdded = download.Added.Count,
            FirstAdded = download.Added.Count > 0 ? download.Added[0].OpenTime : null,
            LastAdded = download.Added.Count > 0 ? download.Added[^1].OpenTime : null,
            CandlesVerified = download.Verified,
            FormingDropped = download.Forming,
            CandlesInFile = file!.Count,
            FileFirst = file.OpenTimes[0],
            FileLast = file.OpenTimes[^1],
            Requests = _client.Requests - requestsBefore,
            Attempts = _client.Attempts - attemptsBefore,
            Retries = _client.Retries.Skip(retriesBefore).ToArray(),
            LeftoversRemoved = leftovers,
        };
    }

    private async Task<Download> DownloadAsync(
        CandleFetchRequest request, DateTime from, DateTime until, DateTime now, StoredCandles? stored, ICandleFetchObserver? observer, CancellationToken cancellationToken)
    {
        var added = new List<Candle>();
        var verified = 0;
        var forming = 0;
        var last = DateTime.MinValue;
        var cursor = from;
        var end = until.AddMilliseconds(-1);
        for (var number = 1; cursor <= end; number++)
        {
            var page = await _client.GetKlinesAsync(new KlineQuery(request.Symbol, request.Interval, cursor, end), cancellationToken).ConfigureAwait(false);
            for (var row = 0; row < page.Count; row++)
            {
                var kline = page[row];
                if (!kline.IsClosedAt(now))
                {
                    // Rows are oldest first: everything from here on is still forming (or in the future).
                    forming = page.Count - row;
                    break;
                }

                if (kline.OpenTime <= last)
                {
                    throw new RequestException(FailureKind.BadData,
                        $"{_client.BaseAddress.Host}: page {number} starts at {Iso(kline.OpenTime)}, not after the last candle of the page before ({Iso(last)}).");
                }

                last = kline.OpenTime;
                if (stored is not null && stored.Covers(kline))
                {
                    verified += stored.Verify(kline, _client.BaseAddress) ? 1 : 0;
                }
                else
                {
                    added.Add(kline.Candle);
                }
            }

            observer?.OnPage(new CandleFetchPage(number, page.Count, added.Count, page.Count > 0 ? page[^1].OpenTime : null));
            if (page.Count < KlineQuery.MaxLimit || forming > 0)
            {
                break;
            }

            cursor = page[^1].OpenTime + request.Interval.Duration;
        }

        return new Download(added, verified, forming);
    }

    // Nothing after now has closed; asking further only returns the forming candle.
    private static DateTime Until(CandleFetchRequest request, DateTime now) => request.Until is { } given && given < now ? given : now;

    /// <summary>Times without a kind are taken as UTC, as candle files take them.</summary>
    private static DateTime? AsUtc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } other => DateTime.SpecifyKind(other, DateTimeKind.Utc),
    };

    private static DateTime From(CandleFetchRequest request, StoredCandles? stored, string path)
    {
        if (stored is null)
        {
            return request.Since ?? throw new RequestException(FailureKind.Usage,
                $"{path} does not exist yet: give --since (such as --since 2024-01-01T00:00:00Z) to say where its history starts; "
                + "later fetches continue from its last candle.", path);
        }

        if (request.Since is not { } since)
        {
            return stored.Last;
        }

        if (since < stored.First || since > stored.Last)
        {
            throw new RequestException(FailureKind.Usage,
                $"{path} holds {Iso(stored.First)} to {Iso(stored.Last)}; --since {Iso(since)} is outside it. Fetch only extends a file "
                + "forward from its last candle: leave --since out, give one inside the file to check stored candles again, "
                + "or move the file away to fetch another range.", path);
        }

        return since;
    }

    private static int RemoveLeftovers(string path)
    {
        // The run lock is held: no other fetch is writing these, so they are a killed fetch's.
        var leftovers = AtomicFile.LeftoverTemporaryFiles(path);
        foreach (var leftover in leftovers)
        {
            AtomicFile.TryDelete(leftover);
        }

        return leftovers.Count;
    }

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record Download(List<Candle> Added, int Verified, int Forming);
}

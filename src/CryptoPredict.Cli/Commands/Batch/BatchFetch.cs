using System.Globalization;
using CryptoPredict.Core.Batch;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Market.Binance;
using CryptoPredict.Core.Market.Fetch;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>batch --fetch</c>: before any unit trains, the candle file each unit reads (its own interval's, or the finer one
/// it is resampled from) is brought up to date through Core's <see cref="CandleFetcher"/>, once per file. A unit
/// without a file is left to fail as it would without <c>--fetch</c> (a new file needs <c>fetch --since</c>). A fetch
/// that fails leaves its file as it was; the units train on the candles there are and the summary says which file
/// could not be updated, so a cron job's exit code tells (69 when nothing else failed).
/// </summary>
internal static class BatchFetch
{
    /// <summary>How long a fetch of a file another worker of the same batch is fetching waits for it to finish.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<FetchOutcome> Update(IReadOnlyList<BatchUnit> units, string dataDir, Uri baseUrl, CancellationToken cancellationToken)
    {
        var files = new List<(string Symbol, CandleInterval Interval)>();
        foreach (var unit in units)
        {
            CandleLocation location;
            try
            {
                location = CandleSource.Locate(new CandleSourceRequest { Symbol = unit.Symbol, Interval = unit.CandleInterval, DataDir = dataDir, EnforceSymbol = true });
            }
            catch (RequestException)
            {
                continue;
            }

            var file = (unit.Symbol, location.Interval ?? unit.CandleInterval);
            if (!files.Contains(file))
            {
                files.Add(file);
            }
        }

        using var client = new BinanceKlineClient(new BinanceClientOptions { BaseAddress = baseUrl });
        var fetcher = new CandleFetcher(client);
        var outcomes = new List<FetchOutcome>(files.Count);
        foreach (var (symbol, interval) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes.Add(Fetch(fetcher, new CandleFetchRequest(symbol, interval, dataDir), cancellationToken));
        }

        return outcomes;
    }

    private static FetchOutcome Fetch(CandleFetcher fetcher, CandleFetchRequest request, CancellationToken cancellationToken)
    {
        var waitUntil = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                var result = fetcher.FetchAsync(request, null, cancellationToken).GetAwaiter().GetResult();
                Log.Information("fetched {Added} new candles into {Path} (last {Last:yyyy-MM-dd HH:mm} UTC)", result.CandlesAdded, result.Path, result.FileLast);
                return new FetchOutcome(request.Symbol, request.Interval.ToString(), result.Path, result.CandlesAdded, result.FileLast, null, null);
            }
            catch (RunLockedException) when (DateTime.UtcNow < waitUntil)
            {
                // Another worker of this batch (a shard, a --max-parallel child) is fetching the same file: its candles will do.
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var failure = FailureClassifier.Classify(e);
                Log.Warning("could not update the candles of {Symbol} {Interval}: {Message}; its units train on the candles there are", request.Symbol, request.Interval, failure.Message);
                return new FetchOutcome(request.Symbol, request.Interval.ToString(), null, 0, null, failure.Message, ExitCodes.Of(failure.Kind));
            }
        }
    }
}

/// <summary>One file's update by <c>batch --fetch</c>: the candles added, or the error (and the exit code <c>fetch</c> would have given).</summary>
internal sealed record FetchOutcome(string Symbol, string Interval, string? Path, int CandlesAdded, DateTime? LastCandle, string? Error, int? ExitCode)
{
    public override string ToString() => Error is null
        ? string.Create(CultureInfo.InvariantCulture, $"{Symbol} {Interval}: {CandlesAdded} new candles")
        : $"{Symbol} {Interval}: not updated ({Error})";
}

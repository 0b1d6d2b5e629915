using System.CommandLine;
using System.Text.Json;
using CryptoPredict.Cli.Failures;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Market.Binance;
using CryptoPredict.Core.Market.Fetch;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>fetch</c>: brings <c>DATA_DIR/SYMBOL_INTERVAL.csv</c> up to date from Binance's public klines (or any
/// compatible API at <c>--base-url</c>). The use case is Core's <see cref="CandleFetcher"/>; this verb parses the
/// options, shows progress and prints the summary. Failures are reported by CliApplication: an unknown symbol or a
/// stored candle the service disagrees with exits 2, a service that cannot be reached or keeps failing 69.
/// </summary>
public static class FetchCommand
{
    public static Command Create()
    {
        var symbol = CommonOptions.Symbol();
        var interval = CommonOptions.Interval();
        var since = new Option<string?>("--since")
        {
            Description = "First open time to fetch (ISO-8601 UTC, e.g. 2024-01-01T00:00:00Z, or Unix time). Needed for a new file; "
                + "an existing file continues from its last candle.",
        };
        var until = new Option<string?>("--until") { Description = "Fetch candles opening before this time (default: now; forming candles are never stored)." };
        var dataDir = CommonOptions.DataDir();
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "Binance-compatible API to ask (its /api/v3/klines).",
            DefaultValueFactory = _ => BinanceClientOptions.DefaultBaseAddress.AbsoluteUri.TrimEnd('/'),
        };
        var retries = new Option<int>("--retries")
        {
            Description = "Retries per request after throttling, a 5xx, a timeout or a failed connection (default 5).",
            DefaultValueFactory = _ => new BinanceClientOptions().MaxRetries,
        };
        var json = CommonOptions.Json();
        var command = new Command("fetch", "Download Binance klines into DATA_DIR/SYMBOL_INTERVAL.csv, or append the candles it lacks.")
        {
            symbol, interval, since, until, dataDir, baseUrl, retries,
        };
        foreach (var unread in new[] { CommonOptions.ModelsDir(), CommonOptions.CheckpointsDir() })
        {
            unread.Description += " Not read by fetch; accepted so the same options work for every verb.";
            command.Options.Add(unread);
        }

        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new FetchRequest(
                parse.GetValue(symbol)!,
                parse.GetValue(interval)!,
                parse.GetValue(since),
                parse.GetValue(until),
                parse.GetValue(dataDir)!,
                parse.GetValue(baseUrl)!,
                parse.GetValue(retries),
                parse.GetValue(json));
            return RunAsync(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(FetchRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var since = Time("--since", request.Since);
        var until = Time("--until", request.Until);
        if (since is { } first && until is { } end && first >= end)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--since {request.Since} is not before --until {request.Until}.");
        }

        if (!Uri.TryCreate(request.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--base-url '{request.BaseUrl}' is not an absolute URL, such as {BinanceClientOptions.DefaultBaseAddress}.");
        }

        var options = new BinanceClientOptions { BaseAddress = baseUrl, MaxRetries = request.Retries };
        using var client = new BinanceKlineClient(options);
        var fetcher = new CandleFetcher(client);
        var fetch = new CandleFetchRequest(request.Symbol, CandleInterval.Parse(request.Interval), request.DataDir) { Since = since, Until = until };
        var progress = new FetchProgress();
        CandleFetchResult result;
        if (!request.Json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            result = await CliConsole.Create(output).Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    progress.Attach(context.AddTask("fetching"));
                    var fetched = await fetcher.FetchAsync(fetch, progress, cancellationToken);
                    progress.Complete();
                    return fetched;
                });
        }
        else
        {
            result = await fetcher.FetchAsync(fetch, progress, cancellationToken);
        }

        var summary = FetchSummary.Of(result, baseUrl);
        if (request.Json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(summary, CliJson.Options));
        }
        else
        {
            foreach (var line in summary.Lines())
            {
                await output.WriteLineAsync(line);
            }
        }

        return ExitCodes.Ok;
    }

    private static DateTime? Time(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (CandleTimestamp.TryParse(text, out var time))
        {
            return time;
        }

        throw new CommandFailureException(ExitCodes.Usage,
            $"{option} '{text}' is not a time: use ISO-8601 in UTC such as 2024-01-01T00:00:00Z, or Unix seconds or milliseconds.");
    }
}

using System.CommandLine;
using System.Data.Common;
using System.Text.Json;
using CryptoPredict.Core.Batch;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Training;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>batch</c>: trains many units (symbol x interval x model) in one call, on one machine or many, recording every
/// unit in a ledger (SQLite beside the models folder, or PostgreSQL). Re-running is idempotent: done units whose
/// candles did not change are skipped. Exits 0 when every unit was trained or skipped, 5 when any failed, 75 when
/// none failed but some were busy elsewhere, 130 when cancelled. The units' work is <see cref="BatchWorker"/>;
/// <c>--max-parallel</c> runs <see cref="BatchWorkers"/> (child processes of this program).
/// </summary>
public static class BatchCommand
{
    public static Command Create()
    {
        var symbols = new Option<string?>("--symbols") { Description = "Comma-separated symbols, e.g. BTCUSDT,ETHUSDT (or --plan)." };
        var intervals = new Option<string>("--intervals") { Description = "Comma-separated intervals (default 1h).", DefaultValueFactory = _ => "1h" };
        var models = new Option<string>("--models")
        {
            Description = $"Comma-separated models (default {ModelCatalog.DefaultName}): {string.Join(", ", ModelCatalog.Names)}.",
            DefaultValueFactory = _ => ModelCatalog.DefaultName,
        };
        var plan = new Option<string?>("--plan") { Description = "Plan file (YAML or JSON): units with their own settings, instead of --symbols/--intervals/--models." };
        var features = new Option<string?>("--features") { Description = "Feature set or list for every unit (default: each model's own)." };
        var window = new Option<int?>("--window") { Description = "Candles per input window (default: each model's)." };
        var horizon = new Option<int?>("--horizon") { Description = "Candles ahead to forecast (default: each model's)." };
        var epochs = new Option<int?>("--epochs") { Description = "Maximum epochs (default 100)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Samples per batch (default 32)." };
        var lr = new Option<double?>("--lr") { Description = "Adam learning rate (default 0.001)." };
        var seed = new Option<long?>("--seed") { Description = "Seed of weights, dropout and shuffling (default 42)." };
        var patience = new Option<int?>("--patience") { Description = "Early-stopping patience in epochs (default 15)." };
        var clipNorm = new Option<double?>("--clip-norm") { Description = "Gradient norm clip, 0 to disable (default 1.0)." };
        var ledger = new Option<string?>("--ledger") { Description = "Ledger: a SQLite file, or postgres://user@host:port/db for many machines (default: MODELS.ledger.sqlite beside the models folder)." };
        var shard = new Option<string?>("--shard") { Description = "Train only shard K of N (K from 0), units hashed by name; default: JOB_COMPLETION_INDEX/JOB_COMPLETIONS or SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT when set." };
        var force = new Option<bool>("--force") { Description = "Retrain every unit, done or failed." };
        var onlyStale = new Option<bool>("--only-stale") { Description = "Retrain only trained units whose candles have new ones." };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Retry the units whose last attempt failed." };
        var fetch = new Option<bool>("--fetch") { Description = "Bring each unit's candle file up to date from the exchange first (as fetch does), once per file." };
        var baseUrl = new Option<string>("--base-url")
        {
            Description = "With --fetch: the Binance-compatible API to fetch from.",
            DefaultValueFactory = _ => Core.Market.Binance.BinanceClientOptions.DefaultBaseAddress.AbsoluteUri.TrimEnd('/'),
        };
        var maxParallel = new Option<int>("--max-parallel") { Description = "Worker processes on this machine (default 1: training already uses every core); each gets cores / P threads.", DefaultValueFactory = _ => 1 };
        var worker = new Option<string?>("--worker") { Hidden = true, Description = "Index/count of this worker among --max-parallel's children." };
        var started = new Option<DateTimeOffset?>("--batch-started") { Hidden = true, Description = "When the parent batch of --max-parallel's children started." };
        var dataDir = CommonOptions.DataDir();
        var modelsDir = CommonOptions.ModelsDir();
        var checkpointsDir = CommonOptions.CheckpointsDir();
        var device = VerbSupport.Device();
        var json = CommonOptions.Json();
        var command = new Command("batch", "Train many symbols, intervals and models in one call, on one machine or many, with a ledger of every unit.");
        foreach (var option in new Option[]
                 {
                     symbols, intervals, models, plan, dataDir, modelsDir, checkpointsDir, features, window, horizon, epochs, batchSize, lr, seed,
                     patience, clipNorm, ledger, shard, force, onlyStale, retryFailed, fetch, baseUrl, maxParallel, worker, started, device, json,
                 })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new TrainingOverrides
            {
                Features = parse.GetValue(features),
                Window = parse.GetValue(window),
                Horizon = parse.GetValue(horizon),
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(lr),
                Seed = parse.GetValue(seed),
                Patience = parse.GetValue(patience),
                ClipNorm = parse.GetValue(clipNorm),
            };
            var planFile = parse.GetValue(plan);
            var listed = parse.GetValue(symbols);
            if (planFile is not null && (listed is not null || parse.GetResult(intervals) is { Implicit: false } || parse.GetResult(models) is { Implicit: false }))
            {
                return Task.FromResult(VerbSupport.Fail(parse.InvocationConfiguration.Error, ExitCodes.Usage,
                    "--plan lists the units itself: leave out --symbols, --intervals and --models (train options still apply to every unit)."));
            }

            var batchPlan = planFile is not null
                ? BatchPlanFile.Load(planFile, settings)
                : BatchPlan.FromLists(
                    Split(listed ?? throw Usage("batch needs --symbols (with --intervals and --models), or --plan FILE."), "--symbols", Symbol),
                    Split(parse.GetValue(intervals)!, "--intervals", Interval),
                    Split(parse.GetValue(models)!, "--models", Model),
                    settings);
            var batchShard = Guard(() => BatchShard.Resolve(parse.GetValue(shard), Environment.GetEnvironmentVariable));
            var parallel = parse.GetValue(maxParallel);
            if (parallel < 1)
            {
                throw Usage($"--max-parallel must be at least 1 (got {parallel}).");
            }

            Uri? fetchFrom = null;
            if (parse.GetValue(fetch))
            {
                var url = parse.GetValue(baseUrl)!;
                fetchFrom = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? uri
                    : throw Usage($"--base-url '{url}' is not an absolute http(s) URL, such as {Core.Market.Binance.BinanceClientOptions.DefaultBaseAddress}.");
            }
            else if (parse.GetResult(baseUrl) is { Implicit: false })
            {
                throw Usage("--base-url only applies with --fetch.");
            }

            var tokens = parse.Tokens.Select(t => t.Value).ToList();
            var request = new BatchRequest
            {
                Plan = batchPlan,
                Units = batchPlan.For(batchShard),
                Shard = batchShard,
                Rules = new BatchRules(parse.GetValue(force), parse.GetValue(onlyStale), parse.GetValue(retryFailed), parse.GetValue(started) ?? DateTimeOffset.UtcNow),
                Ledger = parse.GetValue(ledger),
                DataDir = parse.GetValue(dataDir)!,
                ModelsDir = parse.GetValue(modelsDir)!,
                CheckpointsDir = parse.GetValue(checkpointsDir)!,
                LogsDir = ProjectFolders.ForProcess().Logs.Path,
                Device = parse.GetValue(device)!,
                MaxParallel = parallel,
                Worker = parse.GetValue(worker) is { } w ? ParseWorker(w) : (0, 1),
                Json = parse.GetValue(json),
                CommandLine = string.Join(' ', ["cryptopredict", .. tokens]),
                Arguments = tokens,
                ThreadsGiven = parse.GetResult(CliApplication.Threads) is { Implicit: false },
                FetchFrom = fetchFrom,
            };
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;

            // libtorch's dispose scopes and generator are per thread: every unit of this process runs on this one.
            return Task.Factory.StartNew(
                () => Run(request, output, error, cancellationToken),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        });
        return command;
    }

    internal static int Run(BatchRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IReadOnlyList<UnitResult> units;
        IReadOnlyList<FetchOutcome> fetched = [];
        bool cancelled;
        try
        {
            // Children of --max-parallel find the files their parent updated.
            if (request.FetchFrom is { } fetchFrom && request.Worker.Count == 1)
            {
                fetched = BatchFetch.Update(request.Units, request.DataDir, fetchFrom, cancellationToken);
            }

            if (request.MaxParallel > 1 && request.Units.Count > 1)
            {
                (units, cancelled) = BatchWorkers.Run(request, error, cancellationToken);
            }
            else
            {
                using var ledger = BatchLedgers.Open(request.Ledger, request.ModelsDir);
                var device = Core.Runtime.Engine.ResolveDevice(request.Device);
                BatchWorker? worker = null;
                units = BatchBoard.IsLive(output, request.Json)
                    ? BatchBoard.Show(request, output, progress => (worker = new BatchWorker(request, ledger, device, progress)).Run(cancellationToken))
                    : (worker = new BatchWorker(request, ledger, device, null)).Run(cancellationToken);
                cancelled = worker!.Cancelled || cancellationToken.IsCancellationRequested;
            }
        }
        catch (DbException e)
        {
            return VerbSupport.Fail(error, ExitCodes.BadData, $"ledger {request.LedgerLocation}: {e.Message}");
        }

        var summary = new BatchSummary(units, BatchCounts.Of(units), request.LedgerLocation, request.Shard.ToString(), cancelled)
        {
            Fetch = request.FetchFrom is null ? null : fetched,
        };
        if (request.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
        }
        else
        {
            BatchBoard.WriteSummary(output, summary);
        }

        return cancelled ? ExitCodes.Cancelled
            : summary.Counts.Failed > 0 ? ExitCodes.UnitFailed
            : fetched.FirstOrDefault(f => f.ExitCode is not null) is { } failedFetch ? failedFetch.ExitCode!.Value
            : summary.Counts.Busy > 0 ? ExitCodes.Busy
            : ExitCodes.Ok;
    }

    private static (int, int) ParseWorker(string text)
    {
        var shard = Guard(() => BatchShard.Parse(text));
        return (shard.Index, shard.Count);
    }

    private static List<string> Split(string text, string option, Func<string, string> check)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
        {
            try
            {
                return check(item);
            }
            catch (ArgumentException e)
            {
                throw Usage($"{option}: {e.Message}");
            }
        }).ToList();
        return items.Count > 0 ? items : throw Usage($"{option} is empty: give one or more, separated by commas.");
    }

    private static string Symbol(string text) =>
        CommonOptions.NormaliseSymbol(text) ?? throw new ArgumentException($"'{text}' is not a symbol: use 2 to 20 letters or digits, such as BTCUSDT.");

    private static string Interval(string text) =>
        Core.Market.CandleInterval.TryParse(text, out var interval)
            ? interval.ToString()
            : throw new ArgumentException($"'{text}' is not an interval: use a count and a unit m, h, d or w, such as 15m, 1h, 4h or 1d.");

    private static string Model(string text) =>
        ModelCatalog.TryGet(text, out var architecture)
            ? architecture.Name
            : throw new ArgumentException($"'{text}' is not a model. Known models: {string.Join(", ", ModelCatalog.Names)}.");

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException e)
        {
            throw Usage(e.Message);
        }
    }

    private static RequestException Usage(string message) => new(FailureKind.Usage, message);
}

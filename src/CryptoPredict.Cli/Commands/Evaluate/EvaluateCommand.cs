using System.CommandLine;
using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Runtime;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>evaluate</c>: scores a bundle against the naive baselines. Without <c>--data</c> it rebuilds the training split
/// from the default candle file and scores the test part (taken by the recorded time range when the candles are not the
/// ones trained on); with <c>--data FILE</c> it scores every sample of that file with the bundle's scalers. Prints a
/// table or one JSON object, and with <c>--report</c> writes a self-contained HTML page atomically.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var run = RunOptions.ForModelVerb("evaluate");
        run.Data.Description = "Candle file whose every sample is scored (e.g. later candles the model never saw); default: the test part of DATA_DIR/SYMBOL_INTERVAL.csv.";
        var report = new Option<string?>("--report") { Description = "HTML report to write (metrics, predicted vs actual, training curves, error histogram)." };
        var walkForward = new Option<int?>("--walk-forward")
        {
            Description = "Train K expanding-window folds (each on every candle before its test block, purged) and score each block and all of them pooled.",
            HelpName = "K",
        };
        var retrainEvery = new Option<int?>("--retrain-every")
        {
            Description = "With --walk-forward: train a new model every N folds and test the folds between with the last one (default 1).",
            HelpName = "N",
        };
        var training = new TrainingOptionSet();
        var threshold = new Option<double?>("--threshold") { Description = "With --walk-forward: the fractional change a price forecast must exceed to go long or short on its fold (default 0.002)." };
        var feeBps = new Option<double?>("--fee-bps") { Description = "With --walk-forward: trading fee in basis points per unit of position changed (default 10)." };
        var longOnly = new Option<bool>("--long-only") { Description = "With --walk-forward: trade the folds long or flat, never short." };
        var importance = new Option<bool>("--importance") { Description = "Permutation importance: shuffle each feature column across the scored samples and report the skill lost (seeded by --seed)." };
        var repeats = new Option<int?>("--repeats") { Description = "With --importance: shuffles per feature column (default 5).", HelpName = "N" };
        var command = new Command("evaluate", "Score a trained model against persistence (and EWMA or majority-class) baselines, or walk forward.");
        run.AddTo(command, [report, walkForward, retrainEvery, threshold, feeBps, longOnly, importance, repeats, .. training.All]);
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new EvaluateRequest
            {
                Run = run.Read(parse),
                Report = parse.GetValue(report),
                WalkForward = parse.GetValue(walkForward),
                RetrainEvery = parse.GetValue(retrainEvery),
                Settings = training.Read(parse),
                Threshold = parse.GetValue(threshold),
                FeeBps = parse.GetValue(feeBps),
                LongOnly = parse.GetValue(longOnly),
                Importance = parse.GetValue(importance),
                Repeats = parse.GetValue(repeats),
                TrainingOptionsGiven =
                [
                    .. training.Given(parse),
                    .. new Option[] { retrainEvery, threshold, feeBps, longOnly }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name),
                ],
            };
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (request.WalkForward is not null && (request.Importance || request.Repeats is not null))
            {
                return Task.FromResult(VerbSupport.Fail(error, ExitCodes.Usage, "--importance scores a published model; it does not apply with --walk-forward K."));
            }

            if (request.WalkForward is null)
            {
                return Task.FromResult(Run(request, output, error));
            }

            // libtorch's dispose scopes and generator are per thread: every fold trains on this one.
            return Task.Factory.StartNew(
                () => WalkForwardVerb.Run(request, output, error, cancellationToken),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        });
        return command;
    }

    internal static int Run(EvaluateRequest request, TextWriter output, TextWriter error)
    {
        // --seed also seeds the shuffles of --importance.
        var trainingOnly = request.TrainingOptionsGiven.Where(o => !(request.Importance && o == "--seed")).ToArray();
        if (trainingOnly.Length > 0)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"{string.Join(", ", trainingOnly)} only apply with --walk-forward K.");
        }

        if (ImportanceProblem(request) is { } importanceProblem)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, importanceProblem);
        }

        if (request.Report is not null && ReportProblem(request.Report) is { } problem)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--report '{request.Report}': {problem}");
        }

        if (Core.Training.EnsembleNames.IsEnsembleName(request.Run.Model))
        {
            return EnsembleEvaluate.Run(request, output, error, LogNote);
        }

        if (!VerbSupport.TryArchitecture(request.Run.Model, error, out var architecture, out var code))
        {
            return code;
        }

        var interval = CandleInterval.Parse(request.Run.Interval);
        if (!BundleLookup.TryFind(request.Run.ModelsDir, request.Run.DataDir, request.Run.DataFile, request.Run.Symbol, interval, architecture.Name, error, out var bundleDirectory, out code))
        {
            return code;
        }

        // The bundle first: a model trained on resampled candles reads the same kind of file again.
        var bundle = ModelBundle.Load(bundleDirectory);
        var candleRequest = VerbSupport.CandleRequest(request.Run, interval, bundle);
        var candlePath = CandleSource.Locate(candleRequest).Path;
        if (request.Report is not null && string.Equals(Path.GetFullPath(request.Report), Path.GetFullPath(candlePath), StringComparison.Ordinal))
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--report '{request.Report}' would overwrite the candle file.");
        }

        var device = Engine.ResolveDevice(request.Run.Device);
        var candles = VerbSupport.ReadCandles(candleRequest);
        var series = candles.Series;
        try
        {
            EvaluationResult evaluation;
            PermutationImportanceResult? importance = null;
            using (var forecaster = new Forecaster(bundle, device))
            {
                evaluation = Evaluator.Evaluate(forecaster, series, request.Run.DataFile is null || request.TestPartOfData ? EvaluationPart.Test : EvaluationPart.All, LogNote);
                if (request.Importance)
                {
                    var repeats = request.Repeats ?? PermutationImportance.DefaultRepeats;
                    Log.Information("permutation importance: {Columns} columns x {Repeats} shuffles", bundle.Description.FeatureColumns.Count, repeats);
                    importance = PermutationImportance.Compute(forecaster, evaluation.Samples, repeats, request.Settings.Seed ?? PermutationImportance.DefaultSeed);
                }
            }

            if (request.Report is not null)
            {
                AtomicFile.WriteAllText(request.Report, HtmlReport.Render(EvaluationReports.Build(evaluation, candlePath) with { Importance = importance }));
                Log.Information("report written to {Path}", request.Report);
            }

            if (request.Run.Json)
            {
                var summary = EvaluateSummary.From(evaluation, candlePath, request.Report) with
                {
                    Diagnostics = DiagnosticsSummary.Of(evaluation),
                    Importance = importance is null ? null : ImportanceSummary.Of(importance),
                };
                output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
            }
            else
            {
                EvaluateTable.Write(output, evaluation, candlePath, request.Report);
                DiagnosticsTable.Write(output, evaluation, importance);
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (ForecastFailures.Handles(e))
        {
            return ForecastFailures.Fail(e, error, candles.Origin);
        }
    }

    private static void LogNote(EvaluationNote note)
    {
        if (note.IsWarning)
        {
            Log.Warning("{Message}", note.Message);
        }
        else
        {
            Log.Information("{Message}", note.Message);
        }
    }

    private static string? ImportanceProblem(EvaluateRequest request)
    {
        if (request.Repeats is { } repeats && !request.Importance)
        {
            return "--repeats only applies with --importance.";
        }

        return request.Repeats is < 1 or > 1000 ? $"--repeats {request.Repeats}: use 1 to 1000 shuffles per feature column." : null;
    }

    private static string? ReportProblem(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            return $"folder '{directory}' does not exist.";
        }

        return Directory.Exists(full) ? "is a folder." : null;
    }

}

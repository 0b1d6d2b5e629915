using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Drift;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Runtime;
using CryptoPredict.Core.Training;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>drift</c>: compares the model's inputs on the candles with the training part the bundle was fitted on
/// (<see cref="DriftCheck"/>) and exits <see cref="ExitCodes.Drifted"/> when a feature's PSI is above the threshold, so
/// that cron can say <c>drift ... || batch ... --force</c>. With <c>--retrain</c> it retrains the model itself when it
/// finds drift (<see cref="DriftRetraining"/>: the recorded settings, on the same candles) and exits 0 once a new
/// version is published; a retraining that fails keeps the current model, says why and exits 4.
/// </summary>
public static class DriftCommand
{
    public static Command Create()
    {
        var run = RunOptions.ForModelVerb("drift");
        run.Data.Description = "Candle file to check (e.g. the latest candles); default: DATA_DIR/SYMBOL_INTERVAL.csv.";
        run.Device!.Description = "Device a --retrain trains on: " + run.Device.Description;
        var threshold = new Option<double>("--psi-threshold")
        {
            Description = "PSI above which a feature has drifted (default 0.2: below 0.1 is stable, 0.1-0.2 a moderate shift).",
            DefaultValueFactory = _ => DriftCheck.DefaultPsiThreshold,
        };
        var retrain = new Option<bool>("--retrain")
        {
            Description = "When drift is found, retrain the model on these candles with its recorded settings and publish a new version (exit 0 when it is published).",
        };
        var command = new Command("drift", "Compare a model's inputs on candles with its training data (PSI, Kolmogorov-Smirnov, Jensen-Shannon); exit 4 on drift.");
        run.AddTo(command, threshold, retrain);
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new DriftRequest
            {
                Run = run.Read(parse),
                PsiThreshold = parse.GetValue(threshold),
                Retrain = parse.GetValue(retrain),
                CommandLine = string.Join(' ', ["cryptopredict", .. parse.Tokens.Select(t => t.Value)]),
            };
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;

            // A retraining uses libtorch, whose dispose scopes and generator are per thread: the verb stays on this one.
            return Task.Factory.StartNew(
                () => Run(request, output, error, cancellationToken),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        });
        return command;
    }

    internal static int Run(DriftRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!VerbSupport.TryArchitecture(request.Run.Model, error, out var architecture, out var code))
        {
            return code;
        }

        if (!(request.PsiThreshold > 0) || !double.IsFinite(request.PsiThreshold))
        {
            return VerbSupport.Fail(error, ExitCodes.Usage,
                string.Create(CultureInfo.InvariantCulture, $"--psi-threshold {request.PsiThreshold}: use a finite number above 0, such as 0.2."));
        }

        var interval = CandleInterval.Parse(request.Run.Interval);
        if (!BundleLookup.TryFind(request.Run.ModelsDir, request.Run.DataDir, request.Run.DataFile, request.Run.Symbol, interval, architecture.Name, error, out var bundleDirectory, out code)
            || !VerbSupport.TryCandlePath(request.Run.DataDir, request.Run.DataFile, request.Run.Symbol, interval, error, out var candlePath, out code))
        {
            return code;
        }

        // A device that does not exist is a usage error before anything runs, not a failed retraining after the check;
        // without --retrain libtorch is not even loaded.
        var device = request.Retrain ? Engine.ResolveDevice(request.Run.Device) : default;

        DriftReport report;
        CandleSeries series;
        ModelBundle bundle;
        try
        {
            bundle = ModelBundle.Load(bundleDirectory);
            series = VerbSupport.ReadCandles(candlePath, request.Run.Symbol, interval, request.Run.DataFile is not null, request.Run.SymbolGiven, request.Run.IntervalGiven);
            Log.Information("read {Count} candles of {Symbol} {Interval} from {Path} ({First:yyyy-MM-dd HH:mm} .. {Last:yyyy-MM-dd HH:mm} UTC)",
                series.Count, series.Symbol, series.Interval, candlePath, series.OpenTimes[0], series.OpenTimes[^1]);
            report = DriftCheck.Run(bundle, series, request.PsiThreshold, TrainingCandidates(bundle, series, request.Run, interval, candlePath));
        }
        catch (Exception e) when (ForecastFailures.Handles(e))
        {
            return ForecastFailures.Fail(e, error, candlePath);
        }

        foreach (var note in report.Notes)
        {
            Log.Warning("{Note}", note);
        }

        RetrainOutcome? retrain = null;
        if (request.Retrain)
        {
            retrain = report.Drifted
                ? Retrain(bundle, series.Count, request, run => run.Execute(series, device, new TrainProgress(), cancellationToken))
                : RetrainOutcome.NotNeeded;
        }

        if (request.Run.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(DriftSummary.Of(report, candlePath, retrain), CliJson.Options));
        }
        else
        {
            DriftTable.Write(output, report, candlePath, retrain);
        }

        return retrain?.Status switch
        {
            "retrained" => ExitCodes.Ok,
            "cancelled" => ExitCodes.Cancelled,
            _ => report.Drifted ? ExitCodes.Drifted : ExitCodes.Ok,
        };
    }

    /// <summary>
    /// Where a bundle written before drift can have its reference rebuilt from: the candles checked, and, when those
    /// are another file, the default candle file it was most likely trained on (read only then).
    /// </summary>
    private static IEnumerable<CandleSeries> TrainingCandidates(ModelBundle bundle, CandleSeries series, RunSelection run, CandleInterval interval, string candlePath)
    {
        yield return series;
        if (bundle.Description.DriftReference is not null || run.DataFile is null
            || !PreprocessCommand.TryDataDirPath(run.DataDir, run.Symbol, interval, out var defaultPath) || !File.Exists(defaultPath)
            || string.Equals(Path.GetFullPath(defaultPath), Path.GetFullPath(candlePath), StringComparison.Ordinal))
        {
            yield break;
        }

        Log.Information("the bundle stores no drift reference; looking for its training candles in {Path}", defaultPath);
        yield return VerbSupport.ReadCandles(defaultPath, run.Symbol, interval, dataGiven: false, symbolGiven: true, intervalGiven: true);
    }

    /// <summary>
    /// Trains the run again and publishes a new version. A failure that is the input's or the environment's (a lock
    /// held, too few candles, a folder that cannot be written) keeps the current bundle and is reported as the
    /// outcome; a defect of this program still goes to the one failure reporter.
    /// </summary>
    private static RetrainOutcome Retrain(ModelBundle bundle, int candles, DriftRequest request, Func<TrainingRun, TrainingRunResult> execute)
    {
        var drifted = bundle.Description;
        Log.Warning("drift found: retraining {Model} ({Symbol} {Interval}) on {Count} candles with the recorded settings (epoch budget {Epochs})",
            drifted.Architecture.Name, drifted.Symbol, drifted.Interval, candles, drifted.Training.Epochs);
        try
        {
            var result = execute(DriftRetraining.Plan(bundle, request.Run.ModelsDir, request.Run.CheckpointsDir, request.CommandLine));
            if (result.Outcome.Stop == TrainingStop.Cancelled || result.BundleVersion is null)
            {
                Log.Warning("retraining cancelled; the current model is kept");
                return RetrainOutcome.Cancelled;
            }

            return new RetrainOutcome("retrained", Path.GetFileName(result.BundleVersion), result.ModelDirectory);
        }
        catch (Exception e) when (FailureClassifier.Classify(e) is { Kind: not FailureKind.Internal } failure)
        {
            Log.Error("retraining failed, the current model is kept: {Message}", failure.Message);
            return new RetrainOutcome("failed", Failure: failure);
        }
    }
}

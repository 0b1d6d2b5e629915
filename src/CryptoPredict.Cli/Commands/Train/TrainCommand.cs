using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Training;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>train</c>: trains a model on candles, checkpointing after every epoch under checkpoints/SYMBOL_INTERVAL_MODEL/,
/// and writes the best weights as a bundle under models/SYMBOL_INTERVAL_MODEL/. <c>--resume</c> continues a run
/// exactly; Ctrl+C finishes the batch under way, writes a checkpoint and exits 130; a run another process holds
/// exits 75. The use case is <see cref="TrainingRun"/>; this verb parses, renders and maps failures to exit codes.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var run = RunOptions.ForModelVerb("train");
        var features = new Option<string?>("--features") { Description = "Feature set or list (default: the model's own set)." };
        var window = new Option<int?>("--window") { Description = "Candles per input window (default: the model's)." };
        var horizon = new Option<int?>("--horizon") { Description = "Candles ahead to forecast (default: the model's)." };
        var epochs = new Option<int?>("--epochs") { Description = "Maximum epochs (default 100; on --resume, the checkpoint's)." };
        var additionalEpochs = new Option<int?>("--additional-epochs")
        {
            Description = "With --resume: train N epochs beyond those the checkpoint finished (an early-stopped run is re-armed); with --epochs, both must agree.",
            HelpName = "N",
        };
        var batchSize = new Option<int?>("--batch-size") { Description = "Samples per batch (default 32)." };
        var lr = new Option<double?>("--lr") { Description = "Adam learning rate (default 0.001)." };
        var seed = new Option<long?>("--seed") { Description = "Seed of weights, dropout and shuffling (default 42)." };
        var patience = new Option<int?>("--patience") { Description = "Early-stopping patience in epochs (default 15)." };
        var clipNorm = new Option<double?>("--clip-norm") { Description = "Gradient norm clip, 0 to disable (default 1.0)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in the checkpoint folder exactly where it stopped." };
        var force = new Option<bool>("--force") { Description = "With --resume: continue even though the candles differ from the checkpoint's." };
        var ensemble = new Option<int?>("--ensemble") { Description = "Train N members of --model (seeds seed, seed+1, ...) as one ensemble bundle MODEL-xN.", HelpName = "N" };
        var models = new Option<string?>("--models") { Description = "Train one member per model of one kind (e.g. lstm,cnn-lstm-attn) as one ensemble bundle ensemble-A-B.", HelpName = "A,B" };
        var quantiles = new Option<string?>("--quantiles")
        {
            Description = "Add quantile heads trained with the pinball loss, e.g. 0.1,0.5,0.9 (lstm, cnn-lstm-attn, lstm-attn-vol).",
            HelpName = "Q1,Q2",
        };
        var horizons = new Option<string?>("--horizons")
        {
            Description = "One close head per horizon in candles, e.g. 1,6,24 (lstm, cnn-lstm-attn; not with --horizon).",
            HelpName = "H1,H2",
        };
        var command = new Command("train", "Train a model on candles (default: bilstm-ohlc on the bundled BTCUSDT 1h data).");
        run.AddTo(command, features, window, horizon, quantiles, horizons, epochs, additionalEpochs, batchSize, lr, seed, patience, clipNorm, resume, force, ensemble, models);
        command.SetAction((parse, cancellationToken) =>
        {
            var headsText = (Quantiles: parse.GetValue(quantiles), Horizons: parse.GetValue(horizons));
            var request = new TrainRequest
            {
                QuantilesText = headsText.Quantiles,
                HorizonsText = headsText.Horizons,
                Run = run.Read(parse),
                Settings = new TrainingOverrides
                {
                    Features = parse.GetValue(features),
                    Window = parse.GetValue(window),
                    Horizon = parse.GetValue(horizon),
                    Epochs = parse.GetValue(epochs),
                    AdditionalEpochs = parse.GetValue(additionalEpochs),
                    BatchSize = parse.GetValue(batchSize),
                    LearningRate = parse.GetValue(lr),
                    Seed = parse.GetValue(seed),
                    Patience = parse.GetValue(patience),
                    ClipNorm = parse.GetValue(clipNorm),
                },
                Resume = parse.GetValue(resume),
                Force = parse.GetValue(force),
                Ensemble = parse.GetValue(ensemble),
                Models = parse.GetValue(models),
                CommandLine = string.Join(' ', ["cryptopredict", .. parse.Tokens.Select(t => t.Value)]),
            };
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;

            // libtorch's dispose scopes and generator are per thread: the whole run stays on this one.
            return Task.Factory.StartNew(
                () => TrainHeadOptions.Problem(request) is { } problem
                    ? VerbSupport.Fail(error, ExitCodes.Usage, problem)
                    : request.Ensemble is null && request.Models is null
                    ? Run(request with { Settings = TrainHeadOptions.Apply(request) }, output, error, cancellationToken)
                    : EnsembleTrain.Run(request, output, error, cancellationToken),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        });
        return command;
    }

    internal static int Run(TrainRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!VerbSupport.TryArchitecture(request.Run.Model, error, out var architecture, out var code))
        {
            return code;
        }

        var interval = CandleInterval.Parse(request.Run.Interval);
        TrainingRun run;
        try
        {
            run = new TrainingRun(request.ToRunRequest(architecture.Name, interval.ToString()));
        }
        catch (ArgumentException e)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, Core.Runtime.Engine.WithoutParameterName(e));
        }
        catch (FormatException e)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, "--features: " + e.Message);
        }

        var device = Core.Runtime.Engine.ResolveDevice(request.Run.Device);

        var candles = VerbSupport.ReadCandles(VerbSupport.CandleRequest(request.Run, interval));
        try
        {
            var progress = new TrainProgress();
            TrainingRunResult result;
            if (!request.Run.Json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            {
                result = CliConsole.Create(output).Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        progress.Attach(context.AddTask("training"));
                        return run.Execute(candles, device, progress, cancellationToken);
                    });
            }
            else
            {
                result = run.Execute(candles, device, progress, cancellationToken);
            }

            WriteSummary(output, request.Run.Json, device.ToString(), candles, result);
            return result.Outcome.Stop == TrainingStop.Cancelled ? ExitCodes.Cancelled : ExitCodes.Ok;
        }
        catch (Exception e) when (e is TrainingDataException or KeyNotFoundException)
        {
            // Too few candles for the split, a feature asking for a column the file lacks: said of the candle file.
            return VerbSupport.Fail(error, ExitCodes.BadData, $"{candles.Origin}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not FileNotFoundException)
        {
            // Writing checkpoints or the bundle failed (disk full, permissions): the run's artifacts are the problem.
            return VerbSupport.Fail(error, ExitCodes.ModelProblem, e.Message);
        }
    }

    private static void WriteSummary(TextWriter output, bool json, string device, CandleSourceResult candles, TrainingRunResult result)
    {
        var (configuration, data, outcome) = (result.Configuration, result.Data, result.Outcome);
        var state = outcome.State;
        var stop = outcome.Stop switch
        {
            TrainingStop.EarlyStopped => "early_stopped",
            TrainingStop.Cancelled => "cancelled",
            _ => "epochs_done",
        };
        if (json)
        {
            var summary = new TrainSummary(
                configuration.Symbol,
                configuration.Interval,
                configuration.Model,
                device,
                stop,
                state.History.Count,
                outcome.EpochsRunNow,
                state.BestEpoch,
                double.IsFinite(state.BestValidationLoss) ? state.BestValidationLoss : null,
                state.History.Select(h => h.ValidationLoss).ToArray(),
                state.History.Select(h => h.TrainLoss).ToArray(),
                Math.Round(outcome.SamplesPerSecond, 1),
                data.Split.Train.Count,
                data.Split.Validation.Count,
                data.Split.Test.Count,
                result.CheckpointPath,
                result.ModelDirectory,
                result.BundleVersion,
                new TrainSource(candles.Path, candles.SourceInterval.ToString(), candles.SourceCandles, candles.IsResampled, candles.PartialBucketsDropped),
                result.TestMetrics);
            output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
            return;
        }

        var console = CliConsole.Create(output);
        var table = new Table().AddColumn("train").AddColumn("");
        table.AddRow("model", $"{configuration.Model} ({configuration.Symbol} {configuration.Interval}) on {device}");
        table.AddRow("stopped", stop.Replace('_', ' '));
        table.AddRow("epochs", $"{state.History.Count} ({outcome.EpochsRunNow} in this run)");
        if (state.BestEpoch > 0)
        {
            table.AddRow("best epoch", FormattableString.Invariant($"{state.BestEpoch}, val_loss {state.BestValidationLoss:0.000000}"));
        }

        table.AddRow("candles", Markup.Escape(CandlesText(candles)));
        table.AddRow("samples", $"train {data.Split.Train.Count}, validation {data.Split.Validation.Count}, test {data.Split.Test.Count}");
        table.AddRow("speed", FormattableString.Invariant($"{outcome.SamplesPerSecond:0} samples/s"));
        table.AddRow("checkpoint", Markup.Escape(result.CheckpointPath ?? "(none)"));
        table.AddRow("model dir", Markup.Escape(result.ModelDirectory ?? "(not written: training was cancelled; continue with --resume)"));
        if (result.BundleVersion is not null)
        {
            table.AddRow("version", Markup.Escape(Path.GetFileName(result.BundleVersion)));
        }

        foreach (var target in result.TestMetrics?.Targets ?? [])
        {
            table.AddRow(Markup.Escape("test " + target.Name), Markup.Escape(TestMetricsText.Of(target)));
        }

        console.Write(table);
    }

    private static string CandlesText(CandleSourceResult candles) =>
        candles.IsResampled
            ? string.Create(CultureInfo.InvariantCulture,
                $"{candles.Series.Count:N0} {candles.Series.Interval} resampled from {candles.SourceCandles:N0} {candles.SourceInterval} in {candles.Path} ({candles.PartialBucketsDropped} partial buckets dropped)")
            : string.Create(CultureInfo.InvariantCulture, $"{candles.Series.Count:N0} {candles.Series.Interval} from {candles.Path}");
}

internal sealed record TrainSummary(
    string Symbol,
    string Interval,
    string Model,
    string Device,
    string Stop,
    int EpochsRun,
    int EpochsRunNow,
    int BestEpoch,
    double? BestValLoss,
    IReadOnlyList<double> ValLoss,
    IReadOnlyList<double> TrainLoss,
    double SamplesPerSecond,
    int TrainSamples,
    int ValidationSamples,
    int TestSamples,
    string? Checkpoint,
    string? ModelDir,
    string? ModelVersion,
    TrainSource Source,
    Core.Artifacts.TestMetrics? TestMetrics);

/// <summary>The candle file trained from; <c>resampled</c> when its interval is finer than the run's.</summary>
internal sealed record TrainSource(string File, string Interval, int Candles, bool Resampled, int PartialBucketsDropped);

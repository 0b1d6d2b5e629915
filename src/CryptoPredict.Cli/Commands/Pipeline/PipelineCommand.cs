using System.CommandLine;
using System.Text.Json;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>pipeline</c>: preprocess (the candles' quality and the model's features), train, evaluate the test part against
/// the baselines, and with <c>--backtest</c> trade the test part, in one call and one process, each step through its
/// verb's own code with the same symbol, interval, model, candles and folders; one summary (a table, or one JSON
/// object with a section per step). The first step that fails stops the pipeline with that step's exit code and a
/// message naming it; the steps before it keep what they wrote (the trained bundle stays published).
/// </summary>
public static class PipelineCommand
{
    public static Command Create()
    {
        var run = RunOptions.ForModelVerb("pipeline");
        run.Data.Description = "Candle file to train on instead of DATA_DIR/SYMBOL_INTERVAL.csv; evaluate and backtest use its test part.";
        var training = new TrainingOptionSet();
        var backtest = new Option<bool>("--backtest") { Description = "Also trade the test part (backtest's defaults: threshold 0.002, fee 10 bps) and report it beside buy-and-hold." };
        var command = new Command("pipeline", "Preprocess, train, evaluate (and backtest) one model in one call, with one summary.");
        run.AddTo(command, [.. training.All, backtest]);
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new PipelineRequest
            {
                Run = run.Read(parse),
                Settings = training.Read(parse),
                Backtest = parse.GetValue(backtest),
                CommandLine = string.Join(' ', ["cryptopredict", .. parse.Tokens.Select(t => t.Value)]),
            };
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);

            // libtorch's dispose scopes and generator are per thread: every step runs on this one.
            return Task.Factory.StartNew(
                () => Run(request, output, error, cancellationToken),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        });
        return command;
    }

    internal static int Run(PipelineRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!VerbSupport.TryArchitecture(request.Run.Model, error, out var architecture, out var code))
        {
            return code;
        }

        var interval = CandleInterval.Parse(request.Run.Interval);
        var steps = request.Backtest ? new[] { "preprocess", "train", "evaluate", "backtest" } : ["preprocess", "train", "evaluate"];
        var quiet = request.Run with { Json = true };
        var preprocess = PipelineStep.Run(steps[0], 1, steps.Length, captured => PreprocessCommand.Run(
            new PreprocessRequest(quiet, request.Settings.Features ?? architecture.DefaultFeatures, null, null, null, CandleFileFormat.Auto, FillGaps: false),
            captured,
            error));
        var train = PipelineStep.Run(steps[1], 2, steps.Length, captured => TrainCommand.Run(
            new TrainRequest { Run = quiet, Settings = request.Settings, CommandLine = request.CommandLine },
            captured,
            error,
            cancellationToken));
        var evaluate = PipelineStep.Run(steps[2], 3, steps.Length, captured => EvaluateCommand.Run(
            new EvaluateRequest { Run = quiet, TestPartOfData = true },
            captured,
            error));
        JsonElement? backtest = request.Backtest
            ? PipelineStep.Run(steps[3], 4, steps.Length, captured => BacktestCommand.Run(new BacktestRequest { Run = quiet, TestPartOfData = true }, captured, error))
            : null;

        var summary = new PipelineSummary(request.Run.Symbol, interval.ToString(), architecture.Name, steps, preprocess, train, evaluate, backtest);
        if (request.Run.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
        }
        else
        {
            PipelineTable.Write(output, summary);
        }

        return ExitCodes.Ok;
    }
}

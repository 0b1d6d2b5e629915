using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Training;
using Serilog;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>evaluate --walk-forward K [--retrain-every N]</c>: the Core use case <see cref="WalkForwardEvaluation"/> on the
/// candle file, its folds under <c>CHECKPOINTS/walk-forward/</c>; a per-fold table and the pooled one, or one JSON object.
/// Running the same command again reuses the finished folds and continues the one a kill or Ctrl+C stopped.
/// </summary>
internal static class WalkForwardVerb
{
    public static int Run(EvaluateRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!VerbSupport.TryArchitecture(request.Run.Model, error, out var architecture, out var code))
        {
            return code;
        }

        if (request.Report is not null)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, "--report is not available with --walk-forward; use --json for the folds' scores.");
        }

        if (request.WalkForward is not { } folds || folds < 2 || folds > WalkForwardPlan.MaxFolds)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--walk-forward takes 2 to {WalkForwardPlan.MaxFolds} folds (got {request.WalkForward}).");
        }

        if (request.Threshold is { } threshold && !(threshold >= 0 && double.IsFinite(threshold)))
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--threshold must be a finite fraction >= 0, such as 0.002 (got {threshold}).");
        }

        if (request.FeeBps is { } fee && !(fee >= 0 && double.IsFinite(fee)))
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--fee-bps must be a finite number of basis points >= 0 (got {fee}).");
        }

        var trading = new WalkForwardTrading
        {
            Threshold = request.Threshold ?? Core.Prediction.Predictor.DefaultThreshold,
            LongOnly = request.LongOnly,
            Costs = new Core.Backtesting.TradingCosts(request.FeeBps ?? Core.Backtesting.TradingCosts.DefaultFeeBps, 0),
        };
        var interval = CandleInterval.Parse(request.Run.Interval);
        WalkForwardEvaluation evaluation;
        try
        {
            evaluation = new WalkForwardEvaluation(new WalkForwardRequest
            {
                Symbol = request.Run.Symbol,
                Interval = interval.ToString(),
                Model = architecture.Name,
                Settings = request.Settings,
                Folds = request.WalkForward ?? 0,
                RetrainEvery = request.RetrainEvery ?? 1,
                CheckpointsRoot = request.Run.CheckpointsDir,
                Command = "evaluate --walk-forward",
                Trading = trading,
            });
        }
        catch (ArgumentException e)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, Core.Runtime.Engine.WithoutParameterName(e));
        }
        catch (FormatException e)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, "--features: " + e.Message);
        }

        if (!VerbSupport.TryCandlePath(request.Run.DataDir, request.Run.DataFile, request.Run.Symbol, interval, error, out var candlePath, out code))
        {
            return code;
        }

        var device = Core.Runtime.Engine.ResolveDevice(request.Run.Device);
        try
        {
            var series = VerbSupport.ReadCandles(candlePath, request.Run.Symbol, interval, request.Run.DataFile is not null, request.Run.SymbolGiven, request.Run.IntervalGiven);
            Log.Information("walk-forward of {Model} over {Count} candles of {Symbol} {Interval} from {Path}: {Folds} folds under {Directory}",
                architecture.Name, series.Count, series.Symbol, series.Interval, candlePath, folds, evaluation.Directory);
            var progress = new TrainProgress();
            WalkForwardResult result;
            if (!request.Run.Json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            {
                result = CliConsole.Create(output).Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
                    .Start(context =>
                    {
                        progress.Attach(context.AddTask("walk-forward"));
                        return evaluation.Execute(series, device, progress, cancellationToken);
                    });
            }
            else
            {
                result = evaluation.Execute(series, device, progress, cancellationToken);
            }

            var retrainEvery = request.RetrainEvery ?? 1;
            if (request.Run.Json)
            {
                output.WriteLine(JsonSerializer.Serialize(WalkForwardSummary.From(result, candlePath, retrainEvery), CliJson.Options));
            }
            else
            {
                WriteTable(output, result, candlePath, retrainEvery);
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is TrainingDataException)
        {
            return VerbSupport.Fail(error, ExitCodes.BadData, $"{candlePath}: {e.Message}");
        }
        catch (Exception e) when (ForecastFailures.Handles(e))
        {
            return ForecastFailures.Fail(e, error, candlePath);
        }
    }

    private static void WriteTable(TextWriter output, WalkForwardResult result, string candlePath, int retrainEvery)
    {
        var console = CliConsole.Create(output);
        var configuration = result.Configuration;
        var header = new Table().AddColumn("walk-forward").AddColumn("");
        header.AddRow("model", Markup.Escape($"{configuration.Model} ({configuration.Symbol} {configuration.Interval}) on {result.Device}"));
        header.AddRow("data", Markup.Escape(candlePath));
        header.AddRow("folds", Invariant($"{result.Folds.Count} expanding-window folds, a new model every {retrainEvery}; {result.TestSamples} test samples in all"));
        header.AddRow("settings", Markup.Escape(Invariant($"window {configuration.Window}, horizon {configuration.Horizon}, features {configuration.Features}, up to {configuration.Epochs} epochs")));
        console.Write(header);

        var folds = new Table().Title("folds (forecast times, UTC)")
            .AddColumn("fold").AddColumn("model of").AddColumn("trained up to").AddColumn("tested on").AddColumn("samples");
        foreach (var fold in result.Folds)
        {
            folds.AddRow(Text(fold.Fold.Number), FoldModel(fold), Time(fold.TrainTo), Invariant($"{Time(fold.Evaluation.Samples.From)} .. {Time(fold.Evaluation.Samples.To)}"), Text(fold.Evaluation.Samples.Count));
        }

        console.Write(folds);
        WriteTrading(console, result);
        if (result.PooledClassification is { } pooledClassification)
        {
            var table = new Table().Title(Markup.Escape(pooledClassification.Target))
                .AddColumn("fold").AddColumn("accuracy").AddColumn("majority acc.").AddColumn("last regime acc.").AddColumn("strongest").AddColumn("log loss").AddColumn("macro AUC");
            foreach (var fold in result.Folds)
            {
                table.AddRow([Text(fold.Fold.Number), .. Scores(fold.Evaluation.Classification!)]);
            }

            table.AddRow(["pooled", .. Scores(pooledClassification)]);
            console.Write(table);
            return;
        }

        for (var j = 0; j < result.Pooled.Count; j++)
        {
            var pooled = result.Pooled[j];
            var table = new Table().Title(Markup.Escape(pooled.Target + " MAE (a ratio below 1 beats the baseline)"))
                .AddColumn("fold").AddColumn("model").AddColumn("persistence").AddColumn("ratio");
            if (pooled.Baselines.Count > 1)
            {
                table.AddColumn("strongest").AddColumn("its MAE").AddColumn("ratio");
            }

            table.AddColumn(double.IsFinite(pooled.Model.HitRate) ? "hit rate" : "dir. acc.");
            foreach (var fold in result.Folds)
            {
                table.AddRow([Text(fold.Fold.Number), .. Scores(fold.Evaluation.Regression[j].Comparison)]);
            }

            table.AddRow(["pooled", .. Scores(pooled)]);
            console.Write(table);
        }
    }

    private static void WriteTrading(IAnsiConsole console, WalkForwardResult result)
    {
        var rule = result.Folds[0].Trading;
        var table = new Table().Title(Markup.Escape($"trading the folds: {rule.Rule.Description}, {rule.Costs.FeeBps.ToString(CultureInfo.InvariantCulture)} bps fee"))
            .AddColumn("fold").AddColumn("return").AddColumn("Sharpe").AddColumn("max DD").AddColumn("trades").AddColumn("p-value")
            .AddColumn("buy & hold").AddColumn("B&H Sharpe");
        foreach (var fold in result.Folds)
        {
            var (strategy, hold) = (fold.Trading.Strategy.Metrics, fold.Trading.BuyAndHold.Metrics);
            table.AddRow(Text(fold.Fold.Number), Percent(strategy.TotalReturn), Number(strategy.Sharpe), Percent(strategy.MaxDrawdown), Text(strategy.Trades),
                Number(fold.Trading.PValue), Percent(hold.TotalReturn), Number(hold.Sharpe));
        }

        var pooled = result.PooledTrading;
        table.AddRow("pooled", Percent(pooled.Strategy.Metrics.TotalReturn), Number(pooled.Strategy.Metrics.Sharpe), Percent(pooled.Strategy.Metrics.MaxDrawdown),
            Text(pooled.Strategy.Metrics.Trades), "", Percent(pooled.BuyAndHold.Metrics.TotalReturn), Number(pooled.BuyAndHold.Metrics.Sharpe));
        console.Write(table);
    }

    private static string Percent(double value) => double.IsFinite(value) ? (value * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string[] Scores(RegressionComparison comparison)
    {
        var model = comparison.Model.Mae;
        var cells = new List<string> { Number(model), Number(comparison.Persistence.Mae), Ratio(model / comparison.Persistence.Mae) };
        if (comparison.Baselines.Count > 1)
        {
            // The strongest baseline (chosen on the fold's validation part), which may be persistence itself.
            var strongest = comparison.Strongest;
            cells.Add(Markup.Escape(strongest.Name));
            cells.Add(Number(strongest.Metrics.Mae));
            cells.Add(Ratio(comparison.MaeRatio));
        }

        cells.Add(Number(double.IsFinite(comparison.Model.HitRate) ? comparison.Model.HitRate : comparison.Model.DirectionalAccuracy));
        return [.. cells];
    }

    private static string[] Scores(ClassificationSection section) =>
    [
        Number(section.Model.Accuracy),
        Number(section.Baseline?.Accuracy ?? double.NaN),
        Number(section.LastRegime?.Accuracy ?? double.NaN),
        Markup.Escape(section.Strongest?.Name ?? "n/a"),
        Number(section.Model.LogLoss),
        Number(section.Model.Auc),
    ];

    private static string FoldModel(WalkForwardFoldResult fold) => Text(fold.TrainedBy) + (fold.Reused ? " (reused)" : "");

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Number(double value) =>
        !double.IsFinite(value) ? "n/a"
        : Math.Abs(value) >= 1000 ? value.ToString("#,0.0", CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Four decimals: a ratio of 0.99996 is not "1".</summary>
    private static string Ratio(double value) => double.IsFinite(value) ? value.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CryptoPredict.Cli.Failures;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Runtime;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>backtest</c>: trades a bundle's forecasts on candles it never trained on (the test part of the training candles,
/// or every candle of <c>--data FILE</c>) after costs, beside buy-and-hold and always-flat, with the p-value of its
/// Sharpe against random-sign strategies. <c>--sweep</c> chooses the threshold on the validation part of the training
/// candles first. Prints a table or one JSON object; <c>--equity</c> and <c>--report</c> are written atomically.
/// Every option is checked, and every output path probed, before libtorch is touched.
/// </summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var run = RunOptions.ForModelVerb("backtest");
        run.Data.Description = "Candle file whose every candle after the first window is traded (e.g. later candles the model never saw); default: the test part of DATA_DIR/SYMBOL_INTERVAL.csv.";
        var threshold = new Option<double?>("--threshold") { Description = "Price models: forecast change of the close beyond which the position is long (above +X) or short (below -X); default 0.002." };
        var fee = new Option<double>("--fee-bps") { Description = "Fee per unit of position changed, in basis points (10 = 0.1%, a Binance taker fee).", DefaultValueFactory = _ => TradingCosts.DefaultFeeBps };
        var slippage = new Option<double>("--slippage-bps") { Description = "Slippage assumed on top of the fee, in basis points (default 0)." };
        var longOnly = new Option<bool>("--long-only") { Description = "Never short: a short signal is flat." };
        var volTarget = new Option<double?>("--vol-target") { Description = "Volatility model: annual volatility the long position is sized to, capped at 1 (default 0.5 = 50%)." };
        var sweep = new Option<string?>("--sweep") { Description = "Price models: thresholds START:END:COUNT (e.g. 0.0005:0.005:10) tried on the validation part; the best Sharpe there is run on the test part.", HelpName = "start:end:count" };
        var equity = new Option<string?>("--equity") { Description = "CSV to write: timestamp,position,price,return,equity per candle, after the starting point." };
        var report = new Option<string?>("--report") { Description = "HTML report to write (equity, drawdown, positions over price, metrics)." };
        var command = new Command("backtest", "Trade a trained model's signals after costs, against buy-and-hold and always-flat.");
        run.AddTo(command, threshold, fee, slippage, longOnly, volTarget, sweep, equity, report);
        command.SetAction(parse =>
        {
            var request = new BacktestRequest
            {
                Run = run.Read(parse),
                Threshold = parse.GetValue(threshold),
                FeeBps = parse.GetValue(fee),
                SlippageBps = parse.GetValue(slippage),
                LongOnly = parse.GetValue(longOnly),
                VolTarget = parse.GetValue(volTarget),
                Sweep = parse.GetValue(sweep),
                Equity = parse.GetValue(equity),
                Report = parse.GetValue(report),
            };
            return Run(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    internal static int Run(BacktestRequest request, TextWriter output, TextWriter error)
    {
        if (!VerbSupport.TryArchitecture(request.Run.Model, error, out var architecture, out var code))
        {
            return code;
        }

        var sweep = CheckSettings(request, architecture);
        var interval = CandleInterval.Parse(request.Run.Interval);
        if (!BundleLookup.TryFind(request.Run.ModelsDir, request.Run.DataDir, request.Run.DataFile, request.Run.Symbol, interval, architecture.Name, error, out var bundleDirectory, out code)
            || !VerbSupport.TryCandlePath(request.Run.DataDir, request.Run.DataFile, request.Run.Symbol, interval, error, out var candlePath, out code))
        {
            return code;
        }

        // The sweep chooses on the validation part of the training candles, whichever candles are traded.
        var validationPath = candlePath;
        if (sweep is not null && request.Run.DataFile is not null
            && !VerbSupport.TryCandlePath(request.Run.DataDir, null, request.Run.Symbol, interval, error, out validationPath, out code))
        {
            return code;
        }

        CheckOutputs(request, candlePath, validationPath);
        var device = Engine.ResolveDevice(request.Run.Device);
        var bundle = ModelBundle.Load(bundleDirectory);
        var costs = new TradingCosts(request.FeeBps, request.SlippageBps);
        var part = request.Run.DataFile is null || request.TestPartOfData ? BacktestPart.Test : BacktestPart.All;
        var series = Read(request, candlePath, interval);
        ModelForecasts forecasts;
        SweepChoice? choice = null;
        using (var forecaster = new Forecaster(bundle, device))
        {
            forecasts = Forecasts(forecaster, series, candlePath, part, error);
            if (sweep is not null)
            {
                var trainingCandles = validationPath == candlePath ? series : Read(request with { Run = request.Run with { DataFile = null } }, validationPath, interval);
                var validation = Forecasts(forecaster, trainingCandles, validationPath, BacktestPart.Validation, error);
                choice = sweep.Choose(validation, request.LongOnly, costs);
                Log.Information("the sweep chose threshold {Threshold} by Sharpe on {Candles} validation candles ({Sharpe} there)",
                    choice.Chosen.Threshold, choice.Candles, Invariant($"{choice.Chosen.Metrics.Sharpe:0.###}"));
                if (ReferenceEquals(choice.Chosen, choice.Candidates[^1]) && double.IsFinite(choice.Chosen.Metrics.Sharpe))
                {
                    Log.Warning("the chosen threshold is the largest the sweep tried: a larger one may do better on the validation part; widen --sweep");
                }
            }
        }

        var rule = Rule(architecture.Kind, request, choice, forecasts.PeriodsPerYear);
        var result = Backtest.Run(forecasts, rule, costs);
        var settings = BacktestSettings.From(request, bundle.Description, candlePath, part, result, choice, validationPath);
        if (request.Equity is not null)
        {
            Write(request.Equity, "--equity", EquityCsv.Format(forecasts, result.Strategy.Curve));
            Log.Information("equity curve written to {Path}", request.Equity);
        }

        if (request.Report is not null)
        {
            Write(request.Report, "--report", BacktestHtmlReport.Render(BacktestReports.Build(result, settings, choice)));
            Log.Information("report written to {Path}", request.Report);
        }

        if (request.Run.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(BacktestSummary.From(result, settings, request.Equity, request.Report), CliJson.Options));
        }
        else
        {
            BacktestTable.Write(output, result, settings, choice, request.Equity, request.Report);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The options that do not depend on files: numbers in range, and only the options the model's kind reads.</summary>
    private static ThresholdSweep? CheckSettings(BacktestRequest request, ModelArchitecture architecture)
    {
        string? problem =
            request.Threshold is { } t && (!(t >= 0) || !double.IsFinite(t)) ? Invariant($"--threshold {t}: use a finite fraction >= 0, such as 0.002 for 0.2%.")
            : !(request.FeeBps >= 0 && request.FeeBps < 10_000) ? Invariant($"--fee-bps {request.FeeBps}: use basis points from 0 to below 10000, such as 10 for 0.1%.")
            : !(request.SlippageBps >= 0 && request.SlippageBps < 10_000) ? Invariant($"--slippage-bps {request.SlippageBps}: use basis points from 0 to below 10000, such as 5.")
            : request.VolTarget is { } v && (!(v > 0) || !double.IsFinite(v)) ? Invariant($"--vol-target {v}: use a finite annual volatility above 0, such as 0.5 for 50%.")
            : request.Threshold is not null && request.Sweep is not null ? "--threshold and --sweep exclude each other: the sweep chooses the threshold."
            : null;
        problem ??= architecture.Kind switch
        {
            ForecastKind.Close or ForecastKind.Ohlc when request.VolTarget is not null =>
                $"--vol-target sizes the volatility model's position (lstm-attn-vol); {architecture.Name} forecasts prices and trades by --threshold.",
            ForecastKind.Regime when request.Threshold is not null || request.Sweep is not null || request.VolTarget is not null =>
                $"{architecture.Name} trades its most likely regime (long bullish, short bearish, flat neutral); --threshold, --sweep and --vol-target do not apply.",
            ForecastKind.Volatility when request.Threshold is not null || request.Sweep is not null =>
                $"{architecture.Name} forecasts volatility, which has no direction: it holds a long position sized by --vol-target; --threshold and --sweep do not apply.",
            _ => null,
        };
        if (problem is not null)
        {
            throw Usage(problem);
        }

        if (request.Sweep is null)
        {
            return null;
        }

        try
        {
            return ThresholdSweep.Parse(request.Sweep);
        }
        catch (FormatException e)
        {
            throw Usage("--sweep " + e.Message);
        }
    }

    private static void CheckOutputs(BacktestRequest request, string candlePath, string validationPath)
    {
        var inputs = new[] { candlePath, validationPath }.Select(Path.GetFullPath).ToArray();
        foreach (var (path, name) in new[] { (request.Equity, "--equity"), (request.Report, "--report") })
        {
            if (path is null)
            {
                continue;
            }

            if (OutputFiles.Problem(path) is { } problem)
            {
                throw Usage($"{name} '{path}': {problem}.");
            }

            if (inputs.Contains(Path.GetFullPath(path), StringComparer.Ordinal))
            {
                throw Usage($"{name} '{path}' would overwrite the candle file.");
            }
        }

        if (request.Equity is not null && request.Report is not null
            && string.Equals(Path.GetFullPath(request.Equity), Path.GetFullPath(request.Report), StringComparison.Ordinal))
        {
            throw Usage($"--equity and --report are the same file '{request.Equity}'.");
        }
    }

    private static CandleSeries Read(BacktestRequest request, string path, CandleInterval interval)
    {
        var series = VerbSupport.ReadCandles(path, request.Run.Symbol, interval, request.Run.DataFile is not null, request.Run.SymbolGiven, request.Run.IntervalGiven);
        Log.Information("read {Count} candles of {Symbol} {Interval} from {Path} ({First:yyyy-MM-dd HH:mm} .. {Last:yyyy-MM-dd HH:mm} UTC)",
            series.Count, series.Symbol, series.Interval, path, series.OpenTimes[0], series.OpenTimes[^1]);
        return series;
    }

    /// <summary>What the model said before each traded candle of <paramref name="series"/>; data failures name <paramref name="path"/>.</summary>
    private static ModelForecasts Forecasts(Forecaster forecaster, CandleSeries series, string path, BacktestPart part, TextWriter error)
    {
        ModelForecasts forecasts;
        try
        {
            forecasts = BacktestForecasts.Compute(forecaster, series, part, LogNote);
        }
        catch (Exception e) when (ForecastFailures.Handles(e))
        {
            ForecastFailures.Fail(e, error, path);
            throw;
        }

        Log.Information("{Model} forecast {Count} candles ({Part}) on {Device}", forecaster.Bundle.Architecture.Name, forecasts.Count, part.Name, forecaster.Device);
        if (ForecastDecoding.IsPrice(forecasts.Kind) && forecasts.Values.Where(double.IsFinite).Order().ToArray() is { Length: > 0 } changes)
        {
            // A weak model's forecasts hug zero: seeing their spread explains a threshold that never trades.
            Log.Information("forecast change of the close ({Part}): {Min} .. {Max}, median {Median}",
                part.Name, Invariant($"{changes[0]:+0.####%;-0.####%}"), Invariant($"{changes[^1]:+0.####%;-0.####%}"), Invariant($"{changes[changes.Length / 2]:+0.####%;-0.####%;0%}"));
        }

        return forecasts;
    }

    private static PositionRule Rule(ForecastKind kind, BacktestRequest request, SweepChoice? choice, double periodsPerYear) => kind switch
    {
        ForecastKind.Regime => new RegimeRule(request.LongOnly),
        ForecastKind.Volatility => new VolatilityTargetRule(request.VolTarget ?? VolatilityTargetRule.DefaultAnnualTarget, periodsPerYear),
        _ => new ThresholdRule(choice?.Chosen.Threshold ?? request.Threshold ?? Predictor.DefaultThreshold, request.LongOnly),
    };

    private static void Write(string path, string option, string text)
    {
        try
        {
            AtomicFile.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Usage($"{option} '{path}': cannot write it ({e.Message}).");
        }
    }

    /// <summary>A usage failure, reported once by CliApplication like every <see cref="VerbSupport.Fail"/>.</summary>
    private static CommandFailureException Usage(string message) => new(ExitCodes.Usage, message);

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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Runtime;
using Serilog;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>predict</c>: loads the bundle models/SYMBOL_INTERVAL_MODEL, runs it on the latest window of the candles and
/// prints the forecast with a BUY / SELL / HOLD signal. Everything the user typed is checked before libtorch is
/// touched, and only the one window the forecast needs goes through the network, so a cold start stays short.
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var run = RunOptions.ForModelVerb("predict");
        var threshold = new Option<double>("--threshold")
        {
            Description = "Fractional change of the close beyond which a price forecast is BUY or SELL (default 0.002 = 0.2%).",
            DefaultValueFactory = _ => Predictor.DefaultThreshold,
        };
        var engine = InferenceEngineOption.Create();
        var command = new Command("predict", "Forecast from the latest candles with a trained model, with a BUY/SELL/HOLD signal.");
        run.AddTo(command, threshold, engine);
        command.SetAction(parse =>
        {
            var request = new PredictRequest
            {
                Run = run.Read(parse),
                Threshold = parse.GetValue(threshold),
                Engine = parse.GetValue(engine)!,
            };
            return Run(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    internal static int Run(PredictRequest request, TextWriter output, TextWriter error)
    {
        if (!(request.Threshold >= 0) || !double.IsFinite(request.Threshold))
        {
            return VerbSupport.Fail(error, ExitCodes.Usage,
                string.Create(CultureInfo.InvariantCulture, $"--threshold {request.Threshold}: use a finite fraction >= 0, such as 0.002 for 0.2%."));
        }

        if (InferenceEngineOption.IsOnnx(request.Engine) is not { } onnx)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, InferenceEngineOption.Problem(request.Engine));
        }

        if (Core.Training.EnsembleNames.IsEnsembleName(request.Run.Model))
        {
            return EnsemblePredict.Run(request, onnx, output, error);
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
        var (createEngine, _) = InferenceEngineOption.Factory(onnx, request.Run.Device, threads: null);
        var candles = VerbSupport.ReadCandles(candleRequest, quiet: true);
        var series = candles.Series;
        try
        {
            Prediction prediction;
            string engineName;
            using (var forecaster = createEngine(bundle))
            {
                prediction = Predictor.PredictLatest(forecaster, series, request.Threshold);
                engineName = forecaster.Name;
            }

            foreach (var warning in prediction.Warnings)
            {
                Log.Warning("{Warning}", warning);
            }

            Write(output, request.Run.Json, prediction, engineName);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (ForecastFailures.Handles(e))
        {
            return ForecastFailures.Fail(e, error, candles.Origin);
        }
    }

    internal static string SignalText(TradeSignal signal) => signal switch
    {
        TradeSignal.Buy => "BUY",
        TradeSignal.Sell => "SELL",
        _ => "HOLD",
    };

    private static void Write(TextWriter output, bool json, Prediction prediction, string engine)
    {
        if (json)
        {
            var summary = PredictSummary.Of(prediction);
            output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
            return;
        }

        var isPrice = ForecastDecoding.IsPrice(prediction.Kind);
        var table = new Table().AddColumn("predict").AddColumn("");
        table.AddRow("model", Markup.Escape($"{prediction.Model} ({prediction.Symbol} {prediction.Interval}) on {engine}"));
        table.AddRow("last candle", Time(prediction.LastCandle));
        table.AddRow("last close", Price(prediction.LastClose));
        table.AddRow("forecast for", Time(prediction.TargetTime) + (prediction.Kind == ForecastKind.Ohlc ? " (next candle)" : string.Empty));
        foreach (var value in prediction.Values)
        {
            var text = prediction.Kind switch
            {
                ForecastKind.Regime => value.Value.ToString("P1", CultureInfo.InvariantCulture),
                ForecastKind.Volatility => value.Value.ToString("0.000000", CultureInfo.InvariantCulture) +
                    " (" + value.Value.ToString("0.000%", CultureInfo.InvariantCulture) + " per candle)",
                _ => Price(value.Value) + " (" + Percent((value.Value / prediction.LastClose) - 1) + ")",
            };
            if (prediction.Horizons?.FirstOrDefault(h => h.Name == value.Name) is { } horizon)
            {
                text += " for " + Time(horizon.TargetTime);
            }

            table.AddRow(Markup.Escape(isPrice ? "predicted " + value.Name : value.Name), Markup.Escape(text));
            if (prediction.Quantiles?.GetValueOrDefault(value.Name) is { } levels)
            {
                var format = isPrice ? (Func<double, string>)Price : v => v.ToString("0.000000", CultureInfo.InvariantCulture);
                table.AddRow(
                    Markup.Escape(value.Name + " " + string.Join(" / ", levels.Keys.Select(k => double.Parse(k, CultureInfo.InvariantCulture).ToString("0.##%", CultureInfo.InvariantCulture)))),
                    Markup.Escape(string.Join(" / ", levels.Values.Select(format))));
            }
        }

        if (prediction.Change is { } change)
        {
            table.AddRow("change", Markup.Escape(Percent(change)));
        }

        var colour = prediction.Signal switch
        {
            TradeSignal.Buy => "green",
            TradeSignal.Sell => "red",
            _ => "yellow",
        };
        table.AddRow("signal", $"[bold {colour}]{SignalText(prediction.Signal)}[/] ({Markup.Escape(prediction.SignalReason)})");
        CliConsole.Create(output).Write(table);
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Price(double value) => value.ToString(Math.Abs(value) >= 100 ? "#,0.00" : "#,0.######", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => fraction.ToString("+0.000%;-0.000%;0.000%", CultureInfo.InvariantCulture);
}

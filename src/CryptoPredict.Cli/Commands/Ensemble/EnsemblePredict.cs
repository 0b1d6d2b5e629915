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

/// <summary><c>predict --model lstm-x5</c>: every member on the latest window, the mean forecast with its signal, and the members' spread.</summary>
internal static class EnsemblePredict
{
    /// <summary>Runs <paramref name="request"/> (its threshold and engine already checked by <see cref="PredictCommand"/>).</summary>
    public static int Run(PredictRequest request, bool onnx, TextWriter output, TextWriter error)
    {
        var interval = CandleInterval.Parse(request.Run.Interval);
        if (!BundleLookup.TryFind(request.Run.ModelsDir, request.Run.DataDir, request.Run.DataFile, request.Run.Symbol, interval, request.Run.Model, error, out var directory, out var code))
        {
            return code;
        }

        var ensemble = EnsembleBundle.Load(directory);
        var candles = VerbSupport.ReadCandles(VerbSupport.CandleRequest(request.Run, interval, ensemble.Members[0]), quiet: true);
        var (createEngine, device) = InferenceEngineOption.Factory(onnx, request.Run.Device, threads: null);
        try
        {
            EnsemblePrediction prediction;
            using (var forecaster = new EnsembleForecaster(ensemble, createEngine, device))
            {
                prediction = forecaster.PredictLatest(candles.Series, request.Threshold);
            }

            foreach (var warning in prediction.Mean.Warnings)
            {
                Log.Warning("{Warning}", warning);
            }

            Write(output, request.Run.Json, ensemble, prediction, onnx ? "onnxruntime cpu" : device.ToString());
            return ExitCodes.Ok;
        }
        catch (Exception e) when (ForecastFailures.Handles(e))
        {
            return ForecastFailures.Fail(e, error, candles.Origin);
        }
    }

    private static void Write(TextWriter output, bool json, EnsembleBundle ensemble, EnsemblePrediction prediction, string device)
    {
        var mean = prediction.Mean;
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(EnsemblePredictSummary.Of(ensemble, prediction), CliJson.Options));
            return;
        }

        var table = new Table().AddColumn("predict (ensemble)").AddColumn("mean").AddColumn("std").AddColumn("min").AddColumn("max");
        table.AddRow("model", Markup.Escape($"{mean.Model} ({mean.Symbol} {mean.Interval}), {prediction.Members.Count} members on {device}"), "", "", "");
        table.AddRow("last candle", mean.LastCandle.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), "", "", "");
        table.AddRow("last close", Number(mean.LastClose), "", "", "");
        table.AddRow("forecast for", mean.TargetTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), "", "", "");
        var isProbability = mean.Kind == ForecastKind.Regime;
        foreach (var spread in prediction.Spread)
        {
            table.AddRow(Markup.Escape(ForecastDecoding.IsPrice(mean.Kind) ? "predicted " + spread.Name : spread.Name),
                Value(spread.Mean, isProbability), Value(spread.StandardDeviation, isProbability), Value(spread.Minimum, isProbability), Value(spread.Maximum, isProbability));
        }

        if (mean.Change is { } change)
        {
            table.AddRow("change", change.ToString("+0.000%;-0.000%;0.000%", CultureInfo.InvariantCulture), "", "", "");
        }

        table.AddRow("signal", $"[bold]{PredictCommand.SignalText(mean.Signal)}[/] ({Markup.Escape(mean.SignalReason)})", "", "", "");
        CliConsole.Create(output).Write(table);
    }

    private static string Value(double value, bool probability) =>
        probability ? value.ToString("P1", CultureInfo.InvariantCulture) : Number(value);

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "#,0.00" : "0.######", CultureInfo.InvariantCulture);
}

/// <summary>
/// <c>predict --json</c> of an ensemble: the fields of a single model's forecast, holding the members' mean (the
/// signal is the mean's), plus <see cref="Spread"/> per value (std, min, max over the members) and each member's forecast.
/// </summary>
internal sealed record EnsemblePredictSummary(
    string Symbol,
    string Interval,
    string Model,
    DateTime Timestamp,
    DateTime TargetTime,
    double LastClose,
    IReadOnlyDictionary<string, double> Forecast,
    double? PredictedClose,
    double? Change,
    string Signal,
    string SignalReason,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, SpreadSummary> Spread,
    IReadOnlyList<EnsembleMemberForecast> Members)
{
    public static EnsemblePredictSummary Of(EnsembleBundle ensemble, EnsemblePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(prediction);
        var mean = prediction.Mean;
        var members = ensemble.Description.Members.Select((m, i) => new EnsembleMemberForecast(
            m.Model, m.Seed, prediction.Members[i].Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal))).ToArray();
        return new EnsemblePredictSummary(
            mean.Symbol, mean.Interval, mean.Model, mean.LastCandle, mean.TargetTime, mean.LastClose,
            mean.Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal),
            mean.PredictedClose, mean.Change, PredictCommand.SignalText(mean.Signal), mean.SignalReason, mean.Warnings,
            prediction.Spread.ToDictionary(s => s.Name, s => new SpreadSummary(s.StandardDeviation, s.Minimum, s.Maximum), StringComparer.Ordinal),
            members);
    }
}

internal sealed record SpreadSummary(double Std, double Min, double Max);

internal sealed record EnsembleMemberForecast(string Model, long Seed, IReadOnlyDictionary<string, double> Forecast);

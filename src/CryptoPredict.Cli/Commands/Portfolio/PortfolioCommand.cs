using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CryptoPredict.Cli.Failures;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Portfolio;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Runtime;
using CryptoPredict.Torch;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>portfolio</c>: each symbol's bundle forecasts the candles of its test part; on the candles all symbols share,
/// long-only mean-variance weights (forecasts as expected returns, a shrunk trailing covariance) are rebalanced every
/// N candles after costs, beside equal weight and buy-and-hold of the first symbol. Prints a table or one JSON object.
/// Every option is checked, and every bundle found, before libtorch is touched.
/// </summary>
public static class PortfolioCommand
{
    public static Command Create()
    {
        var symbols = new Option<string>("--symbols") { Description = "Two or more symbols, comma-separated (e.g. BTCUSDT,ETHUSDT,SOLUSDT); each needs a bundle models/SYMBOL_INTERVAL_MODEL. The first is the buy-and-hold benchmark.", Required = true };
        var interval = CommonOptions.Interval();
        var model = VerbSupport.Model();
        var maxWeight = new Option<double>("--max-weight") { Description = "Cap on each symbol's weight, a fraction of equity (0 < cap <= 1).", DefaultValueFactory = _ => PortfolioSettings.DefaultMaxWeight };
        var riskAversion = new Option<double>("--risk-aversion") { Description = "L in mu'w - (L/2) w'Σw: larger is more cautious (10 puts a full unit on a 0.1% forecast at 1% hourly volatility).", DefaultValueFactory = _ => PortfolioSettings.DefaultRiskAversion };
        var rebalanceEvery = new Option<int>("--rebalance-every") { Description = "Candles between rebalances (weights drift with prices in between).", DefaultValueFactory = _ => PortfolioSettings.DefaultRebalanceEvery };
        var lookback = new Option<int>("--lookback") { Description = "Trailing candles whose returns the covariance is estimated from (Ledoit-Wolf shrinkage).", DefaultValueFactory = _ => PortfolioSettings.DefaultLookback };
        var fee = new Option<double>("--fee-bps") { Description = "Fee per unit of weight traded, in basis points (10 = 0.1%, a Binance taker fee).", DefaultValueFactory = _ => TradingCosts.DefaultFeeBps };
        var slippage = new Option<double>("--slippage-bps") { Description = "Slippage assumed on top of the fee, in basis points (default 0)." };
        var dataDir = CommonOptions.DataDir();
        var modelsDir = CommonOptions.ModelsDir();
        var device = VerbSupport.Device();
        var json = CommonOptions.Json();
        var command = new Command("portfolio", "Trade mean-variance weights from several symbols' forecasts, against equal weight and buy-and-hold.");
        foreach (var option in new Option[] { symbols, interval, model, maxWeight, riskAversion, rebalanceEvery, lookback, fee, slippage, dataDir, modelsDir, device, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(
            new PortfolioRequest
            {
                Symbols = parse.GetValue(symbols)!,
                Interval = parse.GetValue(interval)!,
                Model = parse.GetValue(model)!,
                MaxWeight = parse.GetValue(maxWeight),
                RiskAversion = parse.GetValue(riskAversion),
                RebalanceEvery = parse.GetValue(rebalanceEvery),
                Lookback = parse.GetValue(lookback),
                FeeBps = parse.GetValue(fee),
                SlippageBps = parse.GetValue(slippage),
                DataDir = parse.GetValue(dataDir)!,
                ModelsDir = parse.GetValue(modelsDir)!,
                Device = parse.GetValue(device)!,
                Json = parse.GetValue(json),
            },
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(PortfolioRequest request, TextWriter output, TextWriter error)
    {
        var symbols = Symbols(request.Symbols);
        var settings = Settings(request);
        if (!VerbSupport.TryArchitecture(request.Model, error, out var architecture, out var code))
        {
            return code;
        }

        if (!ForecastDecoding.IsPrice(architecture.Kind))
        {
            throw Usage($"--model {architecture.Name} forecasts {architecture.Kind.ToString().ToLowerInvariant()}, not the close: a portfolio needs each symbol's expected return; use a price model such as lstm.");
        }

        var interval = CandleInterval.Parse(request.Interval);
        var found = new List<(string Symbol, string Bundle, string Candles)>();
        foreach (var symbol in symbols)
        {
            if (!BundleLookup.TryFind(request.ModelsDir, request.DataDir, null, symbol, interval, architecture.Name, error, out var bundle, out code)
                || !VerbSupport.TryCandlePath(request.DataDir, null, symbol, interval, error, out var candles, out code))
            {
                return code;
            }

            found.Add((symbol, bundle, candles));
        }

        var engine = Engine.ResolveDevice(request.Device);
        var forecasts = found.Select(f => Forecasts(f.Symbol, f.Bundle, f.Candles, interval, engine)).ToArray();
        var aligned = PortfolioAlignment.Align(forecasts);
        foreach (var note in aligned.Notes)
        {
            Log.Warning("{Note}", note);
        }

        var result = PortfolioBacktest.Run(aligned.Market, settings);
        Log.Information("{Rebalances} rebalances over {Candles} candles, mean shrinkage {Shrinkage}",
            result.Rebalances.Count, result.Market.Count, Invariant($"{result.Rebalances.Average(r => r.Shrinkage):0.###}"));
        var summary = PortfolioSummary.From(result, architecture.Name, found.Select(f => f.Candles).ToArray(), aligned.Notes);
        if (request.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
        }
        else
        {
            PortfolioTable.Write(output, result, summary);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The symbols as file names spell them; at least two, none twice.</summary>
    private static string[] Symbols(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var symbols = new List<string>();
        foreach (var part in parts)
        {
            var symbol = CommonOptions.NormaliseSymbol(part)
                ?? throw Usage($"--symbols: '{part}' is not a symbol: use 2 to 20 letters or digits, such as BTCUSDT.");
            if (symbols.Contains(symbol))
            {
                throw Usage($"--symbols: {symbol} is listed twice.");
            }

            symbols.Add(symbol);
        }

        return symbols.Count >= 2
            ? [.. symbols]
            : throw Usage($"--symbols '{text}': a portfolio needs at least two symbols, comma-separated, such as BTCUSDT,ETHUSDT (for one, use backtest).");
    }

    private static PortfolioSettings Settings(PortfolioRequest request)
    {
        var problem = PortfolioSettings.Problem(request.MaxWeight, request.RiskAversion, request.RebalanceEvery, request.Lookback)
            ?? (!(request.FeeBps >= 0 && request.FeeBps < 10_000) ? Invariant($"--fee-bps {request.FeeBps}: use basis points from 0 to below 10000, such as 10 for 0.1%.")
            : !(request.SlippageBps >= 0 && request.SlippageBps < 10_000) ? Invariant($"--slippage-bps {request.SlippageBps}: use basis points from 0 to below 10000, such as 5.")
            : null);
        return problem is null
            ? new PortfolioSettings(request.MaxWeight, request.RiskAversion, request.RebalanceEvery, request.Lookback, new TradingCosts(request.FeeBps, request.SlippageBps))
            : throw Usage(problem);
    }

    /// <summary>What <paramref name="symbol"/>'s bundle said before each candle of its test part; data failures name the candle file.</summary>
    private static SymbolForecasts Forecasts(string symbol, string bundleDirectory, string candlePath, CandleInterval interval, Device device)
    {
        var bundle = ModelBundle.Load(bundleDirectory);
        var series = VerbSupport.ReadCandles(candlePath, symbol, interval, dataGiven: false, symbolGiven: true, intervalGiven: true);
        using var forecaster = new Forecaster(bundle, device);
        try
        {
            var forecasts = BacktestForecasts.Compute(forecaster, series, BacktestPart.Test, LogNote);
            Log.Information("{Symbol}: {Model} forecast {Count} test candles on {Device}", symbol, bundle.Architecture.Name, forecasts.Count, device);
            return new SymbolForecasts(symbol, series, forecasts);
        }
        catch (Exception e) when (ForecastFailures.Handles(e))
        {
            ForecastFailures.Fail(e, TextWriter.Null, candlePath);
            throw;
        }
    }

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

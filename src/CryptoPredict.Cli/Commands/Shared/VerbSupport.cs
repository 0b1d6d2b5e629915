using System.CommandLine;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Cli.Failures;
using CryptoPredict.Core.Runtime;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>What train, evaluate and predict share: model and device options, reading candles through Core's <see cref="CandleSource"/>, failing cleanly.</summary>
internal static class VerbSupport
{
    public static Option<string> Model()
    {
        var option = new Option<string>("--model")
        {
            Description = $"Model architecture: {string.Join(", ", ModelCatalog.Names)}.",
            DefaultValueFactory = _ => ModelCatalog.DefaultName,
        };
        option.CompletionSources.Add([.. ModelCatalog.Names]);
        return option;
    }

    public static Option<string> Device()
    {
        var option = new Option<string>("--device")
        {
            Description = "auto (CUDA when available), cpu, cuda or cuda:N.",
            DefaultValueFactory = _ => "auto",
            HelpName = "device",
        };
        option.CompletionSources.Add("auto", "cpu", "cuda");
        return option;
    }

    public static Option<string?> Data() => new("--data") { Description = "Candle file to read instead of DATA_DIR/SYMBOL_INTERVAL.csv." };

    /// <summary>
    /// Stops the verb with <paramref name="message"/> and <paramref name="exitCode"/>: thrown as a
    /// <see cref="CommandFailureException"/> and reported (stderr, and the JSON error object with --json) by
    /// CliApplication, the one place failures are reported. Typed as returning the code so call sites read
    /// <c>return Fail(...)</c>.
    /// </summary>
    public static int Fail(TextWriter error, int exitCode, string message) => throw new CommandFailureException(exitCode, message);

    /// <summary>The architecture for --model, or a usage error listing the known names.</summary>
    public static bool TryArchitecture(string name, TextWriter error, out ModelArchitecture architecture, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        if (ModelCatalog.TryGet(name, out architecture))
        {
            return true;
        }

        exitCode = Fail(error, ExitCodes.Usage, $"--model '{name}' is not a model. Known models: {string.Join(", ", ModelCatalog.Names)}.");
        return false;
    }

    /// <summary>
    /// What a model verb asks <see cref="CandleSource"/> for: the run's symbol at the run's interval, from --data or the
    /// data folder. The interval is always the run's (a finer file is resampled to it); with --data the symbol is
    /// imposed only when typed. <paramref name="bundle"/>, when given, makes the file it was trained from preferred.
    /// </summary>
    public static CandleSourceRequest CandleRequest(RunSelection run, CandleInterval interval, ModelBundle? bundle = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new CandleSourceRequest
        {
            Symbol = run.Symbol,
            Interval = interval,
            DataDir = run.DataDir,
            DataFile = run.DataFile,
            EnforceSymbol = run.DataFile is null || run.SymbolGiven,
            PreferredSource = bundle?.Description.Source?.SourceInterval,
        };
    }

    /// <summary>
    /// Reads the candles of <paramref name="request"/>, logging every warning and what was read; <paramref name="quiet"/>
    /// (predict, whose stderr stays short) logs a plain read at debug level, but a resampling always.
    /// </summary>
    public static CandleSourceResult ReadCandles(CandleSourceRequest request, bool quiet = false)
    {
        var candles = CandleSource.Read(request);
        foreach (var warning in candles.Warnings)
        {
            Log.Warning("{Warning}", warning);
        }

        if (quiet && !candles.IsResampled)
        {
            Log.Debug("{Candles}", candles.Describe());
        }
        else
        {
            Log.Information("{Candles}", candles.Describe());
        }

        return candles;
    }

    /// <summary>
    /// The candle file <see cref="CandleSource"/> reads for these options (a finer file of the symbol when
    /// DATA_DIR/SYMBOL_INTERVAL.csv is missing). Failures are thrown and reported once: exit 1 for a symbol that
    /// would leave the data folder, 2 when there is nothing to read. Kept for callers that read in two steps; new code
    /// calls <see cref="ReadCandles(CandleSourceRequest)"/>.
    /// </summary>
    public static bool TryCandlePath(string dataDir, string? dataFile, string symbol, CandleInterval interval, TextWriter error, out string path, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        path = CandleSource.Locate(new CandleSourceRequest { Symbol = symbol, Interval = interval, DataDir = dataDir, DataFile = dataFile }).Path;
        return true;
    }

    /// <summary>Reads the candles at <paramref name="path"/> (as <see cref="TryCandlePath"/> found it), resampled to <paramref name="interval"/> when they are finer.</summary>
    public static CandleSeries ReadCandles(string path, string symbol, CandleInterval interval, bool dataGiven, bool symbolGiven, bool intervalGiven)
    {
        var dataDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return ReadCandles(new CandleSourceRequest
        {
            Symbol = symbol,
            Interval = interval,
            DataDir = dataDir,
            DataFile = path,
            EnforceSymbol = !dataGiven || symbolGiven,
            EnforceInterval = !dataGiven || intervalGiven,
        }).Series;
    }

    /// <summary>models/SYMBOL_INTERVAL_MODEL, with the message that says how to create it when it is missing.</summary>
    public static string BundleDirectory(string modelsDir, string symbol, string interval, string model) =>
        RunPaths.Under(modelsDir, RunPaths.RunName(symbol, interval, model));

    public static string MissingBundleMessage(string directory, string symbol, string interval, string model) =>
        $"No trained model for {symbol} {interval} {model}: looked for '{ModelBundle.PointerPath(directory)}'. " +
        $"Create it with: cryptopredict train --symbol {symbol} --interval {interval} --model {model}";
}

using System.CommandLine;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Cli.Failures;
using CryptoPredict.Core.Runtime;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>What train, evaluate and predict share: model and device options, finding and reading candles, failing cleanly.</summary>
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
    /// The candle file to read: --data as given, else DATA_DIR/SYMBOL_INTERVAL.csv (checked to stay inside DATA_DIR);
    /// a missing default file is reported with the path looked for and how to provide one.
    /// </summary>
    public static bool TryCandlePath(string dataDir, string? dataFile, string symbol, CandleInterval interval, TextWriter error, out string path, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        if (dataFile is not null)
        {
            path = dataFile;
            // A folder is not "not found": the reader refuses it with its own rule (not-a-file).
            if (File.Exists(path) || Directory.Exists(path))
            {
                return true;
            }

            exitCode = Fail(error, ExitCodes.BadData, $"{path}: candle file not found.");
            return false;
        }

        if (!PreprocessCommand.TryDataDirPath(dataDir, symbol, interval, out path))
        {
            exitCode = Fail(error, ExitCodes.Usage, $"--symbol '{symbol}' does not name a file inside --data-dir '{dataDir}'.");
            return false;
        }

        if (File.Exists(path) || Directory.Exists(path))
        {
            return true;
        }

        exitCode = Fail(error, ExitCodes.BadData,
            $"No candles for {symbol} {interval}: looked for '{path}'. Put a candle CSV there (timestamp,open,high,low,close,volume) " +
            "or pass --data FILE; the bundled files are in data/.");
        return false;
    }

    /// <summary>Reads candles; when the default file is used its symbol and interval are enforced.</summary>
    public static CandleSeries ReadCandles(string path, string symbol, CandleInterval interval, bool dataGiven, bool symbolGiven, bool intervalGiven)
    {
        var options = new CandleReadOptions
        {
            Symbol = !dataGiven || symbolGiven ? symbol : null,
            Interval = !dataGiven || intervalGiven ? interval : null,
        };
        var loaded = CandleFileReader.Read(path, options);
        foreach (var warning in loaded.Report.Warnings)
        {
            Log.Warning("{Path}: {Warning}", path, warning);
        }

        return loaded.Series;
    }

    /// <summary>models/SYMBOL_INTERVAL_MODEL, with the message that says how to create it when it is missing.</summary>
    public static string BundleDirectory(string modelsDir, string symbol, string interval, string model) =>
        RunPaths.Under(modelsDir, RunPaths.RunName(symbol, interval, model));

    public static string MissingBundleMessage(string directory, string symbol, string interval, string model) =>
        $"No trained model for {symbol} {interval} {model}: looked for '{ModelBundle.PointerPath(directory)}'. " +
        $"Create it with: cryptopredict train --symbol {symbol} --interval {interval} --model {model}";
}

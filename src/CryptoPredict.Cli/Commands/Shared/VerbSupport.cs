using System.CommandLine;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Torch;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>What train, evaluate and predict share: model and device options, finding and reading candles, failing cleanly.</summary>
internal static class VerbSupport
{
    public static Option<string> Model() => new("--model")
    {
        Description = $"Model architecture: {string.Join(", ", ModelCatalog.Names)}.",
        DefaultValueFactory = _ => ModelCatalog.DefaultName,
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "auto (CUDA when available), cpu, cuda or cuda:N.",
        DefaultValueFactory = _ => "auto",
    };

    public static Option<string?> Data() => new("--data") { Description = "Candle file to read instead of DATA_DIR/SYMBOL_INTERVAL.csv." };

    public static int Fail(TextWriter error, int exitCode, string message)
    {
        Log.Debug("exit {Code}: {Message}", exitCode, message);
        error.WriteLine(message);
        return exitCode;
    }

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

    /// <summary>Resolves --device: auto picks CUDA when libtorch sees a GPU; an unavailable CUDA device is a usage error.</summary>
    public static bool TryDevice(string text, TextWriter error, out Device device, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        device = Torch.Device.Cpu;
        if (string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            device = Cuda.IsAvailable ? Torch.Device.Cuda(0) : Torch.Device.Cpu;
            return true;
        }

        try
        {
            device = Torch.Device.Parse(text);
        }
        catch (ArgumentException e)
        {
            exitCode = Fail(error, ExitCodes.Usage, $"--device '{text}': {e.Message} Use auto, cpu, cuda or cuda:N.");
            return false;
        }

        if (device.IsCuda && (!Cuda.IsAvailable || device.Index >= Cuda.DeviceCount))
        {
            exitCode = Fail(error, ExitCodes.Usage,
                $"--device {text}: no such CUDA device (this libtorch sees {(Cuda.IsAvailable ? Cuda.DeviceCount : 0)} GPU(s)). Use --device cpu or auto.");
            return false;
        }

        return true;
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
            if (File.Exists(path))
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

        if (File.Exists(path))
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

using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Commands;

/// <summary>What predict and evaluate share: finding the bundle a symbol, interval and model name point to.</summary>
internal static class BundleLookup
{
    /// <summary>
    /// models/SYMBOL_INTERVAL_MODEL when it has a bundle (its current pointer, or an earlier build's model.json); otherwise exit 3 with the path looked for and the
    /// train command that creates it (noting when there are no default candles to train on either, as for an
    /// unknown symbol).
    /// </summary>
    public static bool TryFind(
        string modelsDir, string dataDir, string? dataFile, string symbol, CandleInterval interval, string model, TextWriter error, out string directory, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        var intervalText = interval.ToString();
        try
        {
            directory = VerbSupport.BundleDirectory(modelsDir, symbol, intervalText, model);
        }
        catch (ArgumentException e)
        {
            directory = "";
            exitCode = VerbSupport.Fail(error, ExitCodes.Usage, e.Message);
            return false;
        }

        if (ModelBundle.Exists(directory))
        {
            return true;
        }

        var message = VerbSupport.MissingBundleMessage(directory, symbol, intervalText, model);
        if (dataFile is null && CandleFolder.TryPath(dataDir, symbol, interval, out var candles) && !HasCandles(dataDir, symbol, interval))
        {
            message += $". There are no candles for {symbol} {intervalText} to train on either: looked for '{candles}' " +
                "(put a candle CSV there or pass --data FILE to train and to this command).";
        }

        exitCode = VerbSupport.Fail(error, ExitCodes.ModelProblem, message);
        return false;
    }

    /// <summary>Whether the data folder has a file the candles can be read (or resampled) from.</summary>
    private static bool HasCandles(string dataDir, string symbol, CandleInterval interval)
    {
        try
        {
            CandleSource.Locate(new CandleSourceRequest { Symbol = symbol, Interval = interval, DataDir = dataDir });
            return true;
        }
        catch (Core.Failures.RequestException)
        {
            return false;
        }
    }
}

using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Torch;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// How predict and evaluate, which both run a bundle over candles, report the failures they expect: bundle and
/// libtorch problems exit 3, anything about the candles exits 2 naming the file.
/// </summary>
internal static class ForecastFailures
{
    public static bool Handles(Exception e) =>
        e is ModelBundleException or CandleDataException or ForecastDataException or KeyNotFoundException or ArgumentException
            or TorchException or IOException or UnauthorizedAccessException;

    public static int Fail(Exception e, TextWriter error, string candlePath, string bundleDirectory) => e switch
    {
        ModelBundleException => VerbSupport.Fail(error, ExitCodes.ModelProblem, e.Message),
        TorchException => VerbSupport.Fail(error, ExitCodes.ModelProblem, $"libtorch, running '{bundleDirectory}': {e.Message}"),

        // A feature reading a column the file lacks, a window across a gap, prices that cannot be turned back (zero close).
        ForecastDataException or KeyNotFoundException or ArgumentException => VerbSupport.Fail(error, ExitCodes.BadData, $"{candlePath}: {e.Message}"),
        _ => VerbSupport.Fail(error, ExitCodes.BadData, e.Message),
    };
}

using CryptoPredict.Core.Prediction;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// The failures of predict and evaluate that only make sense said of the candle file (the exception does not name
/// it): a feature reading a column the file lacks, a window across a gap, prices that cannot be turned back (zero
/// close). They exit 2 naming the file; every other failure (bundle, libtorch, candle rules) goes to the one
/// failure map as it is.
/// </summary>
internal static class ForecastFailures
{
    public static bool Handles(Exception e) => e is ForecastDataException or KeyNotFoundException or ArgumentException;

    public static int Fail(Exception e, TextWriter error, string candlePath)
    {
        var message = e is ArgumentException argument ? Core.Runtime.Engine.WithoutParameterName(argument) : e.Message;
        return VerbSupport.Fail(error, ExitCodes.BadData, $"{candlePath}: {message}");
    }
}

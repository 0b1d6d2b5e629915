using CryptoPredict.Core.Training;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>train --quantiles</c> and <c>--horizons</c>: read from their text into the training settings, or a usage message
/// naming the option. Ensembles do not take them (their members' mean and spread are computed from point forecasts).
/// </summary>
internal static class TrainHeadOptions
{
    public static string? Problem(TrainRequest request)
    {
        if (request.QuantilesText is null && request.HorizonsText is null)
        {
            return null;
        }

        if (request.Ensemble is not null || request.Models is not null)
        {
            return $"{(request.QuantilesText is not null ? "--quantiles" : "--horizons")} does not apply to an ensemble (--ensemble, --models); train one model with it.";
        }

        if (request.HorizonsText is not null && request.Settings.Horizon is not null)
        {
            return "--horizons and --horizon exclude each other: a multi-horizon run's horizon is its farthest one; give --horizons alone.";
        }

        return Read(request.QuantilesText, "--quantiles", ForecastHeadSettings.ParseQuantiles).Problem
            ?? Read(request.HorizonsText, "--horizons", ForecastHeadSettings.ParseHorizons).Problem;
    }

    /// <summary>The request's settings with the parsed lists (call after <see cref="Problem"/> returned null).</summary>
    public static TrainingOverrides Apply(TrainRequest request) => request.Settings with
    {
        Quantiles = Read(request.QuantilesText, "--quantiles", ForecastHeadSettings.ParseQuantiles).Value,
        Horizons = Read(request.HorizonsText, "--horizons", ForecastHeadSettings.ParseHorizons).Value,
    };

    private static (T[]? Value, string? Problem) Read<T>(string? text, string option, Func<string, T[]> parse)
    {
        if (text is null)
        {
            return (null, null);
        }

        try
        {
            return (parse(text), null);
        }
        catch (FormatException e)
        {
            return (null, $"{option} {text}: {e.Message}");
        }
    }
}

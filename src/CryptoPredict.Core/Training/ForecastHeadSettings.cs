using System.Globalization;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Training;

/// <summary>
/// <c>--quantiles</c> and <c>--horizons</c>: how their text is read, which architectures take them, and the targets and
/// output heads a configuration with them has. One place for <c>train</c>, <see cref="TrainingData"/>, the bundle
/// validator and the forecasters, so all of them agree on the columns.
/// </summary>
public static class ForecastHeadSettings
{
    public const int MaximumQuantiles = 99;
    public const int MaximumHorizons = 64;

    /// <summary>Comma-separated levels strictly between 0 and 1, no two the same; returned increasing (the order typed does not matter).</summary>
    public static double[] ParseQuantiles(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var levels = new List<double>();
        foreach (var part in Parts(text))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var level) || !double.IsFinite(level))
            {
                throw new FormatException($"'{part}' is not a number; give levels such as 0.1,0.5,0.9.");
            }

            levels.Add(level);
        }

        var sorted = levels.Order().ToArray();
        return QuantileProblem(sorted) is { } problem ? throw new FormatException(problem + ".") : sorted;
    }

    /// <summary>Comma-separated whole numbers of candles, 1 to 10000, no two the same; returned increasing.</summary>
    public static int[] ParseHorizons(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var horizons = new List<int>();
        foreach (var part in Parts(text))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var horizon))
            {
                throw new FormatException($"'{part}' is not a whole number of candles; give horizons such as 1,6,24.");
            }

            horizons.Add(horizon);
        }

        var sorted = horizons.Order().ToArray();
        return HorizonProblem(sorted) is { } problem ? throw new FormatException(problem + ".") : sorted;
    }

    /// <summary>Why <paramref name="levels"/> (increasing) are not a usable list; null when they are.</summary>
    public static string? QuantileProblem(IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count is 0 or > MaximumQuantiles)
        {
            return $"give between 1 and {MaximumQuantiles} levels (got {levels.Count})";
        }

        for (var i = 0; i < levels.Count; i++)
        {
            if (!(levels[i] > 0 && levels[i] < 1))
            {
                return $"each level must lie strictly between 0 and 1 (got {Text(levels[i])})";
            }

            if (i > 0 && !(levels[i] > levels[i - 1]) || i > 0 && ForecastHeads.Same(levels[i], levels[i - 1]))
            {
                return $"level {Text(levels[i])} appears twice, or the levels are not increasing";
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="horizons"/> (increasing) are not a usable list; null when they are.</summary>
    public static string? HorizonProblem(IReadOnlyList<int> horizons)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        if (horizons.Count is 0 or > MaximumHorizons)
        {
            return $"give between 1 and {MaximumHorizons} horizons (got {horizons.Count})";
        }

        for (var i = 0; i < horizons.Count; i++)
        {
            if (horizons[i] is < 1 or > 10_000)
            {
                return $"each horizon must be between 1 and 10000 candles (got {horizons[i]})";
            }

            if (i > 0 && horizons[i] <= horizons[i - 1])
            {
                return $"horizon {horizons[i]} appears twice, or the horizons are not increasing";
            }
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="configuration"/>'s quantiles and horizons do not fit its architecture, naming the option
    /// (<c>--quantiles</c>, <c>--horizons</c>); null when they do (or it has neither).
    /// </summary>
    public static string? Problem(TrainingConfiguration configuration, ModelArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(architecture);
        if (configuration.Quantiles is { } quantiles)
        {
            if (!architecture.SupportsQuantiles)
            {
                return $"--quantiles: {architecture.Name} has no quantile heads; quantile forecasts are trained for {Names(a => a.SupportsQuantiles)}.";
            }

            if (QuantileProblem(quantiles) is { } problem)
            {
                return $"--quantiles {string.Join(",", quantiles.Select(Text))}: {problem}.";
            }
        }

        if (configuration.Horizons is { } horizons)
        {
            if (!architecture.SupportsHorizons)
            {
                return $"--horizons: {architecture.Name} has no multi-horizon heads; one close head per horizon is trained for {Names(a => a.SupportsHorizons)}.";
            }

            if (HorizonProblem(horizons) is { } problem)
            {
                return $"--horizons {string.Join(",", horizons)}: {problem}.";
            }

            if (configuration.Horizon != horizons[^1])
            {
                return $"--horizons {string.Join(",", horizons)} and --horizon {configuration.Horizon}: the horizon of a multi-horizon run is its farthest one ({horizons[^1]}); give --horizons alone.";
            }
        }

        return null;
    }

    /// <summary>The targets of <paramref name="configuration"/>: the close at each of its horizons, or the architecture's own.</summary>
    public static TargetSet Targets(ModelArchitecture architecture, TrainingConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.Horizons is { } horizons
            ? new TargetSet(horizons.Select(h => new CloseAtHorizonTarget(h)))
            : architecture.Targets(configuration.Horizon, configuration.RegimeThreshold, configuration.LogVolatility);
    }

    /// <summary>The output heads of <paramref name="configuration"/>'s network.</summary>
    public static ForecastHeads Heads(ModelArchitecture architecture, TrainingConfiguration configuration) =>
        ForecastHeads.Of(Targets(architecture, configuration).Specs.Count, configuration.Quantiles);

    /// <summary>A list as the resume key and messages show it; "none" for null.</summary>
    public static string Text<T>(IReadOnlyList<T>? values) where T : IFormattable =>
        values is null ? "none" : string.Join(",", values.Select(v => v.ToString(v is double ? "R" : null, CultureInfo.InvariantCulture)));

    private static string Text(double level) => level.ToString("R", CultureInfo.InvariantCulture);

    private static string Names(Func<ModelArchitecture, bool> supports) =>
        string.Join(", ", ModelCatalog.Architectures.Where(supports).Select(a => a.Name));

    private static string[] Parts(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 0 || parts.Any(p => p.Length == 0)
            ? throw new FormatException($"'{text}' has an empty entry; give a comma-separated list.")
            : parts;
    }
}

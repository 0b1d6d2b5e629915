using System.Text.RegularExpressions;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// Where a run's artifacts live: <c>SYMBOL_INTERVAL_MODEL</c> under the checkpoints and models roots. The name is
/// built only from a checked symbol, a known interval and a catalog model name, and the result is verified to stay
/// inside its root, so no user text can point a write elsewhere.
/// </summary>
public static partial class RunPaths
{
    [GeneratedRegex("^[A-Z0-9]{2,20}$")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex("^[0-9]{1,4}[smhdwM]$")]
    private static partial Regex IntervalPattern();

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex ModelPattern();

    public static bool IsValidSymbol(string? symbol) => symbol is not null && SymbolPattern().IsMatch(symbol);

    /// <summary>Whether <paramref name="model"/> may be the model part of a run name (a catalog name, or an ensemble's such as <c>lstm-x5</c>).</summary>
    public static bool IsValidModelName(string? model) => model is not null && ModelPattern().IsMatch(model);

    public static string RunName(string symbol, string interval, string model)
    {
        if (!IsValidSymbol(symbol))
        {
            throw new ArgumentException($"Symbol '{symbol}' is not valid: use 2-20 upper-case letters or digits, e.g. BTCUSDT.", nameof(symbol));
        }

        if (interval is null || !IntervalPattern().IsMatch(interval))
        {
            throw new ArgumentException($"Interval '{interval}' is not valid, e.g. 1h, 15m, 1d.", nameof(interval));
        }

        if (model is null || !ModelPattern().IsMatch(model))
        {
            throw new ArgumentException($"Model name '{model}' is not valid.", nameof(model));
        }

        return $"{symbol}_{interval}_{model}";
    }

    /// <summary><paramref name="root"/>/<paramref name="name"/>, checked to be a direct child of the root.</summary>
    public static string Under(string root, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var full = Path.GetFullPath(root);
        var path = Path.GetFullPath(Path.Combine(full, name));
        if (!string.Equals(Path.GetDirectoryName(path), full.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' would leave '{full}'.", nameof(name));
        }

        return path;
    }
}

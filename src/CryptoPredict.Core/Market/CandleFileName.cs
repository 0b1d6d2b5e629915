using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CryptoPredict.Core.Market;

/// <summary>
/// The project's file naming, <c>SYMBOL_INTERVAL.csv</c>, and recognition of a symbol and interval in other
/// names users have (<c>BTCUSDT-1h-2024-02.csv</c>, <c>Binance_BTCUSDT_1h.csv</c>).
/// </summary>
public static partial class CandleFileName
{
    /// <summary>The bundled-data name of a series, such as <c>BTCUSDT_1h.csv</c>.</summary>
    public static string Format(string symbol, CandleInterval interval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return $"{symbol}_{interval}.csv";
    }

    /// <summary>Finds an upper-case symbol followed by <c>_</c> or <c>-</c> and an interval in the file name of <paramref name="path"/>.</summary>
    public static bool TryParse(string path, [NotNullWhen(true)] out string? symbol, out CandleInterval interval)
    {
        ArgumentNullException.ThrowIfNull(path);
        symbol = null;
        interval = default;
        var match = SymbolAndInterval().Match(Path.GetFileNameWithoutExtension(path));
        if (!match.Success || !CandleInterval.TryParse(match.Groups["interval"].Value, out interval))
        {
            return false;
        }

        symbol = match.Groups["symbol"].Value;
        return true;
    }

    [GeneratedRegex("(?<![A-Za-z0-9])(?<symbol>[A-Z0-9]{2,20})[-_](?<interval>[0-9]+[mhdw])(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolAndInterval();
}

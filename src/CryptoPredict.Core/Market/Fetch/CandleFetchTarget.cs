using System.Text.RegularExpressions;
using CryptoPredict.Core.Failures;

namespace CryptoPredict.Core.Market.Fetch;

/// <summary>
/// Where a fetch writes: <c>DATA_DIR/SYMBOL_INTERVAL.csv</c>, for a symbol that can only be a file name (2 to 20
/// upper-case letters or digits) and a path that provably stays inside the data folder; and the folder of its lock.
/// </summary>
internal static partial class CandleFetchTarget
{
    /// <summary>Hidden folder of the data folder that holds one lock folder per fetched file.</summary>
    public const string LockFolderName = ".fetch";

    public static string PathOf(string dataDirectory, string symbol, CandleInterval interval)
    {
        if (string.IsNullOrEmpty(symbol) || !SymbolPattern().IsMatch(symbol))
        {
            throw new RequestException(FailureKind.Usage, $"'{symbol}' is not a symbol: use 2 to 20 upper-case letters or digits, such as BTCUSDT.");
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        if (File.Exists(root))
        {
            throw new RequestException(FailureKind.Usage, $"The data folder '{root}' is a file.", root);
        }

        var path = Path.GetFullPath(Path.Combine(root, CandleFileName.Format(symbol, interval)));
        if (!string.Equals(Path.GetDirectoryName(path), root, StringComparison.Ordinal))
        {
            throw new RequestException(FailureKind.Usage, $"'{symbol}' does not name a file inside the data folder '{root}'.");
        }

        return path;
    }

    /// <summary><c>DATA_DIR/.fetch/SYMBOL_INTERVAL/</c>: the run lock of fetches of one file.</summary>
    public static string LockFolderOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, LockFolderName, Path.GetFileNameWithoutExtension(path));

    [GeneratedRegex("^[A-Z0-9]{2,20}$")]
    private static partial Regex SymbolPattern();
}

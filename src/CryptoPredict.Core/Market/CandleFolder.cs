namespace CryptoPredict.Core.Market;

/// <summary>A data folder of <c>SYMBOL_INTERVAL.csv</c> files: the path of one series, and the files a symbol has.</summary>
public static class CandleFolder
{
    /// <summary>DATA_DIR/SYMBOL_INTERVAL.csv; false when the result would leave the data folder (a symbol holding a path).</summary>
    public static bool TryPath(string dataDir, string symbol, CandleInterval interval, out string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDir);
        var root = System.IO.Path.GetFullPath(dataDir);
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, CandleFileName.Format(symbol, interval)));
        var prefix = System.IO.Path.EndsInDirectorySeparator(root) ? root : root + System.IO.Path.DirectorySeparatorChar;
        path = full;
        return full.StartsWith(prefix, StringComparison.Ordinal) && System.IO.Path.GetDirectoryName(full) == System.IO.Path.TrimEndingDirectorySeparator(root);
    }

    /// <summary>
    /// The files of <paramref name="symbol"/> in the folder, <c>SYMBOL_INTERVAL.csv</c> with an interval that parses,
    /// finest first (a canonical name before another spelling of the same interval, such as <c>60m</c> for 1h).
    /// None when the folder does not exist.
    /// </summary>
    public static IReadOnlyList<CandleFolderFile> FilesOf(string dataDir, string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDir);
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        if (!Directory.Exists(dataDir))
        {
            return [];
        }

        var prefix = symbol + "_";
        var files = new List<CandleFolderFile>();
        foreach (var path in Directory.EnumerateFiles(System.IO.Path.GetFullPath(dataDir), prefix + "*.csv"))
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith(prefix, StringComparison.Ordinal) && CandleInterval.TryParse(name[prefix.Length..], out var interval))
            {
                files.Add(new CandleFolderFile(path, interval));
            }
        }

        return [.. files
            .OrderBy(f => f.Interval)
            .ThenBy(f => System.IO.Path.GetFileName(f.Path) == CandleFileName.Format(symbol, f.Interval) ? 0 : 1)
            .ThenBy(f => f.Path, StringComparer.Ordinal)];
    }
}

namespace CryptoPredict.Core.Market;

/// <summary>Recognises the supported layouts from a file's first record and maps their columns.</summary>
internal static class CandleFileLayouts
{
    private static readonly string[] BinanceColumnNames =
    [
        "open_time", "open", "high", "low", "close", "volume", "close_time", "quote_asset_volume",
        "number_of_trades", "taker_buy_base_volume", "taker_buy_quote_volume", "ignore",
    ];

    // Binance columns worth keeping as features; close_time and ignore carry nothing.
    private static readonly int[] BinanceExtraIndices = [7, 8, 9, 10];

    // Normalised names accepted for the time column, most precise first: a Unix column beats a formatted date.
    private static readonly string[] TimeAliases = ["opentime", "timestamp", "unixtimestamp", "unix", "time", "datetime", "date"];

    // Columns that are neither candle fields nor numeric features.
    private static readonly HashSet<string> NonFeatureColumns = ["closetime", "ignore", "symbol", .. TimeAliases];

    private static readonly string[] NativeHeader = ["timestamp", "open", "high", "low", "close", "volume"];
    private static readonly string[] YahooHeader = ["date", "open", "high", "low", "close", "adjclose", "volume"];

    /// <summary>
    /// Resolves the layout from the first record after any preamble. Throws <see cref="CandleDataException"/>
    /// (missing-column) when the requested or detected layout's columns are not there.
    /// </summary>
    public static CandleFileLayout Resolve(CandleFileFormat requested, string[] firstRecord, int line, CandleFileSniff sniff, string path)
    {
        var hasHeader = !LooksLikeData(firstRecord);
        var normalized = hasHeader ? firstRecord.Select(Normalize).ToArray() : [];
        var format = requested == CandleFileFormat.Auto ? Detect(hasHeader, normalized, firstRecord.Length, sniff, path, line) : requested;
        return format switch
        {
            CandleFileFormat.BinanceKlines => Binance(hasHeader, firstRecord, path, line),
            CandleFileFormat.Native => Native(hasHeader, firstRecord, normalized, path, line),
            _ => ByName(format, hasHeader, firstRecord, normalized, path, line),
        };
    }

    /// <summary>Lower-case letters and digits only, so <c>Open Time</c>, <c>open_time</c> and <c>OpenTime</c> match.</summary>
    internal static string Normalize(string name) =>
        new([.. name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static bool LooksLikeData(string[] record) =>
        record.Length > 0 && CandleTimestamp.TryParse(record[0], out _);

    private static CandleFileFormat Detect(bool hasHeader, string[] normalized, int fieldCount, CandleFileSniff sniff, string path, int line)
    {
        if (!hasHeader)
        {
            return fieldCount == BinanceColumnNames.Length
                ? CandleFileFormat.BinanceKlines
                : throw new CandleDataException(
                    path,
                    line,
                    CandleDataRule.MissingColumn,
                    $"the first line has no header and {fieldCount} columns; only Binance kline dumps (12 columns) may omit the header row, "
                    + "other files need one naming timestamp, open, high, low, close and volume.");
        }

        if (normalized.Length == BinanceColumnNames.Length && normalized[0] == "opentime" && normalized.Contains("closetime"))
        {
            return CandleFileFormat.BinanceKlines;
        }

        if (sniff.MentionsCryptoDataDownload
            || (normalized.Contains("symbol") && (normalized.Contains("unix") || normalized.Contains("unixtimestamp"))))
        {
            return CandleFileFormat.CryptoDataDownload;
        }

        if (normalized.AsSpan().StartsWith(YahooHeader))
        {
            return CandleFileFormat.Yahoo;
        }

        return normalized.AsSpan().StartsWith(NativeHeader) ? CandleFileFormat.Native : CandleFileFormat.Generic;
    }

    private static CandleFileLayout Binance(bool hasHeader, string[] firstRecord, string path, int line)
    {
        if (firstRecord.Length < 6)
        {
            throw new CandleDataException(
                path,
                line,
                CandleDataRule.MissingColumn,
                $"a Binance kline file has 12 columns (open_time, open, high, low, close, volume, close_time, ...) but this line has {firstRecord.Length}.");
        }

        var names = hasHeader ? firstRecord : BinanceColumnNames[..Math.Min(firstRecord.Length, BinanceColumnNames.Length)];
        var extras = BinanceExtraIndices.Where(i => i < names.Length).Select(i => (names[i], i)).ToArray();
        return new CandleFileLayout(CandleFileFormat.BinanceKlines, hasHeader, names, 0, 1, 2, 3, 4, 5, -1, extras);
    }

    private static CandleFileLayout Native(bool hasHeader, string[] firstRecord, string[] normalized, string path, int line)
    {
        if (!hasHeader || !normalized.AsSpan().StartsWith(NativeHeader))
        {
            throw new CandleDataException(
                path,
                line,
                CandleDataRule.MissingColumn,
                $"the native layout starts with the header 'timestamp,open,high,low,close,volume' but this line is '{string.Join(',', firstRecord)}'.");
        }

        return new CandleFileLayout(CandleFileFormat.Native, true, firstRecord, 0, 1, 2, 3, 4, 5, -1, ExtraColumns(firstRecord, normalized, [0, 1, 2, 3, 4, 5]));
    }

    private static CandleFileLayout ByName(CandleFileFormat format, bool hasHeader, string[] firstRecord, string[] normalized, string path, int line)
    {
        if (!hasHeader)
        {
            throw new CandleDataException(
                path,
                line,
                CandleDataRule.MissingColumn,
                $"the {format} layout needs a header row naming its columns, but the first line is data: '{string.Join(',', firstRecord)}'.");
        }

        var time = TimeAliases.Select(alias => Array.IndexOf(normalized, alias)).FirstOrDefault(i => i >= 0, -1);
        var open = Array.IndexOf(normalized, "open");
        var high = Array.IndexOf(normalized, "high");
        var low = Array.IndexOf(normalized, "low");
        var close = Array.IndexOf(normalized, "close");
        // CryptoDataDownload names volumes by asset (Volume BTC, Volume USDT), base asset first.
        var volume = Array.IndexOf(normalized, "volume");
        if (volume < 0)
        {
            volume = Array.FindIndex(normalized, n => n.StartsWith("volume", StringComparison.Ordinal));
        }

        var missing = new List<string>();
        AddIfMissing(missing, time, "time (time, timestamp, date, datetime, open_time or unix)");
        AddIfMissing(missing, open, "open");
        AddIfMissing(missing, high, "high");
        AddIfMissing(missing, low, "low");
        AddIfMissing(missing, close, "close");
        AddIfMissing(missing, volume, "volume");
        if (missing.Count > 0)
        {
            throw new CandleDataException(
                path,
                line,
                CandleDataRule.MissingColumn,
                $"no column for {string.Join(", ", missing)} in the header '{string.Join(',', firstRecord)}' (names are matched case-insensitively).");
        }

        var symbol = Array.IndexOf(normalized, "symbol");
        int[] used = [time, open, high, low, close, volume, symbol];
        return new CandleFileLayout(format, true, firstRecord, time, open, high, low, close, volume, symbol, ExtraColumns(firstRecord, normalized, used));
    }

    private static void AddIfMissing(List<string> missing, int index, string name)
    {
        if (index < 0)
        {
            missing.Add(name);
        }
    }

    private static (string Name, int Index)[] ExtraColumns(string[] names, string[] normalized, int[] used)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var extras = new List<(string, int)>();
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i].Trim();
            if (!used.Contains(i) && name.Length > 0 && !NonFeatureColumns.Contains(normalized[i]) && seen.Add(name))
            {
                extras.Add((name, i));
            }
        }

        return [.. extras];
    }
}

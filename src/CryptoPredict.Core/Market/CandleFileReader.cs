using System.Globalization;
using CsvHelper;

namespace CryptoPredict.Core.Market;

/// <summary>
/// Loads a candle file in any supported layout (see <see cref="CandleFileFormat"/>) into a validated
/// <see cref="CandleSeries"/>, with a <see cref="DataQualityReport"/> of what was found. Bad data stops the
/// load with a <see cref="CandleDataException"/> naming the file, line and rule; nothing is silently repaired
/// except what the report lists (reversed order, identical duplicates, filled gaps when asked).
/// </summary>
public static class CandleFileReader
{
    private const string UnknownSymbol = "UNKNOWN";

    public static CandleLoadResult Read(string path) => Read(path, CandleReadOptions.Default);

    public static CandleLoadResult Read(string path, CandleReadOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new CandleWarnings(path);
        var (layout, parser) = Parse(path, options.Format);
        var keptExtras = parser.NumericExtras(warnings);
        var ordered = CandleRowOrdering.Apply(parser.Rows, keptExtras, path, warnings);

        var hasNameParts = CandleFileName.TryParse(path, out var nameSymbol, out var nameInterval);
        var interval = CandleIntervalDetector.Detect(ordered.Times, ordered.Lines, options.Interval, hasNameParts ? nameInterval : null, path);
        var symbol = ResolveSymbol(options.Symbol, parser.Symbol, nameSymbol, path, warnings);

        var extras = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        for (var e = 0; e < keptExtras.Length; e++)
        {
            extras.Add(layout.Extras[keptExtras[e]].Name, ordered.Extras[e]);
        }

        var series = new CandleSeries(symbol, interval, ordered.Times, ordered.Open, ordered.High, ordered.Low, ordered.Close, ordered.Volume, extras);
        var gaps = new GapMap(series).Gaps;
        var rowsKept = series.Count;
        var filled = 0;
        if (options.FillGaps)
        {
            series = series.FillGaps();
            filled = series.Count - rowsKept;
        }

        var partialBuckets = 0;
        if (options.ResampleTo is { } target)
        {
            series = series.Resample(target, out partialBuckets);
        }

        var report = new DataQualityReport
        {
            File = path,
            Format = layout.Format,
            Symbol = symbol,
            RowsRead = parser.Rows.Count,
            RowsKept = rowsKept,
            Candles = series.Count,
            FirstTime = series.Count > 0 ? series.OpenTimes[0] : null,
            LastTime = series.Count > 0 ? series.OpenTimes[^1] : null,
            Interval = interval,
            Gaps = gaps,
            DuplicatesDropped = ordered.DuplicatesDropped,
            Reversed = ordered.Reversed,
            FilledCandles = filled,
            ResampledTo = options.ResampleTo,
            PartialBucketsDropped = partialBuckets,
            ExtraColumns = [.. series.ExtraColumns.Keys],
            Warnings = warnings.ToList(),
        };
        return new CandleLoadResult(series, report);
    }

    private static (CandleFileLayout Layout, CandleRowParser Parser) Parse(string path, CandleFileFormat format)
    {
        var sniff = CandleFileSniff.Of(path);
        var options = new CsvReaderOptions
        {
            Separator = sniff.Delimiter,
            // The header is recognised here, not by CsvHelper: Binance dumps usually have none and
            // CryptoDataDownload puts a URL line above it.
            HasHeader = false,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            // No candle field holds a line break; without this an unclosed quote would join the rest of the file into one record.
            AllowLineBreaksInQuotes = false,
            FormatProvider = CultureInfo.InvariantCulture,
        };

        using var csv = CsvReader.Create(CandleFileInput.Open(path), options, leaveOpen: false);
        CandleFileLayout? layout = null;
        CandleRowParser? rows = null;
        var skipPreamble = sniff.HasPreamble;
        while (csv.Read())
        {
            var line = checked((int)csv.LineNumber);
            if (csv.FieldCount > CandleFileLimits.MaxFields)
            {
                throw new CandleDataException(path, line, CandleDataRule.TooManyFields,
                    $"the line has {csv.FieldCount} fields, more than the {CandleFileLimits.MaxFields} a candle file may have.");
            }

            if (skipPreamble)
            {
                skipPreamble = false;
                continue;
            }

            if (layout is null)
            {
                layout = CandleFileLayouts.Resolve(format, csv.Current.ToArray(), line, sniff, path);
                rows = new CandleRowParser(layout, path);
                if (layout.HasHeader)
                {
                    continue;
                }
            }

            rows!.Add(csv, line);
        }

        if (layout is null || rows is null || rows.Rows.Count == 0)
        {
            throw new CandleDataException(path, null, CandleDataRule.EmptyFile,
                layout is null ? "the file holds no lines." : "the file holds no candle rows after its header.");
        }

        return (layout, rows);
    }

    private static string ResolveSymbol(string? requested, string? fromColumn, string? fromName, string path, CandleWarnings warnings)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return requested;
        }

        // CryptoDataDownload writes pairs as BTC/USDT; the project spells them BTCUSDT.
        var cleaned = fromColumn is null ? string.Empty : new string([.. fromColumn.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        if (cleaned.Length > 0)
        {
            return cleaned;
        }

        if (fromName is not null)
        {
            return fromName;
        }

        warnings.Add(null, CandleDataRule.UnknownSymbol, $"no symbol in the options, the file or its name (SYMBOL_INTERVAL.csv); using {UnknownSymbol}.");
        return UnknownSymbol;
    }
}

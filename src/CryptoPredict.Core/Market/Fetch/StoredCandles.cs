using System.Globalization;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Market.Binance;

namespace CryptoPredict.Core.Market.Fetch;

/// <summary>
/// The candles already in the file a fetch extends, read and validated with the same rules as every other reader,
/// and the check that a fetched candle agrees with the stored one of the same open time.
/// </summary>
internal sealed class StoredCandles
{
    private StoredCandles(string path, CandleSeries series)
    {
        Path = path;
        Series = series;
    }

    public string Path { get; }

    public CandleSeries Series { get; }

    public DateTime First => Series.OpenTimes[0];

    public DateTime Last => Series.OpenTimes[^1];

    /// <summary>
    /// Reads <paramref name="path"/>. Only a native file of plain candles can be extended by appending rows: any
    /// other layout, extra columns or newest-first order is refused, naming what is there.
    /// </summary>
    public static StoredCandles Read(string path, string symbol, CandleInterval interval)
    {
        var loaded = CandleFileReader.Read(path, new CandleReadOptions { Symbol = symbol, Interval = interval });
        var report = loaded.Report;
        string? problem = null;
        if (report.Format != CandleFileFormat.Native)
        {
            problem = $"it is in the {report.Format} layout";
        }
        else if (report.ExtraColumns.Count > 0)
        {
            problem = $"it has extra columns ({string.Join(", ", report.ExtraColumns)}) that fetched candles cannot fill";
        }
        else if (report.Reversed)
        {
            problem = "it runs newest first";
        }

        if (problem is not null)
        {
            throw new RequestException(FailureKind.BadData,
                $"{path}: fetch appends rows to files in the native layout ({NativeCandleRows.Header}, oldest first), but {problem}; "
                + "convert it with preprocess or move it away to fetch the series anew.",
                path);
        }

        return new StoredCandles(path, loaded.Series);
    }

    /// <summary>True when <paramref name="kline"/> opens at or before the last stored candle (it must then match the stored one, if any).</summary>
    public bool Covers(Kline kline) => kline.OpenTime <= Last;

    /// <summary>
    /// Compares a fetched candle with the stored one of its open time: false when none is stored there (a gap of the
    /// file the service can fill is still not rewritten), an error naming the candle and field when they differ.
    /// </summary>
    public bool Verify(Kline kline, Uri source)
    {
        var index = Series.OpenTimes.BinarySearch(kline.OpenTime);
        if (index < 0)
        {
            return false;
        }

        var stored = Series[index];
        var fetched = kline.Candle;
        var differences = new (string Field, double Stored, double Fetched)[]
        {
            ("open", stored.Open, fetched.Open),
            ("high", stored.High, fetched.High),
            ("low", stored.Low, fetched.Low),
            ("close", stored.Close, fetched.Close),
            ("volume", stored.Volume, fetched.Volume),
        }.Where(d => d.Stored != d.Fetched).ToArray();
        if (differences.Length == 0)
        {
            return true;
        }

        var (field, was, now) = differences[0];
        var more = differences.Length > 1 ? $" (and {string.Join(", ", differences.Skip(1).Select(d => d.Field))} differ too)" : "";
        throw new RequestException(FailureKind.BadData,
            $"{Path}: the stored candle {KlineParser.Iso(kline.OpenTime)} has {field} {Format(was)}, but {source.Host} has {Format(now)}{more}. "
            + "fetch never rewrites stored candles: check that the file holds this symbol and interval from this service, "
            + "or move it away to fetch the series anew.",
            Path);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace CryptoPredict.Core.Market;

/// <summary>
/// Candles as <see cref="CandleSource"/> delivered them: the series at the requested interval, the file it came from
/// and that file's interval, and what resampling dropped.
/// </summary>
public sealed record CandleSourceResult
{
    public required CandleSeries Series { get; init; }

    /// <summary>The file read, as found (the data folder's full path, or <c>--data</c> as given).</summary>
    public required string Path { get; init; }

    /// <summary>The interval of the file's candles.</summary>
    public required CandleInterval SourceInterval { get; init; }

    /// <summary>Candles of the file (after gap filling, before resampling).</summary>
    public required int SourceCandles { get; init; }

    /// <summary>What loading the file found; after resampling its candle count, range and <c>resampled_to</c> are the series'.</summary>
    public required DataQualityReport Report { get; init; }

    /// <summary>Buckets resampling dropped because they lacked some of their candles (the range's cut ends and gaps).</summary>
    public int PartialBucketsDropped { get; init; }

    /// <summary>
    /// Open times of the buckets dropped for candles missing inside the file's range (not at its ends): the resampled
    /// series has a gap at each, which windows do not span, as for a gap in a file.
    /// </summary>
    public IReadOnlyList<DateTime> GapBuckets { get; init; } = [];

    /// <summary>What the caller should tell the user: the file's load warnings, then what finding and resampling noticed.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool IsResampled => Series.Interval != SourceInterval;

    /// <summary>The file's name without its folder, as model.json records it.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The file, and when resampled from what to what: how an error about these candles names them.</summary>
    public string Origin => IsResampled ? $"{Path} (resampled from {SourceInterval} to {Series.Interval})" : Path;

    /// <summary>One line for the log: what was read, from where, and what resampling made of it.</summary>
    public string Describe()
    {
        var range = Series.Count == 0
            ? "no candles"
            : string.Create(CultureInfo.InvariantCulture, $"{Series.OpenTimes[0]:yyyy-MM-dd HH:mm} .. {Series.OpenTimes[^1]:yyyy-MM-dd HH:mm} UTC");
        return IsResampled
            ? string.Create(CultureInfo.InvariantCulture,
                $"resampled {SourceCandles:N0} {SourceInterval} candles from {Path} to {Series.Count:N0} {Series.Interval} candles of {Series.Symbol} ({range}), " +
                $"{PartialBucketsDropped} partial bucket{(PartialBucketsDropped == 1 ? "" : "s")} dropped")
            : string.Create(CultureInfo.InvariantCulture, $"read {Series.Count:N0} candles of {Series.Symbol} {Series.Interval} from {Path} ({range})");
    }
}

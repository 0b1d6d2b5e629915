using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoPredict.Core.Market;

/// <summary>
/// What loading a candle file found and did: the numbers a user needs to trust (or distrust) the data.
/// Serialised with snake_case names and UTC ISO-8601 times by <see cref="ToJson"/>.
/// </summary>
public sealed record DataQualityReport
{
    private static readonly JsonSerializerOptions JsonOptions = CreateJsonOptions();

    /// <summary>The file as the caller named it.</summary>
    public required string File { get; init; }

    /// <summary>The layout used (detected or forced).</summary>
    public required CandleFileFormat Format { get; init; }

    public required string Symbol { get; init; }

    /// <summary>Data rows in the file (header and preamble lines excluded).</summary>
    public required int RowsRead { get; init; }

    /// <summary>Rows kept after dropping identical duplicates.</summary>
    public required int RowsKept { get; init; }

    /// <summary>Candles in the returned series (after filling gaps and resampling).</summary>
    public required int Candles { get; init; }

    /// <summary>Open time of the first candle of the returned series (null when it is empty).</summary>
    public DateTime? FirstTime { get; init; }

    /// <summary>Open time of the last candle of the returned series (null when it is empty).</summary>
    public DateTime? LastTime { get; init; }

    /// <summary>Interval of the file's candles.</summary>
    [JsonConverter(typeof(CandleIntervalJsonConverter))]
    public required CandleInterval Interval { get; init; }

    /// <summary>Missing candles in the file, oldest first (reported even when they were filled).</summary>
    public required IReadOnlyList<CandleGap> Gaps { get; init; }

    public int MissingCandles => Gaps.Sum(g => g.MissingCount);

    public required int DuplicatesDropped { get; init; }

    /// <summary>True when the file was newest-first and its rows were reversed.</summary>
    public required bool Reversed { get; init; }

    /// <summary>Candles inserted by forward-filling gaps.</summary>
    public required int FilledCandles { get; init; }

    /// <summary>Interval the series was resampled to, if any.</summary>
    [JsonConverter(typeof(CandleIntervalJsonConverter))]
    public CandleInterval? ResampledTo { get; init; }

    /// <summary>Buckets dropped by resampling because some of their source candles were missing.</summary>
    public int PartialBucketsDropped { get; init; }

    /// <summary>Extra numeric columns kept in the series.</summary>
    public required IReadOnlyList<string> ExtraColumns { get; init; }

    /// <summary>Things a user should know that did not stop the load, each <c>FILE:LINE: rule: explanation</c>.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static DataQualityReport FromJson(string json) =>
        JsonSerializer.Deserialize<DataQualityReport>(json, JsonOptions)
        ?? throw new JsonException("A data-quality report cannot be the JSON literal null.");

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new UtcDateTimeJsonConverter());
        return options;
    }
}

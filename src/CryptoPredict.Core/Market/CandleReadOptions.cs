namespace CryptoPredict.Core.Market;

/// <summary>How <see cref="CandleFileReader"/> reads a file. The defaults detect everything from the file.</summary>
public sealed record CandleReadOptions
{
    public static CandleReadOptions Default { get; } = new();

    /// <summary>Force a layout instead of detecting it.</summary>
    public CandleFileFormat Format { get; init; } = CandleFileFormat.Auto;

    /// <summary>Symbol of the series; when null it comes from the file (symbol column) or its name (<c>SYMBOL_INTERVAL.csv</c>).</summary>
    public string? Symbol { get; init; }

    /// <summary>
    /// Expected interval. When set, every spacing must be a multiple of it and at least one must equal it;
    /// when null the interval is detected (most common spacing).
    /// </summary>
    public CandleInterval? Interval { get; init; }

    /// <summary>Forward-fill missing candles (open = high = low = close = previous close, volume 0) instead of only reporting them.</summary>
    public bool FillGaps { get; init; }

    /// <summary>Resample the loaded series to this coarser interval (partial buckets dropped).</summary>
    public CandleInterval? ResampleTo { get; init; }
}

namespace CryptoPredict.Core.Market;

/// <summary>
/// Which candles a verb wants: a symbol at an interval, from <see cref="DataFile"/> when given, else from the data
/// folder. <see cref="CandleSource.Read"/> finds the file, reads it with the file rules and, when the file holds a
/// finer interval, resamples it to <see cref="Interval"/>.
/// </summary>
public sealed record CandleSourceRequest
{
    public required string Symbol { get; init; }

    /// <summary>The interval the caller works at; a finer file is resampled to it.</summary>
    public required CandleInterval Interval { get; init; }

    /// <summary>Folder of <c>SYMBOL_INTERVAL.csv</c> files, looked in when <see cref="DataFile"/> is null.</summary>
    public required string DataDir { get; init; }

    /// <summary>A candle file to read instead of looking in <see cref="DataDir"/> (<c>--data</c>).</summary>
    public string? DataFile { get; init; }

    /// <summary>
    /// With <see cref="DataFile"/>: whether <see cref="Symbol"/> is imposed on the file (when false its own symbol is
    /// kept). Files of the data folder always carry the symbol their name gives.
    /// </summary>
    public bool EnforceSymbol { get; init; } = true;

    /// <summary>
    /// With <see cref="DataFile"/>: whether the candles must come out at <see cref="Interval"/> (the file's own, or
    /// resampled from a finer one). When false the file's interval is detected and kept.
    /// </summary>
    public bool EnforceInterval { get; init; } = true;

    /// <summary>
    /// The interval of the file a model was trained from (its model.json's <c>source</c>): in the data folder that
    /// file is read and resampled first, so a model sees the same kind of candles it was trained on.
    /// </summary>
    public CandleInterval? PreferredSource { get; init; }

    /// <summary>Force a layout instead of detecting it.</summary>
    public CandleFileFormat Format { get; init; } = CandleFileFormat.Auto;

    /// <summary>Forward-fill missing candles of the file before anything else (see <see cref="CandleGapFiller"/>).</summary>
    public bool FillGaps { get; init; }
}

namespace CryptoPredict.Core.Market;

/// <summary>
/// Stable ids of the rules a candle file can break. They appear in <see cref="CandleDataException.Rule"/>
/// and in error messages, so scripts and tests can rely on them; never rename one.
/// </summary>
public static class CandleDataRule
{
    public const string EmptyFile = "empty-file";

    /// <summary>The path is a folder, a pipe or a device, not a saved file.</summary>
    public const string NotAFile = "not-a-file";

    /// <summary>A NUL or other control byte (tab, CR and LF aside): the file is not text.</summary>
    public const string BinaryData = "binary-data";

    /// <summary>A line longer than <see cref="CandleFileLimits.MaxLineBytes"/>.</summary>
    public const string LineTooLong = "line-too-long";

    /// <summary>A header or row with more than <see cref="CandleFileLimits.MaxFields"/> fields.</summary>
    public const string TooManyFields = "too-many-fields";

    /// <summary>A row whose field count differs from the header's (trailing empty fields aside).</summary>
    public const string FieldCount = "field-count";

    public const string MissingColumn = "missing-column";
    public const string UnparsableNumber = "unparsable-number";
    public const string UnparsableTime = "unparsable-time";
    public const string NotFinite = "not-finite";
    public const string NonPositivePrice = "non-positive-price";
    public const string NegativeVolume = "negative-volume";
    public const string HighBelowBody = "high-below-body";
    public const string LowAboveBody = "low-above-body";
    public const string OutOfOrder = "out-of-order";
    public const string DuplicateConflict = "duplicate-conflict";
    public const string IrregularSpacing = "irregular-spacing";

    /// <summary>Two candles of a list that must hold each open time once (a request's candles) share one.</summary>
    public const string DuplicateTime = "duplicate-time";

    /// <summary>The file's spacing contradicts the interval the caller asked for.</summary>
    public const string IntervalMismatch = "interval-mismatch";

    /// <summary>A single-row file with no interval in the options or the file name.</summary>
    public const string UnknownInterval = "unknown-interval";

    /// <summary>Warning id (not an error): an exact duplicate row was dropped.</summary>
    public const string DuplicateDropped = "duplicate-dropped";

    /// <summary>Warning id (not an error): no symbol in the options, the file or its name.</summary>
    public const string UnknownSymbol = "unknown-symbol";

    /// <summary>Warning id (not an error): an extra column with non-numeric values was not kept.</summary>
    public const string ExtraColumnDropped = "extra-column-dropped";
}

namespace CryptoPredict.Core.Market;

/// <summary>
/// The file <see cref="CandleSource"/> reads for a request: its path, the interval its name in the data folder gives
/// (null for a <c>--data</c> file, detected when read), and what the search noticed on the way.
/// </summary>
public sealed record CandleLocation(string Path, CandleInterval? Interval, bool IsDataFile)
{
    /// <summary>Things the user should know about the choice, such as a model's source file being missing.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

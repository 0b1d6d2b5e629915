using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// Answers in O(1) whether a run of rows is free of gaps. A gap sits before row <c>i</c> when
/// <c>OpenTimes[i] - OpenTimes[i - 1]</c> differs from the interval. Decided from the open times
/// alone so windows and targets stay safe whatever reader produced the series.
/// </summary>
public sealed class SeriesContinuity
{
    // _breaksUpTo[i] = number of gaps between rows 0..i (a gap "before row k" counts at k).
    private readonly int[] _breaksUpTo;

    public SeriesContinuity(ReadOnlySpan<DateTime> openTimes, CandleInterval interval)
    {
        _breaksUpTo = new int[openTimes.Length];
        var expected = interval.Duration;
        var gaps = new List<int>();
        for (var i = 1; i < openTimes.Length; i++)
        {
            var isGap = openTimes[i] - openTimes[i - 1] != expected;
            if (isGap)
            {
                gaps.Add(i);
            }

            _breaksUpTo[i] = _breaksUpTo[i - 1] + (isGap ? 1 : 0);
        }

        GapRows = gaps;
    }

    public static SeriesContinuity Of(CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new SeriesContinuity(series.OpenTimes, series.Interval);
    }

    public int Count => _breaksUpTo.Length;

    /// <summary>Rows that follow a gap (the spacing to the previous row is not the interval).</summary>
    public IReadOnlyList<int> GapRows { get; }

    /// <summary>True when rows <paramref name="firstRow"/>..<paramref name="lastRow"/> (inclusive) are consecutive candles.</summary>
    public bool IsContinuous(int firstRow, int lastRow)
    {
        if (firstRow < 0 || lastRow >= Count || firstRow > lastRow)
        {
            throw new ArgumentOutOfRangeException(
                nameof(firstRow), $"Rows {firstRow}..{lastRow} are not inside 0..{Count - 1}.");
        }

        return _breaksUpTo[lastRow] == _breaksUpTo[firstRow];
    }
}

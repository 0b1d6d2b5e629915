namespace CryptoPredict.Core.Market;

/// <summary>
/// Where a series is contiguous. For every row it stores the index of the first row of its contiguous run
/// (rows exactly one interval apart), so whether a window crosses a gap is one comparison:
/// <c>[start, end]</c> is contiguous exactly when the run containing <c>end</c> began at or before <c>start</c>.
/// </summary>
public sealed class GapMap
{
    private readonly int[] _segmentStart;

    public GapMap(CandleSeries series)
        : this((series ?? throw new ArgumentNullException(nameof(series))).OpenTimes, series.Interval)
    {
    }

    /// <summary>The map of any rows with open times on <paramref name="interval"/> (e.g. a feature matrix's rows).</summary>
    public GapMap(ReadOnlySpan<DateTime> times, CandleInterval interval)
    {
        var step = interval.Duration;
        _segmentStart = new int[times.Length];
        var gaps = new List<CandleGap>();
        var segments = times.Length > 0 ? 1 : 0;
        for (var i = 1; i < times.Length; i++)
        {
            var spacing = times[i] - times[i - 1];
            if (spacing == step)
            {
                _segmentStart[i] = _segmentStart[i - 1];
                continue;
            }

            _segmentStart[i] = i;
            segments++;
            // A spacing that is not a whole number of intervals still breaks the run; it counts the grid
            // open times that lie strictly between the two rows.
            var missing = (int)((spacing.Ticks - 1) / step.Ticks);
            if (missing > 0)
            {
                var first = times[i - 1] + step;
                gaps.Add(new CandleGap(first, first + (step * (missing - 1)), missing));
            }
        }

        Gaps = gaps;
        SegmentCount = segments;
        MissingCandles = gaps.Sum(g => g.MissingCount);
    }

    /// <summary>Number of rows of the series.</summary>
    public int Count => _segmentStart.Length;

    /// <summary>Per row, the index of the first row of its contiguous run.</summary>
    public ReadOnlySpan<int> SegmentStarts => _segmentStart;

    /// <summary>Missing candles, oldest first.</summary>
    public IReadOnlyList<CandleGap> Gaps { get; }

    /// <summary>Total candles missing over all gaps.</summary>
    public int MissingCandles { get; }

    /// <summary>Number of contiguous runs (0 for an empty series).</summary>
    public int SegmentCount { get; }

    /// <summary>Index of the first row of the contiguous run that holds row <paramref name="index"/>.</summary>
    public int SegmentStart(int index) => _segmentStart[index];

    /// <summary>True when rows <paramref name="start"/> to <paramref name="endInclusive"/> have no gap between them. O(1).</summary>
    public bool IsContiguous(int start, int endInclusive)
    {
        if (start < 0 || start > endInclusive || endInclusive >= _segmentStart.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(start),
                $"Range [{start}, {endInclusive}] is not within the series' {_segmentStart.Length} rows (start must not exceed endInclusive).");
        }

        return _segmentStart[endInclusive] <= start;
    }
}

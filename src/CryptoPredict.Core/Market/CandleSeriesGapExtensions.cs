namespace CryptoPredict.Core.Market;

/// <summary>Gap queries on a series, so windows and targets can refuse to span missing candles.</summary>
public static class CandleSeriesGapExtensions
{
    /// <summary>Builds the <see cref="GapMap"/> of the series (O(n); keep it when querying many ranges).</summary>
    public static GapMap GetGapMap(this CandleSeries series) => new(series);

    /// <summary>Per row, the index of the first row of its contiguous run (see <see cref="GapMap"/>).</summary>
    public static int[] SegmentStart(this CandleSeries series) => new GapMap(series).SegmentStarts.ToArray();
}

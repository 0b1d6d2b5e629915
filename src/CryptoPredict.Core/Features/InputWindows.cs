using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// The rule for which rows of a feature matrix can end a model input: the <see cref="Length"/> rows ending there
/// exist, are consecutive candles and hold only finite values. Training samples (<see cref="WindowedDataset"/>) and
/// forecasts (<c>Forecaster</c>) both ask it, so a window the model was never trained on is never fed to it.
/// O(1) per row after one pass over the matrix.
/// </summary>
public sealed class InputWindows
{
    // _incompleteUpTo[r + 1] = number of rows 0..r holding a non-finite value.
    private readonly int[] _incompleteUpTo;

    public InputWindows(FeatureMatrix features, int windowLength)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (windowLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength, $"windowLength must be at least 1, got {windowLength}.");
        }

        Features = features;
        Length = windowLength;
        Gaps = new GapMap(features.OpenTimes, features.Interval);
        _incompleteUpTo = new int[features.RowCount + 1];
        for (var r = 0; r < features.RowCount; r++)
        {
            _incompleteUpTo[r + 1] = _incompleteUpTo[r] + (features.IsRowComplete(r) ? 0 : 1);
        }
    }

    public FeatureMatrix Features { get; }

    /// <summary>Rows per window (T).</summary>
    public int Length { get; }

    /// <summary>Where the matrix's rows are contiguous (also what a target span after the window is checked against).</summary>
    public GapMap Gaps { get; }

    /// <summary>First row of the window ending at <paramref name="endRow"/> (t - T + 1).</summary>
    public int StartRow(int endRow) => endRow - Length + 1;

    public bool IsUsable(int endRow)
    {
        var first = StartRow(endRow);
        return first >= 0
            && endRow < Features.RowCount
            && Gaps.SegmentStart(endRow) <= first
            && _incompleteUpTo[endRow + 1] == _incompleteUpTo[first];
    }

    /// <summary>Why the window ending at <paramref name="endRow"/> cannot feed the model, naming the candle at fault; null when it can.</summary>
    public string? Problem(int endRow)
    {
        if (IsUsable(endRow))
        {
            return null;
        }

        if (Features.RowCount == 0)
        {
            return $"The data has no candles; the model reads windows of {Length}.";
        }

        var time = Time(Math.Clamp(endRow, 0, Features.RowCount - 1));
        var first = StartRow(endRow);
        if (first < 0 || endRow >= Features.RowCount)
        {
            return $"The window of {Length} candles ending at {time} UTC starts before the first candle; the data needs at least " +
                $"{Length} candles after the indicators' warm-up.";
        }

        if (Gaps.SegmentStart(endRow) > first)
        {
            return $"The {Length} candles ending at {time} UTC are not contiguous: candles are missing after {Time(Gaps.SegmentStart(endRow) - 1)} UTC. " +
                "Fill the gap (preprocess --fill-gaps) or wait for enough candles after it.";
        }

        var incomplete = Enumerable.Range(first, Length).First(r => !Features.IsRowComplete(r));
        return $"The window ending at {time} UTC includes {Time(incomplete)} UTC, where some features are still undefined " +
            "(indicator warm-up or a missing value); the data needs more history.";
    }

    private string Time(int row) => Features.OpenTimes[row].ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

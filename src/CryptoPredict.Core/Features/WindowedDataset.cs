namespace CryptoPredict.Core.Features;

/// <summary>
/// Sliding windows over a feature matrix: sample i has input rows t-T+1..t (T = window length,
/// t = <see cref="EndRow"/>) and the targets of row t, which read rows t+1..t+h. A sample exists only
/// where all of rows t-T+1..t+h are consecutive candles (no gap inside the window nor inside the
/// target span), every input value is finite and every target is defined.
/// </summary>
public sealed class WindowedDataset
{
    private readonly int[] _endRows;

    public WindowedDataset(FeatureMatrix features, TargetMatrix targets, int windowLength, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (windowLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength, $"windowLength must be at least 1, got {windowLength}.");
        }

        if (stride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"stride must be at least 1, got {stride}.");
        }

        if (targets.RowCount != features.RowCount)
        {
            throw new ArgumentException(
                $"targets have {targets.RowCount} rows but features have {features.RowCount}; both must come from the same series.",
                nameof(targets));
        }

        Features = features;
        Targets = targets;
        WindowLength = windowLength;
        Stride = stride;
        _endRows = FindEndRows(features, targets, windowLength, stride);
    }

    public FeatureMatrix Features { get; }

    public TargetMatrix Targets { get; }

    public int WindowLength { get; }

    public int Stride { get; }

    /// <summary>Candles after the last input row that a target reads (the largest target horizon).</summary>
    public int Horizon => Targets.Horizon;

    public int Count => _endRows.Length;

    /// <summary>End rows t of all samples, increasing.</summary>
    public IReadOnlyList<int> EndRows => _endRows;

    public int EndRow(int sample) => _endRows[sample];

    /// <summary>First input row of a sample (t - T + 1).</summary>
    public int StartRow(int sample) => _endRows[sample] - WindowLength + 1;

    /// <summary>The sample's input, T rows of <see cref="FeatureMatrix.ColumnCount"/> values, row-major.</summary>
    public ReadOnlySpan<double> Input(int sample) => Features.Rows(StartRow(sample), WindowLength);

    public ReadOnlySpan<double> Target(int sample) => Targets.Row(_endRows[sample]);

    /// <summary>Open time of the sample's last input candle, whose close the price targets are relative to.</summary>
    public DateTime EndTime(int sample) => Features.OpenTimes[_endRows[sample]];

    private static int[] FindEndRows(FeatureMatrix features, TargetMatrix targets, int windowLength, int stride)
    {
        var rows = features.RowCount;
        var continuity = new SeriesContinuity(features.OpenTimes, features.Interval);

        // incompleteUpTo[r + 1] = number of rows 0..r holding a non-finite feature value.
        var incompleteUpTo = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            incompleteUpTo[r + 1] = incompleteUpTo[r] + (features.IsRowComplete(r) ? 0 : 1);
        }

        var horizon = targets.Horizon;
        var result = new List<int>();
        var valid = 0;
        for (var t = windowLength - 1; t + horizon < rows; t++)
        {
            var first = t - windowLength + 1;
            if (!continuity.IsContinuous(first, t + horizon)
                || incompleteUpTo[t + 1] != incompleteUpTo[first]
                || !targets.IsRowComplete(t))
            {
                continue;
            }

            // The stride counts valid samples, so after a gap sampling resumes at once.
            if (valid++ % stride == 0)
            {
                result.Add(t);
            }
        }

        return result.ToArray();
    }
}

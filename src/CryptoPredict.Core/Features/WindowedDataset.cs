namespace CryptoPredict.Core.Features;

/// <summary>
/// Sliding windows over a feature matrix: sample i has input rows t-T+1..t (T = window length,
/// t = <see cref="EndRow"/>) and the targets of row t, which read rows t+1..t+h. A sample exists only
/// where all of rows t-T+1..t+h are consecutive candles (no gap inside the window nor inside the
/// target span), every input value is finite and every target is defined: the window rule of
/// <see cref="InputWindows"/> plus a contiguous, defined target.
/// </summary>
public sealed class WindowedDataset
{
    private readonly int[] _endRows;

    public WindowedDataset(FeatureMatrix features, TargetMatrix targets, int windowLength, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
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

        Windows = new InputWindows(features, windowLength);
        Targets = targets;
        Stride = stride;
        _endRows = FindEndRows(Windows, targets, stride);
    }

    public FeatureMatrix Features => Windows.Features;

    /// <summary>The input-window rule the samples obey, the same one forecasts are checked against.</summary>
    public InputWindows Windows { get; }

    public TargetMatrix Targets { get; }

    public int WindowLength => Windows.Length;

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

    private static int[] FindEndRows(InputWindows windows, TargetMatrix targets, int stride)
    {
        var rows = windows.Features.RowCount;
        var horizon = targets.Horizon;
        var result = new List<int>();
        var valid = 0;
        for (var t = windows.Length - 1; t + horizon < rows; t++)
        {
            if (!windows.IsUsable(t) || !windows.Gaps.IsContiguous(t, t + horizon) || !targets.IsRowComplete(t))
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

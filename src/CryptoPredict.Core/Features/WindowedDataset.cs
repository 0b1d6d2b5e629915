using CryptoPredict.Core.Market;
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

    /// <summary>
    /// Copies the inputs of <paramref name="samples"/> as one [samples, T, features] float block, scaled by
    /// <paramref name="scaler"/> when given (the layout a batch tensor is built from).
    /// </summary>
    public void CopyInputs(IReadOnlyList<int> samples, FeatureScaler? scaler, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var size = WindowLength * Features.ColumnCount;
        RequireBatch(samples.Count, size, destination.Length, scaler?.ColumnCount, Features.ColumnCount);
        Span<double> scaled = new double[size];
        for (var i = 0; i < samples.Count; i++)
        {
            Copy(Input(samples[i]), scaler, scaled, destination.Slice(i * size, size));
        }
    }

    /// <summary>Copies the targets of <paramref name="samples"/> as one [samples, targets] float block.</summary>
    public void CopyTargets(IReadOnlyList<int> samples, FeatureScaler? scaler, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var size = Targets.ColumnCount;
        RequireBatch(samples.Count, size, destination.Length, scaler?.ColumnCount, Targets.ColumnCount);
        Span<double> scaled = new double[size];
        for (var i = 0; i < samples.Count; i++)
        {
            Copy(Target(samples[i]), scaler, scaled, destination.Slice(i * size, size));
        }
    }

    private static void Copy(ReadOnlySpan<double> source, FeatureScaler? scaler, Span<double> buffer, Span<float> destination)
    {
        if (scaler is not null)
        {
            scaler.Transform(source, buffer);
            source = buffer;
        }

        for (var k = 0; k < source.Length; k++)
        {
            destination[k] = (float)source[k];
        }
    }

    private static void RequireBatch(int samples, int sampleSize, int destinationLength, int? scalerColumns, int columns)
    {
        if (scalerColumns is { } width && width != columns)
        {
            throw new ArgumentException($"The scaler has {width} columns but the data has {columns}.", nameof(scalerColumns));
        }

        if (destinationLength != samples * sampleSize)
        {
            throw new ArgumentException(
                $"The destination holds {destinationLength} values but {samples} samples of {sampleSize} need {samples * sampleSize}.", nameof(destinationLength));
        }
    }

    private static int[] FindEndRows(FeatureMatrix features, TargetMatrix targets, int windowLength, int stride)
    {
        var rows = features.RowCount;
        var continuity = new GapMap(features.OpenTimes, features.Interval);

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
            if (!continuity.IsContiguous(first, t + horizon)
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

namespace CryptoPredict.Core.Features;

/// <summary>
/// Target values aligned with the candle rows (row t holds the targets of a sample ending at t),
/// row-major with one column per <see cref="TargetSpec"/>; NaN where a target is undefined.
/// </summary>
public sealed class TargetMatrix
{
    private readonly double[] _values;

    public TargetMatrix(IReadOnlyList<TargetSpec> specs, double[] rowMajorValues, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(rowMajorValues);
        if (specs.Count == 0)
        {
            throw new ArgumentException("A target matrix needs at least one target.", nameof(specs));
        }

        if (rowMajorValues.Length != specs.Count * rowCount)
        {
            throw new ArgumentException(
                $"{rowMajorValues.Length} values do not fill {rowCount} rows of {specs.Count} targets.", nameof(rowMajorValues));
        }

        Specs = specs.ToArray();
        ColumnNames = Specs.Select(s => s.Name).ToArray();
        Horizon = Specs.Max(s => s.Horizon);
        RowCount = rowCount;
        _values = rowMajorValues;
    }

    public IReadOnlyList<TargetSpec> Specs { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public int ColumnCount => Specs.Count;

    public int RowCount { get; }

    /// <summary>The farthest candle any target reads, in candles after the sample's last input row.</summary>
    public int Horizon { get; }

    public ReadOnlySpan<double> Values => _values;

    public double this[int row, int column] => _values[(row * ColumnCount) + column];

    public ReadOnlySpan<double> Row(int row) => _values.AsSpan(row * ColumnCount, ColumnCount);

    public bool IsRowComplete(int row)
    {
        foreach (var value in Row(row))
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}

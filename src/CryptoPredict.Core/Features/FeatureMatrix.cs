using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// Feature values of a candle series, one row per candle (aligned with the series, warm-up rows
/// included as NaN) and one column per feature, stored row-major so a window of consecutive rows
/// is one contiguous span.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly double[] _values;
    private readonly DateTime[] _openTimes;
    private readonly Dictionary<string, int> _columnIndex;

    /// <remarks>The matrix takes ownership of the arrays (no copy); callers must not change them afterwards.</remarks>
    public FeatureMatrix(IReadOnlyList<string> columnNames, double[] rowMajorValues, DateTime[] openTimes, CandleInterval interval)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(rowMajorValues);
        ArgumentNullException.ThrowIfNull(openTimes);
        if (columnNames.Count == 0)
        {
            throw new ArgumentException("A feature matrix needs at least one column.", nameof(columnNames));
        }

        if (rowMajorValues.Length != columnNames.Count * openTimes.Length)
        {
            throw new ArgumentException(
                $"{rowMajorValues.Length} values do not fill {openTimes.Length} rows of {columnNames.Count} columns.",
                nameof(rowMajorValues));
        }

        _columnIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < columnNames.Count; c++)
        {
            if (!_columnIndex.TryAdd(columnNames[c], c))
            {
                throw new ArgumentException($"Column name '{columnNames[c]}' appears twice.", nameof(columnNames));
            }
        }

        ColumnNames = columnNames.ToArray();
        _values = rowMajorValues;
        _openTimes = openTimes;
        Interval = interval;
        FirstCompleteRow = FindFirstCompleteRow();
    }

    /// <summary>Builds a matrix from one array per column (each as long as <paramref name="openTimes"/>).</summary>
    public static FeatureMatrix FromColumns(
        IReadOnlyList<string> columnNames, IReadOnlyList<double[]> columns, DateTime[] openTimes, CandleInterval interval)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(openTimes);
        if (columns.Count != columnNames.Count)
        {
            throw new ArgumentException($"{columns.Count} columns for {columnNames.Count} names.", nameof(columns));
        }

        var rows = openTimes.Length;
        var width = columns.Count;
        var values = new double[rows * width];
        for (var c = 0; c < width; c++)
        {
            var column = columns[c];
            if (column.Length != rows)
            {
                throw new ArgumentException(
                    $"Column '{columnNames[c]}' has {column.Length} values but there are {rows} rows.", nameof(columns));
            }

            for (var r = 0; r < rows; r++)
            {
                values[(r * width) + c] = column[r];
            }
        }

        return new FeatureMatrix(columnNames, values, openTimes, interval);
    }

    public IReadOnlyList<string> ColumnNames { get; }

    public int ColumnCount => ColumnNames.Count;

    public int RowCount => _openTimes.Length;

    public CandleInterval Interval { get; }

    public ReadOnlySpan<DateTime> OpenTimes => _openTimes;

    /// <summary>All values, row-major: value (row r, column c) is at <c>r * ColumnCount + c</c>.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>
    /// The first row in which every feature is a finite number: the rows before it are indicator
    /// warm-up. Equals <see cref="RowCount"/> when no row is complete.
    /// </summary>
    public int FirstCompleteRow { get; }

    public double this[int row, int column] => _values[(row * ColumnCount) + column];

    public ReadOnlySpan<double> Row(int row) => _values.AsSpan(row * ColumnCount, ColumnCount);

    /// <summary>Rows <paramref name="firstRow"/>..firstRow+count-1 as one row-major span.</summary>
    public ReadOnlySpan<double> Rows(int firstRow, int count) => _values.AsSpan(firstRow * ColumnCount, count * ColumnCount);

    public int ColumnIndex(string name) =>
        _columnIndex.TryGetValue(name, out var index)
            ? index
            : throw new KeyNotFoundException($"No feature column '{name}'; columns are: {string.Join(", ", ColumnNames)}.");

    public double[] Column(string name) => Column(ColumnIndex(name));

    public double[] Column(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
        var result = new double[RowCount];
        for (var r = 0; r < result.Length; r++)
        {
            result[r] = _values[(r * ColumnCount) + column];
        }

        return result;
    }

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

    /// <summary>A copy without the warm-up rows (those before <see cref="FirstCompleteRow"/>).</summary>
    public FeatureMatrix DropWarmUp()
    {
        var start = FirstCompleteRow;
        return new FeatureMatrix(
            ColumnNames,
            _values.AsSpan(start * ColumnCount).ToArray(),
            _openTimes.AsSpan(start).ToArray(),
            Interval);
    }

    private int FindFirstCompleteRow()
    {
        for (var r = 0; r < RowCount; r++)
        {
            if (IsRowComplete(r))
            {
                return r;
            }
        }

        return RowCount;
    }
}

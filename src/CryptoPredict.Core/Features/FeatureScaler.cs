using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoPredict.Core.Features;

/// <summary>
/// A per-column affine scaler <c>x' = (x - Center[c]) / Scale[c]</c>, fitted on training rows only
/// (DESIGN.md) and saved with the model as JSON. A column that is constant on the training rows
/// gets scale 1 so it maps to 0 instead of dividing by zero.
/// </summary>
public sealed class FeatureScaler
{
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly double[] _center;
    private readonly double[] _scale;

    public FeatureScaler(ScalerKind kind, IReadOnlyList<string> columnNames, double[] center, double[] scale)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(center);
        ArgumentNullException.ThrowIfNull(scale);
        if (center.Length != columnNames.Count || scale.Length != columnNames.Count)
        {
            throw new ArgumentException(
                $"{columnNames.Count} columns need as many centers and scales, got {center.Length} and {scale.Length}.", nameof(center));
        }

        for (var c = 0; c < scale.Length; c++)
        {
            if (!double.IsFinite(center[c]) || !double.IsFinite(scale[c]) || scale[c] <= 0)
            {
                throw new ArgumentException(
                    $"Column '{columnNames[c]}' has center {center[c]} and scale {scale[c]}; both must be finite and the scale > 0.",
                    nameof(scale));
            }
        }

        Kind = kind;
        ColumnNames = columnNames.ToArray();
        _center = center;
        _scale = scale;
    }

    public ScalerKind Kind { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    public int ColumnCount => ColumnNames.Count;

    public IReadOnlyList<double> Center => _center;

    public IReadOnlyList<double> Scale => _scale;

    /// <summary>Fits on the given rows of a row-major matrix <paramref name="columnNames"/>.Count wide.</summary>
    public static FeatureScaler Fit(ScalerKind kind, IReadOnlyList<string> columnNames, ReadOnlySpan<double> rowMajorValues, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(rows);
        var width = columnNames.Count;
        if (width == 0 || rowMajorValues.Length % width != 0)
        {
            throw new ArgumentException($"{rowMajorValues.Length} values are not rows of {width} columns.", nameof(rowMajorValues));
        }

        if (rows.Count == 0)
        {
            throw new ArgumentException("A scaler needs at least one row to fit on.", nameof(rows));
        }

        var rowCount = rowMajorValues.Length / width;
        var center = new double[width];
        var scale = new double[width];
        var column = new double[rows.Count];
        for (var c = 0; c < width; c++)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                if (r < 0 || r >= rowCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(rows), r, $"Row {r} is outside 0..{rowCount - 1}.");
                }

                var value = rowMajorValues[(r * width) + c];
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException($"Column '{columnNames[c]}' is {value} at row {r}; a scaler fits on finite values only.", nameof(rowMajorValues));
                }

                column[i] = value;
            }

            (center[c], scale[c]) = kind switch
            {
                ScalerKind.MinMax => MinMax(column),
                ScalerKind.Standard => MeanStd(column),
                ScalerKind.Robust => MedianIqr(column),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown scaler kind {kind}."),
            };
            scale[c] = scale[c] > 0 && double.IsFinite(scale[c]) ? scale[c] : 1.0;
        }

        return new FeatureScaler(kind, columnNames, center, scale);
    }

    /// <summary>Fits on the feature rows read by the training samples of <paramref name="split"/>, and nothing else.</summary>
    public static FeatureScaler FitFeatures(ScalerKind kind, DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var features = split.Dataset.Features;
        return Fit(kind, features.ColumnNames, features.Values, split.TrainingRows());
    }

    /// <summary>Fits on the targets of the training samples of <paramref name="split"/>.</summary>
    public static FeatureScaler FitTargets(ScalerKind kind, DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var dataset = split.Dataset;
        return Fit(kind, dataset.Targets.ColumnNames, dataset.Targets.Values, split.Train.Select(dataset.EndRow).ToArray());
    }

    public double Transform(double value, int column) => (value - _center[column]) / _scale[column];

    public double InverseTransform(double scaled, int column) => (scaled * _scale[column]) + _center[column];

    /// <summary>Scales row-major values (any number of rows of <see cref="ColumnCount"/> columns) into <paramref name="destination"/>.</summary>
    public void Transform(ReadOnlySpan<double> rowMajorValues, Span<double> destination)
    {
        RequireShape(rowMajorValues, destination);
        for (var i = 0; i < rowMajorValues.Length; i++)
        {
            var c = i % ColumnCount;
            destination[i] = (rowMajorValues[i] - _center[c]) / _scale[c];
        }
    }

    public void InverseTransform(ReadOnlySpan<double> scaledRowMajor, Span<double> destination)
    {
        RequireShape(scaledRowMajor, destination);
        for (var i = 0; i < scaledRowMajor.Length; i++)
        {
            var c = i % ColumnCount;
            destination[i] = (scaledRowMajor[i] * _scale[c]) + _center[c];
        }
    }

    public FeatureMatrix Transform(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!features.ColumnNames.SequenceEqual(ColumnNames, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The scaler was fitted on columns [{string.Join(", ", ColumnNames)}] but the matrix has [{string.Join(", ", features.ColumnNames)}].",
                nameof(features));
        }

        var scaled = new double[features.Values.Length];
        Transform(features.Values, scaled);
        return new FeatureMatrix(features.ColumnNames, scaled, features.OpenTimes.ToArray(), features.Interval);
    }

    public string ToJson() =>
        JsonSerializer.Serialize(new ScalerDocument(FormatVersion, Kind, ColumnNames.ToArray(), _center, _scale), JsonOptions);

    public static FeatureScaler FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ScalerDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ScalerDocument>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Scaler JSON is not valid: {ex.Message}", ex);
        }

        if (document is null || document.Columns is null || document.Center is null || document.Scale is null)
        {
            throw new FormatException("Scaler JSON lacks one of version, kind, columns, center, scale.");
        }

        if (document.Version != FormatVersion)
        {
            throw new FormatException($"Scaler JSON has version {document.Version}; this build reads version {FormatVersion}.");
        }

        return new FeatureScaler(document.Kind, document.Columns, document.Center, document.Scale);
    }

    private void RequireShape(ReadOnlySpan<double> source, Span<double> destination)
    {
        if (source.Length % ColumnCount != 0 || destination.Length < source.Length)
        {
            throw new ArgumentException(
                $"{source.Length} values are not whole rows of {ColumnCount} columns, or the destination ({destination.Length}) is too short.",
                nameof(destination));
        }
    }

    private static (double Center, double Scale) MinMax(double[] values)
    {
        var min = values.Min();
        return (min, values.Max() - min);
    }

    private static (double Center, double Scale) MeanStd(double[] values)
    {
        var mean = values.Average();
        var sumSquares = 0.0;
        foreach (var v in values)
        {
            sumSquares += (v - mean) * (v - mean);
        }

        return (mean, Math.Sqrt(sumSquares / values.Length));
    }

    private static (double Center, double Scale) MedianIqr(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return (Quantile(sorted, 0.5), Quantile(sorted, 0.75) - Quantile(sorted, 0.25));
    }

    // Linear interpolation between closest ranks, as numpy.percentile's default.
    internal static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    private sealed record ScalerDocument(int Version, ScalerKind Kind, string[] Columns, double[] Center, double[] Scale);
}

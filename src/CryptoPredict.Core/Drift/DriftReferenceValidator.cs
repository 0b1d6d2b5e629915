using System.Globalization;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Core.Drift;

/// <summary>
/// Checks a <c>drift_reference</c> read from <c>model.json</c> before <c>drift</c> trusts it: one entry per feature
/// column and per target, named and ordered as <c>feature_columns</c> and <c>targets</c>, each with finite values,
/// strictly increasing edges inside its range, one count per bin summing to its rows, and a sorted sample inside its
/// range. A failure is a <see cref="ModelBundleException"/> naming the file and the field.
/// </summary>
internal static class DriftReferenceValidator
{
    /// <summary>Far above <see cref="ColumnReference.SampleSize"/>, but bounded.</summary>
    public const int MaximumSample = 100_000;

    public static void Validate(DriftReference reference, IReadOnlyList<string> featureColumns, IReadOnlyList<string> targets, string file)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.From > reference.To)
        {
            throw Error(file, "drift_reference", Invariant($"runs from {reference.From:O} to {reference.To:O}; must be in time order"));
        }

        Columns(file, "drift_reference.features", reference.Features, featureColumns, "feature_columns");
        Columns(file, "drift_reference.targets", reference.Targets, targets, "targets");
    }

    private static void Columns(string file, string field, IReadOnlyList<ColumnReference>? columns, IReadOnlyList<string> names, string namesField)
    {
        if (columns is null)
        {
            throw Error(file, field, "is missing");
        }

        var given = columns.Select(c => c?.Name).ToArray();
        if (!given.SequenceEqual(names, StringComparer.Ordinal))
        {
            throw Error(file, field, $"names [{string.Join(", ", given)}]; must be the {namesField} [{string.Join(", ", names)}], in order");
        }

        for (var i = 0; i < columns.Count; i++)
        {
            Column(file, Invariant($"{field}[{i}]"), columns[i]);
        }
    }

    private static void Column(string file, string field, ColumnReference column)
    {
        if (column.Rows < 1)
        {
            throw Error(file, field + ".rows", Invariant($"is {column.Rows}; must be at least 1"));
        }

        if (!double.IsFinite(column.Min) || !double.IsFinite(column.Max) || column.Min > column.Max)
        {
            throw Error(file, field, Invariant($"has min {column.Min} and max {column.Max}; both must be finite, min <= max"));
        }

        var edges = column.Edges ?? throw Error(file, field + ".edges", "is missing");
        if (edges.Count > ColumnReference.Deciles - 1)
        {
            throw Error(file, field + ".edges", Invariant($"has {edges.Count} edges; deciles have at most {ColumnReference.Deciles - 1}"));
        }

        for (var k = 0; k < edges.Count; k++)
        {
            if (!double.IsFinite(edges[k]) || edges[k] < column.Min || edges[k] > column.Max || (k > 0 && edges[k] <= edges[k - 1]))
            {
                throw Error(file, Invariant($"{field}.edges[{k}]"), Invariant($"is {edges[k]}; edges must be finite, strictly increasing and within min..max"));
            }
        }

        var counts = column.Counts ?? throw Error(file, field + ".counts", "is missing");
        if (counts.Count != edges.Count + 1 || counts.Any(c => c < 0) || counts.Sum(c => (long)c) != column.Rows)
        {
            throw Error(file, field + ".counts",
                Invariant($"is [{string.Join(", ", counts)}]; must be {edges.Count + 1} counts >= 0 (one per bin) summing to rows ({column.Rows})"));
        }

        var sample = column.Sample ?? throw Error(file, field + ".sample", "is missing");
        if (sample.Count < 1 || sample.Count > Math.Min(column.Rows, MaximumSample))
        {
            throw Error(file, field + ".sample", Invariant($"has {sample.Count} values; must have 1 to {Math.Min(column.Rows, MaximumSample)}"));
        }

        for (var k = 0; k < sample.Count; k++)
        {
            if (!double.IsFinite(sample[k]) || sample[k] < column.Min || sample[k] > column.Max || (k > 0 && sample[k] < sample[k - 1]))
            {
                throw Error(file, Invariant($"{field}.sample[{k}]"), Invariant($"is {sample[k]}; the sample must be finite, sorted and within min..max"));
            }
        }
    }

    private static ModelBundleException Error(string file, string field, string problem) => new($"'{file}': field '{field}' {problem}.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

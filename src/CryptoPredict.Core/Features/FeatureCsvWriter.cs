using System.Globalization;

namespace CryptoPredict.Core.Features;

/// <summary>
/// Writes a feature matrix as CSV: <c>timestamp</c> (ISO-8601 UTC open time) then one column per
/// feature, numbers in their shortest round-trip form so reading the file back gives the same doubles.
/// </summary>
public static class FeatureCsvWriter
{
    public static void Write(FeatureMatrix features, TextWriter writer, bool dropWarmUp = true)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(writer);
        var first = dropWarmUp ? features.FirstCompleteRow : 0;
        writer.Write("timestamp");
        foreach (var name in features.ColumnNames)
        {
            writer.Write(',');
            writer.Write(Quote(name));
        }

        writer.Write('\n');
        for (var r = first; r < features.RowCount; r++)
        {
            writer.Write(features.OpenTimes[r].ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            foreach (var value in features.Row(r))
            {
                writer.Write(',');

                // An undefined value after the warm-up (a gap in an extra column) is an empty cell, as in the golden file.
                if (double.IsFinite(value))
                {
                    writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            writer.Write('\n');
        }

        writer.Flush();
    }

    // Extra columns keep the file's own names, which may need RFC 4180 quoting.
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

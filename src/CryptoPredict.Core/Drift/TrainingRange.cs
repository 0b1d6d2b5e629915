using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Drift;

/// <summary>
/// Whether a model input window holds values outside the range its training part had (the drift reference's min and
/// max per feature): a network extrapolates there, and its forecast deserves a warning rather than silence. Bundles
/// written before drift store no range and get no warning.
/// </summary>
public static class TrainingRange
{
    /// <summary>One warning per feature column of the window ending at <paramref name="endRow"/> that leaves the training range.</summary>
    public static IReadOnlyList<string> Outside(ModelDescription description, FeatureMatrix features, int endRow)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(features);
        if (description.DriftReference is not { } reference)
        {
            return [];
        }

        var first = Math.Max(0, endRow - description.Window + 1);
        var warnings = new List<string>();
        for (var c = 0; c < features.ColumnCount && c < reference.Features.Count; c++)
        {
            var range = reference.Features[c];
            var outside = 0;
            var worstRow = -1;
            var worstDistance = 0.0;
            for (var r = first; r <= endRow; r++)
            {
                var value = features[r, c];
                var distance = value > range.Max ? value - range.Max : value < range.Min ? range.Min - value : 0;
                if (distance > 0)
                {
                    outside++;
                    if (distance > worstDistance)
                    {
                        (worstDistance, worstRow) = (distance, r);
                    }
                }
            }

            if (outside > 0)
            {
                var value = features[worstRow, c];
                var side = value > range.Max ? "above" : "below";
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{range.Name}: {outside} of the window's {endRow - first + 1} values are outside the training range {range.Min:G6} .. {range.Max:G6} " +
                    $"(the farthest {value:G6} at {features.OpenTimes[worstRow]:yyyy-MM-dd HH:mm} UTC, {side}); the forecast extrapolates"));
            }
        }

        return warnings;
    }
}

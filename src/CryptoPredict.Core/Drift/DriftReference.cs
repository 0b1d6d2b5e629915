using CryptoPredict.Core.Features;

namespace CryptoPredict.Core.Drift;

/// <summary>
/// What a model's inputs looked like in training, stored in <c>model.json</c> as <c>drift_reference</c> so that
/// <c>drift</c> can compare new candles with them without the training candles: one <see cref="ColumnReference"/> per
/// feature column (the unscaled values of every row the training inputs read) and per target (the training samples'
/// targets, in the units the model learns them: log returns, volatility, class labels).
/// </summary>
/// <param name="From">Open time of the first training row.</param>
/// <param name="To">Open time of the last training row.</param>
/// <param name="Features">One per feature column, in <c>feature_columns</c> order.</param>
/// <param name="Targets">One per target, in <c>targets</c> order.</param>
public sealed record DriftReference(DateTime From, DateTime To, IReadOnlyList<ColumnReference> Features, IReadOnlyList<ColumnReference> Targets)
{
    /// <summary>The reference of the training part of <paramref name="split"/> (features unscaled, as computed).</summary>
    public static DriftReference Build(DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (split.Train.Count == 0)
        {
            throw new ArgumentException("The split has no training sample to build a drift reference from.", nameof(split));
        }

        var dataset = split.Dataset;
        var features = dataset.Features;
        var rows = split.TrainingRows();
        var featureReferences = new ColumnReference[features.ColumnCount];
        for (var c = 0; c < features.ColumnCount; c++)
        {
            var values = new double[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                values[r] = features[rows[r], c];
            }

            featureReferences[c] = ColumnReference.Of(features.ColumnNames[c], values);
        }

        var targets = dataset.Targets;
        var targetReferences = new ColumnReference[targets.ColumnCount];
        for (var j = 0; j < targets.ColumnCount; j++)
        {
            var values = split.Train.Select(s => dataset.Target(s)[j]).ToArray();
            targetReferences[j] = ColumnReference.Of(targets.ColumnNames[j], values);
        }

        return new DriftReference(features.OpenTimes[rows[0]], features.OpenTimes[rows[^1]], featureReferences, targetReferences);
    }
}

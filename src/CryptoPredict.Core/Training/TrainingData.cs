using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Training;

/// <summary>
/// Candles turned into what a run trains on: features and targets, windows, the purged chronological split,
/// scalers fitted on the training part only, and class weights for classifiers. Built the same way for training,
/// resuming and evaluating, so all three see identical samples.
/// </summary>
public sealed class TrainingData
{
    private TrainingData(
        ModelArchitecture architecture,
        TrainingConfiguration configuration,
        DataFingerprint fingerprint,
        DatasetSplit split,
        FeatureScaler featureScaler,
        FeatureScaler targetScaler,
        IReadOnlyList<int>? classCounts)
    {
        Architecture = architecture;
        Configuration = configuration;
        Fingerprint = fingerprint;
        Split = split;
        FeatureScaler = featureScaler;
        TargetScaler = targetScaler;
        ClassCounts = classCounts;
        ClassWeights = classCounts is null
            ? null
            : classCounts.Select(c => c == 0 ? 1.0 : split.Train.Count / (double)(classCounts.Count * c)).ToArray();
    }

    public ModelArchitecture Architecture { get; }

    /// <summary>The network's output columns: a point forecast per target, and quantile heads when configured.</summary>
    public ForecastHeads Heads => ForecastHeads.Of(Split.Dataset.Targets.ColumnCount, Configuration.Quantiles);

    public TrainingConfiguration Configuration { get; }

    public DataFingerprint Fingerprint { get; }

    public DatasetSplit Split { get; }

    public WindowedDataset Dataset => Split.Dataset;

    public FeatureScaler FeatureScaler { get; }

    public FeatureScaler TargetScaler { get; }

    /// <summary>Balanced class weights (n / (classes * count)) from the training labels; null for regressors.</summary>
    public IReadOnlyList<double>? ClassWeights { get; }

    /// <summary>Training samples per class (classifiers only).</summary>
    public IReadOnlyList<int>? ClassCounts { get; }

    /// <summary>
    /// Prepares <paramref name="series"/> for <paramref name="configuration"/>. When <paramref name="scalers"/> is given
    /// (a resume forced onto other data), those scalers are used instead of fitting new ones.
    /// </summary>
    public static TrainingData Prepare(
        CandleSeries series,
        TrainingConfiguration configuration,
        (FeatureScaler Features, FeatureScaler Targets)? scalers = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Validate();
        var architecture = ModelCatalog.Get(configuration.Model);
        var split = BuildSplit(series, configuration, architecture);
        if (split.Train.Count < 1 || split.Validation.Count < 1 || split.Test.Count < 1)
        {
            throw new TrainingDataException(
                $"{series.Count} candles give {split.Dataset.Count} windows of {configuration.Window} for {architecture.Name} " +
                $"(train {split.Train.Count}, validation {split.Validation.Count}, test {split.Test.Count} after purging); " +
                "every part needs at least one sample. Use more candles or a shorter --window/--horizon.");
        }

        var featureScaler = scalers?.Features ?? FeatureScaler.FitFeatures(configuration.FeatureScaler, split);
        var targetScaler = scalers?.Targets ?? FitTargetScaler(architecture.Kind, split);
        var classCounts = architecture.IsClassifier ? CountClasses(split, MarketRegimeCount) : null;
        return new TrainingData(architecture, configuration, DataFingerprint.Of(series), split, featureScaler, targetScaler, classCounts);
    }

    /// <summary>Features, targets and windows of <paramref name="series"/>, split chronologically with purging.</summary>
    public static DatasetSplit BuildSplit(CandleSeries series, TrainingConfiguration configuration, ModelArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(configuration);
        var features = FeatureSet.Parse(configuration.Features).Compute(series);
        return ChronologicalSplit(BuildDataset(series, features, configuration, architecture), configuration);
    }

    /// <summary>
    /// Targets and windows of <paramref name="series"/> over its already computed <paramref name="features"/> (those of
    /// <see cref="TrainingConfiguration.Features"/>), so a caller that holds them does not compute them twice.
    /// </summary>
    public static WindowedDataset BuildDataset(CandleSeries series, FeatureMatrix features, TrainingConfiguration configuration, ModelArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(architecture);
        var targets = ForecastHeadSettings.Targets(architecture, configuration).Compute(series);
        return new WindowedDataset(features, targets, configuration.Window);
    }

    /// <summary>The chronological, purged split of <paramref name="dataset"/> with the configuration's fractions.</summary>
    public static DatasetSplit ChronologicalSplit(WindowedDataset dataset, TrainingConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.TestFrom is { } testFrom
            ? DatasetSplit.From(dataset, testFrom, configuration.TrainFraction, configuration.ValidationFraction)
            : DatasetSplit.Chronological(dataset, configuration.TrainFraction, configuration.ValidationFraction);
    }

    private const int MarketRegimeCount = 3;

    /// <summary>
    /// Per-column standardisation for closes and volatility; none for class labels; for OHLC one shared scale
    /// (the close return's standard deviation) and no shift, so the scaled heads keep their order and the model's
    /// low &lt;= open, close &lt;= high construction survives the conversion back to prices.
    /// </summary>
    private static FeatureScaler FitTargetScaler(ForecastKind kind, DatasetSplit split)
    {
        var names = split.Dataset.Targets.ColumnNames;
        var identity = Enumerable.Repeat(0.0, names.Count).ToArray();
        switch (kind)
        {
            case ForecastKind.Regime:
                return new FeatureScaler(ScalerKind.Standard, names, identity, Enumerable.Repeat(1.0, names.Count).ToArray());
            case ForecastKind.Ohlc:
                var fitted = FeatureScaler.FitTargets(ScalerKind.Standard, split);
                var close = fitted.Scale[names.Count - 1];
                return new FeatureScaler(ScalerKind.Standard, names, identity, Enumerable.Repeat(close, names.Count).ToArray());
            default:
                return FeatureScaler.FitTargets(ScalerKind.Standard, split);
        }
    }

    private static int[] CountClasses(DatasetSplit split, int classes)
    {
        var counts = new int[classes];
        foreach (var sample in split.Train)
        {
            counts[(int)split.Dataset.Target(sample)[0]]++;
        }

        return counts;
    }
}

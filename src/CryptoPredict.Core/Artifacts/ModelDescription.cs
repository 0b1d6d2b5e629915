using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Artifacts;

/// <summary>The contents of a bundle's <c>model.json</c> (snake_case on disk). Versioned by <see cref="FormatVersion"/>.</summary>
public sealed record ModelDescription
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required ArchitectureDescription Architecture { get; init; }

    public required string Symbol { get; init; }

    public required string Interval { get; init; }

    /// <summary>Feature set text and the exact columns it produced, in order.</summary>
    public required string Features { get; init; }

    public required IReadOnlyList<string> FeatureColumns { get; init; }

    public required int Window { get; init; }

    public required int Horizon { get; init; }

    public required IReadOnlyList<string> Targets { get; init; }

    public required double RegimeThreshold { get; init; }

    /// <summary>The feature scaler as <see cref="Features.FeatureScaler.ToJson"/> writes it, fitted on the training part only.</summary>
    public required JsonElement FeatureScaler { get; init; }

    public required JsonElement TargetScaler { get; init; }

    public required DataFingerprint TrainingData { get; init; }

    public required SplitDescription Split { get; init; }

    /// <summary>Training labels per class (classifiers only), for the majority-class baseline.</summary>
    public IReadOnlyList<int>? TrainClassCounts { get; init; }

    public required TrainingMetrics Metrics { get; init; }

    /// <summary>The candle file trained from and its interval (resampled when finer than <see cref="Interval"/>); null in bundles of earlier builds.</summary>
    public CandleSourceDescription? Source { get; init; }

    /// <summary>The published weights scored on the test part against the baselines; null in bundles of earlier builds, or when no test sample could be scored.</summary>
    public TestMetrics? TestMetrics { get; init; }

    public required TrainingConfiguration Training { get; init; }

    [JsonPropertyName("libtorch_version")]
    public required string LibTorchVersion { get; init; }

    public required DateTime CreatedUtc { get; init; }

    public required string WeightsFile { get; init; }

    public required string WeightsSha256 { get; init; }

    /// <summary>How the inputs were distributed on the training part, for <c>drift</c>; null in bundles of builds before it.</summary>
    public Drift.DriftReference? DriftReference { get; init; }
}

public sealed record ArchitectureDescription(string Name, string Kind, string Network, int InputFeatures, int Outputs, long Parameters);

/// <summary>Sample counts and the open times of the last input candle of the first and last sample of each part.</summary>
public sealed record SplitDescription(
    int TrainSamples,
    int ValidationSamples,
    int TestSamples,
    DateTime TrainFrom,
    DateTime TrainTo,
    DateTime ValidationFrom,
    DateTime ValidationTo,
    DateTime TestFrom,
    DateTime TestTo);

public sealed record TrainingMetrics(int EpochsRun, int BestEpoch, double BestValidationLoss, bool EarlyStopped, IReadOnlyList<EpochRecord> History);

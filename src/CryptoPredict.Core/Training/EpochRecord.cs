namespace CryptoPredict.Core.Training;

/// <summary>One finished epoch (1-based), as written to metrics.csv and reported by <c>train --json</c>.</summary>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double ValidationLoss,
    double LearningRate,
    double SamplesPerSecond,
    double Seconds,
    bool Improved);

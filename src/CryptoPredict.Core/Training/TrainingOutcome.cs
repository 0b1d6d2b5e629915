namespace CryptoPredict.Core.Training;

/// <summary>How a <see cref="Trainer.Run"/> call ended.</summary>
public enum TrainingStop
{
    /// <summary>The epoch budget was used up.</summary>
    EpochsDone,

    /// <summary>Validation loss stopped improving for <see cref="TrainingConfiguration.Patience"/> epochs.</summary>
    EarlyStopped,

    /// <summary>Cancellation was requested; a checkpoint of the point reached was written.</summary>
    Cancelled,
}

/// <summary>Result of one <see cref="Trainer.Run"/> call (which may be a resumed part of a longer run).</summary>
public sealed record TrainingOutcome(
    TrainingStop Stop,
    int EpochsRunNow,
    TrainerState State,
    double SamplesPerSecond,
    string CheckpointPath,
    byte[] BestWeights);

namespace CryptoPredict.Core.Training;

/// <summary>
/// The trainer's counters, saved in every checkpoint so a resume continues exactly: where in which epoch,
/// the partial loss of an interrupted epoch, the learning rate, early-stopping and plateau counters, history.
/// </summary>
public sealed record TrainerState
{
    /// <summary>0-based index of the epoch to run next (equals the number of finished epochs).</summary>
    public int NextEpoch { get; init; }

    /// <summary>Batches of <see cref="NextEpoch"/> already done when training was interrupted mid-epoch; 0 otherwise.</summary>
    public int BatchInEpoch { get; init; }

    /// <summary>Sum of batch loss x batch size over the done batches of an interrupted epoch (float32, as accumulated).</summary>
    public float PartialLossSum { get; init; }

    public double LearningRate { get; init; }

    public double BestValidationLoss { get; init; } = double.PositiveInfinity;

    /// <summary>1-based epoch of <see cref="BestValidationLoss"/>; 0 before the first epoch.</summary>
    public int BestEpoch { get; init; }

    /// <summary>Epochs since the validation loss last improved (early stopping).</summary>
    public int EpochsWithoutImprovement { get; init; }

    /// <summary>Best validation loss as the learning-rate plateau rule sees it (relative threshold).</summary>
    public double PlateauBest { get; init; } = double.PositiveInfinity;

    public int PlateauWait { get; init; }

    public bool EarlyStopped { get; init; }

    public IReadOnlyList<EpochRecord> History { get; init; } = [];
}

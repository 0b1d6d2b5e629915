namespace CryptoPredict.Core.Training;

/// <summary>
/// Early stopping and ReduceLROnPlateau as pure functions of the trainer state, so the rules are testable without
/// a network and their counters live in the checkpoint. Early stopping: an epoch improves when its validation loss
/// is below the best so far. Plateau: improvement means below best x (1 - 1e-4) (PyTorch's default relative
/// threshold); after <see cref="TrainingConfiguration.LrPatience"/> epochs without it, the rate is multiplied by the
/// factor, never below the minimum, and the wait restarts.
/// </summary>
public static class LearningRateSchedule
{
    public const double PlateauThreshold = 1e-4;

    /// <summary>The state after an epoch with <paramref name="validationLoss"/>, and whether it improved on the best.</summary>
    public static (TrainerState State, bool Improved) AfterEpoch(TrainerState state, TrainingConfiguration configuration, double validationLoss)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(configuration);
        var epoch = state.NextEpoch + 1;
        var improved = validationLoss < state.BestValidationLoss;
        var wait = improved ? 0 : state.EpochsWithoutImprovement + 1;

        var plateauImproved = validationLoss < state.PlateauBest * (1 - PlateauThreshold) || double.IsPositiveInfinity(state.PlateauBest);
        var plateauBest = plateauImproved ? validationLoss : state.PlateauBest;
        var plateauWait = plateauImproved ? 0 : state.PlateauWait + 1;
        var lr = state.LearningRate;
        if (plateauWait >= configuration.LrPatience)
        {
            lr = Math.Max(lr * configuration.LrFactor, configuration.MinLearningRate);
            plateauWait = 0;
        }

        var next = state with
        {
            NextEpoch = epoch,
            BatchInEpoch = 0,
            PartialLossSum = 0,
            LearningRate = lr,
            BestValidationLoss = improved ? validationLoss : state.BestValidationLoss,
            BestEpoch = improved ? epoch : state.BestEpoch,
            EpochsWithoutImprovement = wait,
            PlateauBest = plateauBest,
            PlateauWait = plateauWait,
            EarlyStopped = wait >= configuration.Patience,
        };
        return (next, improved);
    }
}

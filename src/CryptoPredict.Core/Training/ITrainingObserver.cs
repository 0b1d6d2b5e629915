namespace CryptoPredict.Core.Training;

/// <summary>What a run is about to do, for progress displays.</summary>
public sealed record TrainingPlan(int FirstEpoch, int Epochs, int BatchesPerEpoch, int TrainSamples, int ValidationSamples, int FirstBatch);

/// <summary>Receives progress from <see cref="Trainer"/> and <see cref="TrainingRun"/> (console display, logs). Called on the training thread.</summary>
public interface ITrainingObserver
{
    void OnStart(TrainingPlan plan);

    /// <summary>After each batch; <paramref name="epoch"/> is 1-based.</summary>
    void OnBatch(int epoch, int batch, int batches);

    void OnEpoch(EpochRecord record, TrainerState state);

    void OnMessage(string message);

    /// <summary>Something the user should know about the run (a fallback, a recovered or removed file); a plain message unless overridden.</summary>
    void OnWarning(string message) => OnMessage(message);
}

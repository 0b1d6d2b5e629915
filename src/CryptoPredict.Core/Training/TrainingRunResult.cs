namespace CryptoPredict.Core.Training;

/// <summary>How a <see cref="TrainingRun"/> ended and where its files are.</summary>
/// <param name="Configuration">The settings the run trained with (the checkpoint's on resume).</param>
/// <param name="Data">The samples it trained, validated and tested on.</param>
/// <param name="Outcome">The trainer's result; <see cref="TrainingStop.Cancelled"/> writes a checkpoint but no bundle.</param>
/// <param name="CheckpointPath">The run's current checkpoint, or null when none exists any more.</param>
/// <param name="ModelDirectory">The run's bundle folder (its <c>current</c> pointer names the version), or null when none was written (cancelled).</param>
/// <param name="BundleVersion">The version folder this run published, or null when none was written.</param>
/// <param name="TestMetrics">
/// The published weights scored on the test part against the baselines, as the bundle's model.json records them; null
/// when no bundle was written or no test sample could be scored.
/// </param>
public sealed record TrainingRunResult(
    TrainingConfiguration Configuration,
    TrainingData Data,
    TrainingOutcome Outcome,
    string? CheckpointPath,
    string? ModelDirectory,
    string? BundleVersion = null,
    Artifacts.TestMetrics? TestMetrics = null)
{
    /// <summary>An unpublished run's (an ensemble member's) description, test metrics included; null otherwise.</summary>
    public Artifacts.ModelDescription? Description { get; init; }

    /// <summary>An unpublished run's best weights; null otherwise.</summary>
    public byte[]? Weights { get; init; }
}

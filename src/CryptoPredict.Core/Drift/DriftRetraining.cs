using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Drift;

/// <summary>
/// Retraining a drifted model: a new <see cref="TrainingRun"/> of the same run (symbol, interval, model) with every
/// setting the bundle records, publishing into the bundle's run folder as a new version. Nothing is replaced until
/// the run publishes, so a retraining that fails leaves the current bundle in place.
/// </summary>
public static class DriftRetraining
{
    /// <summary>
    /// The run that retrains <paramref name="bundle"/>, its bundle going to <paramref name="modelsRoot"/> (the root the
    /// bundle was read from) and its checkpoints to <paramref name="checkpointsRoot"/>. A recorded setting a training
    /// run cannot be given is a <see cref="ModelBundleException"/> naming it, rather than a retrain with other settings.
    /// </summary>
    public static TrainingRun Plan(ModelBundle bundle, string modelsRoot, string checkpointsRoot, string command)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var recorded = bundle.Description.Training;
        var run = new TrainingRun(new TrainingRunRequest
        {
            Symbol = recorded.Symbol,
            Interval = recorded.Interval,
            Model = recorded.Model,
            Settings = new TrainingOverrides
            {
                Features = recorded.Features,
                Window = recorded.Window,
                Horizon = recorded.Horizons is null ? recorded.Horizon : null,
                Horizons = recorded.Horizons,
                Quantiles = recorded.Quantiles,
                Epochs = recorded.Epochs,
                BatchSize = recorded.BatchSize,
                LearningRate = recorded.LearningRate,
                Seed = recorded.Seed,
                Patience = recorded.Patience,
                ClipNorm = recorded.ClipNorm,
            },
            CheckpointsRoot = checkpointsRoot,
            ModelsRoot = modelsRoot,
            Command = command,
        });
        var wanted = recorded.ResumeKey().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var differences = run.Configuration.ResumeKey()
            .Where(p => !string.Equals(wanted[p.Key], p.Value, StringComparison.Ordinal))
            .Select(p => $"{p.Key} {wanted[p.Key]}, where a new run takes {p.Value}")
            .ToArray();
        if (differences.Length > 0)
        {
            throw new ModelBundleException(
                $"'{bundle.DescriptionPath}': cannot retrain with the recorded settings, which a training run cannot be given: " +
                $"{string.Join("; ", differences)}. Train it again with train.");
        }

        return run;
    }
}

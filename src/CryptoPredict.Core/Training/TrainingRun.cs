using System.Globalization;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Training;

/// <summary>
/// The <c>train</c> use case: one run of one model on one symbol and interval, from a new start or a checkpoint to a
/// published bundle. In order: the output folders are checked writable, the run lock is taken (before any file of
/// the run is touched, held to the end), what a killed run left is recovered or removed, the settings are resolved
/// (the given ones over the architecture's defaults, or over the checkpoint's, which must then agree in everything
/// but the epoch budget, the model, symbol and interval included), the candles are checked against the
/// checkpoint's fingerprint (<c>--force</c> overrides), the trainer runs, and the best weights are published.
/// <para>
/// A resume whose run folder exists but holds no checkpoint (a run killed in its first epoch, before its first
/// save) starts a new run, and says so; a resume with no run folder at all is an error, since nothing was ever
/// started there.
/// </para>
/// <para>
/// <see cref="TrainingOverrides.AdditionalEpochs"/> (resume only) sets the budget to the checkpoint's finished epochs
/// plus N. A run that had early-stopped is re-armed: it continues from its last epoch's weights and optimizer with
/// the early-stopping count restarted, so it trains up to N more epochs and stops early again after
/// <see cref="TrainingConfiguration.Patience"/> epochs without a better validation loss; the published weights
/// stay the best of all epochs.
/// </para>
/// </summary>
public sealed class TrainingRun
{
    /// <summary>Reached once the lock is held and the folder tidied, before the first epoch: a kill here is a kill in epoch 1.</summary>
    public const string FaultStarted = "train.started";

    private readonly TrainingRunRequest _request;
    private readonly ModelArchitecture _architecture;

    /// <summary>Checks the request; <see cref="ArgumentException"/> (or <see cref="FormatException"/> for the feature text) names what is wrong.</summary>
    public TrainingRun(TrainingRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
        _architecture = ModelCatalog.Get(request.Model);
        var runName = RunPaths.RunName(request.Symbol, request.Interval, _architecture.Name);
        CheckpointDirectory = request.CheckpointDirectory ?? RunPaths.Under(request.CheckpointsRoot, runName);
        ModelDirectory = request.ModelDirectory ?? RunPaths.Under(request.ModelsRoot, runName);
        Configuration = Overlay(TrainingConfiguration.For(_architecture, request.Symbol, request.Interval));
        Configuration.Validate();
        if (request.Settings.Horizons is not null && request.Settings.Horizon is not null)
        {
            throw new ArgumentException("--horizons and --horizon exclude each other: a multi-horizon run's horizon is its farthest one; give --horizons alone.");
        }

        if (request.Force && !request.Resume)
        {
            throw new ArgumentException("--force only applies to --resume.");
        }

        if (request.Settings.AdditionalEpochs is { } additional)
        {
            if (!request.Resume)
            {
                throw new ArgumentException("--additional-epochs only applies to --resume; a new run takes --epochs.");
            }

            if (additional is < 1 or > 100_000)
            {
                throw new ArgumentException($"--additional-epochs must be between 1 and 100000 (got {additional}).");
            }
        }
    }

    /// <summary>The settings of a new run (a resume takes the checkpoint's instead, see <see cref="TrainingRunResult.Configuration"/>).</summary>
    public TrainingConfiguration Configuration { get; }

    /// <summary><c>CHECKPOINTS/SYMBOL_INTERVAL_MODEL</c>: checkpoints, metrics.csv and the run lock.</summary>
    public string CheckpointDirectory { get; }

    /// <summary><c>MODELS/SYMBOL_INTERVAL_MODEL</c>: the bundle.</summary>
    public string ModelDirectory { get; }

    /// <summary>
    /// Trains on <paramref name="series"/>. Throws <see cref="RunLockedException"/> when another process holds the
    /// run, <see cref="OutputFolderException"/> when a folder cannot be written, <see cref="CheckpointException"/>
    /// when a resume does not fit its checkpoint; cancellation returns with <see cref="TrainingStop.Cancelled"/>.
    /// </summary>
    public TrainingRunResult Execute(CandleSeries series, Device device, ITrainingObserver? observer, CancellationToken cancellationToken) =>
        Execute(series, null, device, observer, cancellationToken);

    /// <summary>
    /// As <see cref="Execute(CandleSeries, Device, ITrainingObserver?, CancellationToken)"/> on the candles
    /// <see cref="CandleSource"/> delivered; the bundle records which file they came from and its interval, so
    /// <c>predict</c> and <c>evaluate</c> resample the same kind of file the same way.
    /// </summary>
    public TrainingRunResult Execute(CandleSourceResult candles, Device device, ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candles);
        return Execute(candles.Series, CandleSourceDescription.Of(candles), device, observer, cancellationToken);
    }

    private TrainingRunResult Execute(CandleSeries series, CandleSourceDescription? source, Device device, ITrainingObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        var store = new CheckpointStore(CheckpointDirectory);
        if (_request.Resume && !Directory.Exists(CheckpointDirectory))
        {
            throw new CheckpointException(
                $"No checkpoint in '{CheckpointDirectory}' (looked for {CheckpointStore.CurrentFileName} and {CheckpointStore.PreviousFileName}); run train without --resume first.");
        }

        OutputFolder.EnsureWritable(CheckpointDirectory, "checkpoint");
        using var runLock = RunLock.Acquire(CheckpointDirectory, _request.Command);
        OutputFolder.EnsureWritable(ModelDirectory, "model");
        foreach (var note in CheckpointRecovery.Recover(store, DateTimeOffset.UtcNow))
        {
            observer?.OnWarning(note);
        }

        FaultPoint.Hit(FaultStarted);
        var (configuration, checkpoint, scalers) = Start(store, series, observer);
        var data = TrainingData.Prepare(series, configuration, scalers);
        observer?.OnMessage(string.Create(CultureInfo.InvariantCulture,
            $"{_architecture.Name} on {device}: window {configuration.Window}, horizon {configuration.Horizon}, features {configuration.Features} " +
            $"({data.Dataset.Features.ColumnCount} columns), targets {string.Join(",", data.Dataset.Targets.ColumnNames)}"));
        var outcome = new Trainer(data, device, store, observer).Run(checkpoint, cancellationToken);
        if (outcome.Stop == TrainingStop.Cancelled)
        {
            return new TrainingRunResult(configuration, data, outcome, ExistingCheckpoint(outcome), null);
        }

        if (outcome.State.History.Count == 0)
        {
            throw new CheckpointException($"The checkpoint holds no finished epoch; nothing to write to {ModelDirectory}.");
        }

        var description = ModelDescriptions.FromTraining(data, outcome.State) with { Source = source };
        var testMetrics = TestScore.Of(series, data, description, outcome.BestWeights, ModelDirectory, device, observer);
        if (!_request.Publish)
        {
            return new TrainingRunResult(configuration, data, outcome, ExistingCheckpoint(outcome), null, null, testMetrics)
            {
                Description = description with { TestMetrics = testMetrics },
                Weights = outcome.BestWeights,
            };
        }

        var version = ModelBundle.Publish(ModelDirectory, description with { TestMetrics = testMetrics }, outcome.BestWeights);
        observer?.OnMessage(string.Create(CultureInfo.InvariantCulture,
            $"best epoch {outcome.State.BestEpoch} (val_loss {outcome.State.BestValidationLoss:0.000000}); model published as {version}"));
        return new TrainingRunResult(configuration, data, outcome, ExistingCheckpoint(outcome), ModelDirectory, version, testMetrics);
    }

    /// <summary>The settings, the checkpoint to continue (null: a new run) and the scalers to keep (a forced resume).</summary>
    private (TrainingConfiguration, Checkpoint?, (Features.FeatureScaler, Features.FeatureScaler)?) Start(
        CheckpointStore store, CandleSeries series, ITrainingObserver? observer)
    {
        if (!_request.Resume)
        {
            if (store.Exists)
            {
                store.ReplaceOnFirstSave();
                observer?.OnWarning($"Starting a new run: the checkpoints in {store.Directory} will be replaced after the first epoch (use --resume to continue them instead).");
            }

            return (Configuration, null, null);
        }

        if (!store.Exists)
        {
            observer?.OnWarning(
                $"No checkpoint in {store.Directory} ({CheckpointStore.CurrentFileName} and {CheckpointStore.PreviousFileName} are missing: the last run there " +
                "ended before its first epoch was saved); starting a new run from epoch 1.");
            return (WithBudget(Configuration, 0), null, null);
        }

        var checkpoint = store.LoadLatest(out var fallback);
        if (fallback is not null)
        {
            observer?.OnWarning(fallback);
        }

        var resumed = WithBudget(Overlay(checkpoint.Configuration), checkpoint.State.NextEpoch, checkpoint.Configuration.Epochs);
        var differences = resumed.DifferencesFrom(checkpoint.Configuration);
        if (differences.Count > 0)
        {
            throw new CheckpointException(
                $"Cannot resume {store.CurrentPath}: the settings differ from the checkpoint's ({string.Join("; ", differences)}). " +
                "Run without --resume to start a new run with these settings.");
        }

        (Features.FeatureScaler, Features.FeatureScaler)? scalers = null;
        var fingerprint = DataFingerprint.Of(series);
        if (fingerprint.Sha256 != checkpoint.Data.Sha256)
        {
            if (!_request.Force)
            {
                throw new CheckpointException(
                    $"Cannot resume {store.CurrentPath}: the candles differ from the ones it was trained on (checkpoint: {checkpoint.Data}; now: {fingerprint}). " +
                    "Pass --force to continue on these candles anyway (the checkpoint's scalers are kept), or train without --resume.");
            }

            observer?.OnWarning($"Resuming on different candles (checkpoint: {checkpoint.Data}; now: {fingerprint}) because of --force; keeping the checkpoint's scalers.");
            scalers = (checkpoint.FeatureScaler, checkpoint.TargetScaler);
        }

        if (_request.Settings.AdditionalEpochs is { } additional && checkpoint.State.EarlyStopped)
        {
            checkpoint = checkpoint.WithState(checkpoint.State with { EarlyStopped = false, EpochsWithoutImprovement = 0 });
            observer?.OnMessage(string.Create(CultureInfo.InvariantCulture,
                $"{store.CurrentPath} had early-stopped after epoch {checkpoint.State.NextEpoch} (best epoch {checkpoint.State.BestEpoch}); --additional-epochs {additional} " +
                $"re-arms early stopping: up to {additional} more epoch(s), stopping again after {resumed.Patience} without a better validation loss."));
        }

        // A save killed between its rename and its metrics leaves metrics.csv one epoch behind the checkpoint.
        store.WriteMetrics(checkpoint.State.History);
        observer?.OnMessage(ResumeMessage(store.CurrentPath, checkpoint.State, resumed.Epochs));
        return (resumed, checkpoint, scalers);
    }

    /// <summary>
    /// Where a resume continues; a finished run (all epochs done, or early-stopped) trains nothing and says so
    /// instead of "epoch 7 of 6".
    /// </summary>
    internal static string ResumeMessage(string checkpointPath, TrainerState state, int epochs)
    {
        if (state.EarlyStopped)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{checkpointPath} is a finished run (early-stopped after epoch {state.NextEpoch}, best epoch {state.BestEpoch}): nothing left to train; publishing its best weights again (pass --additional-epochs N to train it N more epochs with early stopping re-armed).");
        }

        if (state.NextEpoch >= epochs && state.BatchInEpoch == 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{checkpointPath} is a finished run ({state.NextEpoch} of {epochs} epochs): nothing left to train; publishing its best weights again " +
                $"(pass --additional-epochs N, or --epochs N with N > {state.NextEpoch}, to train further).");
        }

        return string.Create(CultureInfo.InvariantCulture, $"resuming {checkpointPath} at epoch {state.NextEpoch + 1} of {epochs}");
    }

    /// <summary>
    /// The given settings over <paramref name="basis"/>, with this run's identity: a checkpoint of another model,
    /// symbol or interval found in this run's folder then differs from it by name, and is refused.
    /// </summary>
    private TrainingConfiguration Overlay(TrainingConfiguration basis) => _request.Settings.Over(basis) with
    {
        Symbol = _request.Symbol,
        Interval = _request.Interval,
        Model = _architecture.Name,
    };

    /// <summary>
    /// <paramref name="configuration"/> with the epoch budget of a run that has finished <paramref name="finished"/>
    /// epochs (see <see cref="TrainingOverrides.EpochBudget"/>); a budget out of range is a usage error.
    /// </summary>
    private TrainingConfiguration WithBudget(TrainingConfiguration configuration, int finished, int? basis = null)
    {
        var budgeted = configuration with { Epochs = _request.Settings.EpochBudget(finished, basis ?? configuration.Epochs) };
        try
        {
            budgeted.Validate();
        }
        catch (ArgumentException e)
        {
            throw new Failures.RequestException(Failures.FailureKind.Usage, Runtime.Engine.WithoutParameterName(e));
        }

        return budgeted;
    }

    private static string? ExistingCheckpoint(TrainingOutcome outcome) => File.Exists(outcome.CheckpointPath) ? outcome.CheckpointPath : null;
}

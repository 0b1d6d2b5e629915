using System.Globalization;
using CryptoPredict.Core.Training;
using Serilog;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// Reports training progress: one log line per epoch (loss, validation loss, learning rate, samples/s, ETA) always,
/// and, when a Spectre progress task is attached, a live bar per epoch with the same figures.
/// </summary>
internal sealed class TrainProgress : ITrainingObserver
{
    private ProgressTask? _task;
    private TrainingPlan? _plan;
    private double _epochSeconds;
    private int _epochsTimed;

    public void Attach(ProgressTask task) => _task = task;

    public void OnStart(TrainingPlan plan)
    {
        _plan = plan;
        var resumed = (plan.FirstEpoch > 0 || plan.FirstBatch > 0) && plan.FirstEpoch < plan.Epochs
            ? string.Create(CultureInfo.InvariantCulture, $", resuming at epoch {plan.FirstEpoch + 1} batch {plan.FirstBatch + 1}")
            : "";
        Log.Information(
            "training on {Train} samples ({Batches} batches per epoch), validating on {Validation}, up to {Epochs} epochs{Resumed}",
            plan.TrainSamples, plan.BatchesPerEpoch, plan.ValidationSamples, plan.Epochs, resumed);
        if (_task is not null)
        {
            _task.MaxValue = plan.BatchesPerEpoch;
            _task.Description = $"epoch {plan.FirstEpoch + 1}/{plan.Epochs}";
        }
    }

    public void OnBatch(int epoch, int batch, int batches)
    {
        if (_task is null)
        {
            return;
        }

        _task.Value = batch;
        if (batch == 1)
        {
            _task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{_plan?.Epochs}");
        }
    }

    public void OnEpoch(EpochRecord record, TrainerState state)
    {
        _epochSeconds += record.Seconds;
        _epochsTimed++;
        var remaining = state.EarlyStopped ? 0 : Math.Max(0, (_plan?.Epochs ?? record.Epoch) - record.Epoch);
        var eta = TimeSpan.FromSeconds(_epochSeconds / _epochsTimed * remaining);
        Log.Information(
            "epoch {Epoch}/{Epochs} loss {Loss:0.000000} val_loss {ValLoss:0.000000}{Best} lr {Lr:0.######} {Rate:0} samples/s {Seconds:0.0}s ETA {Eta}",
            record.Epoch, _plan?.Epochs, record.TrainLoss, record.ValidationLoss, record.Improved ? " (best)" : "", record.LearningRate,
            record.SamplesPerSecond, record.Seconds, eta.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        if (_task is not null)
        {
            _task.Description = string.Create(CultureInfo.InvariantCulture,
                $"epoch {record.Epoch}/{_plan?.Epochs} loss {record.TrainLoss:0.0000} val {record.ValidationLoss:0.0000} lr {record.LearningRate:0.######} {record.SamplesPerSecond:0}/s ETA {eta:hh\\:mm\\:ss}");
            _task.Value = 0;
        }
    }

    public void OnMessage(string message) => Log.Information("{Message}", message);

    public void OnWarning(string message) => Log.Warning("{Message}", message);
}

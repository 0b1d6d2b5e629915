using System.Globalization;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// A unit's log file, <c>logs/batch/UNIT.log</c>, appended to by every attempt (one worker at a time holds the unit):
/// the attempt's header, training progress per epoch, warnings, and how it ended.
/// </summary>
internal sealed class UnitLog : ITrainingObserver, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Action<string>? _progress;
    private int _epochs;

    public UnitLog(string path, Action<string>? progress)
    {
        Path = path;
        _progress = progress;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Path { get; }

    public void Write(string message) =>
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {message}"));

    public void OnStart(TrainingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _epochs = plan.Epochs;
        Write(string.Create(CultureInfo.InvariantCulture,
            $"training on {plan.TrainSamples} samples ({plan.BatchesPerEpoch} batches per epoch), validating on {plan.ValidationSamples}, up to {plan.Epochs} epochs"));
    }

    public void OnBatch(int epoch, int batch, int batches)
    {
    }

    public void OnEpoch(EpochRecord record, TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"epoch {record.Epoch}/{_epochs} loss {record.TrainLoss:0.000000} val_loss {record.ValidationLoss:0.000000}{(record.Improved ? " (best)" : "")} " +
            $"lr {record.LearningRate:0.######} {record.SamplesPerSecond:0} samples/s {record.Seconds:0.0}s");
        Write(line);
        _progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"epoch {record.Epoch}/{_epochs} val_loss {record.ValidationLoss:0.0000}"));
    }

    public void OnMessage(string message) => Write(message);

    public void OnWarning(string message) => Write("warning: " + message);

    public void Dispose() => _writer.Dispose();
}

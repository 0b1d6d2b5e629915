using System.Globalization;
using System.Text;
using CryptoPredict.Core.IO;

namespace CryptoPredict.Core.Training;

/// <summary>
/// The folder of one run (<c>checkpoints/SYMBOL_INTERVAL_MODEL/</c>): <c>checkpoint.cpt</c>, the previous good one
/// <c>checkpoint.prev.cpt</c>, and <c>metrics.csv</c>. A new checkpoint is written completely to a temporary file
/// first (under a name of its own, <c>.checkpoint.next.*.tmp</c>); only then does the current one become the previous
/// one and the new one take its place, so at every instant at least one complete checkpoint exists. Only the holder
/// of the folder's <see cref="RunLock"/> may save; <see cref="CheckpointRecovery"/> tidies what a killed save left.
/// </summary>
public sealed class CheckpointStore
{
    public const string CurrentFileName = "checkpoint.cpt";
    public const string PreviousFileName = "checkpoint.prev.cpt";
    public const string MetricsFileName = "metrics.csv";

    /// <summary>Fault points of <see cref="Save"/>, in order: each is a place where a kill must leave a resumable folder.</summary>
    public const string FaultTempWritten = "checkpoint.save.temp-written";
    public const string FaultRotated = "checkpoint.save.rotated";
    public const string FaultRenamed = "checkpoint.save.renamed";
    public const string FaultMetricsWritten = "checkpoint.save.metrics-written";

    internal const string TempPrefix = ".checkpoint.next.";
    internal const string TempSuffix = ".tmp";

    private bool _replaceOnSave;

    public CheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string CurrentPath => Path.Combine(Directory, CurrentFileName);

    public string PreviousPath => Path.Combine(Directory, PreviousFileName);

    public string MetricsPath => Path.Combine(Directory, MetricsFileName);

    public bool Exists => File.Exists(CurrentPath) || File.Exists(PreviousPath);

    /// <summary>
    /// A new run is starting over an older run's checkpoints: its first save replaces the current one and removes
    /// the previous one, so the pair never holds checkpoints of two runs.
    /// </summary>
    public void ReplaceOnFirstSave() => _replaceOnSave = true;

    public void Save(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        System.IO.Directory.CreateDirectory(Directory);
        var next = Path.Combine(Directory, $"{TempPrefix}{Guid.NewGuid():N}{TempSuffix}");
        WriteDurably(next, checkpoint.ToBytes());
        FaultPoint.Hit(FaultTempWritten);
        if (_replaceOnSave)
        {
            File.Move(next, CurrentPath, overwrite: true);
            FaultPoint.Hit(FaultRenamed);
            File.Delete(PreviousPath);
            _replaceOnSave = false;
        }
        else
        {
            if (File.Exists(CurrentPath))
            {
                File.Move(CurrentPath, PreviousPath, overwrite: true);
            }

            FaultPoint.Hit(FaultRotated);
            File.Move(next, CurrentPath, overwrite: false);
            FaultPoint.Hit(FaultRenamed);
        }

        WriteMetrics(checkpoint.State.History);
        FaultPoint.Hit(FaultMetricsWritten);
    }

    /// <summary>
    /// The newest readable checkpoint: the current one, or the previous one when the current is missing or damaged
    /// (<paramref name="fallbackReason"/> then says why). Throws <see cref="CheckpointException"/> when neither can be read.
    /// </summary>
    public Checkpoint LoadLatest(out string? fallbackReason)
    {
        fallbackReason = null;
        CheckpointException? currentError = null;
        if (File.Exists(CurrentPath))
        {
            try
            {
                return Load(CurrentPath);
            }
            catch (CheckpointException e)
            {
                currentError = e;
            }
        }

        if (!File.Exists(PreviousPath))
        {
            throw currentError ?? new CheckpointException(
                $"No checkpoint in '{Directory}' (looked for {CurrentFileName} and {PreviousFileName}); run train without --resume first.");
        }

        Checkpoint previous;
        try
        {
            previous = Load(PreviousPath);
        }
        catch (CheckpointException e)
        {
            throw new CheckpointException(
                (currentError is null ? "" : currentError.Message + " ") + $"The previous checkpoint cannot be used either: {e.Message}", e);
        }

        fallbackReason = currentError is null
            ? $"'{CurrentPath}' is missing; resuming from the previous good checkpoint '{PreviousPath}' (epoch {previous.State.NextEpoch})."
            : $"{currentError.Message} Resuming from the previous good checkpoint '{PreviousPath}' (epoch {previous.State.NextEpoch}).";
        return previous;
    }

    public static Checkpoint Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"Cannot read checkpoint '{path}': {e.Message}", e);
        }

        return Checkpoint.FromBytes(bytes, path);
    }

    /// <summary>Rewrites metrics.csv from the history (atomically), so it always matches the checkpoint beside it.</summary>
    public void WriteMetrics(IReadOnlyList<EpochRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var text = new StringBuilder("epoch,train_loss,val_loss,lr,samples_per_second,seconds,improved\n");
        foreach (var r in history)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Epoch},{r.TrainLoss:R},{r.ValidationLoss:R},{r.LearningRate:R},{r.SamplesPerSecond:F1},{r.Seconds:F3},{(r.Improved ? 1 : 0)}\n");
        }

        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteAllBytes(MetricsPath, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Writes and flushes <paramref name="path"/> (a new file); a failed write leaves nothing behind.</summary>
    private static void WriteDurably(string path, byte[] bytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}

using System.Globalization;

namespace CryptoPredict.Core.Training;

/// <summary>
/// Puts a run folder in order after a killed run, before anything else touches it; only the holder of the folder's
/// run lock may call it. It
/// <list type="bullet">
/// <item>promotes the newest complete temporary checkpoint (its own checksums say it is whole) that a kill stopped
/// before its rename, when it is newer than <c>checkpoint.cpt</c>, and removes the other temporary checkpoints;</item>
/// <item>moves a damaged <c>checkpoint.cpt</c> aside as <c>checkpoint.corrupt-TIME.cpt</c> while a previous one
/// exists, so the next save cannot rotate it over the last good checkpoint;</item>
/// <item>removes the other leftovers of killed writes (hidden <c>.*.tmp</c> files: metrics, lock record, probes).</item>
/// </list>
/// A damaged <c>checkpoint.cpt</c> with no previous one is left in place: resuming then fails naming it, rather
/// than starting over as if there had never been a run.
/// </summary>
public static class CheckpointRecovery
{
    public const string CorruptPrefix = "checkpoint.corrupt-";

    // Written by builds before unique temp names; a run killed by one of them may still have left it.
    private const string LegacyTempName = "checkpoint.next.tmp";

    /// <summary>Tidies <paramref name="store"/>'s folder; returns one line per thing it changed, for the log.</summary>
    public static IReadOnlyList<string> Recover(CheckpointStore store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        var notes = new List<string>();
        if (!Directory.Exists(store.Directory))
        {
            return notes;
        }

        var complete = new List<(string Path, Checkpoint Checkpoint, DateTime Written)>();
        foreach (var temp in TemporaryCheckpoints(store.Directory))
        {
            try
            {
                complete.Add((temp, CheckpointStore.Load(temp), File.GetLastWriteTimeUtc(temp)));
            }
            catch (CheckpointException e)
            {
                File.Delete(temp);
                notes.Add($"Removed the incomplete checkpoint '{temp}' that a killed save left ({e.Message}).");
            }
        }

        if (complete.Count > 0)
        {
            var newest = complete.MaxBy(c => c.Written);
            foreach (var older in complete.Where(c => c.Path != newest.Path))
            {
                File.Delete(older.Path);
                notes.Add($"Removed '{older.Path}': a complete checkpoint that a killed save left, older than '{newest.Path}'.");
            }

            if (File.Exists(store.CurrentPath) && File.GetLastWriteTimeUtc(store.CurrentPath) >= newest.Written)
            {
                File.Delete(newest.Path);
                notes.Add($"Removed '{newest.Path}': a complete checkpoint that a killed save left, not newer than '{store.CurrentPath}'.");
            }
            else
            {
                Promote(store, newest.Path, newest.Checkpoint, now, notes);
            }
        }
        else if (File.Exists(store.CurrentPath) && File.Exists(store.PreviousPath) && Damage(store.CurrentPath) is { } damage)
        {
            var aside = Quarantine(store, now);
            notes.Add($"{damage} Moved it aside as '{aside}'; the previous checkpoint '{store.PreviousPath}' stays the last good one.");
        }

        foreach (var leftover in Leftovers(store.Directory))
        {
            File.Delete(leftover);
            notes.Add($"Removed '{leftover}', left by a killed write.");
        }

        return notes;
    }

    private static void Promote(CheckpointStore store, string temp, Checkpoint checkpoint, DateTimeOffset now, List<string> notes)
    {
        if (File.Exists(store.CurrentPath))
        {
            if (Damage(store.CurrentPath) is { } damage)
            {
                notes.Add($"{damage} Moved it aside as '{Quarantine(store, now)}'.");
            }
            else
            {
                File.Move(store.CurrentPath, store.PreviousPath, overwrite: true);
            }
        }

        File.Move(temp, store.CurrentPath, overwrite: false);
        store.WriteMetrics(checkpoint.State.History);
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Recovered the complete checkpoint that a killed save left in '{temp}' (after epoch {checkpoint.State.NextEpoch}, batch {checkpoint.State.BatchInEpoch}): it is now '{store.CurrentPath}'."));
    }

    /// <summary>Why <paramref name="path"/> cannot be used as a checkpoint, or null when it can.</summary>
    private static string? Damage(string path)
    {
        try
        {
            _ = CheckpointStore.Load(path);
            return null;
        }
        catch (CheckpointException e)
        {
            return e.Message;
        }
    }

    private static string Quarantine(CheckpointStore store, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var aside = Path.Combine(store.Directory, $"{CorruptPrefix}{stamp}.cpt");
        if (File.Exists(aside))
        {
            aside = Path.Combine(store.Directory, $"{CorruptPrefix}{stamp}-{Guid.NewGuid():N}.cpt");
        }

        File.Move(store.CurrentPath, aside, overwrite: false);
        return aside;
    }

    private static string[] TemporaryCheckpoints(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(path => Path.GetFileName(path) is var name
                && (name == LegacyTempName || (name.StartsWith(CheckpointStore.TempPrefix, StringComparison.Ordinal) && name.EndsWith(CheckpointStore.TempSuffix, StringComparison.Ordinal))))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Hidden temporary files (<c>.NAME.*.tmp</c>) at the top of the folder: only killed writes leave them.</summary>
    private static string[] Leftovers(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(path => Path.GetFileName(path) is var name && name.StartsWith('.') && name.EndsWith(CheckpointStore.TempSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
}

using System.Globalization;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// Proof that a publish is in progress: an OS lock on <c>versions/.staging-ID.lock</c>, held from before the
/// staging folder is made until after the pointer is renamed. The OS drops the lock when its process dies (even by
/// <c>kill -9</c>), so a publisher that can take another's lock knows the staging folder and pointer temp file of
/// that ID are leftovers, and one that cannot knows they are being written. Two publishers of one run may race
/// (their checkpoint folders, where the run lock lives, can differ); this is what keeps their cleaning apart.
/// </summary>
internal sealed class StagingClaim : IDisposable
{
    public const string Prefix = ".staging-";
    public const string LockSuffix = ".lock";

    /// <summary>
    /// Where file locks are turned off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING), a free lock proves nothing; leftovers
    /// are then removed only when untouched for this long, far longer than any publish takes.
    /// </summary>
    public static readonly TimeSpan UnlockedAge = TimeSpan.FromHours(1);

    private readonly FileStream? _lock;

    private StagingClaim(string versionsDirectory, string id, FileStream? held)
    {
        Id = id;
        LockPath = LockPathOf(versionsDirectory, id);
        StagingPath = Path.Combine(versionsDirectory, Prefix + id);
        _lock = held;
    }

    /// <summary><c>PID-RANDOM</c>: the pid for people reading the folder, the random part for uniqueness.</summary>
    public string Id { get; }

    public string LockPath { get; }

    public string StagingPath { get; }

    public static bool LockingDisabled =>
        AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) ? disabled
            : Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true" or "True" or "TRUE";

    public static string LockPathOf(string versionsDirectory, string id) => Path.Combine(versionsDirectory, Prefix + id + LockSuffix);

    /// <summary>A fresh claim with a new ID, its lock held.</summary>
    public static StagingClaim Take(string versionsDirectory)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{BundleVersion.RandomSuffix()}");
        var stream = new FileStream(LockPathOf(versionsDirectory, id), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new StagingClaim(versionsDirectory, id, stream);
    }

    /// <summary>
    /// The claim <paramref name="id"/> when its owner is gone (its lock can be taken, or there is no lock file), so
    /// its leftovers may be removed; null while its owner still holds it.
    /// </summary>
    public static StagingClaim? TakeOver(string versionsDirectory, string id, DateTime newestWriteUtc)
    {
        if (LockingDisabled && DateTime.UtcNow - newestWriteUtc < UnlockedAge)
        {
            return null;
        }

        try
        {
            var stream = new FileStream(LockPathOf(versionsDirectory, id), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return new StagingClaim(versionsDirectory, id, stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Owners create the lock before anything else and delete it last: without one, nothing is in progress.
            return new StagingClaim(versionsDirectory, id, null);
        }
        catch (IOException)
        {
            // Held by a live publisher (or unreadable): leave its files alone.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Deletes the lock file, then releases the lock: nobody can take over a claim whose work is done.</summary>
    public void Dispose()
    {
        if (_lock is null)
        {
            return;
        }

        try
        {
            File.Delete(LockPath);
        }
        catch (IOException)
        {
            // A lock file left behind is taken over and removed by the next publish.
        }
        catch (UnauthorizedAccessException)
        {
        }

        _lock.Dispose();
    }
}

using System.Diagnostics.CodeAnalysis;
using CryptoPredict.Torch.Serialization;

namespace CryptoPredict.Core.IO;

/// <summary>
/// The exclusive lock of one run folder (<c>checkpoints/SYMBOL_INTERVAL_MODEL/</c>), held by whoever writes the
/// run's checkpoints or bundle. It is an OS file lock on <c>run.lock</c> (FileShare.None, which .NET implements
/// as <c>flock(2)</c> on Linux and a share-mode lock on Windows), so the kernel drops it when the holder ends in any
/// way, kill -9 included: there is no pid file to go stale. The lock belongs to the open file, not the process, so
/// two holders inside one process exclude each other too (shards on threads).
/// <para>
/// A locked file cannot be read through .NET (its open takes a shared lock), so the holder records who it is in
/// <c>run.lock.json</c> beside it. <c>run.lock</c> itself is never deleted: unlinking a lock file would let a late
/// opener lock an orphaned inode while a newcomer locks a fresh file, and both would run.
/// </para>
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = "run.lock";
    public const string HolderFileName = "run.lock.json";

    // errno of a refused non-blocking flock (EWOULDBLOCK: 11 on Linux, 35 on macOS) and Windows' sharing violation.
    private const int LinuxWouldBlock = 11;
    private const int MacWouldBlock = 35;
    private const int WindowsSharingViolation = unchecked((int)0x80070020);

    private FileStream? _stream;

    private RunLock(string directory, FileStream stream, RunLockHolder holder)
    {
        Directory = directory;
        _stream = stream;
        Holder = holder;
    }

    /// <summary>The run folder the lock guards.</summary>
    public string Directory { get; }

    public string LockPath => Path.Combine(Directory, FileName);

    public string HolderPath => Path.Combine(Directory, HolderFileName);

    /// <summary>This holder, as recorded in <see cref="HolderPath"/>.</summary>
    public RunLockHolder Holder { get; }

    /// <summary>Takes the lock of <paramref name="directory"/> (created if missing), or throws <see cref="RunLockedException"/> naming the holder.</summary>
    public static RunLock Acquire(string directory, string command) =>
        TryAcquire(directory, command, out var runLock, out var holder)
            ? runLock
            : throw new RunLockedException(Path.Combine(Path.GetFullPath(directory), FileName), holder);

    /// <summary>
    /// Takes the lock of <paramref name="directory"/> without waiting. False when another holder has it; then
    /// <paramref name="holder"/> is that holder, or null while it has not recorded itself yet.
    /// </summary>
    public static bool TryAcquire(string directory, string command, [NotNullWhen(true)] out RunLock? runLock, out RunLockHolder? holder)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(command);
        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        var lockPath = Path.Combine(full, FileName);
        var holderPath = Path.Combine(full, HolderFileName);
        FileStream stream;
        try
        {
            stream = Open(lockPath);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            runLock = null;
            holder = RunLockHolder.TryRead(holderPath) is { } recorded && recorded.MayStillRun() ? recorded : null;
            return false;
        }

        try
        {
            RequireEnforced(lockPath);
            holder = RunLockHolder.ForThisProcess(command, DateTimeOffset.UtcNow);
            AtomicFile.WriteAllBytes(holderPath, holder.ToJson());
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        runLock = new RunLock(full, stream, holder);
        return true;
    }

    /// <summary>Releases the lock; the holder record goes first, so nobody reads it as the record of a later holder.</summary>
    public void Dispose()
    {
        if (_stream is null)
        {
            return;
        }

        try
        {
            File.Delete(HolderPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stale record is harmless: readers check that its process still runs, the next holder replaces it.
        }

        _stream.Dispose();
        _stream = null;
    }

    private static FileStream Open(string path) => new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);

    private static bool IsHeldElsewhere(IOException e) =>
        e.GetType() == typeof(IOException) && e.HResult is LinuxWouldBlock or MacWouldBlock or WindowsSharingViolation;

    /// <summary>
    /// .NET can be told to skip file locks (DOTNET_SYSTEM_IO_DISABLEFILELOCKING, System.IO.DisableFileLocking); then
    /// FileShare.None would silently protect nothing. A second open of the held file must fail, or we refuse to run.
    /// </summary>
    private static void RequireEnforced(string path)
    {
        FileStream second;
        try
        {
            second = Open(path);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            return;
        }

        second.Dispose();
        throw new IOException(
            $"'{path}': file locking is switched off in this process (DOTNET_SYSTEM_IO_DISABLEFILELOCKING or the " +
            "System.IO.DisableFileLocking switch), so the run lock cannot keep a second run of this model out. Unset it and retry.");
    }
}

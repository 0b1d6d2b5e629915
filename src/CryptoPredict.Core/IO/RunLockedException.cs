namespace CryptoPredict.Core.IO;

/// <summary>Another process holds the lock of the run: it is busy, not broken, and a later try may succeed.</summary>
public sealed class RunLockedException : Exception
{
    public RunLockedException()
    {
    }

    public RunLockedException(string message)
        : base(message)
    {
    }

    public RunLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RunLockedException(string lockPath, RunLockHolder? holder)
        : base(Describe(lockPath, holder))
    {
        LockPath = lockPath;
        Holder = holder;
    }

    public string? LockPath { get; }

    /// <summary>The process that holds the lock, when it has recorded itself (it does so right after taking it).</summary>
    public RunLockHolder? Holder { get; }

    private static string Describe(string lockPath, RunLockHolder? holder) =>
        $"Another process holds the run lock '{lockPath}' " +
        (holder is null ? $"(it has not recorded itself in {RunLock.HolderFileName} yet)" : $"({holder})") +
        "; this run would mix its checkpoints and bundle with that one's. Wait for it to finish (or stop it), then retry.";
}

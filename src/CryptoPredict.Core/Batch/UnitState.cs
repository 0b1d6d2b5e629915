namespace CryptoPredict.Core.Batch;

/// <summary>A unit's state in the ledger.</summary>
public enum UnitState
{
    /// <summary>Registered, never finished (new, or an attempt that was cancelled).</summary>
    Pending,

    /// <summary>Claimed by a worker that is training it, or that died while training it (then reclaimable).</summary>
    Running,

    /// <summary>Trained; a bundle was published from the candles in the entry's fingerprint.</summary>
    Done,

    /// <summary>The last attempt failed; retried only with --retry-failed or --force.</summary>
    Failed,

    /// <summary>Not trainable as asked (too few candles); looked at again by every run.</summary>
    Skipped,
}

/// <summary>The ledger's text for each state.</summary>
public static class UnitStates
{
    public static string Text(this UnitState state) => state switch
    {
        UnitState.Pending => "pending",
        UnitState.Running => "running",
        UnitState.Done => "done",
        UnitState.Failed => "failed",
        UnitState.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static UnitState Parse(string text) => text switch
    {
        "pending" => UnitState.Pending,
        "running" => UnitState.Running,
        "done" => UnitState.Done,
        "failed" => UnitState.Failed,
        "skipped" => UnitState.Skipped,
        _ => throw new FormatException($"'{text}' is not a unit state (pending, running, done, failed, skipped)."),
    };
}

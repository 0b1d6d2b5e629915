namespace CryptoPredict.Core.Batch;

/// <summary>What to do with a unit once it is exclusively ours.</summary>
public enum ClaimVerdict
{
    /// <summary>Train it now.</summary>
    Train,

    /// <summary>Nothing to do (up to date, or not stale under --only-stale): reported as skipped.</summary>
    Skip,

    /// <summary>It failed before and is not retried without --retry-failed: reported as failed again.</summary>
    KeepFailed,
}

/// <summary>A verdict and why; <see cref="Resume"/> continues the checkpoint of an attempt that never finished.</summary>
public sealed record ClaimDecision(ClaimVerdict Verdict, string Reason, bool Resume = false);

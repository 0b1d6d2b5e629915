namespace CryptoPredict.Core.Failures;

/// <summary>
/// What kind of failure ended a use case. The CLI turns each into an exit code and an HTTP front end into a
/// status, so the classification lives here once instead of in every verb.
/// </summary>
public enum FailureKind
{
    /// <summary>Options or arguments that cannot work (exit 1).</summary>
    Usage,

    /// <summary>Candles or other input files that break a data rule, or a file that cannot be read or written (exit 2).</summary>
    BadData,

    /// <summary>A model bundle, checkpoint or the engine itself is unusable (exit 3).</summary>
    Model,

    /// <summary>Another process holds the run; retrying later can succeed (exit 75).</summary>
    Busy,

    /// <summary>
    /// A remote service (the exchange) could not be reached, or kept failing after the retries; the request itself may
    /// be fine, so trying again later can succeed (exit 69, EX_UNAVAILABLE).
    /// </summary>
    Unavailable,

    /// <summary>Stopped on request (exit 130).</summary>
    Cancelled,

    /// <summary>A defect of this program, not of its input (exit 70).</summary>
    Internal,
}

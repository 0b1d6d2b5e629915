namespace CryptoPredict.Core.Failures;

/// <summary>A failure as a user sees it: its kind, a stable snake_case code, the message, and the file and line it concerns.</summary>
public sealed record Failure(FailureKind Kind, string Message, string? File = null, int? Line = null)
{
    /// <summary>The kind as written in JSON error objects: usage, bad_data, model, busy, unavailable, cancelled, internal.</summary>
    public string Code => Kind switch
    {
        FailureKind.Usage => "usage",
        FailureKind.BadData => "bad_data",
        FailureKind.Model => "model",
        FailureKind.Busy => "busy",
        FailureKind.Unavailable => "unavailable",
        FailureKind.Cancelled => "cancelled",
        _ => "internal",
    };
}

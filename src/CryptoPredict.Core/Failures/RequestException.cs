namespace CryptoPredict.Core.Failures;

/// <summary>
/// A request that cannot be carried out as given (an unknown model name, a device that does not exist, a folder
/// that is a file): the caller has to change what it asked for. <see cref="Kind"/> says how it is reported.
/// </summary>
public sealed class RequestException : Exception
{
    public RequestException(FailureKind kind, string message, string? file = null, int? line = null)
        : base(message)
    {
        Kind = kind;
        File = file;
        Line = line;
    }

    public RequestException()
        : this(FailureKind.Usage, "The request is not valid.")
    {
    }

    public RequestException(string message)
        : this(FailureKind.Usage, message)
    {
    }

    public RequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = FailureKind.Usage;
    }

    public FailureKind Kind { get; }

    public string? File { get; }

    public int? Line { get; }
}

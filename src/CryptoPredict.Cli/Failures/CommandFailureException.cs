using CryptoPredict.Core.Failures;

namespace CryptoPredict.Cli.Failures;

/// <summary>
/// A verb's own decision to stop with a message and an exit code (a usage error it found, a file that is missing).
/// Thrown rather than returned so that every failure, the verb's and the domain's, is reported in one place:
/// <see cref="FailureReporter"/>.
/// </summary>
public sealed class CommandFailureException : Exception
{
    public CommandFailureException(int exitCode, string message, string? file = null, int? line = null)
        : base(message)
    {
        ExitCode = exitCode;
        File = file;
        Line = line;
    }

    public CommandFailureException()
        : this(ExitCodes.Usage, "The command failed.")
    {
    }

    public CommandFailureException(string message)
        : this(ExitCodes.Usage, message)
    {
    }

    public CommandFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Usage;
    }

    public int ExitCode { get; }

    public string? File { get; }

    public int? Line { get; }

    public Failure ToFailure() => new(ExitCodes.KindOf(ExitCode), Message, File, Line);
}

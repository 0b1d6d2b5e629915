using System.Text.Json;
using CryptoPredict.Core.Failures;
using Serilog;

namespace CryptoPredict.Cli.Failures;

/// <summary>
/// Tells the user about a failure, the same way for every verb: the message on stderr (one line, no stack trace),
/// and with <c>--json</c> exactly one object <c>{"error": {"code", "message", "file", "line", "exit_code"}}</c> on
/// stdout. An internal error's stack trace goes to the log file only.
/// </summary>
internal static class FailureReporter
{
    public static int Report(Exception exception, TextWriter output, TextWriter error, bool json)
    {
        var failure = exception is CommandFailureException command ? command.ToFailure() : FailureClassifier.Classify(exception);
        var exitCode = exception is CommandFailureException c ? c.ExitCode : ExitCodes.Of(failure.Kind);
        if (failure.Kind == FailureKind.Internal)
        {
            Log.ForContext(Logging.FileOnlyProperty, true).Error(exception, "internal error");
        }

        return Report(failure, exitCode, output, error, json);
    }

    private static int Report(Failure failure, int exitCode, TextWriter output, TextWriter error, bool json)
    {
        Log.Debug("exit {Code}: {Message}", exitCode, failure.Message);
        error.WriteLine(failure.Message);
        if (json)
        {
            WriteJson(failure, exitCode, output);
        }

        return exitCode;
    }

    public static void WriteJson(Failure failure, int exitCode, TextWriter output)
    {
        var body = new ErrorEnvelope(new ErrorBody(failure.Code, failure.Message, failure.File, failure.Line, exitCode));
        output.WriteLine(JsonSerializer.Serialize(body, CliJson.Options));
    }

    private sealed record ErrorEnvelope(ErrorBody Error);

    private sealed record ErrorBody(string Code, string Message, string? File, int? Line, int ExitCode);
}

using System.Text.Json;
using CryptoPredict.Cli.Failures;
using CryptoPredict.Core.Failures;
using Serilog;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// One step of the pipeline: a verb run in this process with --json into a buffer, whose one JSON object becomes the
/// step's section of the summary. A step that fails stops the pipeline with the step's own exit code and a message
/// that names the step; its own message, file and line are kept.
/// </summary>
internal static class PipelineStep
{
    public static JsonElement Run(string name, int number, int count, Func<TextWriter, int> verb)
    {
        Log.Information("pipeline step {Number}/{Count}: {Step}", number, count, name);
        using var captured = new StringWriter();
        int code;
        try
        {
            code = verb(captured);
        }
        catch (Exception e)
        {
            var failure = e is CommandFailureException command ? command.ToFailure() : FailureClassifier.Classify(e);
            if (failure.Kind == FailureKind.Internal)
            {
                // A defect keeps its stack trace for the log file; the step is said here.
                Log.Error("pipeline step {Step} failed", name);
                throw;
            }

            var exitCode = e is CommandFailureException c ? c.ExitCode : ExitCodes.Of(failure.Kind);
            throw new CommandFailureException(exitCode, $"pipeline step {number}/{count} ({name}) failed: {failure.Message}", failure.File, failure.Line);
        }

        if (code == ExitCodes.Cancelled)
        {
            throw new CommandFailureException(code, $"pipeline cancelled in step {number}/{count} ({name}); the checkpoint is kept: cryptopredict train --resume continues it.");
        }

        if (code != ExitCodes.Ok)
        {
            throw new CommandFailureException(code, $"pipeline step {number}/{count} ({name}) failed with exit code {code}.");
        }

        using var document = JsonDocument.Parse(captured.ToString());
        return document.RootElement.Clone();
    }
}

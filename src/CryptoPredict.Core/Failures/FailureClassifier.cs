using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Failures;

/// <summary>
/// The one map from the exceptions use cases raise to what the user is told. Anything not listed is a defect of
/// this program (<see cref="FailureKind.Internal"/>): callers log its stack trace where a developer can find it,
/// never on the user's terminal.
/// </summary>
public static class FailureClassifier
{
    public static Failure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            return Classify(aggregate.InnerExceptions[0]);
        }

        return exception switch
        {
            RequestException e => new Failure(e.Kind, e.Message, e.File, e.Line),
            IO.RunLockedException e => new Failure(FailureKind.Busy, e.Message, e.LockPath),
            IO.OutputFolderException e => new Failure(FailureKind.Model, e.Message, e.Folder),
            CandleDataException e => new Failure(FailureKind.BadData, e.Message, NullIfEmpty(e.FilePath), e.LineNumber),
            TrainingDataException or ForecastDataException => new Failure(FailureKind.BadData, exception.Message),
            ModelBundleException or CheckpointException or TrainingDivergedException => new Failure(FailureKind.Model, exception.Message),
            TorchException => new Failure(FailureKind.Model, "libtorch: " + exception.Message),
            DllNotFoundException => new Failure(FailureKind.Model, exception.Message),
            OperationCanceledException => new Failure(FailureKind.Cancelled, "Cancelled."),
            FileNotFoundException e => new Failure(FailureKind.BadData, exception.Message, e.FileName),
            IOException or UnauthorizedAccessException => new Failure(FailureKind.BadData, exception.Message),

            // Core validates settings with ArgumentException (TrainingConfiguration.Validate and the like); a missing
            // column is a KeyNotFoundException naming it.
            ArgumentException e => new Failure(FailureKind.Usage, Runtime.Engine.WithoutParameterName(e)),
            KeyNotFoundException => new Failure(FailureKind.BadData, exception.Message),
            _ => new Failure(FailureKind.Internal,
                $"Internal error ({exception.GetType().Name}): {exception.Message} This is a defect of cryptopredict; the log file has the details."),
        };
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrEmpty(text) ? null : text;
}

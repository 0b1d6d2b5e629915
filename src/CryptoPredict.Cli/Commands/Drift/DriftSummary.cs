using CryptoPredict.Core.Drift;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>drift --json</c>: <see cref="Features"/> (sorted by PSI, highest first), <see cref="MaxPsi"/> and
/// <see cref="Drifted"/> are the verdict; the targets, the ranges compared and the retraining are context.
/// <see cref="Retrain"/> is null without <c>--retrain</c>.
/// </summary>
internal sealed record DriftSummary(
    string Symbol,
    string Interval,
    string Model,
    string? Version,
    string Data,
    int Candles,
    DateTime From,
    DateTime To,
    int Rows,
    DriftReferenceSummary Reference,
    double PsiThreshold,
    IReadOnlyList<ColumnDriftSummary> Features,
    IReadOnlyList<ColumnDriftSummary> Targets,
    double MaxPsi,
    bool Drifted,
    IReadOnlyList<string> Notes,
    RetrainSummary? Retrain)
{
    public static DriftSummary Of(DriftReport report, string candlePath, RetrainOutcome? retrain)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new DriftSummary(
            report.Symbol,
            report.Interval,
            report.Model,
            report.Version,
            candlePath,
            report.Candles,
            report.From,
            report.To,
            report.Rows,
            new DriftReferenceSummary(report.ReferenceFrom, report.ReferenceTo, report.ReferenceRows, report.ReferenceRebuilt),
            report.PsiThreshold,
            report.Features.Select(ColumnDriftSummary.From).ToArray(),
            report.Targets.Select(ColumnDriftSummary.From).ToArray(),
            report.MaxPsi,
            report.Drifted,
            report.Notes,
            retrain is null ? null : RetrainSummary.From(retrain));
    }
}

/// <summary>The training rows the comparison is against; <see cref="Rebuilt"/> when the bundle stores none (written before drift).</summary>
internal sealed record DriftReferenceSummary(DateTime From, DateTime To, int Rows, bool Rebuilt);

internal sealed record ColumnDriftSummary(string Name, double Psi, double Ks, double KsPValue, double Js, bool Drifted)
{
    public static ColumnDriftSummary From(ColumnDrift column) => new(column.Name, column.Psi, column.Ks, column.KsPValue, column.Js, column.Drifted);
}

internal sealed record RetrainSummary(string Status, string? Version, string? ModelDir, RetrainError? Error)
{
    public static RetrainSummary From(RetrainOutcome outcome) => new(
        outcome.Status,
        outcome.Version,
        outcome.ModelDirectory,
        outcome.Failure is { } failure ? new RetrainError(failure.Code, failure.Message, ExitCodes.Of(failure.Kind)) : null);
}

/// <summary>Why a retraining failed, as the error object of a failed verb has it.</summary>
internal sealed record RetrainError(string Code, string Message, int ExitCode);

using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.IO;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Runtime;
using Serilog;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// <c>evaluate --model lstm-x5</c>: the members' mean forecast scored against the baselines (the table, --json and
/// the report as for one model), then each member's own scores and the members' spread per target.
/// </summary>
internal static class EnsembleEvaluate
{
    public static int Run(EvaluateRequest request, TextWriter output, TextWriter error, Action<EvaluationNote> log)
    {
        if (request.Importance)
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--importance scores one model; evaluate a member's architecture instead of the ensemble '{request.Run.Model}'.");
        }

        var interval = CandleInterval.Parse(request.Run.Interval);
        if (!BundleLookup.TryFind(request.Run.ModelsDir, request.Run.DataDir, request.Run.DataFile, request.Run.Symbol, interval, request.Run.Model, error, out var directory, out var code))
        {
            return code;
        }

        var ensemble = EnsembleBundle.Load(directory);
        var candleRequest = VerbSupport.CandleRequest(request.Run, interval, ensemble.Members[0]);
        var candlePath = CandleSource.Locate(candleRequest).Path;
        if (request.Report is not null && string.Equals(Path.GetFullPath(request.Report), Path.GetFullPath(candlePath), StringComparison.Ordinal))
        {
            return VerbSupport.Fail(error, ExitCodes.Usage, $"--report '{request.Report}' would overwrite the candle file.");
        }

        var device = Engine.ResolveDevice(request.Run.Device);
        var candles = VerbSupport.ReadCandles(candleRequest);
        try
        {
            EnsembleEvaluation evaluation;
            using (var forecaster = new EnsembleForecaster(ensemble, device))
            {
                evaluation = forecaster.Evaluate(candles.Series, request.Run.DataFile is null ? EvaluationPart.Test : EvaluationPart.All, log);
            }

            var name = ensemble.Description.Name;
            if (request.Report is not null)
            {
                var report = EvaluationReports.Build(evaluation.Mean, candlePath);
                report = report with
                {
                    Title = $"{name} on {ensemble.Description.Symbol} {ensemble.Description.Interval}: evaluation of the members' mean",
                    Model = $"{name} ({evaluation.Members.Count} members)",
                    Details = [.. report.Details, .. MemberFields(evaluation)],
                };
                AtomicFile.WriteAllText(request.Report, HtmlReport.Render(report));
                Log.Information("report written to {Path}", request.Report);
            }

            if (request.Run.Json)
            {
                var summary = EvaluateSummary.From(evaluation.Mean, candlePath, request.Report) with
                {
                    Model = name,
                    Diagnostics = DiagnosticsSummary.Of(evaluation.Mean),
                    Ensemble = EnsembleScores.Of(evaluation),
                };
                output.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
            }
            else
            {
                EvaluateTable.Write(output, evaluation.Mean, candlePath, request.Report);
                DiagnosticsTable.Write(output, evaluation.Mean, null);
                WriteMembers(output, evaluation);
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (ForecastFailures.Handles(e))
        {
            return ForecastFailures.Fail(e, error, candles.Origin);
        }
    }

    private static IEnumerable<ReportField> MemberFields(EnsembleEvaluation evaluation) =>
        evaluation.Ensemble.Description.Members.Select((m, i) => new ReportField(
            FormattableString.Invariant($"Member {i}"),
            FormattableString.Invariant($"{m.Model}, seed {m.Seed}: {Score(evaluation.Members[i])}")));

    private static string Score(EvaluationResult result) =>
        result.Classification is { } c
            ? FormattableString.Invariant($"accuracy {c.Model.Accuracy:G4}")
            : string.Join(", ", result.Regression.Select(r => FormattableString.Invariant($"{r.Comparison.Target} MAE {r.Comparison.Model.Mae:G6}")));

    private static void WriteMembers(TextWriter output, EnsembleEvaluation evaluation)
    {
        var console = CliConsole.Create(output);
        var members = new Table().Title("members (each alone on the same samples)").AddColumn("member").AddColumn("model").AddColumn("seed").AddColumn("scores");
        foreach (var (member, i) in evaluation.Ensemble.Description.Members.Select((m, i) => (m, i)))
        {
            members.AddRow(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(member.Model), member.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(Score(evaluation.Members[i])));
        }

        console.Write(members);
        var spread = new Table().Title("members' spread, averaged over the samples").AddColumn("target").AddColumn("std").AddColumn("max - min");
        foreach (var s in evaluation.Spread)
        {
            spread.AddRow(Markup.Escape(s.Target), FormattableString.Invariant($"{s.MeanStandardDeviation:G4}"), FormattableString.Invariant($"{s.MeanRange:G4}"));
        }

        console.Write(spread);
    }
}

/// <summary>
/// <c>evaluate --json</c> <c>ensemble</c> of an ensemble: each member's own scores on the same samples, and per target
/// (per class for the regime model) the members' standard deviation and range averaged over the samples.
/// </summary>
internal sealed record EnsembleScores(IReadOnlyList<EnsembleMemberScores> Members, IReadOnlyDictionary<string, EnsembleSpreadSummary> Spread)
{
    public static EnsembleScores Of(EnsembleEvaluation evaluation) => new(
        evaluation.Ensemble.Description.Members.Select((m, i) => new EnsembleMemberScores(
            m.Model,
            m.Seed,
            EvaluateSummary.TargetsOf(evaluation.Members[i].Regression.Select(r => r.Comparison), evaluation.Members[i].Classification))).ToArray(),
        evaluation.Spread.ToDictionary(s => s.Target, s => new EnsembleSpreadSummary(RegressionScores.Finite(s.MeanStandardDeviation), RegressionScores.Finite(s.MeanRange)), StringComparer.Ordinal));
}

internal sealed record EnsembleMemberScores(string Model, long Seed, IReadOnlyDictionary<string, object> Targets);

internal sealed record EnsembleSpreadSummary(double? MeanStd, double? MeanRange);

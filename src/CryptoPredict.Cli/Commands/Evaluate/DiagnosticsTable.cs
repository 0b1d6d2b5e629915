using System.Globalization;
using CryptoPredict.Core.Evaluation;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>evaluate</c> without <c>--json</c>, after the metrics: the residual tests, and the importance ranking when asked for.</summary>
internal static class DiagnosticsTable
{
    public static void Write(TextWriter output, EvaluationResult evaluation, PermutationImportanceResult? importance)
    {
        var console = CliConsole.Create(output);
        if (evaluation.Regression.Count > 0)
        {
            var table = new Table().Title("residuals (actual - predicted; prices as log returns)")
                .AddColumn(new TableColumn("target").NoWrap()).AddColumn("mean").AddColumn("std").AddColumn("lags").AddColumn("Ljung-Box Q").AddColumn("p-value");
            foreach (var d in evaluation.Regression.Select(ResidualDiagnostics.Of))
            {
                table.AddRow(
                    Markup.Escape(d.Target), Number(d.Mean), Number(d.StandardDeviation),
                    d.Test is { } t ? t.Lags.ToString(CultureInfo.InvariantCulture) : "n/a", Number(d.Test?.Statistic ?? double.NaN), Number(d.Test?.PValue ?? double.NaN));
            }

            console.Write(table);
        }

        if (importance is null)
        {
            return;
        }

        var loss = importance.Metric == PermutationImportance.AccuracyMetric ? "accuracy drop" : "MAE increase";
        var ranking = new Table()
            .Title(Markup.Escape(FormattableString.Invariant($"permutation importance ({loss}, {importance.Repeats} shuffles, seed {importance.Seed}; unshuffled {importance.Metric} {Number(importance.Score)})")))
            .AddColumn(new TableColumn("feature").NoWrap()).AddColumn("mean").AddColumn("std").AddColumn("min").AddColumn("max");
        foreach (var f in importance.Features)
        {
            ranking.AddRow(Markup.Escape(f.Feature), Number(f.Mean), Number(f.StandardDeviation), Number(f.Minimum), Number(f.Maximum));
        }

        console.Write(ranking);
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "n/a";
}

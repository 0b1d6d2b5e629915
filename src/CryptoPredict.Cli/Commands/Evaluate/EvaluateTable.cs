using System.Globalization;
using CryptoPredict.Core.Evaluation;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>evaluate</c> without <c>--json</c>: what was scored, then one metrics table per target (model and baselines).</summary>
internal static class EvaluateTable
{
    public static void Write(TextWriter output, EvaluationResult evaluation, string candlePath, string? report)
    {
        var samples = evaluation.Samples;
        var description = samples.Bundle.Description;
        var console = CliConsole.Create(output);
        var header = new Table().AddColumn("evaluate").AddColumn("");
        header.AddRow("model", Markup.Escape($"{description.Architecture.Name} ({description.Symbol} {description.Interval}) on {evaluation.Device}"));
        header.AddRow("data", Markup.Escape(candlePath));
        header.AddRow("scored", samples.Part.Description);
        header.AddRow("samples", FormattableString.Invariant($"{samples.Count}, forecasts made at {Time(samples.From)} .. {Time(samples.To)}"));
        if (report is not null)
        {
            header.AddRow("report", Markup.Escape(report));
        }

        console.Write(header);
        foreach (var comparison in evaluation.Regression.Select(r => r.Comparison))
        {
            // The strongest baseline is starred rather than named in full, so the table keeps to 80 columns.
            var strongest = comparison.Strongest;
            var verdict = comparison.MaeRatio < 1 ? "beats it" : "does not beat it";
            var chosen = comparison.StrongestChosenOn == RegressionComparison.ChosenOnValidation ? "by validation MAE" : "by MAE here: no validation sample";
            var title = FormattableString.Invariant(
                $"{comparison.Target}: model MAE / strongest baseline's (*, {chosen}) = {Number(comparison.MaeRatio)}, {verdict}");
            var hitRate = double.IsFinite(comparison.Model.HitRate);
            var table = new Table().Title(Markup.Escape(title))
                .AddColumn(new TableColumn("forecast").NoWrap()).AddColumn("MAE").AddColumn("RMSE").AddColumn("MAPE %").AddColumn("R²").AddColumn(hitRate ? "hit rate" : "dir. acc.").AddColumn("Theil U");
            AddRow(table, "model", comparison.Model, comparison.TheilU, hitRate);
            foreach (var baseline in comparison.Baselines)
            {
                AddRow(table, baseline.Name == strongest.Name ? baseline.Name + " *" : baseline.Name, baseline.Metrics, baseline.TheilU, hitRate);
            }

            console.Write(table);
        }

        QuantileTable.Write(console, evaluation.Quantiles);
        if (evaluation.Classification is { } classification)
        {
            WriteClassification(console, classification);
        }
    }

    private static void WriteClassification(IAnsiConsole console, ClassificationSection classification)
    {
        var chosen = classification.StrongestChosenOn == RegressionComparison.ChosenOnValidation ? "by validation accuracy" : "by accuracy here: no validation sample";
        var table = new Table().Title(Markup.Escape($"{classification.Target}: * strongest baseline, {chosen}")).AddColumn(new TableColumn("classifier").NoWrap()).AddColumn("accuracy").AddColumn("log loss").AddColumn("macro AUC");
        AddRow(table, "model", classification.Model);
        var strongest = classification.Strongest?.Name;
        if (classification.Baseline is { } majority)
        {
            AddRow(table, strongest == classification.BaselineName ? "majority class *" : "majority class", majority);
        }

        if (classification.LastRegime is { } last)
        {
            AddRow(table, strongest == ClassificationSection.LastRegimeName ? "last regime *" : "last regime", last);
        }

        console.Write(table);
        var matrix = new Table().Title("confusion matrix (rows: actual, columns: predicted)").AddColumn("actual");
        foreach (var name in classification.ClassNames)
        {
            matrix.AddColumn(name);
        }

        for (var a = 0; a < classification.Model.Classes; a++)
        {
            matrix.AddRow([classification.ClassNames[a], .. classification.Model.ConfusionMatrix[a].Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        }

        console.Write(matrix);
    }

    private static void AddRow(Table table, string name, RegressionMetrics metrics, double theilU, bool hitRate) =>
        table.AddRow(Markup.Escape(name), Number(metrics.Mae), Number(metrics.Rmse), Number(metrics.Mape), Number(metrics.R2),
            Number(hitRate ? metrics.HitRate : metrics.DirectionalAccuracy), Number(theilU));

    private static void AddRow(Table table, string name, ClassificationMetrics metrics) =>
        table.AddRow(Markup.Escape(name), Number(metrics.Accuracy), Number(metrics.LogLoss), Number(metrics.Auc));

    /// <summary>Four significant digits (one decimal from 1,000 up), so a metrics table fits an 80-column terminal.</summary>
    private static string Number(double value) =>
        !double.IsFinite(value) ? "n/a"
        : Math.Abs(value) >= 1000 ? value.ToString("#,0.0", CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

using System.Globalization;
using CryptoPredict.Core.Drift;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>drift</c> without <c>--json</c>: what was compared, the features by PSI with their verdict, the targets, the outcome.</summary>
internal static class DriftTable
{
    public static void Write(TextWriter output, DriftReport report, string candlePath, RetrainOutcome? retrain)
    {
        var console = CliConsole.Create(output);
        var header = new Table().AddColumn("drift").AddColumn("");
        header.AddRow("model", Markup.Escape($"{report.Model} ({report.Symbol} {report.Interval})" + (report.Version is null ? "" : $", version {report.Version}")));
        header.AddRow("data", Markup.Escape(candlePath));
        header.AddRow("compared", Invariant($"{report.Rows} rows of {report.Candles} candles, {Time(report.From)} .. {Time(report.To)}"));
        header.AddRow("reference", Markup.Escape(
            Invariant($"{report.ReferenceRows} training rows, {Time(report.ReferenceFrom)} .. {Time(report.ReferenceTo)}") +
            (report.ReferenceRebuilt ? " (rebuilt from the training candles)" : "")));
        header.AddRow("drifted when", Invariant($"PSI > {report.PsiThreshold}"));
        console.Write(header);

        console.Write(Columns("features, by PSI", report.Features));
        if (report.Targets.Count > 0)
        {
            console.Write(Columns("targets (shown, not part of the verdict)", report.Targets));
        }

        console.MarkupLine(Verdict(report));
        if (retrain is not null)
        {
            console.MarkupLine(Markup.Escape(RetrainText(retrain)));
        }
    }

    private static Table Columns(string title, IReadOnlyList<ColumnDrift> columns)
    {
        var table = new Table().Title(title).AddColumn(new TableColumn("input").NoWrap())
            .AddColumn(new TableColumn("PSI").RightAligned()).AddColumn(new TableColumn("KS").RightAligned())
            .AddColumn(new TableColumn("KS p").RightAligned()).AddColumn(new TableColumn("JS bits").RightAligned()).AddColumn("verdict");
        foreach (var column in columns)
        {
            table.AddRow(
                Markup.Escape(column.Name),
                Number(column.Psi),
                Number(column.Ks),
                PValue(column.KsPValue),
                Number(column.Js),
                column.Drifted ? "[bold red]DRIFT[/]" : "[green]ok[/]");
        }

        return table;
    }

    private static string Verdict(DriftReport report)
    {
        var worst = report.Features[0];
        var drifted = report.Features.Count(f => f.Drifted);
        return report.Drifted
            ? $"[bold red]drift[/]: {drifted} of {report.Features.Count} features above PSI {Invariant($"{report.PsiThreshold}")} (max {Number(report.MaxPsi)}, {Markup.Escape(worst.Name)})"
            : $"[green]no drift[/]: max PSI {Number(report.MaxPsi)} ({Markup.Escape(worst.Name)}), at most {Invariant($"{report.PsiThreshold}")}";
    }

    public static string RetrainText(RetrainOutcome retrain) => retrain.Status switch
    {
        "retrained" => $"retrained: version {retrain.Version} published in {retrain.ModelDirectory}",
        "failed" => $"retraining failed, the current model is kept: {retrain.Failure?.Message}",
        "cancelled" => "retraining cancelled, the current model is kept (its checkpoint can be continued with train --resume)",
        _ => "retraining not needed",
    };

    private static string Number(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Three decimals, scientific below 0.001; a p-value that underflowed is shown as such, not as 0.</summary>
    private static string PValue(double p) =>
        p >= 0.001 ? p.ToString("0.000", CultureInfo.InvariantCulture)
        : p > 0 ? p.ToString("0.0e0", CultureInfo.InvariantCulture)
        : "< 1e-300";

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

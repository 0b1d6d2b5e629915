using System.Globalization;
using CryptoPredict.Core.Evaluation.Quantiles;
using CryptoPredict.Core.Models;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>evaluate</c>'s quantile tables: per target, pinball loss per level and each central interval, model beside the empirical-quantile baseline.</summary>
internal static class QuantileTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<QuantileEvaluation> quantiles)
    {
        foreach (var target in quantiles)
        {
            var table = new Table().Title(Markup.Escape($"{target.Target} quantiles (baseline: {target.Baseline}, {target.BaselineSamples} training samples)"))
                .AddColumn(new TableColumn("quantile").NoWrap()).AddColumn("pinball").AddColumn("baseline pinball")
                .AddColumn("coverage").AddColumn("width").AddColumn("baseline coverage").AddColumn("baseline width");
            foreach (var level in target.Levels)
            {
                table.AddRow(ForecastHeads.LevelText(level.Level), Number(level.Pinball), Number(level.BaselinePinball), "", "", "", "");
            }

            foreach (var interval in target.Intervals)
            {
                table.AddRow(
                    Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{ForecastHeads.LevelText(interval.Lower)}-{ForecastHeads.LevelText(interval.Upper)} ({interval.Nominal:0.##%})")),
                    "", "", Percent(interval.Coverage), Number(interval.MeanWidth), Percent(interval.BaselineCoverage), Number(interval.BaselineMeanWidth));
            }

            console.Write(table);
        }
    }

    private static string Percent(double value) => double.IsFinite(value) ? value.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a";

    private static string Number(double value) =>
        !double.IsFinite(value) ? "n/a"
        : Math.Abs(value) >= 1000 ? value.ToString("#,0.0", CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);
}

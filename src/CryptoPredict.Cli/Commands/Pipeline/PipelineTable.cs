using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// The pipeline's summary as one table: a few figures per step, read from the steps' JSON sections (a figure a
/// section lacks is left out, so the table follows the verbs' summaries as they grow).
/// </summary>
internal static class PipelineTable
{
    public static void Write(TextWriter output, PipelineSummary summary)
    {
        var table = new Table().AddColumn("pipeline").AddColumn(Markup.Escape($"{summary.Model} ({summary.Symbol} {summary.Interval})"));
        table.AddRow("preprocess", Markup.Escape(Preprocess(summary.Preprocess)));
        table.AddRow("train", Markup.Escape(Train(summary.Train)));
        foreach (var (target, text) in Evaluate(summary.Evaluate))
        {
            table.AddRow(Markup.Escape("evaluate " + target), Markup.Escape(text));
        }

        if (summary.Backtest is { } backtest)
        {
            table.AddRow("backtest", Markup.Escape(Backtest(backtest)));
        }

        CliConsole.Create(output).Write(table);
    }

    private static string Preprocess(JsonElement section) => Join(
        Text(section, "candles", "{0} candles"),
        Text(section, "file", "from {0}"),
        Text(section, "gaps", "{0} gap(s)"),
        Text(section, "missing_candles", "{0} missing candle(s)"),
        Text(section, "rows", "{0} feature rows"),
        section.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array && warnings.GetArrayLength() > 0
            ? $"{warnings.GetArrayLength()} warning(s)"
            : null);

    private static string Train(JsonElement section) => Join(
        Text(section, "stop", "{0}")?.Replace('_', ' '),
        Text(section, "epochs_run", "{0} epochs"),
        Text(section, "best_epoch", "best epoch {0}"),
        Number(section, "best_val_loss") is { } loss ? Invariant($"val_loss {loss:0.000000}") : null,
        section.TryGetProperty("model_version", out var version) && version.ValueKind == JsonValueKind.String ? "version " + Path.GetFileName(version.GetString()) : null);

    private static IEnumerable<(string Target, string Text)> Evaluate(JsonElement section)
    {
        if (!section.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var target in targets.EnumerateObject())
        {
            var model = Number(target.Value, "model", "mae");
            var persistence = Number(target.Value, "persistence", "mae");
            if (model is { } mae)
            {
                yield return (target.Name, persistence is { } p and > 0
                    ? Invariant($"MAE {mae:G5} vs persistence {p:G5} (ratio {mae / p:0.000})")
                    : Invariant($"MAE {mae:G5}"));
                continue;
            }

            var accuracy = Number(target.Value, "model", "accuracy");
            var majority = Number(target.Value, "majority", "accuracy");
            if (accuracy is { } a)
            {
                yield return (target.Name, majority is { } m ? Invariant($"accuracy {a:0.000} vs majority class {m:0.000}") : Invariant($"accuracy {a:0.000}"));
            }
        }
    }

    private static string Backtest(JsonElement section) => Join(
        Number(section, "strategy", "trades") is { } trades ? Invariant($"{trades:0} trade(s)") : null,
        Number(section, "strategy", "sharpe") is { } sharpe ? Invariant($"Sharpe {sharpe:0.00}") : null,
        Number(section, "strategy", "total_return") is { } total ? Invariant($"return {total:+0.00%;-0.00%}") : null,
        Number(section, "buy_and_hold", "sharpe") is { } holdSharpe ? Invariant($"buy-and-hold Sharpe {holdSharpe:0.00}") : null,
        Number(section, "buy_and_hold", "total_return") is { } hold ? Invariant($"return {hold:+0.00%;-0.00%}") : null,
        Number(section, "p_value") is { } p ? Invariant($"p-value {p:0.000}") : null);

    private static double? Number(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Number ? element.GetDouble() : null;
    }

    private static string? Text(JsonElement element, string name, string format) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.Number or JsonValueKind.String
            ? string.Format(CultureInfo.InvariantCulture, format, value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())
            : null;

    private static string Join(params string?[] parts) => string.Join(", ", parts.Where(p => !string.IsNullOrEmpty(p)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary><c>models</c> without <c>--json</c>: one row per run folder.</summary>
internal static class ModelsTable
{
    /// <summary>Eight columns do not fit 80 characters; output that is not a terminal (a file, a pipe) gets this width.</summary>
    private const int RedirectedWidth = 300;

    public static void Write(TextWriter output, IReadOnlyList<ModelEntry> entries)
    {
        var console = CliConsole.Create(output);
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("symbol").AddColumn("interval").AddColumn("model").AddColumn("version").AddColumn("trained on")
            .AddColumn("created").AddColumn("test (model vs baseline)").AddColumn("staleness");
        foreach (var entry in entries)
        {
            if (entry.Error is { } error)
            {
                table.AddRow(
                    Markup.Escape(entry.Symbol ?? "?"), Markup.Escape(entry.Interval ?? "?"), Markup.Escape(entry.Model ?? entry.Run), "-", "-", "-",
                    "[red]cannot load[/]", Markup.Escape(error));
                continue;
            }

            table.AddRow(
                Markup.Escape(entry.Symbol!),
                Markup.Escape(IntervalText(entry)),
                Markup.Escape(entry.Members is { } members ? $"{entry.Model} ({members.Count} members)" : entry.Model!),
                Markup.Escape(entry.Version ?? "(earlier build)"),
                Markup.Escape(TrainedText(entry.TrainedOn!)),
                Markup.Escape(Time(entry.Created!.Value)),
                Markup.Escape(MetricsText(entry)),
                Markup.Escape(StalenessText(entry.Staleness!)));
        }

        console.Write(table);
    }

    private static string IntervalText(ModelEntry entry) =>
        entry.SourceInterval is { } source && source != entry.Interval ? $"{entry.Interval} (from {source})" : entry.Interval!;

    private static string TrainedText(TrainedOn trained) =>
        string.Create(CultureInfo.InvariantCulture, $"{Time(trained.First)} .. {Time(trained.Last)} ({trained.Candles:N0} candles)");

    private static string MetricsText(ModelEntry entry)
    {
        if (entry.TestMetrics is not { } metrics)
        {
            return "(not recorded)";
        }

        var lines = metrics.Targets.Select(t =>
        {
            var (metric, model, baseline) = t.Headline;
            var against = t.Baseline is null ? "" : $" vs {Number(metric, baseline)} {t.Baseline.Replace('_', ' ')}";
            return $"{t.Name}: {metric} {Number(metric, model)}{against}";
        });
        return string.Join('\n', lines);
    }

    private static string StalenessText(StalenessEntry staleness)
    {
        var age = Age(TimeSpan.FromSeconds(staleness.AgeSeconds)) + " old";
        return staleness.NewerCandles is { } newer
            ? string.Create(CultureInfo.InvariantCulture, $"{newer:N0} newer candles, {age}")
            : $"{age}; no candles: {staleness.DataError}";
    }

    private static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            return "0m";
        }

        return age.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays}d {age.Hours}h")
            : string.Create(CultureInfo.InvariantCulture, $"{age.Hours}h {age.Minutes}m");
    }

    private static string Number(string metric, double? value) => value switch
    {
        null => "n/a",
        { } v when metric == "accuracy" => v.ToString("0.0%", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 100 => v.ToString("#,0.0", CultureInfo.InvariantCulture),
        { } v => v.ToString("G4", CultureInfo.InvariantCulture),
    };

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

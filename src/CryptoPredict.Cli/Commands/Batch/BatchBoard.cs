using System.Globalization;
using Spectre.Console;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// What a person at a terminal sees of a batch: a live table of its units while they run (status, epoch, the
/// result), and a summary table at the end. With --json or a redirected output there is no live table.
/// </summary>
internal static class BatchBoard
{
    public static bool IsLive(TextWriter output, bool json) => !json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>
    /// Runs <paramref name="work"/> under a live table of the request's units; the action it is given sets a unit's
    /// status text (called on the thread that runs <paramref name="work"/>).
    /// </summary>
    public static T Show<T>(BatchRequest request, TextWriter output, Func<Action<string, string>, T> work)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(work);
        var table = new Table().AddColumn("unit").AddColumn("status");
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var unit in request.Units)
        {
            rows[unit.Name] = rows.Count;
            table.AddRow(Markup.Escape(unit.Name), "waiting");
        }

        T result = default!;
        CliConsole.Create(output).Live(table).AutoClear(true).Start(context =>
        {
            result = work((name, status) =>
            {
                if (rows.TryGetValue(name, out var row))
                {
                    table.UpdateCell(row, 1, Markup.Escape(status));
                    context.Refresh();
                }
            });
        });
        return result;
    }

    public static void WriteSummary(TextWriter output, BatchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var console = CliConsole.Create(output);
        var table = new Table().AddColumn("unit").AddColumn("status").AddColumn("attempts").AddColumn("time").AddColumn("reason or metrics");
        foreach (var unit in summary.Units)
        {
            var status = unit.Status switch
            {
                UnitResult.Trained => "[green]trained[/]",
                UnitResult.Failed => "[red]failed[/]",
                UnitResult.Busy => "[yellow]busy[/]",
                _ => "skipped",
            };
            table.AddRow(
                Markup.Escape(unit.Name),
                status,
                unit.Attempts.ToString(CultureInfo.InvariantCulture),
                unit.DurationS is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0}s") : "",
                Markup.Escape(unit.Reason ?? TheilU(unit) ?? ""));
        }

        console.Write(table);
        foreach (var fetched in summary.Fetch ?? [])
        {
            console.WriteLine("fetch " + fetched);
        }

        var counts = summary.Counts;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{counts.Total} units: {counts.Trained} trained, {counts.Skipped} skipped, {counts.Failed} failed, {counts.Busy} busy ({summary.Shard}; ledger {summary.Ledger})"));
    }

    /// <summary>Theil's U of each regression target (below 1 beats persistence), the one figure that says whether a model has skill.</summary>
    private static string? TheilU(UnitResult unit)
    {
        if (unit.Metrics is not { } metrics || !metrics.TryGetProperty("targets", out var targets))
        {
            return null;
        }

        var parts = targets.EnumerateObject()
            .Where(t => t.Value.TryGetProperty("theil_u", out var u) && u.ValueKind == System.Text.Json.JsonValueKind.Number)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} U {t.Value.GetProperty("theil_u").GetDouble():0.000}"))
            .ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}

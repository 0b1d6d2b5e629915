using System.Globalization;
using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// Reads a plan file (<c>.yaml</c>/<c>.yml</c>, or <c>.json</c>): optional <c>defaults</c> (training settings for every
/// unit) and <c>units</c>, a list of maps with <c>symbol</c>, <c>interval</c>, <c>model</c> and any settings of their
/// own. Settings are <c>features</c>, <c>window</c>, <c>horizon</c>, <c>epochs</c>, <c>batch_size</c>, <c>lr</c>,
/// <c>seed</c>, <c>patience</c> and <c>clip_norm</c> (dashes work too). Every error is a usage
/// <see cref="RequestException"/> naming the file, the line, the unit and the field.
/// </summary>
public static class BatchPlanFile
{
    private static readonly string[] UnitKeys = ["symbol", "interval", "model"];

    private static readonly string[] SettingKeys = ["features", "window", "horizon", "epochs", "batch_size", "lr", "seed", "patience", "clip_norm"];

    /// <summary>
    /// The plan in <paramref name="path"/>; <paramref name="overrides"/> (the train options on the command line) go
    /// over the file's defaults and under each unit's own settings.
    /// </summary>
    public static BatchPlan Load(string path, TrainingOverrides overrides)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(overrides);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RequestException(FailureKind.Usage, $"{path}: cannot read the plan file: {e.Message}", path);
        }

        return Parse(text, path, overrides);
    }

    /// <summary>The plan in <paramref name="text"/>, read as JSON when <paramref name="path"/> ends in .json, else as YAML.</summary>
    public static BatchPlan Parse(string text, string path, TrainingOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(overrides);
        PlanNode root;
        try
        {
            root = PlanNode.Parse(text, path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
        }
        catch (PlanSyntaxException e)
        {
            throw Error(path, e.Line, e.Message);
        }

        if (root is not PlanMap map)
        {
            throw Error(path, root.Line, "the plan must be a map with 'units' (and optionally 'defaults').");
        }

        RequireKnown(path, map, "", ["defaults", "units"]);
        var defaults = Find(map, "defaults") is { } defaultsEntry
            ? Settings(path, Map(path, defaultsEntry.Value, "defaults"), "defaults", new TrainingOverrides())
            : new TrainingOverrides();
        defaults = Over(overrides, defaults);
        var unitsEntry = Find(map, "units") ?? throw Error(path, map.Line, "the plan has no 'units' list.");
        if (unitsEntry.Value is not PlanList list || list.Items.Count == 0)
        {
            throw Error(path, unitsEntry.Line, "'units' must be a non-empty list of units (symbol, interval, model and their own settings).");
        }

        var units = new List<BatchUnit>();
        var lines = new Dictionary<string, (int Index, int Line)>(StringComparer.Ordinal);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"units[{i}]");
            var unitMap = Map(path, list.Items[i], where);
            RequireKnown(path, unitMap, where, [.. UnitKeys, .. SettingKeys]);
            var symbol = Text(path, unitMap, where, "symbol");
            var interval = Text(path, unitMap, where, "interval");
            var model = Text(path, unitMap, where, "model");
            var settings = Settings(path, unitMap, where, defaults);
            BatchUnit unit;
            try
            {
                unit = BatchUnit.Create(NormaliseSymbol(symbol.Value), interval.Value, model.Value, settings);
            }
            catch (ArgumentException e)
            {
                var field = e.Message.StartsWith("symbol", StringComparison.Ordinal) ? symbol
                    : e.Message.StartsWith("interval", StringComparison.Ordinal) ? interval
                    : model;
                throw Error(path, field.Line, $"{where}.{e.Message}");
            }

            if (lines.TryGetValue(unit.Name, out var first))
            {
                throw Error(path, unitMap.Line,
                    string.Create(CultureInfo.InvariantCulture, $"{where} is {unit.Name} again (first as units[{first.Index}] on line {first.Line}); each symbol, interval and model is one unit."));
            }

            lines[unit.Name] = (i, unitMap.Line);
            units.Add(unit);
        }

        return new BatchPlan(units, path);
    }

    /// <summary><paramref name="top"/>'s settings over <paramref name="basis"/>'s.</summary>
    internal static TrainingOverrides Over(TrainingOverrides top, TrainingOverrides basis) => new()
    {
        Features = top.Features ?? basis.Features,
        Window = top.Window ?? basis.Window,
        Horizon = top.Horizon ?? basis.Horizon,
        Epochs = top.Epochs ?? basis.Epochs,
        BatchSize = top.BatchSize ?? basis.BatchSize,
        LearningRate = top.LearningRate ?? basis.LearningRate,
        Seed = top.Seed ?? basis.Seed,
        Patience = top.Patience ?? basis.Patience,
        ClipNorm = top.ClipNorm ?? basis.ClipNorm,
    };

    private static string NormaliseSymbol(string text) =>
        text.Trim().Replace("-", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    private static TrainingOverrides Settings(string path, PlanMap map, string where, TrainingOverrides basis)
    {
        if (where == "defaults")
        {
            RequireKnown(path, map, where, SettingKeys);
        }

        string? Get(string key) => Find(map, key) is { } entry ? Scalar(path, entry, where).Value : null;
        return Over(
            new TrainingOverrides
            {
                Features = Get("features"),
                Window = Whole(path, map, where, "window"),
                Horizon = Whole(path, map, where, "horizon"),
                Epochs = Whole(path, map, where, "epochs"),
                BatchSize = Whole(path, map, where, "batch_size"),
                LearningRate = Real(path, map, where, "lr"),
                Seed = Find(map, "seed") is { } seed ? Parse<long>(path, seed, where, "a whole number", t => long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null) : null,
                Patience = Whole(path, map, where, "patience"),
                ClipNorm = Real(path, map, where, "clip_norm"),
            },
            basis);
    }

    private static int? Whole(string path, PlanMap map, string where, string key) =>
        Find(map, key) is { } entry
            ? Parse(path, entry, where, "a whole number", t => int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : (int?)null)
            : null;

    private static double? Real(string path, PlanMap map, string where, string key) =>
        Find(map, key) is { } entry
            ? Parse(path, entry, where, "a number", t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : (double?)null)
            : null;

    private static T Parse<T>(string path, PlanEntry entry, string where, string what, Func<string, T?> parse)
        where T : struct
    {
        var (text, line) = Scalar(path, entry, where);
        return parse(text) ?? throw Error(path, line, $"{where}.{Key(entry.Key)}: '{text}' is not {what}.");
    }

    private static (string Value, int Line) Text(string path, PlanMap map, string where, string key)
    {
        var entry = Find(map, key) ?? throw Error(path, map.Line, $"{where}: '{key}' is missing (every unit names its symbol, interval and model).");
        return Scalar(path, entry, where);
    }

    private static (string Value, int Line) Scalar(string path, PlanEntry entry, string where) =>
        entry.Value is PlanScalar { Text.Length: > 0 } scalar
            ? (scalar.Text, scalar.Line)
            : throw Error(path, entry.Line, $"{where}.{Key(entry.Key)}: expected a single value, such as {Example(Key(entry.Key))}.");

    private static PlanMap Map(string path, PlanNode node, string where) =>
        node as PlanMap ?? throw Error(path, node.Line, $"{where}: expected a map of fields, such as symbol: BTCUSDT.");

    private static void RequireKnown(string path, PlanMap map, string where, string[] known)
    {
        foreach (var entry in map.Entries)
        {
            if (!known.Contains(Key(entry.Key), StringComparer.Ordinal))
            {
                var prefix = where.Length == 0 ? "" : where + ".";
                throw Error(path, entry.Line, $"{prefix}{entry.Key}: unknown field; known fields here: {string.Join(", ", known)}.");
            }
        }
    }

    private static PlanEntry? Find(PlanMap map, string key) => map.Entries.LastOrDefault(e => Key(e.Key) == key);

    private static string Key(string key) => key.Replace('-', '_');

    private static string Example(string key) => key switch
    {
        "symbol" => "BTCUSDT",
        "interval" => "1h",
        "model" => "lstm",
        "features" => "close",
        "lr" or "clip_norm" => "0.001",
        _ => "16",
    };

    private static RequestException Error(string path, int line, string message) =>
        new(FailureKind.Usage, string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: {message}"), path, line);
}

using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// The units of one batch, in the order they are worked on, each name at most once. Built from the cross product of
/// symbols, intervals and models with one set of settings (<see cref="FromLists"/>) or from a plan file with
/// per-unit overrides (<see cref="BatchPlanFile"/>).
/// </summary>
public sealed class BatchPlan
{
    public BatchPlan(IReadOnlyList<BatchUnit> units, string source)
    {
        ArgumentNullException.ThrowIfNull(units);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (!seen.Add(unit.Name))
            {
                throw new ArgumentException($"{source}: unit {unit.Name} is listed twice; each symbol, interval and model is one unit.");
            }
        }

        if (units.Count == 0)
        {
            throw new ArgumentException($"{source}: the plan has no units.");
        }

        Units = units;
        Source = source;
    }

    public IReadOnlyList<BatchUnit> Units { get; }

    /// <summary>Where the plan came from, for messages: the plan file, or "the command line".</summary>
    public string Source { get; }

    /// <summary>
    /// Every symbol x interval x model, symbols outermost (so one symbol's candles are read while they are cached),
    /// each with <paramref name="settings"/>. Repeated names in a list count once.
    /// </summary>
    public static BatchPlan FromLists(IEnumerable<string> symbols, IEnumerable<string> intervals, IEnumerable<string> models, TrainingOverrides settings)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(models);
        var units = new List<BatchUnit>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var intervalList = intervals.ToList();
        var modelList = models.ToList();
        foreach (var symbol in symbols)
        {
            foreach (var interval in intervalList)
            {
                foreach (var model in modelList)
                {
                    var unit = BatchUnit.Create(symbol, interval, model, settings);
                    if (names.Add(unit.Name))
                    {
                        units.Add(unit);
                    }
                }
            }
        }

        return new BatchPlan(units, "the command line");
    }

    /// <summary>The units of <paramref name="shard"/>, in plan order.</summary>
    public IReadOnlyList<BatchUnit> For(BatchShard shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return Units.Where(shard.Contains).ToList();
    }
}

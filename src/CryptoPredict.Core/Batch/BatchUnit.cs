using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// One model to train in a batch: a symbol, an interval and a catalog model, with the training settings of this unit
/// (the plan's defaults with the unit's own overrides over them). <see cref="Name"/> is the run's folder name
/// (<c>BTCUSDT_1h_lstm</c>), which is also its key in the ledger and what sharding hashes.
/// </summary>
public sealed record BatchUnit
{
    private BatchUnit(string symbol, string interval, string model, TrainingOverrides settings)
    {
        Symbol = symbol;
        Interval = interval;
        Model = model;
        Settings = settings;
        Name = RunPaths.RunName(symbol, interval, model);
    }

    public string Symbol { get; }

    /// <summary>Canonical interval text (<c>1h</c>, <c>15m</c>).</summary>
    public string Interval { get; }

    /// <summary>The catalog name of the architecture.</summary>
    public string Model { get; }

    public TrainingOverrides Settings { get; }

    public string Name { get; }

    /// <summary>
    /// A unit of <paramref name="symbol"/> (already normalised), <paramref name="interval"/> and
    /// <paramref name="model"/>; <see cref="ArgumentException"/> says which of the three is not valid.
    /// </summary>
    public static BatchUnit Create(string symbol, string interval, string model, TrainingOverrides? settings = null)
    {
        if (!RunPaths.IsValidSymbol(symbol))
        {
            throw new ArgumentException($"symbol '{symbol}' is not a symbol: use 2 to 20 upper-case letters or digits, such as BTCUSDT.");
        }

        if (!CandleInterval.TryParse(interval, out var parsed))
        {
            throw new ArgumentException($"interval '{interval}' is not an interval: use a count and a unit m, h, d or w, such as 15m, 1h, 4h or 1d.");
        }

        if (!ModelCatalog.TryGet(model, out var architecture))
        {
            throw new ArgumentException($"model '{model}' is not a model. Known models: {string.Join(", ", ModelCatalog.Names)}.");
        }

        return new BatchUnit(symbol, parsed.ToString(), architecture.Name, settings ?? new TrainingOverrides());
    }

    public CandleInterval CandleInterval => CandleInterval.Parse(Interval);

    public override string ToString() => Name;
}

using CryptoPredict.Core.Batch;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// Reads a unit's candles exactly as <c>train</c> does, through Core's <see cref="CandleSource"/>:
/// DATA_DIR/SYMBOL_INTERVAL.csv, or a finer file of the symbol resampled to the unit's interval, its symbol and
/// interval enforced. Keeps the last candles read: plans list a symbol's models one after another.
/// </summary>
internal sealed class BatchCandles(string dataDir)
{
    private (string Symbol, string Interval, CandleSourceResult Candles)? _last;

    /// <summary>The unit's candles; a missing or broken file throws what <c>train</c> reports (exit 2, naming the file and line).</summary>
    public CandleSourceResult Read(BatchUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (_last is { } last && last.Symbol == unit.Symbol && last.Interval == unit.Interval)
        {
            return last.Candles;
        }

        var candles = VerbSupport.ReadCandles(new CandleSourceRequest
        {
            Symbol = unit.Symbol,
            Interval = unit.CandleInterval,
            DataDir = dataDir,
            EnforceSymbol = true,
        });
        _last = (unit.Symbol, unit.Interval, candles);
        return candles;
    }
}

using CryptoPredict.Core.Batch;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// Reads a unit's candles exactly as <c>train</c> does (DATA_DIR/SYMBOL_INTERVAL.csv, its symbol and interval
/// enforced), the one place batch calls the shared candle functions. Keeps the last file read: plans list a symbol's
/// models one after another.
/// </summary>
internal sealed class BatchCandles(string dataDir)
{
    private (string Symbol, string Interval, CandleSeries Series)? _last;

    /// <summary>The unit's candles; a missing or broken file throws what <c>train</c> reports (exit 2, naming the file and line).</summary>
    public CandleSeries Read(BatchUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (_last is { } last && last.Symbol == unit.Symbol && last.Interval == unit.Interval)
        {
            return last.Series;
        }

        var interval = unit.CandleInterval;
        VerbSupport.TryCandlePath(dataDir, null, unit.Symbol, interval, TextWriter.Null, out var path, out _);
        var series = VerbSupport.ReadCandles(path, unit.Symbol, interval, dataGiven: false, symbolGiven: true, intervalGiven: true);
        _last = (unit.Symbol, unit.Interval, series);
        return series;
    }
}

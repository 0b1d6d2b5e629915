using System.Collections;

namespace CryptoPredict.Core.Market;

/// <summary>
/// An immutable, validated series of candles of one symbol and one interval, strictly increasing in
/// time. Columns are stored as arrays so indicators can run over spans without copying.
/// Extra numeric columns of the source file (funding rate, sentiment, ...) are kept by name.
/// </summary>
public sealed class CandleSeries : IReadOnlyList<Candle>
{
    private readonly DateTime[] _times;
    private readonly double[] _open;
    private readonly double[] _high;
    private readonly double[] _low;
    private readonly double[] _close;
    private readonly double[] _volume;

    public CandleSeries(
        string symbol,
        CandleInterval interval,
        DateTime[] openTimes,
        double[] open,
        double[] high,
        double[] low,
        double[] close,
        double[] volume,
        IReadOnlyDictionary<string, double[]>? extraColumns = null)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(openTimes);
        var n = openTimes.Length;
        RequireLength(open, n, nameof(open));
        RequireLength(high, n, nameof(high));
        RequireLength(low, n, nameof(low));
        RequireLength(close, n, nameof(close));
        RequireLength(volume, n, nameof(volume));
        for (var i = 0; i < n; i++)
        {
            if (openTimes[i].Kind != DateTimeKind.Utc)
            {
                throw new ArgumentException($"Open time at index {i} ({openTimes[i]:O}) is not UTC.", nameof(openTimes));
            }

            if (i > 0 && openTimes[i] <= openTimes[i - 1])
            {
                throw new ArgumentException(
                    $"Open times must be strictly increasing: index {i} ({openTimes[i]:O}) is not after index {i - 1} ({openTimes[i - 1]:O}).",
                    nameof(openTimes));
            }
        }

        var extras = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        if (extraColumns is not null)
        {
            foreach (var (name, values) in extraColumns)
            {
                RequireLength(values, n, name);
                extras.Add(name, values);
            }
        }

        Symbol = symbol;
        Interval = interval;
        _times = openTimes;
        _open = open;
        _high = high;
        _low = low;
        _close = close;
        _volume = volume;
        ExtraColumns = extras;
    }

    public string Symbol { get; }

    public CandleInterval Interval { get; }

    public int Count => _times.Length;

    public ReadOnlySpan<DateTime> OpenTimes => _times;
    public ReadOnlySpan<double> Open => _open;
    public ReadOnlySpan<double> High => _high;
    public ReadOnlySpan<double> Low => _low;
    public ReadOnlySpan<double> Close => _close;
    public ReadOnlySpan<double> Volume => _volume;

    /// <summary>Extra numeric columns carried by the source file, by column name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, double[]> ExtraColumns { get; }

    public Candle this[int index] =>
        new(_times[index], _open[index], _high[index], _low[index], _close[index], _volume[index]);

    /// <summary>The candles in <c>[start, start + length)</c> as a new series (columns are copied).</summary>
    public CandleSeries Slice(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Count, nameof(length));
        return new CandleSeries(
            Symbol,
            Interval,
            _times.AsSpan(start, length).ToArray(),
            _open.AsSpan(start, length).ToArray(),
            _high.AsSpan(start, length).ToArray(),
            _low.AsSpan(start, length).ToArray(),
            _close.AsSpan(start, length).ToArray(),
            _volume.AsSpan(start, length).ToArray(),
            ExtraColumns.ToDictionary(kv => kv.Key, kv => kv.Value.AsSpan(start, length).ToArray(), StringComparer.OrdinalIgnoreCase));
    }

    public IEnumerator<Candle> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void RequireLength(double[] values, int expected, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != expected)
        {
            throw new ArgumentException($"Column '{name}' has {values.Length} values but the series has {expected} open times.", name);
        }
    }
}

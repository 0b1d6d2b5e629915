namespace CryptoPredict.Core.Market;

/// <summary>
/// Builds a <see cref="CandleSeries"/> from candles that did not come from a file (the candles of an HTTP request),
/// with the rules a file row obeys (<see cref="CandleRowRules"/>) plus the ones a list given in time order must
/// keep: oldest first, each open time once, every spacing a whole multiple of the interval (a larger multiple is a
/// gap, as in a file). A broken rule is a <see cref="CandleDataException"/> whose location is the candle, such as
/// <c>candles[3]</c>, in place of a file and line.
/// </summary>
public static class CandleSeriesBuilder
{
    /// <param name="listName">What the caller calls the list, for messages (<c>candles</c>).</param>
    /// <param name="extraColumns">Extra numeric columns by name, one value per candle (as a file's extra columns).</param>
    public static CandleSeries Build(
        string symbol, CandleInterval interval, IReadOnlyList<Candle> candles, string listName, IReadOnlyDictionary<string, double[]>? extraColumns = null)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentNullException.ThrowIfNull(listName);
        var n = candles.Count;
        if (n == 0)
        {
            throw new CandleDataException(listName, null, CandleDataRule.EmptyFile, "the list holds no candles.");
        }

        var times = new DateTime[n];
        var open = new double[n];
        var high = new double[n];
        var low = new double[n];
        var close = new double[n];
        var volume = new double[n];
        var step = interval.Duration.Ticks;
        for (var i = 0; i < n; i++)
        {
            var candle = candles[i];
            var at = $"{listName}[{i}]";
            if (CandleRowRules.FirstViolation(candle, FieldName) is { } violation)
            {
                throw new CandleDataException(at, null, violation.Rule, violation.Explanation);
            }

            var time = candle.OpenTime.Kind == DateTimeKind.Utc ? candle.OpenTime : throw new ArgumentException($"{at}: the open time is not UTC.", nameof(candles));
            if (i > 0)
            {
                CheckSpacing(times[i - 1], time, step, interval, listName, i);
            }

            times[i] = time;
            open[i] = candle.Open;
            high[i] = candle.High;
            low[i] = candle.Low;
            close[i] = candle.Close;
            volume[i] = candle.Volume;
        }

        if (extraColumns is not null)
        {
            foreach (var (name, values) in extraColumns)
            {
                ArgumentNullException.ThrowIfNull(values, name);
                var bad = Array.FindIndex(values, v => !double.IsFinite(v));
                if (bad >= 0)
                {
                    throw new CandleDataException($"{listName}[{bad}]", null, CandleDataRule.NotFinite,
                        $"{CandleRowRules.Format(values[bad])} in column '{name}' is not a finite number.");
                }
            }
        }

        return new CandleSeries(symbol, interval, times, open, high, low, close, volume, extraColumns);
    }

    private static void CheckSpacing(DateTime previous, DateTime time, long step, CandleInterval interval, string listName, int i)
    {
        var at = $"{listName}[{i}]";
        if (time == previous)
        {
            throw new CandleDataException(at, null, CandleDataRule.DuplicateTime, $"timestamp {Iso(time)} is also the open time of {listName}[{i - 1}]; give each candle once.");
        }

        if (time < previous)
        {
            throw new CandleDataException(at, null, CandleDataRule.OutOfOrder,
                $"timestamp {Iso(time)} is earlier than {listName}[{i - 1}] ({Iso(previous)}); give the candles oldest first.");
        }

        if ((time - previous).Ticks % step != 0)
        {
            throw new CandleDataException(at, null, CandleDataRule.IrregularSpacing,
                $"timestamp {Iso(time)} is {time - previous:c} after {listName}[{i - 1}], which is not a whole multiple of the {interval} interval.");
        }
    }

    private static string FieldName(CandleField field) => field switch
    {
        CandleField.Open => "open",
        CandleField.High => "high",
        CandleField.Low => "low",
        CandleField.Close => "close",
        _ => "volume",
    };

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

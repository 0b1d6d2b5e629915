namespace CryptoPredict.Core.Market;

/// <summary>
/// Finds a file's interval: the most common spacing between consecutive candles. Every spacing must be a
/// whole multiple of it (a multiple is a gap; anything else matches no interval).
/// </summary>
internal static class CandleIntervalDetector
{
    public static CandleInterval Detect(DateTime[] times, int[] lines, CandleInterval? expected, CandleInterval? fromFileName, string path)
    {
        if (times.Length < 2)
        {
            return expected ?? fromFileName ?? throw new CandleDataException(path, null, CandleDataRule.UnknownInterval,
                "a single candle does not show its interval; pass the interval or name the file SYMBOL_INTERVAL.csv.");
        }

        var counts = new Dictionary<long, int>();
        for (var i = 1; i < times.Length; i++)
        {
            var spacing = (times[i] - times[i - 1]).Ticks;
            counts[spacing] = counts.GetValueOrDefault(spacing) + 1;
        }

        // Ties go to the shorter spacing: the longer one is then more likely a run of gaps.
        var mostCommon = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        if (expected is { } wanted && !counts.ContainsKey(wanted.Duration.Ticks))
        {
            throw new CandleDataException(path, null, CandleDataRule.IntervalMismatch,
                $"the interval {wanted} was asked for, but no two consecutive candles are {wanted} apart; "
                + $"the most common spacing is {new CandleInterval(TimeSpan.FromTicks(mostCommon))}.");
        }

        var step = expected?.Duration.Ticks ?? mostCommon;
        if (step % TimeSpan.TicksPerSecond != 0)
        {
            throw new CandleDataException(path, null, CandleDataRule.IrregularSpacing,
                $"the most common spacing, {TimeSpan.FromTicks(step)}, is not a whole number of seconds, so it matches no candle interval.");
        }

        var interval = new CandleInterval(TimeSpan.FromTicks(step));
        for (var i = 1; i < times.Length; i++)
        {
            var spacing = times[i] - times[i - 1];
            if (spacing.Ticks % step != 0)
            {
                throw new CandleDataException(path, lines[i], CandleDataRule.IrregularSpacing,
                    $"this candle is {Describe(spacing)} after the one on line {lines[i - 1]}, which is not a whole multiple of the file's {interval} interval.");
            }
        }

        return interval;
    }

    private static string Describe(TimeSpan spacing) =>
        spacing.Ticks % TimeSpan.TicksPerMinute == 0 ? new CandleInterval(spacing).ToString() : spacing.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}

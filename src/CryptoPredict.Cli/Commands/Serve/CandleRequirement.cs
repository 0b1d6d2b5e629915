using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>
/// How many candles a request must send for a bundle: its window plus the warm-up its features need before their
/// first defined value. The warm-up is not declared by the indicators, so it is measured once per bundle on a
/// synthetic contiguous series (every indicator's warm-up depends on its periods, not on prices). A model trained
/// on extra columns cannot be measured that way; <see cref="WarmUp"/> is then null and the forecaster's own
/// message says what is missing.
/// </summary>
internal sealed record CandleRequirement(int Window, int? WarmUp)
{
    /// <summary>Long enough for the slowest indicator periods a model is trained with (sma_200 and the like).</summary>
    private const int ProbeCandles = 2048;

    public int? Minimum => WarmUp is { } warmUp ? warmUp + Window : null;

    public static CandleRequirement Of(ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var description = bundle.Description;
        var features = FeatureSet.Parse(description.Features);
        var probe = Probe(CandleInterval.Parse(description.Interval));
        if (!features.ColumnNames(probe).SequenceEqual(description.FeatureColumns, StringComparer.Ordinal))
        {
            return new CandleRequirement(description.Window, null);
        }

        try
        {
            var matrix = features.Compute(probe);
            return new CandleRequirement(description.Window, matrix.FirstCompleteRow < matrix.RowCount ? matrix.FirstCompleteRow : null);
        }
        catch (KeyNotFoundException)
        {
            // An extra:NAME feature: the probe has no such column.
            return new CandleRequirement(description.Window, null);
        }
    }

    /// <summary>A gently oscillating market with a rising volume: no flat stretch that would leave a ratio undefined.</summary>
    private static CandleSeries Probe(CandleInterval interval)
    {
        var times = new DateTime[ProbeCandles];
        var open = new double[ProbeCandles];
        var high = new double[ProbeCandles];
        var low = new double[ProbeCandles];
        var close = new double[ProbeCandles];
        var volume = new double[ProbeCandles];
        var start = new DateTime(2020, 1, 6, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < ProbeCandles; i++)
        {
            times[i] = start + (interval.Duration * i);
            open[i] = 100 + (5 * Math.Sin(i * 0.37));
            close[i] = 100 + (5 * Math.Sin((i + 1) * 0.37));
            high[i] = Math.Max(open[i], close[i]) + 0.5 + (0.25 * Math.Cos(i * 0.11));
            low[i] = Math.Min(open[i], close[i]) - 0.5 - (0.25 * Math.Sin(i * 0.13));
            volume[i] = 1000 + (100 * Math.Sin(i * 0.23)) + i;
        }

        return new CandleSeries("PROBE", interval, times, open, high, low, close, volume);
    }
}

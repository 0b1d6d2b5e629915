using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// The targets of one model, several horizons at once if needed (seed 004: 30m, 1h, 4h).
/// Text form: comma-separated names <c>next_open</c>, <c>next_high</c>, <c>next_low</c>, <c>next_close</c>,
/// <c>close_hN</c>, <c>realized_vol_N</c>, <c>log_realized_vol_N</c>, <c>regime_hN</c> or <c>regime_hN_THRESHOLD</c>.
/// </summary>
public sealed class TargetSet
{
    public TargetSet(IEnumerable<TargetSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        Specs = specs.ToArray();
        if (Specs.Count == 0)
        {
            throw new ArgumentException("A target set needs at least one target.", nameof(specs));
        }

        var duplicate = Specs.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Target '{duplicate.Key}' appears twice.", nameof(specs));
        }
    }

    public IReadOnlyList<TargetSpec> Specs { get; }

    public int Horizon => Specs.Max(s => s.Horizon);

    /// <summary>Next candle's open, high, low and close (seed 001).</summary>
    public static TargetSet NextOhlc() => new(
        [new NextCandleTarget(PriceField.Open), new NextCandleTarget(PriceField.High),
         new NextCandleTarget(PriceField.Low), new NextCandleTarget(PriceField.Close)]);

    /// <summary>The close at several horizons given as durations, e.g. ("30m", "1h", "4h") on 15m candles.</summary>
    public static TargetSet CloseAtHorizons(CandleInterval interval, params string[] horizons)
    {
        ArgumentNullException.ThrowIfNull(horizons);
        return new TargetSet(horizons.Select(h => new CloseAtHorizonTarget(TargetHorizon.Candles(h, interval))));
    }

    public static TargetSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new FormatException($"Target list '{text}' names no target.");
        }

        return new TargetSet(names.Select(ParseOne));
    }

    public static TargetSpec ParseOne(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.Trim().ToLowerInvariant();
        switch (lower)
        {
            case "next_open": return new NextCandleTarget(PriceField.Open);
            case "next_high": return new NextCandleTarget(PriceField.High);
            case "next_low": return new NextCandleTarget(PriceField.Low);
            case "next_close": return new NextCandleTarget(PriceField.Close);
        }

        if (lower.StartsWith("close_h", StringComparison.Ordinal) && TryCount(lower["close_h".Length..], out var h))
        {
            return new CloseAtHorizonTarget(h);
        }

        if (lower.StartsWith("log_realized_vol_", StringComparison.Ordinal) && TryCount(lower["log_realized_vol_".Length..], out var logN) && logN >= 2)
        {
            return new RealizedVolatilityTarget(logN, isLog: true);
        }

        if (lower.StartsWith("realized_vol_", StringComparison.Ordinal) && TryCount(lower["realized_vol_".Length..], out var n) && n >= 2)
        {
            return new RealizedVolatilityTarget(n);
        }

        if (lower.StartsWith("regime_h", StringComparison.Ordinal))
        {
            var rest = lower["regime_h".Length..].Split('_', 2);
            if (TryCount(rest[0], out var regimeHorizon))
            {
                if (rest.Length == 1)
                {
                    return new RegimeTarget(regimeHorizon);
                }

                if (double.TryParse(rest[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold)
                    && double.IsFinite(threshold) && threshold >= 0)
                {
                    return new RegimeTarget(regimeHorizon, threshold);
                }
            }
        }

        throw new FormatException(
            $"Unknown target '{name}'. Known targets: next_open, next_high, next_low, next_close, close_hN (N >= 1), "
            + "realized_vol_N or log_realized_vol_N (N >= 2), regime_hN or regime_hN_THRESHOLD (threshold a log return >= 0, e.g. regime_h4_0.01).");
    }

    public TargetMatrix Compute(CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var continuity = new GapMap(series);
        var width = Specs.Count;
        var values = new double[series.Count * width];
        for (var c = 0; c < width; c++)
        {
            var column = Specs[c].Compute(series, continuity);
            for (var r = 0; r < column.Length; r++)
            {
                values[(r * width) + c] = column[r];
            }
        }

        return new TargetMatrix(Specs, values, series.Count);
    }

    public override string ToString() => string.Join(",", Specs.Select(s => s.Name));

    private static bool TryCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
}

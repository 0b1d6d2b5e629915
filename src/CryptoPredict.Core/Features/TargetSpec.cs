using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// What a model learns to predict at row t, computed only from rows t..t+<see cref="Horizon"/>.
/// The value is NaN where those rows run past the end of the series or across a gap.
/// </summary>
public abstract record TargetSpec
{
    /// <summary>Stable column name, e.g. <c>next_close</c>, <c>close_h4</c>, <c>realized_vol_24</c>, <c>regime_h4</c>.</summary>
    public abstract string Name { get; }

    /// <summary>How many candles after t the target reads.</summary>
    public abstract int Horizon { get; }

    /// <summary>True when the value is a log return against close_t (see <see cref="PriceTargets"/>).</summary>
    public abstract bool IsPriceLogReturn { get; }

    /// <summary>The value at row t; the caller guarantees rows t..t+Horizon exist and are consecutive.</summary>
    internal abstract double ValueAt(CandleSeries series, int t);

    public double[] Compute(CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Compute(series, new GapMap(series));
    }

    internal double[] Compute(CandleSeries series, GapMap continuity)
    {
        var result = new double[series.Count];
        for (var t = 0; t < result.Length; t++)
        {
            var last = t + Horizon;
            result[t] = last < series.Count && continuity.IsContiguous(t, last) ? ValueAt(series, t) : double.NaN;
        }

        return result;
    }

    protected static void RequirePositive(int value, string name, int minimum = 1)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}, got {value}.");
        }
    }

    protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

using MathNet.Numerics.LinearRegression;

namespace CryptoPredict.Core.Evaluation.Baselines;

/// <summary>
/// Corsi's HAR-RV regression for the n-candle realized-volatility target (the sample std of the next n log returns):
/// target_t = b0 + b1·d_t + b2·w_t + b3·m_t, where d_t is the realized volatility of the last n returns (the persistence
/// forecast), w_t the mean of the last <see cref="WeekWindows"/> non-overlapping n-return volatilities (d at rows t,
/// t-n, ..., t-6n) and m_t the mean of the last <see cref="MonthWindows"/>. Markets trade 24/7, so a week is 7 windows and
/// a month 30, not the 5 and 22 trading days of Corsi's equity data. Where the candles start, or a gap lies, less than 30
/// windows back, w and m average the whole windows there are (at least d itself), so every sample the persistence
/// baseline scores has a HAR forecast too. Ordinary least squares on the training part only.
/// </summary>
/// <param name="Candles">n, the target's window.</param>
public sealed record HarRvBaseline(int Candles, double Intercept, double Daily, double Weekly, double Monthly)
{
    public const string Name = "har_rv";

    public const int WeekWindows = 7;

    public const int MonthWindows = 30;

    /// <summary>
    /// (d, w, m) at end row <paramref name="t"/> from <paramref name="returns"/> (see <see cref="LogReturns"/>), reading
    /// rows t−30n+1..t at most and none before <paramref name="firstRow"/>, the first row of the run of contiguous candles
    /// holding t (its return r_firstRow spans a gap or does not exist, so it is not read).
    /// </summary>
    public static (double Daily, double Weekly, double Monthly) Components(ReadOnlySpan<double> returns, int t, int candles, int firstRow = 0)
    {
        var windows = Math.Min(MonthWindows, (t - firstRow) / candles);
        if (t >= returns.Length || firstRow < 0 || windows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, $"HAR-RV at row {t} needs {candles} contiguous returns after row {firstRow}, within the {returns.Length} rows.");
        }

        double daily = 0, week = 0, month = 0;
        for (var k = 0; k < windows; k++)
        {
            var volatility = SampleStd(returns.Slice(t - ((k + 1) * candles) + 1, candles));
            if (k == 0)
            {
                daily = volatility;
            }

            if (k < WeekWindows)
            {
                week += volatility;
            }

            month += volatility;
        }

        return (daily, week / Math.Min(WeekWindows, windows), month / windows);
    }

    /// <summary>OLS of <paramref name="targets"/> on the components (with an intercept), through a QR decomposition.</summary>
    /// <exception cref="ArgumentException">Fewer than 5 samples, lengths differ, or the components are collinear.</exception>
    public static HarRvBaseline Fit(IReadOnlyList<(double Daily, double Weekly, double Monthly)> components, IReadOnlyList<double> targets, int candles)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(targets);
        if (components.Count != targets.Count)
        {
            throw new ArgumentException($"{components.Count} component rows but {targets.Count} targets.", nameof(targets));
        }

        if (components.Count < 5)
        {
            throw new ArgumentException($"HAR-RV needs at least 5 training samples to fit 4 coefficients, got {components.Count}.", nameof(components));
        }

        var x = components.Select(c => new[] { c.Daily, c.Weekly, c.Monthly }).ToArray();
        var b = MultipleRegression.QR(x, targets.ToArray(), intercept: true);
        if (b.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("HAR-RV's regressors are collinear on the training part (constant volatility?); no unique fit.", nameof(components));
        }

        return new HarRvBaseline(candles, b[0], b[1], b[2], b[3]);
    }

    /// <summary>
    /// The fitted forecast at each end row, floored at 0 like the model's output; <paramref name="segmentStarts"/> gives
    /// each row's first contiguous row (<see cref="Market.GapMap.SegmentStarts"/>).
    /// </summary>
    public double[] Forecast(ReadOnlySpan<double> returns, IReadOnlyList<int> endRows, ReadOnlySpan<int> segmentStarts)
    {
        ArgumentNullException.ThrowIfNull(endRows);
        var result = new double[endRows.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var (d, w, m) = Components(returns, endRows[i], Candles, segmentStarts[endRows[i]]);
            result[i] = Math.Max(0, Intercept + (Daily * d) + (Weekly * w) + (Monthly * m));
        }

        return result;
    }

    private static double SampleStd(ReadOnlySpan<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / (values.Length - 1));
    }
}

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Naive forecasts of the realized-volatility target (<see cref="Features.RealizedVolatilityTarget"/>: the sample
/// standard deviation of the next n log returns), made at end row t from closes 0..t only. Every return is
/// r_k = ln(close_k / close_{k-1}); a forecast at row t reads no close after row t.
/// <para>
/// The caller passes the closes of one series whose rows are consecutive candles around each end row (a
/// <see cref="Features.WindowedDataset"/> guarantees that for rows t-T+1..t, so a window T of at least n + 1
/// covers the persistence baseline); a return across a gap would span more than one interval.
/// </para>
/// </summary>
public static class VolatilityBaselines
{
    /// <summary>RiskMetrics' decay for daily data, the usual default for an EWMA volatility.</summary>
    public const double RiskMetricsLambda = 0.94;

    /// <summary>The first end row with <paramref name="candles"/> returns at or before it (row 0 has no return).</summary>
    public static int FirstEndRow(int candles)
    {
        RequireCandles(candles);
        return candles;
    }

    /// <summary>
    /// Persistence of realized volatility: for each end row t, the realized volatility of the last
    /// <paramref name="candles"/> candles, the sample standard deviation (n - 1 denominator) of r_{t-n+1}..r_t. That is
    /// the same estimator as the target, computed on the window that just closed, so it equals the target's value at
    /// row t - n.
    /// </summary>
    /// <param name="closes">Closes of the series, positive and finite at every row a forecast reads.</param>
    /// <param name="endRows">Forecast rows t, each in <see cref="FirstEndRow"/>..closes.Length - 1.</param>
    /// <param name="candles">n, the target's window (at least 2).</param>
    /// <returns>One forecast per end row, in the order given.</returns>
    public static double[] Persistence(ReadOnlySpan<double> closes, IReadOnlyList<int> endRows, int candles)
    {
        ArgumentNullException.ThrowIfNull(endRows);
        RequireCandles(candles);
        var result = new double[endRows.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var t = RequireEndRow(endRows, i, closes.Length, candles);
            RequireCloses(closes, t - candles, t);

            // The same arithmetic, in the same order, as RealizedVolatilityTarget, so the two agree bitwise.
            var mean = 0.0;
            for (var k = t - candles + 1; k <= t; k++)
            {
                mean += Math.Log(closes[k] / closes[k - 1]);
            }

            mean /= candles;
            var sumSquares = 0.0;
            for (var k = t - candles + 1; k <= t; k++)
            {
                var d = Math.Log(closes[k] / closes[k - 1]) - mean;
                sumSquares += d * d;
            }

            result[i] = Math.Sqrt(sumSquares / (candles - 1));
        }

        return result;
    }

    /// <summary>
    /// RiskMetrics EWMA volatility: sigma^2_k = lambda * sigma^2_{k-1} + (1 - lambda) * r_k^2 (zero mean, as RiskMetrics),
    /// seeded at row n with the mean of r_1^2..r_n^2, and the forecast at end row t is sigma_t, which uses r_t (known at
    /// the close of t) and nothing later. A per-candle volatility is the forecast for the whole next window because
    /// EWMA's term structure is flat. The seed's weight decays as lambda^(t - n) (under 0.3% after 100 candles at
    /// 0.94), so early end rows depend a little on where the closes start.
    /// </summary>
    /// <param name="closes">Closes of the series, positive and finite up to the last end row.</param>
    /// <param name="endRows">Forecast rows t, each in <see cref="FirstEndRow"/>..closes.Length - 1.</param>
    /// <param name="candles">n, the target's window (at least 2), which also sets the seed window.</param>
    /// <param name="lambda">Decay, strictly between 0 and 1; <see cref="RiskMetricsLambda"/> by default.</param>
    /// <returns>One forecast per end row, in the order given.</returns>
    public static double[] Ewma(ReadOnlySpan<double> closes, IReadOnlyList<int> endRows, int candles, double lambda = RiskMetricsLambda)
    {
        ArgumentNullException.ThrowIfNull(endRows);
        RequireCandles(candles);
        if (!(lambda > 0 && lambda < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"lambda must be strictly between 0 and 1, got {lambda}.");
        }

        var lastRow = -1;
        for (var i = 0; i < endRows.Count; i++)
        {
            lastRow = Math.Max(lastRow, RequireEndRow(endRows, i, closes.Length, candles));
        }

        if (lastRow < 0)
        {
            return [];
        }

        RequireCloses(closes, 0, lastRow);

        // variance[t] = sigma^2 after the return of row t, for t = n..lastRow.
        var variance = new double[lastRow + 1];
        var seed = 0.0;
        for (var k = 1; k <= candles; k++)
        {
            var r = Math.Log(closes[k] / closes[k - 1]);
            seed += r * r;
        }

        variance[candles] = seed / candles;
        for (var k = candles + 1; k <= lastRow; k++)
        {
            var r = Math.Log(closes[k] / closes[k - 1]);
            variance[k] = (lambda * variance[k - 1]) + ((1 - lambda) * r * r);
        }

        var result = new double[endRows.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Sqrt(variance[endRows[i]]);
        }

        return result;
    }

    private static void RequireCandles(int candles)
    {
        if (candles < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(candles), candles, $"candles must be at least 2 (a sample standard deviation needs two returns), got {candles}.");
        }
    }

    private static int RequireEndRow(IReadOnlyList<int> endRows, int index, int rows, int candles)
    {
        var row = endRows[index];
        if (row < candles || row >= rows)
        {
            throw new ArgumentOutOfRangeException(
                nameof(endRows),
                row,
                $"endRows[{index}] is row {row}; a {candles}-candle volatility baseline needs an end row in {candles}..{rows - 1} ({candles} returns before it, within the {rows} closes).");
        }

        return row;
    }

    private static void RequireCloses(ReadOnlySpan<double> closes, int first, int last)
    {
        for (var k = first; k <= last; k++)
        {
            if (!(closes[k] > 0) || !double.IsFinite(closes[k]))
            {
                throw new ArgumentException($"closes[{k}] is {closes[k]}; log returns need positive finite closes.", nameof(closes));
            }
        }
    }
}

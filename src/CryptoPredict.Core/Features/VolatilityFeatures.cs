using CryptoPredict.Core.Indicators;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// Inputs for forecasting realized volatility. Volatility is right-skewed and multiplicative, so the estimators are
/// given in logs (a min-max scaler fitted on calm training candles then still spans the wild ones); the hour of the
/// week carries the weekly cycle of crypto trading (quieter weekends), which trailing averages cannot see coming.
/// </summary>
public static class VolatilityFeatures
{
    /// <summary>The floor under a volatility before its log (1e-12 per candle): constant closes give 0, whose log is -inf.</summary>
    public const double Floor = 1e-12;

    private static readonly double ParkinsonFactor = 1 / (4 * Math.Log(2));

    /// <summary>ln of <see cref="SeriesIndicators.HistoricalVolatility"/> over <paramref name="period"/> log returns.</summary>
    public static double[] LogHistoricalVolatility(CandleSeries series, int period)
    {
        ArgumentNullException.ThrowIfNull(series);
        var volatility = series.HistoricalVolatility(period);
        for (var i = 0; i < volatility.Length; i++)
        {
            if (!double.IsNaN(volatility[i]))
            {
                volatility[i] = Math.Log(Math.Max(volatility[i], Floor));
            }
        }

        return volatility;
    }

    /// <summary>
    /// ln of Parkinson's range estimator over the last <paramref name="period"/> candles:
    /// ln sqrt(mean((ln(high/low))²) / (4 ln 2)), the volatility per candle a driftless random walk with those ranges
    /// has; NaN for the first period - 1 candles.
    /// </summary>
    public static double[] LogParkinson(CandleSeries series, int period)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var high = series.High;
        var low = series.Low;
        var output = new double[series.Count];
        var sum = 0.0;
        for (var i = 0; i < output.Length; i++)
        {
            var range = Math.Log(high[i] / low[i]);
            sum += range * range;
            if (i >= period)
            {
                var old = Math.Log(high[i - period] / low[i - period]);
                sum -= old * old;
            }

            // Summing and subtracting drifts by ulps; a window of equal highs and lows must still give the floor.
            output[i] = i < period - 1 ? double.NaN : Math.Log(Math.Max(Math.Sqrt(Math.Max(sum, 0) / period * ParkinsonFactor), Floor));
        }

        return output;
    }

    /// <summary>
    /// sin (or cos) of 2π·k·w, w the candle's open time as a fraction of the UTC week from Monday 00:00: harmonic
    /// <paramref name="harmonic"/> of the weekly cycle.
    /// </summary>
    public static double[] WeekCycle(CandleSeries series, int harmonic, bool cosine)
    {
        ArgumentNullException.ThrowIfNull(series);
        var times = series.OpenTimes;
        var output = new double[times.Length];
        for (var i = 0; i < output.Length; i++)
        {
            var time = times[i];
            var sinceMonday = ((((int)time.DayOfWeek + 6) % 7) * TimeSpan.TicksPerDay) + time.TimeOfDay.Ticks;
            var angle = 2 * Math.PI * harmonic * sinceMonday / (7.0 * TimeSpan.TicksPerDay);
            output[i] = cosine ? Math.Cos(angle) : Math.Sin(angle);
        }

        return output;
    }
}

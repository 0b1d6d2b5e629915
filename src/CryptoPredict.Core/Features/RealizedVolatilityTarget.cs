using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// Realized volatility over the next n candles (seed 002): the sample standard deviation (n - 1
/// denominator, as pandas' <c>std</c>) of the n log returns ln(close_k / close_{k-1}), k = t+1..t+n. With
/// <see cref="IsLog"/> the value learned is its natural log (<c>log_realized_vol_N</c>): volatility is right-skewed
/// and multiplicative, so errors in log units weigh calm and wild periods alike, and exp of any output is positive.
/// </summary>
public sealed record RealizedVolatilityTarget : TargetSpec
{
    public const string LogPrefix = "log_";

    public RealizedVolatilityTarget(int candles, bool isLog = false)
    {
        RequirePositive(candles, nameof(candles), minimum: 2);
        Candles = candles;
        IsLog = isLog;
    }

    public int Candles { get; }

    /// <summary>True when the value is ln(realized volatility); <see cref="ToVolatility"/> turns it back.</summary>
    public bool IsLog { get; }

    /// <summary>The name of the volatility itself, <c>realized_vol_N</c>, which reports score in either case.</summary>
    public string VolatilityName => "realized_vol_" + Candles.ToString(CultureInfo.InvariantCulture);

    public override string Name => IsLog ? LogPrefix + VolatilityName : VolatilityName;

    /// <summary>A value in target units (or a model's output in them) as a volatility: exp for a log target, else floored at 0.</summary>
    public double ToVolatility(double value) => IsLog ? Math.Exp(value) : Math.Max(0, value);

    /// <summary>The inverse of <see cref="ToVolatility"/>: a volatility in this target's units (its log, floored at 1e-12).</summary>
    public double FromVolatility(double volatility) => IsLog ? Math.Log(Math.Max(volatility, 1e-12)) : volatility;

    public override int Horizon => Candles;

    public override bool IsPriceLogReturn => false;

    internal override double ValueAt(CandleSeries series, int t)
    {
        var close = series.Close;
        var mean = 0.0;
        for (var k = t + 1; k <= t + Candles; k++)
        {
            mean += Math.Log(close[k] / close[k - 1]);
        }

        mean /= Candles;
        var sumSquares = 0.0;
        for (var k = t + 1; k <= t + Candles; k++)
        {
            var d = Math.Log(close[k] / close[k - 1]) - mean;
            sumSquares += d * d;
        }

        var volatility = Math.Sqrt(sumSquares / (Candles - 1));

        // Constant closes give 0, whose log is -inf: floor at a volatility far below any market's (1e-12 per candle).
        return IsLog ? Math.Log(Math.Max(volatility, 1e-12)) : volatility;
    }
}

using System.Globalization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// Realized volatility over the next n candles (seed 002): the sample standard deviation (n - 1
/// denominator, as pandas' <c>std</c>) of the n log returns ln(close_k / close_{k-1}), k = t+1..t+n.
/// </summary>
public sealed record RealizedVolatilityTarget : TargetSpec
{
    public RealizedVolatilityTarget(int candles)
    {
        RequirePositive(candles, nameof(candles), minimum: 2);
        Candles = candles;
    }

    public int Candles { get; }

    public override string Name => "realized_vol_" + Candles.ToString(CultureInfo.InvariantCulture);

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

        return Math.Sqrt(sumSquares / (Candles - 1));
    }
}

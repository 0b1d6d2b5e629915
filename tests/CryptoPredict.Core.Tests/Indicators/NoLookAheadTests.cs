using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Indicators;

/// <summary>Changing candles after row t must leave every output at rows &lt;= t bitwise unchanged.</summary>
public class NoLookAheadTests
{
    private const int Count = 300;
    private static readonly int[] Cuts = [0, 1, 12, 19, 27, 33, 49, 50, 120, 298];

    [Theory]
    [MemberData(nameof(IndicatorCatalog.Names), MemberType = typeof(IndicatorCatalog))]
    public void Future_candles_do_not_change_past_values(string name)
    {
        var compute = IndicatorCatalog.AllOutputs[name];
        var original = SyntheticCandles.Create(Count, seed: 1);
        var baseline = compute(original);
        var other = SyntheticCandles.Create(Count, seed: 2);

        foreach (var t in Cuts)
        {
            var changed = compute(Splice(original, other, t));
            for (var i = 0; i <= t; i++)
            {
                BitConverter.DoubleToInt64Bits(changed[i]).Should().Be(
                    BitConverter.DoubleToInt64Bits(baseline[i]), "{0} at row {1} must not see candles after row {2}", name, i, t);
            }

            // The test can fail: the future rows did change, and most indicators see that right away.
            if (t + 1 < Count && name is not "obv")
            {
                changed.AsSpan(t + 1).ToArray().Should().NotEqual(baseline.AsSpan(t + 1).ToArray());
            }
        }
    }

    /// <summary>Rows &lt;= t from <paramref name="past"/>, later rows' prices and volumes from <paramref name="future"/>, same times.</summary>
    private static CandleSeries Splice(CandleSeries past, CandleSeries future, int t)
    {
        double[] Take(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            var result = a.ToArray();
            b[(t + 1)..].CopyTo(result.AsSpan(t + 1));
            return result;
        }

        return new CandleSeries(
            past.Symbol,
            past.Interval,
            past.OpenTimes.ToArray(),
            Take(past.Open, future.Open),
            Take(past.High, future.High),
            Take(past.Low, future.Low),
            Take(past.Close, future.Close),
            Take(past.Volume, future.Volume));
    }
}

using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Features;

/// <summary>
/// DESIGN.md: everything a feature at time t uses is known at the close of candle t. Changing every
/// candle after t must leave every feature value at rows &lt;= t bitwise unchanged.
/// </summary>
public class NoLookAheadTests
{
    private static readonly int[] Cuts = [0, 37, 120, 251, 398];

    private static CandleSeries SyntheticWithExtra()
    {
        // 400 hourly candles span 17 UTC days, so the daily VWAP resets many times; two gaps on top.
        var series = SyntheticCandles.Create(400, seed: 42, (75, 1), (300, 3));
        var random = new Random(43);
        var funding = Enumerable.Range(0, series.Count).Select(_ => (random.NextDouble() - 0.5) * 1e-3).ToArray();
        return new CandleSeries(
            series.Symbol, series.Interval, series.OpenTimes.ToArray(), series.Open.ToArray(), series.High.ToArray(),
            series.Low.ToArray(), series.Close.ToArray(), series.Volume.ToArray(),
            new Dictionary<string, double[]> { ["funding_rate"] = funding });
    }

    public static TheoryData<string> FeatureNames() =>
        new([.. FeatureCatalog.ExampleNames, "ema_50", "sma_3", "rsi_7", "extra:funding_rate"]);

    public static TheoryData<string> SetNames() => new([.. FeatureSet.SetNames, "close,ema_50,extras,log_return"]);

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void Feature_values_up_to_t_ignore_every_later_candle(string name)
    {
        var set = FeatureSet.Parse(name);
        AssertNoLookAhead(set, SyntheticWithExtra());
    }

    [Theory]
    [MemberData(nameof(SetNames))]
    public void Feature_sets_up_to_t_ignore_every_later_candle(string name)
    {
        var set = FeatureSet.Parse(name);
        AssertNoLookAhead(set, SyntheticWithExtra());
        // Long enough for every set's slowest warm-up (log_volatility_720 of volatility-har).
        AssertNoLookAhead(set, RealCandles.BtcHead2000.Slice(0, 1200));
    }

    private static void AssertNoLookAhead(FeatureSet set, CandleSeries series)
    {
        var original = set.Compute(series);
        foreach (var t in Cuts)
        {
            var changed = set.Compute(SyntheticCandles.WithFutureChanged(series, t, seed: 1000 + t));
            changed.ColumnNames.Should().Equal(original.ColumnNames);
            for (var c = 0; c < original.ColumnCount; c++)
            {
                for (var r = 0; r <= t; r++)
                {
                    if (BitConverter.DoubleToInt64Bits(changed[r, c]) != BitConverter.DoubleToInt64Bits(original[r, c]))
                    {
                        Assert.Fail($"{original.ColumnNames[c]} at row {r} changed from {original[r, c]:R} to {changed[r, c]:R} when candles after row {t} changed.");
                    }
                }

                // The changed future must reach the feature, or this test could not fail. Calendar columns read only
                // the open times, which the changed future keeps: nothing later can reach them.
                if (original.ColumnNames[c].StartsWith("week_", StringComparison.Ordinal))
                {
                    continue;
                }

                var later = Enumerable.Range(t + 1, series.Count - t - 1);
                if (!later.Any(r => double.IsFinite(original[r, c])))
                {
                    // A warm-up longer than the series (log_volatility_720 on 400 candles): the longer series checks it.
                    continue;
                }

                later.Any(r => !changed[r, c].Equals(original[r, c]))
                    .Should().BeTrue($"{original.ColumnNames[c]} should move after row {t} when those candles change");
            }
        }
    }
}

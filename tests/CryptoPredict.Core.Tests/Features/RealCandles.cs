using CryptoPredict.Core.Market;
using CryptoPredict.Core.Tests.Indicators;

namespace CryptoPredict.Core.Tests.Features;

/// <summary>Real BTCUSDT 1h candles and TA-Lib golden values: views of the indicator tests' data.</summary>
internal static class RealCandles
{
    private static readonly Lazy<CandleSeries> Head = new(() => IndicatorTestData.Candles.Slice(0, 2000));

    /// <summary>The first 2,000 candles (three gaps: 2020-02-09, 2020-02-19, 2020-03-04).</summary>
    public static CandleSeries BtcHead2000 => Head.Value;

    /// <summary>Candles <paramref name="start"/>.. of the first 10,000 (for data before, after or around the head's).</summary>
    public static CandleSeries Btc(int start, int length) => IndicatorTestData.Candles.Slice(start, length);

    /// <summary>Golden TA-Lib columns of the first 500 candles by name (NaN for empty cells); a fresh copy per call.</summary>
    public static Dictionary<string, double[]> Golden() =>
        IndicatorTestData.Golden.ToDictionary(kv => kv.Key, kv => kv.Value[..500]);
}

using CryptoPredict.Core.Indicators;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Tests.Indicators;

/// <summary>Every output of every indicator, by name, with small parameters so short test series get past warm-up.</summary>
internal static class IndicatorCatalog
{
    public static IReadOnlyDictionary<string, Func<CandleSeries, double[]>> AllOutputs { get; } = new Dictionary<string, Func<CandleSeries, double[]>>
    {
        ["sma"] = s => s.Sma(),
        ["ema"] = s => s.Ema(),
        ["wma"] = s => s.Wma(),
        ["rsi"] = s => s.Rsi(),
        ["macd"] = s => s.Macd().Macd,
        ["macd_signal"] = s => s.Macd().Signal,
        ["macd_hist"] = s => s.Macd().Histogram,
        ["bb_upper"] = s => s.BollingerBands().Upper,
        ["bb_middle"] = s => s.BollingerBands().Middle,
        ["bb_lower"] = s => s.BollingerBands().Lower,
        ["bb_width"] = s => s.BollingerBands().Width,
        ["bb_percent_b"] = s => s.BollingerBands().PercentB,
        ["atr"] = s => s.Atr(),
        ["natr"] = s => s.Natr(),
        ["obv"] = s => s.Obv(),
        ["stoch_k"] = s => s.Stochastic().K,
        ["stoch_d"] = s => s.Stochastic().D,
        ["adx"] = s => s.Adx(),
        ["cci"] = s => s.Cci(),
        ["willr"] = s => s.WilliamsR(),
        ["mfi"] = s => s.Mfi(),
        ["roc"] = s => s.Roc(),
        ["stddev"] = s => s.StdDev(),
        ["hv"] = s => s.HistoricalVolatility(),
        ["vwap_rolling"] = s => s.RollingVwap(),
        ["vwap_daily"] = s => s.DailyVwap(),
        ["fib_236"] = s => s.FibonacciLevels().Level236,
        ["fib_382"] = s => s.FibonacciLevels().Level382,
        ["fib_500"] = s => s.FibonacciLevels().Level500,
        ["fib_618"] = s => s.FibonacciLevels().Level618,
        ["fib_786"] = s => s.FibonacciLevels().Level786,
        ["volume_ratio"] = s => s.VolumeRatio(),
        ["log_return"] = s => s.LogReturn(),
    };

    public static TheoryData<string> Names() => new(AllOutputs.Keys);
}

using System.Globalization;
using CryptoPredict.Core.Indicators;

namespace CryptoPredict.Core.Features;

/// <summary>
/// Every feature column the toolkit can compute, by stable name. Indicator columns are named as in
/// the TA-Lib golden file (<c>sma_20</c>, <c>rsi_14</c>, <c>macd</c>, ...). Families marked <c>_N</c>
/// take any period (<c>ema_50</c>, <c>rsi_7</c>); a column of the candle file itself is <c>extra:NAME</c>.
/// </summary>
public static class FeatureCatalog
{
    /// <summary>Prefix selecting an extra numeric column carried by the candle file (e.g. <c>extra:funding_rate</c>).</summary>
    public const string ExtraPrefix = "extra:";

    private static readonly Dictionary<string, FeatureDefinition> Fixed = BuildFixed();

    // Families with a period: name prefix, smallest period, description, computation.
    private static readonly (string Prefix, int MinPeriod, string Description, Func<FeatureContext, int, double[]> Compute)[] Families =
    [
        ("sma_", 1, "simple moving average of the close", (c, n) => c.Series.Sma(n)),
        ("ema_", 1, "exponential moving average of the close (TA-Lib, SMA-seeded)", (c, n) => c.Series.Ema(n)),
        ("wma_", 1, "weighted moving average of the close", (c, n) => c.Series.Wma(n)),
        ("rsi_", 2, "Wilder's relative strength index", (c, n) => c.Series.Rsi(n)),
        ("atr_", 1, "Wilder's average true range", (c, n) => c.Series.Atr(n)),
        ("natr_", 1, "ATR as a percentage of the close", (c, n) => c.Series.Natr(n)),
        ("adx_", 2, "average directional index", (c, n) => c.Series.Adx(n)),
        ("cci_", 2, "commodity channel index", (c, n) => c.Series.Cci(n)),
        ("willr_", 2, "Williams %R", (c, n) => c.Series.WilliamsR(n)),
        ("mfi_", 2, "money flow index", (c, n) => c.Series.Mfi(n)),
        ("roc_", 1, "rate of change of the close, percent", (c, n) => c.Series.Roc(n)),
        ("stddev_", 2, "population standard deviation of the close", (c, n) => c.Series.StdDev(n)),
        ("volatility_", 2, "historical volatility: standard deviation of log returns", (c, n) => c.Series.HistoricalVolatility(n)),
        ("log_volatility_", 2, "ln of the historical volatility", (c, n) => VolatilityFeatures.LogHistoricalVolatility(c.Series, n)),
        ("log_parkinson_", 1, "ln of Parkinson's high-low range volatility", (c, n) => VolatilityFeatures.LogParkinson(c.Series, n)),
        ("vwap_", 1, "rolling volume-weighted average price", (c, n) => c.Series.RollingVwap(n)),
        ("volume_ratio_", 1, "volume / SMA of volume", (c, n) => c.Series.VolumeRatio(n)),
        ("volume_sma_", 1, "simple moving average of the volume", (c, n) => SeriesIndicators.Sma(c.Series.Volume, n)),
    ];

    /// <summary>
    /// The documented names: fixed names, then the families as <c>prefix_N</c>, then <c>extra:NAME</c>.
    /// </summary>
    public static IReadOnlyList<string> KnownNames { get; } =
        [.. Fixed.Keys, .. Families.Select(f => f.Prefix + "N"), ExtraPrefix + "NAME"];

    /// <summary>One concrete name per fixed feature and per family (at its usual period): every computation the catalog has.</summary>
    public static IReadOnlyList<string> ExampleNames { get; } =
    [
        .. Fixed.Keys,
        "sma_20", "ema_12", "wma_20", "rsi_14", "atr_14", "natr_14", "adx_14", "cci_20", "willr_14", "mfi_14", "roc_10",
        "stddev_20", "volatility_20", "log_volatility_24", "log_parkinson_24", "vwap_20", "volume_ratio_20", "volume_sma_20",
    ];

    public static FeatureDefinition Resolve(string name) =>
        TryResolve(name, out var definition)
            ? definition
            : throw new FormatException(
                $"Unknown feature '{name}'. Known features: {string.Join(", ", KnownNames)} (N is a period, e.g. ema_50).");

    public static bool TryResolve(string? name, out FeatureDefinition definition)
    {
        definition = null!;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var trimmed = name.Trim();
        if (trimmed.StartsWith(ExtraPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var column = trimmed[ExtraPrefix.Length..];
            if (column.Length == 0)
            {
                return false;
            }

            definition = Extra(column);
            return true;
        }

        var key = trimmed.ToLowerInvariant();
        if (Fixed.TryGetValue(key, out var found))
        {
            definition = found;
            return true;
        }

        foreach (var (prefix, minPeriod, description, compute) in Families)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var period)
                && period >= minPeriod
                && key == prefix + period.ToString(CultureInfo.InvariantCulture))
            {
                definition = new FeatureDefinition(key, $"{description}, {period} candles", c => compute(c, period));
                return true;
            }
        }

        return false;
    }

    /// <summary>An extra column of the candle file, taken as is; its column keeps the file's name.</summary>
    public static FeatureDefinition Extra(string column)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        return new FeatureDefinition(column, $"column '{column}' of the candle file", c =>
            c.Series.ExtraColumns.TryGetValue(column, out var values)
                ? values
                : throw new KeyNotFoundException(
                    $"Feature '{ExtraPrefix}{column}': the candle series {c.Series.Symbol} has no column '{column}'"
                    + (c.Series.ExtraColumns.Count == 0 ? " (it has no extra columns)." : $"; its extra columns are: {string.Join(", ", c.Series.ExtraColumns.Keys)}.")));
    }

    private static Dictionary<string, FeatureDefinition> BuildFixed()
    {
        var list = new List<FeatureDefinition>
        {
            new("open", "open price", c => c.Series.Open.ToArray()),
            new("high", "high price", c => c.Series.High.ToArray()),
            new("low", "low price", c => c.Series.Low.ToArray()),
            new("close", "close price", c => c.Series.Close.ToArray()),
            new("volume", "traded volume (base asset)", c => c.Series.Volume.ToArray()),
            new("log_return", "ln(close / previous close)", c => c.Series.LogReturn()),
            new("macd", "MACD line (12, 26, 9)", c => Macd(c).Macd),
            new("macd_signal", "MACD signal line (12, 26, 9)", c => Macd(c).Signal),
            new("macd_hist", "MACD histogram (12, 26, 9)", c => Macd(c).Histogram),
            new("bb_upper", "Bollinger upper band (20, 2)", c => Bollinger(c).Upper),
            new("bb_middle", "Bollinger middle band (20, 2)", c => Bollinger(c).Middle),
            new("bb_lower", "Bollinger lower band (20, 2)", c => Bollinger(c).Lower),
            new("bb_width", "Bollinger width (upper - lower) / middle (20, 2)", c => Bollinger(c).Width),
            new("bb_position", "Bollinger %B (close - lower) / (upper - lower) (20, 2)", c => Bollinger(c).PercentB),
            new("obv", "on-balance volume", c => c.Series.Obv()),
            new("stoch_k", "slow stochastic %K (14, 3, 3)", c => Stochastic(c).K),
            new("stoch_d", "slow stochastic %D (14, 3, 3)", c => Stochastic(c).D),
            new("vwap_daily", "VWAP reset at each UTC midnight", c => c.Series.DailyVwap()),
            new("fib_236", "(close - 23.6% retracement) / close over 50 candles", c => Fibonacci(c).Level236),
            new("fib_382", "(close - 38.2% retracement) / close over 50 candles", c => Fibonacci(c).Level382),
            new("fib_500", "(close - 50% retracement) / close over 50 candles", c => Fibonacci(c).Level500),
            new("fib_618", "(close - 61.8% retracement) / close over 50 candles", c => Fibonacci(c).Level618),
            new("fib_786", "(close - 78.6% retracement) / close over 50 candles", c => Fibonacci(c).Level786),
            new("week_sin_1", "sin of the open time's position in the UTC week (Monday 00:00 = 0)", c => VolatilityFeatures.WeekCycle(c.Series, 1, cosine: false)),
            new("week_cos_1", "cos of the open time's position in the UTC week", c => VolatilityFeatures.WeekCycle(c.Series, 1, cosine: true)),
            new("week_sin_2", "sin of twice the open time's position in the UTC week", c => VolatilityFeatures.WeekCycle(c.Series, 2, cosine: false)),
            new("week_cos_2", "cos of twice the open time's position in the UTC week", c => VolatilityFeatures.WeekCycle(c.Series, 2, cosine: true)),
        };
        return list.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    private static MacdResult Macd(FeatureContext c) => c.Cached("macd", s => s.Macd());

    private static BollingerBandsResult Bollinger(FeatureContext c) => c.Cached("bbands", s => s.BollingerBands());

    private static StochasticResult Stochastic(FeatureContext c) => c.Cached("stoch", s => s.Stochastic());

    private static FibonacciResult Fibonacci(FeatureContext c) => c.Cached("fib", s => s.FibonacciLevels());

    /// <summary>The catalog's description of a name, for help texts.</summary>
    public static string Describe(string name) => Resolve(name).Description;
}

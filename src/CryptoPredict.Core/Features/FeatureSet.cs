using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// An ordered list of feature columns. Named sets reproduce the seeds' feature lists:
/// <list type="bullet">
/// <item><c>ohlc13</c> (seed 001, BiLSTM OHLC): close, open, high, low, volume, atr_14, bb_upper, bb_lower, bb_width, rsi_14, macd, volatility_20, bb_position.</item>
/// <item><c>hybrid</c> (seed 000, CNN-LSTM-attention): prices and volume, RSI, MACD, Bollinger, OBV, ATR, EMAs and SMAs (20 columns).</item>
/// <item><c>volatility</c> (seed 002): RSI, MACD, Bollinger, moving averages, volume ratio and volume average, log return, rolling volatility (18 columns).</item>
/// <item><c>close</c> (seed 003): the close only.</item>
/// <item><c>regime</c> (seed 004): RSI, MACD, Bollinger, Fibonacci levels, VWAP, plus every extra column the candle file carries.</item>
/// </list>
/// Text form (<see cref="Parse"/>): a set name, or a comma-separated list of feature names, set names and
/// <c>extras</c> (every extra column of the file).
/// </summary>
public sealed class FeatureSet
{
    /// <summary>Token standing for every extra column of the candle file, in ordinal name order.</summary>
    public const string ExtrasToken = "extras";

    public const string DefaultName = "ohlc13";

    private static readonly Dictionary<string, string[]> NamedSets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ohlc13"] =
        [
            "close", "open", "high", "low", "volume", "atr_14", "bb_upper", "bb_lower", "bb_width", "rsi_14", "macd",
            "volatility_20", "bb_position",
        ],
        ["hybrid"] =
        [
            "open", "high", "low", "close", "volume", "rsi_14", "macd", "macd_signal", "macd_hist", "bb_upper", "bb_middle",
            "bb_lower", "bb_width", "obv", "atr_14", "ema_12", "ema_26", "ema_50", "sma_20", "sma_50",
        ],
        ["volatility"] =
        [
            "close", "log_return", "rsi_14", "macd", "macd_signal", "macd_hist", "bb_upper", "bb_lower", "bb_width",
            "bb_position", "sma_20", "sma_50", "ema_12", "ema_26", "volume", "volume_ratio_20", "volume_sma_20", "volatility_20",
        ],
        ["close"] = ["close"],
        ["regime"] =
        [
            "close", "volume", "rsi_14", "macd", "macd_signal", "macd_hist", "bb_upper", "bb_middle", "bb_lower", "bb_position",
            "fib_236", "fib_382", "fib_500", "fib_618", "fib_786", "vwap_20", "vwap_daily", ExtrasToken,
        ],
    };

    private FeatureSet(string name, IReadOnlyList<FeatureDefinition> features, bool includesExtraColumns)
    {
        Name = name;
        Features = features;
        IncludesExtraColumns = includesExtraColumns;
    }

    /// <summary>The set's name, or the normalised list text for a custom list.</summary>
    public string Name { get; }

    /// <summary>The catalog columns, in order (extra columns are added at compute time when <see cref="IncludesExtraColumns"/>).</summary>
    public IReadOnlyList<FeatureDefinition> Features { get; }

    public bool IncludesExtraColumns { get; }

    public static IReadOnlyCollection<string> SetNames => NamedSets.Keys;

    public static FeatureSet Parse(string setOrList)
    {
        ArgumentNullException.ThrowIfNull(setOrList);
        var tokens = setOrList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length == 0)
        {
            throw new FormatException(
                $"Feature set '{setOrList}' names no feature. Use one of the sets {string.Join(", ", SetNames)} or a comma-separated list of features.");
        }

        if (tokens.Length == 1 && NamedSets.TryGetValue(tokens[0], out _))
        {
            return Named(tokens[0]);
        }

        var (features, extras) = Expand(tokens);
        return new FeatureSet(string.Join(",", tokens), features, extras);
    }

    public static FeatureSet Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NamedSets.TryGetValue(name, out var names))
        {
            throw new FormatException($"Unknown feature set '{name}'. Known sets: {string.Join(", ", SetNames)}.");
        }

        var (features, extras) = Expand(names, allowSets: false);
        return new FeatureSet(name.ToLowerInvariant(), features, extras);
    }

    /// <summary>The column names this set gives for <paramref name="series"/> (extra columns depend on the file).</summary>
    public IReadOnlyList<string> ColumnNames(CandleSeries series) => Columns(series).Select(d => d.Name).ToArray();

    public FeatureMatrix Compute(CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var definitions = Columns(series);
        var context = new FeatureContext(series);
        var columns = new double[definitions.Count][];
        for (var c = 0; c < definitions.Count; c++)
        {
            columns[c] = definitions[c].Compute(context);
        }

        return FeatureMatrix.FromColumns(definitions.Select(d => d.Name).ToArray(), columns, series.OpenTimes.ToArray(), series.Interval);
    }

    public override string ToString() => Name;

    private List<FeatureDefinition> Columns(CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var columns = new List<FeatureDefinition>(Features);
        if (IncludesExtraColumns)
        {
            foreach (var extra in series.ExtraColumns.Keys.Order(StringComparer.Ordinal))
            {
                if (!columns.Any(c => string.Equals(c.Name, extra, StringComparison.OrdinalIgnoreCase)))
                {
                    columns.Add(FeatureCatalog.Extra(extra));
                }
            }
        }

        return columns;
    }

    private static (List<FeatureDefinition> Features, bool Extras) Expand(IEnumerable<string> tokens, bool allowSets = true)
    {
        var features = new List<FeatureDefinition>();
        var extras = false;
        foreach (var token in tokens)
        {
            if (string.Equals(token, ExtrasToken, StringComparison.OrdinalIgnoreCase))
            {
                extras = true;
            }
            else if (allowSets && !FeatureCatalog.TryResolve(token, out _) && NamedSets.TryGetValue(token, out var members))
            {
                // A set's members are feature names ("close" is both a set and a feature).
                var (inner, innerExtras) = Expand(members, allowSets: false);
                features.AddRange(inner);
                extras |= innerExtras;
            }
            else if (FeatureCatalog.TryResolve(token, out var definition))
            {
                features.Add(definition);
            }
            else
            {
                throw new FormatException(
                    $"Unknown feature '{token}'. Use a set ({string.Join(", ", SetNames)}), '{ExtrasToken}' for the file's extra columns, "
                    + $"or features: {string.Join(", ", FeatureCatalog.KnownNames)} (N is a period, e.g. ema_50).");
            }
        }

        // A name listed twice (directly or through a set) is one column.
        var distinct = features.DistinctBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return (distinct, extras);
    }
}

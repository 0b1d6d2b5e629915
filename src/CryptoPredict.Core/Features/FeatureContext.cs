using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Features;

/// <summary>
/// The series features are computed from, with a cache so that columns sharing one indicator call
/// (bb_upper, bb_lower, bb_width, ... all come from one Bollinger computation) compute it once.
/// </summary>
public sealed class FeatureContext
{
    private readonly Dictionary<string, object> _cache = new(StringComparer.Ordinal);

    public FeatureContext(CandleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        Series = series;
    }

    public CandleSeries Series { get; }

    public T Cached<T>(string key, Func<CandleSeries, T> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (_cache.TryGetValue(key, out var value))
        {
            return (T)value;
        }

        var result = compute(Series);
        _cache[key] = result;
        return result;
    }
}

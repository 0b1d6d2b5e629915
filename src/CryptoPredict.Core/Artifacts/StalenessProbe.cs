using CryptoPredict.Core.Failures;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// Measures <see cref="BundleStaleness"/> against one data folder at one moment. Each candle file is read once, however
/// many bundles (models of the same symbol and interval) compare against it.
/// </summary>
public sealed class StalenessProbe(string dataDir, DateTimeOffset now)
{
    private readonly Dictionary<(string Symbol, CandleInterval Interval, CandleInterval? Source), (CandleSourceResult? Candles, string? Error)> _candles = [];

    public BundleStaleness Of(ModelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var interval = CandleInterval.Parse(description.Interval);
        var trainedTo = description.TrainingData.Last;
        var age = now.UtcDateTime - (trainedTo + interval.Duration);
        var key = (description.Symbol, interval, description.Source?.SourceInterval);
        if (!_candles.TryGetValue(key, out var read))
        {
            read = Read(description.Symbol, interval, key.Item3);
            _candles[key] = read;
        }

        if (read.Candles is not { } candles)
        {
            return new BundleStaleness(age, null, null, null, read.Error);
        }

        var times = candles.Series.OpenTimes;
        var newer = 0;
        for (var i = times.Length - 1; i >= 0 && times[i] > trainedTo; i--)
        {
            newer++;
        }

        return new BundleStaleness(age, candles.Path, times.Length > 0 ? times[^1] : null, newer, null);
    }

    /// <summary>The candles, or the message of why there are none.</summary>
    private (CandleSourceResult?, string?) Read(string symbol, CandleInterval interval, CandleInterval? source)
    {
        try
        {
            return (CandleSource.Read(new CandleSourceRequest { Symbol = symbol, Interval = interval, DataDir = dataDir, PreferredSource = source }), null);
        }
        catch (Exception e) when (e is RequestException or CandleDataException or IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
    }
}

using System.Text.Json.Serialization;
using CryptoPredict.Core.Market;

namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// The candle file a model was trained from, as model.json's optional <c>source</c> records it: its name (never its
/// folder: a bundle carries nothing from data/), its interval, which is the model's or a finer one it was resampled
/// from, how many candles it held and how many partial buckets resampling dropped. <c>predict</c> and <c>evaluate</c>
/// read the same kind of file again (<see cref="CandleSourceRequest.PreferredSource"/>).
/// </summary>
public sealed record CandleSourceDescription(string File, string Interval, int Candles, int PartialBucketsDropped)
{
    /// <summary><see cref="Interval"/> parsed; null when it is not an interval (a validated description always has one).</summary>
    [JsonIgnore]
    public CandleInterval? SourceInterval => CandleInterval.TryParse(Interval, out var interval) ? interval : null;

    public static CandleSourceDescription Of(CandleSourceResult candles)
    {
        ArgumentNullException.ThrowIfNull(candles);
        return new(candles.FileName, candles.SourceInterval.ToString(), candles.SourceCandles, candles.PartialBucketsDropped);
    }
}

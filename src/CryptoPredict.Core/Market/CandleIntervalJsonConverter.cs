using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoPredict.Core.Market;

/// <summary>Writes an interval as its short text (<c>"1h"</c>), the way users type it.</summary>
internal sealed class CandleIntervalJsonConverter : JsonConverter<CandleInterval>
{
    public override CandleInterval Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return CandleInterval.TryParse(text, out var interval)
            ? interval
            : throw new JsonException($"'{text}' is not a candle interval such as 15m, 1h, 4h or 1d.");
    }

    public override void Write(Utf8JsonWriter writer, CandleInterval value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoPredict.Core.Market;

/// <summary>Writes times as <c>yyyy-MM-ddTHH:mm:ssZ</c> and reads them back as UTC, whatever their Kind said.</summary>
internal sealed class UtcDateTimeJsonConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CandleTimestamp.TryParse(reader.GetString(), out var utc)
            ? utc
            : throw new JsonException($"'{reader.GetString()}' is not a UTC ISO-8601 time.");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        writer.WriteStringValue(utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
    }
}

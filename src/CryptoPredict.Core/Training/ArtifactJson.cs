using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoPredict.Core.Training;

/// <summary>JSON settings of checkpoints and model bundles: snake_case, enums as text, infinities allowed, indented.</summary>
public static class ArtifactJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Parses <paramref name="json"/>; a <see cref="FormatException"/> naming <paramref name="what"/> when it is not valid.</summary>
    public static T Deserialize<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new FormatException($"{what} is empty (null).");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} is not valid: {e.Message}", e);
        }
    }
}

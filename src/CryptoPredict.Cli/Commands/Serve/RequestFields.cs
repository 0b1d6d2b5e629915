using System.Text.Json;

namespace CryptoPredict.Cli.Commands.Serve;

/// <summary>Reading the fields of a request object, with a 400 that names the field for anything missing or of the wrong JSON type.</summary>
internal static class RequestFields
{
    /// <summary>Refuses a property outside <paramref name="known"/>, or one given twice (JSON allows it; which would win is unclear).</summary>
    public static void RequireOnly(JsonElement body, string what, params string[] known)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw ApiException.Usage($"{what} has the field '{property.Name}' twice.");
            }

            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw ApiException.Usage($"{what} has an unknown field '{Shorten(property.Name)}'; its fields are: {string.Join(", ", known)}.");
            }
        }
    }

    public static string RequiredString(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            throw ApiException.Usage($"The field '{name}' is missing.");
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw ApiException.Usage($"The field '{name}' must be a string, not {KindName(value)}.");
    }

    public static double? OptionalNumber(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            ? number
            : throw ApiException.Usage($"The field '{name}' must be a number, not {KindName(value)}.");
    }

    public static string KindName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Hostile names can be megabytes long; a message quotes only their start.</summary>
    public static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}

using System.Text.Encodings.Web;
using System.Text.Json;

namespace CryptoPredict.Cli;

internal static class CliJson
{
    /// <summary>
    /// snake_case, one line. The relaxed encoder keeps text readable ("+", "±", "é" as themselves, not \u002B); the
    /// output is still valid JSON (quotes, backslashes and control characters are escaped) and is never embedded in HTML.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

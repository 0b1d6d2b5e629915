using System.Text.Json;

namespace CryptoPredict.Cli.Tests;

/// <summary>What every verb prints on stdout with --json when it fails: exactly one {"error": {...}} object.</summary>
internal static class JsonErrors
{
    /// <summary>Parses <paramref name="output"/> as the single error object and checks its code and exit code.</summary>
    public static JsonElement ShouldBeJsonError(this string output, string code, int exitCode)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1, "--json prints exactly one object on stdout, also on failure: {0}", output);
        using var document = JsonDocument.Parse(lines[0]);
        var error = document.RootElement.GetProperty("error");
        error.GetProperty("code").GetString().Should().Be(code);
        error.GetProperty("exit_code").GetInt32().Should().Be(exitCode);
        error.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        return error.Clone();
    }
}

namespace CryptoPredict.Core.Tests.Backtesting;

/// <summary>
/// A test that renders a page in headless Chromium (Debian's <c>chromium</c>, installed by scripts/install-deps.sh
/// for tests): skipped with the reason where it is not installed, except under CI=true, where a missing browser
/// must fail the run rather than pass it silently.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "chromium is not installed (apt-get install chromium, or run ./test.sh, which installs it); under CI=true this test fails instead.";
        }
    }
}

/// <summary>Where the chromium executable is: the first of chromium, chromium-browser on PATH; null when neither.</summary>
internal static class Chromium
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser" }
            .SelectMany(name => folders.Select(folder => System.IO.Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }
}

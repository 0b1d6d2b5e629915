using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CryptoPredict.Core.Tests.Backtesting;

/// <summary>
/// Runs headless Chromium on a page file: a screenshot, or the DOM after the page's scripts ran. The virtual time budget
/// lets the page finish (plotly.js draws while the page loads) before Chromium captures it.
/// </summary>
internal static partial class HeadlessChromium
{
    /// <summary>A screenshot <paramref name="width"/> wide of <paramref name="page"/>, read back.</summary>
    public static PngImage Screenshot(string page, string png, int width, int height)
    {
        var (code, _, error) = Run(page, "--screenshot=" + png, $"--window-size={width},{height}");
        File.Exists(png).Should().BeTrue($"chromium wrote no screenshot (exit {code}): {error}");
        return PngImage.Read(png);
    }

    /// <summary>The serialized DOM of <paramref name="page"/> after its scripts ran.</summary>
    public static string Dom(string page)
    {
        var (code, output, error) = Run(page, "--dump-dom");
        code.Should().Be(0, $"chromium should dump the DOM: {error}");
        return output;
    }

    /// <summary>The page's chart containers that plotly.js turned into graphs (it adds js-plotly-plot to each).</summary>
    public static int DrawnPlots(string dom) => DrawnPlot().Count(dom);

    private static (int Code, string Output, string Error) Run(string page, params string[] action)
    {
        Chromium.Path.Should().NotBeNull("CI=true requires chromium (scripts/install-deps.sh installs it with WITH_TESTS=1)");
        var profile = Path.Combine(Path.GetDirectoryName(page)!, "profile-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Chromium.Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=10000", "--user-data-dir=" + profile }
                     .Concat(action).Append(new Uri(page).AbsoluteUri))
        {
            start.ArgumentList.Add(arg);
        }

        using var chromium = Process.Start(start)!;
        var error = chromium.StandardError.ReadToEndAsync();
        var output = chromium.StandardOutput.ReadToEnd();
        chromium.WaitForExit(60_000).Should().BeTrue("chromium should render one page within a minute");
        return (chromium.ExitCode, output, error.Result);
    }

    [GeneratedRegex("<div class=\"plot js-plotly-plot\"")]
    private static partial Regex DrawnPlot();
}

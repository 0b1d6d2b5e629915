using System.Text.Json;
using System.Text.RegularExpressions;

namespace CryptoPredict.Core.Tests.Evaluation;

/// <summary>Reads a rendered report: the page without the inlined plotly.js, and the interactive charts' figures.</summary>
internal static partial class ReportPage
{
    /// <summary>The page with the plotly.js element cut out, so checks on the report's own markup do not read the 3.6 MB library.</summary>
    public static string WithoutPlotlyJs(string html) => PlotlyJs().Replace(html, "<script id=\"plotly-js\"></script>");

    /// <summary>Every chart's figure (plotly.js data and layout), in page order.</summary>
    public static IReadOnlyList<JsonElement> Figures(string html) =>
        Figure().Matches(html).Select(m => JsonDocument.Parse(m.Groups[1].Value).RootElement.Clone()).ToArray();

    /// <summary>How many chart containers the page has (each needs its figure right after it).</summary>
    public static int Plots(string html) => Regex.Count(html, "<div class=\"plot\"");

    /// <summary>Trace <paramref name="index"/> of a figure: its name and its points.</summary>
    public static (string Name, string[] X, double[] Y) Trace(JsonElement figure, int index)
    {
        var trace = figure.GetProperty("data")[index];
        return (trace.GetProperty("name").GetString()!,
            trace.GetProperty("x").EnumerateArray().Select(x => x.GetString()!).ToArray(),
            trace.GetProperty("y").EnumerateArray().Select(y => y.GetDouble()).ToArray());
    }

    [GeneratedRegex("<script id=\"plotly-js\">[\\s\\S]*?</script>")]
    private static partial Regex PlotlyJs();

    [GeneratedRegex("<div class=\"plot\"[^>]*>.*?</div>\\s*<script type=\"application/json\" class=\"plot-figure\">(.*?)</script>")]
    private static partial Regex Figure();
}

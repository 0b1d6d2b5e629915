using System.Globalization;
using System.Text;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Zoomable, pannable time charts for the long series of the reports (thousands of candles), built with Plotly.NET and
/// drawn by plotly.js in the page. Each chart is an empty <c>div.plot</c> followed by its figure as inline JSON; one
/// script at the end of the page (<see cref="AppendScripts"/>) inlines plotly.js and draws every figure, so the page
/// stays one offline file and the same report still gives the same bytes (no generated ids, no clock).
/// </summary>
internal static class InteractivePlot
{
    /// <summary>
    /// Points per trace above which a trace is thinned (lowest and highest value per bucket, so spikes survive). Far above a
    /// test part of hourly candles (about 7,000 for the bundled BTCUSDT), so those are drawn in full and zooming shows
    /// every candle; the cap keeps plotly.js's SVG traces responsive for minute data over years (no WebGL needed, which
    /// headless or GPU-less browsers may lack).
    /// </summary>
    public const int MaxPoints = 20_000;

    /// <summary>How to read the charts, for a note above the first one.</summary>
    public const string Hint = "Drag to zoom into a span, double-click to see it all again, hover for the values at a time.";

    /// <summary>The secondary axis shows fractions of equity: a position of 1 fills the chart's height.</summary>
    private static readonly double[] SecondaryRange = [0.0, 1.0];

    private const string Container = "<div class=\"plot\"";

    private const string Renderer =
        "document.querySelectorAll(\"div.plot\").forEach(function(d){var f=JSON.parse(d.nextElementSibling.textContent);"
        + "Plotly.newPlot(d,f.data,f.layout,{responsive:true,displaylogo:false,modeBarButtonsToRemove:[\"select2d\",\"lasso2d\"]});});";

    /// <summary>Traces over a shared time axis; with <paramref name="secondaryLabel"/> a right axis from 0 to 1 carries the <see cref="TimeLine.Secondary"/> ones.</summary>
    public static void TimeLines(StringBuilder html, string label, IReadOnlyList<TimeLine> lines, string? yLabel, string? secondaryLabel = null)
    {
        var chart = CSharpChart.Combine(lines.Select(Trace));
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty("height", 360);
        layout.SetProperty("margin", Object(("l", 70), ("r", secondaryLabel is null ? 20 : 70), ("t", 30), ("b", 50)));
        layout.SetProperty("hovermode", "x unified");
        layout.SetProperty("legend", Object(("orientation", "h"), ("x", 1), ("xanchor", "right"), ("y", 1.02), ("yanchor", "bottom")));
        layout.SetProperty("xaxis", Object(("type", "date"), ("title", Object(("text", "time (UTC)")))));
        layout.SetProperty("yaxis", Object(("title", Object(("text", yLabel ?? string.Empty)))));
        if (secondaryLabel is not null)
        {
            layout.SetProperty(
                "yaxis2",
                Object(("overlaying", "y"), ("side", "right"), ("range", SecondaryRange), ("showgrid", false), ("title", Object(("text", secondaryLabel)))));
        }

        html.Append(Container).Append(" aria-label=\"").Append(ReportText.Escape(label)).AppendLine("\"><noscript>This chart needs JavaScript.</noscript></div>");
        html.Append("<script type=\"application/json\" class=\"plot-figure\">").Append(ScriptSafe(GenericChart.toFigureJson(chart))).AppendLine("</script>");
    }

    /// <summary>plotly.js and the script that draws every chart, appended before <c>&lt;/body&gt;</c>; nothing when the page has no chart.</summary>
    public static void AppendScripts(StringBuilder html)
    {
        if (!html.ToString().Contains(Container, StringComparison.Ordinal))
        {
            return;
        }

        html.Append("<script id=\"plotly-js\">").Append(PlotlyScript.Source).AppendLine("</script>");
        html.Append("<script>").Append(Renderer).AppendLine("</script>");
    }

    private static GenericChart Trace(TimeLine line)
    {
        if (line.Times.Length != line.Values.Length)
        {
            throw new ArgumentException($"Trace '{line.Name}' has {line.Times.Length} times but {line.Values.Length} values.", nameof(line));
        }

        var index = Enumerable.Range(0, line.Times.Length).Select(i => (double)i).ToArray();
        var (kept, values) = SeriesDownsampler.Thin(index, line.Values, MaxPoints);

        // Candle times are whole seconds; writing them as text (no zone: plotly.js reads it as is) keeps the axis in UTC.
        var times = kept.Select(i => line.Times[(int)i].ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).ToArray();
        var chart = line.Fill is { } fill
            ? CSharpChart.Line<string, double, string>(times, values, Name: line.Name, LineColor: Color.fromHex(line.Color), LineWidth: 0, Fill: StyleParam.Fill.ToZero_y, FillColor: Color.fromString(fill), UseDefaults: false)
            : CSharpChart.Line<string, double, string>(times, values, Name: line.Name, LineColor: Color.fromHex(line.Color), LineWidth: 1.5, UseDefaults: false);
        foreach (var trace in GenericChart.getTraces(chart))
        {
            if (line.Step)
            {
                ((DynamicObj.DynamicObj)trace.GetPropertyValue("line")).SetProperty("shape", "vh");
            }

            if (line.Secondary)
            {
                trace.SetProperty("yaxis", "y2");
            }
        }

        return chart;
    }

    private static DynamicObj.DynamicObj Object(params (string Name, object Value)[] properties)
    {
        var value = new DynamicObj.DynamicObj();
        foreach (var (name, property) in properties)
        {
            value.SetProperty(name, property);
        }

        return value;
    }

    /// <summary>
    /// JSON that cannot end its script element: &lt;, &gt; and &amp; occur only inside JSON strings (legend text, titles), where
    /// their \u escapes mean the same characters.
    /// </summary>
    private static string ScriptSafe(string json) =>
        json.Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal).Replace("&", "\\u0026", StringComparison.Ordinal);
}

using System.Text;

namespace CryptoPredict.Core.Evaluation;

/// <summary>A line to plot: finite points only, x in axis units (epochs, say).</summary>
internal sealed record PlotLine(string Name, double[] X, double[] Y);

/// <summary>
/// Inline SVG line and bar charts, fixed size, no script; the same input always gives the same markup. For the small
/// charts a reader takes in at a glance; series over time are <see cref="InteractivePlot"/>'s.
/// </summary>
internal static partial class SvgPlot
{
    private const double Width = 900;
    private const double Height = 320;
    private const double Left = 76;
    private const double Right = 16;
    private const double Top = 30;
    private const double Bottom = 46;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private const int MarkerLimit = 60;

    /// <summary>Line colours in order, shared with the interactive charts so a series keeps its colour across a report.</summary>
    internal static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"];

    /// <summary>Lines sharing one pair of numeric axes.</summary>
    public static void Lines(StringBuilder html, string label, IReadOnlyList<PlotLine> lines, string? xLabel, string? yLabel)
    {
        var (xMin, xMax) = Extent(lines.SelectMany(l => l.X));
        var (yMin, yMax) = Extent(lines.SelectMany(l => l.Y));
        var yAxis = ChartAxis.Nice(yMin, yMax);

        Open(html, label);
        var xTicks = NumberTicks(ChartAxis.Nice(xMin, xMax, minimumStep: 1), ref xMin, ref xMax);
        Axes(html, xTicks, xMin, xMax, yAxis, xLabel, yLabel);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var color = Palette[i % Palette.Length];
            var points = new StringBuilder();
            for (var k = 0; k < line.X.Length; k++)
            {
                if (k > 0)
                {
                    points.Append(' ');
                }

                points.Append(ReportText.Coordinate(X(line.X[k], xMin, xMax))).Append(',').Append(ReportText.Coordinate(Y(line.Y[k], yAxis)));
            }

            html.Append("<polyline fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"1.5\" stroke-opacity=\"0.85\" points=\"").Append(points).AppendLine("\"/>");
            if (line.X.Length <= MarkerLimit)
            {
                for (var k = 0; k < line.X.Length; k++)
                {
                    html.Append("<circle r=\"2.5\" fill=\"").Append(color).Append("\" cx=\"").Append(ReportText.Coordinate(X(line.X[k], xMin, xMax)))
                        .Append("\" cy=\"").Append(ReportText.Coordinate(Y(line.Y[k], yAxis))).AppendLine("\"/>");
                }
            }
        }

        Legend(html, lines.Select(l => l.Name).ToList());
        html.AppendLine("</svg>");
    }

    /// <summary>A histogram: <paramref name="counts"/>[b] values fell in bin b of [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static void Bars(StringBuilder html, string label, double low, double high, int[] counts, string? xLabel)
    {
        var xAxis = ChartAxis.Nice(low, high);
        var yAxis = ChartAxis.Nice(0, Math.Max(1, counts.Max()), minimumStep: 1);
        yAxis = yAxis with { Low = 0 };
        var xMin = xAxis.Low;
        var xMax = xAxis.High;

        Open(html, label);
        Axes(html, NumberTicks(xAxis, ref xMin, ref xMax), xMin, xMax, yAxis, xLabel, "count");
        var binWidth = (high - low) / counts.Length;
        for (var b = 0; b < counts.Length; b++)
        {
            if (counts[b] == 0)
            {
                continue;
            }

            // A zero-width range (every value equal) still gets a visible bar around its value.
            var from = binWidth > 0 ? low + (b * binWidth) : low - (xAxis.Step / 4);
            var to = binWidth > 0 ? from + binWidth : low + (xAxis.Step / 4);
            var x0 = X(from, xMin, xMax);
            var x1 = X(to, xMin, xMax);
            var y = Y(counts[b], yAxis);
            html.Append("<rect class=\"bar\" x=\"").Append(ReportText.Coordinate(x0)).Append("\" y=\"").Append(ReportText.Coordinate(y))
                .Append("\" width=\"").Append(ReportText.Coordinate(Math.Max(x1 - x0 - 1, 1))).Append("\" height=\"")
                .Append(ReportText.Coordinate(Top + PlotHeight - y)).Append("\"><title>")
                .Append(ReportText.Escape($"{ReportText.Number(from)} to {ReportText.Number(to)}: {ReportText.Integer(counts[b])}"))
                .AppendLine("</title></rect>");
        }

        html.AppendLine("</svg>");
    }

    private static void Open(StringBuilder html, string label)
    {
        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
            .Append(ReportText.Coordinate(Width)).Append(' ').Append(ReportText.Coordinate(Height))
            .Append("\" role=\"img\" aria-label=\"").Append(ReportText.Escape(label)).AppendLine("\">");
        html.Append("<title>").Append(ReportText.Escape(label)).AppendLine("</title>");
    }

    private static void Axes(
        StringBuilder html,
        List<(double Value, string Text)> xTicks,
        double xMin,
        double xMax,
        ChartAxis yAxis,
        string? xLabel,
        string? yLabel)
    {
        var bottom = Top + PlotHeight;
        foreach (var tick in yAxis.Ticks())
        {
            var y = ReportText.Coordinate(Y(tick, yAxis));
            html.Append("<line class=\"grid\" x1=\"").Append(ReportText.Coordinate(Left)).Append("\" x2=\"").Append(ReportText.Coordinate(Left + PlotWidth))
                .Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).AppendLine("\"/>");
            html.Append("<text class=\"tick\" text-anchor=\"end\" x=\"").Append(ReportText.Coordinate(Left - 6)).Append("\" y=\"").Append(y)
                .Append("\" dy=\"4\">").Append(ReportText.Escape(ReportText.Number(tick))).AppendLine("</text>");
        }

        foreach (var (value, text) in xTicks)
        {
            var x = ReportText.Coordinate(X(value, xMin, xMax));
            html.Append("<line class=\"axis\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"").Append(ReportText.Coordinate(bottom))
                .Append("\" y2=\"").Append(ReportText.Coordinate(bottom + 5)).AppendLine("\"/>");
            html.Append("<text class=\"tick\" text-anchor=\"middle\" x=\"").Append(x).Append("\" y=\"").Append(ReportText.Coordinate(bottom + 18))
                .Append("\">").Append(ReportText.Escape(text)).AppendLine("</text>");
        }

        html.Append("<rect class=\"frame\" x=\"").Append(ReportText.Coordinate(Left)).Append("\" y=\"").Append(ReportText.Coordinate(Top))
            .Append("\" width=\"").Append(ReportText.Coordinate(PlotWidth)).Append("\" height=\"").Append(ReportText.Coordinate(PlotHeight)).AppendLine("\"/>");
        if (!string.IsNullOrEmpty(xLabel))
        {
            html.Append("<text class=\"label\" text-anchor=\"middle\" x=\"").Append(ReportText.Coordinate(Left + (PlotWidth / 2)))
                .Append("\" y=\"").Append(ReportText.Coordinate(Height - 6)).Append("\">").Append(ReportText.Escape(xLabel)).AppendLine("</text>");
        }

        if (!string.IsNullOrEmpty(yLabel))
        {
            html.Append("<text class=\"label\" text-anchor=\"start\" x=\"").Append(ReportText.Coordinate(Left)).Append("\" y=\"")
                .Append(ReportText.Coordinate(Top - 10)).Append("\">").Append(ReportText.Escape(yLabel)).AppendLine("</text>");
        }
    }

    private static void Legend(StringBuilder html, List<string> names)
    {
        // Right-aligned above the plot; text width estimated at 7 units per character (no layout engine here).
        var x = Left + PlotWidth;
        for (var i = names.Count - 1; i >= 0; i--)
        {
            var width = 22 + (7 * names[i].Length);
            x -= width + 12;
            html.Append("<rect x=\"").Append(ReportText.Coordinate(x)).Append("\" y=\"").Append(ReportText.Coordinate(Top - 19))
                .Append("\" width=\"14\" height=\"4\" fill=\"").Append(Palette[i % Palette.Length]).AppendLine("\"/>");
            html.Append("<text class=\"legend\" x=\"").Append(ReportText.Coordinate(x + 20)).Append("\" y=\"").Append(ReportText.Coordinate(Top - 13))
                .Append("\">").Append(ReportText.Escape(names[i])).AppendLine("</text>");
        }
    }

    private static List<(double Value, string Text)> NumberTicks(ChartAxis axis, ref double min, ref double max)
    {
        min = axis.Low;
        max = axis.High;
        return axis.Ticks().Select(t => (t, ReportText.Number(t))).ToList();
    }

    private static (double Min, double Max) Extent(IEnumerable<double> values)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var value in values)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        return (min, max);
    }

    private static double X(double value, double min, double max) =>
        max > min ? Left + ((value - min) / (max - min) * PlotWidth) : Left + (PlotWidth / 2);

    private static double Y(double value, ChartAxis axis) =>
        Top + PlotHeight - ((value - axis.Low) / (axis.High - axis.Low) * PlotHeight);
}

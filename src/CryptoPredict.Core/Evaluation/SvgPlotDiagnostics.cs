using System.Text;

namespace CryptoPredict.Core.Evaluation;

/// <summary>The charts of the diagnostics sections: a scatter against the diagonal, lag stems with a band, ranked bars.</summary>
internal static partial class SvgPlot
{
    /// <summary>More points than this are thinned by a fixed stride: the cloud's shape survives, the page stays small.</summary>
    private const int ScatterLimit = 3000;

    private const double RankRowHeight = 20;

    /// <summary>Points (x, y) on equal axes with the line y = x, e.g. predicted vs actual returns.</summary>
    public static void Scatter(StringBuilder html, string label, IReadOnlyList<double> x, IReadOnlyList<double> y, string xLabel, string yLabel)
    {
        var points = Enumerable.Range(0, x.Count).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
        var stride = Math.Max(1, (int)Math.Ceiling(points.Length / (double)ScatterLimit));
        points = points.Where((_, k) => k % stride == 0).ToArray();
        var (low, high) = Extent(points.Select(i => x[i]).Concat(points.Select(i => y[i])));
        var axis = ChartAxis.Nice(low, high);
        var (xMin, xMax) = (axis.Low, axis.High);
        Open(html, label);
        Axes(html, NumberTicks(axis, ref xMin, ref xMax), xMin, xMax, axis, xLabel, yLabel);
        html.Append("<line class=\"axis\" stroke-dasharray=\"4 3\" x1=\"").Append(ReportText.Coordinate(X(axis.Low, xMin, xMax))).Append("\" y1=\"")
            .Append(ReportText.Coordinate(Y(axis.Low, axis))).Append("\" x2=\"").Append(ReportText.Coordinate(X(axis.High, xMin, xMax))).Append("\" y2=\"")
            .Append(ReportText.Coordinate(Y(axis.High, axis))).AppendLine("\"/>");
        foreach (var i in points)
        {
            html.Append("<circle r=\"1.8\" fill=\"").Append(Palette[0]).Append("\" fill-opacity=\"0.45\" cx=\"").Append(ReportText.Coordinate(X(x[i], xMin, xMax)))
                .Append("\" cy=\"").Append(ReportText.Coordinate(Y(y[i], axis))).AppendLine("\"/>");
        }

        html.AppendLine("</svg>");
    }

    /// <summary>One stem per lag 1..L from 0 to its value, with dashed lines at ±<paramref name="band"/> (NaN: none).</summary>
    public static void Stems(StringBuilder html, string label, IReadOnlyList<double> values, double band, string yLabel)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var bandValue = double.IsFinite(band) ? band : 0;
        var axis = ChartAxis.Nice(Math.Min(-bandValue, finite.DefaultIfEmpty(0).Min()), Math.Max(bandValue, finite.DefaultIfEmpty(0).Max()));
        var ticks = Enumerable.Range(1, values.Count).Where(k => values.Count <= 10 || k == 1 || k % 5 == 0).Select(k => ((double)k, ReportText.Integer(k))).ToList();
        var (xMin, xMax) = (0.0, values.Count + 1.0);
        Open(html, label);
        Axes(html, ticks, xMin, xMax, axis, "lag", yLabel);
        HorizontalLine(html, 0, axis, "axis", null);
        if (double.IsFinite(band))
        {
            HorizontalLine(html, band, axis, "axis", "4 3");
            HorizontalLine(html, -band, axis, "axis", "4 3");
        }

        for (var k = 1; k <= values.Count; k++)
        {
            if (!double.IsFinite(values[k - 1]))
            {
                continue;
            }

            var x = ReportText.Coordinate(X(k, xMin, xMax));
            html.Append("<line stroke=\"").Append(Palette[0]).Append("\" stroke-width=\"4\" x1=\"").Append(x).Append("\" x2=\"").Append(x)
                .Append("\" y1=\"").Append(ReportText.Coordinate(Y(0, axis))).Append("\" y2=\"").Append(ReportText.Coordinate(Y(values[k - 1], axis)))
                .Append("\"><title>").Append(ReportText.Escape($"lag {ReportText.Integer(k)}: {ReportText.Number(values[k - 1])}")).AppendLine("</title></line>");
        }

        html.AppendLine("</svg>");
    }

    /// <summary>Horizontal bars in the given order (largest first, say), each with a whisker of ± its spread.</summary>
    public static void RankedBars(StringBuilder html, string label, IReadOnlyList<(string Name, double Value, double Spread)> bars, string xLabel)
    {
        const double NameWidth = 170;
        var height = Top + (bars.Count * RankRowHeight) + Bottom;
        var values = bars.SelectMany(b => new[] { b.Value - Finite(b.Spread), b.Value + Finite(b.Spread), 0 }).Where(double.IsFinite);
        var (low, high) = Extent(values);
        var axis = ChartAxis.Nice(low, high);
        var width = Width - NameWidth - Right;
        double BarX(double value) => NameWidth + ((value - axis.Low) / (axis.High - axis.Low) * width);

        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(ReportText.Coordinate(Width)).Append(' ').Append(ReportText.Coordinate(height))
            .Append("\" role=\"img\" aria-label=\"").Append(ReportText.Escape(label)).AppendLine("\">");
        html.Append("<title>").Append(ReportText.Escape(label)).AppendLine("</title>");
        var bottom = height - Bottom;
        foreach (var tick in axis.Ticks())
        {
            var x = ReportText.Coordinate(BarX(tick));
            html.Append("<line class=\"grid\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"").Append(ReportText.Coordinate(Top))
                .Append("\" y2=\"").Append(ReportText.Coordinate(bottom)).AppendLine("\"/>");
            html.Append("<text class=\"tick\" text-anchor=\"middle\" x=\"").Append(x).Append("\" y=\"").Append(ReportText.Coordinate(bottom + 18)).Append("\">")
                .Append(ReportText.Escape(ReportText.Number(tick))).AppendLine("</text>");
        }

        var zero = ReportText.Coordinate(BarX(0));
        html.Append("<line class=\"axis\" x1=\"").Append(zero).Append("\" x2=\"").Append(zero).Append("\" y1=\"").Append(ReportText.Coordinate(Top))
            .Append("\" y2=\"").Append(ReportText.Coordinate(bottom)).AppendLine("\"/>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (name, value, spread) = bars[i];
            var y = Top + (i * RankRowHeight);
            var from = BarX(Math.Min(0, Finite(value)));
            var to = BarX(Math.Max(0, Finite(value)));
            html.Append("<text class=\"tick\" text-anchor=\"end\" x=\"").Append(ReportText.Coordinate(NameWidth - 6)).Append("\" y=\"")
                .Append(ReportText.Coordinate(y + (RankRowHeight / 2))).Append("\" dy=\"4\">").Append(ReportText.Escape(name)).AppendLine("</text>");
            html.Append("<rect class=\"bar\" x=\"").Append(ReportText.Coordinate(from)).Append("\" y=\"").Append(ReportText.Coordinate(y + 3))
                .Append("\" width=\"").Append(ReportText.Coordinate(Math.Max(to - from, 0.5))).Append("\" height=\"").Append(ReportText.Coordinate(RankRowHeight - 6))
                .Append("\"><title>").Append(ReportText.Escape($"{name}: {ReportText.Number(value)} ± {ReportText.Number(spread)}")).AppendLine("</title></rect>");
            if (double.IsFinite(spread) && spread > 0 && double.IsFinite(value))
            {
                var middle = ReportText.Coordinate(y + (RankRowHeight / 2));
                html.Append("<line class=\"axis\" x1=\"").Append(ReportText.Coordinate(BarX(value - spread))).Append("\" x2=\"").Append(ReportText.Coordinate(BarX(value + spread)))
                    .Append("\" y1=\"").Append(middle).Append("\" y2=\"").Append(middle).AppendLine("\"/>");
            }
        }

        html.Append("<text class=\"label\" text-anchor=\"middle\" x=\"").Append(ReportText.Coordinate(NameWidth + (width / 2))).Append("\" y=\"")
            .Append(ReportText.Coordinate(height - 6)).Append("\">").Append(ReportText.Escape(xLabel)).AppendLine("</text>");
        html.AppendLine("</svg>");
    }

    private static void HorizontalLine(StringBuilder html, double value, ChartAxis axis, string cssClass, string? dash)
    {
        var y = ReportText.Coordinate(Y(value, axis));
        html.Append("<line class=\"").Append(cssClass).Append('"');
        if (dash is not null)
        {
            html.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        }

        html.Append(" x1=\"").Append(ReportText.Coordinate(Left)).Append("\" x2=\"").Append(ReportText.Coordinate(Left + PlotWidth))
            .Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).AppendLine("\"/>");
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}

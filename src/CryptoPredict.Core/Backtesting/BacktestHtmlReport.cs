using System.Globalization;
using System.Text;
using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Backtesting;

/// <summary>
/// The backtest as one self-contained HTML page in the evaluation report's style (inline CSS, plotly.js inlined, no
/// external resource): the settings, the metrics of the strategy beside buy-and-hold and always-flat, the sweep when
/// there was one, then the equity curves, the drawdowns and the positions over the price as zoomable charts over the
/// whole test part (<see cref="InteractivePlot"/>). Same report, same bytes.
/// </summary>
public static class BacktestHtmlReport
{
    private const string Long = "#2ca02c";
    private const string Short = "#d62728";
    private const string LongFill = "rgba(44,160,44,0.3)";
    private const string ShortFill = "rgba(214,39,40,0.3)";

    private const string ExtraStyle = "tr.chosen td{background:#e6f2e6;font-weight:600}span.swatch{display:inline-block;width:.9em;height:.9em;vertical-align:middle;margin:0 .3em 0 .8em}";

    public static string Render(BacktestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = report.Result;
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\">");
        html.AppendLine("<head>");
        html.AppendLine("<meta charset=\"utf-8\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(ReportText.Escape(report.Title)).AppendLine("</title>");
        html.Append("<style>").Append(HtmlReport.Style).Append(ExtraStyle).AppendLine("</style>");
        html.AppendLine("</head>");
        html.AppendLine("<body>");
        html.Append("<h1>").Append(ReportText.Escape(report.Title)).AppendLine("</h1>");
        Details(html, report.Details);
        Metrics(html, result);
        if (report.Sweep is { } sweep)
        {
            Sweep(html, sweep);
        }

        Charts(html, result);
        InteractivePlot.AppendScripts(html);
        html.AppendLine("</body>");
        html.AppendLine("</html>");
        return html.ToString();
    }

    private static void Details(StringBuilder html, IReadOnlyList<ReportField> details)
    {
        if (details.Count == 0)
        {
            return;
        }

        html.AppendLine("<table class=\"meta\">");
        foreach (var field in details)
        {
            html.Append("<tr><th class=\"name\">").Append(ReportText.Escape(field.Name)).Append("</th><td>").Append(ReportText.Escape(field.Value)).AppendLine("</td></tr>");
        }

        html.AppendLine("</table>");
    }

    private static void Metrics(StringBuilder html, BacktestResult result)
    {
        (string Name, PerformanceMetrics Metrics)[] columns =
            [("strategy", result.Strategy.Metrics), ("buy and hold", result.BuyAndHold.Metrics), ("always flat", result.Flat.Metrics)];
        (string Name, Func<PerformanceMetrics, string> Value)[] rows =
        [
            ("total return", m => Percent(m.TotalReturn)),
            ("CAGR", m => Percent(m.Cagr)),
            ("Sharpe", m => ReportText.Number(m.Sharpe)),
            ("Sortino", m => ReportText.Number(m.Sortino)),
            ("maximum drawdown", m => Percent(m.MaxDrawdown)),
            ("Calmar", m => ReportText.Number(m.Calmar)),
            ("hit rate", m => Percent(m.HitRate)),
            ("trades", m => ReportText.Integer(m.Trades)),
            ("turnover", m => ReportText.Number(m.Turnover)),
            ("exposure", m => Percent(m.Exposure)),
        ];
        html.AppendLine("<h2>Metrics</h2>");
        html.AppendLine("<table>");
        html.Append("<tr><th class=\"name\">metric</th>");
        foreach (var (name, _) in columns)
        {
            html.Append("<th>").Append(ReportText.Escape(name)).Append("</th>");
        }

        html.AppendLine("</tr>");
        foreach (var (name, value) in rows)
        {
            html.Append("<tr><td class=\"name\">").Append(ReportText.Escape(name)).Append("</td>");
            foreach (var (_, metrics) in columns)
            {
                html.Append("<td>").Append(ReportText.Escape(value(metrics))).Append("</td>");
            }

            html.AppendLine("</tr>");
        }

        html.AppendLine("</table>");
        html.Append("<p class=\"note\">p-value of the strategy's Sharpe against ").Append(ReportText.Integer(result.RandomTest.Strategies))
            .Append(" random-sign strategies with the same exposure (seed ").Append(result.RandomTest.Seed.ToString(CultureInfo.InvariantCulture)).Append("): <b>")
            .Append(ReportText.Number(result.PValue)).AppendLine("</b>.</p>");
        html.Append("<p class=\"note\">Per candle: return = position &times; (close / previous close &minus; 1) &minus; ")
            .Append(ReportText.Number(result.Costs.PerUnitTurnover)).Append(" &times; |position change|; equity compounds from 1. ")
            .Append(ReportText.Number(result.Forecasts.PeriodsPerYear)).Append(" candles a year (24/7). Sharpe and Sortino have no risk-free rate; n/a marks an undefined figure (no variation, no loss, no drawdown, never in the market).</p>")
            .AppendLine();
    }

    private static void Sweep(StringBuilder html, SweepChoice sweep)
    {
        html.AppendLine("<h2>Threshold sweep (validation part)</h2>");
        html.Append("<p class=\"note\">").Append(ReportText.Integer(sweep.Candles)).Append(" validation candles, ")
            .Append(ReportText.Escape(ReportText.Time(sweep.From))).Append(" to ").Append(ReportText.Escape(ReportText.Time(sweep.To)))
            .Append(" UTC; the highest Sharpe there chose threshold ").Append(Threshold(sweep.Chosen.Threshold))
            .AppendLine(", and only that threshold was run on the candles above.</p>");
        html.AppendLine("<table>");
        html.AppendLine("<tr><th>threshold</th><th>Sharpe</th><th>total return</th><th>trades</th><th>exposure</th></tr>");
        foreach (var candidate in sweep.Candidates)
        {
            var m = candidate.Metrics;
            html.Append(ReferenceEquals(candidate, sweep.Chosen) ? "<tr class=\"chosen\">" : "<tr>")
                .Append("<td>").Append(Threshold(candidate.Threshold)).Append("</td><td>").Append(ReportText.Number(m.Sharpe))
                .Append("</td><td>").Append(Percent(m.TotalReturn)).Append("</td><td>").Append(ReportText.Integer(m.Trades))
                .Append("</td><td>").Append(Percent(m.Exposure)).AppendLine("</td></tr>");
        }

        html.AppendLine("</table>");
    }

    private static void Charts(StringBuilder html, BacktestResult result)
    {
        var forecasts = result.Forecasts;
        var times = new DateTime[forecasts.Count + 1];
        times[0] = forecasts.StartTime;
        for (var i = 0; i < forecasts.Count; i++)
        {
            times[i + 1] = forecasts.Times[i];
        }

        var strategy = SvgPlot.Palette[0];
        var hold = SvgPlot.Palette[1];
        html.AppendLine("<h2>Equity</h2>");
        html.Append("<p class=\"note\">").Append(InteractivePlot.Hint).AppendLine("</p>");
        InteractivePlot.TimeLines(
            html,
            "Equity: strategy vs buy and hold",
            [new TimeLine("strategy", times, WithStart(1, result.Strategy.Curve.Equity), strategy), new TimeLine("buy and hold", times, WithStart(1, result.BuyAndHold.Curve.Equity), hold)],
            "equity (start = 1)");

        html.AppendLine("<h2>Drawdown</h2>");
        InteractivePlot.TimeLines(
            html,
            "Drawdown from the running peak",
            [new TimeLine("strategy", times, WithStart(0, result.Strategy.Curve.Drawdowns().Select(d => -d).ToArray()), strategy),
             new TimeLine("buy and hold", times, WithStart(0, result.BuyAndHold.Curve.Drawdowns().Select(d => -d).ToArray()), hold)],
            "drawdown (fraction of peak)");

        html.AppendLine("<h2>Positions over price</h2>");
        html.Append("<p class=\"note\">Shaded, on the right axis: the size of the position held over each candle,<span class=\"swatch\" style=\"background:").Append(Long)
            .Append("\"></span>long<span class=\"swatch\" style=\"background:").Append(Short).AppendLine("\"></span>short.</p>");
        var positions = result.Strategy.Curve.Positions;
        var lines = new List<TimeLine> { new("close", times, WithStart(forecasts.StartClose, forecasts.Closes), strategy) };
        AddExposure(lines, "long", times, positions.Select(p => Math.Max(p, 0)).ToArray(), Long, LongFill);
        AddExposure(lines, "short", times, positions.Select(p => Math.Max(-p, 0)).ToArray(), Short, ShortFill);
        InteractivePlot.TimeLines(html, "Close with the strategy's positions", lines, "close", "position size");
        InteractivePlot.TimeLines(
            html,
            "Position held over each candle",
            [new TimeLine("position", times, WithStart(0, positions), strategy) { Step = true }],
            "position (fraction of equity)");
    }

    /// <summary>The exposure of one side as a shaded step area, left out when the strategy never took that side.</summary>
    private static void AddExposure(List<TimeLine> lines, string name, DateTime[] times, double[] sizes, string color, string fill)
    {
        if (sizes.Any(s => s > 0))
        {
            lines.Add(new TimeLine(name, times, WithStart(0, sizes), color) { Step = true, Fill = fill, Secondary = true });
        }
    }

    private static double[] WithStart(double start, IReadOnlyList<double> values)
    {
        var all = new double[values.Count + 1];
        all[0] = start;
        for (var i = 0; i < values.Count; i++)
        {
            all[i + 1] = values[i];
        }

        return all;
    }

    /// <summary>Thresholds as plain decimals (0.00005, never 5E-05), as they are typed in --sweep.</summary>
    private static string Threshold(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Percent(double value) =>
        double.IsFinite(value) ? (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : ReportText.Undefined;
}

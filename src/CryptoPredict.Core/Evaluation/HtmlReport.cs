using System.Text;

namespace CryptoPredict.Core.Evaluation;

/// <summary>
/// Renders an <see cref="EvaluationReport"/> as one self-contained HTML page: inline CSS, static SVG for the small charts,
/// interactive plotly.js charts (inlined, see <see cref="InteractivePlot"/>) for the series over time, no external
/// resource, so it opens offline and can be mailed as a single file. Every caller string is HTML-escaped, every number
/// is written with the invariant culture, undefined metrics read "n/a", and non-finite points are left out of the
/// charts. The output depends only on the report (no clock, no culture), so the same report gives the same bytes.
/// </summary>
public static partial class HtmlReport
{
    private const int MaxHistogramBins = 50;

    /// <summary>The page style, shared with the backtest report so both read alike.</summary>
    internal const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:960px;color:#222;padding:0 1rem}
        h1{font-size:1.6rem;margin-bottom:.5rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.25rem}
        h3{font-size:1.05rem;margin-bottom:.25rem}
        table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}
        th{background:#f3f3f3}td.name,th.name{text-align:left}table.meta td{text-align:left}
        td.diag{background:#e6f2e6;font-weight:600}
        p.note,p.empty{color:#666;font-size:.9rem}
        svg[role=img]{width:100%;height:auto;max-width:900px;display:block;margin:.5rem 0 1rem}
        svg[role=img] .grid{stroke:#e5e5e5;stroke-width:1}svg[role=img] .axis{stroke:#888;stroke-width:1}
        svg[role=img] .frame{fill:none;stroke:#888;stroke-width:1}svg[role=img] .bar{fill:#1f77b4;opacity:.85}
        svg[role=img] text{font-family:inherit;fill:#333}svg[role=img] .tick{font-size:11px}svg[role=img] .label,svg[role=img] .legend{font-size:12px}
        div.plot{width:100%;max-width:900px;height:360px;margin:.5rem 0 1rem}
        """;

    /// <summary>The page for <paramref name="report"/>.</summary>
    /// <exception cref="ArgumentException">A series, curve or histogram has mismatched lengths.</exception>
    public static string Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\">");
        html.AppendLine("<head>");
        html.AppendLine("<meta charset=\"utf-8\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(ReportText.Escape(report.Title)).AppendLine("</title>");
        html.Append("<style>").Append(Style).AppendLine("</style>");
        html.AppendLine("</head>");
        html.AppendLine("<body>");
        html.Append("<h1>").Append(ReportText.Escape(report.Title)).AppendLine("</h1>");

        Metadata(html, report);
        RegressionTables(html, report.Regression);
        QuantileTables(html, report.Quantiles);
        if (report.Classification is { } classification)
        {
            ClassificationTables(html, classification);
        }

        Charts(html, report.Charts);
        Training(html, report.Training);
        Histograms(html, report.Histograms);
        Diagnostics(html, report.Diagnostics);
        Importance(html, report.Importance);

        InteractivePlot.AppendScripts(html);
        html.AppendLine("</body>");
        html.AppendLine("</html>");
        return html.ToString();
    }

    private static void Metadata(StringBuilder html, EvaluationReport report)
    {
        var rows = new List<(string Name, string Value)>();
        AddIfPresent(rows, "Symbol", report.Symbol);
        AddIfPresent(rows, "Interval", report.Interval);
        AddIfPresent(rows, "Model", report.Model);
        if (report.DataStart is not null || report.DataEnd is not null)
        {
            var start = report.DataStart is { } s ? ReportText.Time(s) : "?";
            var end = report.DataEnd is { } e ? ReportText.Time(e) : "?";
            rows.Add(("Data range (UTC)", $"{start} to {end}"));
        }

        if (report.Samples is { } samples)
        {
            rows.Add(("Samples", ReportText.Integer(samples)));
        }

        foreach (var field in report.Details ?? [])
        {
            rows.Add((field.Name, field.Value));
        }

        if (rows.Count == 0)
        {
            return;
        }

        html.AppendLine("<table class=\"meta\">");
        foreach (var (name, value) in rows)
        {
            html.Append("<tr><th class=\"name\">").Append(ReportText.Escape(name)).Append("</th><td>").Append(ReportText.Escape(value)).AppendLine("</td></tr>");
        }

        html.AppendLine("</table>");
    }

    private static void AddIfPresent(List<(string Name, string Value)> rows, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            rows.Add((name, value));
        }
    }

    private static void RegressionTables(StringBuilder html, IReadOnlyList<RegressionComparison>? comparisons)
    {
        if (comparisons is null || comparisons.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2>Metrics</h2>");
        foreach (var comparison in comparisons)
        {
            html.Append("<h3>").Append(ReportText.Escape(comparison.Target)).AppendLine("</h3>");
            html.AppendLine("<table>");
            var hitRate = double.IsFinite(comparison.Model.HitRate);
            var strongest = comparison.Strongest;
            html.Append("<tr><th class=\"name\">Forecast</th><th>Samples</th><th>MAE</th><th>RMSE</th><th>MAPE %</th><th>R&sup2;</th><th>")
                .Append(hitRate ? "Hit rate" : "Directional accuracy").AppendLine("</th><th>Theil U</th></tr>");
            RegressionRow(html, "model", comparison.Model, comparison.TheilU, hitRate);
            foreach (var baseline in comparison.Baselines)
            {
                RegressionRow(html, baseline.Name == strongest.Name ? baseline.Name + " (strongest)" : baseline.Name, baseline.Metrics, baseline.TheilU, hitRate);
            }

            html.AppendLine("</table>");
            var chosen = comparison.StrongestChosenOn == RegressionComparison.ChosenOnValidation
                ? "the lowest MAE on the model's validation part"
                : "the lowest MAE on these samples (the candles hold no validation sample)";
            html.Append("<p class=\"note\">Model MAE / ").Append(ReportText.Escape(strongest.Name)).Append("'s MAE = ").Append(ReportText.Number(comparison.MaeRatio))
                .Append("; the strongest baseline has ").Append(chosen).AppendLine(".</p>");
        }

        html.AppendLine("<p class=\"note\">Persistence forecasts the last known value. Theil U is RMSE / RMSE(persistence): below 1 beats persistence. "
            + "MAPE skips zero actuals; R&sup2; is n/a when the actuals do not vary; directional accuracy compares the sign of the move from the last known value (persistence has none). "
            + "For a next high or low the hit rate replaces it: the share of candles whose high (low) reached the forecast one.</p>");
    }

    private static void RegressionRow(StringBuilder html, string name, RegressionMetrics metrics, double theilU, bool hitRate)
    {
        html.Append("<tr><td class=\"name\">").Append(ReportText.Escape(name)).Append("</td><td>").Append(ReportText.Integer(metrics.Samples))
            .Append("</td><td>").Append(ReportText.Number(metrics.Mae))
            .Append("</td><td>").Append(ReportText.Number(metrics.Rmse))
            .Append("</td><td>").Append(ReportText.Number(metrics.Mape))
            .Append("</td><td>").Append(ReportText.Number(metrics.R2))
            .Append("</td><td>").Append(ReportText.Number(hitRate ? metrics.HitRate : metrics.DirectionalAccuracy))
            .Append("</td><td>").Append(ReportText.Number(theilU))
            .AppendLine("</td></tr>");
    }

    private static void ClassificationTables(StringBuilder html, ClassificationSection section)
    {
        var model = section.Model;
        html.Append("<h2>Metrics: ").Append(ReportText.Escape(section.Target)).AppendLine("</h2>");
        html.AppendLine("<table>");
        html.AppendLine("<tr><th class=\"name\">Classifier</th><th>Samples</th><th>Accuracy</th><th>Log loss</th><th>Macro AUC</th></tr>");
        ClassificationRow(html, "model", model);
        var strongest = section.Strongest?.Name;
        if (section.Baseline is { } baseline)
        {
            ClassificationRow(html, strongest == section.BaselineName ? section.BaselineName + " (strongest)" : section.BaselineName, baseline);
        }

        if (section.LastRegime is { } last)
        {
            ClassificationRow(html, strongest == ClassificationSection.LastRegimeName ? ClassificationSection.LastRegimeName + " (strongest)" : ClassificationSection.LastRegimeName, last);
        }

        html.AppendLine("</table>");
        html.AppendLine("<p class=\"note\">Macro AUC is the mean one-vs-rest AUC over the classes present in the actual labels. "
            + "The last regime forecasts the regime of the candles that just closed, with certainty; the strongest baseline has the higher accuracy "
            + (section.StrongestChosenOn == RegressionComparison.ChosenOnValidation ? "on the model's validation part" : "on these samples (the candles hold no validation sample)")
            + ".</p>");

        html.AppendLine("<h3>Confusion matrix (rows: actual, columns: predicted)</h3>");
        html.AppendLine("<table>");
        html.Append("<tr><th class=\"name\">actual \\ predicted</th>");
        for (var c = 0; c < model.Classes; c++)
        {
            html.Append("<th>").Append(ReportText.Escape(ClassName(section.ClassNames, c))).Append("</th>");
        }

        html.AppendLine("<th>total</th><th>AUC</th></tr>");
        for (var a = 0; a < model.Classes; a++)
        {
            html.Append("<tr><th class=\"name\">").Append(ReportText.Escape(ClassName(section.ClassNames, a))).Append("</th>");
            for (var p = 0; p < model.Classes; p++)
            {
                html.Append(a == p ? "<td class=\"diag\">" : "<td>").Append(ReportText.Integer(model.ConfusionMatrix[a][p])).Append("</td>");
            }

            html.Append("<td>").Append(ReportText.Integer(model.ActualCounts[a])).Append("</td><td>").Append(ReportText.Number(model.ClassAuc[a])).AppendLine("</td></tr>");
        }

        html.Append("<tr><th class=\"name\">total</th>");
        for (var p = 0; p < model.Classes; p++)
        {
            html.Append("<td>").Append(ReportText.Integer(model.PredictedCounts[p])).Append("</td>");
        }

        html.Append("<td>").Append(ReportText.Integer(model.Samples)).AppendLine("</td><td></td></tr>");
        html.AppendLine("</table>");
    }

    private static void ClassificationRow(StringBuilder html, string name, ClassificationMetrics metrics)
    {
        html.Append("<tr><td class=\"name\">").Append(ReportText.Escape(name)).Append("</td><td>").Append(ReportText.Integer(metrics.Samples))
            .Append("</td><td>").Append(ReportText.Number(metrics.Accuracy))
            .Append("</td><td>").Append(ReportText.Number(metrics.LogLoss))
            .Append("</td><td>").Append(ReportText.Number(metrics.Auc))
            .AppendLine("</td></tr>");
    }

    private static string ClassName(IReadOnlyList<string>? names, int index) =>
        names is not null && index < names.Count && !string.IsNullOrEmpty(names[index]) ? names[index] : ReportText.Integer(index);

    private static void Charts(StringBuilder html, IReadOnlyList<ReportChart>? charts)
    {
        if (charts is null || charts.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2>Forecasts over time</h2>");
        html.Append("<p class=\"note\">").Append(InteractivePlot.Hint).AppendLine("</p>");
        foreach (var chart in charts)
        {
            html.Append("<h3>").Append(ReportText.Escape(chart.Title)).AppendLine("</h3>");
            var lines = new List<TimeLine>();
            foreach (var series in chart.Series ?? [])
            {
                var values = series.Values ?? [];
                var times = series.Times ?? [];
                if (times.Count != values.Count)
                {
                    throw new ArgumentException($"Series '{series.Name}' of chart '{chart.Title}' has {times.Count} times but {values.Count} values.", nameof(charts));
                }

                var finite = Enumerable.Range(0, values.Count).Where(i => double.IsFinite(values[i])).ToArray();
                if (finite.Length > 0)
                {
                    var color = SvgPlot.Palette[lines.Count % SvgPlot.Palette.Length];
                    lines.Add(new TimeLine(series.Name ?? string.Empty, finite.Select(i => times[i]).ToArray(), finite.Select(i => values[i]).ToArray(), color));
                }
            }

            if (lines.Count == 0)
            {
                html.AppendLine("<p class=\"empty\">No finite values to plot.</p>");
                continue;
            }

            InteractivePlot.TimeLines(html, chart.Title, lines, chart.ValueLabel);
        }
    }

    private static void Training(StringBuilder html, TrainingCurve? curve)
    {
        html.AppendLine("<h2>Training</h2>");
        var epochs = curve?.Epochs ?? [];
        var train = curve?.Train ?? [];
        var validation = curve?.Validation ?? [];
        if (train.Count != epochs.Count || (validation.Count != 0 && validation.Count != epochs.Count))
        {
            throw new ArgumentException(
                $"The training curve has {epochs.Count} epochs, {train.Count} training losses and {validation.Count} validation losses; "
                + "each needs one per epoch (validation may be empty).",
                nameof(curve));
        }

        var lines = new List<PlotLine>();
        AddCurve(lines, "train loss", epochs, train);
        AddCurve(lines, "validation loss", epochs, validation);
        if (lines.Count == 0)
        {
            html.AppendLine("<p class=\"empty\">No training history recorded.</p>");
            return;
        }

        SvgPlot.Lines(html, "Loss per epoch", lines, "epoch", "loss");
    }

    private static void AddCurve(List<PlotLine> lines, string name, IReadOnlyList<int> epochs, IReadOnlyList<double> losses)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < losses.Count; i++)
        {
            if (double.IsFinite(losses[i]))
            {
                x.Add(epochs[i]);
                y.Add(losses[i]);
            }
        }

        if (y.Count > 0)
        {
            var (thinX, thinY) = SeriesDownsampler.Thin(x.ToArray(), y.ToArray());
            lines.Add(new PlotLine(name, thinX, thinY));
        }
    }

    private static void Histograms(StringBuilder html, IReadOnlyList<ErrorHistogram>? histograms)
    {
        if (histograms is null || histograms.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2>Error distribution</h2>");
        foreach (var histogram in histograms)
        {
            html.Append("<h3>").Append(ReportText.Escape(histogram.Title)).AppendLine("</h3>");
            var values = (histogram.Errors ?? []).Where(double.IsFinite).ToArray();
            if (values.Length == 0)
            {
                html.AppendLine("<p class=\"empty\">No finite values to plot.</p>");
                continue;
            }

            var low = values.Min();
            var high = values.Max();

            // sqrt(n) bins, the spreadsheet rule, capped so large test sets stay readable.
            var bins = high > low ? Math.Clamp((int)Math.Ceiling(Math.Sqrt(values.Length)), 1, MaxHistogramBins) : 1;
            var counts = new int[bins];
            foreach (var value in values)
            {
                var bin = high > low ? (int)((value - low) / (high - low) * bins) : 0;
                counts[Math.Min(bin, bins - 1)]++;
            }

            var mean = values.Average();
            var spread = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : double.NaN;
            html.Append("<p class=\"note\">n = ").Append(ReportText.Integer(values.Length)).Append(", mean = ").Append(ReportText.Number(mean))
                .Append(", standard deviation = ").Append(ReportText.Number(spread)).AppendLine("</p>");
            SvgPlot.Bars(html, histogram.Title, low, high, counts, "error");
        }
    }
}

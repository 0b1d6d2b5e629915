using System.Text;

namespace CryptoPredict.Core.Evaluation;

/// <summary>The residual-diagnostics and feature-importance sections of the report.</summary>
public static partial class HtmlReport
{
    private static void Diagnostics(StringBuilder html, IReadOnlyList<ResidualDiagnostics>? diagnostics)
    {
        if (diagnostics is null || diagnostics.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2>Residual diagnostics</h2>");
        html.AppendLine("<table>");
        html.AppendLine("<tr><th class=\"name\">Target</th><th class=\"name\">Unit</th><th>Samples</th><th>Mean residual</th><th>Residual std</th><th>Lags</th><th>Ljung-Box Q</th><th>p-value</th></tr>");
        foreach (var d in diagnostics)
        {
            html.Append("<tr><td class=\"name\">").Append(ReportText.Escape(d.Target)).Append("</td><td class=\"name\">").Append(ReportText.Escape(d.Unit))
                .Append("</td><td>").Append(ReportText.Integer(d.Residuals.Count))
                .Append("</td><td>").Append(ReportText.Number(d.Mean))
                .Append("</td><td>").Append(ReportText.Number(d.StandardDeviation))
                .Append("</td><td>").Append(d.Test is { } lags ? ReportText.Integer(lags.Lags) : ReportText.Undefined)
                .Append("</td><td>").Append(ReportText.Number(d.Test?.Statistic ?? double.NaN))
                .Append("</td><td>").Append(ReportText.Number(d.Test?.PValue ?? double.NaN))
                .AppendLine("</td></tr>");
        }

        html.AppendLine("</table>");
        html.AppendLine("<p class=\"note\">Residual = actual - predicted, in sample order; price targets as log returns against the last close. "
            + "A Ljung-Box p-value below 0.05 says the residuals are autocorrelated: the errors follow a pattern the model misses "
            + "(with a horizon h above 1, overlapping forecasts make lags below h correlated anyway).</p>");
        foreach (var d in diagnostics)
        {
            DiagnosticCharts(html, d);
        }
    }

    private static void DiagnosticCharts(StringBuilder html, ResidualDiagnostics d)
    {
        if (d.Times.Count != d.Residuals.Count || d.Predicted.Count != d.Residuals.Count || d.Actual.Count != d.Residuals.Count)
        {
            throw new ArgumentException($"The diagnostics of '{d.Target}' have {d.Times.Count} times, {d.Predicted.Count} forecasts, {d.Actual.Count} actuals and {d.Residuals.Count} residuals; each needs one per sample.", nameof(d));
        }

        var finite = Enumerable.Range(0, d.Residuals.Count).Where(i => double.IsFinite(d.Residuals[i])).ToArray();
        html.Append("<h3>").Append(ReportText.Escape(d.Target)).AppendLine(": residuals over time</h3>");
        if (finite.Length == 0)
        {
            html.AppendLine("<p class=\"empty\">No finite values to plot.</p>");
            return;
        }

        InteractivePlot.TimeLines(
            html,
            $"{d.Target} residuals over time",
            [new TimeLine("residual", finite.Select(i => d.Times[i]).ToArray(), finite.Select(i => d.Residuals[i]).ToArray(), SvgPlot.Palette[0])],
            $"residual ({d.Unit})");
        html.Append("<h3>").Append(ReportText.Escape(d.Target)).Append(": predicted vs actual (").Append(ReportText.Escape(d.Unit)).AppendLine(")</h3>");
        SvgPlot.Scatter(html, $"{d.Target} predicted vs actual", d.Predicted, d.Actual, $"predicted ({d.Unit})", $"actual ({d.Unit})");
        html.AppendLine("<p class=\"note\">The dashed line is a perfect forecast (actual = predicted).</p>");
        if (d.Autocorrelations.Count > 0)
        {
            html.Append("<h3>").Append(ReportText.Escape(d.Target)).AppendLine(": autocorrelation of residuals</h3>");
            SvgPlot.Stems(html, $"{d.Target} residual autocorrelation", d.Autocorrelations, d.Band, "autocorrelation");
            html.Append("<p class=\"note\">Dashed lines: ±1.96/√n = ±").Append(ReportText.Number(d.Band)).AppendLine(", where white noise falls 95% of the time.</p>");
        }
    }

    private static void Importance(StringBuilder html, PermutationImportanceResult? importance)
    {
        if (importance is null)
        {
            return;
        }

        var accuracy = importance.Metric == PermutationImportance.AccuracyMetric;
        var loss = accuracy ? "accuracy drop" : "MAE increase";
        html.AppendLine("<h2>Feature importance (permutation)</h2>");
        html.Append("<p class=\"note\">Each feature column shuffled across the scored samples' windows, ").Append(ReportText.Integer(importance.Repeats))
            .Append(" times (seed ").Append(importance.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("); the ").Append(loss)
            .Append(" over the unshuffled ").Append(accuracy ? "accuracy " : "MAE ").Append(ReportText.Number(importance.Score))
            .AppendLine(". Bars: mean; whiskers: ± one standard deviation over the repeats.</p>");
        SvgPlot.RankedBars(html, "Permutation importance", importance.Features.Select(f => (f.Feature, f.Mean, f.StandardDeviation)).ToArray(), loss);
        html.AppendLine("<table>");
        html.Append("<tr><th class=\"name\">Feature</th><th>Mean ").Append(loss).AppendLine("</th><th>Std</th><th>Min</th><th>Max</th></tr>");
        foreach (var f in importance.Features)
        {
            html.Append("<tr><td class=\"name\">").Append(ReportText.Escape(f.Feature)).Append("</td><td>").Append(ReportText.Number(f.Mean))
                .Append("</td><td>").Append(ReportText.Number(f.StandardDeviation)).Append("</td><td>").Append(ReportText.Number(f.Minimum))
                .Append("</td><td>").Append(ReportText.Number(f.Maximum)).AppendLine("</td></tr>");
        }

        html.AppendLine("</table>");
    }
}

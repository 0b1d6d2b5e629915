using System.Text;
using CryptoPredict.Core.Evaluation.Quantiles;
using CryptoPredict.Core.Models;

namespace CryptoPredict.Core.Evaluation;

/// <summary>The quantile section of the report: pinball loss per level and central intervals, model beside the empirical-quantile baseline.</summary>
public static partial class HtmlReport
{
    private static void QuantileTables(StringBuilder html, IReadOnlyList<QuantileEvaluation>? quantiles)
    {
        if (quantiles is null || quantiles.Count == 0)
        {
            return;
        }

        html.AppendLine("<h2>Quantile forecasts</h2>");
        foreach (var target in quantiles)
        {
            html.Append("<h3>").Append(ReportText.Escape(target.Target)).AppendLine("</h3>");
            html.AppendLine("<table>");
            html.AppendLine("<tr><th class=\"name\">Level</th><th>Pinball loss (model)</th><th>Pinball loss (baseline)</th></tr>");
            foreach (var level in target.Levels)
            {
                html.Append("<tr><td class=\"name\">").Append(ReportText.Escape(ForecastHeads.LevelText(level.Level)))
                    .Append("</td><td>").Append(ReportText.Number(level.Pinball))
                    .Append("</td><td>").Append(ReportText.Number(level.BaselinePinball))
                    .AppendLine("</td></tr>");
            }

            html.AppendLine("</table>");
            if (target.Intervals.Count > 0)
            {
                html.AppendLine("<table>");
                html.AppendLine("<tr><th class=\"name\">Interval</th><th>Nominal</th><th>Coverage (model)</th><th>Mean width (model)</th><th>Coverage (baseline)</th><th>Mean width (baseline)</th></tr>");
                foreach (var interval in target.Intervals)
                {
                    html.Append("<tr><td class=\"name\">").Append(ReportText.Escape($"{ForecastHeads.LevelText(interval.Lower)} - {ForecastHeads.LevelText(interval.Upper)}"))
                        .Append("</td><td>").Append(ReportText.Number(interval.Nominal))
                        .Append("</td><td>").Append(ReportText.Number(interval.Coverage))
                        .Append("</td><td>").Append(ReportText.Number(interval.MeanWidth))
                        .Append("</td><td>").Append(ReportText.Number(interval.BaselineCoverage))
                        .Append("</td><td>").Append(ReportText.Number(interval.BaselineMeanWidth))
                        .AppendLine("</td></tr>");
                }

                html.AppendLine("</table>");
            }

            html.Append("<p class=\"note\">Baseline: ").Append(ReportText.Escape(target.Baseline)).Append(" (")
                .Append(ReportText.Integer(target.BaselineSamples)).AppendLine(" training samples).</p>");
        }

        html.AppendLine("<p class=\"note\">Pinball loss: lower is better, in the target's units. Coverage: the fraction of actual values inside the interval, "
            + "to compare with its nominal level; narrower intervals at the nominal coverage are better.</p>");
    }
}

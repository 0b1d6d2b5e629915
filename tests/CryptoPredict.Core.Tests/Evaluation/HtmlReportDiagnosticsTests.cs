using System.Text.RegularExpressions;
using System.Xml.Linq;
using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Tests.Evaluation;

public partial class HtmlReportTests
{
    [Fact]
    public void Residual_diagnostics_and_importance_render_as_well_formed_charts_and_tables()
    {
        var html = ReportPage.WithoutPlotlyJs(HtmlReport.Render(DiagnosticsReport()));

        html.Should().Contain("<h2>Residual diagnostics</h2>").And.Contain("<h2>Feature importance (permutation)</h2>");
        html.Should().Contain("close_t+1: residuals over time").And.Contain("predicted vs actual (log return)").And.Contain("autocorrelation of residuals");
        html.Should().Contain("log_return&lt;&amp;&gt;").And.NotContain("log_return<&>");
        Count(html, "<svg ").Should().Be(2 + 2 + 1, "the base report's two, scatter and autocorrelation, one importance chart");
        ReportPage.Plots(html).Should().Be(1 + 1, "the base report's forecasts and the residuals over time are interactive");
        var residuals = ReportPage.Trace(ReportPage.Figures(html)[1], 0);
        residuals.Name.Should().Be("residual");
        residuals.X.Should().HaveCount(60).And.StartWith("2024-03-01 00:00:00");
        foreach (Match svg in SvgElement().Matches(html))
        {
            XElement.Parse(svg.Value).Name.LocalName.Should().Be("svg");
        }

        Count(html, "<tr>").Should().Be(Count(html, "</tr>"));
        html.Should().NotContain("NaN").And.NotContain("Infinity");
        html.IndexOf(">log_return&lt;&amp;&gt;<", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf(">volume<", StringComparison.Ordinal), "most important first");
    }

    /// <summary>The regression report with residual diagnostics of 60 hourly forecasts and a two-feature importance ranking.</summary>
    private static EvaluationReport DiagnosticsReport()
    {
        var times = Enumerable.Range(0, 60).Select(i => Start.AddHours(i)).ToArray();
        var actual = times.Select((_, i) => 100 + Math.Sin(i / 3.0)).ToArray();
        var predicted = times.Select((_, i) => 100 + Math.Sin((i - 1) / 3.0)).ToArray();
        var reference = Enumerable.Repeat(100.0, 60).ToArray();
        var target = new TargetEvaluation(RegressionComparison.Compute("close_t+1", actual, predicted, reference), times, actual, predicted, reference, IsPrice: true);
        var importance = new PermutationImportanceResult("mae", 0.5, 3, 9, [FeatureImportance.Of("log_return<&>", [0.2, 0.3, 0.25]), FeatureImportance.Of("volume", [-0.01, 0.0, 0.01])]);
        return RegressionReport() with { Diagnostics = [ResidualDiagnostics.Of(target)], Importance = importance };
    }
}

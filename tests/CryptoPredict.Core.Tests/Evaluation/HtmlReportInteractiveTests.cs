using System.Text.RegularExpressions;
using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Tests.Evaluation;

public partial class HtmlReportTests
{
    [Fact]
    public void Plotly_js_is_inlined_once_after_the_charts_and_no_script_has_a_source()
    {
        var html = HtmlReport.Render(RegressionReport());

        Regex.Count(html, "<script id=\"plotly-js\">").Should().Be(1);
        html.Should().NotMatchRegex("<script[^>]*\\ssrc\\s*=");
        var library = Regex.Match(html, "<script id=\"plotly-js\">([\\s\\S]*?)</script>").Groups[1].Value;
        library.Should().StartWith($"// plotly.js {PlotlyScript.Version} ").And.Contain("Plotly");
        library.Length.Should().BeGreaterThan(3_000_000, "the whole minified bundle, not a loader");
        html.IndexOf("<script id=\"plotly-js\">", StringComparison.Ordinal).Should().BeGreaterThan(html.LastIndexOf("<div class=\"plot\"", StringComparison.Ordinal));
        html.Should().Contain("Plotly.newPlot(", "one script draws every figure once plotly.js is there");
    }

    [Fact]
    public void Each_chart_is_one_plot_with_a_trace_per_series_holding_its_finite_points()
    {
        var html = HtmlReport.Render(RegressionReport());

        var figure = ReportPage.Figures(html).Should().ContainSingle().Subject;
        figure.GetProperty("data").GetArrayLength().Should().Be(2);
        var actual = ReportPage.Trace(figure, 0);
        var predicted = ReportPage.Trace(figure, 1);
        actual.Name.Should().Be("actual");
        actual.X.Should().HaveCount(50).And.StartWith("2024-03-01 00:00:00").And.EndWith("2024-03-03 01:00:00");
        predicted.Name.Should().Be("predicted");
        predicted.X.Should().HaveCount(48, "the NaN and the infinity are left out").And.NotContain("2024-03-01 03:00:00");
        figure.GetProperty("data")[0].GetProperty("line").GetProperty("color").GetString().Should().Be("rgba(31, 119, 180, 1.0)", "the first palette colour, as in the static charts");
        figure.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString().Should().Be("date");
        figure.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString().Should().Be("close");
    }

    [Fact]
    public void A_series_name_cannot_end_the_figure_script()
    {
        var report = new EvaluationReport("names")
        {
            Charts = [new ReportChart("close", [new ReportSeries("</script><script>alert(1)</script> & <!--", [Start, Start.AddHours(1)], [1.0, 2.0])])],
        };

        var html = ReportPage.WithoutPlotlyJs(HtmlReport.Render(report));

        html.Should().NotContain("<script>alert").And.NotContain("<!--");
        ReportPage.Trace(ReportPage.Figures(html).Single(), 0).Name.Should().Be("</script><script>alert(1)</script> & <!--", "the \\u escapes read back as the name");
    }
}

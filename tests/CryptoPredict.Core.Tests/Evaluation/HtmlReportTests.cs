using System.Text.RegularExpressions;
using System.Xml.Linq;
using CryptoPredict.Core.Evaluation;

namespace CryptoPredict.Core.Tests.Evaluation;

public partial class HtmlReportTests
{
    private static readonly DateTime Start = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_regression_report_has_every_section_and_fetches_nothing()
    {
        var html = HtmlReport.Render(RegressionReport());
        var page = ReportPage.WithoutPlotlyJs(html);

        html.Should().StartWith("<!DOCTYPE html>");
        html.Should().Contain("<style>");
        Count(page, "<svg ").Should().Be(2, "the training chart and the histogram stay static SVG");
        ReportPage.Plots(html).Should().Be(1, "the forecast chart is interactive");
        html.Should().Contain("<h2>Metrics</h2>").And.Contain("<h2>Forecasts over time</h2>").And.Contain("<h2>Training</h2>")
            .And.Contain("<h2>Error distribution</h2>");
        html.Should().Contain("<td class=\"name\">persistence").And.Contain("<td class=\"name\">ewma_0.94").And.Contain("2024-03-01");
        Count(html, " (strongest)</td>").Should().Be(2, "two targets, one strongest baseline each");
        html.Should().Contain("the strongest baseline has the lowest MAE on these samples (the candles hold no validation sample)");
        html.Should().NotMatchRegex("<script[^>]*\\ssrc=", "plotly.js is inlined, not loaded").And.NotContain("<link").And.NotContain("<iframe");
        page.Should().NotContain("src=").And.NotContain("url(");
        Regex.Matches(page, "https?://").Cast<Match>().Should().OnlyContain(m => page.Substring(m.Index, 26) == "http://www.w3.org/2000/svg");
    }

    [Fact]
    public void Every_svg_is_well_formed_xml_and_tables_balance()
    {
        var html = ReportPage.WithoutPlotlyJs(HtmlReport.Render(RegressionReport()) + HtmlReport.Render(ClassificationReport()));

        foreach (Match svg in SvgElement().Matches(html))
        {
            var parsed = XElement.Parse(svg.Value);
            parsed.Name.LocalName.Should().Be("svg");
        }

        Count(html, "<table").Should().Be(Count(html, "</table>"));
        Count(html, "<tr>").Should().Be(Count(html, "</tr>"));
        Count(html, "<td").Should().Be(Count(html, "</td>"));
        Count(html, "<th").Should().Be(Count(html, "</th>"));
        Count(html, "<h3>").Should().Be(Count(html, "</h3>"));
    }

    [Fact]
    public void Caller_strings_are_escaped()
    {
        var report = RegressionReport() with
        {
            Title = "Report for <script>alert(1)</script>",
            Symbol = "BTC<USDT>&\"x\"",
            Details = [new ReportField("note <b>", "a & b")],
        };

        var html = HtmlReport.Render(report);

        html.Should().Contain("BTC&lt;USDT&gt;&amp;&quot;x&quot;").And.NotContain("BTC<USDT>");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.NotContain("<script>alert");
        html.Should().Contain("note &lt;b&gt;").And.Contain("a &amp; b");
    }

    [Fact]
    public void Non_finite_values_never_reach_the_page()
    {
        var html = ReportPage.WithoutPlotlyJs(HtmlReport.Render(RegressionReport()));

        // The series hold NaN and infinities, the persistence R2 is undefined (constant actuals would be n/a).
        html.Should().NotContain("NaN").And.NotContain("Infinity").And.NotContain("∞");
        html.Should().Contain("n/a");
    }

    [Fact]
    public void The_same_report_renders_to_the_same_text()
    {
        HtmlReport.Render(RegressionReport()).Should().Be(HtmlReport.Render(RegressionReport()));
        HtmlReport.Render(ClassificationReport()).Should().Be(HtmlReport.Render(ClassificationReport()));
    }

    [Fact]
    public void Thousands_of_candles_are_plotted_in_full_and_longer_series_thinned_keeping_spikes()
    {
        static EvaluationReport Long(int n)
        {
            var times = Enumerable.Range(0, n).Select(i => Start.AddMinutes(i)).ToArray();
            var values = Enumerable.Range(0, n).Select(i => i == n * 7 / 9 ? 1_000.0 : Math.Sin(i / 100.0)).ToArray();
            return new EvaluationReport("long") { Charts = [new ReportChart("close", [new ReportSeries("actual", times, values)])] };
        }

        var (_, x, y) = ReportPage.Trace(ReportPage.Figures(HtmlReport.Render(Long(10_000))).Single(), 0);
        x.Should().HaveCount(10_000, "a test part of thousands of candles is drawn candle by candle, so zooming shows each");
        x[1].Should().Be("2024-03-01 00:01:00");

        var html = HtmlReport.Render(Long(50_000));
        (_, x, y) = ReportPage.Trace(ReportPage.Figures(html).Single(), 0);
        x.Length.Should().BeLessThanOrEqualTo(InteractivePlot.MaxPoints).And.BeGreaterThan(InteractivePlot.MaxPoints / 2);
        y.Max().Should().Be(1_000, "the bucket holding the spike keeps its highest value");
        x.Should().BeInAscendingOrder(StringComparer.Ordinal);
        html.Should().Be(HtmlReport.Render(Long(50_000)));
    }

    [Fact]
    public void An_empty_report_and_empty_or_non_finite_parts_render_placeholders()
    {
        var empty = HtmlReport.Render(new EvaluationReport("nothing yet"));
        empty.Should().Contain("<h1>nothing yet</h1>").And.Contain("No training history recorded.").And.NotContain("<svg");
        empty.Should().NotContain("<script", "a page without an interactive chart does not carry plotly.js");

        var nanOnly = new EvaluationReport("nan")
        {
            Charts = [new ReportChart("close", [new ReportSeries("actual", [Start, Start.AddHours(1)], [double.NaN, double.PositiveInfinity])]), new ReportChart("none", [])],
            Training = new TrainingCurve([1, 2], [double.NaN, double.NaN], []),
            Histograms = [new ErrorHistogram("errors", [double.NaN]), new ErrorHistogram("none", [])],
        };
        var html = HtmlReport.Render(nanOnly);
        Count(html, "No finite values to plot.").Should().Be(4);
        html.Should().Contain("No training history recorded.").And.NotContain("<svg").And.NotContain("NaN").And.NotContain("<script");
    }

    [Fact]
    public void Single_points_and_constant_values_still_plot()
    {
        var report = new EvaluationReport("one")
        {
            Charts = [new ReportChart("close", [new ReportSeries("actual", [Start], [42.0])])],
            Training = new TrainingCurve([1], [0.5], [0.6]),
            Histograms = [new ErrorHistogram("errors", [0.0, 0.0, 0.0])],
        };

        var html = ReportPage.WithoutPlotlyJs(HtmlReport.Render(report));

        Count(html, "<svg ").Should().Be(2);
        ReportPage.Trace(ReportPage.Figures(html).Single(), 0).Y.Should().Equal(42.0);
        html.Should().NotContain("NaN").And.NotContain("Infinity");
        foreach (Match svg in SvgElement().Matches(html))
        {
            XElement.Parse(svg.Value);
        }
    }

    [Fact]
    public void A_classification_report_shows_the_confusion_matrix_instead_of_a_line_chart()
    {
        var html = HtmlReport.Render(ClassificationReport());

        html.Should().Contain("Confusion matrix").And.Contain("<th>Bullish</th>").And.Contain(">majority class (strongest)<");
        html.Should().Contain("<td class=\"diag\">1</td>");
        html.Should().NotContain("Forecasts over time").And.NotContain("NaN");
        // Class 2 is absent from the actual labels: its AUC reads n/a.
        html.Should().Contain("n/a");
    }

    [Fact]
    public void Mismatched_series_lengths_are_rejected()
    {
        var report = new EvaluationReport("bad") { Charts = [new ReportChart("close", [new ReportSeries("actual", [Start], [1.0, 2.0])])] };
        var act = () => HtmlReport.Render(report);
        act.Should().Throw<ArgumentException>().WithMessage("Series 'actual' of chart 'close' has 1 times but 2 values.*");

        var curve = new EvaluationReport("bad") { Training = new TrainingCurve([1, 2], [0.5], []) };
        var bad = () => HtmlReport.Render(curve);
        bad.Should().Throw<ArgumentException>();
    }

    private static EvaluationReport RegressionReport()
    {
        const int N = 50;
        var times = Enumerable.Range(0, N).Select(i => Start.AddHours(i)).ToArray();
        var actual = Enumerable.Range(0, N).Select(i => 100 + Math.Sin(i / 5.0)).ToArray();
        var predicted = actual.Select((a, i) => a + (0.1 * Math.Cos(i))).ToArray();
        var reference = new[] { 100.0 }.Concat(actual[..^1]).ToArray();
        var plotted = (double[])predicted.Clone();
        plotted[3] = double.NaN;
        plotted[9] = double.PositiveInfinity;

        return new EvaluationReport("BTCUSDT 1h bilstm")
        {
            Symbol = "BTCUSDT",
            Interval = "1h",
            Model = "bilstm",
            DataStart = times[0],
            DataEnd = times[^1],
            Samples = N,
            Details = [new ReportField("target", "next_close")],
            Regression =
            [
                RegressionComparison.Compute("next_close", actual, predicted, reference, "ewma_0.94", reference),
                RegressionComparison.Compute("flat", [5, 5], [5, 6], [5, 5]),
            ],
            Charts = [new ReportChart("next_close", [new ReportSeries("actual", times, actual), new ReportSeries("predicted", times, plotted)], "close")],
            Training = new TrainingCurve([1, 2, 3, 4], [1.0, 0.6, double.NaN, 0.4], [1.1, 0.8, 0.7, double.PositiveInfinity]),
            Histograms = [new ErrorHistogram("next_close error", actual.Select((a, i) => a - plotted[i]).ToArray())],
        };
    }

    private static EvaluationReport ClassificationReport()
    {
        int[] actual = [0, 1, 1, 0];
        double[] probabilities = [0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.4, 0.4, 0.2, 0.5, 0.3, 0.2];
        var model = ClassificationMetrics.Compute(actual, probabilities, 3);
        var baseline = ClassificationMetrics.MajorityBaseline([1, 1, 0, 2], actual, 3);
        return new EvaluationReport("BTCUSDT regime")
        {
            Symbol = "BTCUSDT",
            Samples = actual.Length,
            Classification = new ClassificationSection("regime_h4", ["Bearish", "Neutral", "Bullish"], model, baseline),
            Training = new TrainingCurve([1, 2], [1.0, 0.9], [1.05, 0.95]),
        };
    }

    private static int Count(string text, string value) => Regex.Count(text, Regex.Escape(value));

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgElement();
}

using System.Text.RegularExpressions;
using CryptoPredict.Core.Backtesting;
using CryptoPredict.Core.Tests.Evaluation;

namespace CryptoPredict.Core.Tests.Backtesting;

public partial class BacktestHtmlReportTests
{
    [Fact]
    public void The_page_has_the_metric_table_and_the_four_charts_as_interactive_plots_fetching_nothing()
    {
        var report = SyntheticBacktest.Report();

        var html = BacktestHtmlReport.Render(report);
        var page = ReportPage.WithoutPlotlyJs(html);

        html.Should().StartWith("<!DOCTYPE html>");
        ReportPage.Plots(html).Should().Be(4, "equity, drawdown, price with positions, position");
        html.Should().Contain("<h2>Metrics</h2>").And.Contain("<h2>Equity</h2>").And.Contain("<h2>Drawdown</h2>").And.Contain("<h2>Positions over price</h2>");
        html.Should().Contain("<th>strategy</th><th>buy and hold</th><th>always flat</th>");
        foreach (var metric in new[] { "total return", "CAGR", "Sharpe", "Sortino", "maximum drawdown", "Calmar", "hit rate", "trades", "turnover", "exposure" })
        {
            html.Should().Contain($"<td class=\"name\">{metric}</td>");
        }

        html.Should().Contain("p-value of the strategy's Sharpe against 1000 random-sign strategies");
        Regex.Count(html, "<script id=\"plotly-js\">").Should().Be(1);
        html.Should().NotMatchRegex("<script[^>]*\\ssrc\\s*=").And.NotContain("<link");
        page.Should().NotContain("src=").And.NotContain("url(").And.NotContain("<svg");
        page.Should().NotContain("NaN").And.NotContain("Infinity");
        Regex.Count(html, "<tr").Should().Be(Regex.Count(html, "</tr>"));
        BacktestHtmlReport.Render(report).Should().Be(html, "the same report gives the same bytes");
    }

    [Fact]
    public void Every_chart_holds_every_candle_and_the_positions_are_shaded_by_side()
    {
        var report = SyntheticBacktest.Report();
        var candles = report.Result.Forecasts.Count;

        var figures = ReportPage.Figures(BacktestHtmlReport.Render(report));

        figures.Should().HaveCount(4);
        string[][] names = [["strategy", "buy and hold"], ["strategy", "buy and hold"], ["close", "long", "short"], ["position"]];
        for (var f = 0; f < figures.Count; f++)
        {
            var traces = figures[f].GetProperty("data");
            traces.GetArrayLength().Should().Be(names[f].Length);
            for (var t = 0; t < traces.GetArrayLength(); t++)
            {
                var (name, x, y) = ReportPage.Trace(figures[f], t);
                name.Should().Be(names[f][t]);
                x.Should().HaveCount(candles + 1, "the start plus one point per candle of the test part");
                y.Should().HaveCount(candles + 1);
            }
        }

        ReportPage.Trace(figures[0], 0).Y[0].Should().Be(1, "equity starts at 1");
        var prices = figures[2].GetProperty("data");
        prices[1].GetProperty("fillcolor").GetString().Should().Be("rgba(44,160,44,0.3)");
        prices[2].GetProperty("fillcolor").GetString().Should().Be("rgba(214,39,40,0.3)");
        prices[1].GetProperty("yaxis").GetString().Should().Be("y2", "sizes read on the right axis, 0 to 1");
        prices[1].GetProperty("line").GetProperty("shape").GetString().Should().Be("vh", "a position holds over its candle, it does not ramp");
        ReportPage.Trace(figures[2], 2).Y.Should().OnlyContain(v => v >= 0, "short sizes are drawn upwards in red");
        figures[2].GetProperty("layout").GetProperty("yaxis2").GetProperty("range").EnumerateArray().Select(v => v.GetDouble()).Should().Equal(0, 1);
    }

    [Fact]
    public void A_sweep_lists_every_threshold_and_marks_the_chosen_one()
    {
        var report = SyntheticBacktest.Report(withSweep: true);

        var html = BacktestHtmlReport.Render(report);

        html.Should().Contain("<h2>Threshold sweep (validation part)</h2>");
        Regex.Count(html, "<tr class=\"chosen\">").Should().Be(1);
        html.Should().Contain($"chose threshold {report.Sweep!.Chosen.Threshold.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture)},");
        html.Should().Contain("<td>0.00005</td>", "thresholds are written as the decimals typed in --sweep, not 5E-05");
    }

    [Fact]
    public void Caller_strings_are_escaped()
    {
        var html = BacktestHtmlReport.Render(SyntheticBacktest.Report(title: "<script>alert(1)</script> & co"));

        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co").And.NotContain("<script>alert");
    }

    [ChromiumFact]
    public void Headless_chromium_draws_the_four_plots_with_the_curves_and_the_position_shading()
    {
        var folder = Directory.CreateTempSubdirectory("cp-backtest-report-").FullName;
        try
        {
            var page = Path.Combine(folder, "report.html");
            File.WriteAllText(page, BacktestHtmlReport.Render(SyntheticBacktest.Report(withSweep: true)));

            var dom = HeadlessChromium.Dom(page);
            HeadlessChromium.DrawnPlots(dom).Should().Be(4, "plotly.js drew every chart");
            Regex.Count(dom, "class=\"main-svg\"").Should().BeGreaterThanOrEqualTo(4);
            Regex.Count(dom, "class=\"js-line\"").Should().BeGreaterThanOrEqualTo(2 + 2 + 1 + 1, "a drawn path per line trace");
            Regex.Count(dom, "class=\"js-fill\"").Should().BeGreaterThanOrEqualTo(2, "the long and the short shading");

            var image = HeadlessChromium.Screenshot(page, Path.Combine(folder, "report.png"), 1000, 2600);
            image.Width.Should().Be(1000);
            var colours = image.Colours();

            colours.Count.Should().BeGreaterThan(50, "text, lines, shading and tables in many shades; a blank page has one colour");
            colours.Should().Contain(c => PngImage.Near(c, 0x1f77b4), "the strategy's line is drawn in the first palette colour");
            colours.Should().Contain(c => PngImage.Near(c, 0xd62728), "buy and hold's line is drawn in the second");
            colours.Should().Contain(c => Greenish(c), "long positions shade the price chart green");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A light green tint of the page's white: green clearly above red and blue.</summary>
    private static bool Greenish(int rgb)
    {
        var (r, g, b) = ((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
        return g > r + 20 && g > b + 20 && g > 150;
    }
}

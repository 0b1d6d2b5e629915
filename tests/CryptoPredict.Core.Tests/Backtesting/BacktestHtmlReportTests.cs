using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CryptoPredict.Core.Backtesting;

namespace CryptoPredict.Core.Tests.Backtesting;

public partial class BacktestHtmlReportTests
{
    [Fact]
    public void The_page_has_the_metric_table_and_the_four_charts_as_inline_svg_without_scripts()
    {
        var report = SyntheticBacktest.Report();

        var html = BacktestHtmlReport.Render(report);

        html.Should().StartWith("<!DOCTYPE html>");
        Regex.Count(html, "<svg ").Should().Be(4, "equity, drawdown, price with positions, position");
        html.Should().Contain("<h2>Metrics</h2>").And.Contain("<h2>Equity</h2>").And.Contain("<h2>Drawdown</h2>").And.Contain("<h2>Positions over price</h2>");
        html.Should().Contain("<th>strategy</th><th>buy and hold</th><th>always flat</th>");
        foreach (var metric in new[] { "total return", "CAGR", "Sharpe", "Sortino", "maximum drawdown", "Calmar", "hit rate", "trades", "turnover", "exposure" })
        {
            html.Should().Contain($"<td class=\"name\">{metric}</td>");
        }

        html.Should().Contain("p-value of the strategy's Sharpe against 1000 random-sign strategies");
        html.Should().Contain(">strategy<").And.Contain(">buy and hold<");
        html.Should().Contain("fill=\"#2ca02c\"").And.Contain("fill=\"#d62728\"", "the strategy is long and short at times");
        html.Should().NotContain("<script").And.NotContain("<link").And.NotContain("src=").And.NotContain("url(");
        html.Should().NotContain("NaN").And.NotContain("Infinity");
        foreach (Match svg in SvgElement().Matches(html))
        {
            XElement.Parse(svg.Value).Name.LocalName.Should().Be("svg");
        }

        Regex.Count(html, "<tr").Should().Be(Regex.Count(html, "</tr>"));
        BacktestHtmlReport.Render(report).Should().Be(html, "the same report gives the same bytes");
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

        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co").And.NotContain("<script");
    }

    [ChromiumFact]
    public void Headless_chromium_renders_the_curves_and_the_position_bands()
    {
        var folder = Directory.CreateTempSubdirectory("cp-backtest-report-").FullName;
        try
        {
            var page = Path.Combine(folder, "report.html");
            var shot = Path.Combine(folder, "report.png");
            File.WriteAllText(page, BacktestHtmlReport.Render(SyntheticBacktest.Report(withSweep: true)));

            Chromium.Path.Should().NotBeNull("CI=true requires chromium (scripts/install-deps.sh installs it with WITH_TESTS=1)");
            var start = new ProcessStartInfo(Chromium.Path!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + Path.Combine(folder, "profile"), "--screenshot=" + shot, "--window-size=1000,2400", new Uri(page).AbsoluteUri })
            {
                start.ArgumentList.Add(arg);
            }

            using var chromium = Process.Start(start)!;
            var error = chromium.StandardError.ReadToEndAsync();
            chromium.StandardOutput.ReadToEnd();
            chromium.WaitForExit(60_000).Should().BeTrue("chromium should render one page within a minute");
            File.Exists(shot).Should().BeTrue($"chromium wrote no screenshot (exit {chromium.ExitCode}): {error.Result}");

            var image = PngImage.Read(shot);
            image.Width.Should().Be(1000);
            var colours = new HashSet<int>();
            for (var y = 0; y < image.Height; y += 2)
            {
                for (var x = 0; x < image.Width; x += 2)
                {
                    colours.Add(image.Rgb(x, y));
                }
            }

            colours.Count.Should().BeGreaterThan(50, "text, lines, bands and tables in many shades; a blank page has one colour");
            colours.Should().Contain(c => Near(c, 0x1f77b4), "the strategy's line is drawn in the first palette colour");
            colours.Should().Contain(c => Near(c, 0xd62728), "buy and hold's line is drawn in the second");
            colours.Should().Contain(c => Greenish(c), "long bands shade the price chart green");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool Near(int rgb, int target) =>
        Math.Abs(((rgb >> 16) & 0xff) - ((target >> 16) & 0xff)) <= 12
        && Math.Abs(((rgb >> 8) & 0xff) - ((target >> 8) & 0xff)) <= 12
        && Math.Abs((rgb & 0xff) - (target & 0xff)) <= 12;

    /// <summary>A light green tint of the page's white: green clearly above red and blue.</summary>
    private static bool Greenish(int rgb)
    {
        var (r, g, b) = ((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
        return g > r + 20 && g > b + 20 && g > 150;
    }

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgElement();
}

using System.Text.RegularExpressions;
using CryptoPredict.Core.Evaluation;
using CryptoPredict.Core.Tests.Backtesting;

namespace CryptoPredict.Core.Tests.Evaluation;

public partial class HtmlReportTests
{
    [ChromiumFact]
    public void Headless_chromium_draws_the_interactive_and_the_static_charts_of_an_evaluation()
    {
        var folder = Directory.CreateTempSubdirectory("cp-evaluate-report-").FullName;
        try
        {
            var page = Path.Combine(folder, "report.html");
            var html = HtmlReport.Render(DiagnosticsReport());
            File.WriteAllText(page, html);

            var dom = HeadlessChromium.Dom(page);
            HeadlessChromium.DrawnPlots(dom).Should().Be(ReportPage.Plots(html)).And.Be(2, "forecasts and residuals over time");
            Regex.Count(dom, "class=\"js-line\"").Should().BeGreaterThanOrEqualTo(3, "actual, predicted and the residuals are drawn paths");
            Regex.Count(dom, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=").Should().Be(5, "the static charts stay as they were");

            var image = HeadlessChromium.Screenshot(page, Path.Combine(folder, "report.png"), 1000, 1600);
            var colours = image.Colours();

            colours.Count.Should().BeGreaterThan(50, "a blank page has one colour");
            colours.Should().Contain(c => PngImage.Near(c, 0x1f77b4), "the actual close is drawn in the first palette colour");
            colours.Should().Contain(c => PngImage.Near(c, 0xd62728), "the forecast in the second");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

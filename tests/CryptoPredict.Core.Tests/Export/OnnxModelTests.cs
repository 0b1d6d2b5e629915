using System.Globalization;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Torch;
using FluentAssertions;
using Xunit.Abstractions;

namespace CryptoPredict.Core.Tests.Export;

[Collection(ExportBundlesGroup.Name)]
public sealed class OnnxModelTests(ExportBundles bundles, ITestOutputHelper output)
{
    public static TheoryData<string> Models => new(Core.Models.ModelCatalog.Names);

    [Theory]
    [MemberData(nameof(Models))]
    public void OnnxRuntime_gives_the_forecasts_of_libtorch_on_real_windows(string model)
    {
        var bundle = bundles[model];
        var series = RealCandles.BtcHead2000.Slice(ExportBundles.TrainingCandles, 600);
        var windows = new InputWindows(Forecaster.ComputeFeatures(bundle.Description, series), bundle.Description.Window);
        var rows = Enumerable.Range(0, series.Count).Where(r => windows.Problem(r) is null).ToArray();
        rows.Should().HaveCountGreaterThan(100);

        using var torch = new Forecaster(bundle, Device.Cpu);
        using var onnx = new OnnxForecastEngine(bundle);
        var expected = torch.Forecast(windows, rows);
        var actual = onnx.Forecast(windows, rows);

        actual.Should().HaveCount(expected.Length);
        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), 1e-3);
            worst = Math.Max(worst, error);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model}: worst relative error {worst:E2} over {expected.Length} values"));
        worst.Should().BeLessThan(1e-5);
    }
}

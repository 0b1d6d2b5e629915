using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Export;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Torch;
using Xunit.Abstractions;

namespace CryptoPredict.Core.Tests.Export;

/// <summary>
/// The PyTorch export run by real PyTorch: Debian's python3-torch at /usr/bin/python3 loads state_dict.pt with
/// torch.load into model.py's module (strict names and shapes) and prints the forecast of the last window, which must
/// be predict's to 1e-5 relative. Skipped, with the reason, where that interpreter or torch is missing.
/// </summary>
[Collection(ExportBundlesGroup.Name)]
public sealed class PyTorchExportTests(ExportBundles bundles, ITestOutputHelper output)
{
    private const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> MissingTorch = new(FindMissingTorch);

    public static TheoryData<string> Models => new(Core.Models.ModelCatalog.Names);

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void Model_py_prints_the_forecast_of_predict(string model)
    {
        Skip.If(MissingTorch.Value is not null, MissingTorch.Value);
        var bundle = bundles[model];
        var folder = Path.Combine(bundles.Root, "pytorch-" + model);
        ModelExporter.Write(bundle, ExportFormat.PyTorch, folder);
        var series = RealCandles.BtcHead2000.Slice(ExportBundles.TrainingCandles, 300);
        var candles = Path.Combine(folder, "..", model + "-candles.csv");
        File.WriteAllLines(candles, Enumerable.Range(0, series.Count)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{series.OpenTimes[i]:yyyy-MM-dd'T'HH:mm:ss'Z'},{series.Close[i]:R}"))
            .Prepend("timestamp,close"));
        var featuresFile = Path.Combine(folder, "..", model + "-features.csv");
        using (var writer = new StreamWriter(featuresFile))
        {
            FeatureCsvWriter.Write(Forecaster.ComputeFeatures(bundle.Description, series), writer);
        }

        Core.Prediction.Prediction expected;
        using (var forecaster = new Forecaster(bundle, Device.Cpu))
        {
            expected = Predictor.PredictLatest(forecaster, series);
        }

        var (code, stdout, stderr) = Run(Path.Combine(folder, ModelExporter.ModuleFileName), candles, featuresFile);
        code.Should().Be(0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var forecast = json.RootElement.GetProperty("forecast");
        foreach (var value in expected.Values)
        {
            var actual = forecast.GetProperty(value.Name).GetDouble();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model} {value.Name}: predict {value.Value:R}, model.py {actual:R}"));
            actual.Should().BeApproximately(value.Value, 1e-5 * Math.Max(Math.Abs(value.Value), 1e-3));
        }

        json.RootElement.GetProperty("last_close").GetDouble().Should().Be(expected.LastClose);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000).Should().BeTrue("python3 model.py must finish within a minute");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? FindMissingTorch()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is not installed (Debian's python3-torch provides the PyTorch this test runs).";
        }

        var (code, _, stderr) = Run("-c", "import torch");
        return code == 0 ? null : $"{Python} cannot import torch (install Debian's python3-torch): {stderr.Trim()}";
    }
}

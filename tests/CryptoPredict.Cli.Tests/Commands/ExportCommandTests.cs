using System.Globalization;
using System.Text.Json;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Export;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Prediction;
using Microsoft.ML.OnnxRuntime;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>
/// <c>export</c> and <c>predict --engine onnx</c> on the tiny trained bundles: the ONNX engine prints predict's JSON,
/// an exported model.onnx fed by a consumer that knows only export.json reproduces predict, and bad requests fail
/// clearly without leaving a folder behind.
/// </summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class ExportCommandTests(TrainedBundles bundles) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-export-cli-").FullName;

    public static TheoryData<string> Models => new("lstm", "bilstm-ohlc", "cnn-lstm-regime", "lstm-attn-vol");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Predict_with_the_onnx_engine_prints_the_json_of_libtorch(string model)
    {
        var torch = await Predict(model, "libtorch");
        var onnx = await Predict(model, "onnx");

        foreach (var name in new[] { "symbol", "interval", "model", "timestamp", "target_time", "signal" })
        {
            onnx.GetProperty(name).GetString().Should().Be(torch.GetProperty(name).GetString(), name);
        }

        onnx.GetProperty("last_close").GetDouble().Should().Be(torch.GetProperty("last_close").GetDouble());
        var expected = torch.GetProperty("forecast").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var actual = onnx.GetProperty("forecast").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        actual.Keys.Should().Equal(expected.Keys);
        foreach (var (name, value) in expected)
        {
            actual[name].Should().BeApproximately(value, 1e-5 * Math.Abs(value), name);
        }
    }

    [Theory]
    [InlineData("onnx", false)]
    [InlineData("libtorch", true)]
    public async Task Only_the_libtorch_engine_loads_libtorch(string engine, bool loadsLibTorch)
    {
        // glibc's loader names every shared object it opens on stderr under LD_DEBUG=files.
        var (code, _, error) = await CliProcess.RunAsync(_dir, new Dictionary<string, string?> { ["LD_DEBUG"] = "files" },
            "predict", "--model", "lstm", "--engine", engine, "--device", "cpu", "--data", bundles.HeldOutFile,
            "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir, "--json");

        code.Should().Be(ExitCodes.Ok, error);
        error.Contains("libcptorch", StringComparison.Ordinal).Should().Be(loadsLibTorch);
        error.Contains("libonnxruntime", StringComparison.Ordinal).Should().Be(!loadsLibTorch);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task An_exported_onnx_model_fed_from_its_sidecar_reproduces_predict(string model)
    {
        var folder = Path.Combine(_dir, "export-" + model);
        var (code, output, error) = await CliRunner.RunAsync(Export(model, "onnx", folder));
        code.Should().Be(ExitCodes.Ok, error);
        using (var summary = JsonDocument.Parse(output))
        {
            summary.RootElement.GetProperty("files").EnumerateArray().Select(f => Path.GetFileName(f.GetString()))
                .Should().BeEquivalentTo(ModelExporter.OnnxFileName, ModelExporter.DescriptionFileName);
        }

        using var sidecar = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, ModelExporter.DescriptionFileName)));
        var spec = sidecar.RootElement;
        var columns = spec.GetProperty("feature_columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var window = spec.GetProperty("window").GetInt32();
        var names = spec.GetProperty("output_names").EnumerateArray().Select(c => c.GetString()!).ToArray();
        spec.GetProperty("onnx").GetProperty("opset").GetInt64().Should().Be(17);

        // A consumer's side: the feature rows as the tool computes them, the last window, the last close.
        var series = CandleFileReader.Read(bundles.HeldOutFile, new CandleReadOptions { Symbol = "BTCUSDT", Interval = CandleInterval.OneHour }).Series;
        var features = FeatureSet.Parse(spec.GetProperty("features").GetString()!).Compute(series);
        features.ColumnNames.Should().Equal(columns);
        var last = features.RowCount - 1;
        var rows = features.Values.Slice((last - window + 1) * columns.Length, window * columns.Length).ToArray();
        using var session = new InferenceSession(Path.Combine(folder, ModelExporter.OnnxFileName));
        var inputNames = new List<string> { "features" };
        var inputs = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(rows, [1, window, columns.Length]) };
        if (session.InputMetadata.ContainsKey("last_close"))
        {
            inputNames.Add("last_close");
            inputs.Add(OrtValue.CreateTensorValueFromMemory(new[] { series.Close[last] }, [1, 1]));
        }

        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, inputNames, inputs, ["forecast"]);
        var forecast = results[0].GetTensorDataAsSpan<double>().ToArray();
        inputs.ForEach(i => i.Dispose());

        var predicted = (await Predict(model, "libtorch")).GetProperty("forecast");
        for (var i = 0; i < names.Length; i++)
        {
            var expected = predicted.GetProperty(names[i]).GetDouble();
            forecast[i].Should().BeApproximately(expected, 1e-5 * Math.Abs(expected), names[i]);
        }
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        var folder = Path.Combine(_dir, "tflite");
        var (code, output, _) = await CliRunner.RunAsync(Export("lstm", "tflite", folder));

        code.Should().Be(ExitCodes.Usage);
        output.ShouldBeJsonError("usage", ExitCodes.Usage).GetProperty("message").GetString().Should().Contain("tflite").And.Contain("onnx or pytorch");
        Directory.Exists(folder).Should().BeFalse();
    }

    [Fact]
    public async Task A_folder_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        var folder = Path.Combine(_dir, "taken");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "mine");

        var (code, output, _) = await CliRunner.RunAsync(Export("lstm", "onnx", folder));

        code.Should().Be(ExitCodes.Usage);
        output.ShouldBeJsonError("usage", ExitCodes.Usage).GetProperty("message").GetString().Should().Contain(folder).And.Contain("not empty");
        Directory.GetFileSystemEntries(folder).Should().ContainSingle().Which.Should().EndWith("notes.txt");
        Directory.GetDirectories(_dir).Should().ContainSingle("no staging folder is left beside it");
    }

    [Fact]
    public async Task An_unwritable_folder_is_a_clear_error()
    {
        var blocker = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(blocker, "");
        var folder = Path.Combine(blocker, "export");

        var (code, output, _) = await CliRunner.RunAsync(Export("lstm", "pytorch", folder));

        code.Should().Be(ExitCodes.Usage);
        output.ShouldBeJsonError("usage", ExitCodes.Usage).GetProperty("message").GetString().Should().Contain(folder).And.Contain("Nothing was written");
    }

    [Fact]
    public async Task A_bundle_failing_its_integrity_check_exits_3_and_writes_nothing()
    {
        var models = Path.Combine(_dir, "models");
        var weights = ModelBundle.Load(bundles.CopyBundle("lstm", models)).WeightsPath;
        var bytes = await File.ReadAllBytesAsync(weights);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(weights, bytes);
        var folder = Path.Combine(_dir, "out");

        var (code, output, _) = await CliRunner.RunAsync(
            "export", "--model", "lstm", "--models-dir", models, "--format", "onnx", "--output", folder, "--json");

        code.Should().Be(ExitCodes.ModelProblem);
        output.ShouldBeJsonError("model", ExitCodes.ModelProblem).GetProperty("message").GetString().Should().Contain(weights);
        Directory.Exists(folder).Should().BeFalse();
    }

    [Theory]
    [InlineData("export-staged")]
    [InlineData("export-model-written")]
    [InlineData("export-description-written")]
    public async Task An_export_killed_at_any_step_leaves_no_output_folder(string faultPoint)
    {
        var folder = Path.Combine(_dir, "killed");

        var killed = await CliProcess.RunAsync(Export("lstm", "pytorch", folder), faultPoint);

        killed.ExitCode.Should().Be(137, killed.Error);
        Directory.Exists(folder).Should().BeFalse();
        var (code, _, error) = await CliRunner.RunAsync(Export("lstm", "pytorch", folder));
        code.Should().Be(ExitCodes.Ok, "a leftover staging folder does not stand in the way: " + error);
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(
            ModelExporter.StateDictFileName, ModelExporter.ModuleFileName, ModelExporter.DescriptionFileName);
    }

    private string[] Export(string model, string format, string folder) =>
        ["export", "--model", model, "--models-dir", bundles.ModelsDir, "--format", format, "--output", folder, "--json"];

    private async Task<JsonElement> Predict(string model, string engine)
    {
        var (code, output, error) = await CliRunner.RunAsync(
            "predict", "--model", model, "--engine", engine, "--device", "cpu", "--data", bundles.HeldOutFile,
            "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir, "--json");
        code.Should().Be(ExitCodes.Ok, error);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}

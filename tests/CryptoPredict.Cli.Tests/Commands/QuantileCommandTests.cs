using System.Text.Json;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>
/// <c>train --quantiles</c> and <c>--horizons</c> end to end with the small close-only LSTM on the 1,000 test candles:
/// the bundle records them, evaluate and predict show them (ONNX engine included), a resume keeps them, and bad
/// values are usage errors naming the option.
/// </summary>
public sealed class QuantileCommandTests : IDisposable
{
    private readonly TrainFolders _folders = new("cp-quantiles-");

    public void Dispose() => _folders.Dispose();

    private string[] Verb(string verb, params string[] extra) =>
        [verb, "--symbol", "BTCUSDT", "--interval", "1h", "--model", "lstm", "--device", "cpu",
         "--data-dir", Path.Combine(_folders.Root, "data"), "--models-dir", Path.Combine(_folders.Root, "models"), "--json", .. extra];

    private string[] Export(string format, string folder) =>
        ["export", "--symbol", "BTCUSDT", "--interval", "1h", "--model", "lstm", "--format", format, "--output", folder,
         "--models-dir", Path.Combine(_folders.Root, "models"), "--json"];

    private static async Task<JsonElement> Json(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(args);
        code.Should().Be(ExitCodes.Ok, error);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Quantile_heads_are_recorded_scored_and_predicted_by_both_engines()
    {
        await Json(_folders.Args("--epochs", "1", "--quantiles", "0.9,0.1,0.5", "--json"));

        var description = ModelBundle.Load(_folders.ModelDir).Description;
        description.Training.Quantiles.Should().Equal(0.1, 0.5, 0.9);
        description.Architecture.Outputs.Should().Be(4);

        var evaluation = await Json(Verb("evaluate"));
        var close = evaluation.GetProperty("quantiles").GetProperty("close_h1");
        close.GetProperty("baseline").GetString().Should().Contain("training log-return quantiles");
        close.GetProperty("baseline_samples").GetInt32().Should().Be(description.Split.TrainSamples);
        close.GetProperty("pinball").EnumerateObject().Select(p => p.Name).Should().Equal("0.1", "0.5", "0.9");
        close.GetProperty("pinball").GetProperty("0.5").GetProperty("model").GetDouble().Should().BeGreaterThan(0);
        var interval = close.GetProperty("intervals").GetProperty("0.1-0.9");
        interval.GetProperty("nominal").GetDouble().Should().BeApproximately(0.8, 1e-12);
        interval.GetProperty("coverage").GetDouble().Should().BeInRange(0, 1);
        interval.GetProperty("mean_width").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        interval.GetProperty("baseline_coverage").GetDouble().Should().BeInRange(0.5, 1, "the training quantiles of 1h returns cover most test moves");

        var torch = await Json(Verb("predict"));
        var onnx = await Json(Verb("predict", "--engine", "onnx"));
        var levels = torch.GetProperty("quantiles").GetProperty("close").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        levels.Keys.Should().Equal("0.1", "0.5", "0.9");
        levels.Values.Should().BeInAscendingOrder();
        foreach (var (level, value) in levels)
        {
            onnx.GetProperty("quantiles").GetProperty("close").GetProperty(level).GetDouble().Should().BeApproximately(value, 1e-5 * value, level);
        }

        torch.TryGetProperty("horizons", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Horizons_are_scored_against_persistence_and_predicted_with_their_target_times()
    {
        await Json(_folders.Args("--epochs", "1", "--horizons", "1,3", "--json"));

        var evaluation = await Json(Verb("evaluate"));
        var targets = evaluation.GetProperty("targets");
        targets.EnumerateObject().Select(p => p.Name).Should().Equal("close_h1", "close_h3");
        foreach (var target in targets.EnumerateObject())
        {
            target.Value.GetProperty("persistence").GetProperty("mae").GetDouble().Should().BeGreaterThan(0, target.Name);
        }

        var prediction = await Json(Verb("predict"));
        var timestamp = prediction.GetProperty("timestamp").GetDateTime();
        prediction.GetProperty("forecast").EnumerateObject().Select(p => p.Name).Should().Equal("close_h1", "close_h3");
        var horizons = prediction.GetProperty("horizons").EnumerateArray().ToArray();
        horizons.Select(h => h.GetProperty("candles").GetInt32()).Should().Equal(1, 3);
        horizons.Select(h => h.GetProperty("target_time").GetDateTime()).Should().Equal(timestamp.AddHours(1), timestamp.AddHours(3));
        prediction.GetProperty("target_time").GetDateTime().Should().Be(timestamp.AddHours(3));
        prediction.GetProperty("predicted_close").GetDouble().Should().Be(horizons[1].GetProperty("close").GetDouble());

        var onnx = await Json(Verb("predict", "--engine", "onnx"));
        onnx.GetProperty("forecast").GetProperty("close_h3").GetDouble()
            .Should().BeApproximately(prediction.GetProperty("forecast").GetProperty("close_h3").GetDouble(), 1e-2);
    }

    [Fact]
    public async Task A_resume_keeps_the_heads_and_refuses_other_ones()
    {
        await Json(_folders.Args("--epochs", "1", "--horizons", "1,3", "--quantiles", "0.2,0.8", "--json"));

        var resumed = await Json(_folders.Args("--resume", "--epochs", "2", "--json"));
        resumed.GetProperty("epochs_run").GetInt32().Should().Be(2);
        ModelBundle.Load(_folders.ModelDir).Description.Training.Quantiles.Should().Equal(0.2, 0.8);

        var (code, _, error) = await CliRunner.RunAsync(_folders.Args("--resume", "--epochs", "3", "--quantiles", "0.1,0.9"));
        code.Should().Be(ExitCodes.ModelProblem, error);
        error.Should().Contain("quantiles: checkpoint 0.2,0.8, now 0.1,0.9");
    }

    [Theory]
    [InlineData("--quantiles", "0,1.5", "--quantiles 0,1.5: each level must lie strictly between 0 and 1")]
    [InlineData("--quantiles", "0.5,0.5", "--quantiles 0.5,0.5: level 0.5 appears twice")]
    [InlineData("--horizons", "0", "--horizons 0: each horizon must be between 1 and 10000")]
    [InlineData("--horizons", "1,x", "--horizons 1,x: 'x' is not a whole number")]
    public async Task Bad_values_are_usage_errors_naming_the_option(string option, string value, string message)
    {
        var (code, output, _) = await CliRunner.RunAsync(_folders.Args("--epochs", "1", option, value, "--json"));

        code.Should().Be(ExitCodes.Usage);
        output.ShouldBeJsonError("usage", ExitCodes.Usage).GetProperty("message").GetString().Should().StartWith(message);
        Directory.Exists(_folders.ModelDir).Should().BeFalse();
    }

    [Theory]
    [InlineData("--horizons and --horizon exclude each other", "--horizons", "1,6", "--horizon", "6")]
    [InlineData("--quantiles: bilstm-ohlc has no quantile heads", "--model", "bilstm-ohlc", "--quantiles", "0.1,0.9")]
    [InlineData("--horizons: lstm-attn-vol has no multi-horizon heads", "--model", "lstm-attn-vol", "--horizons", "2,4")]
    [InlineData("--quantiles does not apply to an ensemble", "--ensemble", "2", "--quantiles", "0.1,0.9")]
    public async Task Unsupported_combinations_are_usage_errors(string message, params string[] extra)
    {
        var (code, _, error) = await CliRunner.RunAsync(_folders.Args(["--epochs", "1", .. extra]));

        code.Should().Be(ExitCodes.Usage, error);
        error.Should().Contain(message);
    }

    [Fact]
    public async Task Pytorch_export_of_a_quantile_bundle_is_refused_and_onnx_export_works()
    {
        await Json(_folders.Args("--epochs", "1", "--quantiles", "0.1,0.9", "--json"));
        var exports = Path.Combine(_folders.Root, "exports");

        var (code, _, error) = await CliRunner.RunAsync(Export("pytorch", Path.Combine(exports, "pt")).Where(a => a != "--json").ToArray());
        code.Should().Be(ExitCodes.Usage, error);
        error.Should().Contain("--format pytorch exports the architectures' own heads only").And.Contain("--format onnx");

        await Json(Export("onnx", Path.Combine(exports, "onnx")));
        using var sidecar = JsonDocument.Parse(File.ReadAllText(Path.Combine(exports, "onnx", "export.json")));
        sidecar.RootElement.GetProperty("output_names").EnumerateArray().Select(e => e.GetString()).Should().Equal("close", "close_q0.1", "close_q0.9");
        sidecar.RootElement.GetProperty("target_scaler").GetProperty("scale").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public async Task A_bundle_whose_quantiles_were_edited_is_refused_naming_the_field()
    {
        await Json(_folders.Args("--epochs", "1", "--quantiles", "0.1,0.9", "--json"));
        var version = ModelBundle.Load(_folders.ModelDir).Directory;
        var legacy = Path.Combine(_folders.Root, "legacy", "BTCUSDT_1h_lstm");
        Directory.CreateDirectory(legacy);
        File.Copy(Path.Combine(version, ModelBundle.WeightsFileName), Path.Combine(legacy, ModelBundle.WeightsFileName));

        // A bundle of the layout before versioning has no manifest, so the edit reaches the field checks.
        var description = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(version, ModelBundle.DescriptionFileName)))!;
        description["training"]!["quantiles"] = new System.Text.Json.Nodes.JsonArray(0.1, 1.5);
        File.WriteAllText(Path.Combine(legacy, ModelBundle.DescriptionFileName), description.ToJsonString());

        var (code, _, error) = await CliRunner.RunAsync(
            "predict", "--symbol", "BTCUSDT", "--model", "lstm", "--device", "cpu",
            "--data-dir", Path.Combine(_folders.Root, "data"), "--models-dir", Path.Combine(_folders.Root, "legacy"));

        code.Should().Be(ExitCodes.ModelProblem, error);
        error.Should().Contain("field 'training.quantiles'").And.Contain("strictly between 0 and 1 (got 1.5)");
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Tests.Commands;

/// <summary>
/// drift on the tiny lstm bundle (closes only, trained on the first 700 test candles): its own training rows have not
/// drifted; the held-out candles with every price tripled have; --retrain replaces the model, or keeps it when it fails.
/// </summary>
[Collection(TrainedBundlesGroup.Name)]
public sealed class DriftCommandTests(TrainedBundles bundles) : IDisposable
{
    private static readonly string[] FeatureKeys = ["name", "psi", "ks", "ks_p_value", "js", "drifted"];

    private readonly string _dir = Directory.CreateTempSubdirectory("cp-drift-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Args(params string[] extra) =>
        ["drift", "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir, .. extra];

    private static JsonElement Json(string output)
    {
        output.Trim().Split('\n').Should().ContainSingle("--json prints exactly one line");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    private string Tripled() => bundles.WriteScaledHeldOut(Path.Combine(_dir, "BTCUSDT_1h_tripled.csv"), 3);

    /// <summary>The candles of the bundle's training rows only (up to the last one its reference holds).</summary>
    private string TrainingPart(string bundleDirectory)
    {
        var to = ModelBundle.Load(bundleDirectory).Description.DriftReference!.To.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var last = bundles.AllLines.ToList().FindIndex(l => l.StartsWith(to, StringComparison.Ordinal));
        var path = Path.Combine(_dir, "BTCUSDT_1h_training.csv");
        File.WriteAllLines(path, bundles.AllLines.Take(last + 1));
        return path;
    }

    [Fact]
    public async Task Json_is_the_documented_object_and_the_training_rows_have_not_drifted()
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("--data", TrainingPart(bundles.BundleDir("lstm")), "--json"));

        code.Should().Be(ExitCodes.Ok, error);
        var root = Json(output);
        var features = root.GetProperty("features").EnumerateArray().ToArray();
        features.Should().ContainSingle("the lstm reads the close only");
        features[0].EnumerateObject().Select(p => p.Name).Should().Equal(FeatureKeys);
        features[0].GetProperty("name").GetString().Should().Be("close");
        features[0].GetProperty("psi").GetDouble().Should().BeLessThan(0.01);
        features[0].GetProperty("ks_p_value").GetDouble().Should().BeGreaterThan(0.99);
        features[0].GetProperty("drifted").GetBoolean().Should().BeFalse();
        root.GetProperty("max_psi").GetDouble().Should().Be(features[0].GetProperty("psi").GetDouble());
        root.GetProperty("drifted").GetBoolean().Should().BeFalse();
        root.GetProperty("psi_threshold").GetDouble().Should().Be(0.2);
        root.GetProperty("targets").EnumerateArray().Single().GetProperty("name").GetString().Should().Be("close_h1");
        root.GetProperty("reference").GetProperty("rebuilt").GetBoolean().Should().BeFalse();
        root.GetProperty("retrain").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Tripled_prices_exit_4_with_the_close_drifted()
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("--data", Tripled(), "--json"));

        code.Should().Be(ExitCodes.Drifted, error);
        var root = Json(output);
        root.GetProperty("drifted").GetBoolean().Should().BeTrue();
        var close = root.GetProperty("features")[0];
        close.GetProperty("drifted").GetBoolean().Should().BeTrue();
        close.GetProperty("ks").GetDouble().Should().Be(1, "every tripled close is above the training range");
        root.GetProperty("max_psi").GetDouble().Should().BeGreaterThan(5);
        root.GetProperty("candles").GetInt32().Should().Be(1000 - TrainedBundles.TrainingCandles);
    }

    [Fact]
    public async Task The_table_shows_the_verdict_per_feature()
    {
        var (code, output, _) = await CliRunner.RunAsync(Args("--data", Tripled()));

        code.Should().Be(ExitCodes.Drifted);
        output.Should().Contain("features, by PSI").And.Contain("close").And.Contain("DRIFT").And.Contain("targets (shown, not part of the verdict)");
        output.Should().Contain("drift: 1 of 1 features above PSI 0.2");

        (code, output, _) = await CliRunner.RunAsync(Args("--data", TrainingPart(bundles.BundleDir("lstm"))));

        code.Should().Be(ExitCodes.Ok);
        output.Should().Contain("no drift: max PSI 0.0").And.NotContain("DRIFT");
    }

    [Fact]
    public async Task A_real_process_exits_4_on_drift_so_cron_can_chain_a_retraining()
    {
        var (code, output, error) = await CliProcess.RunAsync(Args("--data", Tripled(), "--json"));

        code.Should().Be(4, error);
        Json(output).GetProperty("drifted").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    public async Task A_threshold_that_is_not_above_0_is_a_usage_error(string threshold)
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("--psi-threshold", threshold, "--json"));

        code.Should().Be(ExitCodes.Usage);
        output.ShouldBeJsonError("usage", ExitCodes.Usage).GetProperty("message").GetString().Should().StartWith($"--psi-threshold {threshold}: use a finite number above 0");
        error.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Too_few_candles_for_the_features_is_bad_data_naming_the_file()
    {
        var file = Path.Combine(_dir, "BTCUSDT_1h_short.csv");
        File.WriteAllLines(file, bundles.AllLines.Take(41));

        var (code, output, _) = await CliRunner.RunAsync(Args("--data", file, "--json"));

        code.Should().Be(ExitCodes.BadData);
        output.ShouldBeJsonError("bad_data", ExitCodes.BadData).GetProperty("message").GetString()
            .Should().Be($"{file}: too few candles to check for drift: 40 candles give 40 rows with every feature of 'close' defined " +
                "(the indicators' warm-up takes the first 0); drift needs at least 50.");
    }

    /// <summary>The lstm bundle as a build before drift wrote it: no drift_reference in its model.json.</summary>
    private string EarlierBuildModels()
    {
        var models = Path.Combine(_dir, "models");
        var run = bundles.CopyAsLegacyBundle("lstm", models);
        var file = Path.Combine(run, ModelBundle.DescriptionFileName);
        var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        root.Remove("drift_reference").Should().BeTrue();
        File.WriteAllText(file, root.ToJsonString());
        return models;
    }

    [Fact]
    public async Task A_bundle_without_a_reference_has_it_rebuilt_from_the_default_candle_file()
    {
        var models = EarlierBuildModels();

        var (code, output, error) = await CliRunner.RunAsync(
            "drift", "--model", "lstm", "--data", Tripled(), "--data-dir", bundles.DataDir, "--models-dir", models, "--json");

        code.Should().Be(ExitCodes.Drifted, error);
        var root = Json(output);
        root.GetProperty("reference").GetProperty("rebuilt").GetBoolean().Should().BeTrue();
        root.GetProperty("notes")[0].GetString().Should().Contain("rebuilt from its training candles");
        error.Should().Contain("rebuilt from its training candles");
    }

    [Fact]
    public async Task A_bundle_without_a_reference_or_its_training_candles_exits_3_saying_to_retrain()
    {
        var models = EarlierBuildModels();
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "no-data")).FullName;

        var (code, output, _) = await CliRunner.RunAsync(
            "drift", "--model", "lstm", "--data", Tripled(), "--data-dir", empty, "--models-dir", models, "--json");

        code.Should().Be(ExitCodes.ModelProblem);
        output.ShouldBeJsonError("model", ExitCodes.ModelProblem).GetProperty("message").GetString()
            .Should().Contain("has no drift_reference").And.Contain("Retrain the model to store one: cryptopredict train --symbol BTCUSDT --interval 1h --model lstm");
    }

    [Fact]
    public async Task Retrain_publishes_a_new_version_trained_on_the_candles_and_exits_0()
    {
        var models = Path.Combine(_dir, "models");
        var run = bundles.CopyBundle("lstm", models);
        var before = ModelBundle.Load(run);
        var tripled = Tripled();

        var (code, output, error) = await CliRunner.RunAsync(
            "drift", "--model", "lstm", "--device", "cpu", "--data", tripled, "--models-dir", models, "--checkpoints-dir", Path.Combine(_dir, "checkpoints"),
            "--retrain", "--json");

        code.Should().Be(ExitCodes.Ok, error);
        var root = Json(output);
        root.GetProperty("drifted").GetBoolean().Should().BeTrue("the report is the one that led to the retraining");
        var retrain = root.GetProperty("retrain");
        retrain.GetProperty("status").GetString().Should().Be("retrained");
        var after = ModelBundle.Load(run);
        after.Version.Should().Be(retrain.GetProperty("version").GetString()).And.NotBe(before.Version);
        after.Description.TrainingData.Candles.Should().Be(1000 - TrainedBundles.TrainingCandles);
        after.Description.Training.Should().Be(before.Description.Training, "the recorded settings are the ones retrained with");
        after.Description.DriftReference!.Features[0].Min.Should().BeGreaterThan(before.Description.DriftReference!.Features[0].Max);
        error.Should().Contain("drift found: retraining lstm");

        (code, _, _) = await CliRunner.RunAsync("drift", "--model", "lstm", "--data", tripled, "--models-dir", models, "--psi-threshold", "1");
        code.Should().Be(ExitCodes.Ok, "the new model was trained on these candles");
    }

    [Fact]
    public async Task Retrain_that_fails_keeps_the_current_model_and_exits_4()
    {
        var models = Path.Combine(_dir, "models");
        var run = bundles.CopyBundle("lstm", models);
        var pointer = File.ReadAllText(Path.Combine(run, ModelBundle.PointerFileName));
        var notAFolder = Path.Combine(_dir, "checkpoints-file");
        File.WriteAllText(notAFolder, "");

        var (code, output, error) = await CliRunner.RunAsync(
            "drift", "--model", "lstm", "--device", "cpu", "--data", Tripled(), "--models-dir", models, "--checkpoints-dir", notAFolder, "--retrain", "--json");

        code.Should().Be(ExitCodes.Drifted);
        var retrain = Json(output).GetProperty("retrain");
        retrain.GetProperty("status").GetString().Should().Be("failed");
        retrain.GetProperty("error").GetProperty("code").GetString().Should().Be("model");
        retrain.GetProperty("error").GetProperty("message").GetString().Should().Contain(notAFolder);
        error.Should().Contain("retraining failed, the current model is kept").And.NotContain("   at ");
        File.ReadAllText(Path.Combine(run, ModelBundle.PointerFileName)).Should().Be(pointer);
    }

    [Fact]
    public async Task Retrain_without_drift_trains_nothing()
    {
        var models = Path.Combine(_dir, "models");
        var run = bundles.CopyBundle("lstm", models);
        var pointer = File.ReadAllText(Path.Combine(run, ModelBundle.PointerFileName));

        var (code, output, error) = await CliRunner.RunAsync(
            "drift", "--model", "lstm", "--device", "cpu", "--data", TrainingPart(run), "--models-dir", models,
            "--checkpoints-dir", Path.Combine(_dir, "checkpoints"), "--retrain", "--json");

        code.Should().Be(ExitCodes.Ok, error);
        Json(output).GetProperty("retrain").GetProperty("status").GetString().Should().Be("not_needed");
        File.ReadAllText(Path.Combine(run, ModelBundle.PointerFileName)).Should().Be(pointer);
        Directory.Exists(Path.Combine(_dir, "checkpoints")).Should().BeFalse();
    }
}

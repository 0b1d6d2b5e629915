using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Tests.Commands;

[Collection(TrainedBundlesGroup.Name)]
public sealed class ModelsCommandTests(TrainedBundles bundles) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-models-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DateTime Time(string line) =>
        DateTime.Parse(line.Split(',')[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static async Task<JsonElement[]> Models(string modelsDir, string dataDir)
    {
        var (code, output, error) = await CliRunner.RunAsync("models", "--models-dir", modelsDir, "--data-dir", dataDir, "--json");
        code.Should().Be(ExitCodes.Ok, error);
        output.Trim().Split('\n').Should().ContainSingle("--json prints exactly one object");
        using var json = JsonDocument.Parse(output);
        return [.. json.RootElement.GetProperty("models").EnumerateArray().Select(m => m.Clone())];
    }

    [Fact]
    public async Task Json_lists_every_bundle_with_its_range_test_metrics_beside_the_baseline_and_staleness()
    {
        var models = await Models(bundles.ModelsDir, bundles.DataDir);

        models.Select(m => m.GetProperty("run").GetString()).Should().Equal(
            "BTCUSDT_1h_bilstm-ohlc", "BTCUSDT_1h_cnn-lstm-regime", "BTCUSDT_1h_lstm", "BTCUSDT_1h_lstm-attn-vol");
        foreach (var model in models)
        {
            var run = model.GetProperty("run").GetString()!;
            model.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null, run);
            model.GetProperty("symbol").GetString().Should().Be("BTCUSDT");
            model.GetProperty("interval").GetString().Should().Be("1h");
            model.GetProperty("source_interval").GetString().Should().Be("1h");
            model.GetProperty("source_file").GetString().Should().Be("BTCUSDT_1h.csv");
            model.GetProperty("model").GetString().Should().Be(run["BTCUSDT_1h_".Length..]);
            model.GetProperty("version").GetString().Should().Be(ModelBundle.Load(bundles.BundleDir(model.GetProperty("model").GetString()!)).Version);
            var trained = model.GetProperty("trained_on");
            trained.GetProperty("first").GetDateTime().Should().Be(Time(bundles.AllLines[1]));
            trained.GetProperty("last").GetDateTime().Should().Be(Time(bundles.AllLines[TrainedBundles.TrainingCandles]));
            trained.GetProperty("candles").GetInt32().Should().Be(TrainedBundles.TrainingCandles);
            model.GetProperty("created").GetDateTime().Should().BeBefore(DateTime.UtcNow.AddMinutes(1));
            var staleness = model.GetProperty("staleness");
            staleness.GetProperty("newer_candles").GetInt32().Should().Be(0, "the data folder holds exactly the training candles");
            staleness.GetProperty("data_file").GetString().Should().Be(bundles.TrainingFile);
            staleness.GetProperty("data_last_candle").GetDateTime().Should().Be(Time(bundles.AllLines[TrainedBundles.TrainingCandles]));
            var age = DateTime.UtcNow - Time(bundles.AllLines[TrainedBundles.TrainingCandles]).AddHours(1);
            staleness.GetProperty("age_seconds").GetInt64().Should().BeCloseTo((long)age.TotalSeconds, 120);
            model.GetProperty("test_metrics").GetProperty("samples").GetInt32().Should().BePositive();
        }

        var lstm = models.Single(m => m.GetProperty("model").GetString() == "lstm").GetProperty("test_metrics").GetProperty("targets")[0];
        lstm.GetProperty("kind").GetString().Should().Be("regression");
        lstm.GetProperty("baseline").GetString().Should().Be("persistence");
        lstm.GetProperty("rmse").GetDouble().Should().BePositive();
        lstm.GetProperty("baseline_rmse").GetDouble().Should().BePositive();

        var regime = models.Single(m => m.GetProperty("model").GetString() == "cnn-lstm-regime").GetProperty("test_metrics").GetProperty("targets")[0];
        regime.GetProperty("kind").GetString().Should().Be("classification");
        regime.GetProperty("baseline").GetString().Should().Be("majority_class");
        regime.GetProperty("accuracy").GetDouble().Should().BeInRange(0, 1);
        regime.GetProperty("baseline_accuracy").GetDouble().Should().BeInRange(0, 1);
        regime.TryGetProperty("rmse", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Staleness_counts_the_candles_the_data_file_has_after_the_training_data()
    {
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        await File.WriteAllLinesAsync(Path.Combine(data, "BTCUSDT_1h.csv"), bundles.AllLines);

        var models = await Models(bundles.ModelsDir, data);

        var newer = bundles.AllLines.Count - 1 - TrainedBundles.TrainingCandles;
        models.Should().HaveCount(4).And.OnlyContain(m => m.GetProperty("staleness").GetProperty("newer_candles").GetInt32() == newer);
        models[0].GetProperty("staleness").GetProperty("data_last_candle").GetDateTime().Should().Be(Time(bundles.AllLines[^1]));
    }

    [Fact]
    public async Task Without_candles_the_staleness_says_why_and_the_model_is_still_listed()
    {
        var data = Directory.CreateDirectory(Path.Combine(_dir, "empty-data")).FullName;

        var models = await Models(bundles.ModelsDir, data);

        var staleness = models[0].GetProperty("staleness");
        staleness.GetProperty("newer_candles").ValueKind.Should().Be(JsonValueKind.Null);
        staleness.GetProperty("data_error").GetString().Should().Contain("No candles for BTCUSDT 1h");
        staleness.GetProperty("age_seconds").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task A_broken_bundle_is_listed_with_its_error_beside_the_others()
    {
        var modelsDir = Path.Combine(_dir, "models");
        var broken = bundles.CopyBundle("lstm", modelsDir);
        bundles.CopyBundle("bilstm-ohlc", modelsDir);
        var pointer = Path.Combine(broken, ModelBundle.PointerFileName);
        File.WriteAllText(pointer, "not a version\n");
        Directory.CreateDirectory(Path.Combine(modelsDir, "BTCUSDT_1h_checkpoints-only"));

        var models = await Models(modelsDir, bundles.DataDir);

        models.Select(m => m.GetProperty("run").GetString()).Should().Equal(["BTCUSDT_1h_bilstm-ohlc", "BTCUSDT_1h_lstm"], "a folder without a bundle is not listed");
        var lstm = models[1];
        lstm.GetProperty("error").GetString().Should().Contain(pointer).And.Contain("not a version");
        lstm.GetProperty("symbol").GetString().Should().Be("BTCUSDT");
        lstm.GetProperty("model").GetString().Should().Be("lstm");
        lstm.GetProperty("test_metrics").ValueKind.Should().Be(JsonValueKind.Null);
        models[0].GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);

        var (code, output, error) = await CliRunner.RunAsync("models", "--models-dir", modelsDir, "--data-dir", bundles.DataDir);
        code.Should().Be(ExitCodes.Ok, error);
        output.Should().Contain("cannot load").And.Contain("bilstm-ohlc").And.Contain("persistence");
    }

    [Fact]
    public async Task A_bundle_of_an_earlier_build_without_source_or_metrics_is_listed_without_them()
    {
        var modelsDir = Path.Combine(_dir, "models");
        var legacy = bundles.CopyAsLegacyBundle("lstm", modelsDir);
        var file = Path.Combine(legacy, ModelBundle.DescriptionFileName);
        var description = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        description.Remove("source");
        description.Remove("test_metrics");
        File.WriteAllText(file, description.ToJsonString());

        var model = (await Models(modelsDir, bundles.DataDir)).Should().ContainSingle().Subject;

        model.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        model.GetProperty("source_interval").ValueKind.Should().Be(JsonValueKind.Null);
        model.GetProperty("test_metrics").ValueKind.Should().Be(JsonValueKind.Null);
        model.GetProperty("version").ValueKind.Should().Be(JsonValueKind.Null);
        model.GetProperty("staleness").GetProperty("newer_candles").GetInt32().Should().Be(0);

        var (_, output, _) = await CliRunner.RunAsync("models", "--models-dir", modelsDir, "--data-dir", bundles.DataDir);
        output.Should().Contain("(earlier build)").And.Contain("(not recorded)").And.Contain("0 newer candles");
    }

    [Fact]
    public async Task The_table_shows_each_model_with_its_metric_beside_the_baseline()
    {
        var (code, output, error) = await CliRunner.RunAsync("models", "--models-dir", bundles.ModelsDir, "--data-dir", bundles.DataDir);

        code.Should().Be(ExitCodes.Ok, error);
        output.Should().Contain("BTCUSDT").And.Contain("cnn-lstm-regime").And.Contain("lstm-attn-vol")
            .And.Contain("close_h1: rmse").And.Contain("vs").And.Contain("persistence").And.Contain("majority class")
            .And.Contain(bundles.AllLines[1][..10]).And.Contain("0 newer candles");
    }

    [Fact]
    public async Task A_missing_models_folder_lists_none_and_a_file_is_a_usage_error()
    {
        var missing = Path.Combine(_dir, "no-models");
        (await Models(missing, bundles.DataDir)).Should().BeEmpty();
        var (code, output, _) = await CliRunner.RunAsync("models", "--models-dir", missing);
        code.Should().Be(ExitCodes.Ok);
        output.Should().Contain($"'{missing}' does not exist").And.Contain("cryptopredict train");

        var file = Path.Combine(_dir, "models.txt");
        File.WriteAllText(file, "x");
        var (fileCode, fileOutput, fileError) = await CliRunner.RunAsync("models", "--models-dir", file, "--json");
        fileCode.Should().Be(ExitCodes.Usage);
        fileError.Should().Contain(file).And.Contain("is a file");
        fileOutput.ShouldBeJsonError("usage", ExitCodes.Usage);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Tests.Commands;

[Collection(TrainedBundlesGroup.Name)]
public sealed class EvaluateCommandTests(TrainedBundles bundles) : IDisposable
{
    private static readonly string[] MetricNames = ["mae", "rmse", "mape", "r2", "directional_accuracy"];

    private readonly string _dir = Directory.CreateTempSubdirectory("cp-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Args(string model, params string[] extra) =>
        ["evaluate", "--model", model, "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir, .. extra];

    private async Task<JsonElement> EvaluateJson(string model, params string[] extra)
    {
        var (code, output, error) = await CliRunner.RunAsync(Args(model, [.. extra, "--json"]));
        code.Should().Be(ExitCodes.Ok, error);
        output.Trim().Split('\n').Should().ContainSingle("--json prints exactly one line");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    private JsonElement Split(string model)
    {
        using var description = JsonDocument.Parse(File.ReadAllText(ModelBundle.Load(bundles.BundleDir(model)).DescriptionPath));
        return description.RootElement.GetProperty("split").Clone();
    }

    /// <summary>
    /// Every metric is there (a number, or null when undefined); <paramref name="direction"/>: the forecast has a
    /// direction (persistence has none, and a high or low is judged by its hit rate instead).
    /// </summary>
    private static void ShouldHaveMetrics(JsonElement scores, bool direction = true)
    {
        foreach (var name in MetricNames)
        {
            scores.GetProperty(name).ValueKind.Should().BeOneOf([JsonValueKind.Number, JsonValueKind.Null], name);
        }

        scores.GetProperty("mae").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        if (direction)
        {
            scores.GetProperty("directional_accuracy").GetDouble().Should().BeInRange(0, 1);
        }
        else
        {
            scores.GetProperty("directional_accuracy").ValueKind.Should().Be(JsonValueKind.Null);
        }
    }

    /// <summary>The baselines' names, persistence first, each scored with its validation MAE; the strongest is the lowest there.</summary>
    private static string[] Baselines(JsonElement target)
    {
        var baselines = target.GetProperty("baselines").EnumerateArray().ToArray();
        baselines.Should().OnlyContain(b => b.GetProperty("validation_mae").GetDouble() >= 0);
        target.GetProperty("strongest_chosen_on").GetString().Should().Be("validation");
        var strongest = baselines.MinBy(b => b.GetProperty("validation_mae").GetDouble());
        target.GetProperty("strongest_baseline").GetString().Should().Be(strongest.GetProperty("name").GetString());
        target.GetProperty("mae_vs_strongest").GetDouble().Should().BeApproximately(
            target.GetProperty("model").GetProperty("mae").GetDouble() / strongest.GetProperty("mae").GetDouble(), 1e-9);
        return [.. baselines.Select(b => b.GetProperty("name").GetString()!)];
    }

    [Fact]
    public async Task Default_data_scores_the_test_part_against_persistence()
    {
        var root = await EvaluateJson("lstm");

        var split = Split("lstm");
        root.GetProperty("symbol").GetString().Should().Be("BTCUSDT");
        root.GetProperty("interval").GetString().Should().Be("1h");
        root.GetProperty("model").GetString().Should().Be("lstm");
        root.GetProperty("data").GetString().Should().Be(bundles.TrainingFile);
        root.GetProperty("samples").GetInt32().Should().Be(split.GetProperty("test_samples").GetInt32()).And.BePositive();
        root.GetProperty("range").GetProperty("from").GetDateTime().Should().Be(split.GetProperty("test_from").GetDateTime());
        root.GetProperty("range").GetProperty("to").GetDateTime().Should().Be(split.GetProperty("test_to").GetDateTime());
        var target = root.GetProperty("targets").GetProperty("close_h1");
        ShouldHaveMetrics(target.GetProperty("model"));
        ShouldHaveMetrics(target.GetProperty("persistence"), direction: false);
        target.GetProperty("theil_u").GetDouble().Should().BePositive();
        Baselines(target).Should().Equal("persistence");
    }

    [Fact]
    public async Task Candles_other_than_the_trained_ones_are_cut_to_the_test_time_range()
    {
        var dataDir = Path.Combine(_dir, "data");
        Directory.CreateDirectory(dataDir);
        await File.WriteAllLinesAsync(Path.Combine(dataDir, "BTCUSDT_1h.csv"), bundles.AllLines);

        var (code, output, error) = await CliRunner.RunAsync(
            "evaluate", "--model", "lstm", "--device", "cpu", "--data-dir", dataDir, "--models-dir", bundles.ModelsDir, "--json");

        code.Should().Be(ExitCodes.Ok, error);
        error.Should().Contain("not the ones the model was trained on").And.Contain("time range");
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("samples").GetInt32().Should().Be(Split("lstm").GetProperty("test_samples").GetInt32());
    }

    [Fact]
    public async Task Held_out_file_scores_every_sample_with_the_bundle_scalers()
    {
        var root = await EvaluateJson("lstm", "--data", bundles.HeldOutFile);

        var split = Split("lstm");
        root.GetProperty("data").GetString().Should().Be(bundles.HeldOutFile);
        root.GetProperty("part").GetString().Should().Be("all");
        root.GetProperty("samples").GetInt32().Should().BeInRange(250, 300 - 16);
        root.GetProperty("range").GetProperty("from").GetDateTime().Should().BeAfter(split.GetProperty("test_to").GetDateTime());
        ShouldHaveMetrics(root.GetProperty("targets").GetProperty("close_h1").GetProperty("model"));
    }

    [Fact]
    public async Task Ohlc_model_is_scored_on_four_price_targets()
    {
        var root = await EvaluateJson("bilstm-ohlc");

        var targets = root.GetProperty("targets");
        targets.EnumerateObject().Select(p => p.Name).Should().Equal("next_open", "next_high", "next_low", "next_close");
        foreach (var target in targets.EnumerateObject())
        {
            var extreme = target.Name is "next_high" or "next_low";
            ShouldHaveMetrics(target.Value.GetProperty("model"), direction: !extreme);
            ShouldHaveMetrics(target.Value.GetProperty("persistence"), direction: false);
            target.Value.GetProperty("model").GetProperty("mae").GetDouble().Should().BeLessThan(2000, "errors are in prices of a ~7,000-10,000 USD market");
            var names = Baselines(target.Value);
            if (extreme)
            {
                names.Should().HaveCount(2).And.StartWith("persistence");
                names[1].Should().MatchRegex("^median_excursion_(6|24|168|720)$");
                target.Value.GetProperty("model").GetProperty("hit_rate").GetDouble().Should().BeInRange(0, 1);
                target.Value.GetProperty("persistence").GetProperty("hit_rate").GetDouble().Should().BeGreaterThan(0.9, "a next high almost always reaches the last close, a next low falls to it");
            }
            else
            {
                names.Should().Equal("persistence");
                target.Value.GetProperty("model").TryGetProperty("hit_rate", out _).Should().BeFalse();
            }
        }
    }

    [Fact]
    public async Task Volatility_model_is_compared_with_persistence_ewma_har_rv_and_garch()
    {
        var root = await EvaluateJson("lstm-attn-vol");

        var target = root.GetProperty("targets").GetProperty("realized_vol_24");
        ShouldHaveMetrics(target.GetProperty("model"));
        ShouldHaveMetrics(target.GetProperty("persistence"), direction: false);
        Baselines(target).Should().Equal("persistence", "ewma_0.94", "har_rv", "garch_1_1");
        foreach (var baseline in target.GetProperty("baselines").EnumerateArray().Skip(1))
        {
            ShouldHaveMetrics(baseline);
            baseline.GetProperty("theil_u").GetDouble().Should().BePositive();
        }
    }

    [Fact]
    public async Task Regime_model_gets_classification_metrics_next_to_the_majority_class()
    {
        var root = await EvaluateJson("cnn-lstm-regime");

        var samples = root.GetProperty("samples").GetInt32();
        var target = root.GetProperty("targets").GetProperty("regime_h4");
        target.GetProperty("strongest_baseline").GetString().Should().BeOneOf("majority class", "last regime");
        target.GetProperty("strongest_chosen_on").GetString().Should().Be("validation");
        foreach (var name in new[] { "model", "majority", "last_regime" })
        {
            var scores = target.GetProperty(name);
            scores.GetProperty("accuracy").GetDouble().Should().BeInRange(0, 1);
            scores.GetProperty("log_loss").GetDouble().Should().BePositive();
            var matrix = scores.GetProperty("confusion_matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
            matrix.Should().HaveCount(3).And.OnlyContain(r => r.Length == 3);
            matrix.Sum(r => r.Sum()).Should().Be(samples);
        }

        target.GetProperty("majority").GetProperty("auc").GetDouble().Should().Be(0.5);
    }

    [Fact]
    public async Task Table_shows_model_and_persistence_rows()
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("lstm"));

        code.Should().Be(ExitCodes.Ok, error);
        output.Should().Contain("close_h1").And.Contain("persistence *").And.Contain("Theil U").And.Contain("test part")
            .And.Contain("strongest baseline's (*, by validation MAE)");
    }

    [Fact]
    public async Task Report_is_a_self_contained_html_page_with_charts()
    {
        var report = Path.Combine(_dir, "report.html");

        var (code, _, error) = await CliRunner.RunAsync(Args("lstm-attn-vol", "--report", report));

        code.Should().Be(ExitCodes.Ok, error);
        Directory.GetFiles(_dir).Should().Equal(report);
        var html = await File.ReadAllTextAsync(report);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<svg").And.Contain("realized_vol_24").And.Contain("ewma_0.94").And.Contain("Loss per epoch");
        html.Should().Contain("<div class=\"plot\"").And.Contain("<script id=\"plotly-js\">").And.NotMatchRegex("<script[^>]*\\ssrc\\s*=");
    }

    [Fact]
    public async Task Report_in_a_missing_folder_is_refused_before_any_work()
    {
        var report = Path.Combine(_dir, "missing", "report.html");

        var (code, output, error) = await CliRunner.RunAsync(Args("lstm", "--report", report));

        code.Should().Be(ExitCodes.Usage);
        output.Should().BeEmpty();
        error.Should().Contain(Path.Combine(_dir, "missing")).And.Contain("does not exist");
    }

    [Fact]
    public async Task Corrupted_weights_exit_3_naming_the_file_and_leave_no_report()
    {
        var models = Path.Combine(_dir, "models");
        var weights = ModelBundle.Load(bundles.CopyBundle("lstm", models)).WeightsPath;
        var bytes = await File.ReadAllBytesAsync(weights);
        bytes[^1] ^= 0x5A;
        await File.WriteAllBytesAsync(weights, bytes);
        var reports = Path.Combine(_dir, "reports");
        Directory.CreateDirectory(reports);

        var (code, output, error) = await CliRunner.RunAsync(
            "evaluate", "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", models,
            "--report", Path.Combine(reports, "r.html"), "--json");

        code.Should().Be(ExitCodes.ModelProblem);
        output.ShouldBeJsonError("model", ExitCodes.ModelProblem).GetProperty("message").GetString().Should().Contain(weights);
        error.Should().Contain(weights);
        Directory.EnumerateFileSystemEntries(reports).Should().BeEmpty();
    }

    [Fact]
    public async Task A_negative_window_in_model_json_exits_3_naming_the_file_and_the_field()
    {
        var models = Path.Combine(_dir, "models");
        var file = Path.Combine(bundles.CopyAsLegacyBundle("lstm", models), ModelBundle.DescriptionFileName);
        var root = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        root["window"] = -5;
        await File.WriteAllTextAsync(file, root.ToJsonString());

        var (code, _, error) = await CliRunner.RunAsync(
            "evaluate", "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", models);

        code.Should().Be(ExitCodes.ModelProblem, error);
        error.Should().Contain($"'{file}': field 'window' is -5").And.NotContain("   at ");
    }

    [Fact]
    public async Task Too_few_candles_exit_2_with_the_reason()
    {
        var shortFile = Path.Combine(_dir, "short.csv");
        await File.WriteAllLinesAsync(shortFile, bundles.AllLines.Take(1 + 12));

        var (code, output, error) = await CliRunner.RunAsync(Args("lstm", "--data", shortFile, "--report", Path.Combine(_dir, "r.html")));

        code.Should().Be(ExitCodes.BadData);
        output.Should().BeEmpty();
        error.Should().Contain(shortFile).And.Contain("too few candles").And.Contain("16 contiguous candles");
        File.Exists(Path.Combine(_dir, "r.html")).Should().BeFalse();
    }
}

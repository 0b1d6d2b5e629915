using System.Text.Json;

namespace CryptoPredict.Cli.Tests.Commands;

[Collection(TrainedBundlesGroup.Name)]
public sealed class EvaluateDiagnosticsTests(TrainedBundles bundles) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-evaluate-diagnostics-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Args(string model, params string[] extra) =>
        ["evaluate", "--model", model, "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir, .. extra];

    private async Task<JsonElement> Json(string model, params string[] extra)
    {
        var (code, output, error) = await CliRunner.RunAsync(Args(model, [.. extra, "--json"]));
        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Json_has_residual_diagnostics_with_ljung_box_per_target()
    {
        var root = await Json("lstm");

        var diagnostics = root.GetProperty("diagnostics").GetProperty("close_h1");
        diagnostics.GetProperty("unit").GetString().Should().Be("log return");
        diagnostics.GetProperty("samples").GetInt32().Should().Be(root.GetProperty("samples").GetInt32());
        diagnostics.GetProperty("autocorrelation").GetArrayLength().Should().Be(20);
        var test = diagnostics.GetProperty("ljung_box");
        test.GetProperty("lags").GetInt32().Should().Be(20);
        test.GetProperty("q").GetDouble().Should().BePositive();
        test.GetProperty("p_value").GetDouble().Should().BeInRange(0, 1);
        root.TryGetProperty("importance", out _).Should().BeFalse("only with --importance");
    }

    [Fact]
    public async Task Importance_ranks_every_feature_reproducibly_by_seed_in_json_table_and_report()
    {
        var report = Path.Combine(_dir, "report.html");

        var first = await Json("lstm", "--importance", "--repeats", "2", "--seed", "5", "--report", report);
        var again = await Json("lstm", "--importance", "--repeats", "2", "--seed", "5");
        var (code, table, error) = await CliRunner.RunAsync(Args("lstm", "--importance", "--repeats", "2", "--seed", "5"));

        var importance = first.GetProperty("importance");
        importance.GetProperty("metric").GetString().Should().Be("mae");
        importance.GetProperty("repeats").GetInt32().Should().Be(2);
        importance.GetProperty("seed").GetInt64().Should().Be(5);
        var features = importance.GetProperty("features").EnumerateArray().ToArray();
        features.Should().NotBeEmpty();
        features.Select(f => f.GetProperty("mean").GetDouble()).Should().BeInDescendingOrder();
        features.Should().OnlyContain(f => f.GetProperty("std").GetDouble() >= 0 && f.GetProperty("feature").GetString()!.Length > 0);
        again.GetProperty("importance").GetRawText().Should().Be(importance.GetRawText());
        code.Should().Be(ExitCodes.Ok, error);
        table.Should().Contain("permutation importance").And.Contain(features[0].GetProperty("feature").GetString()).And.Contain("Ljung-Box");
        var html = await File.ReadAllTextAsync(report);
        html.Should().Contain("Feature importance (permutation)").And.Contain("Residual diagnostics").And.Contain("autocorrelation of residuals");
    }

    [Fact]
    public async Task The_regime_model_loses_accuracy_not_mae()
    {
        var root = await Json("cnn-lstm-regime", "--importance", "--repeats", "1");

        root.GetProperty("importance").GetProperty("metric").GetString().Should().Be("accuracy");
        root.TryGetProperty("diagnostics", out _).Should().BeFalse("a classifier has no residuals");
    }

    [Theory]
    [InlineData("--repeats", "2")]
    [InlineData("--importance", "--repeats", "0")]
    [InlineData("--importance", "--walk-forward", "2")]
    [InlineData("--seed", "3")]
    public async Task Importance_options_out_of_place_are_usage_errors(params string[] extra)
    {
        var (code, _, error) = await CliRunner.RunAsync(Args("lstm", extra));

        code.Should().Be(ExitCodes.Usage);
        error.Should().MatchRegex("--repeats|--importance|--seed");
    }
}

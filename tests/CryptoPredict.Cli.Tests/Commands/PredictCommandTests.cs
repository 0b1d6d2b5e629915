using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Cli.Tests.Commands;

[Collection(TrainedBundlesGroup.Name)]
public sealed class PredictCommandTests(TrainedBundles bundles) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cp-predict-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Args(string model, params string[] extra) =>
        ["predict", "--model", model, "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", bundles.ModelsDir, .. extra];

    /// <summary>Runs predict --json and returns its one JSON object (the parse fails on anything after it).</summary>
    private async Task<JsonElement> PredictJson(string model, params string[] extra)
    {
        var (code, output, error) = await CliRunner.RunAsync(Args(model, [.. extra, "--json"]));
        code.Should().Be(ExitCodes.Ok, error);
        output.Trim().Split('\n').Should().ContainSingle("--json prints exactly one line");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Json_is_one_object_with_the_forecast_made_at_the_last_candle()
    {
        var root = await PredictJson("lstm");

        var last = bundles.AllLines[TrainedBundles.TrainingCandles].Split(',');
        var lastClose = double.Parse(last[4], CultureInfo.InvariantCulture);
        root.GetProperty("symbol").GetString().Should().Be("BTCUSDT");
        root.GetProperty("interval").GetString().Should().Be("1h");
        root.GetProperty("model").GetString().Should().Be("lstm");
        root.GetProperty("timestamp").GetString().Should().Be(last[0], "the open time of the last candle used, ISO-8601 UTC");
        root.GetProperty("target_time").GetDateTime().Should().Be(root.GetProperty("timestamp").GetDateTime().AddHours(1));
        root.GetProperty("last_close").GetDouble().Should().Be(lastClose);
        var forecast = root.GetProperty("forecast").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        forecast.Keys.Should().Equal("close");
        double.IsFinite(forecast["close"]).Should().BeTrue();
        forecast["close"].Should().BeInRange(lastClose * 0.5, lastClose * 1.5);
        root.GetProperty("predicted_close").GetDouble().Should().Be(forecast["close"]);
        root.GetProperty("change").GetDouble().Should().BeApproximately((forecast["close"] / lastClose) - 1, 1e-12);
        root.GetProperty("signal").GetString().Should().BeOneOf("BUY", "SELL", "HOLD");
        root.GetProperty("signal_reason").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Ohlc_forecast_keeps_low_below_open_and_close_below_high()
    {
        var root = await PredictJson("bilstm-ohlc");

        var forecast = root.GetProperty("forecast").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        forecast.Keys.Should().Equal("open", "high", "low", "close");
        forecast.Values.Should().OnlyContain(v => double.IsFinite(v) && v > 0);
        var (open, high, low, close) = (forecast["open"], forecast["high"], forecast["low"], forecast["close"]);
        low.Should().BeLessThanOrEqualTo(Math.Min(open, close));
        Math.Min(open, close).Should().BeLessThanOrEqualTo(Math.Max(open, close));
        Math.Max(open, close).Should().BeLessThanOrEqualTo(high);
        root.GetProperty("predicted_close").GetDouble().Should().Be(close);
    }

    [Fact]
    public async Task Signal_follows_the_threshold()
    {
        var held = await PredictJson("lstm", "--threshold", "1000");
        held.GetProperty("signal").GetString().Should().Be("HOLD", "no forecast moves the price by 100,000%");

        var strict = await PredictJson("lstm", "--threshold", "0");
        var change = strict.GetProperty("change").GetDouble();
        strict.GetProperty("signal").GetString().Should().Be(change > 0 ? "BUY" : change < 0 ? "SELL" : "HOLD");
    }

    [Fact]
    public async Task Regime_and_volatility_forecasts_have_no_price()
    {
        var regime = await PredictJson("cnn-lstm-regime");
        var probabilities = regime.GetProperty("forecast").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        probabilities.Keys.Should().Equal("bearish", "neutral", "bullish");
        probabilities.Values.Sum().Should().BeApproximately(1, 1e-5);
        regime.GetProperty("predicted_close").ValueKind.Should().Be(JsonValueKind.Null);
        regime.GetProperty("change").ValueKind.Should().Be(JsonValueKind.Null);

        var volatility = await PredictJson("lstm-attn-vol");
        volatility.GetProperty("forecast").GetProperty("realized_vol_24").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        volatility.GetProperty("signal").GetString().Should().Be("HOLD");
        volatility.GetProperty("target_time").GetDateTime().Should().Be(volatility.GetProperty("timestamp").GetDateTime().AddHours(24));
    }

    [Fact]
    public async Task Table_shows_the_last_close_the_forecast_and_the_signal()
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("bilstm-ohlc"));

        code.Should().Be(ExitCodes.Ok, error);
        output.Should().Contain("last close").And.Contain("predicted high").And.Contain("predicted low").And.Contain("change").And.Contain("signal");
        output.Should().MatchRegex("BUY|SELL|HOLD");
        output.Should().Contain(bundles.AllLines[TrainedBundles.TrainingCandles][..10], "the last candle's date is shown");
    }

    [Fact]
    public async Task Missing_bundle_exits_3_naming_the_file_and_the_train_command()
    {
        var (code, output, error) = await CliRunner.RunAsync(Args("cnn-lstm-attn"));

        code.Should().Be(ExitCodes.ModelProblem);
        output.Should().BeEmpty();
        error.Should().Contain(Path.Combine(bundles.ModelsDir, "BTCUSDT_1h_cnn-lstm-attn", ModelBundle.PointerFileName))
            .And.Contain("cryptopredict train --symbol BTCUSDT --interval 1h --model cnn-lstm-attn");
    }

    [Fact]
    public async Task Unknown_symbol_names_the_bundle_and_the_candle_file_looked_for()
    {
        var (code, _, error) = await CliRunner.RunAsync(Args("lstm", "--symbol", "XYZUSDT"));

        code.Should().NotBe(ExitCodes.Ok);
        error.Should().Contain(Path.Combine(bundles.ModelsDir, "XYZUSDT_1h_lstm", ModelBundle.PointerFileName))
            .And.Contain(Path.Combine(bundles.DataDir, "XYZUSDT_1h.csv"));
    }

    [Fact]
    public async Task Missing_candles_exit_2_naming_the_path()
    {
        var missing = Path.Combine(_dir, "nope.csv");
        var (code, _, error) = await CliRunner.RunAsync(Args("lstm", "--data", missing));

        code.Should().Be(ExitCodes.BadData);
        error.Should().Contain(missing);
    }

    [Theory]
    [InlineData("--symbol", "../x")]
    [InlineData("--threshold", "-0.1")]
    [InlineData("--threshold", "abc")]
    [InlineData("--model", "gpt")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var (code, output, error) = await CliRunner.RunAsync(option == "--model" ? Args(value) : Args("lstm", option, value));

        code.Should().Be(ExitCodes.Usage);
        output.Should().NotContain("{", "no forecast is printed");
        error.Should().Contain(value);
    }

    [Fact]
    public async Task Too_few_candles_exit_2()
    {
        var shortFile = Path.Combine(_dir, "short.csv");
        await File.WriteAllLinesAsync(shortFile, bundles.AllLines.Take(1 + 5));

        var (code, output, error) = await CliRunner.RunAsync(Args("lstm", "--data", shortFile));

        code.Should().Be(ExitCodes.BadData);
        output.Should().BeEmpty();
        error.Should().Contain(shortFile).And.Contain("16 candles");
    }

    [Fact]
    public async Task Corrupted_weights_exit_3_naming_the_file()
    {
        var models = Path.Combine(_dir, "models");
        var weights = ModelBundle.Load(bundles.CopyBundle("lstm", models)).WeightsPath;
        var bytes = await File.ReadAllBytesAsync(weights);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(weights, bytes);

        var (code, output, error) = await CliRunner.RunAsync(
            "predict", "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", models, "--json");

        code.Should().Be(ExitCodes.ModelProblem);
        output.ShouldBeJsonError("model", ExitCodes.ModelProblem).GetProperty("message").GetString().Should().Contain(weights);
        error.Should().Contain(weights);
    }

    [Theory]
    [InlineData("window", "-5", "window' is -5")]
    [InlineData("window", "0", "window' is 0")]
    [InlineData("window", "100000", "window' is 100000")]
    [InlineData("horizon", "0", "horizon' is 0")]
    [InlineData("features", "\"bogus\"", "features' is 'bogus'")]
    [InlineData("feature_scaler.scale", "[0]", "feature_scaler' is not a usable scaler")]
    [InlineData("feature_scaler.center", "[1, 2]", "feature_scaler' is not a usable scaler")]
    public async Task A_hand_edited_model_json_exits_3_naming_the_file_and_the_field(string field, string value, string expected)
    {
        var models = Path.Combine(_dir, "models");
        var file = Path.Combine(bundles.CopyAsLegacyBundle("lstm", models), ModelBundle.DescriptionFileName);
        var root = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        var path = field.Split('.');
        path[..^1].Aggregate(root, (node, name) => node[name]!.AsObject())[path[^1]] = JsonNode.Parse(value);
        await File.WriteAllTextAsync(file, root.ToJsonString());

        var (code, output, error) = await CliRunner.RunAsync(
            "predict", "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", models, "--json");

        code.Should().Be(ExitCodes.ModelProblem, error);
        output.Should().NotContain("forecast");
        error.Should().Contain($"'{file}': field '{expected}");
        error.Should().NotContain("   at ", "no stack trace reaches the user");
    }

    [Fact]
    public async Task A_window_changed_in_a_published_bundle_is_refused_by_its_manifest()
    {
        var models = Path.Combine(_dir, "models");
        var file = ModelBundle.Load(bundles.CopyBundle("lstm", models)).DescriptionPath;
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text.Replace("\"window\": 16", "\"window\": 30", StringComparison.Ordinal));

        var (code, _, error) = await CliRunner.RunAsync(
            "predict", "--model", "lstm", "--device", "cpu", "--data-dir", bundles.DataDir, "--models-dir", models);

        code.Should().Be(ExitCodes.ModelProblem);
        error.Should().Contain(file).And.Contain(ModelBundle.ManifestFileName).And.Contain("changed after");
    }

    [Fact]
    public async Task A_window_outside_the_training_range_is_forecast_with_a_warning()
    {
        var tripled = bundles.WriteScaledHeldOut(Path.Combine(_dir, "BTCUSDT_1h_tripled.csv"), 3);

        var (code, output, error) = await CliRunner.RunAsync(Args("lstm", "--data", tripled, "--json"));

        code.Should().Be(ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var warning = json.RootElement.GetProperty("warnings").EnumerateArray().Single().GetString();
        warning.Should().StartWith("close: 16 of the window's 16 values are outside the training range ").And.EndWith(", above); the forecast extrapolates");
        error.Should().Contain(warning);
    }

    [Fact]
    public async Task A_window_inside_the_training_range_has_no_warning()
    {
        var early = Path.Combine(_dir, "BTCUSDT_1h_early.csv");
        await File.WriteAllLinesAsync(early, bundles.AllLines.Take(1 + 300));

        var root = await PredictJson("lstm", "--data", early);

        root.GetProperty("warnings").GetArrayLength().Should().Be(0);
    }
}

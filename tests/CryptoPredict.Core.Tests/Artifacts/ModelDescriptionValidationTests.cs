using System.Text.Json.Nodes;
using CryptoPredict.Core.Artifacts;

namespace CryptoPredict.Core.Tests.Artifacts;

/// <summary>
/// Every field of model.json is checked at Load: a description edited by hand (here in a bundle of the old layout,
/// which has no manifest to catch the edit) is refused naming the file and the field, never run.
/// </summary>
public sealed class ModelDescriptionValidationTests : IDisposable
{
    private readonly string _run = Path.Combine(Directory.CreateTempSubdirectory("cp-validate-").FullName, "BTCUSDT_1h_lstm");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_run)!, recursive: true);

    [Theory]
    [InlineData("window", "-5", "window' is -5: lstm needs a window between 1 and 10000")]
    [InlineData("window", "0", "window' is 0")]
    [InlineData("window", "100000", "window' is 100000")]
    [InlineData("window", "\"sixty\"", "window' is not valid")]
    [InlineData("window", "30", "training.window' is '16', but 'window' is '30'")]
    [InlineData("horizon", "0", "horizon' is 0: lstm needs a horizon between 1 and 10000")]
    [InlineData("features", "\"bogus\"", "features' is 'bogus': Unknown feature 'bogus'")]
    [InlineData("features", "\"ohlc13\"", "feature_columns' is [close]; feature set 'ohlc13' gives [close, open")]
    [InlineData("feature_columns", "[\"close\", \"close\"]", "feature_columns' lists 'close' twice")]
    [InlineData("feature_columns", "[]", "feature_columns' lists 0 columns")]
    [InlineData("architecture.input_features", "2", "architecture.input_features' is 2, but 'feature_columns' lists 1")]
    [InlineData("architecture.name", "\"gpt\"", "architecture.name' is 'gpt'; must be one of")]
    [InlineData("architecture.kind", "\"regime\"", "architecture.kind' is 'regime'; lstm is a 'close' model")]
    [InlineData("architecture.outputs", "4", "architecture.outputs' is 4; lstm has 1")]
    [InlineData("architecture.parameters", "0", "architecture.parameters' is 0")]
    [InlineData("targets", "[\"close_h2\"]", "targets' is [close_h2]; lstm with horizon 1 predicts [close_h1]")]
    [InlineData("feature_scaler.scale", "[0]", "feature_scaler' is not a usable scaler: Column 'close' has center 7000 and scale 0")]
    [InlineData("feature_scaler.scale", "[1, 2]", "feature_scaler' is not a usable scaler: 1 columns need as many")]
    [InlineData("feature_scaler.columns", "[\"open\"]", "feature_scaler.columns' is [open]; must be the feature_columns [close]")]
    [InlineData("feature_scaler", "null", "feature_scaler' is null; must be a scaler object")]
    [InlineData("target_scaler.scale", "[\"NaN\"]", "target_scaler' is not a usable scaler")]
    [InlineData("format_version", "2", "format_version' is 2; this build reads format 1")]
    [InlineData("symbol", "\"btc/usdt\"", "symbol' is 'btc/usdt'")]
    [InlineData("interval", "\"7x\"", "interval' is '7x'")]
    [InlineData("regime_threshold", "-1", "regime_threshold' is -1")]
    [InlineData("split.test_samples", "0", "split' has 700/120/0")]
    [InlineData("training_data.sha256", "\"abc\"", "training_data.sha256' is 'abc'")]
    [InlineData("train_class_counts", "[1, 2, 3]", "train_class_counts' is [1, 2, 3]; only a regime model")]
    [InlineData("training.model", "\"bilstm-ohlc\"", "training.model' is 'bilstm-ohlc', but 'architecture.name' is 'lstm'")]
    [InlineData("weights_file", "\"../other.cpt\"", "weights_file' is '../other.cpt'")]
    [InlineData("libtorch_version", "\"\"", "libtorch_version' is missing")]
    public void A_bad_field_is_refused_naming_the_file_and_the_field(string field, string json, string expected)
    {
        BundlePublishTests.WriteLegacy(_run, 0);
        var file = Path.Combine(_run, ModelBundle.DescriptionFileName);
        var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var path = field.Split('.');
        var parent = path[..^1].Aggregate(root, (node, name) => node[name]!.AsObject());
        parent[path[^1]] = JsonNode.Parse(json);
        File.WriteAllText(file, root.ToJsonString());

        var act = () => ModelBundle.Load(_run);

        act.Should().Throw<ModelBundleException>().WithMessage($"'{file}': field '{expected}*");
    }

    [Fact]
    public void A_missing_field_or_broken_json_names_the_file()
    {
        BundlePublishTests.WriteLegacy(_run, 0);
        var file = Path.Combine(_run, ModelBundle.DescriptionFileName);
        var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        root.Remove("window");
        File.WriteAllText(file, root.ToJsonString());
        var act = () => ModelBundle.Load(_run);
        act.Should().Throw<ModelBundleException>().WithMessage($"'{file}' is not valid*window*");

        File.WriteAllText(file, "{ not json");
        act.Should().Throw<ModelBundleException>().WithMessage($"'{file}' is not valid*");
    }
}

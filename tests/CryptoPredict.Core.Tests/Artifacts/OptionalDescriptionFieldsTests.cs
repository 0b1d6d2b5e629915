using System.Text;
using System.Text.Json.Nodes;
using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Training;
using CryptoPredict.TestPublisher;

namespace CryptoPredict.Core.Tests.Artifacts;

/// <summary>
/// model.json's optional <c>source</c> and <c>test_metrics</c>: absent in bundles of earlier builds, which still load;
/// when present, checked like every other field.
/// </summary>
public sealed class OptionalDescriptionFieldsTests : IDisposable
{
    private readonly string _run = Path.Combine(Directory.CreateTempSubdirectory("cp-optional-").FullName, "BTCUSDT_1h_lstm");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_run)!, recursive: true);

    private string File => Path.Combine(_run, ModelBundle.DescriptionFileName);

    /// <summary>The synthetic 1h bundle, trained from 15m candles, with test metrics inside its test part.</summary>
    private static ModelDescription WithOptionalFields()
    {
        var description = SyntheticBundle.Description(0);
        var split = description.Split;
        return description with
        {
            Source = new CandleSourceDescription("BTCUSDT_15m.csv", "15m", 4003, 2),
            TestMetrics = new TestMetrics(100, split.TestFrom, split.TestTo,
            [
                new TargetTestMetrics
                {
                    Name = "close_h1",
                    Kind = TargetTestMetrics.RegressionKind,
                    Baseline = TargetTestMetrics.PersistenceBaseline,
                    Mae = 30,
                    Rmse = 41,
                    Mape = 0.3,
                    DirectionalAccuracy = 0.7,
                    TheilU = 0.93,
                    BaselineMae = 35,
                    BaselineRmse = 44,
                    BaselineDirectionalAccuracy = 0,
                },
            ]),
        };
    }

    /// <summary>A bundle of the old layout (no manifest), so a test can edit its model.json.</summary>
    private void Write(ModelDescription description)
    {
        Directory.CreateDirectory(_run);
        var weights = SyntheticBundle.Weights(0);
        var sealedDescription = description with { WeightsSha256 = BundleManifest.Sha256(weights) };
        System.IO.File.WriteAllBytes(File, Encoding.UTF8.GetBytes(ArtifactJson.Serialize(sealedDescription) + "\n"));
        System.IO.File.WriteAllBytes(Path.Combine(_run, ModelBundle.WeightsFileName), weights);
    }

    [Fact]
    public void A_bundle_without_them_loads_with_neither()
    {
        Write(SyntheticBundle.Description(0));

        var description = ModelBundle.Load(_run).Description;

        description.Source.Should().BeNull();
        description.TestMetrics.Should().BeNull();
        System.IO.File.ReadAllText(File).Should().Contain("\"source\": null", "an absent field is written as null and read back as such");
    }

    [Fact]
    public void Both_round_trip_and_absent_metrics_are_not_written()
    {
        var written = WithOptionalFields();
        Write(written);

        var description = ModelBundle.Load(_run).Description;

        description.Source.Should().Be(written.Source);
        description.Source!.SourceInterval.Should().Be(Core.Market.CandleInterval.FifteenMinutes);
        description.TestMetrics.Should().BeEquivalentTo(written.TestMetrics);
        var target = JsonNode.Parse(System.IO.File.ReadAllText(File))!["test_metrics"]!["targets"]![0]!.AsObject();
        target.ContainsKey("accuracy").Should().BeFalse("a classifier's metric is left out of a regression target");
        target["baseline_rmse"]!.GetValue<double>().Should().Be(44);
    }

    [Theory]
    [InlineData("source.file", "\"../BTCUSDT_15m.csv\"", "source.file' is '../BTCUSDT_15m.csv'; must be a file name without a folder")]
    [InlineData("source.file", "\"\"", "source.file' is ''")]
    [InlineData("source.interval", "\"7x\"", "source.interval' is '7x'; must be a candle interval")]
    [InlineData("source.interval", "\"4h\"", "source.interval' is '4h', but 'interval' 1h cannot be made from it")]
    [InlineData("source.interval", "\"45m\"", "source.interval' is '45m', but 'interval' 1h cannot be made from it")]
    [InlineData("source.candles", "3999", "source.candles' is 3999, but 1000 1h training candles need at least 4000 15m ones")]
    [InlineData("source.partial_buckets_dropped", "-1", "source.partial_buckets_dropped' is -1")]
    [InlineData("test_metrics.samples", "0", "test_metrics.samples' is 0; must be between 1 and the 120 test samples")]
    [InlineData("test_metrics.samples", "121", "test_metrics.samples' is 121")]
    [InlineData("test_metrics.from", "\"2019-01-01T00:00:00Z\"", "test_metrics' covers 2019-01-01")]
    [InlineData("test_metrics.targets", "[]", "test_metrics.targets' names []; must name [close_h1]")]
    [InlineData("test_metrics.targets.0.name", "\"close_h2\"", "test_metrics.targets' names [close_h2]")]
    [InlineData("test_metrics.targets.0.kind", "\"classification\"", "test_metrics.targets[0].kind' is 'classification'; this model's targets are 'regression'")]
    [InlineData("test_metrics.targets.0.baseline", "\"ewma\"", "test_metrics.targets[0].baseline' is 'ewma'; a regression target's baseline is 'persistence'")]
    [InlineData("test_metrics.targets.0.rmse", "-1", "test_metrics.targets[0].rmse' is -1; must be finite and >= 0")]
    [InlineData("test_metrics.targets.0.rmse", "\"NaN\"", "test_metrics.targets[0].rmse' is NaN")]
    [InlineData("test_metrics.targets.0.rmse", "null", "test_metrics.targets[0].rmse' is missing")]
    [InlineData("test_metrics.targets.0.directional_accuracy", "1.5", "test_metrics.targets[0].directional_accuracy' is 1.5; must be finite and between 0 and 1")]
    [InlineData("test_metrics.targets.0.accuracy", "0.5", "test_metrics.targets[0].accuracy' is 0.5; this target has no such metric")]
    [InlineData("test_metrics.targets.0.hit_rate", "1.5", "test_metrics.targets[0].hit_rate' is 1.5; must be finite and between 0 and 1")]
    [InlineData("test_metrics.targets.0.r2", "1.5", "test_metrics.targets[0].r2' is 1.5; an R² must be finite and at most 1")]
    [InlineData("test_metrics.targets.0.strongest_baseline_chosen_on", "\"validation\"", "test_metrics.targets[0].strongest_baseline_chosen_on' is present without 'strongest_baseline'")]
    [InlineData("test_metrics.targets.0.strongest_baseline", "\"har_rv\"", "test_metrics.targets[0].strongest_baseline_chosen_on' is missing; must be 'validation' or 'scored'")]
    [InlineData("test_metrics.targets.0.strongest_baseline", "\" \"", "test_metrics.targets[0].strongest_baseline' is empty")]
    public void A_bad_value_is_refused_naming_the_field(string field, string json, string expected)
    {
        Write(WithOptionalFields());
        var root = JsonNode.Parse(System.IO.File.ReadAllText(File))!.AsObject();
        var path = field.Split('.');
        JsonNode parent = root;
        foreach (var name in path[..^1])
        {
            parent = int.TryParse(name, out var index) ? parent[index]! : parent[name]!;
        }

        parent.AsObject()[path[^1]] = JsonNode.Parse(json);
        System.IO.File.WriteAllText(File, root.ToJsonString());

        var act = () => ModelBundle.Load(_run);

        act.Should().Throw<ModelBundleException>().WithMessage($"'{File}': field '{expected}*");
    }

    [Fact]
    public void The_strongest_baseline_round_trips_and_needs_its_scores()
    {
        var written = WithOptionalFields();
        var target = written.TestMetrics!.Targets[0] with
        {
            StrongestBaseline = "persistence",
            StrongestBaselineChosenOn = "validation",
            StrongestBaselineMae = 35,
            StrongestBaselineRmse = 44,
            R2 = -0.2,
        };
        Write(written with { TestMetrics = written.TestMetrics with { Targets = [target] } });

        ModelBundle.Load(_run).Description.TestMetrics!.Targets[0].Should().BeEquivalentTo(target);
        target.Headline.Should().Be(("rmse", 41.0, 44.0));
        target.HeadlineBaseline.Should().Be("persistence");

        Write(written with { TestMetrics = written.TestMetrics with { Targets = [target with { StrongestBaselineMae = null }] } });
        var act = () => ModelBundle.Load(_run);
        act.Should().Throw<ModelBundleException>().WithMessage("*field 'test_metrics.targets[0].strongest_baseline_mae' is missing*");
    }

    [Fact]
    public void A_source_of_the_models_own_interval_must_hold_exactly_the_training_candles()
    {
        Write(WithOptionalFields() with { Source = new CandleSourceDescription("BTCUSDT_1h.csv", "1h", 1000, 0) });
        ModelBundle.Load(_run).Description.Source!.Interval.Should().Be("1h");

        Write(WithOptionalFields() with { Source = new CandleSourceDescription("BTCUSDT_1h.csv", "1h", 1001, 0) });
        var act = () => ModelBundle.Load(_run);
        act.Should().Throw<ModelBundleException>().WithMessage("*field 'source.candles' is 1001, but 1000 1h training candles need exactly 1000 1h ones*");

        Write(WithOptionalFields() with { Source = new CandleSourceDescription("BTCUSDT_1h.csv", "1h", 1000, 1) });
        act.Should().Throw<ModelBundleException>().WithMessage("*field 'source.partial_buckets_dropped' is 1; must be >= 0, and 0 when the candles were not resampled*");
    }
}

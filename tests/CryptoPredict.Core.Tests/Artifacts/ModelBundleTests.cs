using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Tests.Models;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Artifacts;

[Collection(SerialTorchTests.Name)]
public sealed class ModelBundleTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cp-bundle-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Trained(string model, out TrainingData data)
    {
        var configuration = TrainingConfiguration.For(ModelCatalog.Get(model), "BTCUSDT", "1h") with { Epochs = 1, Window = 16, BatchSize = 64 };
        data = TrainingData.Prepare(RealCandles.BtcHead2000, configuration);
        var outcome = new Trainer(data, Device.Cpu, new CheckpointStore(Path.Combine(_root, "checkpoints"))).Run(null, CancellationToken.None);
        var directory = Path.Combine(_root, "models", model);
        ModelBundle.Publish(directory, ModelDescriptions.FromTraining(data, outcome.State), outcome.BestWeights);
        return directory;
    }

    [Fact]
    public void A_bundle_round_trips_and_its_ohlc_forecast_is_a_consistent_candle()
    {
        var directory = Trained("bilstm-ohlc", out var data);
        var bundle = ModelBundle.Load(directory);
        bundle.Description.FeatureColumns.Should().Equal(data.Dataset.Features.ColumnNames);
        bundle.FeatureScaler.Center.Should().Equal(data.FeatureScaler.Center);
        bundle.Description.Split.TestFrom.Should().Be(data.Dataset.EndTime(data.Split.Test[0]));
        Directory.GetDirectories(Path.Combine(_root, "models")).Should().ContainSingle("no staging folder may be left behind");
        Directory.GetFileSystemEntries(Path.Combine(directory, ModelBundle.VersionsFolderName)).Should().Equal(bundle.Directory);

        using var forecaster = new Forecaster(bundle, Device.Cpu);
        var prediction = Predictor.PredictLatest(forecaster, RealCandles.BtcHead2000, threshold: 0.002);
        var v = prediction.Values.ToDictionary(x => x.Name, x => x.Value);
        v["low"].Should().BeLessThanOrEqualTo(Math.Min(v["open"], v["close"]));
        v["high"].Should().BeGreaterThanOrEqualTo(Math.Max(v["open"], v["close"]));
        prediction.LastCandle.Should().Be(RealCandles.BtcHead2000.OpenTimes[^1]);
        prediction.PredictedClose.Should().Be(v["close"]);
        v["close"].Should().BeInRange(prediction.LastClose * 0.5, prediction.LastClose * 1.5);
    }

    [Fact]
    public void Republishing_a_bundle_adds_a_version_that_builds_the_same_network()
    {
        var directory = Trained("lstm", out _);
        var bundle = ModelBundle.Load(directory);
        var first = bundle.Description.CreatedUtc;

        var version = ModelBundle.Publish(directory, bundle.Description with { CreatedUtc = first.AddDays(1) }, bundle.Weights);

        var again = ModelBundle.Load(directory);
        again.Directory.Should().Be(version).And.NotBe(bundle.Directory);
        again.Description.CreatedUtc.Should().Be(first.AddDays(1));
        using var model = again.CreateModel(Device.Cpu);
        model.ParameterCount().Should().Be(again.Description.Architecture.Parameters);
        Directory.GetDirectories(Path.Combine(_root, "models")).Should().ContainSingle();
    }

    [Fact]
    public void Damaged_weights_or_description_give_a_bundle_error_naming_the_file()
    {
        var directory = Trained("lstm", out _);
        var weights = ModelBundle.Load(directory).WeightsPath;
        var bytes = File.ReadAllBytes(weights);
        bytes[^40] ^= 1;
        File.WriteAllBytes(weights, bytes);
        var act = () => ModelBundle.Load(directory);
        act.Should().Throw<ModelBundleException>().WithMessage($"*{weights}*SHA-256*");

        bytes[^40] ^= 1;
        File.WriteAllBytes(weights, bytes);
        var description = Path.Combine(Path.GetDirectoryName(weights)!, ModelBundle.DescriptionFileName);
        File.WriteAllText(description, "{ not json");
        act.Should().Throw<ModelBundleException>().WithMessage($"*{description}*SHA-256*");

        act = () => ModelBundle.Load(Path.Combine(_root, "nothing-here"));
        act.Should().Throw<ModelBundleException>().WithMessage("*nothing-here*current*nothing-here*model.json*");
    }

    [Fact]
    public void A_window_across_a_gap_is_refused_with_the_time_of_the_gap()
    {
        var directory = Trained("lstm", out _);
        using var forecaster = new Forecaster(ModelBundle.Load(directory), Device.Cpu);
        // The head of the bundled data has a gap after 2020-02-09 (see RealCandles); end the data just after it.
        var candles = RealCandles.BtcHead2000;
        var afterGap = Enumerable.Range(1, candles.Count - 1).First(i => candles.OpenTimes[i] - candles.OpenTimes[i - 1] > TimeSpan.FromHours(1));
        var act = () => Predictor.PredictLatest(forecaster, candles.Slice(0, afterGap + 3));
        act.Should().Throw<ForecastDataException>().WithMessage("*not contiguous*");
    }

    [Fact]
    public void Run_paths_never_leave_their_root()
    {
        RunPaths.RunName("BTCUSDT", "1h", "lstm").Should().Be("BTCUSDT_1h_lstm");
        var bad = () => RunPaths.RunName("../x", "1h", "lstm");
        bad.Should().Throw<ArgumentException>();
        var escape = () => RunPaths.Under(_root, "../elsewhere");
        escape.Should().Throw<ArgumentException>();
    }
}

using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Export;

/// <summary>
/// One tiny bundle per architecture, trained once (one epoch, window 8, the first 900 real candles), so the batch
/// norm statistics and weights are trained ones, not initial values; the export tests read them by model name.
/// </summary>
public sealed class ExportBundles : IDisposable
{
    public const int TrainingCandles = 900;

    private readonly string _root = Directory.CreateTempSubdirectory("cp-export-").FullName;
    private readonly Dictionary<string, ModelBundle> _bundles = new(StringComparer.Ordinal);

    public ExportBundles()
    {
        foreach (var model in ModelCatalog.Names)
        {
            _bundles[model] = ModelBundle.Load(Train(model));
        }
    }

    public string Root => _root;

    public ModelBundle this[string model] => _bundles[model];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Train(string model)
    {
        var configuration = TrainingConfiguration.For(ModelCatalog.Get(model), "BTCUSDT", "1h") with { Epochs = 1, Window = 8, BatchSize = 64 };
        if (configuration.Features == "volatility-har")
        {
            // Its log_volatility_720 needs 720 candles of warm-up, most of the 900; the seed's features test the same network.
            configuration = configuration with { Features = "volatility" };
        }

        var data = TrainingData.Prepare(RealCandles.BtcHead2000.Slice(0, TrainingCandles), configuration);
        var outcome = new Trainer(data, Device.Cpu, new CheckpointStore(Path.Combine(_root, "checkpoints", model))).Run(null, CancellationToken.None);
        var directory = Path.Combine(_root, "models", model);
        ModelBundle.Publish(directory, ModelDescriptions.FromTraining(data, outcome.State), outcome.BestWeights);
        return directory;
    }
}

[CollectionDefinition(Name)]
public sealed class ExportBundlesGroup : ICollectionFixture<ExportBundles>
{
    public const string Name = "export bundles";
}

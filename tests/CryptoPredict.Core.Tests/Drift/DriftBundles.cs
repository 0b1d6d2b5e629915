using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Market;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Tests.Market;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Drift;

/// <summary>
/// The bundled BTCUSDT 1h file and one tiny model trained on its first 2,000 candles (January to March 2020, about
/// $4,000 to $10,000): the close-only LSTM given the ohlc13 features, so price-level and scale-free columns are both
/// there, one epoch, window 8. Published twice: as this build writes it, and without its drift reference, as a build
/// before drift wrote it.
/// </summary>
public sealed class DriftBundles : IDisposable
{
    public const int TrainingCandles = 2000;

    private readonly string _root = Directory.CreateTempSubdirectory("cp-drift-").FullName;

    public DriftBundles()
    {
        All = CandleFileReader.Read(MarketTestFiles.BundledBtc1h).Series;
        Training = All.Slice(0, TrainingCandles);
        var configuration = TrainingConfiguration.For(ModelCatalog.Get("lstm"), "BTCUSDT", "1h") with
        {
            Features = "ohlc13",
            Epochs = 1,
            Window = 8,
            BatchSize = 64,
        };
        Data = TrainingData.Prepare(Training, configuration);
        var outcome = new Trainer(Data, Device.Cpu, new CheckpointStore(Path.Combine(_root, "checkpoints"))).Run(null, CancellationToken.None);
        var description = ModelDescriptions.FromTraining(Data, outcome.State);
        Current = ModelBundle.Publish(Path.Combine(_root, "models", "current"), description, outcome.BestWeights);
        EarlierBuild = ModelBundle.Publish(Path.Combine(_root, "models", "earlier"), description with { DriftReference = null }, outcome.BestWeights);
    }

    /// <summary>Every candle of the bundled file, 2020-01-01 .. 2025-06-19.</summary>
    public CandleSeries All { get; }

    /// <summary>The first <see cref="TrainingCandles"/> candles, the model's training file.</summary>
    public CandleSeries Training { get; }

    public TrainingData Data { get; }

    /// <summary>The version folder of the bundle with its drift reference.</summary>
    public string Current { get; }

    /// <summary>The version folder of the same bundle without one.</summary>
    public string EarlierBuild { get; }

    /// <summary>The last 2,000 candles of the file (2025, around $100,000).</summary>
    public CandleSeries Late => All.Slice(All.Count - 2000, 2000);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

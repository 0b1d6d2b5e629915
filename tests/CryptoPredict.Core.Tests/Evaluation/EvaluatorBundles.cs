using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Tests.Features;
using CryptoPredict.Core.Training;
using CryptoPredict.Torch;

namespace CryptoPredict.Core.Tests.Evaluation;

/// <summary>
/// Two tiny bundles trained once on the real head (2,000 candles, three gaps): the closes-only LSTM and the volatility
/// model, one epoch each, short windows, so the evaluator tests run real models in well under a second each.
/// </summary>
public sealed class EvaluatorBundles : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cp-evaluator-").FullName;

    public EvaluatorBundles()
    {
        Close = Train("lstm", window: 16, out var closeData);
        CloseData = closeData;
        Volatility = Train("lstm-attn-vol", window: 8, out _);
    }

    public string Root => _root;

    /// <summary>The lstm bundle's folder (close at horizon 1, window 16).</summary>
    public string Close { get; }

    /// <summary>What the lstm bundle was trained on: its split is the one evaluate must rebuild.</summary>
    public TrainingData CloseData { get; }

    /// <summary>The lstm-attn-vol bundle's folder (realized_vol_24, window 8).</summary>
    public string Volatility { get; }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Train(string model, int window, out TrainingData data)
    {
        var configuration = TrainingConfiguration.For(ModelCatalog.Get(model), "BTCUSDT", "1h") with { Epochs = 1, Window = window, BatchSize = 64 };
        data = TrainingData.Prepare(RealCandles.BtcHead2000, configuration);
        var outcome = new Trainer(data, Device.Cpu, new CheckpointStore(Path.Combine(_root, "checkpoints", model))).Run(null, CancellationToken.None);
        var directory = Path.Combine(_root, "models", model);
        ModelBundle.Publish(directory, ModelDescriptions.FromTraining(data, outcome.State), outcome.BestWeights);
        return directory;
    }
}

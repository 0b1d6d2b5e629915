using CryptoPredict.Core.Models;
using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;
using F = CryptoPredict.Torch.Nn.Functional;

namespace CryptoPredict.Bench.Training;

/// <summary>
/// One benchmarked network with the input size, targets and loss that <c>bench/pytorch/reference.py</c> uses for
/// the same model (its name there is <see cref="ReferenceName"/>).
/// </summary>
internal sealed class BenchModel : IDisposable
{
    private readonly Func<Tensor, Tensor, Tensor> _loss;
    private readonly Tensor? _ohlcWeights;

    private BenchModel(string name, string referenceName, long steps, long features, Module<Tensor, Tensor> network, LossKind loss)
    {
        Name = name;
        ReferenceName = referenceName;
        Steps = steps;
        Features = features;
        Network = network;
        Loss = loss;
        if (loss == LossKind.WeightedOhlcMse)
        {
            // Weights of the OHLC heads in output order open, high, low, close.
            _ohlcWeights = Torch.Torch.FromArray([1f, 0.8f, 0.8f, 1f], 4).DetachFromDisposeScope();
        }

        _loss = loss switch
        {
            LossKind.Mse => (output, target) => F.MseLoss(output, target),
            LossKind.WeightedOhlcMse => (output, target) => (F.MseLoss(output, target, Reduction.None).Mean(0) * _ohlcWeights!).Sum(),
            LossKind.Huber => (output, target) => F.HuberLoss(output, target, delta: 1.0),
            _ => (output, target) => F.CrossEntropy(output, target),
        };
    }

    public static readonly string[] Names = ["bilstm2", "cnn-lstm-attn", "bilstm-ohlc", "lstm-attn-vol", "lstm", "cnn-lstm-regime"];

    public string Name { get; }

    public string ReferenceName { get; }

    public long Steps { get; }

    public long Features { get; }

    public Module<Tensor, Tensor> Network { get; }

    public LossKind Loss { get; }

    public static BenchModel Create(string name) => name switch
    {
        "bilstm2" => new(name, "bilstm2", 60, 13, new BiLstm2(), LossKind.Mse),
        "cnn-lstm-attn" => new(name, "cnn_lstm_attn", 30, 20, new CnnLstmAttentionModel(20), LossKind.Mse),
        "bilstm-ohlc" => new(name, "bilstm_ohlc", 60, 13, new BiLstmOhlcModel(13), LossKind.WeightedOhlcMse),
        "lstm-attn-vol" => new(name, "lstm_attn_vol", 60, 18, new LstmAttentionVolatilityModel(18), LossKind.Huber),
        "lstm" => new(name, "lstm_simple", 60, 1, new LstmCloseModel(1), LossKind.Mse),
        "cnn-lstm-regime" => new(name, "cnn_lstm_regime", 60, 20, new CnnLstmRegimeModel(20), LossKind.CrossEntropy),
        _ => throw new ArgumentException($"unknown model '{name}'; choose from {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>Random targets for a batch, shaped as the reference makes them.</summary>
    public Tensor RandomTargets(long batch) => Loss switch
    {
        LossKind.CrossEntropy => (Torch.Torch.Rand([batch]) * 3).Floor().To(ScalarType.Int64),
        LossKind.WeightedOhlcMse => Torch.Torch.Randn([batch, 4]),
        _ => Torch.Torch.Randn([batch, 1]),
    };

    public Tensor ComputeLoss(Tensor output, Tensor target) => _loss(output, target);

    public void Dispose()
    {
        _ohlcWeights?.Dispose();
        Network.Dispose();
    }
}

internal enum LossKind
{
    Mse,
    WeightedOhlcMse,
    Huber,
    CrossEntropy,
}

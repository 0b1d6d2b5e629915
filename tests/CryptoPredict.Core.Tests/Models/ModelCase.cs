using CryptoPredict.Core.Models;
using CryptoPredict.Torch;
using F = CryptoPredict.Torch.Nn.Functional;

namespace CryptoPredict.Core.Tests.Models;

/// <summary>One of the five architectures with the input size and loss the seeds (and the PyTorch reference) use.</summary>
public sealed record ModelCase(string Name, int Features, int Window, long PyTorchParameters, Func<int, ForecastModel> Create)
{
    public static readonly ModelCase[] All =
    [
        new("cnn_lstm_attn", 20, 30, 62_145, f => new CnnLstmAttentionModel(f)),
        new("bilstm_ohlc", 13, 60, 359_140, f => new BiLstmOhlcModel(f)),
        new("lstm_attn_vol", 18, 60, 140_545, f => new LstmAttentionVolatilityModel(f)),
        new("lstm_simple", 1, 60, 31_051, f => new LstmCloseModel(f)),
        new("cnn_lstm_regime", 20, 60, 155_203, f => new CnnLstmRegimeModel(f)),
    ];

    public static TheoryData<string> Names => new(All.Select(c => c.Name));

    public static ModelCase Named(string name) => All.Single(c => c.Name == name);

    public ForecastModel Build() => Create(Features);

    /// <summary>Targets for <paramref name="batch"/> samples: class indices for the regime model, values otherwise.</summary>
    public Tensor RandomTargets(ForecastModel model, long batch) =>
        Name == "cnn_lstm_regime"
            ? Torch.Torch.FromArray(Enumerable.Range(0, (int)batch).Select(i => (long)(i % 3)).ToArray())
            : Torch.Torch.Randn([batch, model.Outputs]);

    /// <summary>The seed's loss: MSE, OHLC-weighted MSE, Huber or cross-entropy.</summary>
    public Tensor Loss(Tensor output, Tensor target) => Name switch
    {
        "bilstm_ohlc" => WeightedOhlcLoss(output, target),
        "lstm_attn_vol" => F.HuberLoss(output, target),
        "cnn_lstm_regime" => F.CrossEntropy(output, target),
        _ => F.MseLoss(output, target),
    };

    private static Tensor WeightedOhlcLoss(Tensor output, Tensor target)
    {
        using var scope = Torch.Torch.NewDisposeScope();
        var weights = Torch.Torch.FromArray([1f, 0.8f, 0.8f, 1f], 4).To(output.Device);
        return (F.MseLoss(output, target, Reduction.None).Mean(0) * weights).Sum().MoveToOuterDisposeScope();
    }

    public override string ToString() => Name;
}

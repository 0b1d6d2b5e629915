using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Core.Models;

/// <summary>
/// Seed 004 (cnn_lstm_regime): Conv1d(F→64, k3, valid: T−2 steps)+ReLU → BatchNorm(64) → LSTM(128) over the
/// sequence → unscaled dot-product self-attention softmax(x xᵀ) x (Keras <c>Attention()</c>, no weights) →
/// LSTM(64), final hidden state → Dropout(0.3) → Linear(64→32)+ReLU → Linear(32→3).
/// Output [batch, 3]: logits (no softmax) in the class order of <see cref="Features.MarketRegime"/>:
/// bearish = 0, neutral = 1, bullish = 2. Needs windows of at least 3 steps.
/// Layer for layer the <c>cnn_lstm_regime</c> model of <c>bench/pytorch/reference.py</c> (155,203 parameters for F = 20).
/// </summary>
public sealed class CnnLstmRegimeModel : ForecastModel
{
    private const int Channels = 64;
    private const int KernelSize = 3;

    private readonly Conv1d _conv;
    private readonly BatchNorm1d _norm;
    private readonly LSTM _lstm1;
    private readonly LSTM _lstm2;
    private readonly Dropout _dropout;
    private readonly Linear _fc1;
    private readonly Linear _fc2;

    public CnnLstmRegimeModel(int inputFeatures)
        : base(inputFeatures, outputs: 3)
    {
        _conv = RegisterModule("conv", new Conv1d(inputFeatures, Channels, KernelSize));
        _norm = RegisterModule("bn", new BatchNorm1d(Channels));
        _lstm1 = RegisterModule("l1", new LSTM(Channels, 128));
        _lstm2 = RegisterModule("l2", new LSTM(128, 64));
        _dropout = RegisterModule("drop", new Dropout(0.3));
        _fc1 = RegisterModule("fc1", new Linear(64, 32));
        _fc2 = RegisterModule("fc2", new Linear(32, 3));
    }

    public override Tensor Forward(Tensor input)
    {
        RequireInputShape(input, minimumWindow: KernelSize);
        using var scope = Torch.Torch.NewDisposeScope();
        var conv = _norm.Forward(_conv.Forward(input.Transpose(1, 2)).Relu()); // [B, 64, T-2]
        var sequence = _lstm1.Forward(conv.Transpose(1, 2)).Output;           // [B, T-2, 128]
        var attended = Functional.SelfAttention(sequence);                    // softmax(x xᵀ) x: [B, T-2, 128]
        var last = _lstm2.Forward(attended).HiddenState.Select(0, -1);        // [B, 64]
        return _fc2.Forward(_fc1.Forward(_dropout.Forward(last)).Relu()).MoveToOuterDisposeScope();
    }
}

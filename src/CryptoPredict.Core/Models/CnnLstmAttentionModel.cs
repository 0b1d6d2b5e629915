using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Core.Models;

/// <summary>
/// Seed 000 (cnn_lstm_attn): Conv1d(F→64, k3, same)+ReLU → LSTM(64) → 4-head self-attention; the mean of the
/// convolution features over time is concatenated with the last attended step → Linear(128→64)+ReLU →
/// Dropout(0.2) → Linear(64→1). One scaled regression target: output [batch, 1].
/// Layer for layer the <c>cnn_lstm_attn</c> model of <c>bench/pytorch/reference.py</c> (62,145 parameters for F = 20).
/// </summary>
public sealed class CnnLstmAttentionModel : ForecastModel
{
    private const int Channels = 64;

    private readonly Conv1d _conv;
    private readonly LSTM _lstm;
    private readonly MultiheadAttention _attention;
    private readonly Linear _fc1;
    private readonly Dropout _dropout;
    private readonly Linear _fc2;

    public CnnLstmAttentionModel(int inputFeatures)
        : base(inputFeatures, outputs: 1)
    {
        _conv = RegisterModule("conv", new Conv1d(inputFeatures, Channels, kernelSize: 3, samePadding: true));
        _lstm = RegisterModule("lstm", new LSTM(Channels, Channels));
        _attention = RegisterModule("attn", new MultiheadAttention(Channels, numHeads: 4));
        _fc1 = RegisterModule("fc1", new Linear(2 * Channels, Channels));
        _dropout = RegisterModule("drop", new Dropout(0.2));
        _fc2 = RegisterModule("fc2", new Linear(Channels, 1));
    }

    public override Tensor Forward(Tensor input)
    {
        RequireInputShape(input);
        using var scope = Torch.Torch.NewDisposeScope();
        var conv = _conv.Forward(input.Transpose(1, 2)).Relu();                  // [B, 64, T]
        var pooled = conv.Mean(2);                                                // [B, 64]
        var sequence = _lstm.Forward(conv.Transpose(1, 2)).Output;               // [B, T, 64]
        var attended = _attention.Forward(sequence, sequence, sequence, needWeights: false).Output;
        var joined = Torch.Torch.Cat([pooled, attended.Select(1, -1)], dim: 1); // [B, 128]
        return _fc2.Forward(_dropout.Forward(_fc1.Forward(joined).Relu())).MoveToOuterDisposeScope();
    }
}

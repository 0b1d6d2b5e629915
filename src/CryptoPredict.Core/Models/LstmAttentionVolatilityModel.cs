using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Core.Models;

/// <summary>
/// Seed 002 (lstm_attn_vol): LSTM(128) → BatchNorm over batch and time → Dropout(0.2) → LSTM(64) → BatchNorm →
/// Dropout(0.2) → LSTM(32) over the sequence → additive attention pooling, softmaxₜ(vᵀ tanh(W hₜ + b)) →
/// Linear(32→32)+ReLU → Linear(32→1). One scaled regression target (realised volatility): output [batch, 1].
/// Layer for layer the <c>lstm_attn_vol</c> model of <c>bench/pytorch/reference.py</c> (140,545 parameters for F = 18).
/// </summary>
public sealed class LstmAttentionVolatilityModel : ForecastModel
{
    private readonly LSTM _lstm1;
    private readonly BatchNorm1d _norm1;
    private readonly LSTM _lstm2;
    private readonly BatchNorm1d _norm2;
    private readonly LSTM _lstm3;
    private readonly Dropout _dropout;
    private readonly Linear _attentionW;
    private readonly Linear _attentionV;
    private readonly Linear _fc1;
    private readonly Linear _fc2;

    public LstmAttentionVolatilityModel(int inputFeatures)
        : this(inputFeatures, outputs: 1)
    {
    }

    /// <summary>The same network with <paramref name="outputs"/> columns in its last layer (see <see cref="ForecastHeads"/>).</summary>
    public LstmAttentionVolatilityModel(int inputFeatures, int outputs)
        : base(inputFeatures, outputs)
    {
        _lstm1 = RegisterModule("l1", new LSTM(inputFeatures, 128));
        _norm1 = RegisterModule("bn1", new BatchNorm1d(128));
        _lstm2 = RegisterModule("l2", new LSTM(128, 64));
        _norm2 = RegisterModule("bn2", new BatchNorm1d(64));
        _lstm3 = RegisterModule("l3", new LSTM(64, 32));
        _dropout = RegisterModule("drop", new Dropout(0.2));
        _attentionW = RegisterModule("att_w", new Linear(32, 32));
        _attentionV = RegisterModule("att_v", new Linear(32, 1, bias: false));
        _fc1 = RegisterModule("fc1", new Linear(32, 32));
        _fc2 = RegisterModule("fc2", new Linear(32, outputs));
    }

    public override Tensor Forward(Tensor input)
    {
        RequireInputShape(input);
        using var scope = Torch.Torch.NewDisposeScope();
        var shape = input.Shape;
        var sequence = _lstm1.Forward(input).Output;
        sequence = _dropout.Forward(NormalizeOverBatchAndTime(_norm1, sequence, shape[0], shape[1]));
        sequence = _lstm2.Forward(sequence).Output;
        sequence = _dropout.Forward(NormalizeOverBatchAndTime(_norm2, sequence, shape[0], shape[1]));
        sequence = _lstm3.Forward(sequence).Output;                               // [B, T, 32]
        var weights = _attentionV.Forward(_attentionW.Forward(sequence).Tanh()).Softmax(1); // [B, T, 1]
        var pooled = (weights * sequence).Sum(1);                                 // [B, 32]
        return _fc2.Forward(_fc1.Forward(pooled).Relu()).MoveToOuterDisposeScope();
    }

    // Statistics per channel over all B·T steps, as BatchNorm1d on [B, C, T]. The LSTM output is contiguous
    // [B, T, C], so viewing it as [B·T, C] gives the same result without two transposed copies.
    private static Tensor NormalizeOverBatchAndTime(BatchNorm1d norm, Tensor sequence, long batch, long steps) =>
        norm.Forward(sequence.Flatten(0, 1)).View(batch, steps, -1);
}

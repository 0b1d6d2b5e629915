using CryptoPredict.Torch;
using CryptoPredict.Torch.Nn;

namespace CryptoPredict.Core.Models;

/// <summary>
/// Seed 000 (cnn_lstm_attn): Conv1d(F→64, k3, same)+ReLU → LSTM(64) → 4-head self-attention; the mean of the
/// convolution features over time is concatenated with the last attended step → Linear(128→64)+ReLU →
/// Dropout(0.2) → Linear(64→1). One scaled regression target: output [batch, 1].
/// Layer for layer the <c>cnn_lstm_attn</c> model of <c>bench/pytorch/reference.py</c> (62,145 parameters for F = 20).
/// </summary>
/// <remarks>
/// The head reads only the last step of the self-attention, so only that step is computed: the last step's query
/// against every step's key and value. Same values and gradients as attending all T steps and keeping the last, at
/// 1/T of the attention's work. The projections are <c>attn</c>'s own parameters (PyTorch's
/// <c>nn.MultiheadAttention</c> layout: <c>in_proj_weight</c> = [W_q; W_k; W_v], <c>out_proj</c>), applied here
/// directly, because libtorch's general attention (reshapes, batched 30x16 GEMMs) cost 3-4x more for this one query.
/// </remarks>
public sealed class CnnLstmAttentionModel : ForecastModel
{
    private const int Channels = 64;
    private const int Heads = 4;
    private const int HeadSize = Channels / Heads;

    private readonly Conv1d _conv;
    private readonly LSTM _lstm;
    private readonly Tensor _inProjWeight;
    private readonly Tensor _inProjBias;
    private readonly Tensor _outProjWeight;
    private readonly Tensor _outProjBias;
    private readonly Linear _fc1;
    private readonly Dropout _dropout;
    private readonly Linear _fc2;

    public CnnLstmAttentionModel(int inputFeatures)
        : this(inputFeatures, outputs: 1)
    {
    }

    /// <summary>The same network with <paramref name="outputs"/> columns in its last layer (see <see cref="ForecastHeads"/>).</summary>
    public CnnLstmAttentionModel(int inputFeatures, int outputs)
        : base(inputFeatures, outputs)
    {
        _conv = RegisterModule("conv", new Conv1d(inputFeatures, Channels, kernelSize: 3, samePadding: true));
        _lstm = RegisterModule("lstm", new LSTM(Channels, Channels));
        var attention = RegisterModule("attn", new MultiheadAttention(Channels, Heads));
        // libtorch moves and loads a layer's tensors in place, so these stay the layer's parameters.
        var parameters = attention.NamedParameters().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        _inProjWeight = parameters["in_proj_weight"];
        _inProjBias = parameters["in_proj_bias"];
        _outProjWeight = parameters["out_proj.weight"];
        _outProjBias = parameters["out_proj.bias"];
        _fc1 = RegisterModule("fc1", new Linear(2 * Channels, Channels));
        _dropout = RegisterModule("drop", new Dropout(0.2));
        _fc2 = RegisterModule("fc2", new Linear(Channels, outputs));
    }

    public override Tensor Forward(Tensor input)
    {
        RequireInputShape(input);
        using var scope = Torch.Torch.NewDisposeScope();
        var shape = input.Shape;
        var conv = _conv.Forward(input.Transpose(1, 2)).Relu();                  // [B, 64, T]
        var pooled = conv.Mean(2);                                                // [B, 64]
        var sequence = _lstm.Forward(conv.Transpose(1, 2)).Output;               // [B, T, 64]
        var attended = AttendFromLastStep(sequence, shape[0], shape[1]);         // [B, 64]
        var joined = Torch.Torch.Cat([pooled, attended], dim: 1);               // [B, 128]
        return _fc2.Forward(_dropout.Forward(_fc1.Forward(joined).Relu())).MoveToOuterDisposeScope();
    }

    // softmax_t(q_h · k_{t,h} / sqrt(d)) weighted sum of v_{t,h} per head h, q from the last step; then out_proj.
    private Tensor AttendFromLastStep(Tensor sequence, long batch, long steps)
    {
        Tensor Project(Tensor x, int block) =>
            x.MatMul(_inProjWeight.Narrow(0, block * Channels, Channels).Transpose(0, 1)) + _inProjBias.Narrow(0, block * Channels, Channels);

        var query = (Project(sequence.Select(1, -1), 0) * (1.0 / Math.Sqrt(HeadSize))).View(batch, 1, Heads, HeadSize);
        var keys = Project(sequence, 1).View(batch, steps, Heads, HeadSize);
        var values = Project(sequence, 2).View(batch, steps, Heads, HeadSize);
        var weights = (keys * query).Sum(-1).Softmax(1).Unsqueeze(-1);          // [B, T, heads, 1]
        var heads = (weights * values).Sum(1).View(batch, Channels);            // [B, 64]
        return heads.MatMul(_outProjWeight.Transpose(0, 1)) + _outProjBias;
    }
}

using CryptoPredict.Torch.Native;

namespace CryptoPredict.Torch.Nn;

/// <summary>y = x Wᵀ + b over the last dimension.</summary>
public sealed class Linear : NativeModule<Tensor, Tensor>
{
    public Linear(long inFeatures, long outFeatures, bool bias = true)
        : base(NnNative.cp_linear_new(inFeatures, outFeatures, bias ? 1 : 0, out var h), h, $"Linear({inFeatures}, {outFeatures})")
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
    }

    public long InFeatures { get; }

    public long OutFeatures { get; }

    public override Tensor Forward(Tensor input) => ForwardSingle(input);
}

/// <summary>1-D convolution over <c>[N, C_in, L]</c>. <paramref name="samePadding"/> keeps the length.</summary>
public sealed class Conv1d : NativeModule<Tensor, Tensor>
{
    public Conv1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool samePadding = false,
        long dilation = 1, long groups = 1, bool bias = true)
        : base(NnNative.cp_conv1d_new(inChannels, outChannels, kernelSize, stride, padding, samePadding ? 1 : 0, dilation, groups, bias ? 1 : 0, out var h),
            h, $"Conv1d({inChannels}, {outChannels}, {kernelSize})")
    {
    }

    public override Tensor Forward(Tensor input) => ForwardSingle(input);

    /// <summary>
    /// Process-wide: whether CPU convolutions with one group and dilation 1 run as im2col and one GEMM (the input's
    /// windows as rows times the weight) instead of libtorch's convolution kernel, which is slower for the small
    /// 1-D convolutions of these models (seed 004's layer with batch norm at batch 256: 14.9 against 22.6 ms). Same parameters and results up to float rounding; on by default. CUDA
    /// always uses libtorch's.
    /// </summary>
    public static bool UseIm2ColCpuKernel
    {
        get
        {
            ErrorNative.Check(NnNative.cp_conv1d_im2col_get(out var enabled), "conv1d im2col kernel");
            return enabled != 0;
        }
        set => ErrorNative.Check(NnNative.cp_conv1d_im2col_set(value ? 1 : 0), "conv1d im2col kernel");
    }
}

/// <summary>Batch normalisation over <c>[N, C]</c> or <c>[N, C, L]</c>; running statistics are buffers.</summary>
public sealed class BatchNorm1d : NativeModule<Tensor, Tensor>
{
    public BatchNorm1d(long features, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
        : base(NnNative.cp_batchnorm1d_new(features, eps, momentum, affine ? 1 : 0, trackRunningStats ? 1 : 0, out var h), h, $"BatchNorm1d({features})")
    {
    }

    public override Tensor Forward(Tensor input) => ForwardSingle(input);
}

/// <summary>Layer normalisation over the trailing <c>normalizedShape</c> dimensions.</summary>
public sealed class LayerNorm : NativeModule<Tensor, Tensor>
{
    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
        : base(Create(normalizedShape, eps, elementwiseAffine, out var h), h, "LayerNorm")
    {
    }

    private static unsafe int Create(long[] shape, double eps, bool affine, out NativeModuleHandle handle)
    {
        ArgumentNullException.ThrowIfNull(shape);
        fixed (long* s = shape)
        {
            return NnNative.cp_layernorm_new(s, shape.Length, eps, affine ? 1 : 0, out handle);
        }
    }

    public override Tensor Forward(Tensor input) => ForwardSingle(input);
}

/// <summary>Output of a recurrent layer: the sequence output and the final hidden (and, for LSTM, cell) states.</summary>
public sealed record RecurrentOutput(Tensor Output, Tensor HiddenState, Tensor? CellState);

/// <summary>Shared construction and forward of <see cref="LSTM"/> and <see cref="GRU"/>.</summary>
public abstract class RecurrentLayer : NativeModule<Tensor, RecurrentOutput>
{
    private protected RecurrentLayer(bool gru, long inputSize, long hiddenSize, long numLayers, bool bias, bool batchFirst, double dropout, bool bidirectional)
        : base(NnNative.cp_rnn_new(gru ? 1 : 0, inputSize, hiddenSize, numLayers, bias ? 1 : 0, batchFirst ? 1 : 0, dropout, bidirectional ? 1 : 0, out var h),
            h, $"{(gru ? "GRU" : "LSTM")}({inputSize}, {hiddenSize}, layers {numLayers})")
    {
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Bidirectional = bidirectional;
        BatchFirst = batchFirst;
    }

    public long HiddenSize { get; }

    public long NumLayers { get; }

    public bool Bidirectional { get; }

    public bool BatchFirst { get; }

    /// <summary>Runs the layer from zero state.</summary>
    public override RecurrentOutput Forward(Tensor input) => Forward(input, null, null);

    /// <summary>Runs the layer from the given states (<c>[layers * directions, N, H]</c>, never batch-first).</summary>
    public RecurrentOutput Forward(Tensor input, Tensor? h0, Tensor? c0)
    {
        ArgumentNullException.ThrowIfNull(input);
        var status = NnNative.cp_rnn_forward(Handle, input.Handle, Tensor.HandleOrNull(h0), Tensor.HandleOrNull(c0), out var o, out var hn, out var cn);
        GC.KeepAlive(h0);
        GC.KeepAlive(c0);
        if (status != 0)
        {
            o.Dispose();
            hn.Dispose();
            cn.Dispose();
            ErrorNative.Check(status, $"{GetType().Name}.forward([{string.Join(", ", input.Shape)}])");
        }

        var output = new Tensor(o);
        var hidden = new Tensor(hn);
        Tensor? cell = null;
        if (cn.IsInvalid)
        {
            cn.Dispose();
        }
        else
        {
            cell = new Tensor(cn);
        }

        return new RecurrentOutput(output, hidden, cell);
    }
}

/// <summary>
/// Long short-term memory over <c>[N, T, F]</c> (batch-first) or <c>[T, N, F]</c>. On CPU each layer and direction
/// runs as one autograd node with a hand-written backward (see <see cref="UseFusedCpuKernel"/>).
/// </summary>
#pragma warning disable CA1707, CA1711 // names as in PyTorch
public sealed class LSTM(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = true, double dropout = 0, bool bidirectional = false)
    : RecurrentLayer(false, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional)
{
    /// <summary>
    /// Process-wide: whether CPU LSTMs use the bridge's fused layer (one recurrent GEMM and a few in-place
    /// element-wise ops per step, weight gradients as one GEMM over all steps) instead of libtorch's step-by-step
    /// autograd graph. Same parameters and results up to float rounding; on by default. CUDA always uses libtorch's.
    /// </summary>
    public static bool UseFusedCpuKernel
    {
        get
        {
            ErrorNative.Check(NnNative.cp_lstm_fused_get(out var enabled), "lstm fused kernel");
            return enabled != 0;
        }
        set => ErrorNative.Check(NnNative.cp_lstm_fused_set(value ? 1 : 0), "lstm fused kernel");
    }
}

/// <summary>Gated recurrent unit over <c>[N, T, F]</c> (batch-first) or <c>[T, N, F]</c>.</summary>
public sealed class GRU(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = true, double dropout = 0, bool bidirectional = false)
    : RecurrentLayer(true, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional);
#pragma warning restore CA1707, CA1711

/// <summary>Output of attention: the attended values and (when asked for) the attention weights.</summary>
public sealed record AttentionOutput(Tensor Output, Tensor? Weights);

/// <summary>
/// Multi-head attention. Inputs are <c>[L, N, E]</c> unless <c>batchFirst</c> is set, in which case they are
/// <c>[N, L, E]</c> and transposed around libtorch's call (libtorch has no batch_first for attention).
/// </summary>
public sealed class MultiheadAttention : NativeModule<Tensor, AttentionOutput>
{
    public MultiheadAttention(long embedDim, long numHeads, double dropout = 0, bool bias = true, bool batchFirst = true)
        : base(NnNative.cp_mha_new(embedDim, numHeads, dropout, bias ? 1 : 0, out var h), h, $"MultiheadAttention({embedDim}, {numHeads})")
    {
        BatchFirst = batchFirst;
    }

    public bool BatchFirst { get; }

    /// <summary>Self-attention: query = key = value = <paramref name="input"/>.</summary>
    public override AttentionOutput Forward(Tensor input) => Forward(input, input, input);

    /// <param name="keyPaddingMask">bool <c>[N, S]</c>, true = ignore that key.</param>
    /// <param name="attentionMask">additive float mask <c>[L, S]</c> (0 or -inf); bool masks are refused.</param>
    public AttentionOutput Forward(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask = null, bool needWeights = true,
        Tensor? attentionMask = null, bool averageWeights = true)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        using var scope = Torch.NewDisposeScope();
        var (q, k, v) = BatchFirst
            ? (query.Transpose(0, 1), ReferenceEquals(key, query) ? null : key.Transpose(0, 1), ReferenceEquals(value, query) ? null : value.Transpose(0, 1))
            : (query, key, value);
        k ??= q;
        v ??= q;
        var status = NnNative.cp_mha_forward(Handle, q.Handle, k.Handle, v.Handle, Tensor.HandleOrNull(keyPaddingMask), needWeights ? 1 : 0,
            Tensor.HandleOrNull(attentionMask), averageWeights ? 1 : 0, out var o, out var w);
        GC.KeepAlive(keyPaddingMask);
        GC.KeepAlive(attentionMask);
        if (status != 0)
        {
            o.Dispose();
            w.Dispose();
            ErrorNative.Check(status, $"MultiheadAttention.forward([{string.Join(", ", query.Shape)}])");
        }

        var output = new Tensor(o);
        if (BatchFirst)
        {
            output = output.Transpose(0, 1);
        }

        output.MoveToOuterDisposeScope();
        Tensor? weights = null;
        if (w.IsInvalid)
        {
            w.Dispose();
        }
        else
        {
            weights = new Tensor(w).MoveToOuterDisposeScope();
        }

        return new AttentionOutput(output, weights);
    }
}

/// <summary>Zeroes elements with probability p in training mode and rescales the rest; identity in eval mode.</summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    public Dropout(double p = 0.5)
    {
        if (p is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
        }

        P = p;
    }

    public double P { get; }

    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining);
}

/// <summary>Applies its modules in order.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _layers = [];

    public Sequential(params Module<Tensor, Tensor>[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers)
        {
            Add(layer);
        }
    }

    public Sequential Add(Module<Tensor, Tensor> layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_layers.Count == 0)
        {
            return input.Clone();
        }

        // Intermediate results die with this scope; only the last one is handed to the caller's scope.
        using var scope = Torch.NewDisposeScope();
        var x = input;
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x.MoveToOuterDisposeScope();
    }
}

/// <summary>Applies an element-wise function (ReLU, tanh, ...) as a module, for <see cref="Sequential"/>.</summary>
public sealed class Activation(Func<Tensor, Tensor> function, string name) : Module<Tensor, Tensor>
{
    public string Name { get; } = name;

    public static Activation ReLU() => new(x => x.Relu(), "ReLU");

    public static Activation Tanh() => new(x => x.Tanh(), "Tanh");

    public static Activation GELU() => new(x => x.Gelu(), "GELU");

    public static Activation Sigmoid() => new(x => x.Sigmoid(), "Sigmoid");

    public override Tensor Forward(Tensor input) => function(input);
}

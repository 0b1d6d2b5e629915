using CryptoPredict.Torch.Native;

namespace CryptoPredict.Torch.Nn;

/// <summary>Stateless layers and losses (PyTorch's <c>torch.nn.functional</c>).</summary>
public static class Functional
{
    public static Tensor Dropout(Tensor input, double p, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(TensorNative.cp_dropout(input.Handle, p, training ? 1 : 0, out var h), h, "dropout");
    }

    /// <summary>
    /// Dot-product self-attention without weights, <c>softmax(scale · x xᵀ) x</c> over <c>[batch, steps, features]</c>
    /// (Keras' <c>Attention()</c> with query = value = x when <paramref name="scale"/> is 1). On CPU one autograd node
    /// that splits the batch across the cores the runtime was given; elsewhere the same composition of bmm and softmax.
    /// </summary>
    public static Tensor SelfAttention(Tensor input, double scale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(TensorNative.cp_self_attention(input.Handle, scale, out var h), h, "self_attention");
    }

    /// <summary>Adaptive average pooling over the last (time) dimension of <c>[N, C, L]</c>.</summary>
    public static Tensor AdaptiveAvgPool1d(Tensor input, long outputSize) => Pool(PoolOp.AdaptiveAvg, input, outputSize, 0, "adaptive_avg_pool1d");

    public static Tensor AdaptiveMaxPool1d(Tensor input, long outputSize) => Pool(PoolOp.AdaptiveMax, input, outputSize, 0, "adaptive_max_pool1d");

    public static Tensor AvgPool1d(Tensor input, long kernelSize, long? stride = null) => Pool(PoolOp.Avg, input, kernelSize, stride ?? kernelSize, "avg_pool1d");

    public static Tensor MaxPool1d(Tensor input, long kernelSize, long? stride = null) => Pool(PoolOp.Max, input, kernelSize, stride ?? kernelSize, "max_pool1d");

    private static Tensor Pool(PoolOp op, Tensor input, long a, long b, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(TensorNative.cp_pool1d((int)op, input.Handle, a, b, out var h), h, name);
    }

    // ---- losses --------------------------------------------------------------------------------

    private static Tensor Loss(int kind, Tensor input, Tensor target, Tensor? weight, Tensor? extra, Reduction reduction, double param, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        var status = NnNative.cp_loss(kind, input.Handle, target.Handle, Tensor.HandleOrNull(weight), Tensor.HandleOrNull(extra), (int)reduction, param, out var h);
        GC.KeepAlive(weight);
        GC.KeepAlive(extra);
        return Tensor.Wrap(status, h, name);
    }

    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) => Loss(0, input, target, null, null, reduction, 0, "mse_loss");

    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) => Loss(1, input, target, null, null, reduction, 0, "l1_loss");

    public static Tensor HuberLoss(Tensor input, Tensor target, double delta = 1.0, Reduction reduction = Reduction.Mean) =>
        Loss(2, input, target, null, null, reduction, delta, "huber_loss");

    public static Tensor SmoothL1Loss(Tensor input, Tensor target, double beta = 1.0, Reduction reduction = Reduction.Mean) =>
        Loss(3, input, target, null, null, reduction, beta, "smooth_l1_loss");

    /// <summary>Cross-entropy of logits <c>[N, C]</c> against class indices <c>[N]</c> (int64), with optional class weights.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Tensor? classWeights = null, Reduction reduction = Reduction.Mean, double labelSmoothing = 0) =>
        Loss(4, logits, target, classWeights, null, reduction, labelSmoothing, "cross_entropy");

    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target, Tensor? weight = null, Tensor? positiveWeight = null, Reduction reduction = Reduction.Mean) =>
        Loss(5, logits, target, weight, positiveWeight, reduction, 0, "binary_cross_entropy_with_logits");

    public static Tensor NllLoss(Tensor logProbabilities, Tensor target, Tensor? classWeights = null, Reduction reduction = Reduction.Mean) =>
        Loss(6, logProbabilities, target, classWeights, null, reduction, 0, "nll_loss");

    /// <summary>Scales gradients so their global norm is at most <paramref name="maxNorm"/>; returns the norm before clipping.</summary>
    public static unsafe double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2.0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToArray();
        var raw = new IntPtr[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            raw[i] = list[i].Handle.DangerousGetHandle();
        }

        fixed (IntPtr* p = raw)
        {
            var status = NnNative.cp_clip_grad_norm(p, raw.Length, maxNorm, normType, out var total);
            GC.KeepAlive(list);
            ErrorNative.Check(status, "clip_grad_norm");
            return total;
        }
    }
}

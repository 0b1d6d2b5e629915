namespace CryptoPredict.Core.Export.Onnx;

/// <summary>
/// The projections of a PyTorch <c>nn.MultiheadAttention</c> named <c>attn</c>: <c>in_proj_weight</c> [3E, E] and
/// <c>in_proj_bias</c> [3E] hold W_q, W_k, W_v (and their biases) stacked in that order, <c>out_proj</c> is a Linear(E, E).
/// </summary>
internal sealed class AttentionProjections
{
    private readonly OnnxLayers _layers;
    private readonly int _embed;
    private readonly float[] _inWeight;
    private readonly float[] _inBias;

    public AttentionProjections(OnnxLayers layers, int embed, string prefix = "attn")
    {
        _layers = layers;
        _embed = embed;
        Prefix = prefix;
        _inWeight = layers.Weights.Floats(prefix + ".in_proj_weight", 3 * embed, embed);
        _inBias = layers.Weights.Floats(prefix + ".in_proj_bias", 3 * embed);
    }

    public string Prefix { get; }

    /// <summary>Block 0 (query), 1 (key) or 2 (value) of the input projection applied to <paramref name="input"/>.</summary>
    public string Project(string input, int block, bool matrix)
    {
        var name = Prefix + "." + (block switch { 0 => "q_proj", 1 => "k_proj", _ => "v_proj" });
        var weight = _inWeight.AsSpan(block * _embed * _embed, _embed * _embed).ToArray();
        var bias = _inBias.AsSpan(block * _embed, _embed).ToArray();
        return _layers.Affine(name, input, weight, bias, _embed, _embed, matrix);
    }

    public string Output(string input) => _layers.Linear(Prefix + ".out_proj", input, _embed, _embed);
}

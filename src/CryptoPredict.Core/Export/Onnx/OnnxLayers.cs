using static CryptoPredict.Core.Export.Onnx.OnnxGraphBuilder;

namespace CryptoPredict.Core.Export.Onnx;

/// <summary>
/// The binding's layers as ONNX nodes, reading PyTorch-named parameters (<c>l1.weight_ih_l0</c>, <c>conv.weight</c>).
/// Recurrent layers run time-major (<c>[T, B, F]</c>, ONNX's default LSTM layout), which ONNX Runtime implements
/// for every shape; the networks keep sequences time-major between layers so no transposes pile up.
/// </summary>
internal sealed class OnnxLayers(OnnxGraphBuilder graph, ExportWeights weights)
{
    // ONNX orders an LSTM's gate blocks input, output, forget, cell; PyTorch input, forget, cell (g), output.
    private static readonly int[] OnnxGateFromPyTorch = [0, 3, 1, 2];

    public OnnxGraphBuilder Graph => graph;

    public ExportWeights Weights => weights;

    /// <summary>y = x Wᵀ + b with <paramref name="prefix"/>.weight and .bias; see <see cref="Affine"/>.</summary>
    public string Linear(string prefix, string input, long inFeatures, long outFeatures, bool bias = true, bool matrix = true) =>
        Affine(prefix, input, weights.Floats(prefix + ".weight", outFeatures, inFeatures), bias ? weights.Floats(prefix + ".bias", outFeatures) : null,
            inFeatures, outFeatures, matrix);

    /// <summary>
    /// y = x Wᵀ + b for W [out, in]: Gemm when x is [B, in] (<paramref name="matrix"/>), otherwise MatMul with Wᵀ and
    /// Add over the last axis of a longer x.
    /// </summary>
    public string Affine(string prefix, string input, float[] weight, float[]? bias, long inFeatures, long outFeatures, bool matrix)
    {
        if (matrix)
        {
            string[] inputs = bias is not null
                ? [input, graph.Floats(prefix + ".weight", weight, outFeatures, inFeatures), graph.Floats(prefix + ".bias", bias, outFeatures)]
                : [input, graph.Floats(prefix + ".weight", weight, outFeatures, inFeatures)];
            return graph.Node("Gemm", inputs, prefix + "/out", Int("transB", 1));
        }

        var transposed = new float[weight.Length];
        for (var o = 0; o < outFeatures; o++)
        {
            for (var i = 0; i < inFeatures; i++)
            {
                transposed[(i * outFeatures) + o] = weight[(o * inFeatures) + i];
            }
        }

        var product = graph.Node("MatMul", [input, graph.Floats(prefix + ".weight_t", transposed, inFeatures, outFeatures)], prefix + "/matmul");
        return bias is not null ? graph.Node("Add", [product, graph.Floats(prefix + ".bias", bias, outFeatures)], prefix + "/out") : product;
    }

    /// <summary>
    /// One PyTorch LSTM layer (<paramref name="prefix"/>.weight_ih_l0 ..., with <c>_reverse</c> for the backward
    /// direction) over a time-major <paramref name="input"/> [T, B, in]: the sequence [T, B, directions·H] (forward
    /// then backward features per step, as PyTorch concatenates them) and the final hidden state [directions, B, H].
    /// The bias is b_ih and b_hh side by side, the ONNX layout; zero initial states, as the models use.
    /// </summary>
    public (string Sequence, string Hidden) Lstm(string prefix, string input, long inputSize, long hidden, bool bidirectional)
    {
        var directions = bidirectional ? 2 : 1;
        var w = new List<float>();
        var r = new List<float>();
        var b = new List<float>();
        foreach (var suffix in bidirectional ? new[] { "_l0", "_l0_reverse" } : ["_l0"])
        {
            w.AddRange(Gates(weights.Floats(prefix + ".weight_ih" + suffix, 4 * hidden, inputSize), hidden, inputSize));
            r.AddRange(Gates(weights.Floats(prefix + ".weight_hh" + suffix, 4 * hidden, hidden), hidden, hidden));
            b.AddRange(Gates(weights.Floats(prefix + ".bias_ih" + suffix, 4 * hidden), hidden, 1));
            b.AddRange(Gates(weights.Floats(prefix + ".bias_hh" + suffix, 4 * hidden), hidden, 1));
        }

        var outputs = graph.NodeWithOutputs(
            "LSTM",
            [
                input,
                graph.Floats(prefix + ".W", w.ToArray(), directions, 4 * hidden, inputSize),
                graph.Floats(prefix + ".R", r.ToArray(), directions, 4 * hidden, hidden),
                graph.Floats(prefix + ".B", b.ToArray(), directions, 8 * hidden),
            ],
            [prefix + "/Y", prefix + "/Y_h"],
            Int("hidden_size", hidden),
            Text("direction", bidirectional ? "bidirectional" : "forward"));

        // Y is [T, directions, B, H]; PyTorch's output is [T, B, directions·H].
        var sequence = bidirectional
            ? graph.Node("Reshape",
                [graph.Node("Transpose", [outputs[0]], prefix + "/Y_tbdh", Ints("perm", 0, 2, 1, 3)), graph.Shape(prefix + "/seq_shape", 0, 0, -1)],
                prefix + "/sequence")
            : graph.Node("Squeeze", [outputs[0], graph.Shape(prefix + "/axis1", 1)], prefix + "/sequence");
        return (sequence, outputs[1]);
    }

    /// <summary>Conv1d over [B, C_in, L] with its PyTorch weight [C_out, C_in, k] and symmetric zero padding.</summary>
    public string Conv1d(string prefix, string input, long inChannels, long outChannels, long kernel, long padding)
    {
        return graph.Node(
            "Conv",
            [
                input,
                graph.Floats(prefix + ".weight", weights.Floats(prefix + ".weight", outChannels, inChannels, kernel), outChannels, inChannels, kernel),
                graph.Floats(prefix + ".bias", weights.Floats(prefix + ".bias", outChannels), outChannels),
            ],
            prefix + "/out",
            Ints("kernel_shape", kernel),
            Ints("pads", padding, padding),
            Ints("strides", 1),
            Ints("dilations", 1));
    }

    /// <summary>BatchNorm1d in inference form (running mean and variance) over [N, C] or [N, C, L].</summary>
    public string BatchNorm(string prefix, string input, long channels, double epsilon = 1e-5) => graph.Node(
        "BatchNormalization",
        [
            input,
            graph.Floats(prefix + ".weight", weights.Floats(prefix + ".weight", channels), channels),
            graph.Floats(prefix + ".bias", weights.Floats(prefix + ".bias", channels), channels),
            graph.Floats(prefix + ".running_mean", weights.Floats(prefix + ".running_mean", channels), channels),
            graph.Floats(prefix + ".running_var", weights.Floats(prefix + ".running_var", channels), channels),
        ],
        prefix + "/out",
        Float("epsilon", (float)epsilon));

    public string Relu(string input) => graph.Node("Relu", [input], input + "/relu");

    // Reorders the four gate blocks (each hidden rows of width columns) from PyTorch's order to ONNX's.
    private static float[] Gates(float[] pytorch, long hidden, long width)
    {
        var block = (int)(hidden * width);
        var onnx = new float[pytorch.Length];
        for (var gate = 0; gate < 4; gate++)
        {
            Array.Copy(pytorch, OnnxGateFromPyTorch[gate] * block, onnx, gate * block, block);
        }

        return onnx;
    }
}

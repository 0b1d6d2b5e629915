using CryptoPredict.Core.Models;
using static CryptoPredict.Core.Export.Onnx.OnnxGraphBuilder;

namespace CryptoPredict.Core.Export.Onnx;

/// <summary>
/// The five architectures' <c>Forward</c> in evaluation mode (dropout is the identity, batch norm uses its running
/// statistics) as ONNX nodes: from the scaled window <c>[B, T, F]</c> (float32) to the network's output
/// <c>[B, outputs]</c>, the same tensor <see cref="ForecastModel.Forward"/> returns. Each method mirrors its model's
/// Forward line by line; the layer sizes are the models' constants.
/// </summary>
internal static class OnnxNetworks
{
    /// <param name="outputs">Columns of the last layer of the single-head regressors (more targets, quantile heads; see <see cref="ForecastHeads"/>).</param>
    public static string Forward(string architecture, OnnxLayers layers, string input, int features, int outputs = 1) => architecture switch
    {
        "lstm" => LstmClose(layers, input, features, outputs),
        "bilstm-ohlc" => BiLstmOhlc(layers, input, features),
        "lstm-attn-vol" => LstmAttentionVolatility(layers, input, features, outputs),
        "cnn-lstm-regime" => CnnLstmRegime(layers, input, features),
        "cnn-lstm-attn" => CnnLstmAttention(layers, input, features, outputs),
        _ => throw new ArgumentException($"No ONNX graph for architecture '{architecture}'. Known: {string.Join(", ", ModelCatalog.Names)}.", nameof(architecture)),
    };

    private static string TimeMajor(OnnxGraphBuilder graph, string batchMajor) =>
        graph.Node("Transpose", [batchMajor], "time_major", Ints("perm", 1, 0, 2));

    private static string LastHidden(OnnxGraphBuilder graph, string hidden) =>
        graph.Node("Squeeze", [hidden, graph.Shape("axis0", 0)], hidden + "/last");

    // LstmCloseModel: LSTM(50) → LSTM(50), final hidden state → Linear(50→1).
    private static string LstmClose(OnnxLayers layers, string input, int features, int outputs)
    {
        var graph = layers.Graph;
        var (sequence, _) = layers.Lstm("l1", TimeMajor(graph, input), features, 50, bidirectional: false);
        var (_, hidden) = layers.Lstm("l2", sequence, 50, 50, bidirectional: false);
        return layers.Linear("fc", LastHidden(graph, hidden), 50, outputs);
    }

    // BiLstmOhlcModel: BiLSTM 128/64/32, last = [forward final | backward final], two ReLU layers, four heads with
    // high = max(o, c) + softplus(h) and low = min(o, c) − softplus(l).
    private static string BiLstmOhlc(OnnxLayers layers, string input, int features)
    {
        var graph = layers.Graph;
        var (sequence, _) = layers.Lstm("l1", TimeMajor(graph, input), features, 128, bidirectional: true);
        (sequence, _) = layers.Lstm("l2", sequence, 256, 64, bidirectional: true);
        var (_, hidden) = layers.Lstm("l3", sequence, 128, 32, bidirectional: true); // [2, B, 32]
        var last = graph.Node("Reshape",
            [graph.Node("Transpose", [hidden], "l3/h_bdh", Ints("perm", 1, 0, 2)), graph.Shape("batch_flat", 0, -1)], "last");
        var z = layers.Relu(layers.Linear("fc2", layers.Relu(layers.Linear("fc1", last, 64, 64)), 64, 32));
        var open = layers.Linear("open", z, 32, 1);
        var close = layers.Linear("close", z, 32, 1);
        var high = graph.Node("Add",
            [graph.Node("Max", [open, close], "upper"), graph.Node("Softplus", [layers.Linear("high", z, 32, 1)], "high/softplus")], "high_value");
        var low = graph.Node("Sub",
            [graph.Node("Min", [open, close], "lower"), graph.Node("Softplus", [layers.Linear("low", z, 32, 1)], "low/softplus")], "low_value");
        return graph.Node("Concat", [open, high, low, close], "ohlc", Int("axis", 1));
    }

    // LstmAttentionVolatilityModel: LSTM 128 → BN → LSTM 64 → BN → LSTM 32 → softmaxₜ(vᵀ tanh(W hₜ + b)) pooling → MLP.
    private static string LstmAttentionVolatility(OnnxLayers layers, string input, int features, int outputs)
    {
        var graph = layers.Graph;
        var (sequence, _) = layers.Lstm("l1", TimeMajor(graph, input), features, 128, bidirectional: false);
        sequence = NormalizeSteps(layers, "bn1", sequence, 128);
        (sequence, _) = layers.Lstm("l2", sequence, 128, 64, bidirectional: false);
        sequence = NormalizeSteps(layers, "bn2", sequence, 64);
        (sequence, _) = layers.Lstm("l3", sequence, 64, 32, bidirectional: false);     // [T, B, 32]
        var scores = layers.Linear("att_v",
            graph.Node("Tanh", [layers.Linear("att_w", sequence, 32, 32, matrix: false)], "att/tanh"), 32, 1, bias: false, matrix: false);
        var weights = graph.Node("Softmax", [scores], "att/weights", Int("axis", 0));  // over time
        var pooled = graph.Node("ReduceSum",
            [graph.Node("Mul", [weights, sequence], "att/weighted"), graph.Shape("att/axis0", 0)], "att/pooled", Int("keepdims", 0));
        return layers.Linear("fc2", layers.Relu(layers.Linear("fc1", pooled, 32, 32)), 32, outputs);
    }

    // Batch norm per channel over every step of every sample, as the model's view of [B·T, C].
    private static string NormalizeSteps(OnnxLayers layers, string prefix, string sequence, long channels)
    {
        var graph = layers.Graph;
        var flat = graph.Node("Reshape", [sequence, graph.Shape(prefix + "/flat_shape", -1, channels)], prefix + "/flat");
        var shape = graph.Node("Shape", [sequence], prefix + "/shape");
        return graph.Node("Reshape", [layers.BatchNorm(prefix, flat, channels), shape], prefix + "/sequence");
    }

    // CnnLstmRegimeModel: Conv(k3, valid)+ReLU → BN → LSTM 128 → softmax(x xᵀ) x → LSTM 64 final state → MLP → logits.
    private static string CnnLstmRegime(OnnxLayers layers, string input, int features)
    {
        var graph = layers.Graph;
        var channels = graph.Node("Transpose", [input], "channels_first", Ints("perm", 0, 2, 1));
        var conv = layers.BatchNorm("bn", layers.Relu(layers.Conv1d("conv", channels, features, 64, 3, padding: 0)), 64); // [B, 64, T-2]
        var steps = graph.Node("Transpose", [conv], "conv/time_major", Ints("perm", 2, 0, 1));
        var (sequence, _) = layers.Lstm("l1", steps, 64, 128, bidirectional: false);          // [T', B, 128]
        var batchMajor = graph.Node("Transpose", [sequence], "attn/x", Ints("perm", 1, 0, 2));  // [B, T', 128]
        var similarity = graph.Node("MatMul",
            [batchMajor, graph.Node("Transpose", [batchMajor], "attn/x_t", Ints("perm", 0, 2, 1))], "attn/scores");
        var attended = graph.Node("MatMul", [graph.Node("Softmax", [similarity], "attn/weights", Int("axis", -1)), batchMajor], "attn/out");
        var (_, hidden) = layers.Lstm("l2", graph.Node("Transpose", [attended], "attn/time_major", Ints("perm", 1, 0, 2)), 128, 64, bidirectional: false);
        return layers.Linear("fc2", layers.Relu(layers.Linear("fc1", LastHidden(graph, hidden), 64, 32)), 32, 3);
    }

    // CnnLstmAttentionModel: Conv(k3, same)+ReLU; mean over time beside the last step's 4-head attention over the
    // LSTM sequence (nn.MultiheadAttention's in_proj [W_q; W_k; W_v] and out_proj) → Linear+ReLU → Linear.
    private static string CnnLstmAttention(OnnxLayers layers, string input, int features, int outputs)
    {
        const int Channels = 64;
        const int Heads = 4;
        const int HeadSize = Channels / Heads;
        var graph = layers.Graph;
        var channels = graph.Node("Transpose", [input], "channels_first", Ints("perm", 0, 2, 1));
        var conv = layers.Relu(layers.Conv1d("conv", channels, features, Channels, 3, padding: 1));                // [B, 64, T]
        var pooled = graph.Node("ReduceMean", [conv], "pooled", Ints("axes", 2), Int("keepdims", 0));              // [B, 64]
        var steps = graph.Node("Transpose", [conv], "conv/time_major", Ints("perm", 2, 0, 1));
        var (sequence, _) = layers.Lstm("lstm", steps, Channels, Channels, bidirectional: false);                 // [T, B, 64]
        var last = graph.Node("Gather", [sequence, graph.Int64s("last_step", [-1])], "attn/last", Int("axis", 0)); // [B, 64]

        var projections = new AttentionProjections(layers, Channels);
        var query = graph.Node("Reshape",
            [graph.Node("Mul", [projections.Project(last, 0, matrix: true), graph.Floats("attn/scale", [(float)(1.0 / Math.Sqrt(HeadSize))])], "attn/q_scaled"),
             graph.Shape("attn/q_shape", 0, Heads, HeadSize)], "attn/q");                                                // [B, 4, 16]
        var headShape = graph.Shape("attn/kv_shape", 0, 0, Heads, HeadSize);
        var keys = graph.Node("Reshape", [projections.Project(sequence, 1, matrix: false), headShape], "attn/k");     // [T, B, 4, 16]
        var values = graph.Node("Reshape", [projections.Project(sequence, 2, matrix: false), headShape], "attn/v");
        var scores = graph.Node("ReduceSum", [graph.Node("Mul", [keys, query], "attn/kq"), graph.Shape("attn/last_axis", -1)], "attn/scores", Int("keepdims", 0));
        var weights = graph.Node("Unsqueeze",
            [graph.Node("Softmax", [scores], "attn/weights", Int("axis", 0)), graph.Shape("attn/unsqueeze_axis", -1)], "attn/weights_4d"); // [T, B, 4, 1]
        var heads = graph.Node("ReduceSum", [graph.Node("Mul", [weights, values], "attn/wv"), graph.Shape("attn/time_axis", 0)], "attn/heads", Int("keepdims", 0));
        var attended = projections.Output(graph.Node("Reshape", [heads, graph.Shape("attn/concat_shape", 0, Channels)], "attn/concat"));
        var joined = graph.Node("Concat", [pooled, attended], "joined", Int("axis", 1));
        return layers.Linear("fc2", layers.Relu(layers.Linear("fc1", joined, 2 * Channels, Channels)), Channels, outputs);
    }
}

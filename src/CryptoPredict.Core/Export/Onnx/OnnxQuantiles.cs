using CryptoPredict.Core.Models;
using static CryptoPredict.Core.Export.Onnx.OnnxGraphBuilder;

namespace CryptoPredict.Core.Export.Onnx;

/// <summary>
/// The non-crossing rule of <see cref="ForecastHeads.ToTargetUnits"/> as ONNX nodes: the point columns pass as they
/// are; each target's quantile columns are sorted increasing (TopK of all of them, smallest first).
/// </summary>
internal static class OnnxQuantiles
{
    public static string Sorted(OnnxGraphBuilder graph, string target, ForecastHeads heads, string output)
    {
        var levels = heads.Quantiles.Count;
        var point = graph.Node("Slice",
            [target, graph.Shape("quantiles/point_start", 0), graph.Shape("quantiles/point_end", heads.Targets), graph.Shape("quantiles/axis1", 1)],
            "quantiles/point");
        var columns = graph.Node("Slice",
            [target, graph.Shape("quantiles/start", heads.Targets), graph.Shape("quantiles/end", heads.Outputs), graph.Shape("quantiles/axis1b", 1)],
            "quantiles/columns");
        var perTarget = graph.Node("Reshape", [columns, graph.Shape("quantiles/by_target", 0, heads.Targets, levels)], "quantiles/by_target");
        var sorted = graph.NodeWithOutputs("TopK", [perTarget, graph.Shape("quantiles/k", levels)], ["quantiles/sorted", "quantiles/order"],
            Int("axis", 2), Int("largest", 0), Int("sorted", 1))[0];
        var flat = graph.Node("Reshape", [sorted, graph.Shape("quantiles/flat", 0, heads.Targets * levels)], "quantiles/flat");
        return graph.Node("Concat", [point, flat], output, Int("axis", 1));
    }
}

using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Export.Onnx.Schema;
using CryptoPredict.Core.Models;
using Google.Protobuf;
using static CryptoPredict.Core.Export.Onnx.OnnxGraphBuilder;
using DataType = CryptoPredict.Core.Export.Onnx.Schema.TensorProto.Types.DataType;

namespace CryptoPredict.Core.Export.Onnx;

/// <summary>
/// A bundle as one ONNX model (IR version 8, default-domain opset 17) that does everything <c>predict</c> does after
/// the features are computed:
/// <list type="number">
/// <item><c>features</c> double [batch, window, F]: the raw (unscaled) feature rows of each window, oldest first, in
/// the bundle's column order. Scaled in double precision as the tool does, (x − center) / scale, then cast to float32.</item>
/// <item>the network in float32, as <see cref="ForecastModel.Forward"/> in evaluation mode.</item>
/// <item><c>target</c> double [batch, outputs]: the network's output in target units, output · scale + center of the
/// target scaler (log returns against the last close, or a volatility or its log), or the softmax of a classifier's logits: what
/// the tool's Forecaster returns. With quantile heads each target's quantile columns are sorted increasing, as the
/// Forecaster sorts them (<see cref="ForecastHeads.ToTargetUnits"/>).</item>
/// <item><c>forecast</c> double [batch, outputs]: what <c>predict</c> shows: last_close · exp(target) for price models
/// (input <c>last_close</c> double [batch, 1], the close of each window's last candle), exp(target) for a log
/// volatility (max(target, 0) for a plain one), the probabilities unchanged for regimes.</item>
/// </list>
/// </summary>
public static class OnnxModel
{
    public const long IrVersion = 8;
    public const long Opset = 17;
    public const string FeaturesInput = "features";
    public const string LastCloseInput = "last_close";
    public const string TargetOutput = "target";
    public const string ForecastOutput = "forecast";
    public const string BatchDimension = "batch";

    /// <summary>The serialized ModelProto of <paramref name="bundle"/>; a <see cref="ModelBundleException"/> when its weights do not fit its architecture.</summary>
    public static byte[] Build(ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var description = bundle.Description;
        var architecture = bundle.Architecture;
        var features = description.Architecture.InputFeatures;
        var outputs = description.Architecture.Outputs;
        var graph = new OnnxGraphBuilder(architecture.Name.Replace('-', '_'));
        var layers = new OnnxLayers(graph, ExportWeights.Of(bundle));
        var isPrice = Prediction.ForecastDecoding.IsPrice(architecture.Kind);

        graph.Input(FeaturesInput, DataType.Double, BatchDimension, description.Window, features);
        if (isPrice)
        {
            graph.Input(LastCloseInput, DataType.Double, BatchDimension, 1);
        }

        var scaler = bundle.FeatureScaler;
        var scaled = graph.Node("Div",
            [graph.Node("Sub", [FeaturesInput, graph.Doubles("feature_scaler.center", scaler.Center.ToArray(), features)], "features/centered"),
             graph.Doubles("feature_scaler.scale", scaler.Scale.ToArray(), features)],
            "features/scaled");
        var input = graph.Node("Cast", [scaled], "features/float", Int("to", (long)DataType.Float));
        var heads = bundle.Heads;
        var network = architecture.IsClassifier
            ? OnnxNetworks.Forward(architecture.Name, layers, input, features)
            : OnnxNetworks.Forward(architecture.Name, layers, input, features, heads.Outputs);

        string target;
        if (architecture.IsClassifier)
        {
            target = graph.Node("Cast", [graph.Node("Softmax", [network], "probabilities", Int("axis", 1))], TargetOutput, Int("to", (long)DataType.Double));
        }
        else
        {
            var targets = bundle.TargetScaler;
            var wide = graph.Node("Cast", [network], "network/double", Int("to", (long)DataType.Double));
            var unscaled = graph.Node("Add",
                [graph.Node("Mul", [wide, graph.Doubles("target_scaler.scale", heads.PerOutput(targets.Scale), outputs)], "target/scaled"),
                 graph.Doubles("target_scaler.center", heads.PerOutput(targets.Center), outputs)],
                heads.HasQuantiles ? "target/unsorted" : TargetOutput);
            target = heads.HasQuantiles ? OnnxQuantiles.Sorted(graph, unscaled, heads, TargetOutput) : unscaled;
        }

        var forecast = architecture.Kind switch
        {
            ForecastKind.Close or ForecastKind.Ohlc =>
                graph.Node("Mul", [graph.Node("Exp", [target], "target/exp"), LastCloseInput], ForecastOutput),
            ForecastKind.Volatility when ExportDescription.LearnsLogVolatility(description) => graph.Node("Exp", [target], ForecastOutput),
            ForecastKind.Volatility => graph.Node("Max", [target, graph.Doubles("zero", [0.0])], ForecastOutput),
            _ => graph.Node("Identity", [target], ForecastOutput),
        };
        graph.Output(target, DataType.Double, BatchDimension, outputs);
        graph.Output(forecast, DataType.Double, BatchDimension, outputs);

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "cryptopredict",
            ProducerVersion = typeof(OnnxModel).Assembly.GetName().Version?.ToString() ?? "0",
            Domain = "org.cryptopredict",
            ModelVersion = 1,
            DocString = $"{architecture.Name} for {description.Symbol} {description.Interval}: {architecture.Description}. " +
                "Inputs: features (raw, unscaled) and, for price models, last_close; outputs: target (target units) and forecast (as predict shows it).",
            Graph = graph.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        foreach (var (key, value) in Metadata(bundle))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model.ToByteArray();
    }

    private static IEnumerable<(string Key, string Value)> Metadata(ModelBundle bundle)
    {
        var description = bundle.Description;
        yield return ("cryptopredict.architecture", description.Architecture.Name);
        yield return ("cryptopredict.kind", description.Architecture.Kind);
        yield return ("cryptopredict.symbol", description.Symbol);
        yield return ("cryptopredict.interval", description.Interval);
        yield return ("cryptopredict.features", description.Features);
        yield return ("cryptopredict.feature_columns", string.Join(",", description.FeatureColumns));
        yield return ("cryptopredict.targets", string.Join(",", description.Targets));
        yield return ("cryptopredict.weights_sha256", description.WeightsSha256);
        if (bundle.Version is { } version)
        {
            yield return ("cryptopredict.bundle_version", version);
        }
    }
}

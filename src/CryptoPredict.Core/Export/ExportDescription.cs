using CryptoPredict.Core.Artifacts;
using CryptoPredict.Core.Export.Onnx;
using CryptoPredict.Core.Features;
using CryptoPredict.Core.Models;
using CryptoPredict.Core.Prediction;

namespace CryptoPredict.Core.Export;

/// <summary>
/// <c>export.json</c>, the sidecar of an exported model (snake_case on disk): everything a consumer needs to reproduce
/// <c>predict</c> besides the network: which candles and features, the window, both scalers and the decoding rule. The
/// ONNX model applies the scalers and the decoding itself (see <see cref="OnnxModel"/>); they are repeated here for
/// consumers that feed the network directly, and the PyTorch module (model.py) reads them from this file.
/// </summary>
public sealed record ExportDescription
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary><c>onnx</c> or <c>pytorch</c>.</summary>
    public required string Format { get; init; }

    public required string Symbol { get; init; }

    public required string Interval { get; init; }

    /// <summary>The architecture's command-line name (<c>bilstm-ohlc</c>).</summary>
    public required string Model { get; init; }

    /// <summary><c>close</c>, <c>ohlc</c>, <c>volatility</c> or <c>regime</c>.</summary>
    public required string Kind { get; init; }

    public required ExportedBundle Bundle { get; init; }

    /// <summary>The feature set text, as <c>--features</c> takes it.</summary>
    public required string Features { get; init; }

    /// <summary>The network's input columns, in order.</summary>
    public required IReadOnlyList<string> FeatureColumns { get; init; }

    /// <summary>Candles per window, ending at the candle the forecast is made at (its close is <c>last_close</c>).</summary>
    public required int Window { get; init; }

    /// <summary>Candles ahead the forecast is for (volatility: the number of future returns).</summary>
    public required int Horizon { get; init; }

    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Names of the forecast's values, in output order (the keys of <c>predict --json</c>'s forecast).</summary>
    public required IReadOnlyList<string> OutputNames { get; init; }

    /// <summary>scaled = (x − center) / scale per feature column, in double precision, then float32 for the network.</summary>
    public required ExportedScaler FeatureScaler { get; init; }

    /// <summary>target = output · scale + center per output (double); null for a classifier, whose outputs are logits.</summary>
    public ExportedScaler? TargetScaler { get; init; }

    public required ExportedDecoding Decoding { get; init; }

    public ExportedOnnx? Onnx { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("pytorch")]
    public ExportedPyTorch? PyTorch { get; init; }

    /// <summary>How to compute the feature rows the network reads from a candle file with this tool.</summary>
    public required string FeaturesCommand { get; init; }

    public static ExportDescription For(ModelBundle bundle, ExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var description = bundle.Description;
        var kind = bundle.Architecture.Kind;
        return new ExportDescription
        {
            Format = format == ExportFormat.Onnx ? "onnx" : "pytorch",
            Symbol = description.Symbol,
            Interval = description.Interval,
            Model = description.Architecture.Name,
            Kind = description.Architecture.Kind,
            Bundle = new ExportedBundle(bundle.Version, description.CreatedUtc, description.WeightsSha256),
            Features = description.Features,
            FeatureColumns = description.FeatureColumns,
            Window = description.Window,
            Horizon = description.Horizon,
            Targets = description.Targets,
            OutputNames = OutputNamesOf(kind, description),
            FeatureScaler = ExportedScaler.Of(bundle.FeatureScaler),
            TargetScaler = bundle.Architecture.IsClassifier ? null : ExportedScaler.PerOutput(bundle.TargetScaler, bundle.Heads),
            Decoding = ExportedDecoding.Of(kind, LearnsLogVolatility(description)),
            FeaturesCommand = $"cryptopredict preprocess --data CANDLES.csv --interval {description.Interval} --features \"{description.Features}\" --output features.csv",
        };
    }

    /// <summary>The value names <see cref="Predictor"/> gives a forecast of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<string> OutputNamesOf(ForecastKind kind, ModelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        IReadOnlyList<string> points = kind switch
        {
            ForecastKind.Ohlc => ["open", "high", "low", "close"],
            ForecastKind.Close => description.Training.Horizons is null ? ["close"] : description.Targets,
            ForecastKind.Volatility => [TargetSet.ParseOne(description.Targets[0]) is RealizedVolatilityTarget volatility ? volatility.VolatilityName : description.Targets[0]],
            _ => ForecastDecoding.RegimeNames,
        };
        return description.Training.Quantiles is { } quantiles && kind != ForecastKind.Regime
            ? ForecastHeads.Of(points.Count, quantiles).OutputNames(points)
            : points;
    }

    /// <summary>True when the bundle's network learned ln(realized volatility) (<c>log_realized_vol_N</c>), decoded with exp.</summary>
    public static bool LearnsLogVolatility(ModelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return description.Targets.Count == 1
            && TargetSet.ParseOne(description.Targets[0]) is RealizedVolatilityTarget { IsLog: true };
    }
}

/// <summary>The bundle version exported, so a consumer can tell which training it holds.</summary>
public sealed record ExportedBundle(string? Version, DateTime CreatedUtc, string WeightsSha256);

public sealed record ExportedScaler(string Kind, IReadOnlyList<double> Center, IReadOnlyList<double> Scale)
{
    public static ExportedScaler Of(FeatureScaler scaler)
    {
        ArgumentNullException.ThrowIfNull(scaler);
        return new(scaler.Kind.ToString().ToLowerInvariant(), scaler.Center, scaler.Scale);
    }

    /// <summary>A target scaler with one entry per output column: each quantile column is in its target's units.</summary>
    public static ExportedScaler PerOutput(FeatureScaler scaler, ForecastHeads heads)
    {
        ArgumentNullException.ThrowIfNull(scaler);
        ArgumentNullException.ThrowIfNull(heads);
        return new(scaler.Kind.ToString().ToLowerInvariant(), heads.PerOutput(scaler.Center), heads.PerOutput(scaler.Scale));
    }
}

/// <summary>How the target values become the forecast: <see cref="Rule"/> is one word, <see cref="Formula"/> says it exactly.</summary>
public sealed record ExportedDecoding(string Rule, string Formula)
{
    public static ExportedDecoding Of(ForecastKind kind, bool logVolatility = false) => kind switch
    {
        ForecastKind.Volatility when logVolatility => new("volatility_from_log",
            "forecast = exp(target), target = ln of the sample std of the next horizon log returns"),
        ForecastKind.Close or ForecastKind.Ohlc => new("price_from_log_return",
            "forecast[i] = last_close * exp(target[i]), last_close = the close of the window's last candle; change = forecast[close] / last_close - 1"),
        ForecastKind.Volatility => new("volatility_at_least_zero", "forecast = max(target, 0), the sample std of the next horizon log returns"),
        _ => new("softmax_probabilities", "forecast = softmax(logits) over bearish, neutral, bullish; the largest is the regime"),
    };
}

/// <summary>The ONNX file and its interface (shapes use "batch" for the free dimension).</summary>
public sealed record ExportedOnnx(string File, long IrVersion, long Opset, IReadOnlyList<ExportedTensor> Inputs, IReadOnlyList<ExportedTensor> Outputs);

public sealed record ExportedTensor(string Name, string Type, IReadOnlyList<string> Shape, string Meaning);

/// <summary>The state dictionary (torch.load) and the module that defines the network with the same parameter names.</summary>
public sealed record ExportedPyTorch(string StateDict, string Module, string ModuleClass, string Usage);

/// <summary>
/// <c>ensemble.json</c> at the top of an exported ensemble: its members' export folders (each with its own
/// export.json) and how <c>predict</c> combines their outputs.
/// </summary>
public sealed record ExportedEnsemble(
    int FormatVersion, string Name, string Symbol, string Interval, string Kind, int Horizon, IReadOnlyList<string> Targets,
    string BundleVersion, string Format, IReadOnlyList<ExportedEnsembleMember> Members, string Combine)
{
    public const int CurrentFormatVersion = 1;
}

/// <summary>One member of an exported ensemble: its architecture, training seed and folder (relative to the export).</summary>
public sealed record ExportedEnsembleMember(string Model, long Seed, string Folder, string Description);

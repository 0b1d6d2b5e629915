namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>predict</c> invocation.</summary>
internal sealed record PredictRequest
{
    /// <summary>Symbol, interval, model, candles, folders, device and --json.</summary>
    public RunSelection Run { get; init; } = new();

    public const string LibTorchEngine = "libtorch";
    public const string OnnxEngine = "onnx";

    public double Threshold { get; init; } = Core.Prediction.Predictor.DefaultThreshold;

    /// <summary>--engine: <see cref="LibTorchEngine"/> or <see cref="OnnxEngine"/>.</summary>
    public string Engine { get; init; } = LibTorchEngine;

}

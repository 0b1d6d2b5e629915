namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>predict</c> invocation.</summary>
internal sealed record PredictRequest
{
    /// <summary>Symbol, interval, model, candles, folders, device and --json.</summary>
    public RunSelection Run { get; init; } = new();

    public double Threshold { get; init; } = Core.Prediction.Predictor.DefaultThreshold;

    /// <summary>--engine: libtorch or onnx (<see cref="InferenceEngineOption"/>).</summary>
    public string Engine { get; init; } = InferenceEngineOption.LibTorch;

}

namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>predict</c> invocation.</summary>
internal sealed record PredictRequest
{
    public string Symbol { get; init; } = "BTCUSDT";

    public bool SymbolGiven { get; init; }

    public string Interval { get; init; } = "1h";

    public bool IntervalGiven { get; init; }

    public string Model { get; init; } = Core.Models.ModelCatalog.DefaultName;

    public string? DataFile { get; init; }

    public string DataDir { get; init; } = "data";

    public string ModelsDir { get; init; } = "models";

    public double Threshold { get; init; } = Core.Prediction.Predictor.DefaultThreshold;

    public string Device { get; init; } = "auto";

    public bool Json { get; init; }
}

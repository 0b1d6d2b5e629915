namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>evaluate</c> invocation.</summary>
internal sealed record EvaluateRequest
{
    public string Symbol { get; init; } = "BTCUSDT";

    public bool SymbolGiven { get; init; }

    public string Interval { get; init; } = "1h";

    public bool IntervalGiven { get; init; }

    public string Model { get; init; } = Core.Models.ModelCatalog.DefaultName;

    /// <summary>Candles to score every sample of; null scores the test part of the default file.</summary>
    public string? DataFile { get; init; }

    public string DataDir { get; init; } = "data";

    public string ModelsDir { get; init; } = "models";

    public string Device { get; init; } = "auto";

    public bool Json { get; init; }

    /// <summary>HTML report to write; null for none.</summary>
    public string? Report { get; init; }
}

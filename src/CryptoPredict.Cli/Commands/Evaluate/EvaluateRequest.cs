namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>evaluate</c> invocation.</summary>
internal sealed record EvaluateRequest
{
    /// <summary>Symbol, interval, model, candles (--data: every sample of that file is scored), folders, device and --json.</summary>
    public RunSelection Run { get; init; } = new();

    /// <summary>HTML report to write; null for none.</summary>
    public string? Report { get; init; }
}

namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>pipeline</c> invocation.</summary>
internal sealed record PipelineRequest
{
    /// <summary>Symbol, interval, model, candles, folders, device and --json, for every step.</summary>
    public RunSelection Run { get; init; } = new();

    /// <summary>The training settings given; null ones are the model's defaults.</summary>
    public Core.Training.TrainingOverrides Settings { get; init; } = new();

    /// <summary>Trade the test part after evaluating it.</summary>
    public bool Backtest { get; init; }

    /// <summary>The command line as typed, recorded with the run lock of the train step.</summary>
    public string CommandLine { get; init; } = "cryptopredict pipeline";
}

namespace CryptoPredict.Cli.Commands;

/// <summary>The typed options of one <c>drift</c> invocation.</summary>
internal sealed record DriftRequest
{
    /// <summary>Symbol, interval, model, candles, folders, device (for --retrain) and --json.</summary>
    public RunSelection Run { get; init; } = new();

    public double PsiThreshold { get; init; } = Core.Drift.DriftCheck.DefaultPsiThreshold;

    /// <summary>Retrain the model on the candles when drift is found.</summary>
    public bool Retrain { get; init; }

    /// <summary>The command line, recorded with the run lock a retraining takes.</summary>
    public string CommandLine { get; init; } = "cryptopredict drift";
}

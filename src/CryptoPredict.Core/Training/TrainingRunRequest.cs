namespace CryptoPredict.Core.Training;

/// <summary>What <c>train</c> was asked to do: which run, with which settings, starting or resuming, and where its files go.</summary>
public sealed record TrainingRunRequest
{
    public required string Symbol { get; init; }

    /// <summary>Canonical interval text (e.g. <c>1h</c>).</summary>
    public required string Interval { get; init; }

    /// <summary>A catalog model name.</summary>
    public required string Model { get; init; }

    public TrainingOverrides Settings { get; init; } = new();

    /// <summary>Continue the run in the checkpoint folder instead of starting a new one.</summary>
    public bool Resume { get; init; }

    /// <summary>With <see cref="Resume"/>: continue although the candles differ from the checkpoint's (its scalers are kept).</summary>
    public bool Force { get; init; }

    /// <summary>Root of the checkpoint folders; the run's is <c>CHECKPOINTS/SYMBOL_INTERVAL_MODEL</c>.</summary>
    public required string CheckpointsRoot { get; init; }

    /// <summary>Root of the model bundles; the run's is <c>MODELS/SYMBOL_INTERVAL_MODEL</c>.</summary>
    public required string ModelsRoot { get; init; }

    /// <summary>An ensemble member's own checkpoint folder instead of <c>CHECKPOINTS/SYMBOL_INTERVAL_MODEL</c>.</summary>
    internal string? CheckpointDirectory { get; init; }

    /// <summary>An ensemble's bundle folder instead of <c>MODELS/SYMBOL_INTERVAL_MODEL</c>.</summary>
    internal string? ModelDirectory { get; init; }

    /// <summary>False for an ensemble member: the run returns its description and best weights instead of publishing them.</summary>
    internal bool Publish { get; init; } = true;

    /// <summary>The command line, recorded with the run lock so a blocked process can say who holds it.</summary>
    public string Command { get; init; } = "train";
}

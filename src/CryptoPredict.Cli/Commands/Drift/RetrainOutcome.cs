using CryptoPredict.Core.Failures;

namespace CryptoPredict.Cli.Commands;

/// <summary>What <c>drift --retrain</c> did about the drift it found.</summary>
/// <param name="Status"><c>not_needed</c> (no drift), <c>retrained</c>, <c>failed</c> (the current model is kept) or <c>cancelled</c>.</param>
/// <param name="Version">The version the retraining published (retrained only).</param>
/// <param name="ModelDirectory">The run folder it published into (retrained only).</param>
/// <param name="Failure">Why it failed (failed only).</param>
internal sealed record RetrainOutcome(string Status, string? Version = null, string? ModelDirectory = null, Failure? Failure = null)
{
    public static RetrainOutcome NotNeeded { get; } = new("not_needed");

    public static RetrainOutcome Cancelled { get; } = new("cancelled");
}

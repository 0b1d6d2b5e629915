namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// One run folder of a models folder as <see cref="ModelRegistry"/> lists it: its current bundle, or the error that
/// kept it from loading (then <see cref="Bundle"/> is null). For an ensemble <see cref="Ensemble"/> is set and
/// <see cref="Bundle"/> is its first member (the members share symbol, interval and training data).
/// </summary>
/// <param name="Run">The folder's name, <c>SYMBOL_INTERVAL_MODEL</c>.</param>
/// <param name="Directory">The run folder's full path.</param>
public sealed record RegisteredModel(string Run, string Directory, ModelBundle? Bundle, string? Error)
{
    public EnsembleBundle? Ensemble { get; init; }
}

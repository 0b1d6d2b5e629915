namespace CryptoPredict.Core.Artifacts;

/// <summary>
/// One run folder of a models folder as <see cref="ModelRegistry"/> lists it: its current bundle, or the error that
/// kept it from loading (then <see cref="Bundle"/> is null).
/// </summary>
/// <param name="Run">The folder's name, <c>SYMBOL_INTERVAL_MODEL</c>.</param>
/// <param name="Directory">The run folder's full path.</param>
public sealed record RegisteredModel(string Run, string Directory, ModelBundle? Bundle, string? Error);

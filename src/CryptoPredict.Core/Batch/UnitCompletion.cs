using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Batch;

/// <summary>How a claimed unit's attempt ended, as written to its ledger entry.</summary>
/// <param name="State">Done, Failed, Skipped, or Pending for an attempt that was cancelled.</param>
/// <param name="ExitCode">What <c>train</c> would have exited with for this unit.</param>
/// <param name="Error">The failure or skip reason; null when trained.</param>
/// <param name="Data">The candles the attempt used; null when they could not be read.</param>
public sealed record UnitCompletion(
    UnitState State,
    int ExitCode,
    string? Error,
    DataFingerprint? Data,
    double? SamplesPerSecond = null,
    string? MetricsJson = null,
    string? BundleVersion = null);

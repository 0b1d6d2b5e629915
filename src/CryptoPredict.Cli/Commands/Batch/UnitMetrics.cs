using System.Text.Json;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Cli.Commands;

/// <summary>
/// A trained unit's test metrics, the one place the ledger takes them from: the ones training scored on the test part
/// and recorded in the bundle's model.json (<see cref="TrainingRunResult.TestMetrics"/>), per target the model next
/// to its baseline, keyed by target name, plus the number of test samples and their range.
/// </summary>
internal static class UnitMetrics
{
    /// <summary>The metrics as JSON; null when training could score no test sample (it said so in the unit's log).</summary>
    public static string? Measure(TrainingRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.TestMetrics is not { } metrics)
        {
            return null;
        }

        var targets = metrics.Targets.ToDictionary(t => t.Name, t => t, StringComparer.Ordinal);
        return JsonSerializer.Serialize(new { test_samples = metrics.Samples, from = metrics.From, to = metrics.To, targets }, CliJson.Options);
    }
}

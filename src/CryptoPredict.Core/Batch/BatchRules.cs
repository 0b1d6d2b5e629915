using System.Globalization;
using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// Which units a run trains, from their ledger entries: new and unfinished ones, done ones whose candles changed
/// (with <see cref="OnlyStale"/>: only done ones with newer candles), failed ones with <see cref="RetryFailed"/>,
/// everything with <see cref="Force"/>. The same for both ledgers, decided while the unit is exclusively held.
/// <para>
/// A unit whose last attempt ended after <see cref="Since"/> (the start of this batch, shared by its worker
/// processes) was already attempted in this batch, by another worker: it is not attempted again, or --force and
/// --retry-failed would train it once per worker.
/// </para>
/// </summary>
public sealed record BatchRules(bool Force = false, bool OnlyStale = false, bool RetryFailed = false, DateTimeOffset? Since = null)
{
    /// <param name="entry">The unit's entry.</param>
    /// <param name="reclaimed">The entry is the running row of a worker that died.</param>
    /// <param name="data">The candles now, or null when they cannot be read (the attempt then records why).</param>
    public ClaimDecision Decide(LedgerEntry entry, bool reclaimed, DataFingerprint? data)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Since is { } since && entry.EndedUtc >= since)
        {
            switch (entry.State)
            {
                case UnitState.Done:
                    return new ClaimDecision(ClaimVerdict.Skip, $"trained during this batch, by {entry.Worker}");
                case UnitState.Failed:
                    return new ClaimDecision(ClaimVerdict.KeepFailed, Invariant($"failed during this batch (exit {entry.ExitCode}): {entry.Error}"));
                case UnitState.Skipped:
                    return new ClaimDecision(ClaimVerdict.Skip, entry.Error ?? "skipped during this batch");
            }
        }

        if (Force)
        {
            return new ClaimDecision(ClaimVerdict.Train, "--force");
        }

        var sameData = data is not null && entry.Data is not null && string.Equals(entry.Data.Sha256, data.Sha256, StringComparison.Ordinal);
        switch (entry.State)
        {
            case UnitState.Done when data is null || entry.Data is null:
                return new ClaimDecision(ClaimVerdict.Train, "the candles it was trained on are not known");
            case UnitState.Done when OnlyStale:
                return data.Last > entry.Data.Last
                    ? new ClaimDecision(ClaimVerdict.Train, Invariant($"new candles: trained up to {entry.Data.Last:yyyy-MM-dd HH:mm}, now up to {data.Last:yyyy-MM-dd HH:mm} UTC"))
                    : new ClaimDecision(ClaimVerdict.Skip, Invariant($"no new candles since {entry.Data.Last:yyyy-MM-dd HH:mm} UTC (--only-stale)"));
            case UnitState.Done when sameData:
                return new ClaimDecision(ClaimVerdict.Skip, $"up to date: trained on these candles ({entry.Data})");
            case UnitState.Done:
                return new ClaimDecision(ClaimVerdict.Train, $"the candles changed: trained on {entry.Data}, now {data}");
            case UnitState.Failed when !RetryFailed:
                return new ClaimDecision(ClaimVerdict.KeepFailed,
                    Invariant($"failed in attempt {entry.Attempts} (exit {entry.ExitCode}): {entry.Error} Not retried without --retry-failed."));
            case UnitState.Failed:
                return new ClaimDecision(ClaimVerdict.Train, "--retry-failed");
            default:
                if (OnlyStale)
                {
                    return new ClaimDecision(ClaimVerdict.Skip, "not trained yet: --only-stale retrains only trained units whose candles have new ones");
                }

                // An attempt that never finished (its worker died, or it was cancelled) continues its checkpoint,
                // unless the candles are not the ones it started on.
                var unfinished = reclaimed || (entry.State == UnitState.Pending && entry.Attempts > 0);
                var reason = reclaimed ? $"reclaimed from {entry.Worker}, which stopped while training it"
                    : entry.State == UnitState.Skipped ? "skipped before; trying again"
                    : unfinished ? "continuing an attempt that did not finish"
                    : "not trained yet";
                return new ClaimDecision(ClaimVerdict.Train, reason, Resume: unfinished && sameData);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

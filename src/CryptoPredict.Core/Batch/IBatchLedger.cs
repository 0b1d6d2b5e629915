using CryptoPredict.Core.Training;

namespace CryptoPredict.Core.Batch;

/// <summary>
/// The record of every unit of the batches run over one models folder, and the arbiter of who trains which: a unit
/// is claimed by one worker at a time, and a worker that dies (kill -9, a lost machine) frees its units without
/// anyone's help, so the next run reclaims them. <see cref="SqliteBatchLedger"/> serves one machine,
/// <see cref="PostgresBatchLedger"/> many. Both pass the same contract tests.
/// </summary>
public interface IBatchLedger : IDisposable
{
    /// <summary>The database, for messages (a file path or a URL without password).</summary>
    string Location { get; }

    /// <summary>Adds the units not in the ledger yet as pending; existing entries are left as they are.</summary>
    void Register(IEnumerable<BatchUnit> units);

    /// <summary>Every entry, by name.</summary>
    IReadOnlyList<LedgerEntry> Entries();

    LedgerEntry? Find(string name);

    /// <summary>
    /// Makes <paramref name="unit"/> (registered first) exclusively ours, or answers <see cref="ClaimBusy"/> when a
    /// live worker has it. Then <paramref name="decide"/> gets its entry and whether that entry is the running row
    /// of a dead worker; on <see cref="ClaimVerdict.Train"/> the entry becomes running (attempts + 1, this worker,
    /// now, <paramref name="data"/>) and the claim is kept until completed or abandoned.
    /// </summary>
    ClaimResult TryClaim(BatchUnit unit, DataFingerprint? data, Func<LedgerEntry, bool, ClaimDecision> decide);

    /// <summary>Writes how the attempt ended and releases the claim.</summary>
    void Complete(UnitClaim claim, UnitCompletion completion);

    /// <summary>Restores the entry as it was before the claim (the unit turned out to be busy elsewhere) and releases it.</summary>
    void Abandon(UnitClaim claim);
}
